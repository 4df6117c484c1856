/** `newsint enqueue URL... | - | -i FILE`: queue article URLs for the workers; prints new / duplicate / invalid counts. */
import type { Command } from 'commander';
import { enqueueUrls } from '../../api.js';
import { NewsintError } from '../../errors.js';
import { exitWithError, errorLine } from '../errors.js';
import { readInputFile, readLines } from '../lines.js';
import { addConfigOptions, configFromCli } from '../options.js';

export function registerEnqueue(program: Command): void {
  const cmd = program
    .command('enqueue')
    .description('queue article URLs for fetching and extraction ("-" reads one URL a line from stdin, # comments skipped); exit 1 when some were invalid')
    .argument('[urls...]', 'article URLs, or - for stdin')
    .option('-i, --input-file <file>', 'read URLs from FILE, one a line (blank lines and # comments skipped)')
    .option('--source <name>', 'label stored with the jobs');
  addConfigOptions(cmd, ['redisUrl', 'prefix', 'recrawlWindowMs', 'maxUrlLength']);
  cmd.action(async (urls: string[], opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    try {
      const inputs: string[] = [];
      if (typeof opts.inputFile === 'string') inputs.push(...(await readInputFile(opts.inputFile)));
      for (const u of urls) {
        if (u === '-') inputs.push(...(await readLines(process.stdin)));
        else inputs.push(u);
      }
      if (urls.length === 0 && opts.inputFile === undefined) {
        exitWithError(new NewsintError('USAGE', 'give URLs, - for stdin, or -i FILE'));
      }
      const summary = await enqueueUrls(inputs, { ...config, ...(typeof opts.source === 'string' ? { source: opts.source } : {}) });
      for (const bad of summary.rejected) process.stderr.write(errorLine(new NewsintError(bad.code, bad.message), bad.input) + '\n');
      const again = summary.requeued > 0 ? ` (${summary.requeued} of them failed before)` : '';
      process.stdout.write(`${summary.added} new${again}, ${summary.duplicates} duplicates, ${summary.invalid.length} invalid\n`);
      process.exitCode = summary.invalid.length > 0 ? 1 : 0;
    } catch (err) {
      exitWithError(err);
    }
  });
}
