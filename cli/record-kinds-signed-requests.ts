/**
 * `caravan map` kinds of signed requests to the AliExpress and Alibaba.com open platforms:
 * `aliexpress.signed-request` and `alibaba.signed-request`. A request as it was sent (a URL with
 * its query, a form body, a recorded `{method, url, body}` exchange, or a signing vector
 * `{app_secret, params, api_path?}`) is read for its protocol — IOP REST (path-prefixed
 * HMAC-SHA256), IOP sync (`method`, no prefix), classic TOP (MD5 / HMAC-MD5, GMT+8 timestamps)
 * or the legacy param2 gateway (`_aop_signature`, HMAC-SHA1) — and, with the app secret (the
 * file's `app_secret`, or CARAVAN_APP_SECRET), its signature is recomputed with the connector's
 * own signing functions. A signature that does not verify is refused as the platform refuses it
 * (IOP `IncompleteSignature`, TOP code 25 `Invalid signature`). Token values never reach the
 * output.
 */
import { isObject } from '../connectors/http/json-object.js';
import { recogniseAlibabaErrorReply } from '../connectors/alibaba/index.js';
import { recogniseAliexpressErrorReply } from '../connectors/aliexpress/index.js';
import {
  concatSortedParams,
  iopRestStringToSign,
  signAopParam2,
  signIopRest,
  signIopSync,
  signTop,
  type TopSignMethod,
} from '../connectors/aliexpress/signing.js';
import { tryJson } from './record-kit.js';
import type { MappedRecord, MapInputFile, RecordKind } from './record-kinds.js';

export type SigningProtocol = 'iop-rest' | 'iop-sync' | 'top' | 'aop-param2';

/** One request found in a file: its parameters as sent, where it went, and the secret if the file gives one. */
interface FoundRequest {
  readonly id?: string;
  readonly params: Record<string, string>;
  /** The URL path (`/sync`, `/rest/auth/token/create`, `/router/rest`) or a vector's api_path / url_path. */
  readonly path?: string;
  /** Given as a vector's api_path: an IOP REST API path. */
  readonly apiPath?: string;
  /** Given as a vector's url_path: the param2 gateway path. */
  readonly urlPath?: string;
  readonly secret?: string;
  /** A vector's expected signature, when the params carry no `sign`. */
  readonly expectedSign?: string;
}

/** Parameters whose values are credentials: shown as `***`. */
const TOKEN_PARAMS = new Set(['access_token', 'session', 'refresh_token', 'code']);

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

function paramsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === 'string') {
    for (const [k, val] of new URLSearchParams(v.replace(/^\?/, ''))) out[k] = val;
    return out;
  }
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    const t = text(val) ?? (val !== null && typeof val === 'object' ? JSON.stringify(val) : undefined);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

/** A URL (absolute, or a path with its query): its path and query parameters. */
function splitUrl(url: string): { path: string; params: Record<string, string> } {
  try {
    const u = new URL(url, 'http://request.invalid');
    return { path: decodeURIComponent(u.pathname), params: paramsOf(u.search) };
  } catch {
    return { path: url, params: {} };
  }
}

function secretOf(o: Record<string, unknown>): string | undefined {
  return text(o.app_secret) ?? text(o.appSecret) ?? text(o.secret);
}

/** A recorded or described request: `{ method, url|uri|path, body|form|params|query }`, or `{ request: {…} }`. */
function requestOf(o: Record<string, unknown>, id: string | undefined, outerSecret: string | undefined): FoundRequest | undefined {
  const r = isObject(o.request) ? o.request : o;
  const url = text(r.url) ?? text(r.uri) ?? text(r.path);
  const secret = secretOf(r) ?? secretOf(o) ?? outerSecret;
  const withId = id === undefined ? {} : { id };
  const withSecret = secret === undefined ? {} : { secret };
  if (isObject(r.params) && !('url' in r) && !('uri' in r)) {
    // A signing vector: parameters, the secret, and the API path (IOP REST) or url path (param2).
    const apiPath = text(r.api_path) ?? text(r.apiPath);
    const urlPath = text(r.url_path) ?? text(r.urlPath);
    const expectedSign = text(r.expected_sign) ?? text(r.expectedSign);
    return {
      ...withId,
      ...withSecret,
      params: paramsOf(r.params),
      ...(apiPath === undefined ? {} : { apiPath }),
      ...(urlPath === undefined ? {} : { urlPath }),
      ...(expectedSign === undefined ? {} : { expectedSign }),
    };
  }
  if (url === undefined) return undefined;
  const { path, params } = splitUrl(url);
  const rawBody = r.body ?? r.form ?? r.data;
  const body = typeof rawBody === 'string' ? (tryJson(rawBody).ok && /^\s*\{/.test(rawBody) ? paramsOf(JSON.parse(rawBody)) : paramsOf(rawBody)) : paramsOf(rawBody);
  return { ...withId, ...withSecret, path, params: { ...params, ...body, ...paramsOf(r.query) } };
}

/** Every request a file holds. */
export function signedRequestsIn(input: MapInputFile): FoundRequest[] {
  const raw = input.text.trim();
  const envSecret = process.env['CARAVAN_APP_SECRET'] || undefined;
  const j = tryJson(raw);
  if (!j.ok) {
    // A URL, or a bare form / query string.
    if (/^https?:\/\//.test(raw) || raw.startsWith('/')) {
      const { path, params } = splitUrl(raw);
      return [{ path, params, ...(envSecret === undefined ? {} : { secret: envSecret }) }];
    }
    return raw.includes('=') ? [{ params: paramsOf(raw), ...(envSecret === undefined ? {} : { secret: envSecret }) }] : [];
  }
  const doc = j.value;
  const outer = isObject(doc) ? (secretOf(doc) ?? envSecret) : envSecret;
  const items: unknown[] = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.vectors) ? doc.vectors : isObject(doc) && Array.isArray(doc.requests) ? doc.requests : [doc];
  return items.flatMap((item, i) => {
    if (!isObject(item)) return [];
    const found = requestOf(item, text(item.id) ?? (items.length > 1 ? String(i + 1) : undefined), outer);
    return found === undefined ? [] : [found];
  });
}

/** TOP's `yyyy-MM-dd HH:mm:ss` (GMT+8) or IOP's epoch milliseconds, as ISO 8601 UTC. */
function timestampOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (/^\d{12,14}$/.test(raw)) return new Date(Number(raw)).toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 8, +m[5]!, +m[6]!)).toISOString();
  return undefined;
}

interface Reading {
  protocol: SigningProtocol;
  api: string;
  signMethod: string;
  stringToSign: string;
  compute(secret: string): string;
  given?: string;
}

/** What protocol signed the request, by where it went and its system parameters. */
function readRequest(r: FoundRequest): Reading | { unreadable: string } {
  const p = r.params;
  const restPath = r.apiPath ?? (r.path !== undefined && /\/rest(\/.+)$/.test(r.path) && !r.path.endsWith('/router/rest') ? /\/rest(\/.+)$/.exec(r.path)![1] : undefined);
  const param2Path = r.urlPath ?? (r.path !== undefined && /(param2\/.+)$/.test(r.path) ? /(param2\/.+)$/.exec(r.path)![1] : undefined);
  if (param2Path !== undefined) {
    return { protocol: 'aop-param2', api: param2Path, signMethod: 'hmac-sha1', stringToSign: `${param2Path}${concatSortedParams({ ...p, _aop_signature: undefined })}`, compute: (s) => signAopParam2(s, param2Path, { ...p, _aop_signature: undefined }), ...given(p._aop_signature ?? r.expectedSign) };
  }
  const signMethod = (p.sign_method ?? '').toLowerCase();
  if (restPath !== undefined) {
    if (signMethod !== 'sha256' && signMethod !== 'hmac-sha256') return { unreadable: `an IOP REST request (${restPath}) must be signed with sign_method sha256, it says "${p.sign_method ?? '(none)'}"` };
    return { protocol: 'iop-rest', api: restPath, signMethod: 'sha256', stringToSign: iopRestStringToSign(restPath, p), compute: (s) => signIopRest(s, restPath, p), ...given(p.sign ?? r.expectedSign) };
  }
  const method = p.method;
  if (method === undefined) return { unreadable: 'neither an API path (/rest/…, api_path) nor a method parameter says which API was called' };
  const isTop = r.path?.endsWith('/router/rest') === true || (p.timestamp !== undefined && !/^\d+$/.test(p.timestamp)) || signMethod === 'md5' || signMethod === 'hmac';
  if (isTop) {
    const m = (signMethod || 'md5') as TopSignMethod;
    if (m !== 'md5' && m !== 'hmac' && m !== 'hmac-sha256') return { unreadable: `unknown TOP sign_method "${p.sign_method}" (md5, hmac or hmac-sha256)` };
    const pairs = concatSortedParams(p);
    return { protocol: 'top', api: method, signMethod: m, stringToSign: m === 'md5' ? `{secret}${pairs}{secret}` : pairs, compute: (s) => signTop(s, p, m), ...given(p.sign ?? r.expectedSign) };
  }
  return { protocol: 'iop-sync', api: method, signMethod: 'sha256', stringToSign: concatSortedParams(p), compute: (s) => signIopSync(s, p), ...given(p.sign ?? r.expectedSign) };
}

const given = (sign: string | undefined): { given?: string } => (sign === undefined ? {} : { given: sign });

/** Token values replaced in a text (the string to sign carries them). */
function redact(s: string, params: Record<string, string>): string {
  let out = s;
  for (const k of TOKEN_PARAMS) {
    const v = params[k];
    if (v !== undefined && v.length > 0) out = out.split(`${k}${v}`).join(`${k}***`);
  }
  return out;
}

/** The platform's own refusal of a bad signature, per protocol. */
function refusal(protocol: SigningProtocol): { code: string; message: string } {
  if (protocol === 'top') return { code: '25', message: 'Invalid signature' };
  if (protocol === 'aop-param2') return { code: 'gw.SignatureInvalid', message: 'The signature is invalid' };
  return { code: 'IncompleteSignature', message: 'The request signature does not conform to platform standards' };
}

function mapSignedRequests(recordType: string, input: MapInputFile): MappedRecord[] {
  const found = signedRequestsIn(input);
  if (found.length === 0) {
    return [{ ok: false, error: { recordType, field: '(file)', errorKind: 'schema', message: `${recordType}: ${input.file} holds no request (a URL, a form body, {method, url, body} or a signing vector {app_secret, params})`, issues: [] } }];
  }
  return found.map((r): MappedRecord => {
    const externalId = r.id;
    const reading = readRequest(r);
    const reject = (field: string, message: string): MappedRecord => ({
      ok: false,
      error: { recordType, ...(externalId === undefined ? {} : { externalId }), field, errorKind: 'mapping', message: `${recordType}${externalId === undefined ? '' : ` ${externalId}`}: ${field}: ${message}`, issues: [{ field, message }] },
    });
    if ('unreadable' in reading) return reject('params', reading.unreadable);
    if (reading.given === undefined) return reject('sign', 'the request carries no signature (sign, _aop_signature or expected_sign)');
    const computed = r.secret === undefined ? undefined : reading.compute(r.secret);
    const valid = computed === undefined ? undefined : computed === reading.given.toUpperCase();
    if (valid === false) {
      const { code, message } = refusal(reading.protocol);
      return reject('sign', `${code}: ${message} (given ${reading.given}, the ${reading.protocol} ${reading.signMethod} signature of these parameters is ${computed})`);
    }
    const timestamp = timestampOf(r.params.timestamp);
    const parameters = Object.fromEntries(
      Object.entries(r.params)
        .filter(([k]) => k !== 'sign' && k !== '_aop_signature')
        .map(([k, v]) => [k, TOKEN_PARAMS.has(k) ? '***' : v]),
    );
    return {
      ok: true,
      record: {
        recordType,
        ...(externalId === undefined ? {} : { id: externalId }),
        protocol: reading.protocol,
        api: reading.api,
        signMethod: reading.signMethod,
        ...(r.params.app_key === undefined ? {} : { appKey: r.params.app_key }),
        ...(timestamp === undefined ? {} : { timestamp }),
        parameters,
        stringToSign: redact(reading.stringToSign, r.params),
        signature: { given: reading.given, ...(computed === undefined ? { verified: false, note: 'no app secret (app_secret in the file, or CARAVAN_APP_SECRET): the signature was not checked' } : { computed, verified: true }) },
      },
    };
  });
}

const DESCRIPTION = (platform: string) =>
  `${platform} signed request (a URL, a form body, a recorded {method, url, body} or a signing vector {app_secret, params, api_path?}) → protocol (IOP REST / IOP sync / TOP md5|hmac / param2), API, parameters (tokens hidden) and the signature checked with the app secret (file's app_secret or CARAVAN_APP_SECRET); a wrong signature is refused with the platform's code`;

export const SIGNED_REQUEST_RECORD_KINDS: Readonly<Record<string, RecordKind>> = {
  'aliexpress.signed-request': {
    description: DESCRIPTION('AliExpress Open Platform'),
    expects: 'a signed AliExpress request',
    operation: 'signed request',
    readsRequests: true,
    recogniseError: recogniseAliexpressErrorReply,
    map: (input) => mapSignedRequests('aliexpress.signed-request', input),
  },
  'alibaba.signed-request': {
    description: DESCRIPTION('Alibaba.com Open Platform'),
    expects: 'a signed Alibaba.com request',
    operation: 'signed request',
    readsRequests: true,
    recogniseError: recogniseAlibabaErrorReply,
    map: (input) => mapSignedRequests('alibaba.signed-request', input),
  },
};
