/** XE authenticates every request with HTTP basic auth: account id as user, API key as password. */
import type { XeCredentials } from './config.js';

/** `Basic base64(accountId:apiKey)` (RFC 7617). The value is a secret: never log it. */
export function xeAuthorizationHeader(credentials: XeCredentials): string {
  return `Basic ${Buffer.from(`${credentials.accountId}:${credentials.apiKey}`, 'utf8').toString('base64')}`;
}
