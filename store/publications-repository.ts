/**
 * What the hub sent to each channel per marketplace and SKU, and the channel's verdict:
 * listings (`listing_publications`) and stock quantities (`inventory_publications`).
 *
 * A publish flow asks which candidates differ from what was last sent (`listingsToSend`,
 * `quantitiesToSend`) and sends only those; records each send (`recordListingSends`,
 * `recordQuantitySends`); and records the channel's verdict when it comes
 * (`recordListingOutcomes`, `recordQuantityOutcomes`). A verdict carries the submission or
 * feed it answers, so a late verdict on an older send never overwrites a newer one.
 */
import type { Knex } from 'knex';
import { onConflictUpdate, insertRows } from './multi-row-insert.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, toOptionalSafeInteger, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import { sha256Hex, stableJson } from './stable-json.js';
import { StoreDataError, StoreInputError } from './store-errors.js';
import type { WriteOptions } from './write-options.js';

export const PUBLICATION_STATUSES = ['pending', 'accepted', 'accepted-with-warnings', 'rejected', 'valid'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export type PublicationVia = 'listings-item' | 'feed';

export interface PublicationKey {
  readonly marketplaceId: string;
  readonly sku: string;
}

/** A channel's finding, as the canonical ListingIssue (kept as JSON). */
export interface PublicationIssue {
  readonly code?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly attributeNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly marketplaceIds?: readonly string[];
}

interface SendCommon extends PublicationKey {
  readonly status: PublicationStatus;
  readonly issues?: readonly PublicationIssue[];
  readonly via: PublicationVia;
  readonly submissionId?: string;
  readonly feedId?: string;
  readonly workflowId?: string;
  readonly runId?: string;
}

export interface ListingSend extends SendCommon {
  /** The catalogue change sequence of the product the payload was built from. */
  readonly productSeq: number;
  /** The listing as sent (product type, requirements, attributes). */
  readonly payload: unknown;
  readonly price?: { readonly amountMinor: number; readonly currency: string };
  /** The rule, the FX rate and the steps behind the price. */
  readonly priceBasis?: unknown;
  /** The feed message that carried it. */
  readonly messageId?: number;
}

export interface QuantitySend extends SendCommon {
  readonly quantity: number;
  /** The allocation behind the quantity. */
  readonly allocation: unknown;
}

interface StoredCommon extends PublicationKey {
  readonly tenant: string;
  readonly channel: string;
  readonly status: PublicationStatus;
  readonly issues: PublicationIssue[];
  readonly via: PublicationVia;
  readonly submissionId?: string;
  readonly feedId?: string;
  readonly workflowId?: string;
  readonly runId?: string;
  readonly submittedAt: string;
  readonly resolvedAt?: string;
  readonly updatedAt: string;
}

export interface ListingPublication extends StoredCommon {
  readonly productSeq: number;
  readonly payloadHash: string;
  readonly payload: unknown;
  readonly price?: { amountMinor: number; currency: string };
  readonly priceBasis?: unknown;
  readonly messageId?: number;
}

export interface QuantityPublication extends StoredCommon {
  readonly quantity: number;
  readonly allocation: unknown;
}

/** Why a candidate is to be sent. */
export type SendReason = 'new' | 'changed' | 'rejected-before' | 'forced';

export interface ListingCandidate extends PublicationKey {
  readonly payload: unknown;
}

export interface QuantityCandidate extends PublicationKey {
  readonly quantity: number;
}

export interface ToSend extends PublicationKey {
  readonly reason: SendReason;
}

export interface Verdict {
  readonly sku: string;
  /** Absent: the verdict is on every marketplace the submission or feed covered. */
  readonly marketplaceId?: string;
  readonly status: Exclude<PublicationStatus, 'pending'>;
  readonly issues: readonly PublicationIssue[];
}

/** Which send a batch of verdicts answers: a feed, or one Listings Items submission per SKU. */
export type VerdictSource = { readonly feedId: string } | { readonly submissionIds: Readonly<Record<string, string>> };

const LISTINGS = 'listing_publications';
const QUANTITIES = 'inventory_publications';
type Table = typeof LISTINGS | typeof QUANTITIES;

const keyOf = (k: PublicationKey): string => `${k.marketplaceId}\u0000${k.sku}`;

/** The listing payload's hash: equal payloads (whatever their key order) hash the same. */
export function listingPayloadHash(payload: unknown): string {
  return sha256Hex(stableJson(payload));
}

async function storedRows(db: Knex, table: Table, tenant: string, channel: string, skus: readonly string[], columns: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const part of chunk([...new Set(skus)], IN_LIST_CHUNK)) {
    const rows: Record<string, unknown>[] = await db(table).select(['marketplace_id', 'sku', 'status', ...columns]).where({ tenant, channel }).whereIn('sku', part);
    for (const row of rows) out.set(keyOf({ marketplaceId: String(row.marketplace_id), sku: String(row.sku) }), row);
  }
  return out;
}

function reasonFor(row: Record<string, unknown> | undefined, same: (row: Record<string, unknown>) => boolean, forced: boolean): SendReason | undefined {
  if (forced) return 'forced';
  if (!row) return 'new';
  if (!same(row)) return 'changed';
  // The same payload was rejected: sending it again would be rejected again, unless forced
  // (a replay after a fix on the channel's side, such as a brand approval).
  return undefined;
}

export interface ToSendOptions {
  /** Keys (`marketplaceId` + `sku`) to send whatever was sent before: a replay of a rejected SKU. */
  readonly force?: readonly PublicationKey[];
}

/** The listing candidates whose payload differs from the last one sent (or that were never sent). */
export async function listingsToSend(db: Knex, tenant: string, channel: string, candidates: readonly ListingCandidate[], options: ToSendOptions = {}): Promise<(ToSend & { payloadHash: string })[]> {
  const stored = await storedRows(db, LISTINGS, tenant, channel, candidates.map((c) => c.sku), ['payload_hash', 'feed_id', 'submission_id']);
  const forced = new Set((options.force ?? []).map(keyOf));
  const out: (ToSend & { payloadHash: string })[] = [];
  for (const c of candidates) {
    const payloadHash = listingPayloadHash(c.payload);
    // A staged send (pending for a feed not yet submitted) was never sent: it is still to send.
    const same = (row: Record<string, unknown>) => row.payload_hash === payloadHash && !(row.status === 'pending' && row.feed_id === null && row.submission_id === null);
    const reason = reasonFor(stored.get(keyOf(c)), same, forced.has(keyOf(c)));
    if (reason) out.push({ marketplaceId: c.marketplaceId, sku: c.sku, payloadHash, reason });
  }
  return out;
}

/** The quantity candidates that differ from the last quantity sent, or whose last send was rejected. */
export async function quantitiesToSend(db: Knex, tenant: string, channel: string, candidates: readonly QuantityCandidate[], options: ToSendOptions = {}): Promise<ToSend[]> {
  const stored = await storedRows(db, QUANTITIES, tenant, channel, candidates.map((c) => c.sku), ['quantity']);
  const forced = new Set((options.force ?? []).map(keyOf));
  const out: ToSend[] = [];
  for (const c of candidates) {
    const row = stored.get(keyOf(c));
    let reason = reasonFor(row, (r) => toSafeInteger(r.quantity, 'inventory_publications.quantity') === c.quantity, forced.has(keyOf(c)));
    // A rejected quantity is sent again even unchanged: stock must reach the channel, and the next try may pass.
    if (!reason && row?.status === 'rejected') reason = 'rejected-before';
    if (reason) out.push({ marketplaceId: c.marketplaceId, sku: c.sku, reason });
  }
  return out;
}

function checkKey(tenant: string, channel: string, s: PublicationKey): void {
  assertStorableKey(tenant, 'tenant');
  assertStorableKey(channel, 'channel');
  assertStorableKey(s.marketplaceId, 'marketplaceId');
  assertStorableKey(s.sku, 'sku');
}

function commonRow(tenant: string, channel: string, s: SendCommon, now: string): Record<string, unknown> {
  if (!PUBLICATION_STATUSES.includes(s.status)) throw new StoreInputError(`status: "${s.status}" is not one of ${PUBLICATION_STATUSES.join(', ')}`);
  return {
    tenant,
    channel,
    marketplace_id: s.marketplaceId,
    sku: s.sku,
    status: s.status,
    issues: JSON.stringify(s.issues ?? []),
    via: s.via,
    submission_id: s.submissionId ?? null,
    feed_id: s.feedId ?? null,
    workflow_id: s.workflowId ?? null,
    run_id: s.runId ?? null,
    submitted_at: now,
    resolved_at: s.status === 'pending' ? null : now,
    updated_at: now,
  };
}

const COMMON_COLUMNS = ['status', 'issues', 'via', 'submission_id', 'feed_id', 'workflow_id', 'run_id', 'submitted_at', 'resolved_at', 'updated_at'] as const;
const KEY = ['tenant', 'channel', 'marketplace_id', 'sku'] as const;

async function upsertSends(db: Knex, table: Table, extraColumns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = [...KEY, ...extraColumns, ...COMMON_COLUMNS];
  await db.transaction(async (trx) => insertRows(trx, table, columns, rows, onConflictUpdate(KEY, [...extraColumns, ...COMMON_COLUMNS])));
}

function checkUnique(sends: readonly PublicationKey[]): void {
  const seen = new Set<string>();
  for (const s of sends) {
    if (seen.has(keyOf(s))) throw new StoreInputError(`${s.sku} on ${s.marketplaceId} is sent twice in one batch`);
    seen.add(keyOf(s));
  }
}

/** Records listings as sent (pending a verdict, or with the verdict a synchronous write returned). */
export async function recordListingSends(db: Knex, tenant: string, channel: string, sends: readonly ListingSend[], options: WriteOptions = {}): Promise<void> {
  if (sends.length === 0) return;
  checkUnique(sends);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const rows = sends.map((s) => {
    checkKey(tenant, channel, s);
    if (!Number.isSafeInteger(s.productSeq) || s.productSeq < 0) throw new StoreInputError(`${s.sku}: productSeq must be a non-negative integer`);
    return {
      ...commonRow(tenant, channel, s, now),
      product_seq: s.productSeq,
      payload_hash: listingPayloadHash(s.payload),
      payload: stableJson(s.payload),
      price_minor: s.price?.amountMinor ?? null,
      price_currency: s.price?.currency ?? null,
      price_basis: s.priceBasis === undefined ? null : stableJson(s.priceBasis),
      message_id: s.messageId ?? null,
    };
  });
  await upsertSends(db, LISTINGS, ['product_seq', 'payload_hash', 'payload', 'price_minor', 'price_currency', 'price_basis', 'message_id'], rows);
}

/** Records stock quantities as sent. */
export async function recordQuantitySends(db: Knex, tenant: string, channel: string, sends: readonly QuantitySend[], options: WriteOptions = {}): Promise<void> {
  if (sends.length === 0) return;
  checkUnique(sends);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const rows = sends.map((s) => {
    checkKey(tenant, channel, s);
    if (!Number.isSafeInteger(s.quantity) || s.quantity < 0) throw new StoreInputError(`${s.sku}: quantity must be a non-negative integer, got ${s.quantity}`);
    return { ...commonRow(tenant, channel, s, now), quantity: s.quantity, allocation: stableJson(s.allocation) };
  });
  await upsertSends(db, QUANTITIES, ['quantity', 'allocation'], rows);
}

/**
 * Records the channel's verdicts on one send (a feed's processing report, or Listings Items
 * replies). Only rows still carrying that send are changed: a verdict on an older send that a
 * newer one replaced is ignored. Returns how many rows took a verdict.
 */
async function recordOutcomes(db: Knex, table: Table, tenant: string, channel: string, source: VerdictSource, verdicts: readonly Verdict[], options: WriteOptions): Promise<number> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  let changed = 0;
  await db.transaction(async (trx) => {
    for (const v of verdicts) {
      if (v.status === ('pending' as string)) throw new StoreInputError(`${v.sku}: a verdict cannot be pending`);
      let q = trx(table).where({ tenant, channel, sku: v.sku });
      if (v.marketplaceId !== undefined) q = q.andWhere('marketplace_id', v.marketplaceId);
      if ('feedId' in source) q = q.andWhere('feed_id', source.feedId);
      else {
        const submissionId = source.submissionIds[v.sku];
        if (submissionId === undefined) throw new StoreInputError(`${v.sku}: no submission id given for its verdict`);
        q = q.andWhere('submission_id', submissionId);
      }
      changed += await q.update({ status: v.status, issues: JSON.stringify(v.issues), resolved_at: now, updated_at: now });
    }
  });
  return changed;
}

export const recordListingOutcomes = (db: Knex, tenant: string, channel: string, source: VerdictSource, verdicts: readonly Verdict[], options: WriteOptions = {}): Promise<number> =>
  recordOutcomes(db, LISTINGS, tenant, channel, source, verdicts, options);

export const recordQuantityOutcomes = (db: Knex, tenant: string, channel: string, source: VerdictSource, verdicts: readonly Verdict[], options: WriteOptions = {}): Promise<number> =>
  recordOutcomes(db, QUANTITIES, tenant, channel, source, verdicts, options);

export interface ListPublicationsQuery {
  readonly tenant: string;
  readonly channel?: string;
  readonly sku?: string;
  readonly status?: PublicationStatus;
  readonly limit?: number;
}

function parseJson(text: unknown, column: string): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    throw new StoreDataError(`${column}: stored text is not JSON`);
  }
}

function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return value === null || value === undefined ? {} : ({ [key]: String(value) } as { [P in K]?: string });
}

function commonOf(row: Record<string, unknown>, table: Table): StoredCommon {
  return {
    tenant: String(row.tenant),
    channel: String(row.channel),
    marketplaceId: String(row.marketplace_id),
    sku: String(row.sku),
    status: String(row.status) as PublicationStatus,
    issues: parseJson(row.issues, `${table}.issues`) as PublicationIssue[],
    via: String(row.via) as PublicationVia,
    ...optional('submissionId', row.submission_id),
    ...optional('feedId', row.feed_id),
    ...optional('workflowId', row.workflow_id),
    ...optional('runId', row.run_id),
    submittedAt: String(row.submitted_at),
    ...optional('resolvedAt', row.resolved_at),
    updatedAt: String(row.updated_at),
  };
}

async function listRows(db: Knex, table: Table, q: ListPublicationsQuery): Promise<Record<string, unknown>[]> {
  let query = db(table).select('*').where({ tenant: q.tenant });
  if (q.channel !== undefined) query = query.andWhere('channel', q.channel);
  if (q.sku !== undefined) query = query.andWhere('sku', q.sku);
  if (q.status !== undefined) query = query.andWhere('status', q.status);
  return query.orderBy(['channel', 'sku', 'marketplace_id']).limit(q.limit ?? 1000);
}

export async function listListingPublications(db: Knex, q: ListPublicationsQuery): Promise<ListingPublication[]> {
  return (await listRows(db, LISTINGS, q)).map((row) => {
    const price = row.price_minor === null || row.price_minor === undefined ? undefined : { amountMinor: toSafeInteger(row.price_minor, `${LISTINGS}.price_minor`), currency: String(row.price_currency) };
    const messageId = toOptionalSafeInteger(row.message_id, `${LISTINGS}.message_id`);
    return {
      ...commonOf(row, LISTINGS),
      productSeq: toSafeInteger(row.product_seq, `${LISTINGS}.product_seq`),
      payloadHash: String(row.payload_hash),
      payload: parseJson(row.payload, `${LISTINGS}.payload`),
      ...(price ? { price } : {}),
      ...(row.price_basis === null || row.price_basis === undefined ? {} : { priceBasis: parseJson(row.price_basis, `${LISTINGS}.price_basis`) }),
      ...(messageId === undefined ? {} : { messageId }),
    };
  });
}

export async function listQuantityPublications(db: Knex, q: ListPublicationsQuery): Promise<QuantityPublication[]> {
  return (await listRows(db, QUANTITIES, q)).map((row) => ({
    ...commonOf(row, QUANTITIES),
    quantity: toSafeInteger(row.quantity, `${QUANTITIES}.quantity`),
    allocation: parseJson(row.allocation, `${QUANTITIES}.allocation`),
  }));
}

// ---- listingsPublish: feeds and dead letters ------------------------------------------------

/**
 * The listings a publish run staged for one marketplace's feeds and has not submitted yet
 * (pending, no feed, no submission), in SKU order, with their payloads: the run collects a
 * whole catalogue's changes this way, so they go out in as few feeds as the channel's limits
 * allow instead of one feed per page.
 */
export async function stagedListingSends(db: Knex, tenant: string, channel: string, marketplaceId: string, workflowId: string): Promise<{ sku: string; payload: unknown }[]> {
  const rows: { sku: string; payload: string }[] = await db(LISTINGS)
    .select(['sku', 'payload'])
    .where({ tenant, channel, marketplace_id: marketplaceId, workflow_id: workflowId, status: 'pending', via: 'feed' })
    .whereNull('feed_id')
    .whereNull('submission_id')
    .orderBy('sku');
  return rows.map((r) => ({ sku: r.sku, payload: parseJson(r.payload, `${LISTINGS}.payload`) }));
}

/** Records which feed (and message of it) carries each staged listing of a marketplace. */
export async function assignListingFeeds(
  db: Knex,
  tenant: string,
  channel: string,
  marketplaceId: string,
  assignments: readonly { sku: string; feedId: string; messageId: number }[],
  options: WriteOptions = {},
): Promise<void> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  await db.transaction(async (trx) => {
    for (const a of assignments) {
      await trx(LISTINGS).where({ tenant, channel, marketplace_id: marketplaceId, sku: a.sku, status: 'pending' }).whereNull('feed_id').update({ feed_id: a.feedId, message_id: a.messageId, submitted_at: now, updated_at: now });
    }
  });
}

/** The sends a feed still carries: each SKU×marketplace with its messageId in the feed. */
export async function listingFeedSends(db: Knex, tenant: string, channel: string, feedId: string): Promise<(PublicationKey & { messageId?: number; status: PublicationStatus })[]> {
  const rows: Record<string, unknown>[] = await db(LISTINGS).select(['marketplace_id', 'sku', 'message_id', 'status']).where({ tenant, channel, feed_id: feedId }).orderBy(['message_id', 'sku']);
  return rows.map((row) => {
    const messageId = toOptionalSafeInteger(row.message_id, `${LISTINGS}.message_id`);
    return { marketplaceId: String(row.marketplace_id), sku: String(row.sku), status: String(row.status) as PublicationStatus, ...(messageId === undefined ? {} : { messageId }) };
  });
}

/**
 * A feed the channel cancelled (or that gave no verdict within the poll's patience) decided
 * nothing: its still-pending sends lose their payload hash, so the next publish sends them again
 * (reason `changed`). Returns how many were cleared.
 */
export async function clearListingFeedSends(db: Knex, tenant: string, channel: string, feedId: string, options: WriteOptions & { why?: 'cancelled' | 'timed_out' } = {}): Promise<number> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const what = options.why === 'timed_out' ? 'gave no verdict in time' : 'was cancelled before processing';
  const issues = JSON.stringify([{ code: `feed_${options.why ?? 'cancelled'}`, message: `feed ${feedId} ${what}: sent again on the next publish`, severity: 'info' }]);
  return db(LISTINGS).where({ tenant, channel, feed_id: feedId, status: 'pending' }).update({ payload_hash: `cancelled:${feedId}`, issues, updated_at: now });
}

/**
 * Closes the open dead letters of listings the channel has now accepted: letters of
 * `recordType` whose external id is the SKU and whose payload names the marketplace.
 * Returns how many were closed.
 */
export async function resolveListingDeadLetters(
  db: Knex,
  q: { tenant: string; channel: string; recordType: string; accepted: readonly PublicationKey[]; by: string },
  options: WriteOptions = {},
): Promise<number> {
  if (q.accepted.length === 0) return 0;
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const wanted = new Set(q.accepted.map(keyOf));
  const ids: number[] = [];
  for (const part of chunk([...new Set(q.accepted.map((k) => k.sku))], IN_LIST_CHUNK)) {
    const rows: { id: number; external_id: string; payload: string }[] = await db('dead_letters')
      .select(['id', 'external_id', 'payload'])
      .where({ tenant: q.tenant, channel: q.channel, record_type: q.recordType })
      .whereNull('resolved_at')
      .whereIn('external_id', part);
    for (const row of rows) {
      const payload = parseJson(row.payload, 'dead_letters.payload') as { marketplaceId?: unknown } | null;
      const marketplaceId = payload !== null && typeof payload === 'object' && typeof payload.marketplaceId === 'string' ? payload.marketplaceId : undefined;
      if (marketplaceId !== undefined && wanted.has(keyOf({ marketplaceId, sku: row.external_id }))) ids.push(toSafeInteger(row.id, 'dead_letters.id'));
    }
  }
  let closed = 0;
  for (const part of chunk(ids, IN_LIST_CHUNK)) {
    closed += await db('dead_letters')
      .whereIn('id', part)
      .whereNull('resolved_at')
      .update({ resolved_at: now, resolution: 'replayed', resolved_by: q.by, resolution_reason: 'a later send of the listing was accepted' });
  }
  return closed;
}
