/** `newsint enqueue URL... | -`: queue article URLs for the workers; prints new / duplicate / invalid counts. */
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { addConfigOptions, configFromCli, exitWithError } from '../../config.js';
import { assertRedisReachable, createRedis } from '../../queue/connection.js';
import { enqueueFetchJobs } from '../../queue/enqueue.js';
import { createQueues } from '../../queue/queues.js';

async function* readLines(): AsyncGenerator<string> {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) yield line;
}

export function registerEnqueue(program: Command): void {
  const cmd = program
    .command('enqueue')
    .description('queue article URLs for fetching and extraction ("-" reads one URL a line from stdin); exit 1 when some were invalid')
    .argument('<urls...>', 'article URLs, or - for stdin')
    .option('--source <name>', 'label stored with the jobs');
  addConfigOptions(cmd, ['redisUrl', 'prefix', 'recrawlWindowMs', 'maxUrlLength']);
  cmd.action(async (urls: string[], opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    try {
      const inputs: string[] = [];
      for (const u of urls) {
        if (u === '-') for await (const line of readLines()) inputs.push(line);
        else inputs.push(u);
      }
      await assertRedisReachable(config.redisUrl);
      const connection = createRedis({ url: config.redisUrl });
      const queues = createQueues({ config, connection });
      try {
        const summary = await enqueueFetchJobs(queues, inputs, {
          recrawlWindowMs: config.recrawlWindowMs,
          maxUrlLength: config.maxUrlLength,
          source: typeof opts.source === 'string' ? opts.source : null,
        });
        for (const bad of summary.rejected) process.stderr.write(`invalid: ${bad.code}: ${bad.message}\n`);
        const again = summary.requeued > 0 ? ` (${summary.requeued} of them failed before)` : '';
        process.stdout.write(`${summary.added} new${again}, ${summary.duplicates} duplicates, ${summary.invalid.length} invalid\n`);
        process.exitCode = summary.invalid.length > 0 ? 1 : 0;
      } finally {
        await queues.close();
        connection.disconnect();
      }
    } catch (err) {
      exitWithError(err);
    }
  });
}
