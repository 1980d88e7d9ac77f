/**
 * Currency-rate sources: ECB euro reference rates (keyless, the embedded default) and the XE
 * Currency Data API (basic auth). Settings come from the tenant config file; XE credentials
 * are resolved secrets, passed separately and never logged.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { ECB_VENDOR, XE_VENDOR } from './errors.js';

/** The vendor ids and their names in messages. */
export const ECB: VendorName = { vendor: ECB_VENDOR, label: 'ECB' };
export const XE: VendorName = { vendor: XE_VENDOR, label: 'XE' };

/** `YYYY-MM-DD` naming a real calendar day (checked locally before a request is sent). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export const ECB_DEFAULT_BASE_URL = 'https://www.ecb.europa.eu';
export const XE_DEFAULT_BASE_URL = 'https://xecdapi.xe.com';

/** The three reference-rate files ECB publishes (paths under the base URL). */
export const ECB_FEEDS = {
  /** The latest working day: eurofxref-daily.xml. */
  daily: '/stats/eurofxref/eurofxref-daily.xml',
  /** The last 90 calendar days: eurofxref-hist-90d.xml. */
  hist90d: '/stats/eurofxref/eurofxref-hist-90d.xml',
  /** Every day since 4 January 1999: eurofxref-hist.xml (several MB). */
  hist: '/stats/eurofxref/eurofxref-hist.xml',
} as const;
export type EcbFeed = keyof typeof ECB_FEEDS;
export const ECB_FEED_NAMES = Object.keys(ECB_FEEDS) as [EcbFeed, ...EcbFeed[]];

/** The file name of a feed, e.g. `eurofxref-hist-90d.xml` (for logs and run summaries). */
export function ecbFeedFile(feed: EcbFeed): string {
  return ECB_FEEDS[feed].slice(ECB_FEEDS[feed].lastIndexOf('/') + 1);
}

export const DEFAULT_FX_TIMEOUT_MS = 30_000;
/** The full history is several megabytes: give it longer. */
export const DEFAULT_ECB_HISTORY_TIMEOUT_MS = 120_000;
/** A rate-limit wait longer than this is handed back to Temporal as rate_limited. */
export const DEFAULT_FX_MAX_IN_PROCESS_WAIT_MS = 20_000;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

const RateLimitPlanSchema = z.strictObject({
  rate: z.number().positive().finite(),
  burst: z.number().int().min(1),
});

export const EcbSettingsSchema = z.strictObject({
  /** Base URL override, e.g. the offline sandbox (paths /stats/eurofxref/… stay the same). */
  baseUrl: HttpUrlSchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  historyTimeoutMs: z.number().int().positive().optional(),
  rateLimit: RateLimitPlanSchema.optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type EcbSettings = z.infer<typeof EcbSettingsSchema>;

export const XeSettingsSchema = z.strictObject({
  /** Base URL override, e.g. the offline sandbox (paths /v1/… stay the same). */
  baseUrl: HttpUrlSchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  rateLimit: RateLimitPlanSchema.optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type XeSettings = z.infer<typeof XeSettingsSchema>;

/** XE account id and API key: the user name and password of HTTP basic auth. */
export const XeCredentialsSchema = z.strictObject({
  // RFC 7617 §2: the user-id of basic auth cannot contain a colon.
  accountId: z.string().min(1).refine((v) => !v.includes(':'), 'must not contain ":" (basic auth user-id)'),
  apiKey: z.string().min(1),
});
export type XeCredentials = z.infer<typeof XeCredentialsSchema>;

export function ecbBaseUrl(settings: Pick<EcbSettings, 'baseUrl'>): string {
  return (settings.baseUrl ?? ECB_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export function xeBaseUrl(settings: Pick<XeSettings, 'baseUrl'>): string {
  return (settings.baseUrl ?? XE_DEFAULT_BASE_URL).replace(/\/+$/, '');
}
