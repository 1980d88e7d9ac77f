/**
 * listingsPublish activities: a tenant's catalogue, page by page in SKU order, built into
 * listings exactly as `caravan map --preview listing` builds them (listings-publish-preview.ts),
 * checked against the channel's product type schemas, compared with what was last sent
 * (store/publications-repository.ts), and sent through the channel's ListingTarget: one by one
 * (Listings Items, synchronous verdicts) or as feeds whose verdicts come later.
 *
 * Written against the capability; what is vendor-specific (the marketplace table, the feed
 * message, reading verdicts) is the vendor's ListingPublishAdapter, one line per vendor below.
 *
 * Product type schemas are cached in this worker's memory per (publish run, product type,
 * marketplace): a run fetches each once, the next run fetches them again (Amazon revises
 * product types without notice).
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ListingTarget } from '../connectors/capabilities.js';
import { ConfigError } from '../config/errors.js';
import { findConnection, type TenantsConfig } from '../config/tenants-config.js';
import type { ListingsConfig } from '../config/listing-mapping.js';
import { createProductTypeValidator, ListingMappingError, type ListingPreview, type ListingPutPayload } from '../engines/listing/index.js';
import type { AmazonFeedProcessingReport } from '../connectors/amazon/schemas/feeds.js';
import type { AmazonListingsSubmission } from '../connectors/amazon/schemas/listings-items-2021-08-01.js';
import {
  AMAZON_LISTING_RECORD_TYPE,
  amazonFeedReportVerdicts,
  amazonListingFeedMessage,
  amazonListingMarketplace,
  amazonListingSubmissionVerdict,
  type FeedMessageRef,
  type FeedVerdicts,
  type ListingPublishVerdict,
} from '../mappings/amazon/listing-publish.js';
import { ALIBABA_LISTING_PUBLISH } from './alibaba-adapters.js';
import type { ListingIssue } from '../mappings/canonical/listing.js';
import type { AliexpressFeedQueryResult, AliexpressListingSubmission } from '../connectors/aliexpress/schemas/catalog.js';
import * as aliexpressListings from '../mappings/aliexpress/listing-publish.js';
import type { FxRateTable } from '../mappings/canonical/fx-rate-table.js';
import { getProduct, listProducts, recordDeadLetters, closeRunRecord, recordRunStarted, type DeadLetterInput, type StoredProduct } from '../store/index.js';
import {
  assignListingFeeds,
  clearListingFeedSends,
  listingFeedSends,
  listingsToSend,
  recordListingOutcomes,
  recordListingSends,
  resolveListingDeadLetters,
  stagedListingSends,
  type ListingSend,
  type PublicationKey,
} from '../store/publications-repository.js';
import { FLOWS, LISTINGS_PUBLISH } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { previewProductListings, productTypeOf, storedFxTables, type ListingMarketplaceInfo, type ProductTypeSchemaFor } from './listings-publish-preview.js';
import {
  ZERO_PUBLISH_COUNTS,
  type FinishListingsPublishInput,
  type FinishListingsPublishResult,
  type ListingsFeedStatusInput,
  type ListingsFeedStatusResult,
  type ListingsFeedVerdictCounts,
  type ListingsPublishActivities,
  type ListingToSend,
  type PlanListingsPageInput,
  type PlanListingsPageResult,
  type PublishCounts,
  type PublishRunKey,
  type PublishScope,
  type PutListingInput,
  type PutListingResult,
  type RecordListingsFeedResultsInput,
  type StartListingsPublishResult,
  type StageListingsFeedPageInput,
  type StageListingsFeedPageResult,
  type SubmitStagedListingsFeedsResult,
  type SubmittedFeed,
} from './listings-publish-types.js';
import type { ReportActivityContext } from './reports.js';
import type { VendorClients } from './vendor-clients.js';

const FLOW = FLOWS.listingsPublish;

/** What listingsPublish needs of a vendor beside its ListingTarget: pure functions of its mapping. */
export interface ListingPublishAdapter {
  /** Dead letters of rejected listings carry this record type. */
  readonly recordType: string;
  marketplace(id: string): ListingMarketplaceInfo | undefined;
  feedMessage(sku: string, payload: ListingPreview['payload']): unknown;
  /** The ListingTarget's write request for one listing; the built payload itself when absent (Amazon's put body). */
  writeRequest?(sku: string, payload: ListingPreview['payload']): unknown;
  submissionVerdict(reply: unknown, channel: string): ListingPublishVerdict;
  feedVerdicts(report: unknown, sent: readonly FeedMessageRef[], channel: string): FeedVerdicts;
}

export const LISTING_PUBLISH_ADAPTERS: Readonly<Record<string, ListingPublishAdapter>> = {
  amazon: {
    recordType: AMAZON_LISTING_RECORD_TYPE,
    marketplace: amazonListingMarketplace,
    feedMessage: (sku, payload) => amazonListingFeedMessage(sku, payload),
    // The connector checked the replies against its wire schemas.
    submissionVerdict: (reply, channel) => amazonListingSubmissionVerdict(reply as AmazonListingsSubmission, channel),
    feedVerdicts: (report, sent, channel) => amazonFeedReportVerdicts(report as AmazonFeedProcessingReport, sent, channel),
  },
  aliexpress: {
    recordType: aliexpressListings.ALIEXPRESS_LISTING_RECORD_TYPE,
    marketplace: aliexpressListings.aliexpressListingMarketplace,
    feedMessage: (sku, payload) => aliexpressListings.aliexpressListingFeedItem(sku, payload),
    writeRequest: (_sku, payload) => aliexpressListings.aliexpressProductDocument(payload),
    // The connector's own answers (descriptor-listings.ts) and feed.query's parsed result.
    submissionVerdict: (reply) => aliexpressListings.aliexpressListingSubmissionVerdict(reply as AliexpressListingSubmission),
    feedVerdicts: (report, sent) => aliexpressListings.aliexpressFeedVerdicts(report as AliexpressFeedQueryResult, sent),
  },
  alibaba: ALIBABA_LISTING_PUBLISH,
};

export interface ListingsPublishDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  clock?: () => Date;
  /** The activity's heartbeat and cancellation (tests inject one; Temporal's by default). */
  context?: () => ReportActivityContext;
}

/** One built listing of a page. */
interface Candidate {
  readonly stored: StoredProduct;
  readonly preview: ListingPreview;
}

interface Channel {
  readonly listings: ListingsConfig;
  readonly adapter: ListingPublishAdapter;
  readonly target: ListingTarget;
  readonly marketplaceIds: string[];
}

const SCHEMA_CACHE_RUNS = 8;
const HEARTBEAT_EVERY = 25;

const errorsOf = (issues: readonly ListingIssue[]): ListingIssue[] => issues.filter((i) => i.severity === 'error');

export function createListingsPublishActivities(deps: ListingsPublishDeps): ListingsPublishActivities {
  const clock = deps.clock ?? (() => new Date());
  const context = deps.context ?? ((): ReportActivityContext => Context.current());
  const validator = createProductTypeValidator();
  const fxTable = storedFxTables(deps);
  /** run → `productType marketplace` → schema (a promise, so concurrent products share one fetch). */
  const schemas = new Map<string, Map<string, Promise<ProductTypeSchemaFor | undefined>>>();

  function channelOf(tenant: string, channel: string): Channel {
    const connection = findConnection(deps.config, tenant, channel);
    const listings = connection.listings;
    if (listings === undefined) throw new ConfigError(`tenants.${tenant}.connections.${channel} has no listings section: nothing to publish`);
    const adapter = LISTING_PUBLISH_ADAPTERS[connection.vendor];
    if (adapter === undefined) throw new ConfigError(`${connection.vendor} has no listing publish adapter (vendors that do: ${Object.keys(LISTING_PUBLISH_ADAPTERS).join(', ')})`);
    const { capability: target } = deps.vendors.capability(tenant, channel, 'listingTarget');
    return { listings, adapter, target, marketplaceIds: Object.keys(listings.marketplaces) };
  }

  function schemaFor(run: PublishRunKey, target: ListingTarget, signal: AbortSignal) {
    const runKey = `${run.workflowId}/${run.runId}`;
    let cache = schemas.get(runKey);
    if (cache === undefined) {
      schemas.set(runKey, (cache = new Map()));
      while (schemas.size > SCHEMA_CACHE_RUNS) schemas.delete(schemas.keys().next().value!);
    }
    const c = cache;
    return (productType: string, marketplaceId: string): Promise<ProductTypeSchemaFor | undefined> => {
      const key = `${productType} ${marketplaceId}`;
      let hit = c.get(key);
      if (hit === undefined) {
        hit = target.productTypeSchema === undefined
          ? Promise.resolve(undefined)
          : target.productTypeSchema(productType, marketplaceId, { signal }).then((d) => ({
              schema: d.schema as object,
              key: { productType, marketplaceId, ...(d.version === undefined ? {} : { version: d.version }) },
            }));
        // A failed fetch is not cached: the activity's retry fetches again.
        hit.catch(() => c.delete(key));
        c.set(key, hit);
      }
      return hit;
    };
  }

  /** A page of the catalogue (or of the SKUs asked for), in SKU order, and where the next one starts (absent: last page). */
  async function productsPage(tenant: string, scope: PublishScope, afterSku: string | undefined, pageSize: number): Promise<{ products: StoredProduct[]; nextAfterSku?: string }> {
    if (scope.skus === undefined) {
      const products = await listProducts(deps.db, tenant, { ...(afterSku === undefined ? {} : { afterSku }), limit: pageSize });
      return { products, ...(products.length === pageSize ? { nextAfterSku: products.at(-1)!.sku } : {}) };
    }
    const rest = [...new Set(scope.skus)].sort().filter((s) => afterSku === undefined || s > afterSku);
    const wanted = rest.slice(0, pageSize);
    // A SKU not (or no longer) in the catalogue has nothing to publish.
    const found = await Promise.all(wanted.map((sku) => getProduct(deps.db, tenant, sku)));
    return { products: found.filter((p): p is StoredProduct => p !== undefined), ...(rest.length > pageSize ? { nextAfterSku: wanted.at(-1)! } : {}) };
  }

  /** The listings of a page's products on `marketplaceIds`, heartbeating the SKU reached. */
  async function buildCandidates(run: PublishRunKey, ch: Channel, products: readonly StoredProduct[], marketplaceIds: readonly string[], onDate: string, counts: PublishCounts): Promise<Candidate[]> {
    const ctx = context();
    const fxTables = new Map<string, FxRateTable>();
    const schema = schemaFor(run, ch.target, ctx.cancellationSignal);
    const out: Candidate[] = [];
    let n = 0;
    for (const stored of products) {
      ctx.cancellationSignal.throwIfAborted();
      counts.products += 1;
      if (productTypeOf(ch.listings, stored.product) === undefined) {
        counts.unmapped += 1;
        continue;
      }
      let previews: ListingPreview[];
      try {
        previews = await previewProductListings({
          config: deps.config,
          listings: ch.listings,
          product: stored.product,
          marketplaceIds,
          marketplace: ch.adapter.marketplace,
          onDate,
          fxTable,
          fxTables,
          schemaFor: schema,
          validator,
        });
      } catch (e) {
        if (!(e instanceof ListingMappingError)) throw e;
        counts.unmapped += 1;
        continue;
      }
      for (const preview of previews) out.push({ stored, preview });
      counts.candidates += previews.length;
      if (++n % HEARTBEAT_EVERY === 0) ctx.heartbeat({ sku: stored.sku });
    }
    ctx.heartbeat({ sku: products.at(-1)?.sku ?? null });
    return out;
  }

  /** The candidates that differ from the last send (all of them when forced). */
  async function changed(run: PublishRunKey, scope: PublishScope, candidates: readonly Candidate[]): Promise<(Candidate & { reason: ListingToSend['reason'] })[]> {
    const keyed = candidates.map((c) => ({ marketplaceId: c.preview.marketplaceId, sku: c.preview.sku, payload: c.preview.payload }));
    const toSend = await listingsToSend(deps.db, run.tenant, run.channel, keyed, scope.force ? { force: keyed } : {});
    const byKey = new Map(candidates.map((c) => [`${c.preview.marketplaceId} ${c.preview.sku}`, c]));
    return toSend.map((t) => ({ ...byKey.get(`${t.marketplaceId} ${t.sku}`)!, reason: t.reason }));
  }

  function sendOf(run: PublishRunKey, c: Candidate, fields: Pick<ListingSend, 'status' | 'via'> & Partial<ListingSend>): ListingSend {
    const { preview } = c;
    return {
      marketplaceId: preview.marketplaceId,
      sku: preview.sku,
      productSeq: c.stored.seq,
      payload: preview.payload,
      ...(preview.price === undefined ? {} : { price: { amountMinor: preview.price.price.amountMinor, currency: preview.price.price.currency }, priceBasis: preview.price }),
      workflowId: run.workflowId,
      runId: run.runId,
      ...fields,
    };
  }

  function deadLetter(run: PublishRunKey, ch: Channel, key: PublicationKey, issues: readonly ListingIssue[], payload: unknown, ref: Record<string, string> = {}): DeadLetterInput {
    const errors = errorsOf(issues);
    const first = errors[0] ?? issues[0];
    const field = first?.attributeNames?.[0] ?? '';
    return {
      tenant: run.tenant,
      channel: run.channel,
      flow: FLOW,
      recordType: ch.adapter.recordType,
      externalId: key.sku,
      field,
      errorKind: 'validation',
      message: `${ch.adapter.recordType} ${key.sku} on ${key.marketplaceId}: ${(errors.length > 0 ? errors : issues).map((i) => `${i.attributeNames?.[0] ?? '(listing)'}: ${i.message}`).join('; ') || 'rejected'}`,
      payload: { marketplaceId: key.marketplaceId, sku: key.sku, issues, payload, ...ref },
      workflowId: run.workflowId,
      runId: run.runId,
    };
  }

  /** Listings the hub's own checks reject (schema, mapping, price): recorded as rejected and dead-lettered, never sent. */
  async function rejectLocally(run: PublishRunKey, ch: Channel, rejected: readonly Candidate[]): Promise<number> {
    if (rejected.length === 0) return 0;
    const now = clock();
    await recordListingSends(deps.db, run.tenant, run.channel, rejected.map((c) => sendOf(run, c, { status: 'rejected', via: 'listings-item', issues: c.preview.issues })), { now });
    await recordDeadLetters(deps.db, rejected.map((c) => deadLetter(run, ch, c.preview, c.preview.issues, c.preview.payload)), { now });
    return rejected.length;
  }

  async function accepted(run: PublishRunKey, ch: Channel, keys: readonly PublicationKey[]): Promise<void> {
    await resolveListingDeadLetters(deps.db, { tenant: run.tenant, channel: run.channel, recordType: ch.adapter.recordType, accepted: keys, by: FLOW }, { now: clock() });
  }

  const hasErrors = (c: Candidate): boolean => errorsOf(c.preview.issues).length > 0;

  return {
    async startListingsPublish(input) {
      return asActivity(async (): Promise<StartListingsPublishResult> => {
        const ch = channelOf(input.tenant, input.channel);
        const now = clock();
        const startedAt = now.toISOString();
        await recordRunStarted(deps.db, { ...input, flow: FLOW, startedAt });
        deps.logger.info({ tenant: input.tenant, channel: input.channel }, 'listings publish started');
        return { startedAt, totals: { ...ZERO_PUBLISH_COUNTS }, onDate: startedAt.slice(0, 10), feedThreshold: ch.listings.feedThreshold ?? LISTINGS_PUBLISH.feedThreshold, marketplaceIds: ch.marketplaceIds };
      });
    },

    async planListingsPage(input: PlanListingsPageInput): Promise<PlanListingsPageResult> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const counts: PublishCounts = { ...ZERO_PUBLISH_COUNTS };
        const { products, nextAfterSku } = await productsPage(input.tenant, input, input.afterSku, input.pageSize);
        const candidates = await buildCandidates(input, ch, products, ch.marketplaceIds, input.onDate, counts);
        const toSend = await changed(input, input, candidates);
        counts.unchanged = candidates.length - toSend.length;
        const local = toSend.filter(hasErrors);
        counts.rejectedLocally = await rejectLocally(input, ch, local);
        counts.rejected = counts.rejectedLocally;
        counts.deadLettered = counts.rejectedLocally;
        const sendable = toSend.filter((c) => !hasErrors(c));
        const total = input.changesSoFar + sendable.length;
        return {
          ...(nextAfterSku === undefined ? {} : { nextAfterSku }),
          counts,
          changes: sendable.length,
          ...(total <= input.keepKeysUpTo ? { toSend: sendable.map((c) => ({ sku: c.preview.sku, marketplaceId: c.preview.marketplaceId, reason: c.reason })) } : {}),
        };
      });
    },

    async putListing(input: PutListingInput): Promise<PutListingResult> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const { sku, marketplaceId, reason } = input.listing;
        const stored = await getProduct(deps.db, input.tenant, sku);
        if (stored === undefined) return { status: 'unchanged', deadLettered: 0 };
        const [candidate] = await buildCandidates(input, ch, [stored], [marketplaceId], input.onDate, { ...ZERO_PUBLISH_COUNTS });
        if (candidate === undefined) return { status: 'unchanged', deadLettered: 0 };
        if (hasErrors(candidate)) return { status: 'rejected', deadLettered: await rejectLocally(input, ch, [candidate]) };
        const signal = context().cancellationSignal;
        const write = { sku, marketplaceId, request: ch.adapter.writeRequest?.(sku, candidate.preview.payload) ?? candidate.preview.payload };
        const record = async (verdict: ListingPublishVerdict): Promise<number> => {
          const status = verdict.status === 'valid' ? 'accepted' : verdict.status;
          const now = clock();
          await recordListingSends(deps.db, input.tenant, input.channel, [sendOf(input, candidate, { status, via: 'listings-item', issues: verdict.issues, ...(verdict.submissionId === undefined ? {} : { submissionId: verdict.submissionId }) })], { now });
          if (status !== 'rejected') {
            await accepted(input, ch, [candidate.preview]);
            return 0;
          }
          await recordDeadLetters(deps.db, [deadLetter(input, ch, candidate.preview, verdict.issues, candidate.preview.payload, verdict.submissionId === undefined ? {} : { submissionId: verdict.submissionId })], { now });
          return 1;
        };
        // A SKU never sent here is checked first: its verdict comes without creating a half listing.
        if (reason === 'new') {
          const preview = ch.adapter.submissionVerdict(await ch.target.validateListing(write, { signal }), input.channel);
          if (preview.status === 'rejected') return { status: 'rejected', rejectedByPreview: true, deadLettered: await record(preview) };
        }
        const verdict = ch.adapter.submissionVerdict(await ch.target.putListing(write, { signal }), input.channel);
        const deadLettered = await record(verdict);
        deps.logger.info({ tenant: input.tenant, channel: input.channel, sku, marketplaceId, status: verdict.status }, 'listing put');
        return { status: verdict.status === 'valid' ? 'accepted' : verdict.status, deadLettered };
      });
    },

    async stageListingsFeedPage(input: StageListingsFeedPageInput): Promise<StageListingsFeedPageResult> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const { products, nextAfterSku } = await productsPage(input.tenant, input, input.afterSku, input.pageSize);
        const candidates = await buildCandidates(input, ch, products, ch.marketplaceIds, input.onDate, { ...ZERO_PUBLISH_COUNTS });
        const toSend = await changed(input, input, candidates);
        const rejectedLocally = await rejectLocally(input, ch, toSend.filter(hasErrors));
        const sendable = toSend.filter((c) => !hasErrors(c));
        // Staged: pending for a feed, none yet. submitStagedListingsFeeds sends the whole run's in as few feeds as fit.
        await recordListingSends(deps.db, input.tenant, input.channel, sendable.map((c) => sendOf(input, c, { status: 'pending', via: 'feed' })), { now: clock() });
        return {
          ...(nextAfterSku === undefined ? {} : { nextAfterSku }),
          staged: sendable.length,
          rejectedLocally,
          deadLettered: rejectedLocally,
        };
      });
    },

    async submitStagedListingsFeeds(input: PublishRunKey): Promise<SubmitStagedListingsFeedsResult> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const signal = context().cancellationSignal;
        const feeds: SubmittedFeed[] = [];
        let sent = 0;
        // One marketplace per feed (a feed's marketplaceIds apply to all its messages); the
        // channel splits each marketplace's messages at its own limits (Amazon: 25,000 messages, 10 MiB).
        for (const marketplaceId of ch.marketplaceIds) {
          const staged = await stagedListingSends(deps.db, input.tenant, input.channel, marketplaceId, input.workflowId);
          if (staged.length === 0) continue;
          const submission = await ch.target.submitListingsFeed(
            // The payloads as this run stored them (built by the listing rules a moment ago).
            staged.map((c) => ch.adapter.feedMessage(c.sku, c.payload as ListingPutPayload)),
            { marketplaceIds: [marketplaceId], signal },
          );
          const feedOf = new Map(submission.feeds.flatMap((f) => f.skus.map((sku) => [sku, f.feedId] as const)));
          // messageIds number the messages across the feeds the submission made, from 1.
          await assignListingFeeds(deps.db, input.tenant, input.channel, marketplaceId, staged.map((c, i) => ({ sku: c.sku, feedId: feedOf.get(c.sku)!, messageId: i + 1 })), { now: clock() });
          for (const f of submission.feeds) feeds.push({ feedId: f.feedId, marketplaceId, messages: f.messages });
          sent += staged.length;
          context().heartbeat({ marketplaceId, feeds: feeds.length });
        }
        deps.logger.info({ tenant: input.tenant, channel: input.channel, sent, feeds: feeds.map((f) => f.feedId) }, 'listings feeds submitted');
        return { sent, feeds };
      });
    },

    async getListingsFeedStatus(input: ListingsFeedStatusInput): Promise<ListingsFeedStatusResult> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const s = await ch.target.feedStatus(input.feedId, { signal: context().cancellationSignal });
        return { state: s.state ?? 'unknown', rawStatus: s.rawStatus, ...(s.resultDocumentId === undefined ? {} : { resultDocumentId: s.resultDocumentId }) };
      });
    },

    async recordListingsFeedResults(input: RecordListingsFeedResultsInput): Promise<ListingsFeedVerdictCounts> {
      return asActivity(async () => {
        const ch = channelOf(input.tenant, input.channel);
        const run: PublishRunKey = input;
        const counts: ListingsFeedVerdictCounts = { accepted: 0, acceptedWithWarnings: 0, rejected: 0, cancelled: 0, deadLettered: 0 };
        const sends = (await listingFeedSends(deps.db, input.tenant, input.channel, input.feedId)).filter((s) => s.status === 'pending');
        if (input.state === 'cancelled' || input.state === 'timed_out') {
          counts.cancelled = await clearListingFeedSends(deps.db, input.tenant, input.channel, input.feedId, { now: clock(), why: input.state });
          return counts;
        }
        const signal = context().cancellationSignal;
        const report = input.resultDocumentId === undefined ? undefined : await ch.target.feedResults(input.resultDocumentId, { signal });
        const refs = sends.flatMap((s) => (s.messageId === undefined ? [] : [{ messageId: s.messageId, sku: s.sku }]));
        let verdicts: FeedVerdicts['verdicts'];
        if (input.state === 'fatal') {
          const read = report === undefined ? undefined : ch.adapter.feedVerdicts(report, refs, input.channel);
          const fatal: ListingIssue[] = read !== undefined && read.feedIssues.length > 0 ? [...read.feedIssues] : [{ code: 'feed_fatal', message: `feed ${input.feedId} ended FATAL: the channel processed none of its messages`, severity: 'error' }];
          verdicts = sends.map((s) => ({ sku: s.sku, status: 'rejected' as const, issues: fatal }));
        } else {
          if (report === undefined) throw new ConfigError(`feed ${input.feedId} is DONE without a result document`);
          verdicts = ch.adapter.feedVerdicts(report, refs, input.channel).verdicts;
        }
        const marketplaceOf = new Map(sends.map((s) => [s.sku, s.marketplaceId]));
        const now = clock();
        await recordListingOutcomes(deps.db, input.tenant, input.channel, { feedId: input.feedId }, verdicts.map((v) => ({ ...v, marketplaceId: marketplaceOf.get(v.sku)! })), { now });
        const rejected = verdicts.filter((v) => v.status === 'rejected');
        await recordDeadLetters(deps.db, rejected.map((v) => deadLetter(run, ch, { sku: v.sku, marketplaceId: marketplaceOf.get(v.sku)! }, v.issues, undefined, { feedId: input.feedId })), { now });
        const ok = verdicts.filter((v) => v.status !== 'rejected').map((v) => ({ sku: v.sku, marketplaceId: marketplaceOf.get(v.sku)! }));
        await accepted(run, ch, ok);
        counts.accepted = verdicts.filter((v) => v.status === 'accepted').length;
        counts.acceptedWithWarnings = verdicts.filter((v) => v.status === 'accepted-with-warnings').length;
        counts.rejected = rejected.length;
        counts.deadLettered = rejected.length;
        deps.logger.info({ tenant: input.tenant, channel: input.channel, feedId: input.feedId, state: input.state, ...counts }, 'listings feed verdicts recorded');
        return counts;
      });
    },

    async finishListingsPublish(input: FinishListingsPublishInput): Promise<FinishListingsPublishResult> {
      return asActivity(async () => {
        const finished = clock();
        const t = input.totals;
        const { durationMs } = await closeRunRecord(deps.db, finished, input.startedAt, {
          workflowId: input.workflowId,
          runId: input.runId,
          status: input.status,
          pages: input.pages,
          fetched: t.products,
          inserted: t.accepted + t.acceptedWithWarnings,
          updated: 0,
          unchanged: t.unchanged,
          deadLettered: t.deadLettered,
          rateLimited: 0,
          ...(input.error === undefined ? {} : { error: input.error }),
        });
        deps.logger.info({ tenant: input.tenant, channel: input.channel, status: input.status, totals: t, durationMs }, 'listings publish finished');
        return { finishedAt: finished.toISOString(), durationMs };
      });
    },
  };
}
