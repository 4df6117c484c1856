/** `newsint dashboard [--port N] [--host H] [--token T]`: the operator's page, until Ctrl-C. */
import type { Command } from 'commander';
import { openMonitor } from '../../api.js';
import { NewsintError } from '../../errors.js';
import { exitWithError } from '../errors.js';
import { addConfigOptions, configFromCli } from '../options.js';

export function registerDashboard(program: Command): void {
  const cmd = program
    .command('dashboard')
    .description('serve a dashboard of the pipeline: queues and rates, failures with a retry button, schedules, latest records; Bull Board under /queues')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8787')
    .option('--host <address>', 'address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--token <secret>', 'access token (env NEWSINT_DASHBOARD_TOKEN); open the page once as /?token=SECRET');
  addConfigOptions(cmd, ['redisUrl', 'prefix']);
  cmd.action(async (opts: Record<string, unknown>) => {
    const config = configFromCli(opts);
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) exitWithError(new NewsintError('USAGE', `--port "${String(opts.port)}": expected a port number such as 8787`));
    const token = typeof opts.token === 'string' ? opts.token : process.env.NEWSINT_DASHBOARD_TOKEN || undefined;
    try {
      const [monitor, { startDashboard }] = await Promise.all([openMonitor(config), import('../../dashboard/server.js')]);
      const dashboard = await startDashboard({ monitor, host: String(opts.host), port, ...(token ? { token } : {}) }).catch(async (err: unknown) => {
        await monitor.close();
        throw err;
      });
      process.stderr.write(`newsint dashboard: ${dashboard.url}${token ? '?token=…' : ''} (Bull Board at ${dashboard.url}queues); Ctrl-C stops\n`);
      const stop = () => {
        void Promise.allSettled([dashboard.close(), monitor.close()]).then(() => process.exit(0));
        // Keep-alive browser connections would hold close() open.
        dashboard.server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    } catch (err) {
      exitWithError(err);
    }
  });
}
