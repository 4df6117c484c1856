/**
 * `newsint config`: the effective configuration (environment, then flags), one line per
 * field with durations written as people write them, the User-Agent sites will see, and the
 * same checks `worker` makes before it starts (ranges, metrics address, Redis), so a bad
 * setting shows here first.
 */
import type { Command } from 'commander';
import { CONFIG_FIELDS, formatDuration, isDurationKey, redactUrl, type Config, type ConfigKey } from '../../config.js';
import { parseAllowNets } from '../../fetch/guard.js';
import { defaultUserAgent, DEFAULT_CONTACT_URL } from '../../fetch/user-agent.js';
import { assertRedisReachable } from '../../queue/connection.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

export function effectiveUserAgent(config: Config): string {
  return config.userAgent || defaultUserAgent(config.contactUrl);
}

function shownValue(key: ConfigKey, value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (isDurationKey(key) && typeof value === 'number') return formatDuration(value);
  return String(value);
}

export function registerConfig(program: Command): void {
  const cmd = program
    .command('config')
    .description('print the effective pipeline configuration and check it as `worker` would (exit 2 on a bad value or an unreachable Redis)')
    .option('--json', 'print one JSON object instead of KEY=value lines')
    .option('--offline', 'skip the Redis check (only check the values)');
  addConfigOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    try {
      // What `worker` checks before it starts.
      parseAllowNets(config.allowNets);
      if (config.metricsPort) (await import('../../ops/metrics.js')).parseListen(config.metricsPort);
    } catch (err) {
      exitWithError(err);
    }
    const userAgent = effectiveUserAgent(config);
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ...config, redisUrl: redactUrl(config.redisUrl), effectiveUserAgent: userAgent }, null, 2) + '\n');
    } else {
      for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
        const value = key === 'redisUrl' ? redactUrl(config.redisUrl) : config[key];
        process.stdout.write(`${CONFIG_FIELDS[key].env}=${shownValue(key, value)}\n`);
      }
      process.stdout.write(`# User-Agent sent to sites: ${userAgent}\n`);
    }
    if (config.contactUrl === DEFAULT_CONTACT_URL && !config.userAgent) {
      process.stderr.write(`newsint: warning: NEWSINT_CONTACT_URL is the default (${DEFAULT_CONTACT_URL}); set it to a page of your team so site owners can reach you\n`);
    }
    if (opts.offline) return;
    try {
      await assertRedisReachable(config.redisUrl);
    } catch (err) {
      exitWithError(err);
    }
  });
}
