/**
 * Alibaba.com Open Platform connection settings (tenants file) and credentials (resolved
 * secrets, never logged). The app key identifies the app and is not secret; the app secret
 * signs every request, and the seller's tokens come from the OAuth authorisation step.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { ALIBABA_VENDOR } from './errors.js';

/** The vendor id and its name in messages. */
export const ALIBABA: VendorName = { vendor: ALIBABA_VENDOR, label: 'Alibaba.com' };

/** The Open Platform gateway: every API is `POST /rest{api_path}` (../shared/vendor/alibaba/NOTES.md). */
export const DEFAULT_ALIBABA_ENDPOINT = 'https://openapi-api.alibaba.com';
/** The platform's sandbox gateway (same paths, test accounts). */
export const ALIBABA_SANDBOX_ENDPOINT = 'https://openapi-api-sandbox.alibaba.com';

/** The one marketplace of the channel (wave 3 contract: country CN, currency USD). */
export const ALIBABA_MARKETPLACE_ID = 'ALIBABA';

export const DEFAULT_ALIBABA_TIMEOUT_MS = 30_000;
/** A quota wait up to this long is waited out in-process; longer ones go back to Temporal. */
export const DEFAULT_ALIBABA_MAX_IN_PROCESS_WAIT_MS = 20_000;

export const AlibabaConnectionSettingsSchema = z.strictObject({
  /** The app's key (`app_key`), from the developer console. */
  appKey: z.string().regex(/^\d+$/, 'must be the numeric Alibaba.com app key'),
  /** Base URL override (a mock); wins over `sandbox`. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  /** The platform's sandbox gateway instead of production. */
  sandbox: z.boolean().optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** The app's granted quota when it differs from the conservative default. */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
  /** The channel's marketplaces (listings and inventory name only these). */
  marketplaceIds: z.array(z.literal(ALIBABA_MARKETPLACE_ID)).min(1).default([ALIBABA_MARKETPLACE_ID]),
});
export type AlibabaConnectionSettings = z.infer<typeof AlibabaConnectionSettingsSchema>;
/** Settings as written (defaults not yet applied). */
export type AlibabaConnectionSettingsInput = z.input<typeof AlibabaConnectionSettingsSchema>;

/**
 * The app secret signs every request; the seller's refresh token (from `/auth/token/create`)
 * renews the access token, which may be given too. A held access token without an expiry is
 * used until the platform refuses it, then refreshed.
 */
export const AlibabaCredentialsSchema = z.union([
  z.strictObject({ appSecret: z.string().min(1), accessToken: z.string().min(1), refreshToken: z.string().min(1) }),
  z.strictObject({ appSecret: z.string().min(1), refreshToken: z.string().min(1) }),
]);
export type AlibabaCredentials = z.infer<typeof AlibabaCredentialsSchema>;

/** The base URL without a trailing slash: the override, else the sandbox or production gateway. */
export function alibabaBaseUrl(settings: Pick<AlibabaConnectionSettingsInput, 'endpoint' | 'sandbox'>): string {
  return (settings.endpoint ?? (settings.sandbox === true ? ALIBABA_SANDBOX_ENDPOINT : DEFAULT_ALIBABA_ENDPOINT)).replace(/\/+$/, '');
}
