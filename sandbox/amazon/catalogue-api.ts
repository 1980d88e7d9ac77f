/**
 * The SP-API operations beyond Orders v0 reads, wired together: the listings store, FBA
 * stock, feeds, reports, documents and restricted data tokens, and the route table
 * server.ts dispatches on. One instance per sandbox; reset() returns it to its seed.
 */
import type { ApiRoute } from './api-types.js';
import { seedFbaStock, seedListings, type FbaStock } from './catalogue-seed.js';
import { DocumentStore } from './documents.js';
import { getInventorySummaries } from './fba-inventory-api.js';
import { FeedsService } from './feeds-api.js';
import { DEFAULT_JOB_TIMING, type JobTiming } from './jobs.js';
import { deleteListingsItem, getDefinitionsProductType, getListingsItem, patchListingsItem, putListingsItem, searchDefinitionsProductTypes, type ListingsContext } from './listings-api.js';
import { ListingsStore } from './listings.js';
import type { SandboxOrder } from './order-builder.js';
import type { OrderStore } from './order-store.js';
import { META_SCHEMA_PATH, metaSchema, PRODUCT_TYPES, productTypeSchema, schemaPath } from './product-types.js';
import { ReportsService } from './reports-api.js';
import { confirmShipment } from './shipment-api.js';
import { RdtService } from './tokens-api.js';

/** The selling partner the demo credential stands for. */
export const SANDBOX_SELLER_ID = 'A2CARAVANSANDBOX';

export interface CatalogueOptions {
  readonly sellerId?: string;
  readonly seed?: number;
  readonly timing?: JobTiming;
  readonly timeScale: number;
  readonly startMs: number;
  /** The demo's planted settlement anomalies (reports-api.ts). */
  readonly plantDiscrepancies?: boolean;
}

export interface CatalogueStats {
  listings: number;
  fbaStock: number;
  feeds: number;
  reports: number;
  restrictedDataTokensIssued: number;
}

const SEGMENT = '([^/]+)';

export class CatalogueApi {
  readonly sellerId: string;
  readonly listings: ListingsStore;
  readonly documents = new DocumentStore();
  readonly feeds: FeedsService;
  readonly reports: ReportsService;
  readonly rdt = new RdtService();
  private fbaStock: FbaStock[];
  private readonly initialStock: readonly FbaStock[];
  baseUrl = '';

  constructor(
    private readonly orders: OrderStore,
    initialOrders: readonly SandboxOrder[],
    options: CatalogueOptions,
  ) {
    this.sellerId = options.sellerId ?? SANDBOX_SELLER_ID;
    const seed = options.seed ?? 42;
    this.listings = new ListingsStore(seedListings(initialOrders, this.sellerId, seed));
    this.initialStock = seedFbaStock(initialOrders, seed);
    this.fbaStock = [...this.initialStock];
    const base = (): string => this.baseUrl;
    const timing = options.timing ?? DEFAULT_JOB_TIMING;
    this.feeds = new FeedsService({ sellerId: this.sellerId, listings: this.listings, documents: this.documents, baseUrl: base, timing, timeScale: options.timeScale });
    this.reports = new ReportsService(
      { sellerId: this.sellerId, orders, listings: this.listings, fbaStock: () => this.fbaStock, documents: this.documents, baseUrl: base, timing, timeScale: options.timeScale, plantDiscrepancies: options.plantDiscrepancies === true },
      options.startMs,
    );
  }

  reset(): void {
    this.listings.reset();
    this.fbaStock = [...this.initialStock];
    this.documents.reset();
    this.feeds.reset();
    this.reports.reset();
  }

  /** Adds or replaces FBA stock rows by (sellerSku, marketplaceId); returns how many. */
  addFbaStock(rows: readonly FbaStock[]): number {
    const key = (r: FbaStock): string => `${r.sellerSku}\n${r.marketplaceId}`;
    const incoming = new Map(rows.map((r) => [key(r), r]));
    this.fbaStock = [...this.fbaStock.filter((r) => !incoming.has(key(r))), ...incoming.values()];
    return rows.length;
  }

  stats(): CatalogueStats {
    return { listings: this.listings.size, fbaStock: this.fbaStock.length, feeds: this.feeds.size, reports: this.reports.size, restrictedDataTokensIssued: this.rdt.issued };
  }

  /** The product type schema documents linked from getDefinitionsProductType (no auth, like Amazon's S3 links). */
  schemaDocument(path: string): unknown {
    if (path === META_SCHEMA_PATH) return metaSchema();
    const spec = PRODUCT_TYPES.find((p) => schemaPath(p) === path);
    return spec ? productTypeSchema(spec, this.baseUrl) : undefined;
  }

  routes(): ApiRoute[] {
    const listings: ListingsContext = { sellerId: this.sellerId, listings: this.listings, baseUrl: () => this.baseUrl };
    const item = new RegExp(`^/listings/2021-08-01/items/${SEGMENT}/${SEGMENT}$`);
    return [
      { method: 'GET', pattern: item, op: 'getListingsItem', handler: (r) => getListingsItem(listings, r) },
      { method: 'PUT', pattern: item, op: 'putListingsItem', handler: (r) => putListingsItem(listings, r) },
      { method: 'PATCH', pattern: item, op: 'patchListingsItem', handler: (r) => patchListingsItem(listings, r) },
      { method: 'DELETE', pattern: item, op: 'deleteListingsItem', handler: (r) => deleteListingsItem(listings, r) },
      { method: 'GET', pattern: /^\/definitions\/2020-09-01\/productTypes$/, op: 'searchDefinitionsProductTypes', handler: (r) => searchDefinitionsProductTypes(listings, r) },
      { method: 'GET', pattern: new RegExp(`^/definitions/2020-09-01/productTypes/${SEGMENT}$`), op: 'getDefinitionsProductType', handler: (r) => getDefinitionsProductType(listings, r) },
      { method: 'POST', pattern: /^\/feeds\/2021-06-30\/documents$/, op: 'createFeedDocument', handler: (r) => this.feeds.createFeedDocument(r) },
      { method: 'GET', pattern: new RegExp(`^/feeds/2021-06-30/documents/${SEGMENT}$`), op: 'getFeedDocument', handler: (r) => this.feeds.getFeedDocument(r) },
      { method: 'POST', pattern: /^\/feeds\/2021-06-30\/feeds$/, op: 'createFeed', handler: (r) => this.feeds.createFeed(r) },
      { method: 'GET', pattern: /^\/feeds\/2021-06-30\/feeds$/, op: 'getFeeds', handler: (r) => this.feeds.getFeeds(r) },
      { method: 'GET', pattern: new RegExp(`^/feeds/2021-06-30/feeds/${SEGMENT}$`), op: 'getFeed', handler: (r) => this.feeds.getFeed(r) },
      { method: 'DELETE', pattern: new RegExp(`^/feeds/2021-06-30/feeds/${SEGMENT}$`), op: 'cancelFeed', handler: (r) => this.feeds.cancelFeed(r) },
      { method: 'POST', pattern: /^\/reports\/2021-06-30\/reports$/, op: 'createReport', handler: (r) => this.reports.createReport(r) },
      { method: 'GET', pattern: /^\/reports\/2021-06-30\/reports$/, op: 'getReports', handler: (r) => this.reports.getReports(r) },
      { method: 'GET', pattern: new RegExp(`^/reports/2021-06-30/reports/${SEGMENT}$`), op: 'getReport', handler: (r) => this.reports.getReport(r) },
      { method: 'DELETE', pattern: new RegExp(`^/reports/2021-06-30/reports/${SEGMENT}$`), op: 'cancelReport', handler: (r) => this.reports.cancelReport(r) },
      { method: 'GET', pattern: new RegExp(`^/reports/2021-06-30/documents/${SEGMENT}$`), op: 'getReportDocument', handler: (r) => this.reports.getReportDocument(r) },
      { method: 'GET', pattern: /^\/fba\/inventory\/v1\/summaries$/, op: 'getInventorySummaries', handler: (r) => getInventorySummaries(this.fbaStock, r) },
      { method: 'POST', pattern: /^\/tokens\/2021-03-01\/restrictedDataToken$/, op: 'createRestrictedDataToken', handler: (r) => this.rdt.create(r) },
      { method: 'POST', pattern: new RegExp(`^/orders/v0/orders/${SEGMENT}/shipmentConfirmation$`), op: 'confirmShipment', handler: (r) => confirmShipment(this.orders, r) },
    ];
  }
}
