/**
 * Alibaba.com seller authorisation: the family's session (connectors/http/open-platform-session.ts)
 * under Alibaba.com's name — code → tokens (`expires_in` as text in the guide's samples), renewal
 * before expiry, a refused refresh token (revoked or past its ~60 days) a non-retryable `auth`
 * error naming the connection.
 */
import { OpenPlatformSession, OpenPlatformTokenReplySchema, TOKEN_CREATE_PATH, TOKEN_REFRESH_PATH, type OpenPlatformSessionOptions, type OpenPlatformToken } from '../http/open-platform-session.js';
import { ALIBABA } from './config.js';

export const ALIBABA_TOKEN_CREATE_PATH = TOKEN_CREATE_PATH;
export const ALIBABA_TOKEN_REFRESH_PATH = TOKEN_REFRESH_PATH;
export const AlibabaTokenReplySchema = OpenPlatformTokenReplySchema;
export type AlibabaToken = OpenPlatformToken;
export type AlibabaSessionOptions = OpenPlatformSessionOptions;

export class AlibabaSession extends OpenPlatformSession {
  constructor(options: AlibabaSessionOptions) {
    super(ALIBABA, options);
  }
}
