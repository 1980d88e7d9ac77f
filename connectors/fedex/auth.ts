/**
 * FedEx OAuth 2.0 client credentials (developer.fedex.com, API Authorization): POST
 * /oauth/token with a form body (grant_type=client_credentials, client_id, client_secret)
 * answers `{access_token, token_type: "bearer", expires_in, scope}` (karrio's recorded
 * authentication__LoginResponse.json: expires_in 3599). Cached, single-flight and refreshed
 * once on a refusal by the shared client-credentials auth (connectors/http/client-credentials.ts).
 */
import type { TokenAuth } from '../http/auth.js';
import { CLIENT_CREDENTIALS_OPERATION, ClientCredentialsTokenSchema, createClientCredentialsAuth, type ClientCredentialsOptions } from '../http/client-credentials.js';
import { FEDEX_VENDOR, recogniseFedexErrorReply } from './errors.js';

export const FEDEX_TOKEN_OPERATION = CLIENT_CREDENTIALS_OPERATION;
export const FEDEX_TOKEN_PATH = '/oauth/token';
export const FedexTokenResponseSchema = ClientCredentialsTokenSchema;
export type FedexOAuthOptions = ClientCredentialsOptions;

export function createFedexOAuth(options: FedexOAuthOptions): TokenAuth {
  return createClientCredentialsAuth({ vendor: FEDEX_VENDOR, label: 'FedEx', tokenPath: FEDEX_TOKEN_PATH, credentialsIn: 'form', recogniseError: recogniseFedexErrorReply }, options);
}
