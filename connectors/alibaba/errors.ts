/**
 * Alibaba.com (ICBU) open platform error replies → ConnectorError. The new Open Platform
 * (`openapi-api.alibaba.com/rest{path}`, ../shared/vendor/alibaba/NOTES.md) answers
 * `{ code: "0", value | result, request_id }` on success and `{ code, message, request_id, type }`
 * on error (IOP form; codes such as 110001 unauthorised buyer, 130106 product invalid, 7 app call
 * limited); legacy ICBU on TOP answers `error_response`. Business failures inside HTTP 200:
 * `value.status` PAY_FAILED with `reason_code`/`reason_message` (order pay), `result.result_code`
 * other than 200 (product check), and the TOP family's `success=false` flags. Saved samples of the
 * integration guide are `{ _section, _api_path, _label, body }`: the `body` is the reply. Pure.
 */
import { MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { describeReplyText, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf, type ErrorReplyContext } from '../http/error-reply.js';
import type { ConnectorError, ConnectorErrorKind } from '../http/errors.js';
import { describeOpenPlatformError, openPlatformErrorOf, quotaBanMsOf, scalarText, type OpenPlatformError } from '../http/open-platform-envelope.js';
import { isObject } from '../http/json-object.js';

export const ALIBABA_VENDOR = 'alibaba';

/** Codes of the integration guide's error table (and the gateway's) whose kind the status cannot tell. */
export const ALIBABA_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  '7': 'rate_limited',
  '110001': 'auth',
  '10005': 'not_found',
  '130106': 'not_found',
  '130703': 'conflict',
  '140004': 'conflict',
  IllegalAccessToken: 'auth',
  // Token APIs: a refresh token revoked or past its lifetime, an authorisation code used or expired.
  IllegalRefreshToken: 'auth',
  InvalidCode: 'auth',
  IncompleteSignature: 'auth',
  InvalidSignature: 'auth',
  InvalidApiPath: 'validation',
  MissingParameter: 'validation',
  InvalidParameter: 'validation',
  ApiCallLimit: 'rate_limited',
  AppCallLimit: 'rate_limited',
  InvalidAppKey: 'auth',
  InvalidTimestamp: 'validation',
};

/** A saved guide sample `{ _section?, _api_path, _label?, body }` → its body; anything else unchanged. */
export function unwrapAlibabaSample(doc: unknown): unknown {
  return isObject(doc) && 'body' in doc && typeof doc._api_path === 'string' ? doc.body : doc;
}

/** `value.status` PAY_FAILED (or another *_FAILED) with a reason: the order-pay refusal inside a 200. */
function payFailureOf(body: unknown): OpenPlatformError | undefined {
  if (!isObject(body) || !isObject(body.value)) return undefined;
  const status = scalarText(body.value.status);
  if (status === undefined || !/FAIL/i.test(status)) return undefined;
  const code = scalarText(body.value.reason_code) ?? status;
  const message = scalarText(body.value.reason_message);
  const requestId = scalarText(body.request_id);
  return { form: 'value.status', code, ...(message === undefined ? {} : { message }), ...(requestId === undefined ? {} : { requestId }) };
}

/**
 * The gateway's own error `{ type, code, message }` sent without a `request_id` (the form an
 * IllegalAccessToken refusal takes in published client tests): the shared reader wants the id
 * before it claims a top-level code, so it is read here, for Alibaba.com replies only.
 */
function bareGatewayErrorOf(body: unknown): OpenPlatformError | undefined {
  if (!isObject(body) || 'value' in body || 'result' in body) return undefined;
  const code = scalarText(body.code);
  const message = scalarText(body.message) ?? scalarText(body.msg);
  const type = scalarText(body.type);
  if (code === undefined || code === '0' || (message === undefined && type === undefined)) return undefined;
  return { form: 'iop', code, ...(message === undefined ? {} : { message }), ...(type === undefined ? {} : { type }) };
}

function kindOf(e: OpenPlatformError, status: number | undefined): ConnectorErrorKind {
  const byCode = e.code !== undefined && Object.hasOwn(ALIBABA_ERROR_KINDS, e.code) ? ALIBABA_ERROR_KINDS[e.code] : undefined;
  if (byCode !== undefined) return byCode;
  if (e.form !== 'error_response' && e.form !== 'iop') return 'validation';
  if (e.type === 'ISP' || e.type === 'SYSTEM') return 'transient';
  if ((e.subCode ?? '').startsWith('isv.') || e.type === 'ISV') return 'validation';
  return (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ?? MALFORMED_SUCCESS_KIND;
}

/** Alibaba.com error replies at any status; undefined for a success. Without a status only the family's shapes are claimed. */
export function recogniseAlibabaErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, status } = ctx;
  const reply = unwrapAlibabaSample(body);
  const found = openPlatformErrorOf(reply) ?? payFailureOf(reply) ?? bareGatewayErrorOf(reply);
  if (found === undefined && !isFailureStatus(status)) return undefined;
  const retryAfterMs = retryAfterOf(ctx);
  const where = `Alibaba.com ${operation}`;
  const at = { operation, ...(status === undefined ? {} : { status }) };
  if (found === undefined) {
    const text = replyText(reply);
    return replyError(where, at, {
      vendor: ALIBABA_VENDOR,
      kind: failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND,
      what: `with ${text === undefined ? (reply === undefined ? 'an empty body' : 'an unexpected body') : describeReplyText(text)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  // A call-limit ban names how long it lasts: the work waits that long (a daily one: until the platform's next day).
  const wait = retryAfterMs ?? quotaBanMsOf(found);
  return replyError(found.api === undefined ? where : `Alibaba.com ${found.api.replace(/_/g, '.')}`, at, {
    vendor: ALIBABA_VENDOR,
    kind: kindOf(found, status),
    what: describeOpenPlatformError(found),
    ...(found.code === undefined ? {} : { vendorCode: found.code }),
    ...(found.requestId === undefined ? {} : { requestId: found.requestId }),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
}
