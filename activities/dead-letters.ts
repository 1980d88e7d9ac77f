/**
 * Dead-letter replay: each open letter's stored payload goes through today's record path
 * (the one the sync uses, activities/amazon-records.ts) and what now maps is written with
 * the sync's idempotent upsert. Letters that map are resolved with the run and what the
 * write did; the rest stay open with the error today's code gives. Payloads stay in the
 * store: activities take ids and cursors and return counts.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Order } from '../mappings/canonical/index.js';
import {
  countOpenDeadLetters,
  getOrder,
  markDeadLettersReplayed,
  pageOpenDeadLetters,
  recordDeadLetterReplayFailures,
  recordRunFinished,
  recordRunStarted,
  replayOutcomeCounts,
  upsertOrders,
  type DeadLetter,
  type OpenDeadLettersQuery,
  type ReplayOutcome,
  type ReplayRun,
} from '../store/index.js';
import { FLOWS } from '../temporal.config.js';
import { ORDER_MAPPINGS, type OrderRecordMapping, type OrderRecordResult } from './order-mappings.js';
import { recordRejection } from './record-rejections.js';
import type {
  DeadLettersActivities,
  FinishDeadLettersReplayInput,
  FinishDeadLettersReplayResult,
  RecordDeadLettersReplayFailureInput,
  ReplayCounts,
  ReplayDeadLettersPageInput,
  ReplayDeadLettersPageResult,
  ReplaySelection,
  StartDeadLettersReplayInput,
  StartDeadLettersReplayResult,
} from './dead-letters-types.js';
import { asActivity } from './failures.js';

/** The sync's order mappings by the record type their dead letters are filed under and the record format they keep. */
const REPLAY_MAPPINGS: readonly OrderRecordMapping[] = Object.values(ORDER_MAPPINGS).flat();

/**
 * What the orders sync stores for a record it could not import: `{ order, items, format }`,
 * items being the source's order lines (absent when they could not be fetched, or when the
 * format carries them inside the order) and format the source's record format (absent for the
 * vendor's first one). Mapped again with the sync's own mapping for that record type and format
 * (activities/order-mappings.ts). Without items a format that reads lines apart would write the
 * order with no lines, so such a letter waits for the next sync instead.
 */
function replayHeldOrder(recordType: string, payload: unknown, channel: string): OrderRecordResult {
  const rejected = (externalId: string | undefined, field: string, message: string): OrderRecordResult => ({
    ok: false,
    rejection: recordRejection(recordType, externalId, 'schema', [{ field, message }]),
  });
  const held = (payload ?? {}) as { order?: unknown; items?: unknown; format?: unknown };
  if (typeof payload !== 'object' || payload === null || !('order' in held)) {
    return rejected(undefined, 'payload', 'the stored payload is not the sync\'s {order, items}: nothing to map');
  }
  const mapping = REPLAY_MAPPINGS.find((m) => m.recordType === recordType && m.format === held.format);
  if (!mapping) return rejected(undefined, 'format', `no ${recordType} mapping reads records in format ${JSON.stringify(held.format)}`);
  if (held.items !== undefined && !Array.isArray(held.items)) {
    return rejected(undefined, 'items', 'the stored items are not an array of the source\'s order lines');
  }
  const result = mapping.map(held.order, held.items as unknown[] | undefined, channel);
  if (result.ok && held.items === undefined && !mapping.linesInOrder) {
    return rejected(
      result.order.externalId,
      'orderItems',
      'the dead letter holds no order items (they could not be read when it was recorded); a sync of the order\'s window reads them again',
    );
  }
  return result;
}

/** Record types a replay can map; letters of other types are left alone. */
export const REPLAYABLE_RECORD_TYPES: readonly string[] = [...new Set(REPLAY_MAPPINGS.map((m) => m.recordType))];

export function openLettersQuery(tenant: string, selection: ReplaySelection): OpenDeadLettersQuery {
  return {
    tenant,
    recordTypes: REPLAYABLE_RECORD_TYPES,
    ...(selection.kind === 'ids' ? { ids: selection.ids } : {}),
    ...(selection.kind === 'channels' ? { channels: selection.channels } : {}),
  };
}

/** What a replay did, or would do, with one letter. */
export interface LetterReplay {
  id: number;
  channel: string;
  externalId?: string;
  outcome: ReplayOutcome;
  /** For `failed`: the field and message today's code gives. */
  field?: string;
  message?: string;
}

export interface ReplayPageInput {
  tenant: string;
  selection: ReplaySelection;
  afterId?: number;
  limit: number;
  now: Date;
  /** The run that writes; without it (a dry run) every write is rolled back. */
  run?: ReplayRun;
}

export interface ReplayPageResult {
  letters: LetterReplay[];
  lastId?: number;
  /** Letters read (the page is full when it equals the limit). */
  read: number;
}

/** Thrown to roll a dry run's transaction back, carrying what it found. */
class DryRunRollback extends Error {
  constructor(readonly result: ReplayPageResult) {
    super('dry run: rolled back');
  }
}

/**
 * Replays one page of open letters in one transaction: the orders written and the letters
 * resolved commit together, so a retried page never writes an order without resolving its
 * letter. A dry run (no `run`) does the same work and rolls it back, so it reports exactly
 * what the real replay would write.
 */
export async function replayDeadLetterPage(db: Knex, input: ReplayPageInput): Promise<ReplayPageResult> {
  const work = async (trx: Knex.Transaction): Promise<ReplayPageResult> => {
    const letters = await pageOpenDeadLetters(trx, {
      ...openLettersQuery(input.tenant, input.selection),
      ...(input.afterId !== undefined ? { afterId: input.afterId } : {}),
      limit: input.limit,
    });
    const outcomes = new Map<number, LetterReplay>();
    const failures: { id: number; field: string; errorKind: 'schema' | 'mapping'; message: string }[] = [];
    // One write per order: of two letters holding the same order, the newer version wins.
    const newest = new Map<string, { letter: DeadLetter; order: Order }>();
    const superseded = (letter: DeadLetter, order: Order) =>
      outcomes.set(letter.id, { id: letter.id, channel: letter.channel, externalId: order.externalId, outcome: 'superseded' });

    for (const letter of letters) {
      if (!REPLAYABLE_RECORD_TYPES.includes(letter.recordType)) continue; // not replayable: the query excludes these
      const result = replayHeldOrder(letter.recordType, letter.payload, letter.channel);
      if (!result.ok) {
        const r = result.rejection;
        failures.push({ id: letter.id, field: r.field, errorKind: r.errorKind, message: r.message });
        outcomes.set(letter.id, {
          id: letter.id,
          channel: letter.channel,
          ...((r.externalId ?? letter.externalId) ? { externalId: r.externalId ?? letter.externalId } : {}),
          outcome: 'failed',
          field: r.field,
          message: r.message,
        });
        continue;
      }
      const order = result.order;
      const key = `${order.channel}\u0000${order.externalId}`;
      const earlier = newest.get(key);
      if (earlier && !isNewer(order, earlier.order)) {
        superseded(letter, order);
        continue;
      }
      if (earlier) superseded(earlier.letter, earlier.order);
      newest.set(key, { letter, order });
    }

    // A letter older than the stored order must not roll the order back.
    const toWrite = new Map<string, { letter: DeadLetter; order: Order; existed: boolean }[]>();
    for (const { letter, order } of newest.values()) {
      const stored = await getOrder(trx, input.tenant, order.channel, order.externalId);
      if (stored && isNewer(stored, order)) {
        superseded(letter, order);
        continue;
      }
      const group = toWrite.get(order.channel) ?? [];
      group.push({ letter, order, existed: stored !== undefined });
      toWrite.set(order.channel, group);
    }
    // Per channel, so the changed external ids upsertOrders reports are unambiguous.
    for (const group of toWrite.values()) {
      const written = await upsertOrders(trx, input.tenant, group.map((g) => g.order), { now: input.now });
      const changed = new Set(written.changedIds);
      for (const { letter, order, existed } of group) {
        const outcome: ReplayOutcome = !existed ? 'inserted' : changed.has(order.externalId) ? 'updated' : 'unchanged';
        outcomes.set(letter.id, { id: letter.id, channel: letter.channel, externalId: order.externalId, outcome });
      }
    }

    const result: ReplayPageResult = {
      letters: letters.filter((l) => outcomes.has(l.id)).map((l) => outcomes.get(l.id)!),
      ...(letters.length ? { lastId: letters[letters.length - 1]!.id } : {}),
      read: letters.length,
    };
    if (!input.run) throw new DryRunRollback(result);
    const mapped = result.letters.flatMap((l) => (l.outcome === 'failed' ? [] : [{ id: l.id, outcome: l.outcome }]));
    await markDeadLettersReplayed(trx, mapped, input.run, { now: input.now });
    await recordDeadLetterReplayFailures(trx, failures, input.run, { now: input.now });
    return result;
  };

  try {
    return await db.transaction(work);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.result;
    throw e;
  }
}

/** Whether `a` is a strictly later version of the order than `b` (by the channel's update time). */
function isNewer(a: Order, b: Order): boolean {
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}

export const ZERO_REPLAY_COUNTS: ReplayCounts = { replayed: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, stillFailing: 0 };

export function countReplays(letters: readonly LetterReplay[]): ReplayCounts {
  const counts = { ...ZERO_REPLAY_COUNTS, replayed: letters.length };
  for (const l of letters) {
    if (l.outcome === 'failed') counts.stillFailing++;
    else counts[l.outcome]++;
  }
  return counts;
}

/** Letters that now map, whatever the write did. */
export function nowMapped(c: ReplayCounts): number {
  return c.inserted + c.updated + c.unchanged + c.superseded;
}

export interface DeadLettersDeps {
  db: Knex;
  logger: Logger;
  clock?: () => Date;
}

export function createDeadLettersActivities(deps: DeadLettersDeps): DeadLettersActivities {
  const clock = deps.clock ?? (() => new Date());
  const flow = FLOWS.deadLettersReplay;

  /** The run's totals from the letters it touched, as the run summary's columns. */
  async function totalsOf(run: { workflowId: string; runId: string }): Promise<ReplayCounts> {
    const c = await replayOutcomeCounts(deps.db, run);
    return {
      replayed: c.inserted + c.updated + c.unchanged + c.superseded + c.failed,
      inserted: c.inserted,
      updated: c.updated,
      unchanged: c.unchanged,
      superseded: c.superseded,
      stillFailing: c.failed,
    };
  }

  /**
   * sync_runs columns: fetched = letters replayed, inserted/updated as written, unchanged
   * includes superseded (mapped, nothing written), dead_lettered = still failing.
   */
  function runColumns(pages: number, t: ReplayCounts) {
    return {
      pages,
      fetched: t.replayed,
      inserted: t.inserted,
      updated: t.updated,
      unchanged: t.unchanged + t.superseded,
      deadLettered: t.stillFailing,
      rateLimited: 0,
    };
  }

  async function startDeadLettersReplay(input: StartDeadLettersReplayInput): Promise<StartDeadLettersReplayResult> {
    return asActivity(async () => {
      const startedAt = clock().toISOString();
      await recordRunStarted(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        tenant: input.tenant,
        channel: input.scope,
        flow,
        startedAt,
      });
      let open = 0;
      if (input.selection.kind === 'ids') {
        for (let i = 0; i < input.selection.ids.length; i += 500) {
          const ids = input.selection.ids.slice(i, i + 500);
          open += await countOpenDeadLetters(deps.db, openLettersQuery(input.tenant, { kind: 'ids', ids }));
        }
      } else {
        open = await countOpenDeadLetters(deps.db, openLettersQuery(input.tenant, input.selection));
      }
      deps.logger.info({ tenant: input.tenant, scope: input.scope, selection: input.selection.kind, open }, 'dead-letter replay started');
      return { startedAt, open };
    });
  }

  async function replayDeadLettersPage(input: ReplayDeadLettersPageInput): Promise<ReplayDeadLettersPageResult> {
    return asActivity(async () => {
      const page = await replayDeadLetterPage(deps.db, {
        tenant: input.tenant,
        selection: input.selection,
        ...(input.afterId !== undefined ? { afterId: input.afterId } : {}),
        limit: input.pageSize,
        now: clock(),
        run: {
          workflowId: input.workflowId,
          runId: input.runId,
          ...(input.requestedBy !== undefined ? { requestedBy: input.requestedBy } : {}),
        },
      });
      const counts = countReplays(page.letters);
      // Ids and fields only: messages quote the vendor's values.
      const log = deps.logger.child({ tenant: input.tenant, page: input.page });
      for (const l of page.letters) {
        if (l.outcome === 'failed') log.info({ deadLetter: l.id, externalId: l.externalId, field: l.field }, 'dead letter still fails');
      }
      log.info({ counts }, 'dead-letter page replayed');
      return { ...(page.lastId !== undefined ? { lastId: page.lastId } : {}), more: page.read === input.pageSize, counts };
    });
  }

  async function finishDeadLettersReplay(input: FinishDeadLettersReplayInput): Promise<FinishDeadLettersReplayResult> {
    return asActivity(async () => {
      const finished = clock();
      const durationMs = Math.max(0, finished.getTime() - new Date(input.startedAt).getTime());
      const totals = await totalsOf(input);
      await recordRunFinished(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        status: 'completed',
        finishedAt: finished.toISOString(),
        durationMs,
        ...runColumns(input.pages, totals),
      });
      deps.logger.info({ tenant: input.tenant, scope: input.scope, totals, durationMs }, 'dead-letter replay finished');
      return { finishedAt: finished.toISOString(), durationMs, totals };
    });
  }

  async function recordDeadLettersReplayFailure(input: RecordDeadLettersReplayFailureInput): Promise<void> {
    return asActivity(async () => {
      const finished = clock();
      await recordRunFinished(deps.db, {
        workflowId: input.workflowId,
        runId: input.runId,
        status: input.status,
        finishedAt: finished.toISOString(),
        durationMs: Math.max(0, finished.getTime() - new Date(input.startedAt).getTime()),
        ...runColumns(input.pages, await totalsOf(input)),
        error: input.error,
      });
      deps.logger.warn({ tenant: input.tenant, scope: input.scope, status: input.status, error: input.error }, 'dead-letter replay did not finish');
    });
  }

  return { startDeadLettersReplay, replayDeadLettersPage, finishDeadLettersReplay, recordDeadLettersReplayFailure };
}
