#!/usr/bin/env node
/** The `newsint` command line: every subcommand lives in its own module under commands/. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import * as commands from './commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('newsint')
    .description('Security news pages in, threat-intelligence records (JSON) out.')
    .version(pkg.version)
    .showHelpAfterError('(run "newsint --help" for usage)');
  program.configureOutput({ outputError: (str, write) => write(str) });
  // Usage mistakes exit 2, as documented.
  program.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
  for (const register of Object.values(commands)) register(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
