import type { Knex } from 'knex';
import { sha256Hex, stableJson } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import {
  chunk,
  IN_LIST_CHUNK,
  storableText,
  toSafeInteger,
  toStoredTimestamp,
} from './sql-values.js';
import type { WriteOptions } from './write-options.js';

/** Why a record could not be taken in; open-ended so new flows can add kinds. */
export type DeadLetterErrorKind = 'mapping' | 'schema' | 'validation' | 'contract' | (string & {});

export interface DeadLetterInput {
  tenant: string;
  channel: string;
  flow: string;
  /** Vendor record kind, e.g. `amazon.order` (MappingError.recordType). */
  recordType: string;
  externalId?: string;
  /** Dotted path of the offending field (MappingError.field); '' when it is the whole record. */
  field: string;
  errorKind: DeadLetterErrorKind;
  message: string;
  /** The vendor record as received; stored as JSON. */
  payload: unknown;
  /** The workflow and run that saw the record (on a stored letter, the last that did). */
  workflowId?: string;
  runId?: string;
}

/** How a dead letter was closed: its payload mapped on a replay, or a person closed it. */
export type DeadLetterResolution = 'replayed' | 'manual';

/**
 * What a replay did with a letter: the write its mapped order made (`superseded`: the store
 * already held a newer version of the order, so nothing was written), or `failed`.
 */
export type ReplayOutcome = 'inserted' | 'updated' | 'unchanged' | 'superseded' | 'failed';
export const REPLAY_OUTCOMES: readonly ReplayOutcome[] = ['inserted', 'updated', 'unchanged', 'superseded', 'failed'];

/** The replay run that last read a letter. */
export interface DeadLetterReplay {
  at: string;
  workflowId: string;
  runId: string;
  outcome: ReplayOutcome;
}

/** A stored dead letter: the latest input seen for the record, plus what the store keeps about it. */
export interface DeadLetter extends DeadLetterInput {
  id: number;
  payloadHash: string;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  resolvedAt?: string;
  /** Absent while open, and on letters resolved before resolutions were recorded. */
  resolution?: DeadLetterResolution;
  /** Who resolved it by hand, or who asked for the replay that resolved it. */
  resolvedBy?: string;
  resolutionReason?: string;
  /** The last replay that read it (a still-open letter keeps the error that replay found). */
  lastReplay?: DeadLetterReplay;
}

interface DeadLetterRow {
  id: number;
  tenant: string;
  channel: string;
  flow: string;
  record_type: string;
  external_id: string | null;
  field: string;
  error_kind: string;
  message: string;
  payload: string;
  payload_hash: string;
  dedupe_key: string;
  workflow_id: string | null;
  run_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  occurrences: number;
  resolved_at: string | null;
}

/** Columns of migration 0005: written by replays and manual resolution only. */
interface DeadLetterResolutionRow {
  resolution: string | null;
  resolved_by: string | null;
  resolution_reason: string | null;
  replayed_at: string | null;
  replay_workflow_id: string | null;
  replay_run_id: string | null;
  replay_outcome: string | null;
}

type NewDeadLetterRow = Omit<DeadLetterRow, 'id'>;
type StoredDeadLetterRow = DeadLetterRow & DeadLetterResolutionRow;

const DEAD_LETTER_COLUMNS = [
  'tenant',
  'channel',
  'flow',
  'record_type',
  'external_id',
  'field',
  'error_kind',
  'message',
  'payload',
  'payload_hash',
  'dedupe_key',
  'workflow_id',
  'run_id',
  'first_seen_at',
  'last_seen_at',
  'occurrences',
  'resolved_at',
] as const satisfies readonly (keyof NewDeadLetterRow)[];

/**
 * A repeat keeps first_seen_at, adds its occurrences, takes the latest details and reopens
 * (forgetting how it had been resolved; its last replay stays on record).
 */
const DEAD_LETTER_UPSERT = onConflictUpdate(
  ['dedupe_key'],
  ['last_seen_at', 'message', 'field', 'error_kind', 'workflow_id', 'run_id'],
  [
    '"occurrences" = "dead_letters"."occurrences" + excluded."occurrences"',
    '"resolved_at" = null',
    '"resolution" = null',
    '"resolved_by" = null',
    '"resolution_reason" = null',
  ],
);

/**
 * Records records that could not be taken in. The same bad record (same tenant, channel,
 * flow, record type, external id and payload) is kept once: seeing it again raises
 * `occurrences` and `last_seen_at`, takes the latest message and run, and reopens it if it
 * had been resolved (it is evidently still broken). `recorded` counts new rows, `repeated`
 * the entries that matched an existing one or an earlier entry of the same call.
 */
export async function recordDeadLetters(
  db: Knex,
  entries: readonly DeadLetterInput[],
  options: WriteOptions = {},
): Promise<{ recorded: number; repeated: number }> {
  if (entries.length === 0) return { recorded: 0, repeated: 0 };
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');

  // Fold repeats within the call first: one statement may not update a row twice.
  const byKey = new Map<string, NewDeadLetterRow>();
  for (const entry of entries) {
    const row = toRow(entry, now);
    const earlier = byKey.get(row.dedupe_key);
    if (earlier) {
      byKey.set(row.dedupe_key, { ...row, occurrences: earlier.occurrences + 1 });
    } else {
      byKey.set(row.dedupe_key, row);
    }
  }
  const rows = [...byKey.values()];

  return db.transaction(async (trx) => {
    let existing = 0;
    for (const part of chunk(rows.map((r) => r.dedupe_key), IN_LIST_CHUNK)) {
      const found = (await trx('dead_letters').count({ n: '*' }).whereIn('dedupe_key', part).first()) as
        | { n: unknown }
        | undefined;
      existing += toSafeInteger(found?.n ?? 0, 'count(dead_letters)');
    }
    await insertRows(trx, 'dead_letters', DEAD_LETTER_COLUMNS, rows, DEAD_LETTER_UPSERT);
    const recorded = rows.length - existing;
    return { recorded, repeated: entries.length - recorded };
  });
}

function toRow(entry: DeadLetterInput, now: string): NewDeadLetterRow {
  for (const key of ['tenant', 'channel', 'flow', 'recordType'] as const) {
    if (!entry[key]) throw new StoreInputError(`dead letter: ${key} must not be empty`);
  }
  // JSON escapes NUL and lone surrogates, so the payload is stored exactly.
  const payload = stableJson(entry.payload ?? null);
  const payloadHash = sha256Hex(payload);
  const externalId = entry.externalId === undefined || entry.externalId === '' ? null : entry.externalId;
  const dedupeKey = sha256Hex(
    stableJson([entry.tenant, entry.channel, entry.flow, entry.recordType, externalId, payloadHash]),
  );
  // Text columns are made storable rather than refused: recording a broken record must not fail.
  return {
    tenant: storableText(entry.tenant),
    channel: storableText(entry.channel),
    flow: storableText(entry.flow),
    record_type: storableText(entry.recordType),
    external_id: storableText(externalId ?? undefined),
    field: storableText(entry.field),
    error_kind: entry.errorKind,
    message: storableText(entry.message),
    payload,
    payload_hash: payloadHash,
    dedupe_key: dedupeKey,
    workflow_id: storableText(entry.workflowId),
    run_id: storableText(entry.runId),
    first_seen_at: now,
    last_seen_at: now,
    occurrences: 1,
    resolved_at: null,
  };
}

export interface ListDeadLettersQuery {
  tenant?: string;
  channel?: string;
  flow?: string;
  /** Default false: only open dead letters. */
  includeResolved?: boolean;
  /** Only the letters this replay run read last (resolved or not). */
  replay?: { workflowId: string; runId: string };
  /** Default 100. */
  limit?: number;
}

/** Most recently seen first. */
export async function listDeadLetters(db: Knex, query: ListDeadLettersQuery = {}): Promise<DeadLetter[]> {
  const q = db('dead_letters').select('*');
  if (query.tenant !== undefined) q.where({ tenant: query.tenant });
  if (query.channel !== undefined) q.where({ channel: query.channel });
  if (query.flow !== undefined) q.where({ flow: query.flow });
  if (!query.includeResolved) q.whereNull('resolved_at');
  if (query.replay !== undefined) q.where({ replay_workflow_id: query.replay.workflowId, replay_run_id: query.replay.runId });
  const rows: StoredDeadLetterRow[] = await q
    .orderBy([
      { column: 'last_seen_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(query.limit ?? 100);
  return rows.map(toDeadLetter);
}

export async function getDeadLetter(db: Knex, id: number): Promise<DeadLetter | undefined> {
  const row: StoredDeadLetterRow | undefined = await db('dead_letters').select('*').where({ id }).first();
  return row ? toDeadLetter(row) : undefined;
}

function toDeadLetter(row: StoredDeadLetterRow): DeadLetter {
  const letter: DeadLetter = {
    id: toSafeInteger(row.id, 'dead_letters.id'),
    tenant: row.tenant,
    channel: row.channel,
    flow: row.flow,
    recordType: row.record_type,
    field: row.field,
    errorKind: row.error_kind as DeadLetterErrorKind,
    message: row.message,
    payload: JSON.parse(row.payload) as unknown,
    payloadHash: row.payload_hash,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    occurrences: toSafeInteger(row.occurrences, 'dead_letters.occurrences'),
  };
  if (row.external_id !== null) letter.externalId = row.external_id;
  if (row.workflow_id !== null) letter.workflowId = row.workflow_id;
  if (row.run_id !== null) letter.runId = row.run_id;
  if (row.resolved_at !== null) letter.resolvedAt = row.resolved_at;
  if (row.resolution !== null) letter.resolution = row.resolution as DeadLetterResolution;
  if (row.resolved_by !== null) letter.resolvedBy = row.resolved_by;
  if (row.resolution_reason !== null) letter.resolutionReason = row.resolution_reason;
  if (row.replayed_at !== null && row.replay_outcome !== null) {
    letter.lastReplay = {
      at: row.replayed_at,
      workflowId: row.replay_workflow_id ?? '',
      runId: row.replay_run_id ?? '',
      outcome: row.replay_outcome as ReplayOutcome,
    };
  }
  return letter;
}

export interface ManualResolution {
  /** Who closes it (an operator's name). */
  by: string;
  /** Why, in the operator's words. */
  reason: string;
}

/**
 * Closes a dead letter by hand, keeping who, when and why. False when it does not exist or
 * is already resolved (its first resolution stands).
 */
export async function resolveDeadLetter(
  db: Knex,
  id: number,
  resolution: ManualResolution,
  options: WriteOptions = {},
): Promise<boolean> {
  const by = resolution.by.trim();
  const reason = resolution.reason.trim();
  if (!by) throw new StoreInputError(`dead letter ${id}: say who resolves it`);
  if (!reason) throw new StoreInputError(`dead letter ${id}: a reason is needed to resolve it by hand`);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const changed = await db('dead_letters')
    .where({ id })
    .whereNull('resolved_at')
    .update({ resolved_at: now, resolution: 'manual', resolved_by: storableText(by), resolution_reason: storableText(reason) });
  return changed > 0;
}

/** Which open letters a replay reads: a tenant's, narrowed to channels or to ids. */
export interface OpenDeadLettersQuery {
  tenant: string;
  channels?: readonly string[];
  ids?: readonly number[];
  /** Only these record types (the ones a replay can map). */
  recordTypes?: readonly string[];
}

function openLetters(db: Knex, query: OpenDeadLettersQuery): Knex.QueryBuilder {
  const q = db('dead_letters').where({ tenant: query.tenant }).whereNull('resolved_at');
  if (query.channels !== undefined) q.whereIn('channel', [...query.channels]);
  if (query.ids !== undefined) {
    if (query.ids.length > IN_LIST_CHUNK) throw new StoreInputError(`at most ${IN_LIST_CHUNK} ids per query, got ${query.ids.length}`);
    q.whereIn('id', [...query.ids]);
  }
  if (query.recordTypes !== undefined) q.whereIn('record_type', [...query.recordTypes]);
  return q;
}

/** One page of open letters in id order, after `afterId`: keyset paging that resolving a page does not disturb. */
export async function pageOpenDeadLetters(
  db: Knex,
  query: OpenDeadLettersQuery & { afterId?: number; limit: number },
): Promise<DeadLetter[]> {
  const q = openLetters(db, query).select('*');
  if (query.afterId !== undefined) q.where('id', '>', query.afterId);
  const rows: StoredDeadLetterRow[] = await q.orderBy('id', 'asc').limit(query.limit);
  return rows.map(toDeadLetter);
}

export async function countOpenDeadLetters(db: Knex, query: OpenDeadLettersQuery): Promise<number> {
  const row = (await openLetters(db, query).count({ n: '*' }).first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(dead_letters)');
}

/** The replay run that writes: its workflow, its first run id, and who asked for it. */
export interface ReplayRun {
  workflowId: string;
  runId: string;
  requestedBy?: string;
}

/**
 * Resolves letters whose payload mapped on a replay, recording the run and what the write
 * did. Letters resolved meanwhile keep their first resolution. Returns how many it resolved.
 */
export async function markDeadLettersReplayed(
  db: Knex,
  entries: readonly { id: number; outcome: Exclude<ReplayOutcome, 'failed'> }[],
  run: ReplayRun,
  options: WriteOptions = {},
): Promise<number> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  let resolved = 0;
  for (const outcome of REPLAY_OUTCOMES) {
    const ids = entries.filter((e) => e.outcome === outcome).map((e) => e.id);
    for (const part of chunk(ids, IN_LIST_CHUNK)) {
      resolved += await db('dead_letters')
        .whereIn('id', part)
        .whereNull('resolved_at')
        .update({
          resolved_at: now,
          resolution: 'replayed',
          resolved_by: storableText(run.requestedBy) ?? null,
          resolution_reason: null,
          ...replayColumns(run, outcome, now),
        });
    }
  }
  return resolved;
}

/** Keeps letters that still fail open, with the error this replay found. Returns how many it updated. */
export async function recordDeadLetterReplayFailures(
  db: Knex,
  entries: readonly { id: number; field: string; errorKind: DeadLetterErrorKind; message: string }[],
  run: ReplayRun,
  options: WriteOptions = {},
): Promise<number> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  let updated = 0;
  for (const e of entries) {
    updated += await db('dead_letters')
      .where({ id: e.id })
      .whereNull('resolved_at')
      .update({
        field: storableText(e.field),
        error_kind: e.errorKind,
        message: storableText(e.message),
        ...replayColumns(run, 'failed', now),
      });
  }
  return updated;
}

function replayColumns(run: ReplayRun, outcome: ReplayOutcome, now: string) {
  return {
    replayed_at: now,
    replay_workflow_id: storableText(run.workflowId),
    replay_run_id: storableText(run.runId),
    replay_outcome: outcome,
  };
}

/**
 * How many letters a replay run left with each outcome, counted from the letters themselves
 * (so a page retried after its write committed is not counted twice).
 */
export async function replayOutcomeCounts(db: Knex, run: { workflowId: string; runId: string }): Promise<Record<ReplayOutcome, number>> {
  const rows: Array<{ replay_outcome: string; n: unknown }> = await db('dead_letters')
    .select('replay_outcome')
    .count({ n: '*' })
    .where({ replay_workflow_id: run.workflowId, replay_run_id: run.runId })
    .groupBy('replay_outcome');
  const counts = Object.fromEntries(REPLAY_OUTCOMES.map((o) => [o, 0])) as Record<ReplayOutcome, number>;
  for (const r of rows) {
    if ((REPLAY_OUTCOMES as readonly string[]).includes(r.replay_outcome)) {
      counts[r.replay_outcome as ReplayOutcome] = toSafeInteger(r.n, 'count(dead_letters)');
    }
  }
  return counts;
}
