/**
 * AliExpress Open Platform connection settings (tenants file) and credentials (resolved
 * secrets, never logged). The app key identifies the app and is not secret; the app secret
 * signs every request and the seller's tokens come from the OAuth authorisation step.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { ALIEXPRESS_VENDOR } from './errors.js';

/** The vendor id and its name in messages. */
export const ALIEXPRESS: VendorName = { vendor: ALIEXPRESS_VENDOR, label: 'AliExpress' };

/** The IOP gateway: `/rest{api_path}` for system APIs, `/sync` for business APIs (NOTES.md). */
export const DEFAULT_ALIEXPRESS_ENDPOINT = 'https://api-sg.aliexpress.com';

export const DEFAULT_ALIEXPRESS_TIMEOUT_MS = 30_000;
/** A quota wait up to this long is waited out in-process; longer ones go back to Temporal. */
export const DEFAULT_ALIEXPRESS_MAX_IN_PROCESS_WAIT_MS = 20_000;

export const AliexpressConnectionSettingsSchema = z.strictObject({
  /** The app's key (`app_key`), from the developer console. */
  appKey: z.string().regex(/^\d+$/, 'must be the numeric AliExpress app key'),
  /** Base URL override (a mock or the sandbox); the default is the IOP gateway. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** The app's granted quota when it differs from the conservative default. */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
  /** The channel's marketplaces: AliExpress is one (`ALIEXPRESS`); listings and inventory may name only these. */
  marketplaceIds: z.array(z.string().min(1)).min(1).default(['ALIEXPRESS']),
});
export type AliexpressConnectionSettings = z.infer<typeof AliexpressConnectionSettingsSchema>;
/** Settings as written (defaults not yet applied). */
export type AliexpressConnectionSettingsInput = z.input<typeof AliexpressConnectionSettingsSchema>;

/**
 * The app secret signs every request; the seller's refresh token (from `/auth/token/create`)
 * renews the access token, which may be given too. A held access token without an expiry is
 * used until the platform refuses it, then refreshed.
 */
export const AliexpressCredentialsSchema = z.union([
  z.strictObject({ appSecret: z.string().min(1), accessToken: z.string().min(1), refreshToken: z.string().min(1) }),
  z.strictObject({ appSecret: z.string().min(1), refreshToken: z.string().min(1) }),
]);
export type AliexpressCredentials = z.infer<typeof AliexpressCredentialsSchema>;

/** The base URL without a trailing slash. */
export function aliexpressBaseUrl(settings: AliexpressConnectionSettings): string {
  return (settings.endpoint ?? DEFAULT_ALIEXPRESS_ENDPOINT).replace(/\/+$/, '');
}
