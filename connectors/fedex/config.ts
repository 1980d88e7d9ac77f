/**
 * FedEx REST API connection settings (tenant config) and credentials (resolved secrets, never
 * logged). One OAuth project (client id and secret) serves Rate, Ship and Upload Documents;
 * FedEx issues Track API access to a separate project, so its credentials may differ.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { FEDEX_VENDOR } from './errors.js';

export const FEDEX: VendorName = { vendor: FEDEX_VENDOR, label: 'FedEx' };

export const FEDEX_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type FedexEnvironment = (typeof FEDEX_ENVIRONMENTS)[number];

/** The descriptions' `servers` (rate-api.json, ship-api.json, track.json, upload-documents-api.json). */
export const FEDEX_BASE_URLS: Readonly<Record<FedexEnvironment, string>> = {
  sandbox: 'https://apis-sandbox.fedex.com',
  production: 'https://apis.fedex.com',
};

export const DEFAULT_FEDEX_TIMEOUT_MS = 30_000;
export const DEFAULT_FEDEX_MAX_IN_PROCESS_WAIT_MS = 20_000;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

export const FedexConnectionSettingsSchema = z.strictObject({
  environment: z.enum(FEDEX_ENVIRONMENTS).default('production'),
  /** Base URL override (a local Prism, a proxy). */
  endpoint: HttpUrlSchema.optional(),
  /** Base URL of the Upload Documents API when it differs from `endpoint`. */
  documentsEndpoint: HttpUrlSchema.optional(),
  /** The shipper's FedEx account (`accountNumber.value`). */
  accountNumber: z.string().regex(/^\d{1,12}$/, 'must be the FedEx account number (digits)'),
  /** `x-locale` header (FedEx's default: en_US). */
  locale: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** This project's share of FedEx's per-project rate (requests per second, burst). */
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type FedexConnectionSettings = z.infer<typeof FedexConnectionSettingsSchema>;
export type FedexConnectionSettingsInput = z.input<typeof FedexConnectionSettingsSchema>;

const ProjectKeys = { clientId: z.string().min(1), clientSecret: z.string().min(1) };

/** The project's key and secret, and optionally the Track API project's pair (both or neither). */
export const FedexCredentialsSchema = z.union([
  z.strictObject({ ...ProjectKeys }),
  z.strictObject({ ...ProjectKeys, trackingClientId: z.string().min(1), trackingClientSecret: z.string().min(1) }),
]);
export type FedexCredentials = z.infer<typeof FedexCredentialsSchema>;

export function fedexBaseUrl(settings: Pick<FedexConnectionSettingsInput, 'environment' | 'endpoint'>): string {
  return (settings.endpoint ?? FEDEX_BASE_URLS[settings.environment ?? 'production']).replace(/\/+$/, '');
}
