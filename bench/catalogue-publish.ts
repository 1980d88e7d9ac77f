/**
 * (d) Catalogue publish: a catalogue of N products (20,000 by default) published to an Amazon
 * channel by JSON_LISTINGS_FEED feeds, against a sandbox that enforces SP-API's (time-scaled)
 * buckets and takes its (scaled) time to process each feed. Wall time, feeds used and messages
 * per feed, SKUs accepted and rejected, the product type schema fetches, the 429s; beside the
 * Feeds buckets' minimum for the fewest feeds Amazon's limits allow (25,000 messages or 10 MiB
 * a feed, split by connectors/amazon/listings-feed.ts) and the minimum for the feeds actually used.
 *
 * The catalogue is the demo catalogue's 30 products (config/demo-catalogue/products.csv:
 * T-shirts, handbags, mugs) and deterministic variants of them, so every run publishes the same
 * listings. The channel's rules are the demo's fitted to the sandbox's product types, as the
 * listingsPublish integration test fits them, on the marketplaces whose language the catalogue
 * has titles in: every listing sent passes the sandbox's schema checks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { catalogImportCommand } from '../cli/commands/catalog.js';
import { startListingsPublish } from '../cli/commands/sync.js';
import { LISTINGS_FEED_MAX_BYTES, LISTINGS_FEED_MAX_MESSAGES, splitListingsFeed } from '../connectors/amazon/index.js';
import type { Product } from '../mappings/canonical/index.js';
import { amazonListingFeedMessage, type ListingPayloadForFeed } from '../mappings/amazon/listing-publish.js';
import { SANDBOX_SELLER_ID, type SandboxStats } from '../sandbox/amazon/index.js';
import { listProducts, upsertFxRates, upsertProducts } from '../store/index.js';
import { listListingPublications } from '../store/publications-repository.js';
import { LISTINGS_FEED_POLL } from '../temporal.config.js';
import type { ListingsPublishSummary } from '../workflows/listings-publish.js';
import { bucketMinimum, realTime, type BucketMinimum } from './bucket-minimum.js';
import { BENCH_CHANNEL, removeBenchTenants, startPhase, type BenchInfra } from './bench-stack.js';
import { startCpuProfile } from './cpu-profile.js';
import { startMeter, type MeterReading } from './process-meter.js';
import type { Teardown } from './teardown.js';

/** The demo channel whose listing rules the bench's channel takes. */
const DEMO_CHANNEL = 'amazon-eu';
const ROOT = new URL('../', import.meta.url);
const DEMO_PRODUCTS = fileURLToPath(new URL('config/demo-catalogue/products.csv', ROOT));
const DEMO_CONFIG = fileURLToPath(new URL('config/caravan.demo.yaml', ROOT));
/** Amazon.de, .fr, .co.uk: the catalogue has German, French and English titles (none Italian or Spanish). */
const MARKETPLACES = ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'A1F83G8C2ARO7P'];
/** One feed's calls: its document, the feed, at least one status read, its processing report. */
export const FEED_OPERATIONS = ['createFeedDocument', 'createFeed', 'getFeed', 'getFeedDocument'] as const;
/** Feeds spend this long IN_QUEUE and IN_PROGRESS (seconds, before scaling): the sandbox's default, Amazon-like. */
const JOB_TIMING = { queueSeconds: 30, progressSeconds: 60 };

type Mapping = { attributes: Record<string, unknown> };

/**
 * The demo channel's listing rules fitted to the sandbox's three product types (as the
 * listingsPublish integration test does): the attributes its schemas do not describe left
 * out, the required ones they lack added; only the marketplaces the catalogue has titles for.
 */
export function sandboxListingRules(demoYaml: string): Record<string, unknown> {
  const demo = parseYaml(demoYaml) as { tenants: { demo: { connections: Record<string, { listings: { productTypes: Record<string, Mapping>; marketplaces: Record<string, unknown> } }> } } };
  const listings = structuredClone(demo.tenants.demo.connections[DEMO_CHANNEL]!.listings);
  for (const m of Object.values(listings.productTypes)) for (const a of ['product_description', 'country_of_origin', 'item_package_weight']) delete m.attributes[a];
  listings.productTypes['tshirt']!.attributes['size'] = { expr: 'product.attributes.size', languageTag: true };
  listings.productTypes['handbag']!.attributes['color'] = { table: 'colours', key: 'product.attributes.colour', default: 'Multicolour', languageTag: true };
  listings.productTypes['mug']!.attributes['material'] = { expr: 'product.attributes.material', languageTag: true };
  listings.marketplaces = Object.fromEntries(Object.entries(listings.marketplaces).filter(([id]) => MARKETPLACES.includes(id)));
  return listings;
}

/**
 * `count` products from the demo's: the templates themselves first, then variants `<sku>-V<n>`
 * round-robin over them, prices stepped by n % 7 euros. Mugs get a capacity (the demo's have
 * none, which the sandbox's DRINKING_CUP requires). Deterministic.
 */
export function catalogueVariants(templates: readonly Product[], count: number): Product[] {
  if (templates.length === 0) throw new Error('no template products');
  const withCapacity = (p: Product, ml: string): Product => (p.category === 'mug' ? { ...p, attributes: { ...p.attributes, capacityMl: ml } } : p);
  const out: Product[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    const n = Math.floor(i / templates.length);
    if (n === 0) {
      out.push(withCapacity(t, '350'));
      continue;
    }
    const price = t.basePrice ? { basePrice: { ...t.basePrice, amountMinor: t.basePrice.amountMinor + (n % 7) * 100 } } : {};
    out.push(withCapacity({ ...t, sku: `${t.sku}-V${n}`, ...price }, n % 2 === 0 ? '350' : '250'));
  }
  return out;
}

export interface FeedsNeeded {
  marketplaceId: string;
  messages: number;
  bytes: number;
  /** Feeds splitListingsFeed makes of these messages (25,000 messages / 10 MiB each). */
  feeds: number;
}

export interface CataloguePublishResult {
  skus: number;
  marketplaces: string[];
  timeScale: number;
  jobTiming: typeof JOB_TIMING;
  generateMs: number;
  upsertMs: number;
  wallMs: number;
  workflowDurationMs: number;
  mode: ListingsPublishSummary['mode'];
  pages: number;
  continuedAsNew: number;
  totals: ListingsPublishSummary['totals'];
  /** Feeds used, by end state, and messages per feed. */
  feeds: { count: number; states: Record<string, number>; messagesPerFeed: { min: number; max: number; mean: number } };
  /** The fewest feeds the split limits allow for the messages sent. */
  needed: { perMarketplace: FeedsNeeded[]; feeds: number; limits: { messages: number; bytes: number } };
  /** The Feeds buckets' minimum for the needed feeds (one call of each operation per feed). */
  neededMinimum: BucketMinimum;
  /** The Feeds buckets' minimum for the calls actually made (sandbox stats). */
  usedMinimum: BucketMinimum;
  /** A feed's processing time in the sandbox (scaled): no publish ends sooner. */
  processingSeconds: number;
  schemaFetches: { getDefinitionsProductType: number; searchDefinitionsProductTypes: number };
  throttled: number;
  meter: MeterReading;
  sandbox: SandboxStats['operations'];
}

/** The minimum of F feeds' calls: each operation of FEED_OPERATIONS once per feed. */
export function feedsBucketMinimum(feeds: number, timeScale: number): BucketMinimum {
  const calls = { requests: feeds, throttled: 0, statuses: { '200': feeds } };
  return bucketMinimum({ operations: Object.fromEntries(FEED_OPERATIONS.map((op) => [op, calls])) }, timeScale, FEED_OPERATIONS);
}

export async function runCataloguePublish(
  infra: BenchInfra,
  teardown: Teardown,
  opts: { skus: number; timeScale: number; say: (line: string) => void; cpuProfileFile?: string | undefined },
): Promise<CataloguePublishResult> {
  const stack = await startPhase(infra, teardown, {
    phase: 'd',
    sandbox: { rateLimits: true, timeScale: opts.timeScale, minLagSeconds: 0, jobTiming: JOB_TIMING, seed: { count: 0 } },
    orders: { pageSize: 100, itemsConcurrency: 8, writeBatchSize: 100 },
    connection: {
      settings: { marketplaceIds: MARKETPLACES, sellerId: SANDBOX_SELLER_ID },
      sections: { listings: sandboxListingRules(readFileSync(DEMO_CONFIG, 'utf8')) },
    },
    tenantsFile: { fx: { default: 'ecb', sources: { ecb: { vendor: 'ecb', settings: { baseUrl: 'https://www.ecb.europa.eu' } } } } },
  });
  try {
    const { db, tenant } = stack;
    // The demo catalogue through the CLI's import, then its variants straight into the store.
    const imported = await catalogImportCommand({ db, config: stack.config }, DEMO_PRODUCTS, { tenant });
    if (imported.rejected > 0) throw new Error(`the demo catalogue has ${imported.rejected} rejected rows`);
    let t = performance.now();
    const templates = (await listProducts(db, tenant, { limit: 1000 })).map((p) => p.product);
    const products = catalogueVariants(templates, opts.skus);
    const generateMs = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < products.length; i += 1000) await upsertProducts(db, tenant, products.slice(i, i + 1000));
    const upsertMs = performance.now() - t;
    opts.say(`  ${products.length} products stored in ${(upsertMs / 1000).toFixed(1)} s`);
    // Amazon.co.uk's prices are converted from EUR, as `caravan fx refresh` would have stored the rate.
    const today = new Date().toISOString().slice(0, 10);
    await upsertFxRates(db, [{ source: 'ecb', base: 'EUR', quote: 'GBP', date: today, rate: '0.8500' }], { origin: 'https://www.ecb.europa.eu' });

    // The poll schedule runs on the sandbox's clock: Amazon's minutes are the bench's milliseconds.
    const scaled = (ms: number) => Math.max(1, Math.round(ms / opts.timeScale));
    const feedPoll = { firstPollMs: scaled(LISTINGS_FEED_POLL.firstPollMs), factor: LISTINGS_FEED_POLL.factor, maxPollMs: scaled(LISTINGS_FEED_POLL.maxPollMs), giveUpAfterMs: scaled(LISTINGS_FEED_POLL.giveUpAfterMs) };
    const profiler = opts.cpuProfileFile ? await startCpuProfile() : undefined;
    const meter = startMeter({ serverPid: infra.devServer.process.pid, sandboxPid: stack.sandbox.pid });
    const t0 = performance.now();
    const started = await startListingsPublish(infra.client, tenant, BENCH_CHANNEL, { taskQueue: stack.taskQueue, feedThreshold: 0, feedPoll });
    const ticker = setInterval(() => {
      void started.handle
        .query<{ phase: string; pages: number; changes: number; feedsSubmitted: number; feedsFinished: number }>('progress')
        .then((p) => opts.say(`  (d) ${((performance.now() - t0) / 1000).toFixed(0)} s: ${p.phase}, ${p.pages} pages, ${p.changes} changes, feeds ${p.feedsFinished}/${p.feedsSubmitted}`))
        .catch(() => undefined);
    }, 5_000);
    let summary: ListingsPublishSummary;
    try {
      summary = await started.handle.result();
    } catch (e) {
      const cause = (e as { cause?: { message?: string; cause?: { message?: string } } }).cause;
      throw new Error(`listingsPublish failed: ${cause?.cause?.message ?? cause?.message ?? (e as Error).message}`);
    } finally {
      clearInterval(ticker);
    }
    const wallMs = performance.now() - t0;
    const reading = meter.stop();
    if (profiler && opts.cpuProfileFile) await profiler.stop(opts.cpuProfileFile);
    const stats = await stack.sandbox.stats();

    const rows = (await listListingPublications(db, { tenant, channel: BENCH_CHANNEL, limit: 10 * opts.skus * MARKETPLACES.length })).filter((r) => r.via === 'feed');
    const perFeed = new Map<string, number>();
    for (const r of rows) if (r.feedId !== undefined) perFeed.set(r.feedId, (perFeed.get(r.feedId) ?? 0) + 1);
    const counts = [...perFeed.values()];
    const perMarketplace = MARKETPLACES.map((marketplaceId): FeedsNeeded => {
      const messages = rows.filter((r) => r.marketplaceId === marketplaceId).map((r) => amazonListingFeedMessage(r.sku, r.payload as ListingPayloadForFeed));
      if (messages.length === 0) return { marketplaceId, messages: 0, bytes: 0, feeds: 0 };
      const parts = splitListingsFeed({ sellerId: SANDBOX_SELLER_ID }, messages);
      return { marketplaceId, messages: messages.length, bytes: parts.reduce((n, p) => n + p.bytes, 0), feeds: parts.length };
    });
    const neededFeeds = perMarketplace.reduce((n, m) => n + m.feeds, 0);
    return {
      skus: products.length,
      marketplaces: MARKETPLACES,
      timeScale: opts.timeScale,
      jobTiming: JOB_TIMING,
      generateMs,
      upsertMs,
      wallMs,
      workflowDurationMs: summary.durationMs,
      mode: summary.mode,
      pages: summary.pages,
      continuedAsNew: summary.continuedAsNew,
      totals: summary.totals,
      feeds: {
        count: summary.feeds.length,
        states: summary.feeds.reduce<Record<string, number>>((m, f) => ({ ...m, [f.state]: (m[f.state] ?? 0) + 1 }), {}),
        messagesPerFeed: { min: counts.length ? Math.min(...counts) : 0, max: counts.length ? Math.max(...counts) : 0, mean: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0 },
      },
      needed: { perMarketplace, feeds: neededFeeds, limits: { messages: LISTINGS_FEED_MAX_MESSAGES, bytes: LISTINGS_FEED_MAX_BYTES } },
      neededMinimum: feedsBucketMinimum(neededFeeds, opts.timeScale),
      usedMinimum: bucketMinimum(stats, opts.timeScale, FEED_OPERATIONS),
      processingSeconds: (JOB_TIMING.queueSeconds + JOB_TIMING.progressSeconds) / opts.timeScale,
      schemaFetches: {
        getDefinitionsProductType: stats.operations.getDefinitionsProductType.requests,
        searchDefinitionsProductTypes: stats.operations.searchDefinitionsProductTypes.requests,
      },
      throttled: Object.values(stats.operations).reduce((n, o) => n + o.throttled, 0),
      meter: reading,
      sandbox: stats.operations,
    };
  } finally {
    if (infra.database.kind === 'postgres') await removeBenchTenants(stack.db, [stack.tenant]);
    await stack.stop();
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (s: number) => `${s.toFixed(1)} s`;
const real = realTime;

export function formatCataloguePublish(r: CataloguePublishResult): string {
  const t = r.totals;
  const floor = r.neededMinimum.minSeconds + r.processingSeconds;
  const minRows = (m: BucketMinimum) => m.rows.map((x) => `${x.operation} ${int(x.tokenCalls)}${x.throttled ? ` (${x.throttled}×429)` : ''} → ${x.minSeconds.toFixed(2)} s`).join(', ');
  return [
    `(d) catalogue publish by feed: ${int(r.skus)} SKUs × ${r.marketplaces.length} marketplaces, buckets at ${r.timeScale}×, each feed ${sec(r.processingSeconds)} in the sandbox (${real(r.processingSeconds, r.timeScale)})`,
    `    catalogue generated in ${sec(r.generateMs / 1000)}, upsertProducts ${sec(r.upsertMs / 1000)} (${int(r.skus / (r.upsertMs / 1000))} products/s)`,
    `    wall ${sec(r.wallMs / 1000)} (workflow ${sec(r.workflowDurationMs / 1000)}), mode ${r.mode}, ${r.pages} planning pages, continue-as-new ${r.continuedAsNew}`,
    `    listings ${int(t.candidates)}: sent ${int(t.sent)}, accepted ${int(t.accepted)}, with warnings ${int(t.acceptedWithWarnings)}, rejected ${int(t.rejected)} (${int(t.rejectedLocally)} by the hub's checks), cancelled ${int(t.cancelled)}, unmapped products ${int(t.unmapped)}`,
    `    feeds used ${r.feeds.count} (${Object.entries(r.feeds.states).map(([k, n]) => `${n} ${k}`).join(', ')}), messages per feed ${int(r.feeds.messagesPerFeed.min)}–${int(r.feeds.messagesPerFeed.max)} (mean ${int(r.feeds.messagesPerFeed.mean)})`,
    `    feeds needed ${r.needed.feeds} (limits ${int(r.needed.limits.messages)} messages / ${(r.needed.limits.bytes / 1024 / 1024).toFixed(0)} MiB a feed): ` +
      r.needed.perMarketplace.map((m) => `${m.marketplaceId} ${int(m.messages)} messages, ${(m.bytes / 1024 / 1024).toFixed(1)} MiB → ${m.feeds}`).join('; '),
    `    Feeds bucket minimum for ${r.needed.feeds} feeds ${sec(r.neededMinimum.minSeconds)}${r.neededMinimum.bindingOperation ? ` (${r.neededMinimum.bindingOperation})` : ''}; ` +
      `floor = that + one feed's processing = ${sec(floor)} (${real(floor, r.timeScale)}); wall ÷ floor ${(r.wallMs / 1000 / floor).toFixed(2)}`,
    `    Feeds bucket minimum for the calls made ${sec(r.usedMinimum.minSeconds)} (${real(r.usedMinimum.minSeconds, r.timeScale)})${r.usedMinimum.bindingOperation ? `, binding ${r.usedMinimum.bindingOperation}` : ''}: ${minRows(r.usedMinimum)}`,
    `    product type schema fetches: getDefinitionsProductType ${r.schemaFetches.getDefinitionsProductType}, searchDefinitionsProductTypes ${r.schemaFetches.searchDefinitionsProductTypes}; 429s ${r.throttled}`,
    `    CPU: bench process (worker inline) ${sec(r.meter.cpuMs / 1000)}, hub JS thread busy ${Math.round(r.meter.eventLoopBusy * 100)}%${r.meter.sandboxCpuMs !== undefined ? `, sandbox process ${sec(r.meter.sandboxCpuMs / 1000)}` : ''}; peak RSS ${Math.round(r.meter.peakRssBytes / 1024 / 1024)} MB`,
  ].join('\n');
}
