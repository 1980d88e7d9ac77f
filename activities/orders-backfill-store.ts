/**
 * The store side of importing report orders: merged with what the store holds
 * (orders-backfill-merge.ts), upserted like ordersSync's, and rejections filed as dead letters
 * the way ordersSync files them. activities/orders-sync.ts keeps its own writers private, so
 * these small ones live here rather than being copied out of it.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Order } from '../mappings/canonical/index.js';
import { getOrder, recordDeadLetters, upsertOrders, type DeadLetterInput } from '../store/index.js';
import { mergeReportOrder } from './orders-backfill-merge.js';
import type { RecordRejection } from './record-rejections.js';

/** Each order merged with the stored one of its key, then the batch upserted in one transaction. */
export async function writeReportOrders(db: Knex, tenant: string, orders: readonly Order[], now: Date) {
  if (orders.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const merged: Order[] = [];
  for (const order of orders) merged.push(mergeReportOrder(await getOrder(db, tenant, order.channel, order.externalId), order));
  const { inserted, updated, unchanged } = await upsertOrders(db, tenant, merged, { now });
  return { inserted, updated, unchanged };
}

export interface RejectedRecord {
  rejection: RecordRejection;
  /** What the vendor sent, kept with the dead letter for `caravan map` and ops. */
  payload: unknown;
}

/** Files rejections as dead letters of `flow`, one per record; returns how many. */
export async function deadLetterRejections(
  db: Knex,
  key: { tenant: string; channel: string; flow: string; workflowId: string; runId: string },
  rejected: readonly RejectedRecord[],
  now: Date,
  log: Logger,
): Promise<number> {
  if (rejected.length === 0) return 0;
  const dead: DeadLetterInput[] = rejected.map(({ rejection: r, payload }) => ({
    ...key,
    recordType: r.recordType,
    ...(r.externalId ? { externalId: r.externalId } : {}),
    field: r.field,
    errorKind: r.errorKind,
    message: r.message,
    payload,
  }));
  await recordDeadLetters(db, dead, { now });
  for (const d of dead) log.warn({ externalId: d.externalId, field: d.field, errorKind: d.errorKind }, 'record dead-lettered');
  return dead.length;
}
