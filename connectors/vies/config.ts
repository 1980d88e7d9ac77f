/**
 * VIES (VAT Information Exchange System) settings. The EC's REST service is public: no
 * credentials. An optional requester (the seller's own VAT number) makes VIES return a
 * consultation number, the evidence a seller keeps for a reverse-charge invoice.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { VIES_VENDOR } from './errors.js';
import { isViesMemberState } from './member-states.js';

/** The vendor id and its name in messages. */
export const VIES: VendorName = { vendor: VIES_VENDOR, label: 'VIES' };

/** Production service ("Vies on-the-Web Endpoint"); paths /check-vat-number, /check-status … sit under it. */
export const VIES_DEFAULT_BASE_URL = 'https://ec.europa.eu/taxation_customs/vies/rest-api';

/** VIES waits for the member state's register; its own TIMEOUT error comes before this. */
export const DEFAULT_VIES_TIMEOUT_MS = 20_000;
/** A rate-limit wait longer than this is handed back to the caller as rate_limited. */
export const DEFAULT_VIES_MAX_IN_PROCESS_WAIT_MS = 20_000;

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

const RateLimitPlanSchema = z.strictObject({
  rate: z.number().positive().finite(),
  burst: z.number().int().min(1),
});

const MemberStateCodeSchema = z
  .string()
  .refine((v) => isViesMemberState(v), 'must be a VIES member-state code (AT … SK, EL for Greece, XI for Northern Ireland)');

/** The requester: the member state and VAT number (without prefix) of the business asking. */
export const ViesRequesterSchema = z.strictObject({
  memberStateCode: MemberStateCodeSchema,
  // Every EU VAT number has at most 12 characters after its prefix (SE, NL, LT, XI).
  number: z.string().regex(/^[0-9A-Z+*]{2,12}$/, 'must be the VAT number without country prefix (2–12 letters or digits)'),
});
export type ViesRequester = z.infer<typeof ViesRequesterSchema>;

export const ViesSettingsSchema = z.strictObject({
  /** Base URL override, e.g. the offline sandbox (paths stay the same). */
  baseUrl: HttpUrlSchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** Send checks to the EC's test service (/check-vat-test-service) instead of the real registers. */
  useTestService: z.boolean().optional(),
  requester: ViesRequesterSchema.optional(),
  rateLimit: RateLimitPlanSchema.optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type ViesSettings = z.infer<typeof ViesSettingsSchema>;

export function viesBaseUrl(settings: Pick<ViesSettings, 'baseUrl'>): string {
  return (settings.baseUrl ?? VIES_DEFAULT_BASE_URL).replace(/\/+$/, '');
}
