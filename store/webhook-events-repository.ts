/**
 * Webhook deliveries of payment providers, deduplicated by the provider's event id per tenant.
 * recordWebhookEvent is the intake's one write: the first delivery inserts the row, every later
 * one (a resend, a replay) only counts itself; the caller learns which it was. The workflow that
 * processes the event reads the body from here and marks the row processed with its outcome.
 */
import type { Knex } from 'knex';
import { StoreInputError } from './store-errors.js';
import { assertStorableKey, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

export const WEBHOOK_PROVIDERS = ['stripe', 'paypal'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

export const WEBHOOK_OUTCOMES = ['recorded', 'no-ledger-effect', 'rejected'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

export interface WebhookEventKey {
  tenant: string;
  provider: WebhookProvider;
  eventId: string;
}

export interface WebhookEventInput extends WebhookEventKey {
  type: string;
  /** The body as received. */
  payload: string;
  workflowId?: string;
}

export interface StoredWebhookEvent extends WebhookEventKey {
  type: string;
  payload: string;
  receivedAt: string;
  lastReceivedAt: string;
  deliveries: number;
  workflowId?: string;
  processedAt?: string;
  outcome?: WebhookOutcome;
  detail?: string;
}

interface WebhookEventRow {
  tenant: string;
  provider: string;
  event_id: string;
  type: string;
  payload: string;
  received_at: string;
  deliveries: number | string;
  last_received_at: string;
  workflow_id: string | null;
  processed_at: string | null;
  outcome: string | null;
  detail: string | null;
}

const TABLE = 'webhook_events';

function checkKey(key: WebhookEventKey): void {
  assertStorableKey(key.tenant, 'tenant');
  assertStorableKey(key.eventId, 'eventId');
  if (!(WEBHOOK_PROVIDERS as readonly string[]).includes(key.provider)) throw new StoreInputError(`provider must be one of ${WEBHOOK_PROVIDERS.join(', ')}, got "${key.provider}"`);
}

const whereKey = (key: WebhookEventKey) => ({ tenant: key.tenant, provider: key.provider, event_id: key.eventId });

function fromRow(row: WebhookEventRow): StoredWebhookEvent {
  return {
    tenant: row.tenant,
    provider: row.provider as WebhookProvider,
    eventId: row.event_id,
    type: row.type,
    payload: row.payload,
    receivedAt: row.received_at,
    lastReceivedAt: row.last_received_at,
    deliveries: Number(row.deliveries),
    ...(row.workflow_id === null ? {} : { workflowId: row.workflow_id }),
    ...(row.processed_at === null ? {} : { processedAt: row.processed_at }),
    ...(row.outcome === null ? {} : { outcome: row.outcome as WebhookOutcome }),
    ...(row.detail === null ? {} : { detail: row.detail }),
  };
}

/**
 * Records a delivery. `first`: this delivery created the row (process the event); otherwise
 * the event was known and only its delivery count and last-received time moved.
 */
export async function recordWebhookEvent(db: Knex, input: WebhookEventInput, options: WriteOptions = {}): Promise<{ first: boolean; event: StoredWebhookEvent }> {
  checkKey(input);
  if (input.type.trim() === '') throw new StoreInputError(`webhook event ${input.eventId}: type is empty`);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const inserted: unknown[] = await db(TABLE)
    .insert({
      ...whereKey(input),
      type: input.type,
      payload: input.payload,
      received_at: now,
      last_received_at: now,
      deliveries: 1,
      workflow_id: input.workflowId ?? null,
    })
    .onConflict(['tenant', 'provider', 'event_id'])
    .ignore()
    .returning('event_id');
  const first = inserted.length > 0;
  if (!first) await db(TABLE).where(whereKey(input)).update({ deliveries: db.raw('deliveries + 1'), last_received_at: now });
  const event = await getWebhookEvent(db, input);
  if (event === undefined) throw new StoreInputError(`webhook event ${input.eventId} vanished after it was recorded`);
  return { first, event };
}

export async function getWebhookEvent(db: Knex, key: WebhookEventKey): Promise<StoredWebhookEvent | undefined> {
  checkKey(key);
  const row: WebhookEventRow | undefined = await db(TABLE).select('*').where(whereKey(key)).first();
  return row === undefined ? undefined : fromRow(row);
}

/** Sets the processing outcome (a retried activity sets the same again). False when the event is unknown. */
export async function markWebhookEventProcessed(db: Knex, key: WebhookEventKey, result: { outcome: WebhookOutcome; detail?: string }, options: WriteOptions = {}): Promise<boolean> {
  checkKey(key);
  if (!(WEBHOOK_OUTCOMES as readonly string[]).includes(result.outcome)) throw new StoreInputError(`outcome must be one of ${WEBHOOK_OUTCOMES.join(', ')}, got "${result.outcome}"`);
  const updated = await db(TABLE)
    .where(whereKey(key))
    .update({ processed_at: toStoredTimestamp(options.now ?? new Date(), 'now'), outcome: result.outcome, detail: result.detail ?? null });
  return updated > 0;
}

/** A tenant's deliveries, newest first (for ops). */
export async function listWebhookEvents(db: Knex, query: { tenant: string; provider?: WebhookProvider; limit?: number }): Promise<StoredWebhookEvent[]> {
  const rows: WebhookEventRow[] = await db(TABLE)
    .select('*')
    .where({ tenant: query.tenant, ...(query.provider === undefined ? {} : { provider: query.provider }) })
    .orderBy([{ column: 'received_at', order: 'desc' }, { column: 'event_id' }])
    .limit(query.limit ?? 100);
  return rows.map(fromRow);
}
