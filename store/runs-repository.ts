import type { Knex } from 'knex';
import { StoreInputError } from './store-errors.js';
import { toOptionalSafeInteger, toSafeInteger, toStoredTimestamp } from './sql-values.js';

export type SyncRunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface RunKey {
  workflowId: string;
  runId: string;
}

export interface RunStartedInput extends RunKey {
  tenant: string;
  channel: string;
  flow: string;
  /** UTC ISO 8601. */
  startedAt: string;
  /** The source time window this run reads, when it has one. */
  windowFrom?: string;
  windowTo?: string;
}

export interface RunCounts {
  /** Vendor pages read. */
  pages: number;
  /** Records fetched from the vendor. */
  fetched: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deadLettered: number;
  /** HTTP 429 responses seen. */
  rateLimited: number;
}

export interface RunFinishedInput extends RunKey, RunCounts {
  status: Exclude<SyncRunStatus, 'running'>;
  finishedAt: string;
  durationMs: number;
  error?: string;
}

export interface SyncRun extends RunKey, RunCounts {
  tenant: string;
  channel: string;
  flow: string;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt?: string;
  windowFrom?: string;
  windowTo?: string;
  durationMs?: number;
  error?: string;
}

interface RunRow {
  workflow_id: string;
  run_id: string;
  tenant: string;
  channel: string;
  flow: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  window_from: string | null;
  window_to: string | null;
  pages: unknown;
  fetched: unknown;
  inserted: unknown;
  updated: unknown;
  unchanged: unknown;
  dead_lettered: unknown;
  rate_limited: unknown;
  duration_ms: unknown;
  error: string | null;
}

/** Records a run as running. Idempotent: a retried call leaves the first record as it is. Returns whether it was new. */
export async function recordRunStarted(db: Knex, input: RunStartedInput): Promise<boolean> {
  const inserted: unknown[] = await db('sync_runs')
    .insert({
      workflow_id: input.workflowId,
      run_id: input.runId,
      tenant: input.tenant,
      channel: input.channel,
      flow: input.flow,
      status: 'running',
      started_at: toStoredTimestamp(input.startedAt, 'startedAt'),
      window_from: input.windowFrom === undefined ? null : toStoredTimestamp(input.windowFrom, 'windowFrom'),
      window_to: input.windowTo === undefined ? null : toStoredTimestamp(input.windowTo, 'windowTo'),
    })
    .onConflict(['workflow_id', 'run_id'])
    .ignore()
    .returning('run_id');
  return inserted.length > 0;
}

const COUNT_FIELDS = ['pages', 'fetched', 'inserted', 'updated', 'unchanged', 'deadLettered', 'rateLimited'] as const;

/**
 * Records a run's outcome and totals (absolute values, so a retried call writes the same).
 * Throws when the run was never started: recordRunStarted comes first.
 */
/**
 * Closes a run record at `finished`: its duration counted from `startedAt` (never negative when
 * clocks disagree). Returns what it wrote, for the run's summary.
 */
export async function closeRunRecord(
  db: Knex,
  finished: Date,
  startedAt: string,
  input: Omit<RunFinishedInput, 'finishedAt' | 'durationMs'>,
): Promise<{ finishedAt: string; durationMs: number }> {
  const finishedAt = finished.toISOString();
  const durationMs = Math.max(0, finished.getTime() - Date.parse(startedAt));
  await recordRunFinished(db, { ...input, finishedAt, durationMs });
  return { finishedAt, durationMs };
}

export async function recordRunFinished(db: Knex, input: RunFinishedInput): Promise<void> {
  for (const field of [...COUNT_FIELDS, 'durationMs'] as const) {
    const value = input[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new StoreInputError(`run ${input.workflowId}/${input.runId}: ${field} must be a non-negative integer, got ${value}`);
    }
  }
  const changed = await db('sync_runs')
    .where({ workflow_id: input.workflowId, run_id: input.runId })
    .update({
      status: input.status,
      finished_at: toStoredTimestamp(input.finishedAt, 'finishedAt'),
      pages: input.pages,
      fetched: input.fetched,
      inserted: input.inserted,
      updated: input.updated,
      unchanged: input.unchanged,
      dead_lettered: input.deadLettered,
      rate_limited: input.rateLimited,
      duration_ms: input.durationMs,
      error: input.error ?? null,
    });
  if (changed === 0) {
    throw new StoreInputError(
      `run ${input.workflowId}/${input.runId} was never recorded as started; call recordRunStarted first`,
    );
  }
}

export async function getRun(db: Knex, key: RunKey): Promise<SyncRun | undefined> {
  const row: RunRow | undefined = await db('sync_runs')
    .select('*')
    .where({ workflow_id: key.workflowId, run_id: key.runId })
    .first();
  return row ? toSyncRun(row) : undefined;
}

export interface ListRunsQuery {
  tenant?: string;
  channel?: string;
  flow?: string;
  /** Default 50. */
  limit?: number;
}

/** Latest started first. */
export async function listRuns(db: Knex, query: ListRunsQuery = {}): Promise<SyncRun[]> {
  const q = db('sync_runs').select('*');
  if (query.tenant !== undefined) q.where({ tenant: query.tenant });
  if (query.channel !== undefined) q.where({ channel: query.channel });
  if (query.flow !== undefined) q.where({ flow: query.flow });
  const rows: RunRow[] = await q
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'workflow_id', order: 'asc' },
      { column: 'run_id', order: 'asc' },
    ])
    .limit(query.limit ?? 50);
  return rows.map(toSyncRun);
}

function toSyncRun(row: RunRow): SyncRun {
  const run: SyncRun = {
    workflowId: row.workflow_id,
    runId: row.run_id,
    tenant: row.tenant,
    channel: row.channel,
    flow: row.flow,
    status: row.status as SyncRunStatus,
    startedAt: row.started_at,
    pages: toSafeInteger(row.pages, 'sync_runs.pages'),
    fetched: toSafeInteger(row.fetched, 'sync_runs.fetched'),
    inserted: toSafeInteger(row.inserted, 'sync_runs.inserted'),
    updated: toSafeInteger(row.updated, 'sync_runs.updated'),
    unchanged: toSafeInteger(row.unchanged, 'sync_runs.unchanged'),
    deadLettered: toSafeInteger(row.dead_lettered, 'sync_runs.dead_lettered'),
    rateLimited: toSafeInteger(row.rate_limited, 'sync_runs.rate_limited'),
  };
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.window_from !== null) run.windowFrom = row.window_from;
  if (row.window_to !== null) run.windowTo = row.window_to;
  const duration = toOptionalSafeInteger(row.duration_ms, 'sync_runs.duration_ms');
  if (duration !== undefined) run.durationMs = duration;
  if (row.error !== null) run.error = row.error;
  return run;
}
