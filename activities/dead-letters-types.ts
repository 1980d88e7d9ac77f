/**
 * Named input and result types of the dead-letter replay activities. Workflows import these
 * types only; what travels through workflow history is ids, cursors and counts, never a
 * payload or a message (messages quote the vendor's values).
 */

/** Which open dead letters of a tenant a replay reads. */
export type ReplaySelection =
  | { kind: 'ids'; ids: number[] }
  | { kind: 'channels'; channels: string[] }
  | { kind: 'all' };

export interface ReplayCounts {
  /** Open letters read. */
  replayed: number;
  /** Mapped with today's code, and the order was new to the store. */
  inserted: number;
  /** Mapped, and the stored order was rewritten. */
  updated: number;
  /** Mapped, and the store already held exactly that order. */
  unchanged: number;
  /** Mapped, but the store already held a newer version of the order: nothing written. */
  superseded: number;
  /** Still rejected: left open with the new error. */
  stillFailing: number;
}

export interface StartDeadLettersReplayInput {
  tenant: string;
  /** The channel selector or `all`, as the workflow id and CaravanChannel name it. */
  scope: string;
  selection: ReplaySelection;
  workflowId: string;
  /** The first run id of the replay (stable across continue-as-new). */
  runId: string;
}

export interface StartDeadLettersReplayResult {
  startedAt: string;
  /** Open, replayable letters the selection matched when the replay started. */
  open: number;
}

export interface ReplayDeadLettersPageInput {
  tenant: string;
  /** For `ids`, only this page's ids. */
  selection: ReplaySelection;
  /** Keyset cursor: letters with a greater id (channels and all). */
  afterId?: number;
  pageSize: number;
  /** 1-based, for logs. */
  page: number;
  workflowId: string;
  runId: string;
  /** Who asked for the replay (kept on the letters it resolves). */
  requestedBy?: string;
}

export interface ReplayDeadLettersPageResult {
  /** The greatest id read; the next page starts after it. */
  lastId?: number;
  /** Whether a next page may hold more letters. */
  more: boolean;
  counts: ReplayCounts;
}

export interface FinishDeadLettersReplayInput {
  tenant: string;
  scope: string;
  pages: number;
  startedAt: string;
  workflowId: string;
  runId: string;
}

export interface FinishDeadLettersReplayResult {
  finishedAt: string;
  durationMs: number;
  /** Counted from the letters this run touched (exact even when a page was retried). */
  totals: ReplayCounts;
}

export interface RecordDeadLettersReplayFailureInput extends FinishDeadLettersReplayInput {
  status: 'failed' | 'cancelled';
  error: string;
}

export interface DeadLettersActivities {
  /** Records the run as started and counts what it will read. */
  startDeadLettersReplay(input: StartDeadLettersReplayInput): Promise<StartDeadLettersReplayResult>;
  /** Maps one page of letters again, writes what now maps, records the rest's new error. */
  replayDeadLettersPage(input: ReplayDeadLettersPageInput): Promise<ReplayDeadLettersPageResult>;
  finishDeadLettersReplay(input: FinishDeadLettersReplayInput): Promise<FinishDeadLettersReplayResult>;
  recordDeadLettersReplayFailure(input: RecordDeadLettersReplayFailureInput): Promise<void>;
}
