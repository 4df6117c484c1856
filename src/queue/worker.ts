/**
 * BullMQ's Worker with one guard: a job whose stored data is not JSON (written by a
 * foreign producer or by hand) makes BullMQ throw before the processor runs, so the job
 * stays active until its lock expires and comes back as stalled, forever. Here such a job
 * reaches the processor stage and fails at once, permanently, with the reason.
 */
import { UnrecoverableError, Worker, type Job, type JobJson } from 'bullmq';

export const BAD_JOB_DATA = 'BAD_JOB_DATA';
/** Characters of the unreadable data kept for the operator. */
export const PREVIEW_CHARS = 200;

export class PipelineWorker extends Worker {
  /** Jobs whose data could not be parsed, with the parser's complaint. */
  private readonly unreadable = new WeakMap<Job, { complaint: string; preview: string }>();

  protected override createJob(json: JobJson, jobId: string): Job {
    try {
      return super.createJob(json, jobId);
    } catch (err) {
      const job = super.createJob({ ...json, data: 'null' }, jobId);
      const complaint = err instanceof Error ? err.message : String(err);
      this.unreadable.set(job, { complaint, preview: String(json.data ?? '').slice(0, PREVIEW_CHARS) });
      return job;
    }
  }

  protected override callProcessJob(job: Job, token: string, signal?: AbortSignal): Promise<unknown> {
    const bad = this.unreadable.get(job);
    if (bad !== undefined) return this.refuse(job, bad.complaint, bad.preview);
    return super.callProcessJob(job, token, signal);
  }

  /** Store JSON in place of the bytes (so every reader of failed jobs can load it), then fail for good. */
  private async refuse(job: Job, complaint: string, preview: string): Promise<never> {
    await job.updateData({ unreadableData: preview }).catch(() => undefined);
    throw new UnrecoverableError(`${BAD_JOB_DATA}: ${this.name} job ${job.id} holds data that is not JSON (${complaint}); fix its producer (the first ${PREVIEW_CHARS} characters are kept as unreadableData)`);
  }
}
