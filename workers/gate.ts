/**
 * The manners every outgoing request of a job goes through: robots.txt, then a per-host
 * slot. A job that must wait is moved to delayed (BullMQ DelayedError), never busy-looped;
 * a 429 pauses the host for all workers.
 */
import { DelayedError, type Job } from 'bullmq';
import { NewsintError } from '../src/errors.js';
import { robotsDisallowed } from '../src/fetch/robots.js';
import type { WorkerContext } from './context.js';

/** Run `request` under robots.txt and politeness; returns what it returns. */
export async function politely<T>(ctx: WorkerContext, job: Job, token: string | undefined, url: string, signal: AbortSignal, request: () => Promise<T>): Promise<T> {
  const verdict = await ctx.robots.check(url, signal);
  if (!verdict.allowed) throw robotsDisallowed(url);
  const permit = await ctx.politeness.acquire(url, `${job.queueName}/${job.id}`, verdict.crawlDelayMs ?? undefined);
  if (!permit.ok) {
    // Says why the job waits, for `newsint status` and the dashboard (src/queue/overview.ts).
    await job.updateProgress({ waitingFor: 'host', host: new URL(url).host });
    await job.moveToDelayed(Date.now() + permit.waitMs, token);
    throw new DelayedError();
  }
  try {
    return await request();
  } catch (err) {
    // A 429 speaks for the whole host: every worker waits, not just this job.
    if (err instanceof NewsintError && err.kind === 'throttled' && err.retryAfterMs) await ctx.politeness.pause(url, err.retryAfterMs);
    throw err;
  } finally {
    await permit.release();
  }
}
