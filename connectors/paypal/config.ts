/**
 * PayPal REST connection settings (tenant config) and credentials (resolved secrets, never
 * logged). One REST app (client id and secret) serves Transaction Search, balances and
 * webhook verification; `webhookId` is the id of the webhook registered for this app, which
 * verify-webhook-signature needs beside the delivery's headers.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { PAYPAL_VENDOR } from './errors.js';

export const PAYPAL: VendorName = { vendor: PAYPAL_VENDOR, label: 'PayPal' };

export const PAYPAL_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type PaypalEnvironment = (typeof PAYPAL_ENVIRONMENTS)[number];

/** Hosts named in ../shared/vendor/paypal/SOURCE.md (the descriptions' paths carry /v1/…). */
export const PAYPAL_BASE_URLS: Readonly<Record<PaypalEnvironment, string>> = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  production: 'https://api-m.paypal.com',
};

export const DEFAULT_PAYPAL_TIMEOUT_MS = 30_000;
export const DEFAULT_PAYPAL_MAX_IN_PROCESS_WAIT_MS = 20_000;
/** page_size: 1–500 (reporting_transactions_v1.json); the largest page costs the fewest calls. */
export const PAYPAL_MAX_PAGE_SIZE = 500;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

export const PaypalConnectionSettingsSchema = z.strictObject({
  environment: z.enum(PAYPAL_ENVIRONMENTS).default('production'),
  /** Base URL override (the sandbox stand-in, a proxy). */
  endpoint: HttpUrlSchema.optional(),
  /** The webhook id (Developer Dashboard) deliveries are verified against. */
  webhookId: z.string().regex(/^[a-zA-Z0-9]{1,50}$/, 'must be the PayPal webhook id (letters and digits)').optional(),
  pageSize: z.number().int().min(1).max(PAYPAL_MAX_PAGE_SIZE).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** This app's share of PayPal's (unpublished) request rate: requests per second, burst. */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type PaypalConnectionSettings = z.infer<typeof PaypalConnectionSettingsSchema>;
export type PaypalConnectionSettingsInput = z.input<typeof PaypalConnectionSettingsSchema>;

export const PaypalCredentialsSchema = z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
export type PaypalCredentials = z.infer<typeof PaypalCredentialsSchema>;

export function paypalBaseUrl(settings: Pick<PaypalConnectionSettingsInput, 'environment' | 'endpoint'>): string {
  return (settings.endpoint ?? PAYPAL_BASE_URLS[settings.environment ?? 'production']).replace(/\/+$/, '');
}
