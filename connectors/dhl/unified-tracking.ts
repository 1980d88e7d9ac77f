/**
 * DHL Shipment Tracking – Unified API (dhl-shipment-tracking-unified-1.4.1.yaml): GET
 * /track/shipments with the `DHL-API-Key` header. A separate product at developer.dhl.com with
 * its own key (not the MyDHL credentials) and its own settings. An unknown number answers 404
 * (problem detail): kind not_found; over the key's allowance, 429 with Retry-After.
 */
import { z } from 'zod';
import { staticAuth } from '../http/auth.js';
import { parseConfig, parseReply } from '../http/error-factories.js';
import { createPipeline, type CallOptions, type ClientStats, type ConnectorClientOptions } from '../http/pipeline.js';
import type { RateLimiterRegistry } from '../http/rate-limiter.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { DEFAULT_DHL_MAX_IN_PROCESS_WAIT_MS, DEFAULT_DHL_TIMEOUT_MS } from './config.js';
import { dhlErrors, DHL_USER_AGENT } from './client.js';
import { DHL_VENDOR } from './errors.js';
import { DhlUnifiedTrackingResponseSchema, type DhlUnifiedTrackingResponse } from './schemas/carrier-json.js';

export const DHL_UNIFIED = { vendor: DHL_VENDOR, label: 'DHL Shipment Tracking' } as const;
export const UNIFIED_TRACKING_OPERATION = 'unifiedTracking';

/** The description's `servers`. */
export const DHL_UNIFIED_BASE_URLS = { test: 'https://api-test.dhl.com/track', production: 'https://api-eu.dhl.com/track' } as const;

export const DHL_UNIFIED_SERVICES = [
  'express', 'parcel-de', 'ecommerce', 'dgf', 'parcel-uk', 'post-de', 'sameday', 'freight', 'parcel-nl', 'parcel-pl', 'dsc', 'ecommerce-europe',
] as const;

export const DhlUnifiedTrackingSettingsSchema = z.strictObject({
  environment: z.enum(['test', 'production']),
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  timeoutMs: z.number().int().positive().optional(),
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type DhlUnifiedTrackingSettings = z.infer<typeof DhlUnifiedTrackingSettingsSchema>;

export const DhlUnifiedTrackingCredentialsSchema = z.strictObject({ apiKey: z.string().min(1) });
export type DhlUnifiedTrackingCredentials = z.infer<typeof DhlUnifiedTrackingCredentialsSchema>;

/**
 * A new key's service level ("Starter" on developer.dhl.com) allows 1 call per second and 250
 * a day, the day ending 24:00 GMT: the default bucket keeps to the per-second part; past the
 * daily cap DHL answers 429.
 */
export const DEFAULT_DHL_UNIFIED_RATE_LIMIT = { rate: 1, burst: 1 } as const;

export interface UnifiedTrackingQuery {
  readonly trackingNumber: string;
  readonly service?: (typeof DHL_UNIFIED_SERVICES)[number];
  readonly requesterCountryCode?: string;
  readonly originCountryCode?: string;
  readonly recipientPostalCode?: string;
  readonly language?: string;
}

export interface DhlUnifiedTrackingClient {
  /** GET /track/shipments?trackingNumber=… */
  trackShipments(query: UnifiedTrackingQuery, options?: CallOptions): Promise<DhlUnifiedTrackingResponse>;
  stats(): ClientStats;
}

export interface CreateDhlUnifiedTrackingClientOptions extends ConnectorClientOptions {
  readonly settings: DhlUnifiedTrackingSettings;
  readonly credentials: DhlUnifiedTrackingCredentials;
  readonly limiter?: RateLimiterRegistry;
}

export function createDhlUnifiedTrackingClient(options: CreateDhlUnifiedTrackingClientOptions): DhlUnifiedTrackingClient {
  const settings = parseConfig(DHL_UNIFIED, 'tracking settings', DhlUnifiedTrackingSettingsSchema, options.settings);
  const { apiKey } = parseConfig(DHL_UNIFIED, 'tracking credentials', DhlUnifiedTrackingCredentialsSchema, options.credentials);
  const { send, stats } = createPipeline({
    ...DHL_UNIFIED,
    logName: 'dhl unified tracking',
    baseUrl: (settings.endpoint ?? DHL_UNIFIED_BASE_URLS[settings.environment]).replace(/\/+$/, ''),
    userAgent: DHL_USER_AGENT,
    timeoutMs: settings.timeoutMs ?? DEFAULT_DHL_TIMEOUT_MS,
    // securitySchemes.ApiKeyAuth
    auth: staticAuth({ 'dhl-api-key': apiKey }),
    ...(options.limiter === undefined
      ? {}
      : {
          rateLimit: {
            limiter: options.limiter,
            key: () => ({ tenant: options.tenant, vendor: DHL_VENDOR, operation: UNIFIED_TRACKING_OPERATION }),
            plan: () => settings.rateLimit ?? DEFAULT_DHL_UNIFIED_RATE_LIMIT,
            maxWaitMs: settings.maxInProcessWaitMs ?? DEFAULT_DHL_MAX_IN_PROCESS_WAIT_MS,
          },
        }),
    errors: dhlErrors,
    logger: options.logger.child({ vendor: DHL_VENDOR, tenant: options.tenant, api: 'unified-tracking' }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
  });
  const site = siteOf(DHL_UNIFIED, UNIFIED_TRACKING_OPERATION);
  return {
    async trackShipments(query, callOptions = {}) {
      if (query.trackingNumber.trim() === '') throw refuse(site, 'trackingNumber is required');
      const response = await send(
        {
          operation: UNIFIED_TRACKING_OPERATION,
          method: 'GET',
          path: '/shipments',
          query: [
            ['trackingNumber', query.trackingNumber],
            ['service', query.service],
            ['requesterCountryCode', query.requesterCountryCode],
            ['originCountryCode', query.originCountryCode],
            ['recipientPostalCode', query.recipientPostalCode],
            ['language', query.language],
          ],
          idempotent: true,
          subject: query.trackingNumber,
        },
        callOptions,
      );
      return parseReply(site, DhlUnifiedTrackingResponseSchema, response, 'tracking answer');
    },
    stats,
  };
}
