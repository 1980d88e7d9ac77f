/**
 * The gateway's own signature check (../shared/vendor/aliexpress/NOTES.md): every parameter but
 * `sign` (and empty ones), sorted by name in code-unit order, written `name + value` with no
 * separator; the `/rest` system APIs put their API path in front, the `/sync` business APIs do
 * not; HMAC-SHA256 with the app secret, uppercase hex.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function stringToSign(params: Readonly<Record<string, string>>, apiPath = ''): string {
  const names = Object.keys(params).filter((name) => name !== 'sign' && params[name] !== '');
  names.sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
  let text = apiPath;
  for (const name of names) text += name + params[name];
  return text;
}

export function expectedSign(appSecret: string, params: Readonly<Record<string, string>>, apiPath = ''): string {
  return createHmac('sha256', appSecret).update(stringToSign(params, apiPath), 'utf8').digest('hex').toUpperCase();
}

/** Whether `sign` is the request's signature (case-insensitive hex, compared in constant time). */
export function signatureMatches(appSecret: string, params: Readonly<Record<string, string>>, apiPath = ''): boolean {
  const given = params.sign;
  if (given === undefined || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toUpperCase(), 'latin1'), Buffer.from(expectedSign(appSecret, params, apiPath), 'latin1'));
}
