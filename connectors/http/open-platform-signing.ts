/**
 * Request signing for the AliExpress / Alibaba.com open platforms (pure functions, no clock).
 * The ecosystem signs three ways (see ../shared/vendor/aliexpress/NOTES.md):
 *
 * - IOP REST (`api-sg.aliexpress.com/rest{path}`, Alibaba.com `openapi-api.alibaba.com/rest{path}`):
 *   HMAC-SHA256(app_secret, api_path + sorted name+value pairs), uppercase hex.
 * - IOP sync (`api-sg.aliexpress.com/sync`, API named by the `method` parameter):
 *   HMAC-SHA256(app_secret, sorted name+value pairs), no path prefix.
 * - classic TOP (`api.taobao.com/router/rest`): `sign_method=md5` → MD5(secret + pairs + secret),
 *   `sign_method=hmac` → HMAC-MD5(secret, pairs); timestamps `yyyy-MM-dd HH:mm:ss` in GMT+8.
 *
 * plus the legacy Alibaba "param2" gateway (`_aop_signature`): HMAC-SHA1(secret, urlPath + pairs).
 */
import { createHash, createHmac } from 'node:crypto';

/** Request parameters as sent (object-valued business parameters already JSON strings). */
export type SignParams = Readonly<Record<string, string | number | boolean | undefined | null>>;

/**
 * The parameters' `name + value` pairs in byte (code-unit) order of their names, `sign` and
 * empty values left out (the Java/PHP TOP SDKs skip them; sending none keeps every SDK equal).
 */
export function concatSortedParams(params: SignParams): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== '' && params[k] !== undefined && params[k] !== null && String(params[k]) !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}${String(params[k])}`)
    .join('');
}

const hex = (digest: Buffer): string => digest.toString('hex').toUpperCase();

/** The IOP REST string to sign: the API path, then the sorted pairs. */
export function iopRestStringToSign(apiPath: string, params: SignParams): string {
  return `${apiPath}${concatSortedParams(params)}`;
}

/** IOP REST / "system" APIs: HMAC-SHA256 over the API path + sorted pairs, uppercase hex (64 characters). */
export function signIopRest(appSecret: string, apiPath: string, params: SignParams): string {
  return hex(createHmac('sha256', appSecret).update(iopRestStringToSign(apiPath, params), 'utf8').digest());
}

/** IOP sync business APIs (`method` is one of the params): HMAC-SHA256 over the sorted pairs, no path prefix. */
export function signIopSync(appSecret: string, params: SignParams): string {
  return hex(createHmac('sha256', appSecret).update(concatSortedParams(params), 'utf8').digest());
}

/**
 * The official IOP SDK's one test: an API name containing "/" is a REST path (signed with the
 * path prefix), otherwise a sync method name (signed without).
 */
export function signIop(appSecret: string, apiName: string, params: SignParams): string {
  return apiName.includes('/') ? signIopRest(appSecret, apiName, params) : signIopSync(appSecret, params);
}

export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

/**
 * Classic TOP, by the request's `sign_method`: md5 = MD5(secret + pairs + secret); hmac =
 * HMAC-MD5(secret, pairs); hmac-sha256 (newer gateways) = HMAC-SHA256(secret, pairs).
 */
export function signTop(appSecret: string, params: SignParams, signMethod: TopSignMethod = topSignMethodOf(params)): string {
  const pairs = concatSortedParams(params);
  switch (signMethod) {
    case 'md5':
      return hex(createHash('md5').update(`${appSecret}${pairs}${appSecret}`, 'utf8').digest());
    case 'hmac':
      return hex(createHmac('md5', appSecret).update(pairs, 'utf8').digest());
    case 'hmac-sha256':
      return hex(createHmac('sha256', appSecret).update(pairs, 'utf8').digest());
  }
}

function topSignMethodOf(params: SignParams): TopSignMethod {
  const m = String(params.sign_method ?? 'md5').toLowerCase();
  if (m === 'md5' || m === 'hmac' || m === 'hmac-sha256') return m;
  throw new RangeError(`unknown TOP sign_method "${m}" (expected md5, hmac or hmac-sha256)`);
}

/** Legacy Alibaba "param2" gateway `_aop_signature`: HMAC-SHA1 over urlPath + sorted pairs, uppercase hex. */
export function signAopParam2(appSecret: string, urlPath: string, params: SignParams): string {
  return hex(createHmac('sha1', appSecret).update(`${urlPath}${concatSortedParams(params)}`, 'utf8').digest());
}

/** TOP's `timestamp`: `yyyy-MM-dd HH:mm:ss` in GMT+8 (China Standard Time, no daylight saving). */
export function topTimestamp(epochMs: number): string {
  const d = new Date(epochMs + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** IOP's `timestamp`: epoch milliseconds (UTC) as text. */
export function iopTimestamp(epochMs: number): string {
  return String(Math.trunc(epochMs));
}

/** What a signed request names: the protocol, the API (a REST path or a method name) and who calls. */
export type SignedRequestSpec =
  | { readonly protocol: 'iop-rest'; readonly apiPath: string; readonly appKey: string; readonly accessToken?: string }
  | { readonly protocol: 'iop-sync'; readonly method: string; readonly appKey: string; readonly accessToken?: string }
  | { readonly protocol: 'top'; readonly method: string; readonly appKey: string; readonly session?: string; readonly signMethod?: TopSignMethod; readonly partnerId?: string };

/**
 * Every parameter of a request, system parameters (app key, timestamp at `nowMs` in the protocol's
 * form, sign method, token) and `sign` included, ready for the query or the form body. Business
 * parameters are given as sent (objects already JSON text); empty ones are left out, as signed.
 * Pure: the clock is the caller's.
 */
export function signedParams(spec: SignedRequestSpec, appSecret: string, business: SignParams, nowMs: number): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(business)) if (v !== undefined && v !== null && String(v) !== '') params[k] = String(v);
  if (spec.protocol === 'top') {
    Object.assign(params, {
      method: spec.method,
      app_key: spec.appKey,
      timestamp: topTimestamp(nowMs),
      format: 'json',
      v: '2.0',
      sign_method: spec.signMethod ?? 'md5',
      ...(spec.session === undefined ? {} : { session: spec.session }),
      ...(spec.partnerId === undefined ? {} : { partner_id: spec.partnerId }),
    });
    return { ...params, sign: signTop(appSecret, params, spec.signMethod ?? 'md5') };
  }
  Object.assign(params, {
    app_key: spec.appKey,
    timestamp: iopTimestamp(nowMs),
    sign_method: 'sha256',
    ...(spec.accessToken === undefined ? {} : { access_token: spec.accessToken }),
    ...(spec.protocol === 'iop-sync' ? { method: spec.method } : {}),
  });
  const sign = spec.protocol === 'iop-rest' ? signIopRest(appSecret, spec.apiPath, params) : signIopSync(appSecret, params);
  return { ...params, sign };
}
