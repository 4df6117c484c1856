#!/usr/bin/env node
/**
 * The `newsint` command line: every subcommand lives in its own module under commands/.
 * Exit status: 0 success, 1 some work failed, 2 bad usage or configuration.
 */
import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { NewsintError } from '../errors.js';
import { packageVersion } from '../package.js';
import * as commands from './commands/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Error codes that mean "the command line or the configuration is wrong", not "the work failed". */
const USAGE_CODES = new Set(['BAD_INPUT', 'BAD_CONFIG', 'REDIS_UNAVAILABLE']);

export function buildProgram(): Command {
  const program = new Command('newsint')
    .description('Security news pages in, threat-intelligence records (JSON) out.')
    .version(packageVersion())
    .showHelpAfterError('(run "newsint --help" for usage)');
  program.configureOutput({ outputError: (str, write) => write(str) });
  // Commander exits by throwing; main() turns its errors into exit status 0 (help) or 2 (usage).
  program.exitOverride();
  for (const register of Object.values(commands)) register(program);
  return program;
}

/** One line for the user, never a stack trace (NEWSINT_DEBUG=1 shows it), and the exit status. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (process.env.NEWSINT_DEBUG) console.error(err);
  if (err instanceof NewsintError) {
    process.stderr.write(`newsint: ${err.code}: ${err.message}\n`);
    return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_FAILED;
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    process.stderr.write(`newsint: invalid value at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? err.message}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`newsint: unexpected error: ${err instanceof Error ? err.message : String(err)} (NEWSINT_DEBUG=1 shows details)\n`);
  return EXIT_FAILED;
}

// A reader that stops early (`newsint extract dir/ | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  process.stderr.write(`newsint: cannot write to stdout: ${err.message}\n`);
  process.exit(EXIT_FAILED);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
