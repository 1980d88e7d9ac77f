/**
 * AvaTax authentication and client identification. AvaTax takes either HTTP Basic with the
 * account id and license key, or a bearer token from Avalara Identity; no token exchange is
 * needed, so this only builds headers. The header values carry secrets: never log them.
 */
import type { AvalaraConnectionSettings, AvalaraCredentials } from './config.js';

/** The AvaTax REST v2 description this connector is written against (shared/vendor/avalara). */
export const AVALARA_API_DESCRIPTION_VERSION = '21.12.0';

export const DEFAULT_AVALARA_CLIENT_APP = { name: 'Caravan', version: '0.1.0' } as const;

/** Adapter name in the client header (the spec's default header names "Custom" here). */
export const AVALARA_ADAPTER_NAME = 'Caravan-AvaTax-REST';

/**
 * `X-Avalara-Client`: "{app}; {app version}; {adapter}; {adapter version}" (AvaTax "Client
 * Headers"; spec default `Swagger UI; 21.12.0; Custom; 1.0`). The optional fifth part, the
 * machine name, is left out so host names do not end up in Avalara's logs.
 */
export function avalaraClientHeader(settings: Pick<AvalaraConnectionSettings, 'clientApp'>): string {
  const app = settings.clientApp ?? DEFAULT_AVALARA_CLIENT_APP;
  return `${app.name}; ${app.version}; ${AVALARA_ADAPTER_NAME}; ${AVALARA_API_DESCRIPTION_VERSION}`;
}

/** `Authorization` value: `Basic base64(accountId:licenseKey)` (UserSecurity) or `Bearer …` (OauthSecurity). */
export function avalaraAuthorization(credentials: AvalaraCredentials): string {
  if ('bearerToken' in credentials) return `Bearer ${credentials.bearerToken}`;
  return `Basic ${Buffer.from(`${credentials.accountId}:${credentials.licenseKey}`, 'utf8').toString('base64')}`;
}
