/**
 * Activities of the inventorySync workflow: the stock a channel may promise per SKU and
 * marketplace, computed from the hub (warehouse counts, orders) and pushed to the channel.
 *
 * Allocation spans channels: every inventory-enabled connection of the tenant is a target of
 * the plan, so two channels shipping from one warehouse are promised disjoint shares of it
 * whichever of them syncs first (engines/inventory). A flow pushes only its own channel's
 * quantities, and only those that differ from what was last sent (store publications).
 * Marketplace-held stock (Amazon FBA) is read back into the hub first when the connection asks.
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '../config/errors.js';
import { handlingDaysOf, inventoryTargetsOf, type InventorySyncSettings } from '../config/inventory-sync.js';
import { LISTING_MAPPING_VENDORS } from '../config/listing-mapping.js';
import { findConnection, findTenant, type ConnectionConfig, type TenantsConfig } from '../config/tenants-config.js';
import type { AmazonFeedProcessingReport } from '../connectors/amazon/schemas/feeds.js';
import type { AmazonInventorySummary } from '../connectors/amazon/schemas/fba-inventory.js';
import type { AmazonListingsSubmission } from '../connectors/amazon/schemas/listings-items-2021-08-01.js';
import type { QuantitySubmission } from '../connectors/capabilities.js';
import { planStock, type AllocationRule, type ChannelTarget, type SkuPlan, type StockCount } from '../engines/inventory/index.js';
import { amazonFeedReportToRecords } from '../mappings/amazon/feed-report.js';
import { amazonInventorySummaryToLevel } from '../mappings/amazon/inventory.js';
import { amazonListingsSubmissionToRecord } from '../mappings/amazon/listings-item.js';
import { alibabaQuantityFeedVerdicts, alibabaQuantityVerdict } from '../mappings/alibaba/index.js';
import type { InventoryLevel } from '../mappings/canonical/inventory.js';
import type { ListingIssue } from '../mappings/canonical/listing.js';
import {
  getInventoryLevels,
  getProduct,
  listProducts,
  quantitiesToSend,
  recordQuantityOutcomes,
  recordQuantitySends,
  closeRunRecord,
  recordRunStarted,
  stockDemand,
  upsertInventoryLevels,
  type PublicationStatus,
  type QuantitySend,
  type StoredProduct,
  type Verdict,
} from '../store/index.js';
import { FLOWS } from '../temporal.config.js';
import { asActivity } from './failures.js';
import type {
  CheckQuantitiesFeedInput,
  CheckQuantitiesFeedResult,
  FinishInventorySyncInput,
  InventoryRunKey,
  InventorySyncActivities,
  PlanInventoryPageInput,
  PlanInventoryPageResult,
  PushQuantitiesInput,
  QuantityToPush,
  ReadMarketplaceStockPageInput,
} from './inventory-sync-types.js';
import type { VendorClients } from './vendor-clients.js';
import type { AliexpressFeedQueryResult, AliexpressQuantitySubmission } from '../connectors/aliexpress/schemas/catalog.js';
import { aliexpressFeedOutcomes, aliexpressQuantityVerdict } from '../mappings/aliexpress/index.js';

export interface InventorySyncDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  clock?: () => Date;
  /** Progress for Temporal's heartbeat timeout; the activity context's by default (tests call the activities outside one). */
  heartbeat?: (details: unknown) => void;
}

const FLOW = FLOWS.inventorySync;
/** SKUs planned per page: each reads its levels, and the page's orders come in one query. */
export const INVENTORY_PLAN_PAGE_SIZE = 200;

type Status = Exclude<PublicationStatus, 'pending'>;
interface ReplyVerdict {
  status: Status;
  issues: ListingIssue[];
  submissionId?: string;
}

/**
 * How each vendor's replies to quantity updates read: one line per vendor, like
 * order-mappings.ts. A reply the mapping cannot read leaves the send pending, with the reason.
 */
interface QuantityReplyMapping {
  submission(reply: unknown, channel: string): ReplyVerdict | { unreadable: string };
  /** The feed's report: verdict per SKU (`skus`: the feed's messages in order, messageId 1…). */
  feedReport(report: unknown, channel: string, skus: readonly string[]): Map<string, ReplyVerdict>;
  /** The vendor's record of a marketplace-held stock record → a level, or why not. */
  marketplaceStock?(record: unknown, channel: string, marketplaceId: string): { ok: true; level: InventoryLevel } | { ok: false; message: string };
}

const SUBMISSION_STATUS = { accepted: 'accepted', invalid: 'rejected', valid: 'valid' } as const;

const QUANTITY_REPLIES: Readonly<Record<string, QuantityReplyMapping>> = {
  amazon: {
    submission(reply, channel) {
      const r = amazonListingsSubmissionToRecord(reply as AmazonListingsSubmission, { channel });
      if (!r.ok) return { unreadable: r.error.message };
      const status = SUBMISSION_STATUS[r.value.status];
      return { status: status === 'accepted' && r.value.issues.length > 0 ? 'accepted-with-warnings' : status, issues: r.value.issues, submissionId: r.value.submissionId };
    },
    feedReport(report, channel, skus) {
      const feed = { header: { sellerId: '-', version: '2.0' }, messages: skus.map((sku, i) => ({ messageId: i + 1, sku, operationType: 'PATCH' })) };
      const out = new Map<string, ReplyVerdict>();
      for (const r of amazonFeedReportToRecords(report as AmazonFeedProcessingReport, { channel, feed })) {
        if (!r.ok || !('outcome' in r.value) || r.value.sku === undefined) continue;
        out.set(r.value.sku, { status: r.value.outcome, issues: r.value.issues });
      }
      return out;
    },
    marketplaceStock(record, channel, marketplaceId) {
      const r = amazonInventorySummaryToLevel(record as AmazonInventorySummary, { channel, granularity: { granularityType: 'Marketplace', granularityId: marketplaceId } });
      return r.ok ? { ok: true, level: r.value } : { ok: false, message: r.error.message };
    },
  },
  aliexpress: {
    // The inventory target's answers per SKU (descriptor-inventory.ts) and feed.query's parsed result.
    submission: (reply) => aliexpressQuantityVerdict(reply as AliexpressQuantitySubmission),
    feedReport: (report) => aliexpressFeedOutcomes(report as AliexpressFeedQueryResult),
  },
  // The connector's per-SKU stock replies (one call per product; "feeds" sent one by one).
  alibaba: { submission: (reply) => alibabaQuantityVerdict(reply), feedReport: (report, _channel, skus) => alibabaQuantityFeedVerdicts(report, skus) },
};

function repliesOf(vendor: string): QuantityReplyMapping {
  const m = QUANTITY_REPLIES[vendor];
  if (!m) throw new ConfigError(`no quantity reply mapping for vendor "${vendor}" (activities/inventory-sync.ts has: ${Object.keys(QUANTITY_REPLIES).join(', ')})`);
  return m;
}

function marketplacesOf(c: ConnectionConfig): string[] {
  const ids = c.settings['marketplaceIds'];
  return Array.isArray(ids) ? ids.map(String) : [];
}

/** The channel's inventory settings, or a config error naming the path to add. */
function inventoryOf(config: TenantsConfig, tenant: string, channel: string): { connection: ConnectionConfig; inventory: InventorySyncSettings } {
  const connection = findConnection(config, tenant, channel);
  if (connection.inventory === undefined) {
    throw new ConfigError(`tenants.${tenant}.connections.${channel}.inventory is not set: the channel publishes no stock`);
  }
  return { connection, inventory: connection.inventory };
}

/** Every inventory-enabled connection's targets: the plan splits shared stock among all of them. */
export function tenantInventoryTargets(config: TenantsConfig, tenant: string): ChannelTarget[] {
  const out: ChannelTarget[] = [];
  for (const [id, c] of Object.entries(findTenant(config, tenant).connections)) {
    if (c.inventory === undefined) continue;
    for (const t of inventoryTargetsOf(id, marketplacesOf(c), c.inventory)) out.push(t);
  }
  return out;
}

/** The listing's product type of a product category on this channel (Amazon addresses a listing patch by it). */
function productTypeOf(connection: ConnectionConfig, category: string | undefined): string | undefined {
  return category === undefined ? undefined : connection.listings?.productTypes[category]?.productType;
}

export interface TenantPlanPage {
  /** Per SKU with own-warehouse stock: free units, units held by orders, every channel's allocation. */
  plans: SkuPlan[];
  /** Product category per SKU planned (a channel's product type comes from it). */
  categories: Map<string, string | undefined>;
  rule: AllocationRule;
  nextAfterSku?: string;
}

/**
 * One page of the tenant's catalogue (SKU order), or one SKU, planned across every channel.
 * Reads only the hub: counts of the seller's own and overseas warehouses (available units,
 * counted at the level's observedAt or its import), the orders bearing on them, the tenant's rule.
 */
export async function planTenantStock(db: Knex, config: TenantsConfig, tenant: string, page: { afterSku?: string; pageSize?: number; sku?: string } = {}): Promise<TenantPlanPage> {
  const rule = findTenant(config, tenant).inventory?.rule ?? 'share';
  const pageSize = page.pageSize ?? INVENTORY_PLAN_PAGE_SIZE;
  let products: StoredProduct[];
  if (page.sku !== undefined) {
    const one = await getProduct(db, tenant, page.sku);
    products = one === undefined ? [] : [one];
  } else {
    products = await listProducts(db, tenant, { ...(page.afterSku === undefined ? {} : { afterSku: page.afterSku }), limit: pageSize });
  }
  const counts: StockCount[] = [];
  const categories = new Map<string, string | undefined>();
  for (const p of products) {
    categories.set(p.sku, p.product.category);
    for (const l of await getInventoryLevels(db, tenant, p.sku)) {
      // Stock the marketplace holds (FBA) is sold by it alone: not the seller's to split.
      if (l.level.location.type === 'marketplace-fulfilment') continue;
      counts.push({ sku: l.sku, locationId: l.locationId, onHand: l.level.quantities.available ?? 0, countedAt: l.level.observedAt ?? l.updatedAt });
    }
  }
  const next = page.sku === undefined && products.length === pageSize ? products.at(-1)!.sku : undefined;
  const more = next === undefined ? {} : { nextAfterSku: next };
  if (counts.length === 0) return { plans: [], categories, rule, ...more };
  const earliest = counts.reduce((a, c) => (Date.parse(c.countedAt) < Date.parse(a) ? c.countedAt : a), counts[0]!.countedAt);
  const demand = await stockDemand(db, tenant, [...new Set(counts.map((c) => c.sku))], earliest);
  return { plans: planStock(counts, demand, tenantInventoryTargets(config, tenant), rule), categories, rule, ...more };
}

export interface ChannelPlanPage {
  /** Every quantity of this channel in the page, changed or not, with its basis. */
  quantities: QuantityToPush[];
  nextAfterSku?: string;
  skusPlanned: number;
}

/** One page planned across every channel (planTenantStock); the quantities of `channel`. */
export async function planChannelPage(db: Knex, config: TenantsConfig, tenant: string, channel: string, afterSku?: string, pageSize = INVENTORY_PLAN_PAGE_SIZE): Promise<ChannelPlanPage> {
  const { connection } = inventoryOf(config, tenant, channel);
  const page = await planTenantStock(db, config, tenant, { ...(afterSku === undefined ? {} : { afterSku }), pageSize });
  const quantities: QuantityToPush[] = [];
  const handling = (marketplaceId: string): number | undefined => (connection.inventory === undefined ? undefined : handlingDaysOf(connection.inventory, marketplaceId));
  for (const plan of page.plans) {
    const productType = productTypeOf(connection, page.categories.get(plan.sku));
    for (const a of plan.allocations) {
      if (a.channel !== channel) continue;
      quantities.push({
        sku: plan.sku,
        marketplaceId: a.marketplaceId,
        quantity: a.quantity,
        ...(productType === undefined ? {} : { productType }),
        ...(handling(a.marketplaceId) === undefined ? {} : { handlingDays: handling(a.marketplaceId)! }),
        reason: 'planned',
        basis: { fromLocations: { ...a.fromLocations }, heldBack: a.heldBack, capped: a.capped, free: { ...plan.free }, committed: { ...plan.committed }, rule: page.rule },
      });
    }
  }
  return { quantities, ...(page.nextAfterSku === undefined ? {} : { nextAfterSku: page.nextAfterSku }), skusPlanned: page.plans.length };
}

const keyOf = (k: { sku: string; marketplaceId: string }): string => `${k.marketplaceId}\u0000${k.sku}`;

export function createInventorySyncActivities(deps: InventorySyncDeps): InventorySyncActivities {
  const clock = deps.clock ?? (() => new Date());
  const heartbeat = deps.heartbeat ?? ((d: unknown) => Context.current().heartbeat(d));

  const sendOf = (input: InventoryRunKey, p: QuantityToPush, rest: Pick<QuantitySend, 'status' | 'via'> & Partial<QuantitySend>): QuantitySend => ({
    marketplaceId: p.marketplaceId,
    sku: p.sku,
    quantity: p.quantity,
    allocation: p.basis,
    workflowId: input.workflowId,
    runId: input.runId,
    ...rest,
  });

  return {
    async startInventorySync(input) {
      return asActivity(async () => {
        const { connection, inventory } = inventoryOf(deps.config, input.tenant, input.channel);
        const startedAt = clock().toISOString();
        await recordRunStarted(deps.db, { workflowId: input.workflowId, runId: input.runId, tenant: input.tenant, channel: input.channel, flow: FLOW, startedAt });
        return { startedAt, readMarketplaces: inventory.readMarketplaceStock ? marketplacesOf(connection) : [], feedThreshold: inventory.feedThreshold };
      });
    },

    async readMarketplaceStockPage(input: ReadMarketplaceStockPageInput) {
      return asActivity(async () => {
        const { capability, config } = deps.vendors.capability(input.tenant, input.channel, 'inventorySource');
        const mapping = repliesOf(config.vendor);
        heartbeat({ marketplaceId: input.marketplaceId, cursor: input.cursor ?? null });
        const page = await capability.listInventory({ marketplaceId: input.marketplaceId, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) });
        const levels: InventoryLevel[] = [];
        let rejected = 0;
        for (const record of page.records) {
          const r = mapping.marketplaceStock?.(record, input.channel, input.marketplaceId);
          if (r?.ok) levels.push(r.level);
          else {
            rejected++;
            deps.logger.warn({ tenant: input.tenant, channel: input.channel, marketplaceId: input.marketplaceId, problem: r?.message ?? 'no marketplace stock mapping' }, 'marketplace stock record not taken');
          }
        }
        const written = levels.length === 0 ? { inserted: 0, updated: 0 } : await upsertInventoryLevels(deps.db, input.tenant, levels, { now: clock() });
        heartbeat({ marketplaceId: input.marketplaceId, cursor: page.cursor ?? null, written: levels.length });
        return { ...(page.cursor === undefined ? {} : { cursor: page.cursor }), read: page.records.length, changed: written.inserted + written.updated, rejected };
      });
    },

    async planInventoryPage(input: PlanInventoryPageInput): Promise<PlanInventoryPageResult> {
      return asActivity(async () => {
        const page = await planChannelPage(deps.db, deps.config, input.tenant, input.channel, input.afterSku, input.pageSize);
        // Where listings are addressed by product type, a SKU whose category has none on this channel cannot be patched.
        const needsType = LISTING_MAPPING_VENDORS.includes(findConnection(deps.config, input.tenant, input.channel).vendor);
        const known = page.quantities.filter((q) => q.productType !== undefined || !needsType);
        const toSend = await quantitiesToSend(deps.db, input.tenant, input.channel, known.map((q) => ({ marketplaceId: q.marketplaceId, sku: q.sku, quantity: q.quantity })));
        const reasons = new Map(toSend.map((t) => [keyOf(t), t.reason]));
        const push = known.filter((q) => reasons.has(keyOf(q))).map((q) => ({ ...q, reason: reasons.get(keyOf(q))! }));
        if (known.length < page.quantities.length) {
          const skipped = [...new Set(page.quantities.filter((q) => q.productType === undefined).map((q) => q.sku))];
          deps.logger.warn({ tenant: input.tenant, channel: input.channel, skus: skipped.slice(0, 20), count: skipped.length }, 'stock not published: no product type for these SKUs\' categories in the connection\'s listings.productTypes');
        }
        return {
          push,
          ...(page.nextAfterSku === undefined ? {} : { nextAfterSku: page.nextAfterSku }),
          skusPlanned: page.skusPlanned,
          unchanged: known.length - push.length,
          skipped: page.quantities.length - known.length,
        };
      });
    },

    async pushQuantities(input: PushQuantitiesInput) {
      return asActivity(async () => {
        const { capability, config } = deps.vendors.capability(input.tenant, input.channel, 'inventoryTarget');
        const mapping = repliesOf(config.vendor);
        const counts = { sent: 0, accepted: 0, rejected: 0, pending: 0 };
        // One at a time, each recorded as soon as answered; a retry of this activity asks the
        // store again and skips what an earlier attempt already sent and recorded.
        const still = new Set((await quantitiesToSend(deps.db, input.tenant, input.channel, input.push)).map(keyOf));
        for (const p of input.push.filter((q) => still.has(keyOf(q)))) {
          heartbeat({ sku: p.sku, marketplaceId: p.marketplaceId });
          const [reply] = (await capability.setQuantities([{ sku: p.sku, marketplaceId: p.marketplaceId, quantity: p.quantity, ...(p.productType === undefined ? {} : { productType: p.productType }), ...(p.handlingDays === undefined ? {} : { handlingDays: p.handlingDays }) }])) as [QuantitySubmission];
          const verdict = mapping.submission(reply.submission, input.channel);
          const send =
            'unreadable' in verdict
              ? sendOf(input, p, { status: 'pending', via: 'listings-item', issues: [{ message: `the reply could not be read: ${verdict.unreadable}`, severity: 'warning' }] })
              : sendOf(input, p, { status: verdict.status, via: 'listings-item', issues: verdict.issues, ...(verdict.submissionId === undefined ? {} : { submissionId: verdict.submissionId }) });
          await recordQuantitySends(deps.db, input.tenant, input.channel, [send], { now: clock() });
          counts.sent++;
          if (send.status === 'rejected') counts.rejected++;
          else if (send.status === 'pending') counts.pending++;
          else counts.accepted++;
        }
        return counts;
      });
    },

    async submitQuantitiesFeed(input: PushQuantitiesInput) {
      return asActivity(async () => {
        const { capability } = deps.vendors.capability(input.tenant, input.channel, 'inventoryTarget');
        heartbeat({ feed: 'submitting', updates: input.push.length });
        const submission = await capability.submitQuantitiesFeed(
          input.push.map((p) => ({ sku: p.sku, marketplaceId: p.marketplaceId, quantity: p.quantity, ...(p.productType === undefined ? {} : { productType: p.productType }), ...(p.handlingDays === undefined ? {} : { handlingDays: p.handlingDays }) })),
        );
        const byKey = new Map(input.push.map((p) => [keyOf(p), p]));
        const sends: QuantitySend[] = [];
        for (const f of submission.feeds) {
          for (const sku of f.skus) {
            const p = byKey.get(keyOf({ sku, marketplaceId: f.marketplaceId }));
            if (p) sends.push(sendOf(input, p, { status: 'pending', via: 'feed', feedId: f.feedId }));
          }
        }
        await recordQuantitySends(deps.db, input.tenant, input.channel, sends, { now: clock() });
        return { feeds: submission.feeds.map((f) => ({ feedId: f.feedId, marketplaceId: f.marketplaceId, skus: [...f.skus] })), sent: sends.length };
      });
    },

    async checkQuantitiesFeed(input: CheckQuantitiesFeedInput): Promise<CheckQuantitiesFeedResult> {
      return asActivity(async () => {
        // A quantities feed is a listings feed: its status and report are read as the listing target reads them.
        const { capability, config } = deps.vendors.capability(input.tenant, input.channel, 'listingTarget');
        const { feed } = input;
        const status = await capability.feedStatus(feed.feedId);
        if (status.state === undefined || status.state === 'queued' || status.state === 'in_progress') return { state: 'waiting', accepted: 0, rejected: 0 };
        let verdicts: Verdict[];
        if (status.state === 'done' && status.resultDocumentId !== undefined) {
          const found = repliesOf(config.vendor).feedReport(await capability.feedResults(status.resultDocumentId), input.channel, feed.skus);
          verdicts = feed.skus.map((sku) => {
            const v = found.get(sku);
            return v
              ? { sku, marketplaceId: feed.marketplaceId, status: v.status, issues: v.issues }
              : { sku, marketplaceId: feed.marketplaceId, status: 'rejected', issues: [{ message: `feed ${feed.feedId} reported nothing on this SKU`, severity: 'error' }] };
          });
        } else {
          const why = `feed ${feed.feedId} ended ${status.rawStatus}${status.state === 'done' ? ' without a processing report' : ''}`;
          verdicts = feed.skus.map((sku) => ({ sku, marketplaceId: feed.marketplaceId, status: 'rejected', issues: [{ message: why, severity: 'error' }] }));
        }
        await recordQuantityOutcomes(deps.db, input.tenant, input.channel, { feedId: feed.feedId }, verdicts, { now: clock() });
        const rejected = verdicts.filter((v) => v.status === 'rejected').length;
        return { state: status.state === 'done' ? 'done' : 'failed', accepted: verdicts.length - rejected, rejected };
      });
    },

    async finishInventorySync(input: FinishInventorySyncInput) {
      return asActivity(async () => {
        const finished = clock();
        const t = input.totals;
        const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
          workflowId: input.workflowId,
          runId: input.runId,
          status: input.status,
          pages: input.pages,
          fetched: t.marketplaceStockRead + t.skusPlanned,
          inserted: t.sent,
          updated: t.marketplaceStockChanged,
          unchanged: t.unchanged,
          deadLettered: t.rejected + t.marketplaceStockRejected,
          rateLimited: 0,
          ...(input.error === undefined ? {} : { error: input.error }),
        });
        return { finishedAt: finished.toISOString(), durationMs };
      });
    },
  };
}
