/**
 * AliExpress seller authorisation: the family's session (connectors/http/open-platform-session.ts)
 * under AliExpress's name — code → tokens, renewal before expiry, a refused refresh token a
 * non-retryable `auth` error naming the connection.
 */
import { OpenPlatformSession, OpenPlatformTokenReplySchema, TOKEN_CREATE_PATH, TOKEN_REFRESH_PATH, type OpenPlatformSessionOptions, type OpenPlatformToken } from '../http/open-platform-session.js';
import { ALIEXPRESS } from './config.js';

export { TOKEN_CREATE_PATH, TOKEN_REFRESH_PATH };
export const TokenReplySchema = OpenPlatformTokenReplySchema;
export type AliexpressToken = OpenPlatformToken;
export type AliexpressAuthOptions = OpenPlatformSessionOptions;

export class AliexpressAuth extends OpenPlatformSession {
  constructor(options: AliexpressAuthOptions) {
    super(ALIEXPRESS, options);
  }
}
