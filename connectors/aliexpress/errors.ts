/**
 * AliExpress Open Platform error replies → ConnectorError, for the TOP gateway
 * (`aliexpress.solution.*`), the IOP gateway (`/sync` DS APIs, `/rest` system APIs) and a
 * saved reply given to `caravan map`. Shapes (../shared/vendor/aliexpress/NOTES.md):
 * `error_response {code, msg, sub_code, sub_msg, request_id}`, IOP `{type, code, message,
 * request_id}`, and business errors inside HTTP 200 envelopes — `result.is_success=false`
 * with `error_code`/`error_msg` (ds.order.create), `rsp_code` 605 (ds.product.get),
 * `result.success=false` / `code` 505 (ds.freight.query), `ret=false` + `code` 1001
 * (ds.order.tracking.get); and for the product, stock and fulfilment APIs `update_success=false`
 * with `update_error_code`/`update_error_message` (batch inventory/price update: only when the
 * call itself failed — a code or message says so; otherwise the per-product lists carry the
 * outcome), `result_success=false` with `error_desc` (listlogisticsservice) or in `result`
 * (order.fulfill), and `error_code` + `error_message` in the envelope (feed submit/query). Pure.
 */
import { MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { describeReplyText, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf, type ErrorReplyContext } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { isObject } from '../http/json-object.js';
import { describeOpenPlatformError, quotaBanMsOf, envelopeOf, openPlatformErrorOf, scalarText, type OpenPlatformError } from '../http/open-platform-envelope.js';

export const ALIEXPRESS_VENDOR = 'aliexpress';

/**
 * TOP and IOP gateway codes whose kind the status cannot tell (TOP answers them with HTTP 200).
 * TOP: 7 app call limited, 11/12 insufficient permissions, 25 invalid signature, 26/27 session
 * missing/invalid, 40/41 missing/invalid arguments; IOP: its string codes.
 */
export const ALIEXPRESS_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  '7': 'rate_limited',
  '11': 'auth',
  '12': 'auth',
  '25': 'auth',
  '26': 'auth',
  '27': 'auth',
  '40': 'validation',
  '41': 'validation',
  ApiCallLimit: 'rate_limited',
  AppCallLimit: 'rate_limited',
  IllegalAccessToken: 'auth',
  // IOP token APIs: a refresh token revoked or past its lifetime (the IOP auth doc's error table).
  IllegalRefreshToken: 'auth',
  InvalidCode: 'auth',
  IncompleteSignature: 'auth',
  // Gateway refusals of the request itself (an unknown app key, a timestamp outside the allowed skew).
  InvalidAppKey: 'auth',
  InvalidTimestamp: 'validation',
  InvalidApiPath: 'validation',
  MissingParameter: 'validation',
  InvalidParameter: 'validation',
};

/** The kind of a family error: the table, then the sub-code's class (isv.* caller, isp.* platform), then the status. */
export function openPlatformErrorKind(e: OpenPlatformError, status: number | undefined, table: Readonly<Record<string, ConnectorErrorKind>>): ConnectorErrorKind {
  const byCode = e.code !== undefined && Object.hasOwn(table, e.code) ? table[e.code] : undefined;
  if (byCode !== undefined) return byCode;
  const sub = (e.subCode ?? '').toLowerCase();
  if (sub.includes('limit') || sub.includes('frequency')) return 'rate_limited';
  if (sub.includes('permission') || sub.includes('token') || sub.includes('session')) return 'auth';
  if (sub.includes('not-exist') || sub.includes('not_found') || sub.includes('notfound')) return 'not_found';
  if (sub.startsWith('isp.')) return 'transient';
  if (sub.startsWith('isv.')) return 'validation';
  if (e.type === 'ISP' || e.type === 'SYSTEM') return 'transient';
  if (e.form !== 'error_response' && e.form !== 'iop') return 'validation'; // a business refusal of this request
  return (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ?? MALFORMED_SUCCESS_KIND;
}

/**
 * AliExpress error replies at any status: the family's error shapes (a 200 carrying one is
 * still an error), or any body with a non-2xx status. Undefined for a success. Without a status
 * (a file), only bodies in the family's shapes are claimed.
 */
export function recogniseAliexpressErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, status } = ctx;
  const found = aliexpressErrorOf(body);
  if (found === undefined && !isFailureStatus(status)) return undefined;
  const retryAfterMs = retryAfterOf(ctx);
  if (found === undefined) {
    const text = replyText(body);
    return replyError(`AliExpress ${operation}`, { operation, ...(status === undefined ? {} : { status }) }, {
      vendor: ALIEXPRESS_VENDOR,
      kind: failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND,
      what: `with ${text === undefined ? (body === undefined ? 'an empty body' : 'an unexpected body') : describeReplyText(text)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  // The envelope names the API that answered (a DS reply given to the order kind says so).
  const api = found.api === undefined ? operation : found.api.replace(/_/g, '.');
  // A call-limit ban says how long it lasts: the work waits that long (a daily one: until the platform's next day).
  const banMs = quotaBanMsOf(found);
  return replyError(`AliExpress ${api}`, { operation, ...(status === undefined ? {} : { status }) }, {
    vendor: ALIEXPRESS_VENDOR,
    kind: openPlatformErrorKind(found, status, ALIEXPRESS_ERROR_KINDS),
    what: describeOpenPlatformError(found),
    ...(found.code === undefined ? {} : { vendorCode: found.code }),
    ...(found.requestId === undefined ? {} : { requestId: found.requestId }),
    ...((retryAfterMs ?? banMs) === undefined ? {} : { retryAfterMs: retryAfterMs ?? banMs }),
  });
}

/** The reply's own fields: the envelope's content, or the root of a simplify reply. */
function replyFields(body: unknown): { inner: Record<string, unknown>; api?: string } | undefined {
  const env = envelopeOf(body);
  if (env !== undefined) return { inner: env.inner, api: env.api };
  return isObject(body) ? { inner: body } : undefined;
}

const firstText = (o: Record<string, unknown>, names: readonly string[]): string | undefined => {
  for (const n of names) {
    const t = scalarText(o[n]);
    if (t !== undefined) return t;
  }
  return undefined;
};

/**
 * The family's error shapes, plus AliExpress's own: a failed batch update (`update_success`
 * false with a code or message), and the code and message of a `result_success=false` reply
 * under the names these APIs use (`error_desc`, `result_error_code`, `result_error_desc`).
 */
export function aliexpressErrorOf(body: unknown): OpenPlatformError | undefined {
  const fields = replyFields(body);
  const found = openPlatformErrorOf(body);
  if (found !== undefined) {
    if (fields === undefined || (found.code !== undefined && found.message !== undefined)) return found;
    const holders = [fields.inner, ...(isObject(fields.inner.result) ? [fields.inner.result] : [])];
    const code = found.code ?? holders.map((h) => firstText(h, ['result_error_code', 'error_code'])).find((c) => c !== undefined);
    const message = found.message ?? holders.map((h) => firstText(h, ['error_desc', 'result_error_desc', 'error_message'])).find((m) => m !== undefined);
    return { ...found, ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
  }
  if (fields === undefined) return undefined;
  const { inner, api } = fields;
  const flag = inner.update_success;
  if (!(flag === false || (typeof flag === 'string' && flag.trim().toLowerCase() === 'false'))) return undefined;
  const code = scalarText(inner.update_error_code);
  const message = scalarText(inner.update_error_message);
  if (code === undefined && message === undefined) return undefined;
  const requestId = scalarText(inner.request_id);
  return {
    form: `${api === undefined ? '' : `${api}_response.`}update_success=false`,
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(api === undefined ? {} : { api }),
  };
}

/** What a refusal of a request says, for answers that report it instead of failing (listing and stock writes). */
export interface AliexpressRefusal {
  readonly errorCode?: string;
  readonly errorMessage: string;
  readonly requestId?: string;
}

/**
 * A validation error (the platform refused the request inside HTTP 200, or our check before
 * sending) as a refusal; any other error is thrown on (auth, rate limits, outages: Temporal retries).
 */
export function refusalOf(error: unknown): AliexpressRefusal {
  if (!(error instanceof ConnectorError) || error.kind !== 'validation') throw error;
  return { ...(error.vendorCode === undefined ? {} : { errorCode: error.vendorCode }), errorMessage: error.message, ...(error.requestId === undefined ? {} : { requestId: error.requestId }) };
}
