/**
 * An extraction error crosses two boundaries before BullMQ decides whether to retry: the
 * worker thread (structured clone) and the sandbox process (BullMQ's errorToJSON, which copies
 * own properties). Its code and kind must survive both: a permanent failure stays permanent.
 */
import { MessageChannel } from 'node:worker_threads';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromErrorRecord, NewsintError, toErrorRecord, type ErrorRecord } from '../../src/errors.js';
import { toWorkerError } from '../../src/queue/retry.js';
import { extractAndPublish } from '../../workers/extract.js';

/** Through a real MessagePort, as the extraction thread replies. */
async function throughThread(err: unknown): Promise<Error> {
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<ErrorRecord>((resolve) => port2.once('message', resolve));
  port1.postMessage(toErrorRecord(err));
  const record = await received;
  port1.close();
  return fromErrorRecord(record);
}

/** What BullMQ's sandbox sends to the parent: every own property, through JSON. */
function throughProcess(err: Error): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(err)) own[name] = (err as unknown as Record<string, unknown>)[name];
  return JSON.parse(JSON.stringify(own)) as Record<string, unknown>;
}

describe('errors across the extraction boundaries', () => {
  it('a permanent NewsintError stays permanent, with its code, after the thread and the process', async () => {
    const original = new NewsintError('TOO_LARGE', 'the record of http://127.0.0.1/a is larger than the cap', { kind: 'permanent', url: 'http://127.0.0.1/a' });
    const afterThread = await throughThread(original);
    expect(afterThread).toBeInstanceOf(NewsintError);
    expect(afterThread).toMatchObject({ code: 'TOO_LARGE', kind: 'permanent', url: 'http://127.0.0.1/a' });

    const forBullmq = toWorkerError(afterThread);
    expect(forBullmq).toBeInstanceOf(UnrecoverableError);
    const inParent = throughProcess(forBullmq);
    // BullMQ's Job.moveToFailed treats err.name == 'UnrecoverableError' as final.
    expect(inParent).toMatchObject({ name: 'UnrecoverableError', code: 'TOO_LARGE', kind: 'permanent' });
    expect(inParent.message).toBe('TOO_LARGE: the record of http://127.0.0.1/a is larger than the cap');
  });

  it('a throttled error keeps its Retry-After; a transient one its code', async () => {
    const throttled = await throughThread(new NewsintError('RATE_LIMITED', 'slow down', { kind: 'throttled', retryAfterMs: 5000, status: 429 }));
    expect(throughProcess(toWorkerError(throttled))).toMatchObject({ code: 'RATE_LIMITED', kind: 'throttled', retryAfterMs: 5000 });
    const transient = await throughThread(new NewsintError('NETWORK', 'reset', { kind: 'transient' }));
    expect(throughProcess(toWorkerError(transient))).toMatchObject({ code: 'NETWORK', kind: 'transient' });
  });

  it('a schema violation raised in the thread is permanent SCHEMA_VIOLATION', async () => {
    const zodError = z.object({ id: z.string() }).safeParse({ id: 1 }).error!;
    const afterThread = await throughThread(zodError);
    expect(afterThread).toMatchObject({ code: 'SCHEMA_VIOLATION', kind: 'permanent' });
    const failure = await extractAndPublish(
      { url: 'http://127.0.0.1/a', finalUrl: 'http://127.0.0.1/a', fetchedAt: new Date().toISOString(), html: '<p>x</p>', source: 'enqueue' },
      { publish: async () => {}, extract: () => Promise.reject(afterThread), limits: { maxExtractBytes: 1e7, maxRecordBytes: 1e7 } },
    ).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toMatch(/^SCHEMA_VIOLATION: /);
  });

  it('an unknown error stays a plain transient Error with its message', async () => {
    const plain = await throughThread(new TypeError('boom'));
    expect(plain).not.toBeInstanceOf(NewsintError);
    expect(plain.message).toBe('boom');
  });
});
