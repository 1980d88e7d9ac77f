/**
 * Amazon SP-API connection settings (from the tenant config file) and credentials
 * (resolved secrets, passed separately and never logged).
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { AMAZON_VENDOR } from './errors.js';
import { AMAZON_OPERATIONS } from './rate-limits.js';

/** The vendor id and its name in messages. */
export const AMAZON: VendorName = { vendor: AMAZON_VENDOR, label: 'Amazon' };

export const AMAZON_REGIONS = ['na', 'eu', 'fe'] as const;

export const AMAZON_ORDERS_APIS = ['v0', '2026-01-01'] as const;
export type AmazonOrdersApi = (typeof AMAZON_ORDERS_APIS)[number];
export type AmazonRegion = (typeof AMAZON_REGIONS)[number];

/** Selling-region endpoints (SP-API developer guide, "Selling Partner API endpoints"). */
export const AMAZON_REGION_ENDPOINTS: Readonly<Record<AmazonRegion, string>> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

/** Login with Amazon token endpoint (one for all regions). */
export const LWA_TOKEN_ENDPOINT = 'https://api.amazon.com/auth/o2/token';

/** A 429 whose wait is at most this long is waited out in-process; longer ones go back to Temporal. */
export const DEFAULT_MAX_IN_PROCESS_WAIT_MS = 20_000;
export const DEFAULT_AMAZON_TIMEOUT_MS = 30_000;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

export const AmazonRateLimitPlanSchema = z.strictObject({
  rate: z.number().positive().finite(),
  burst: z.number().int().min(1),
});

export const AmazonConnectionSettingsSchema = z.strictObject({
  region: z.enum(AMAZON_REGIONS),
  // getOrders accepts at most 50 MarketplaceIds (maxItems in the model).
  marketplaceIds: z.array(z.string().min(1)).min(1).max(50),
  /** The selling partner id (merchant token): the Listings Items path and the listings feed header need it. */
  sellerId: z.string().min(1).optional(),
  /** Base URL override, e.g. the SP-API sandbox or a local mock. */
  endpoint: HttpUrlSchema.optional(),
  /** LWA token endpoint override. */
  tokenEndpoint: HttpUrlSchema.optional(),
  /** Usage plans granted to this seller when they differ from the published defaults. */
  rateLimits: z.partialRecord(z.enum(AMAZON_OPERATIONS), AmazonRateLimitPlanSchema).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
  /**
   * Which Orders API the connection reads orders with: v0 (getOrders, then getOrderItems per
   * order; the default, which Amazon retires on 2027-03-27) or 2026-01-01 (searchOrders, items
   * inside each order).
   */
  ordersApi: z.enum(AMAZON_ORDERS_APIS).optional(),
  /**
   * Buyer and address data on Orders API v0 imports: `none` (the default) imports orders without
   * it; `rdt` reads them with a restricted data token (the app needs Amazon's PII roles).
   */
  personalData: z.enum(['none', 'rdt']).optional(),
});
export type AmazonConnectionSettings = z.infer<typeof AmazonConnectionSettingsSchema>;

export const AmazonCredentialsSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
});
export type AmazonCredentials = z.infer<typeof AmazonCredentialsSchema>;

export function amazonBaseUrl(settings: Pick<AmazonConnectionSettings, 'region' | 'endpoint'>): string {
  return (settings.endpoint ?? AMAZON_REGION_ENDPOINTS[settings.region]).replace(/\/+$/, '');
}

export function lwaTokenEndpoint(settings: Pick<AmazonConnectionSettings, 'tokenEndpoint'>): string {
  return settings.tokenEndpoint ?? LWA_TOKEN_ENDPOINT;
}
