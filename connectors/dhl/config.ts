/**
 * DHL Express MyDHL API connection settings (from the tenant config file) and credentials
 * (resolved secrets, passed separately and never logged).
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { DHL_VENDOR } from './errors.js';

/** The vendor id and its name in messages. */
export const DHL: VendorName = { vendor: DHL_VENDOR, label: 'DHL Express' };

export const DHL_ENVIRONMENTS = ['test', 'production'] as const;
export type DhlEnvironment = (typeof DHL_ENVIRONMENTS)[number];

/** MyDHL API environments (mydhl-express-api-3.1.1.yaml, `servers`). */
export const DHL_BASE_URLS: Readonly<Record<DhlEnvironment, string>> = {
  test: 'https://express.api.dhl.com/mydhlapi/test',
  production: 'https://express.api.dhl.com/mydhlapi',
};

/**
 * The `x-version` header every MyDHL operation requires: the spec's default for it
 * ("Interface version - do not change this field value"), in description 3.1.1.
 */
export const MYDHL_API_VERSION = '3.1.0';

export const DEFAULT_DHL_TIMEOUT_MS = 30_000;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

export const DhlConnectionSettingsSchema = z.strictObject({
  environment: z.enum(DHL_ENVIRONMENTS),
  /** Base URL override, e.g. DHL's mock server or a local Prism. */
  endpoint: HttpUrlSchema.optional(),
  /** The shipper's DHL Express account (`accounts[].number`, at most 12 characters). */
  accountNumber: z.string().min(1).max(12),
  timeoutMs: z.number().int().positive().optional(),
  /** Our request ceiling for this account (requests per second, burst). */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  /** Longest in-process wait for a token; a longer one goes back to Temporal as rate_limited. */
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type DhlConnectionSettings = z.infer<typeof DhlConnectionSettingsSchema>;

/** MyDHL API key and secret, sent as HTTP Basic credentials. */
export const DhlCredentialsSchema = z.strictObject({
  // RFC 7617: the user-id of Basic credentials cannot contain a colon.
  username: z.string().min(1).regex(/^[^:]*$/, 'must not contain ":"'),
  password: z.string().min(1),
});
export type DhlCredentials = z.infer<typeof DhlCredentialsSchema>;

/**
 * MyDHL's description publishes no per-second quota (it answers 429 when an account is
 * over its allowance), so this default only keeps one tenant's bursts polite.
 */
export const DEFAULT_DHL_RATE_LIMIT = { rate: 5, burst: 10 } as const;
export const DEFAULT_DHL_MAX_IN_PROCESS_WAIT_MS = 20_000;
/** One bucket per tenant covers every MyDHL operation. */
export const DHL_RATE_LIMIT_OPERATION = 'mydhl';

export function dhlBaseUrl(settings: Pick<DhlConnectionSettings, 'environment' | 'endpoint'>): string {
  return (settings.endpoint ?? DHL_BASE_URLS[settings.environment]).replace(/\/+$/, '');
}
