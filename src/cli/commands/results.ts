/**
 * `newsint results [--follow] [--out FILE] [--format F]`: take records off the results queue.
 * A record leaves Redis only after its output is written (and synced, with --out). With
 * --follow, a progress line on stderr every few seconds says how many came and how fast.
 */
import type { Command } from 'commander';
import { open, type FileHandle } from 'node:fs/promises';
import { consumeResults } from '../../api.js';
import { NewsintError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';
import { createRecordOutput, FORMAT_HELP, isOutputFormat, OUTPUT_FORMATS } from '../output.js';
import { registerResultsFailed } from './results-failed.js';

/** How often --follow reports progress on stderr (only when something changed). */
export const PROGRESS_EVERY_MS = 5_000;

function writeStdout(line: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(line, (err) => (err ? reject(err) : resolve())));
}

export function registerResults(program: Command): void {
  const cmd = program
    .command('results')
    .description('consume article records from the results queue as JSON Lines (each removed once written)')
    .option('--follow', 'keep waiting for new records until SIGINT/SIGTERM, reporting progress on stderr')
    .option('--out <file>', 'append to FILE instead of stdout')
    .option('-f, --format <format>', `${FORMAT_HELP}; stix and misp write one bundle or event per record, one a line`);
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  registerResultsFailed(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    const where = typeof opts.out === 'string' ? ` appended to ${opts.out}` : '';
    let file: FileHandle | undefined;
    let count = 0;
    try {
      const format = opts.format ?? 'jsonl';
      if (!isOutputFormat(format)) throw new NewsintError('BAD_INPUT', `--format ${String(format)}: expected one of ${OUTPUT_FORMATS.join(', ')}`);
      if (typeof opts.out === 'string') file = await open(opts.out, 'a');
      const emit = async (chunk: string) => {
        if (file) {
          await file.write(chunk);
          await file.datasync();
        } else await writeStdout(chunk);
      };
      // A stream: each record leaves the queue once written, so stix is one bundle per record.
      const output = createRecordOutput(format, emit, { bundle: 'record' });
      const consumer = await consumeResults(
        async (record) => {
          await output.write(record);
          count++;
        },
        { ...config, follow: Boolean(opts.follow) },
      );
      const started = Date.now();
      let reported = 0;
      const progress = opts.follow
        ? setInterval(() => {
            if (count === reported) return;
            reported = count;
            const perSecond = count / Math.max(1, (Date.now() - started) / 1000);
            process.stderr.write(`newsint results: ${count} record(s)${where} so far, ${perSecond.toFixed(1)}/s; waiting for more (Ctrl-C stops)\n`);
          }, PROGRESS_EVERY_MS)
        : undefined;
      progress?.unref();
      const stop = () => void consumer.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const handled = await consumer.done;
      if (progress) clearInterval(progress);
      await output.end();
      await file?.close();
      process.stderr.write(`${handled} record(s)${where}\n`);
    } catch (err) {
      await file?.close().catch(() => undefined);
      exitWithError(err);
    }
  });
}
