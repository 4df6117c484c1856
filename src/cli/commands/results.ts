/**
 * `newsint results [--follow] [--out FILE]`: take records off the results queue as JSON
 * Lines. A record leaves Redis only after its line is written (and synced, with --out).
 */
import type { Command } from 'commander';
import { open, type FileHandle } from 'node:fs/promises';
import { addConfigOptions, configFromCli, exitWithError } from '../../config.js';
import { assertRedisReachable, createRedis } from '../../queue/connection.js';
import { consumeResults } from '../../queue/results.js';

function writeStdout(line: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(line, (err) => (err ? reject(err) : resolve())));
}

export function registerResults(program: Command): void {
  const cmd = program
    .command('results')
    .description('consume article records from the results queue as JSON Lines (each removed once written)')
    .option('--follow', 'keep waiting for new records until SIGINT/SIGTERM')
    .option('--out <file>', 'append to FILE instead of stdout');
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    let file: FileHandle | undefined;
    try {
      await assertRedisReachable(config.redisUrl);
      if (typeof opts.out === 'string') file = await open(opts.out, 'a');
      const connection = createRedis({ url: config.redisUrl, role: 'worker' });
      const consumer = consumeResults(
        async (record) => {
          const line = JSON.stringify(record) + '\n';
          if (file) {
            await file.write(line);
            await file.datasync();
          } else await writeStdout(line);
        },
        { connection, prefix: config.prefix, follow: Boolean(opts.follow) },
      );
      const stop = () => void consumer.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const count = await consumer.done;
      connection.disconnect();
      await file?.close();
      process.stderr.write(`${count} record(s)${typeof opts.out === 'string' ? ` appended to ${opts.out}` : ''}\n`);
    } catch (err) {
      await file?.close().catch(() => undefined);
      exitWithError(err);
    }
  });
}
