/**
 * One error style for every command, `newsint: <input>: CODE: message` (the input is left
 * out when there is none), and one table from error code to exit status.
 */
import { CommanderError } from 'commander';
import { ZodError } from 'zod';
import { NewsintError } from '../errors.js';

export const EXIT_OK = 0;
/** The work was tried and (some of) it failed: a page, a URL, a record. */
export const EXIT_FAILED = 1;
/** The command could not start: bad usage or configuration, Redis unreachable. */
export const EXIT_USAGE = 2;

/** Codes that mean "fix the command line, the settings or the environment", not "the work failed". */
export const USAGE_CODES: ReadonlySet<string> = new Set(['USAGE', 'BAD_INPUT', 'BAD_CONFIG', 'BAD_URL', 'REDIS_UNAVAILABLE']);

export function exitStatusOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (err instanceof ZodError) return EXIT_USAGE;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && USAGE_CODES.has(code) ? EXIT_USAGE : EXIT_FAILED;
}

/** "CODE: message" of any error; an unknown one is UNEXPECTED (NEWSINT_DEBUG=1 shows its stack). */
export function describeCliError(err: unknown): string {
  if (err instanceof NewsintError) return `${err.code}: ${err.message}`;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return `USAGE: invalid value at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? err.message}`;
  }
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code) && !message.startsWith(code)) return `${code}: ${message}`;
  if (/^[A-Z][A-Z_]+: /.test(message)) return message;
  return `UNEXPECTED: ${message} (NEWSINT_DEBUG=1 shows details)`;
}

/** The one line a command prints for a failure; `input` names the file, URL or job it concerns. */
export function errorLine(err: unknown, input?: string): string {
  return `newsint: ${input ? `${input}: ` : ''}${describeCliError(err)}`;
}

/** Commander's "error: ..." lines in the same style ("newsint: USAGE: ..."). */
export function commanderLine(text: string): string {
  return text.replace(/^error: /, 'newsint: USAGE: ');
}

/** Print the line and exit with the table's status (for failures before any work started). */
export function exitWithError(err: unknown, input?: string): never {
  if (process.env.NEWSINT_DEBUG) console.error(err);
  process.stderr.write(errorLine(err, input) + '\n');
  process.exit(exitStatusOf(err));
}
