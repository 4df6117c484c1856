/**
 * A real HTTP server on 127.0.0.1 for tests: routes map a path to a handler.
 * Tests serve pages, feeds, robots.txt, redirects, errors and slow bodies through it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** e.g. "http://127.0.0.1:43123" */
  origin: string;
  url(path: string): string;
  /** Add or replace a route while running. */
  route(path: string, handler: Handler): void;
  /** How many requests each path received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serve `body` with a content type; the common case. */
export function send(body: string | Buffer, contentType = 'text/html; charset=utf-8', status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  };
}

export interface ServerOptions {
  /** How long an idle connection stays open (Node's keepAliveTimeout); 1 s unless given. */
  keepAliveMs?: number;
}

export async function startServer(routes: Record<string, Handler> = {}, { keepAliveMs = 1000 }: ServerOptions = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = table.get(path) ?? table.get(req.url ?? '/');
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  server.keepAliveTimeout = keepAliveMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => origin + path,
    route: (path, handler) => void table.set(path, handler),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
