/** MyDHL API authentication: HTTP Basic with the API key and secret (securitySchemes.basicAuth). */
import type { DhlCredentials } from './config.js';

/** The `Authorization` header value; never log it. */
export function basicAuthorization(credentials: DhlCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}
