/**
 * What a connector can do, as small interfaces, and the shape of a vendor's descriptor.
 * (Apart from registry.ts so each descriptor.ts can import it without a cycle through the
 * registry's list of vendors.)
 *
 * Capabilities return the vendor's own data (raw records, schema-checked documents):
 * activities map it with the vendor's mapping. Nothing here reads secrets: the caller
 * resolves them and passes their values to `connect`.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { RateLimiterRegistry } from './http/rate-limiter.js';

export interface CapabilityCallOptions {
  /** The activity's cancellation signal: cancelling stops waits and requests in flight. */
  readonly signal?: AbortSignal;
}

// ---- capabilities offered today -------------------------------------------------------

/** One order as the vendor sent it, with what paging and resuming need. */
export interface VendorOrderRecord {
  /** The vendor's order id; absent when the record has none (it is then dead-lettered). */
  readonly id?: string;
  /** The vendor's last-update time of the order (ISO 8601), when the record carries one. */
  readonly updatedAt?: string;
  readonly order: unknown;
}

export interface VendorOrderPage {
  readonly records: readonly VendorOrderRecord[];
  /** Continues the listing; absent on the last page. */
  readonly cursor?: string;
}

export interface OrderPageQuery {
  /** Orders last updated in [from, to), ISO 8601 UTC. */
  readonly window: { readonly from: string; readonly to: string };
  /** From the previous page; it carries the rest of the query. */
  readonly cursor?: string;
  readonly pageSize: number;
}

/** A sales channel whose orders the hub imports (ordersSync). */
export interface OrderSource {
  /** The largest page the vendor serves. */
  readonly maxPageSize: number;
  /**
   * The wire format of the records, when the vendor has more than one (Amazon: Orders API
   * 2026-01-01 beside v0): the activity maps the records, and replays their dead letters, with
   * that format's mapping. Absent: the vendor's first format.
   */
  readonly recordFormat?: string;
  listOrders(query: OrderPageQuery, options?: CapabilityCallOptions): Promise<VendorOrderPage>;
  /**
   * The lines of one order when listing does not carry them (Amazon: getOrderItems, every
   * page). A ConnectorError of kind not_found means the order vanished in between.
   */
  orderLines?(orderId: string, options?: CapabilityCallOptions): Promise<unknown[]>;
  /** HTTP 429 answers this connection has seen (run summaries count them). */
  throttled(): number;
}

/** One listing write, in the channel's own request model (built by the vendor's mapping). */
export interface ListingWrite {
  readonly sku: string;
  /** The vendor's body, e.g. Amazon's ListingsItemPutRequest `{ productType, requirements?, attributes }`. */
  readonly request: unknown;
  /** The channel's marketplace the write is for; the connection's first when omitted. */
  readonly marketplaceId?: string;
}

/** Bulk writes handed to the channel as feeds: which feed carries which SKUs. */
export interface ListingsFeedSubmission {
  readonly feeds: readonly { readonly feedId: string; readonly skus: readonly string[]; readonly messages: number }[];
}

/** Where a feed is: queued, in_progress, then done (results to read), cancelled or fatal. */
export type ListingsFeedState = 'queued' | 'in_progress' | 'done' | 'cancelled' | 'fatal';

export interface ListingsFeedStatus {
  readonly feedId: string;
  /** undefined for a status the vendor added since (rawStatus says which). */
  readonly state?: ListingsFeedState;
  readonly rawStatus: string;
  /** The result document, once there is one (a fatal feed may have none). */
  readonly resultDocumentId?: string;
  /** The vendor's feed record. */
  readonly feed: unknown;
}

export interface ListingsFeedOptions extends CapabilityCallOptions {
  /** Marketplaces the feed applies to; the connection's when omitted. */
  readonly marketplaceIds?: readonly string[];
}

/** Publishes listings (titles, prices per market) to a channel (listingsPublish). */
export interface ListingTarget {
  /** Creates or fully replaces one listing; the vendor's submission reply (accepted or not, with issues). */
  putListing(write: ListingWrite, options?: CapabilityCallOptions): Promise<unknown>;
  /** Checks one listing as putListing would, without applying it; the vendor's verdict with issues. */
  validateListing(write: ListingWrite, options?: CapabilityCallOptions): Promise<unknown>;
  /** Sends many writes (the vendor's feed messages) as few feeds as the vendor's limits allow. */
  submitListingsFeed(messages: readonly unknown[], options?: ListingsFeedOptions): Promise<ListingsFeedSubmission>;
  feedStatus(feedId: string, options?: CapabilityCallOptions): Promise<ListingsFeedStatus>;
  /** The processing report of a finished feed (from feedStatus's resultDocumentId), in the vendor's shape. */
  feedResults(resultDocumentId: string, options?: CapabilityCallOptions): Promise<unknown>;
  /**
   * The JSON Schema a listing of `productType` on `marketplaceId` must meet (Amazon: Product Type
   * Definitions, the schema document downloaded), when the vendor publishes one.
   */
  productTypeSchema?(productType: string, marketplaceId: string, options?: CapabilityCallOptions): Promise<ProductTypeSchemaDocument>;
}

/** A product type's schema document and the version it describes. */
export interface ProductTypeSchemaDocument {
  readonly schema: unknown;
  readonly version?: string;
}

/** Computes tax on a vendor document without recording it (AvaTax: a SalesOrder). */
export interface TaxProvider {
  /** `request`: the vendor's request model, built by the vendor's mapping; returns its answer document. */
  quoteTax(request: unknown, options?: CapabilityCallOptions): Promise<unknown>;
}

/** Estimates duty, tax and fees of a cross-border shipment. */
export interface LandedCostProvider {
  quoteLandedCost(request: unknown, options?: CapabilityCallOptions): Promise<unknown>;
}

/** Published currency rates. */
export interface RateSource {
  /** The latest published rates (from `base` into `currencies` where the vendor quotes per base). */
  latest(query: RateQuery, options?: CapabilityCallOptions): Promise<RatePublication[]>;
  /** Every published date in [from, to]. `onDate` is called after each date read (heartbeats). */
  between(query: RateQuery & { from: string; to: string; today: string; onDate?: (date: string) => void }, options?: CapabilityCallOptions): Promise<RatePublication[]>;
}

export interface RateQuery {
  readonly base?: string;
  readonly currencies?: readonly string[];
}

/** What a rate source read, in the vendor's own shape (activities map it to rates with mappings/fx). */
export interface RatePublication {
  /** The file or endpoint read (e.g. `eurofxref-daily.xml`, `historic_rate.json`); the rest is the vendor's own data. */
  readonly feed: string;
}

/** A live register of VAT numbers (VIES): 'unknown' when the register cannot say now. */
export interface VatNumberChecker {
  check(country: string, number: string): Promise<{ status: 'valid' | 'invalid' | 'unknown'; result?: unknown; reason?: string }>;
}

/** One SKU's quantity to promise in one marketplace (seller-fulfilled stock). */
export interface QuantityUpdate {
  readonly sku: string;
  readonly marketplaceId: string;
  /** Units buyers may order; 0 takes the offer off sale without deleting the listing. */
  readonly quantity: number;
  /** The listing's product type, where the vendor needs it to address the listing (Amazon). */
  readonly productType?: string;
  /** Working days from order to dispatch, sent beside the quantity where the channel keeps them together (Amazon). */
  readonly handlingDays?: number;
}

/** The vendor's reply to one quantity update, in its own shape (activities map it). */
export interface QuantitySubmission {
  readonly sku: string;
  readonly marketplaceId: string;
  readonly submission: unknown;
}

/** Feeds carrying many quantity updates: one or more per marketplace, each naming its SKUs. */
export interface QuantitiesFeedSubmission {
  readonly feeds: readonly { readonly feedId: string; readonly marketplaceId: string; readonly skus: readonly string[]; readonly messages: number }[];
}

/**
 * Publishes the stock a channel may sell per SKU and marketplace (inventorySync). A few
 * updates one call each; many as feeds, polled and read with the listing target's
 * feedStatus/feedResults.
 */
export interface InventoryTarget {
  setQuantities(updates: readonly QuantityUpdate[], options?: CapabilityCallOptions): Promise<QuantitySubmission[]>;
  submitQuantitiesFeed(updates: readonly QuantityUpdate[], options?: CapabilityCallOptions): Promise<QuantitiesFeedSubmission>;
}

// ---- capabilities declared for the vendors to come -------------------------------------


/** Tells a channel an order shipped (carrier, tracking number). */
export interface ShipmentConfirmer {
  /**
   * `confirmation`: the vendor's request model for one package of the order (Amazon:
   * ConfirmShipmentRequest), built by the vendor's mapping; checked against the vendor's schema
   * before it is sent (a ConnectorError of kind validation names the field). Not idempotent on
   * every channel: the activity records a confirmation before it retries one.
   */
  confirmShipment(orderId: string, confirmation: unknown, options?: CapabilityCallOptions): Promise<ShipmentConfirmationReceipt>;
}

export interface ShipmentConfirmationReceipt {
  /** The vendor's request id of the accepted confirmation, for support cases. */
  readonly requestId?: string;
}

export interface CarrierShipmentOptions extends CapabilityCallOptions {
  /**
   * Derived by the caller from what it ships (the order and parcel), the same on every retry:
   * the carrier keeps it with the shipment (DHL: customer reference CU; FedEx: customer
   * transaction id and package CUSTOMER_REFERENCE), so `findShipments` can tell whether an
   * attempt that timed out bought a label.
   */
  readonly idempotencyKey: string;
}

/** Shipments the connection's account created with a reference, shipped within [from, to] (YYYY-MM-DD). */
export interface CarrierShipmentLookup {
  readonly reference: string;
  readonly from: string;
  readonly to: string;
}

/**
 * What to cancel. FedEx voids a shipment by tracking number; DHL Express (MyDHL) has no
 * shipment void — an unused waybill is simply not tendered — and cancels only the courier
 * pickup booked for it, by its dispatch confirmation number.
 */
export type CarrierCancellation =
  | { readonly kind: 'shipment'; readonly trackingNumber: string; readonly senderCountryCode?: string }
  | { readonly kind: 'pickup'; readonly dispatchConfirmationNumber: string; readonly requestorName: string; readonly reason: string };

/**
 * Rates, labels, cancellation, tracking and trade documents of a carrier. Requests are the
 * carrier's own request model, built by its mapping (mappings/<carrier>) and checked against
 * the carrier's schema before they are sent (a ConnectorError of kind validation names the
 * field); replies are the carrier's own data, mapped by the same mapping. Labels and documents
 * come back base64 inside the reply: the activity stores them as files, never in history.
 */
export interface Carrier {
  /** The cancellations this carrier's API offers. */
  readonly cancels: readonly CarrierCancellation['kind'][];
  rateShipment(request: unknown, options?: CapabilityCallOptions): Promise<unknown>;
  /** Buys a label. Never resent automatically: after a timeout, look the reference up first. */
  createShipment(request: unknown, options: CarrierShipmentOptions): Promise<unknown>;
  /** A kind not in `cancels` is refused (ConnectorError kind validation). */
  cancelShipment(cancellation: CarrierCancellation, options?: CapabilityCallOptions): Promise<unknown>;
  /** The carrier's tracking reply for these numbers. */
  trackingEvents(trackingNumbers: readonly string[], options?: CapabilityCallOptions): Promise<unknown>;
  findShipments(lookup: CarrierShipmentLookup, options?: CapabilityCallOptions): Promise<unknown>;
  /** Trade documents sent apart from the shipment (FedEx ETD); the reply names the document id. */
  uploadDocument?(document: unknown, options?: CapabilityCallOptions): Promise<unknown>;
}

/** Payouts, fees, refunds and disputes of a payment provider, page by page. */
export interface PaymentLedgerSource {
  /**
   * `coveredTo` (on the last page, when the source says how far its data is complete): the
   * listing stopped there, before `to`; the next listing starts at it.
   */
  listTransactions(query: { from: string; to: string; cursor?: string }, options?: CapabilityCallOptions): Promise<{ records: unknown[]; cursor?: string; coveredTo?: string }>;
}

/** A mailing-list audience buyers are added to. */
export interface AudienceTarget {
  upsertMembers(members: readonly unknown[], options?: CapabilityCallOptions): Promise<unknown>;
}

// ---- reports and FBA inventory ----------------------------------------------------------

/** A report the vendor builds on request and serves as a document. */
export interface ReportRequest {
  readonly reportType: string;
  /** The connection's marketplaces when absent. */
  readonly marketplaceIds?: readonly string[];
  /** ISO 8601 UTC. */
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  readonly reportOptions?: Readonly<Record<string, string>>;
}

/**
 * Where a report stands. `cancelled`: cancelled on request, or by the vendor because the period
 * holds no data (Amazon says which only in its docs, not in the reply). `fatal`: the report
 * failed; `errorDocumentId` names a document with the vendor's error details when there is one.
 */
export type ReportStatus =
  | { readonly status: 'pending' }
  | { readonly status: 'done'; readonly documentId: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'fatal'; readonly errorDocumentId?: string };

/** A downloaded document on disk (never its content or its URL): small enough for workflow history. */
export interface ReportFile {
  readonly path: string;
  readonly bytes: number;
  /** Hex SHA-256 of the file. */
  readonly sha256: string;
  readonly contentType?: string;
  /** The charset the download named (normalised, e.g. windows-1252 for Amazon's Cp1252); absent: detect. */
  readonly charset?: string;
}

export interface ReportListing {
  readonly reportId: string;
  readonly reportType: string;
  readonly createdTime: string;
  readonly status: ReportStatus;
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
}

/** A channel's reports: requested, polled, downloaded to a file, or listed (reports the vendor makes itself, e.g. settlements). */
export interface ReportSource {
  requestReport(request: ReportRequest, options?: CapabilityCallOptions): Promise<{ readonly reportId: string }>;
  reportStatus(reportId: string, options?: CapabilityCallOptions): Promise<ReportStatus>;
  /** Streams the document to `path` (inflating gzip); the content never passes through memory whole. */
  downloadReport(documentId: string, path: string, options?: CapabilityCallOptions): Promise<ReportFile>;
  listReports(
    query: { readonly reportTypes: readonly string[]; readonly createdSince?: string; readonly cursor?: string },
    options?: CapabilityCallOptions,
  ): Promise<{ readonly reports: readonly ReportListing[]; readonly cursor?: string }>;
}

/** Stock the channel holds itself (Amazon FBA), page by page per marketplace; records in the vendor's own shape. */
export interface InventorySource {
  listInventory(
    query: { readonly marketplaceId: string; readonly changedSince?: string; readonly skus?: readonly string[]; readonly cursor?: string },
    options?: CapabilityCallOptions,
  ): Promise<{ readonly records: readonly unknown[]; readonly cursor?: string }>;
}

// ---- end reports and FBA inventory ------------------------------------------------------

export interface Capabilities {
  orderSource: OrderSource;
  taxProvider: TaxProvider;
  landedCostProvider: LandedCostProvider;
  rateSource: RateSource;
  vatNumberChecker: VatNumberChecker;
  listingTarget: ListingTarget;
  inventoryTarget: InventoryTarget;
  shipmentConfirmer: ShipmentConfirmer;
  carrier: Carrier;
  paymentLedgerSource: PaymentLedgerSource;
  audienceTarget: AudienceTarget;
  // reports and FBA inventory
  reportSource: ReportSource;
  inventorySource: InventorySource;
}
export type CapabilityName = keyof Capabilities;

// ---- descriptors ----------------------------------------------------------------------

export interface ClientFactoryOptions<Settings, Credentials> {
  readonly tenant: string;
  /** The connection's name in the tenants file, for messages (an auth failure names it). */
  readonly connection?: string;
  readonly settings: Settings;
  /** Resolved secret values; never logged. */
  readonly credentials: Credentials;
  /** The worker's limiter: every client of a process shares its buckets. */
  readonly limiter: RateLimiterRegistry;
  readonly logger: Logger;
}

/** Tokens a seller's consent granted (the authorisation step of `caravan connect`). */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** ISO 8601 UTC. */
  readonly expiresAt?: string;
  readonly refreshExpiresAt?: string;
  /** The seller account the platform names, for the operator's confirmation. */
  readonly account?: string;
}

/** A token reply (epoch-ms expiries) as the consent step reports it. */
export function grantedTokens(t: { accessToken: string; refreshToken?: string; expiresAt?: number; refreshExpiresAt?: number }): GrantedTokens {
  return {
    accessToken: t.accessToken,
    ...(t.refreshToken === undefined ? {} : { refreshToken: t.refreshToken }),
    ...(t.expiresAt === undefined ? {} : { expiresAt: new Date(t.expiresAt).toISOString() }),
    ...(t.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: new Date(t.refreshExpiresAt).toISOString() }),
  };
}

/**
 * How a seller authorises the app on a platform with OAuth consent (AliExpress, Alibaba.com):
 * the page the seller opens, and the exchange of the code it returns for tokens. The tokens are
 * stored where the connection's secrets point; the app secret signs the exchange.
 */
export interface AuthorizationStep<Settings> {
  /** The connection's secret names that receive the granted tokens. */
  readonly grants: { readonly accessToken?: string; readonly refreshToken: string };
  /** The connection's secret names the exchange needs (the app secret). */
  readonly needs: readonly string[];
  authorizeUrl(settings: Settings, options: { readonly redirectUri: string; readonly state: string }): string;
  exchangeCode(options: {
    readonly tenant: string;
    readonly connection: string;
    readonly settings: Settings;
    /** The resolved values of `needs`; never logged. */
    readonly secrets: Readonly<Record<string, string>>;
    readonly code: string;
    readonly limiter: RateLimiterRegistry;
    readonly logger: Logger;
  }): Promise<GrantedTokens>;
}

/** A vendor, typed: what its descriptor.ts declares through defineConnector. */
export interface ConnectorSpec<Settings, Credentials, Client, Offered extends CapabilityName> {
  readonly vendor: string;
  /** For messages and `caravan` listings, e.g. "Amazon Selling Partner API". */
  readonly title: string;
  /** Validates `settings` of a connection in the tenants file (defaults included). */
  readonly settings: z.ZodType<Settings>;
  /**
   * The secret names a connection gives under `secrets` (each a SecretRef in the tenants
   * file): one list, or several alternatives (AvaTax: account id and license key, or a
   * bearer token). Empty for a keyless service.
   */
  readonly secrets: readonly (readonly string[])[];
  /** Checks the resolved secret values (formats) before the client is built. */
  readonly credentials: z.ZodType<Credentials>;
  createClient(options: ClientFactoryOptions<Settings, Credentials>): Client;
  /** Where the connection's requests go (its base URL, overrides applied): stored beside what it read. */
  baseUrl(settings: NoInfer<Settings>): string;
  readonly capabilities: { readonly [K in Offered]: (client: Client, settings: Settings) => Capabilities[K] };
  /** The OAuth consent step, for vendors whose sellers authorise the app (`caravan connect`). */
  readonly authorization?: AuthorizationStep<Settings>;
}

/** A connection made from a descriptor: the client and the capabilities built on it. */
export interface Connector {
  readonly vendor: string;
  readonly client: unknown;
  capability<K extends CapabilityName>(name: K): Capabilities[K] | undefined;
}

/** A vendor as the registry holds it (types erased: settings and credentials are checked on the way in). */
export interface ConnectorDescriptor {
  readonly vendor: string;
  readonly title: string;
  readonly settings: z.ZodType;
  readonly secrets: readonly (readonly string[])[];
  readonly credentials: z.ZodType;
  readonly capabilities: readonly CapabilityName[];
  /** `settings` must have passed the schema above. */
  baseUrl(settings: unknown): string;
  readonly authorization?: AuthorizationStep<unknown>;
  /** `settings` and `credentials` must have passed the schemas above. */
  connect(options: ClientFactoryOptions<unknown, unknown>): Connector;
}

export function defineConnector<Settings, Credentials, Client, Offered extends CapabilityName>(
  spec: ConnectorSpec<Settings, Credentials, Client, Offered>,
): ConnectorDescriptor {
  const offered = Object.keys(spec.capabilities) as Offered[];
  return {
    vendor: spec.vendor,
    title: spec.title,
    settings: spec.settings,
    secrets: spec.secrets,
    credentials: spec.credentials,
    capabilities: offered,
    baseUrl: (settings) => spec.baseUrl(settings as Settings),
    ...(spec.authorization === undefined ? {} : { authorization: spec.authorization as AuthorizationStep<unknown> }),
    connect(options) {
      // The caller validated both against the schemas above (config/tenants-config.ts, the client cache).
      const settings = options.settings as Settings;
      const client = spec.createClient({ ...options, settings, credentials: options.credentials as Credentials });
      const built = new Map<CapabilityName, unknown>();
      return {
        vendor: spec.vendor,
        client,
        capability<K extends CapabilityName>(name: K): Capabilities[K] | undefined {
          if (!(offered as CapabilityName[]).includes(name)) return undefined;
          if (!built.has(name)) built.set(name, spec.capabilities[name as unknown as Offered](client, settings));
          return built.get(name) as Capabilities[K];
        },
      };
    },
  };
}
