/**
 * IOP REST signing as the Alibaba.com Open Platform requires it (../shared/vendor/alibaba/NOTES.md):
 * `sign = UPPER(HEX(HMAC-SHA256(app_secret, api_path + name1value1name2value2…)))`, the names in
 * byte order, `sign` itself and empty values left out; system parameters `app_key`, `timestamp`
 * (epoch ms, read at send time by the caller), `sign_method=sha256`, `access_token`. The family's
 * other schemes (IOP sync, TOP, param2) are in connectors/aliexpress/signing.ts; connectors may
 * not import each other, and Alibaba.com needs only this one. Proven by the family's worked
 * example in test/fixtures/aliexpress/signing-test-vectors.json. Pure.
 */
import { createHmac } from 'node:crypto';

/** Parameters as sent (object-valued ones already JSON text); empty ones are not sent. */
export type RestParams = Readonly<Record<string, string | number | boolean | undefined | null>>;

const sendable = (v: RestParams[string]): v is string | number | boolean => v !== undefined && v !== null && String(v) !== '';

/** The text HMAC'd: the API path, then each sent parameter's name and value in name order. */
export function alibabaStringToSign(apiPath: string, params: RestParams): string {
  const names = Object.keys(params).filter((k) => k !== 'sign' && k !== '' && sendable(params[k]));
  names.sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
  return apiPath + names.map((k) => k + String(params[k])).join('');
}

export function alibabaSign(appSecret: string, apiPath: string, params: RestParams): string {
  return createHmac('sha256', appSecret).update(alibabaStringToSign(apiPath, params), 'utf8').digest('hex').toUpperCase();
}

/** Every parameter of a request to `apiPath`, system ones and `sign` included, stamped `nowMs`. */
export function alibabaSignedForm(apiPath: string, system: { appKey: string; accessToken?: string }, appSecret: string, business: RestParams, nowMs: number): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(business)) if (sendable(v)) form[k] = String(v);
  form.app_key = system.appKey;
  form.timestamp = String(Math.trunc(nowMs));
  form.sign_method = 'sha256';
  if (system.accessToken !== undefined) form.access_token = system.accessToken;
  form.sign = alibabaSign(appSecret, apiPath, form);
  return form;
}
