/**
 * The seller's consent for an AliExpress app (`caravan connect`): the authorisation page of the
 * IOP gateway (`/oauth/authorize?response_type=code&force_auth=true&redirect_uri&client_id`, the
 * Open Platform's "Authorize your APP" guide), then `/auth/token/create` with the code it returns.
 */
import { grantedTokens, type AuthorizationStep } from '../capabilities.js';
import { createAliexpressClient } from './client.js';
import { aliexpressBaseUrl, AliexpressConnectionSettingsSchema, type AliexpressConnectionSettings } from './config.js';

/** Before the exchange there is no refresh token yet; the client built for it holds this stand-in, replaced by the granted one. */
const NOT_YET_GRANTED = 'not-yet-granted';

export const ALIEXPRESS_AUTHORIZATION: AuthorizationStep<AliexpressConnectionSettings> = {
  grants: { refreshToken: 'refreshToken' },
  needs: ['appSecret'],
  authorizeUrl(settings, { redirectUri, state }) {
    const s = AliexpressConnectionSettingsSchema.parse(settings);
    const q = new URLSearchParams({ response_type: 'code', force_auth: 'true', redirect_uri: redirectUri, client_id: s.appKey, state });
    return `${aliexpressBaseUrl(s)}/oauth/authorize?${q.toString()}`;
  },
  async exchangeCode({ tenant, connection, settings, secrets, code, limiter, logger }) {
    const client = createAliexpressClient({ tenant, connection, settings, credentials: { appSecret: secrets['appSecret'] ?? '', refreshToken: NOT_YET_GRANTED }, limiter, logger });
    return grantedTokens(await client.createToken(code));
  },
};
