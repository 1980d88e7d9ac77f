/**
 * The Alibaba.com Open Platform client, declared for the shared pipeline: every API is a signed
 * form POST to `/rest{api_path}` (IOP REST: HMAC-SHA256 over the path and the sorted parameters,
 * signed at send time by connectors/http/open-platform-signing.ts), the
 * seller's token from auth.ts, one bucket per (tenant, operation), and the family's error table
 * (errors.ts: gateway `error_response`, IOP `{ code ≠ "0", message }` and business errors inside
 * HTTP 200). Replies are read as text and parsed with integers above 2^53 kept exact.
 *
 * The client also holds what the capabilities need between calls: the SKU → product index
 * (sku-index.ts) and the results of the hub's one-by-one "feeds" (local-feeds.ts).
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
import type { AlibabaToken } from './auth.js';
import {
  ALIBABA,
  alibabaBaseUrl,
  AlibabaConnectionSettingsSchema,
  AlibabaCredentialsSchema,
  DEFAULT_ALIBABA_MAX_IN_PROCESS_WAIT_MS,
  DEFAULT_ALIBABA_TIMEOUT_MS,
  type AlibabaConnectionSettingsInput,
  type AlibabaCredentials,
} from './config.js';
import { recogniseAlibabaErrorReply } from './errors.js';
import { LocalFeeds } from './local-feeds.js';
import { getOrder, listOrders, type GetOrderResult, type ListOrdersParams, type ListOrdersResult } from './operations/orders.js';
import { updateInventory, type InventoryUpdateParams, type WriteResult } from './operations/inventory.js';
import {
  addProduct,
  getProduct,
  listProducts,
  productSchema,
  updateProduct,
  type GetProductResult,
  type ListProductsParams,
  type ListProductsResult,
  type ProductSchemaResult,
  type WrittenProduct,
} from './operations/products.js';
import { notifyShipment, type ShipmentNotice } from './operations/shipment.js';
import { alibabaRateLimit } from './rate-limits.js';
import type { SignParams } from '../http/open-platform-signing.js';
import { SkuIndex } from './sku-index.js';

/** Caravan identifies itself to the gateway. */
export const ALIBABA_USER_AGENT = 'Caravan/0.1 (Alibaba.com Open Platform)';

export interface CreateAlibabaClientOptions extends ConnectorClientOptions {
  readonly settings: AlibabaConnectionSettingsInput;
  /** Resolved secrets; never logged. */
  readonly credentials: AlibabaCredentials;
  /** The connection's name in messages (default `<tenant>/alibaba`). */
  readonly connection?: string;
  /** Shared by all clients of a worker; a private one when omitted. */
  readonly limiter?: RateLimiterRegistry;
}

/** One signed business call: its API path, business parameters as sent, and whether a resend is safe. */
export interface RestCall {
  readonly apiPath: string;
  readonly params: SignParams;
  readonly idempotent: boolean;
}

/** Sends a signed `/rest{api_path}` call for the seller; the reply parsed losslessly. */
export type RestSend = (call: RestCall, options?: CallOptions) => Promise<PipelineResponse>;

export interface AlibabaClient {
  /** Exchanges the authorisation code from the seller's consent for tokens (kept for later calls). */
  createToken(code: string, options?: CallOptions): Promise<AlibabaToken>;
  listOrders(params: ListOrdersParams, options?: CallOptions): Promise<ListOrdersResult>;
  getOrder(tradeId: string, options?: CallOptions): Promise<GetOrderResult>;
  notifyShipment(notice: ShipmentNotice, options?: CallOptions): Promise<WriteResult>;
  listProducts(params: ListProductsParams, options?: CallOptions): Promise<ListProductsResult>;
  getProduct(productId: string, options?: CallOptions): Promise<GetProductResult>;
  productSchema(categoryId: string, options?: CallOptions): Promise<ProductSchemaResult>;
  addProduct(product: Record<string, unknown>, options?: CallOptions): Promise<WrittenProduct>;
  updateProduct(productId: string, product: Record<string, unknown>, options?: CallOptions): Promise<WrittenProduct>;
  updateInventory(params: InventoryUpdateParams, options?: CallOptions): Promise<WriteResult>;
  /** The seller's SKU codes → product ids, read once per client from the product pages. */
  readonly skus: SkuIndex;
  /** Results of the hub's one-by-one feeds, kept in this client's memory. */
  readonly feeds: LocalFeeds;
  stats(): ClientStats;
}

/** The family's error shapes at any status, 200 included, on the losslessly parsed body. */
export const alibabaErrors: ErrorTable = openPlatformErrors(recogniseAlibabaErrorReply);

export function createAlibabaClient(options: CreateAlibabaClientOptions): AlibabaClient {
  const settings = parseConfig(ALIBABA, 'connection settings', AlibabaConnectionSettingsSchema, options.settings);
  const credentials = parseConfig(ALIBABA, 'credentials', AlibabaCredentialsSchema, options.credentials);
  const { tenant } = options;
  const transport = createOpenPlatformTransport({
    vendor: ALIBABA,
    baseUrl: alibabaBaseUrl(settings),
    userAgent: ALIBABA_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_ALIBABA_TIMEOUT_MS,
    errors: alibabaErrors,
    tenant,
    connection: options.connection ?? `${tenant}/alibaba`,
    appKey: settings.appKey,
    appSecret: credentials.appSecret,
    refreshToken: credentials.refreshToken,
    ...('accessToken' in credentials ? { accessToken: credentials.accessToken } : {}),
    plan: (operation: string) => settings.rateLimit ?? alibabaRateLimit(operation),
    maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_ALIBABA_MAX_IN_PROCESS_WAIT_MS,
    ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
    logger: options.logger,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const session = transport.session;
  const rest: RestSend = (call, callOptions) => transport.call({ apiPath: call.apiPath }, call.params, call.idempotent, callOptions);

  const client: AlibabaClient = {
    createToken: (code, callOptions) => session.createToken(code, callOptions),
    listOrders: (params, callOptions) => listOrders(rest, params, callOptions),
    getOrder: (tradeId, callOptions) => getOrder(rest, tradeId, callOptions),
    notifyShipment: (notice, callOptions) => notifyShipment(rest, notice, callOptions),
    listProducts: (params, callOptions) => listProducts(rest, params, callOptions),
    getProduct: (productId, callOptions) => getProduct(rest, productId, callOptions),
    productSchema: (categoryId, callOptions) => productSchema(rest, categoryId, callOptions),
    addProduct: (product, callOptions) => addProduct(rest, product, callOptions),
    updateProduct: (productId, product, callOptions) => updateProduct(rest, productId, product, callOptions),
    updateInventory: (params, callOptions) => updateInventory(rest, params, callOptions),
    skus: new SkuIndex((params, callOptions) => listProducts(rest, params, callOptions), (id, callOptions) => getProduct(rest, id, callOptions)),
    feeds: new LocalFeeds(options.clock ?? { now: () => Date.now() }),
    stats: () => transport.stats(),
  };
  return client;
}
