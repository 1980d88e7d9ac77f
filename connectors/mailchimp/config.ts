/**
 * Mailchimp Marketing API connection settings (tenants file) and credentials (the API key, a
 * resolved secret). The key ends in its data center (`…-us3`), which names the host:
 * https://us3.api.mailchimp.com/3.0.
 */
import { z } from 'zod';
import type { VendorName } from '../http/request-checks.js';
import { MAILCHIMP_VENDOR } from './errors.js';

/** The vendor id and its name in messages. */
export const MAILCHIMP: VendorName = { vendor: MAILCHIMP_VENDOR, label: 'Mailchimp' };

export const DEFAULT_MAILCHIMP_TIMEOUT_MS = 30_000;
export const DEFAULT_MAILCHIMP_MAX_IN_PROCESS_WAIT_MS = 20_000;

const DataCenterSchema = z.string().regex(/^[a-z]+\d+$/, 'must be a Mailchimp data center such as us3');

export const MailchimpConnectionSettingsSchema = z.strictObject({
  /** Overrides the data center read from the API key. */
  dataCenter: DataCenterSchema.optional(),
  /** Base URL override (a mock server); replaces https://<dc>.api.mailchimp.com/3.0 whole. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  timeoutMs: z.number().int().positive().optional(),
  rateLimit: z.strictObject({ rate: z.number().positive().finite(), burst: z.number().int().min(1) }).optional(),
  maxInProcessWaitMs: z.number().int().min(0).optional(),
});
export type MailchimpConnectionSettings = z.infer<typeof MailchimpConnectionSettingsSchema>;

export const MailchimpCredentialsSchema = z.strictObject({
  /** `<32 hex>-<dc>`; the password of HTTP Basic (any user name). */
  apiKey: z.string().regex(/^[0-9a-f]+-[a-z]+\d+$/, 'must be a Mailchimp API key ending in its data center (…-us3)'),
});
export type MailchimpCredentials = z.infer<typeof MailchimpCredentialsSchema>;

/** Where a connection's requests go, for the registry's record, when the key is not at hand. */
export const MAILCHIMP_KEY_DATA_CENTER_URL = 'https://<dc>.api.mailchimp.com/3.0';

/**
 * The base URL: `endpoint` whole, else the data center of the settings or, failing that, of the
 * API key. Without either (the registry knows only the settings), the URL with `<dc>` for the
 * key's data center.
 */
export function mailchimpBaseUrl(settings: MailchimpConnectionSettings, credentials?: MailchimpCredentials): string {
  if (settings.endpoint !== undefined) return settings.endpoint.replace(/\/+$/, '');
  const dataCenter = settings.dataCenter ?? credentials?.apiKey.slice(credentials.apiKey.lastIndexOf('-') + 1);
  return dataCenter === undefined ? MAILCHIMP_KEY_DATA_CENTER_URL : `https://${dataCenter}.api.mailchimp.com/3.0`;
}
