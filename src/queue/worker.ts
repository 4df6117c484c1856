/**
 * BullMQ's Worker with two additions. A job whose stored data is not JSON (written by a
 * foreign producer or by hand) makes BullMQ throw before the processor runs, so the job
 * stays active until its lock expires and comes back as stalled, forever; here such a job
 * reaches the processor stage and fails at once, permanently, with the reason. And the
 * worker knows the jobs it holds, so a drain that runs out of time can hand them back.
 * A job handed out again too often after its worker vanished fails as STALLED with a
 * reason an operator can act on, not BullMQ's bare "stalled more than allowable limit".
 */
import { UnrecoverableError, Worker, type Job, type JobJson } from 'bullmq';
import type { ErrorCode } from '../errors.js';

export const BAD_JOB_DATA: ErrorCode = 'BAD_JOB_DATA';
/** Characters of the unreadable data kept for the operator. */
export const PREVIEW_CHARS = 200;
export const STALLED: ErrorCode = 'STALLED';
/** What BullMQ's stalled check marks a job with once it stalled more than maxStalledCount times. */
export const BULLMQ_STALLED_REASON = 'job stalled more than allowable limit';

export function stalledReason(queue: string, jobId: string, maxStalls: number): string {
  return `${STALLED}: ${queue} job ${jobId} was handed out again more than ${maxStalls} time(s) after its worker stopped answering (killed, crashed, or Redis away longer than NEWSINT_LOCK_DURATION); not tried again (NEWSINT_MAX_STALLS). If no worker was stopped, this job may be what crashes them; otherwise enqueue it again`;
}

export class PipelineWorker extends Worker {
  /** Jobs whose data could not be parsed, with the parser's complaint. */
  private readonly unreadable = new WeakMap<Job, { complaint: string; preview: string }>();

  protected override createJob(json: JobJson, jobId: string): Job {
    try {
      const job = super.createJob(json, jobId);
      // BullMQ fails such a job when a worker next takes it, with this text as the reason.
      if (job.deferredFailure === BULLMQ_STALLED_REASON) job.deferredFailure = stalledReason(this.name, jobId, this.opts.maxStalledCount ?? 1);
      return job;
    } catch (err) {
      const job = super.createJob({ ...json, data: 'null' }, jobId);
      const complaint = err instanceof Error ? err.message : String(err);
      this.unreadable.set(job, { complaint, preview: String(json.data ?? '').slice(0, PREVIEW_CHARS) });
      return job;
    }
  }

  /** Jobs this worker is processing now, with the lock token that proves it holds them. */
  private readonly held = new Map<Job, string>();

  /** How many jobs this worker is processing now. */
  get activeCount(): number {
    return this.held.size;
  }

  protected override async callProcessJob(job: Job, token: string, signal?: AbortSignal): Promise<unknown> {
    const bad = this.unreadable.get(job);
    if (bad !== undefined) return this.refuse(job, bad.complaint, bad.preview);
    this.held.set(job, token);
    try {
      return await super.callProcessJob(job, token, signal);
    } finally {
      this.held.delete(job);
    }
  }

  /**
   * Put every job still being processed back on the waiting list at once, as if never
   * started (its lock is released, no attempt is spent, it does not count as stalled).
   * For a worker that stops before its jobs finish: another worker takes them now instead
   * of after the lock expires. Returns how many went back; a job whose lock this worker
   * no longer holds is left where it is (the stalled check owns it).
   */
  async handBack(): Promise<number> {
    let returned = 0;
    for (const [job, token] of [...this.held]) {
      this.held.delete(job);
      try {
        await job.moveToWait(token);
        returned++;
      } catch {
        // lock lost meanwhile (Redis down or the job already taken over): the stalled check hands it out
      }
    }
    return returned;
  }

  /** Store JSON in place of the bytes (so every reader of failed jobs can load it), then fail for good. */
  private async refuse(job: Job, complaint: string, preview: string): Promise<never> {
    await job.updateData({ unreadableData: preview }).catch(() => undefined);
    throw new UnrecoverableError(`${BAD_JOB_DATA}: ${this.name} job ${job.id} holds data that is not JSON (${complaint}); fix its producer (the first ${PREVIEW_CHARS} characters are kept as unreadableData)`);
  }
}
