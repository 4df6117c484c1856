#!/usr/bin/env node
/**
 * The `newsint` command line: every subcommand lives in its own module under commands/.
 * Exit status: see cli/errors.ts (0 success, 1 some work failed, 2 bad usage, configuration or Redis).
 */
import { Command } from 'commander';
import { packageVersion } from '../package.js';
import * as commands from './commands/index.js';
import { commanderLine, errorLine, EXIT_FAILED, EXIT_OK, exitStatusOf } from './errors.js';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('newsint')
    .description('Security news pages in, threat-intelligence records (JSON) out.')
    .version(packageVersion())
    .showHelpAfterError('(run "newsint --help" for usage)');
  program.configureOutput({ outputError: (str, write) => write(commanderLine(str)) });
  // Commander exits by throwing; main() turns its errors into exit status 0 (help) or 2 (usage).
  program.exitOverride();
  for (const register of Object.values(commands)) register(program);
  return program;
}

/** One line for the user, never a stack trace (NEWSINT_DEBUG=1 shows it), and the exit status. */
export function reportError(err: unknown): number {
  const status = exitStatusOf(err);
  // Commander printed its own line already.
  if ((err as { code?: unknown }).code?.toString().startsWith('commander.')) return status;
  if (process.env.NEWSINT_DEBUG) console.error(err);
  process.stderr.write(errorLine(err) + '\n');
  return status;
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
