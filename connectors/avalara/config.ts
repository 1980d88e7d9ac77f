/**
 * Avalara AvaTax REST v2 connection settings (from the tenant config file) and credentials
 * (resolved secrets, passed separately and never logged).
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { AVALARA_VENDOR } from './errors.js';

/** The vendor id and its name in messages. */
export const AVALARA: VendorName = { vendor: AVALARA_VENDOR, label: 'AvaTax' };

export const AVALARA_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type AvalaraEnvironment = (typeof AVALARA_ENVIRONMENTS)[number];

/** AvaTax REST v2 hosts (the recordings in shared/vendor/avalara were made against sandbox-rest). */
export const AVALARA_BASE_URLS: Readonly<Record<AvalaraEnvironment, string>> = {
  sandbox: 'https://sandbox-rest.avatax.com',
  production: 'https://rest.avatax.com',
};

export const DEFAULT_AVALARA_TIMEOUT_MS = 30_000;
/** A throttling wait up to this long is waited out in-process; longer ones go back to Temporal. */
export const DEFAULT_AVALARA_MAX_IN_PROCESS_WAIT_MS = 20_000;

/**
 * Our own request ceiling per tenant. AvaTax publishes no per-second quota (it answers 429
 * with `RequestLimitExceeded`/`RateLimitExceededError`), so this only keeps bursts polite.
 */
export const DEFAULT_AVALARA_RATE_LIMIT = { rate: 10, burst: 20 } as const;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

export const AvalaraConnectionSettingsSchema = z.strictObject({
  environment: z.enum(AVALARA_ENVIRONMENTS),
  /** Base URL override (a local mock, Prism, a proxy). */
  baseUrl: HttpUrlSchema.optional(),
  // CreateTransactionModel.companyCode: maxLength 50.
  companyCode: z.string().min(1).max(50),
  timeoutMs: z.number().int().positive().optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  /**
   * Application name and version for the `X-Avalara-Client` header
   * ("{app}; {version}; {adapter}; {adapter version}; {machine}").
   */
  clientApp: z
    .strictObject({ name: z.string().min(1).regex(/^[^;]+$/, 'must not contain ";"'), version: z.string().min(1).regex(/^[^;]+$/, 'must not contain ";"') })
    .optional(),
});
export type AvalaraConnectionSettings = z.infer<typeof AvalaraConnectionSettingsSchema>;

/** HTTP Basic with the account id and license key (the `UserSecurity` scheme of the spec). */
export const AvalaraLicenseKeyCredentialsSchema = z.strictObject({
  // AvaTax account ids are numeric.
  accountId: z.string().regex(/^\d+$/, 'must be the numeric AvaTax account id'),
  licenseKey: z.string().min(1),
});

/** A bearer token from Avalara Identity (the `OauthSecurity` scheme of the spec). */
export const AvalaraBearerCredentialsSchema = z.strictObject({
  bearerToken: z.string().min(1),
});

export const AvalaraCredentialsSchema = z.union([AvalaraLicenseKeyCredentialsSchema, AvalaraBearerCredentialsSchema]);
export type AvalaraCredentials = z.infer<typeof AvalaraCredentialsSchema>;

export function avalaraBaseUrl(settings: Pick<AvalaraConnectionSettings, 'environment' | 'baseUrl'>): string {
  return (settings.baseUrl ?? AVALARA_BASE_URLS[settings.environment]).replace(/\/+$/, '');
}
