/**
 * Stripe connection settings (tenants file) and credentials (resolved secrets). The API
 * version is pinned: every request says `Stripe-Version: 2023-08-16`, the version the vendored
 * description (../shared/vendor/stripe/openapi/spec3.yaml, `info.version`) and the wire schemas
 * describe, whatever the account's default version is.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { STRIPE_VENDOR } from './errors.js';

export const STRIPE: VendorName = { vendor: STRIPE_VENDOR, label: 'Stripe' };

/** spec3.yaml `info.version`; the schemas in schemas/ read this version's objects. */
export const STRIPE_API_VERSION = '2023-08-16';

export const STRIPE_API_BASE_URL = 'https://api.stripe.com';

export const DEFAULT_STRIPE_TIMEOUT_MS = 80_000;
export const DEFAULT_STRIPE_MAX_IN_PROCESS_WAIT_MS = 10_000;

export const StripeConnectionSettingsSchema = z.strictObject({
  /** Base URL override (stripe-mock, a sandbox); replaces https://api.stripe.com whole. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Overrides the plan of both buckets (read and write). */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type StripeConnectionSettings = z.infer<typeof StripeConnectionSettingsSchema>;

/** Secret (`sk_…`) or restricted (`rk_…`) key, live or test; the mode decides the rate limits. */
const ApiKeySchema = z.string().regex(/^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+$/, 'must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)');

/** The webhook endpoint's signing secret, for `caravan serve` (POST /webhooks/stripe/:tenant). */
export const StripeWebhookSecretSchema = z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be a Stripe webhook signing secret (whsec_…)');

/** The API key, and the webhook signing secret where `caravan serve` takes the tenant's events. */
export const StripeCredentialsSchema = z.union([
  z.strictObject({ secretKey: ApiKeySchema }),
  z.strictObject({ secretKey: ApiKeySchema, webhookSecret: StripeWebhookSecretSchema }),
]);
export type StripeCredentials = z.infer<typeof StripeCredentialsSchema>;

export type StripeMode = 'live' | 'test';

/** A key's mode, from its prefix (`sk_live_`, `rk_test_` …). */
export function stripeModeOf(secretKey: string): StripeMode {
  return /^(?:sk|rk)_live_/.test(secretKey) ? 'live' : 'test';
}

export function stripeBaseUrl(settings: StripeConnectionSettings): string {
  return (settings.endpoint ?? STRIPE_API_BASE_URL).replace(/\/+$/, '');
}
