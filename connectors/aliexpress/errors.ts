/**
 * AliExpress Open Platform error replies → ConnectorError, for the TOP gateway
 * (`aliexpress.solution.*`), the IOP gateway (`/sync` DS APIs, `/rest` system APIs) and a
 * saved reply given to `caravan map`. Shapes (../shared/vendor/aliexpress/NOTES.md):
 * `error_response {code, msg, sub_code, sub_msg, request_id}`, IOP `{type, code, message,
 * request_id}`, and business errors inside HTTP 200 envelopes — `result.is_success=false`
 * with `error_code`/`error_msg` (ds.order.create), `rsp_code` 605 (ds.product.get),
 * `result.success=false` / `code` 505 (ds.freight.query), `ret=false` + `code` 1001
 * (ds.order.tracking.get). Pure.
 */
import { MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { describeReplyText, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf, type ErrorReplyContext } from '../http/error-reply.js';
import type { ConnectorError, ConnectorErrorKind } from '../http/errors.js';
import { describeOpenPlatformError, openPlatformErrorOf, type OpenPlatformError } from '../http/open-platform-envelope.js';

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
  const found = openPlatformErrorOf(body);
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
  return replyError(`AliExpress ${api}`, { operation, ...(status === undefined ? {} : { status }) }, {
    vendor: ALIEXPRESS_VENDOR,
    kind: openPlatformErrorKind(found, status, ALIEXPRESS_ERROR_KINDS),
    what: describeOpenPlatformError(found),
    ...(found.code === undefined ? {} : { vendorCode: found.code }),
    ...(found.requestId === undefined ? {} : { requestId: found.requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
