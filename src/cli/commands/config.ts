/** `newsint config`: the effective configuration (environment, then flags), one line per field. */
import type { Command } from 'commander';
import { addConfigOptions, CONFIG_FIELDS, loadConfig, overridesFromOptions, redactUrl, type ConfigKey } from '../../config.js';
import { describeError } from '../../errors.js';

export function registerConfig(program: Command): void {
  const cmd = program
    .command('config')
    .description('print the effective pipeline configuration (environment variables, overridden by flags); exit 2 on a bad value')
    .option('--json', 'print one JSON object instead of KEY=value lines');
  addConfigOptions(cmd);
  cmd.action((opts: Record<string, unknown>) => {
    let config;
    try {
      config = loadConfig(process.env, overridesFromOptions(opts));
    } catch (err) {
      process.stderr.write(describeError(err) + '\n');
      process.exit(2);
    }
    const shown = { ...config, redisUrl: redactUrl(config.redisUrl) };
    if (opts.json) {
      process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
      return;
    }
    for (const key of Object.keys(CONFIG_FIELDS) as ConfigKey[]) {
      const value = shown[key];
      const text = Array.isArray(value) ? value.join(',') : String(value);
      process.stdout.write(`${CONFIG_FIELDS[key].env}=${text}\n`);
    }
  });
}
