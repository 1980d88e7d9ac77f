/**
 * The IOP REST request signature of the new Alibaba.com Open Platform
 * (../shared/vendor/alibaba/NOTES.md, ../shared/vendor/aliexpress/NOTES.md "Building the string
 * to sign"): UPPER(HEX(HMAC-SHA256(app_secret, api_path + concat(sorted name + value)))), every
 * parameter but `sign`, names in byte order, raw values. Written here, not taken from the
 * connector: a stand-in that shared the connector's signer would agree with its mistakes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `/order/get` + `access_tokentestapp_key123456…`: the text the digest covers. */
export function iopStringToSign(apiPath: string, params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params)
    .filter((n) => n !== 'sign')
    .sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  let text = apiPath;
  for (const n of names) text += n + params[n];
  return text;
}

export function iopSign(appSecret: string, apiPath: string, params: Readonly<Record<string, string>>): string {
  return createHmac('sha256', appSecret).update(iopStringToSign(apiPath, params), 'utf8').digest('hex').toUpperCase();
}

/** Whether `params.sign` is the signature of the other parameters (case-sensitive hex, as sent). */
export function iopSignatureValid(appSecret: string, apiPath: string, params: Readonly<Record<string, string>>): boolean {
  const given = params.sign;
  if (given === undefined || !/^[0-9A-F]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(iopSign(appSecret, apiPath, params)));
}
