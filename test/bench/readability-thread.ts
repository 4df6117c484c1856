/**
 * Readability 0.6 + jsdom for the extract bench, in a worker thread of its own. jsdom keeps
 * 3-5 MB of every modern page after `window.close()` (jsdom issue #1682: the page's vm
 * context stays reachable), so a few timing rounds over the modern dev set would fill the
 * bench process's heap; a thread is thrown away with all it kept. The bench calls it
 * synchronously, so the sides stay interleaved page by page.
 */
import { receiveMessageOnPort, MessageChannel, Worker, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

interface Request {
  html: string;
  url: string | undefined;
}

/** Text length Readability finds on the page (0 when it finds none). */
export function readability({ html, url }: Request): number {
  // A silent console: jsdom reports every stylesheet it cannot parse.
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
  } finally {
    dom.window.close();
  }
}

/** A Readability thread that answers one page at a time, synchronously (the caller blocks). */
export class ReadabilityThread {
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL(import.meta.url), { workerData: { port: port2, done: this.done }, transferList: [port2] });
  }

  parse(html: string, url: string | undefined): number {
    Atomics.store(this.done, 0, 0);
    this.port.postMessage({ html, url } satisfies Request);
    Atomics.wait(this.done, 0, 0);
    const reply = receiveMessageOnPort(this.port)?.message as { length?: number; error?: string } | undefined;
    if (!reply || reply.error !== undefined) throw new Error(`Readability thread failed: ${reply?.error ?? 'no answer'}`);
    return reply.length ?? 0;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

if (parentPort && workerData?.port) {
  const { port, done } = workerData as { port: MessagePort; done: Int32Array };
  port.on('message', (req: Request) => {
    let reply: { length?: number; error?: string };
    try {
      reply = { length: readability(req) };
    } catch (err) {
      reply = { error: String((err as Error)?.stack ?? err) };
    }
    port.postMessage(reply);
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  });
}
