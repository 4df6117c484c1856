/**
 * `newsint results [--follow] [--out FILE]`: take records off the results queue as JSON
 * Lines. A record leaves Redis only after its line is written (and synced, with --out).
 */
import type { Command } from 'commander';
import { open, type FileHandle } from 'node:fs/promises';
import { addConfigOptions, configFromCli, exitWithError } from '../../config.js';
import { assertRedisReachable, createRedis } from '../../queue/connection.js';
import { consumeResults } from '../../queue/results.js';
import { NewsintError } from '../../errors.js';
import { createRecordOutput, FORMAT_HELP, isOutputFormat, OUTPUT_FORMATS } from '../output.js';
import { registerResultsFailed } from './results-failed.js';

function writeStdout(line: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(line, (err) => (err ? reject(err) : resolve())));
}

export function registerResults(program: Command): void {
  const cmd = program
    .command('results')
    .description('consume article records from the results queue as JSON Lines (each removed once written)')
    .option('--follow', 'keep waiting for new records until SIGINT/SIGTERM')
    .option('--out <file>', 'append to FILE instead of stdout')
    .option('-f, --format <format>', `${FORMAT_HELP}; stix and misp write one bundle or event per record, one a line`);
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  registerResultsFailed(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    let file: FileHandle | undefined;
    try {
      const format = opts.format ?? 'jsonl';
      if (!isOutputFormat(format)) throw new NewsintError('BAD_INPUT', `--format ${String(format)}: expected one of ${OUTPUT_FORMATS.join(', ')}`);
      await assertRedisReachable(config.redisUrl);
      if (typeof opts.out === 'string') file = await open(opts.out, 'a');
      const connection = createRedis({ url: config.redisUrl, role: 'worker' });
      const emit = async (chunk: string) => {
        if (file) {
          await file.write(chunk);
          await file.datasync();
        } else await writeStdout(chunk);
      };
      // A stream: each record leaves the queue once written, so stix is one bundle per record.
      const output = createRecordOutput(format, emit, { bundle: 'record' });
      const consumer = consumeResults(
        (record) => output.write(record),
        { connection, prefix: config.prefix, follow: Boolean(opts.follow) },
      );
      const stop = () => void consumer.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const count = await consumer.done;
      await output.end();
      connection.disconnect();
      await file?.close();
      process.stderr.write(`${count} record(s)${typeof opts.out === 'string' ? ` appended to ${opts.out}` : ''}\n`);
    } catch (err) {
      await file?.close().catch(() => undefined);
      exitWithError(err);
    }
  });
}
