/**
 * IOP REST signing as the Alibaba.com Open Platform requires it (../shared/vendor/alibaba/NOTES.md):
 * `sign = UPPER(HEX(HMAC-SHA256(app_secret, api_path + name1value1name2value2…)))`, the names in
 * byte order, `sign` itself and empty values left out; system parameters `app_key`, `timestamp`
 * (epoch ms, read at send time by the caller), `sign_method=sha256`, `access_token`. The family's
 * signing is shared with AliExpress (connectors/http/open-platform-signing.ts); these are its
 * Alibaba.com names. Proven by the family's worked example in signing-test-vectors.json. Pure.
 */
import { iopRestStringToSign, signedParams, signIopRest, type SignParams } from '../http/open-platform-signing.js';

/** Parameters as sent (object-valued ones already JSON text); empty ones are not sent. */
export type RestParams = SignParams;

/** The text HMAC'd: the API path, then each sent parameter's name and value in name order. */
export const alibabaStringToSign = (apiPath: string, params: RestParams): string => iopRestStringToSign(apiPath, params);

export const alibabaSign = (appSecret: string, apiPath: string, params: RestParams): string => signIopRest(appSecret, apiPath, params);

/** Every parameter of a request to `apiPath`, system ones and `sign` included, stamped `nowMs`. */
export function alibabaSignedForm(apiPath: string, system: { appKey: string; accessToken?: string }, appSecret: string, business: RestParams, nowMs: number): Record<string, string> {
  return signedParams({ protocol: 'iop-rest', apiPath, appKey: system.appKey, ...(system.accessToken === undefined ? {} : { accessToken: system.accessToken }) }, appSecret, business, nowMs);
}
