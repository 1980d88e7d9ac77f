/**
 * The AliExpress Open Platform client, declared for the shared pipeline: the IOP gateway
 * (`/sync` business APIs named by `method`, `/rest{path}` system APIs), every request a signed
 * form body made at send time (connectors/http/open-platform-signing.ts), the seller's token from auth.ts, one bucket per
 * (tenant, operation), and the family's error table — gateway `error_response`, IOP top-level
 * errors and business errors inside HTTP 200 (errors.ts). Replies are read as text and parsed
 * with integers above 2^53 kept exact (order and product ids arrive as bare JSON numbers).
 */
import { parseConfig } from '../http/error-factories.js';
import {
  type CallOptions,
  type ClientStats,
  type ConnectorClientOptions,
  type ErrorTable,
  type PipelineResponse,
} from '../http/pipeline.js';
import { createOpenPlatformTransport, openPlatformErrors } from '../http/open-platform-transport.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import type { AliexpressToken } from './auth.js';
import {
  ALIEXPRESS,
  aliexpressBaseUrl,
  AliexpressConnectionSettingsSchema,
  AliexpressCredentialsSchema,
  DEFAULT_ALIEXPRESS_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_ALIEXPRESS_TIMEOUT_MS,
  type AliexpressConnectionSettingsInput,
  type AliexpressCredentials,
} from './config.js';
import { recogniseAliexpressErrorReply } from './errors.js';
import { listFeeds, queryFeed, submitFeed, type AliexpressFeedJobs, type FeedOperationType, type ListFeedsParams } from './operations/feeds.js';
import { listOrders, type ListOrdersParams, type ListOrdersResult } from './operations/list-orders.js';
import { fulfillOrder, getOrder, getOrderReceipt, listLogisticsServices } from './operations/orders.js';
import { getProduct, getProductSchema, listProducts, postProduct, updateProduct, type ListProductsParams, type ListProductsResult, type ProductWriteResult } from './operations/products.js';
import { updateInventory, updatePrices, type BatchUpdateReply, type ProductPrices, type ProductStock } from './operations/stock.js';
import type { AliexpressFeedQueryResult, AliexpressLogisticsService, AliexpressProduct } from './schemas/catalog.js';
import type { AliexpressOrder, AliexpressReceiptAddress } from './schemas/order.js';
import { aliexpressRateLimit } from './rate-limits.js';
import type { SignParams } from './signing.js';

/** Caravan identifies itself to the gateway. */
export const ALIEXPRESS_USER_AGENT = 'Caravan/0.1 (AliExpress Open Platform)';

export interface CreateAliexpressClientOptions extends ConnectorClientOptions {
  /** Checked (defaults applied) when the client is made. */
  readonly settings: AliexpressConnectionSettingsInput;
  /** Resolved secrets; never logged. */
  readonly credentials: AliexpressCredentials;
  /** The connection's name in messages (default `<tenant>/aliexpress`). */
  readonly connection?: string;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
}

/** One signed IOP sync call: its `method`, business parameters as sent, and whether a resend is safe. */
export interface SyncCall {
  readonly method: string;
  readonly params: SignParams;
  readonly idempotent: boolean;
}

/** Sends a signed `/sync` call for the seller and returns the parsed (lossless) reply. */
export type SyncSend = (call: SyncCall, options?: CallOptions) => Promise<PipelineResponse>;

export interface AliexpressClient {
  /** Exchanges the authorisation code from the seller's consent for tokens (kept for later calls). */
  createToken(code: string, options?: CallOptions): Promise<AliexpressToken>;
  /** `aliexpress.solution.order.get`: one page of the seller's orders. */
  listOrders(params: ListOrdersParams, options?: CallOptions): Promise<ListOrdersResult>;
  /** `aliexpress.solution.order.info.get`: one order with its child orders and address. */
  getOrder(orderId: string, options?: CallOptions): Promise<{ order: AliexpressOrder; requestId?: string }>;
  /** `aliexpress.solution.order.receiptinfo.get`: the buyer's address of one order. */
  getOrderReceipt(orderId: string, options?: CallOptions): Promise<{ address: AliexpressReceiptAddress; requestId?: string }>;
  /** `aliexpress.solution.order.fulfill`: declares a shipment (params checked first: operations/orders.ts). */
  fulfillOrder(orderId: string, fulfilment: unknown, options?: CallOptions): Promise<{ requestId?: string }>;
  /** `aliexpress.logistics.redefining.listlogisticsservice`: the carrier services the seller may use. */
  listLogisticsServices(options?: CallOptions): Promise<{ services: AliexpressLogisticsService[]; requestId?: string }>;
  /** `aliexpress.solution.product.list.get`: one page of the seller's products in one status. */
  listProducts(params: ListProductsParams, options?: CallOptions): Promise<ListProductsResult>;
  /** `aliexpress.solution.product.info.get`: one product with its SKUs. */
  getProduct(productId: string, options?: CallOptions): Promise<{ product: AliexpressProduct; requestId?: string }>;
  /** `aliexpress.solution.product.schema.get`: a category's JSON Schema (parsed). */
  getProductSchema(categoryId: string, options?: CallOptions): Promise<{ schema: unknown; requestId?: string }>;
  /** `aliexpress.solution.schema.product.instance.post`: creates a product from its document. */
  postProduct(document: unknown, options?: CallOptions): Promise<ProductWriteResult>;
  /** `aliexpress.solution.schema.product.full.update`: replaces a product with its document. */
  updateProduct(productId: string, document: unknown, options?: CallOptions): Promise<ProductWriteResult>;
  /** `aliexpress.solution.batch.product.inventory.update`. */
  updateInventory(products: readonly ProductStock[], options?: CallOptions): Promise<BatchUpdateReply>;
  /** `aliexpress.solution.batch.product.price.update`. */
  updatePrices(products: readonly ProductPrices[], options?: CallOptions): Promise<BatchUpdateReply>;
  /** `aliexpress.solution.feed.submit`: a bulk job; its job id. */
  submitFeed(operationType: FeedOperationType, items: readonly unknown[], options?: CallOptions): Promise<{ jobId: string; requestId?: string }>;
  /** `aliexpress.solution.feed.query`: a job's per-item results. */
  queryFeed(jobId: string, options?: CallOptions): Promise<{ result: AliexpressFeedQueryResult; reply: unknown; requestId?: string }>;
  /** `aliexpress.solution.feed.list.get`: jobs and their status. */
  listFeeds(params: ListFeedsParams, options?: CallOptions): Promise<{ result: AliexpressFeedJobs; requestId?: string }>;
  stats(): ClientStats;
}

/** The family's error shapes at any status, 200 included, on the losslessly parsed body. */
export const aliexpressErrors: ErrorTable = openPlatformErrors(recogniseAliexpressErrorReply);

export function createAliexpressClient(options: CreateAliexpressClientOptions): AliexpressClient {
  const settings = parseConfig(ALIEXPRESS, 'connection settings', AliexpressConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(ALIEXPRESS, 'credentials', AliexpressCredentialsSchema, options.credentials);
  const { tenant } = options;
  const transport = createOpenPlatformTransport({
    vendor: ALIEXPRESS,
    baseUrl: aliexpressBaseUrl(settings),
    userAgent: ALIEXPRESS_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_ALIEXPRESS_TIMEOUT_MS,
    errors: aliexpressErrors,
    tenant,
    connection: options.connection ?? `${tenant}/aliexpress`,
    appKey: settings.appKey,
    appSecret: credentials.appSecret,
    refreshToken: credentials.refreshToken,
    ...('accessToken' in credentials ? { accessToken: credentials.accessToken } : {}),
    plan: (operation: string) => settings.rateLimit ?? aliexpressRateLimit(operation),
    maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_ALIEXPRESS_MAX_IN_PROCESS_WAIT_MS,
    ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
    logger: options.logger,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const auth = transport.session;
  const sync: SyncSend = (call, callOptions) => transport.call({ method: call.method }, call.params, call.idempotent, callOptions);

  return {
    createToken: (code, callOptions) => auth.createToken(code, callOptions),
    listOrders: (params, callOptions) => listOrders(sync, params, callOptions),
    getOrder: (orderId, callOptions) => getOrder(sync, orderId, callOptions),
    getOrderReceipt: (orderId, callOptions) => getOrderReceipt(sync, orderId, callOptions),
    fulfillOrder: (orderId, fulfilment, callOptions) => fulfillOrder(sync, orderId, fulfilment, callOptions),
    listLogisticsServices: (callOptions) => listLogisticsServices(sync, callOptions),
    listProducts: (params, callOptions) => listProducts(sync, params, callOptions),
    getProduct: (productId, callOptions) => getProduct(sync, productId, callOptions),
    getProductSchema: (categoryId, callOptions) => getProductSchema(sync, categoryId, callOptions),
    postProduct: (document, callOptions) => postProduct(sync, document, callOptions),
    updateProduct: (productId, document, callOptions) => updateProduct(sync, productId, document, callOptions),
    updateInventory: (products, callOptions) => updateInventory(sync, products, callOptions),
    updatePrices: (products, callOptions) => updatePrices(sync, products, callOptions),
    submitFeed: (operationType, items, callOptions) => submitFeed(sync, operationType, items, callOptions),
    queryFeed: (jobId, callOptions) => queryFeed(sync, jobId, callOptions),
    listFeeds: (params, callOptions) => listFeeds(sync, params, callOptions),
    stats: () => transport.stats(),
  };
}
