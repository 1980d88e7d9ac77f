/**
 * Feeds and reports move IN_QUEUE → IN_PROGRESS → DONE on the sandbox clock. The phase is
 * computed from the creation time when the job is looked at, so a test clock drives it
 * without timers; durations are divided by the sandbox's timeScale like the bucket refills.
 */
export interface JobTiming {
  /** Seconds in IN_QUEUE, before scaling. */
  readonly queueSeconds: number;
  /** Seconds in IN_PROGRESS, before scaling. */
  readonly progressSeconds: number;
}

export const DEFAULT_JOB_TIMING: JobTiming = { queueSeconds: 30, progressSeconds: 60 };

export type JobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';
export const JOB_STATUSES: readonly JobStatus[] = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'];

export interface JobClock {
  startMs: number;
  endMs: number;
}

export function jobClock(createdMs: number, timing: JobTiming, timeScale: number): JobClock {
  const startMs = createdMs + Math.round((timing.queueSeconds * 1000) / timeScale);
  return { startMs, endMs: startMs + Math.round((timing.progressSeconds * 1000) / timeScale) };
}

/** The phase at `nowMs` of a job that has not ended otherwise. */
export function jobPhase(clock: JobClock, nowMs: number): 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' {
  return nowMs < clock.startMs ? 'IN_QUEUE' : nowMs < clock.endMs ? 'IN_PROGRESS' : 'DONE';
}

/** Numeric job ids in Amazon's style (feeds and reports: 11+ digits). */
export function jobId(prefix: number, counter: number): string {
  return String(prefix * 1_000_000 + counter);
}
