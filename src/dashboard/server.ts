/**
 * `newsint dashboard`: an HTTP server for operators. `/` is newsint's own page (page.ts),
 * `/queues` is Bull Board over the same queues, `/api/overview` the same data as JSON.
 * Bound to 127.0.0.1 by default; on any other address a token is required (given once as
 * `?token=`, then kept in a same-site cookie). Retry is a POST carrying a per-process CSRF
 * value, so another site cannot make a browser retry jobs.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { PipelineMonitor } from '../api.js';
import { NewsintError } from '../errors.js';
import { QUEUE_KEYS, type QueueKey } from '../queue/overview.js';
import { renderMain, renderPage, type PageData } from './page.js';
import { DASHBOARD_SCRIPT } from './script.js';

export const DEFAULT_DASHBOARD_PORT = 8787;
export const DEFAULT_DASHBOARD_HOST = '127.0.0.1';
/** Rows shown: failures (newest first, per queue) and latest records. */
export const FAILURES_SHOWN = 20;
export const RECORDS_SHOWN = 12;
const COOKIE = 'newsint_dashboard';

export interface DashboardOptions {
  monitor: PipelineMonitor;
  host?: string;
  port?: number;
  /** Required when `host` is not a loopback address. */
  token?: string;
}

export interface Dashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export async function startDashboard({ monitor, host = DEFAULT_DASHBOARD_HOST, port = DEFAULT_DASHBOARD_PORT, token }: DashboardOptions): Promise<Dashboard> {
  if (!isLoopback(host) && !token) {
    throw new NewsintError('BAD_CONFIG', `the dashboard on ${host} is reachable from other machines: give --token (or NEWSINT_DASHBOARD_TOKEN), or bind 127.0.0.1`, { kind: 'permanent' });
  }
  const csrf = randomBytes(16).toString('hex');
  const app = express();
  app.disable('x-powered-by');

  if (token) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      const given = typeof req.query.token === 'string' ? req.query.token : undefined;
      if (given && sameSecret(given, token)) {
        res.setHeader('set-cookie', `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
        const url = new URL(req.originalUrl, 'http://x');
        url.searchParams.delete('token');
        res.redirect(303, url.pathname + url.search);
        return;
      }
      const kept = cookieValue(req, COOKIE) ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (kept && sameSecret(kept, token)) return next();
      res.status(401).type('text/plain').send('newsint dashboard: open it with ?token=<the token given to `newsint dashboard --token`>\n');
    });
  }

  const board = new ExpressAdapter();
  board.setBasePath('/queues');
  createBullBoard({ queues: QUEUE_KEYS.map((k) => new BullMQAdapter(monitor.queues[k])), serverAdapter: board, options: { uiConfig: { boardTitle: 'newsint queues' } } });
  app.use('/queues', board.getRouter());

  const pageData = async (notice?: string): Promise<PageData> => {
    const [overview, failures, records] = await Promise.all([monitor.overview(), monitor.failures(FAILURES_SHOWN), monitor.recentRecords(RECORDS_SHOWN)]);
    return { overview, failures: failures.slice(0, FAILURES_SHOWN), records, csrf, auth: '', ...(notice ? { notice } : {}) };
  };
  const page = (res: Response) => res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  const fail = (res: Response, err: unknown) =>
    res.status(503).type('text/plain').send(`newsint dashboard: cannot read the pipeline: ${err instanceof Error ? err.message : String(err)}\n`);

  app.get('/', async (req: Request, res: Response) => {
    try {
      const notice = typeof req.query.notice === 'string' ? req.query.notice.slice(0, 200) : undefined;
      const data = await pageData(notice);
      page(res);
      res.type('html').send(req.query.partial ? renderMain(data) : renderPage(data));
    } catch (err) {
      fail(res, err);
    }
  });
  app.get('/app.js', (_req: Request, res: Response) => {
    res.type('application/javascript').send(DASHBOARD_SCRIPT);
  });
  app.get('/api/overview', async (_req: Request, res: Response) => {
    try {
      const { csrf: _c, auth: _a, ...data } = await pageData();
      res.json(data);
    } catch (err) {
      fail(res, err);
    }
  });
  app.post('/retry', express.urlencoded({ extended: false, limit: '4kb' }), async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.csrf !== 'string' || !sameSecret(body.csrf, csrf)) {
      res.status(403).type('text/plain').send('newsint dashboard: stale or foreign form; reload the page\n');
      return;
    }
    const queue = String(body.queue) as QueueKey;
    const id = String(body.id ?? '');
    if (!QUEUE_KEYS.includes(queue) || !id) {
      res.status(400).type('text/plain').send('newsint dashboard: retry needs a queue and a job id\n');
      return;
    }
    try {
      const ok = await monitor.retry(queue, id);
      const notice = ok ? `Retried ${queue} job ${id}: it is waiting again.` : `${queue} job ${id} is no longer failed (retried or removed already).`;
      res.redirect(303, `./?notice=${encodeURIComponent(notice)}`);
    } catch (err) {
      fail(res, err);
    }
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const addr = server.address() as { address: string; port: number };
  const shownHost = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
