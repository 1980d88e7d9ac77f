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

/** A stored dead letter: the latest input seen for the record, plus what the store keeps about it. */
export interface DeadLetter extends DeadLetterInput {
  id: number;
  payloadHash: string;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  resolvedAt?: string;
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

type NewDeadLetterRow = Omit<DeadLetterRow, 'id'>;

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

/** A repeat keeps first_seen_at, adds its occurrences, takes the latest details and reopens. */
const DEAD_LETTER_UPSERT = onConflictUpdate(
  ['dedupe_key'],
  ['last_seen_at', 'message', 'field', 'error_kind', 'workflow_id', 'run_id'],
  ['"occurrences" = "dead_letters"."occurrences" + excluded."occurrences"', '"resolved_at" = null'],
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
  const rows: DeadLetterRow[] = await q
    .orderBy([
      { column: 'last_seen_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(query.limit ?? 100);
  return rows.map(toDeadLetter);
}

export async function getDeadLetter(db: Knex, id: number): Promise<DeadLetter | undefined> {
  const row: DeadLetterRow | undefined = await db('dead_letters').select('*').where({ id }).first();
  return row ? toDeadLetter(row) : undefined;
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
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
  return letter;
}

/** Marks a dead letter resolved; false when it does not exist or was already resolved. */
export async function resolveDeadLetter(db: Knex, id: number, options: WriteOptions = {}): Promise<boolean> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const changed = await db('dead_letters').where({ id }).whereNull('resolved_at').update({ resolved_at: now });
  return changed > 0;
}
