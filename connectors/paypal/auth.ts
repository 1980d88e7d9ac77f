/**
 * PayPal OAuth 2.0 client credentials (developer.paypal.com/api/rest/authentication/, as
 * ../shared/vendor/paypal/SOURCE.md records it): POST /v1/oauth2/token with HTTP Basic
 * `client_id:client_secret` and the form `grant_type=client_credentials` answers
 * `{scope, access_token, token_type: "Bearer", app_id, expires_in, nonce}` (expires_in in
 * seconds, about 9 h). Cached, single-flight and refreshed once on a refusal by the shared
 * client-credentials auth (connectors/http/client-credentials.ts).
 */
import type { TokenAuth } from '../http/auth.js';
import { CLIENT_CREDENTIALS_OPERATION, ClientCredentialsTokenSchema, createClientCredentialsAuth, type ClientCredentialsOptions } from '../http/client-credentials.js';
import { PAYPAL_VENDOR, recognisePaypalErrorReply } from './errors.js';

export const PAYPAL_TOKEN_OPERATION = CLIENT_CREDENTIALS_OPERATION;
export const PAYPAL_TOKEN_PATH = '/v1/oauth2/token';
export const PaypalTokenResponseSchema = ClientCredentialsTokenSchema;
export type PaypalOAuthOptions = ClientCredentialsOptions;

export function createPaypalOAuth(options: PaypalOAuthOptions): TokenAuth {
  return createClientCredentialsAuth(
    { vendor: PAYPAL_VENDOR, label: 'PayPal', tokenPath: PAYPAL_TOKEN_PATH, credentialsIn: 'basic', recogniseError: recognisePaypalErrorReply, requestIdHeader: 'paypal-debug-id' },
    options,
  );
}
