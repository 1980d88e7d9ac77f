/**
 * The seller's consent for an Alibaba.com app (`caravan connect`): the Open Platform's
 * authorisation page (`openapi-auth.alibaba.com/oauth/authorize?response_type=code&redirect_uri&client_id`;
 * a base-URL override serves it at `{endpoint}/oauth/authorize`), then `/auth/token/create`.
 */
import { grantedTokens, type AuthorizationStep } from '../capabilities.js';
import { createAlibabaClient } from './client.js';
import { AlibabaConnectionSettingsSchema, type AlibabaConnectionSettingsInput } from './config.js';

const AUTHORIZE_HOST = 'https://openapi-auth.alibaba.com';
const NOT_YET_GRANTED = 'not-yet-granted';

export const ALIBABA_AUTHORIZATION: AuthorizationStep<AlibabaConnectionSettingsInput> = {
  grants: { refreshToken: 'refreshToken' },
  needs: ['appSecret'],
  authorizeUrl(settings, { redirectUri, state }) {
    const s = AlibabaConnectionSettingsSchema.parse(settings);
    const q = new URLSearchParams({ response_type: 'code', redirect_uri: redirectUri, client_id: s.appKey, state });
    return `${s.endpoint === undefined ? AUTHORIZE_HOST : s.endpoint.replace(/\/+$/, '')}/oauth/authorize?${q.toString()}`;
  },
  async exchangeCode({ tenant, connection, settings, secrets, code, limiter, logger }) {
    const client = createAlibabaClient({ tenant, connection, settings, credentials: { appSecret: secrets['appSecret'] ?? '', refreshToken: NOT_YET_GRANTED }, limiter, logger });
    return grantedTokens(await client.createToken(code));
  },
};
