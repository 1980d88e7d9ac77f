/**
 * SP-API and LWA failures → ConnectorError. Amazon's error codes refine the shared status
 * table (connectors/http/classify.ts); anything unknown falls back to the status.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { failureKindForStatus, isFailureStatus, retryAfterOf, type ErrorReplyContext } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';

export const AMAZON_VENDOR = 'amazon';

/** SP-API `errors[].code` values and what they mean for us. */
export const AMAZON_ERROR_CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  QuotaExceeded: 'rate_limited',
  Unauthorized: 'auth',
  MissingAuthenticationToken: 'auth',
  InvalidSignature: 'auth',
  AccessDenied: 'auth',
  InvalidInput: 'validation',
  InvalidRequest: 'validation',
  RequestTooLarge: 'validation',
  NotFound: 'not_found',
  Conflict: 'conflict',
  InternalFailure: 'transient',
  InternalServerError: 'transient',
  ServiceUnavailable: 'transient',
};

/** LWA `error` values; all of them mean the app or refresh token cannot get a token. */
export const LWA_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  invalid_grant: 'auth',
  invalid_client: 'auth',
  unauthorized_client: 'auth',
  unsupported_grant_type: 'auth',
  invalid_request: 'auth',
  invalid_scope: 'auth',
  access_denied: 'auth',
  server_error: 'transient',
  temporarily_unavailable: 'transient',
};

export function amazonRequestId(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return headerValue(headers, 'x-amzn-requestid');
}

export interface AmazonResponseFailure {
  readonly operation: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly data: unknown;
  /** Overrides Retry-After (429: Amazon sends none, the caller computes the wait). */
  readonly retryAfterMs?: number;
  readonly nowMs: number;
}

function bodyDescription(data: unknown): string {
  if (data instanceof UnparsedBody) return `a non-JSON body: ${redactText(data.preview())}`;
  // A recorded body read from a file arrives as text.
  if (typeof data === 'string') return data.trim() === '' ? 'an empty body' : `a non-JSON body: ${redactText(new UnparsedBody(data).preview())}`;
  if (data === undefined) return 'an empty body';
  return 'an unexpected body';
}

/**
 * The SP-API error body, as real traffic shows it: `{ errors: [{ code, message, details }] }`.
 * `details` is often absent (amzn/selling-partner-api-models#767 shows a 200 with
 * `errors: [{ code: "InvalidInput", message }]` and no details) and `message` may be missing
 * too; only the code is needed to call it an error.
 */
export const AmazonErrorReplySchema = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        code: z.string().min(1),
        message: z.string().nullish(),
        details: z.unknown().optional(),
      }),
    )
    .min(1),
});
export type AmazonErrorReply = z.infer<typeof AmazonErrorReplySchema>;

/** LWA's error body (RFC 6749 §5.2): `{ error, error_description, error_index?, request_id? }`. */
export const LwaErrorReplySchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().nullish(),
  request_id: z.string().nullish(),
});
export type LwaErrorReply = z.infer<typeof LwaErrorReplySchema>;

export interface AmazonErrorReplyContext extends ErrorReplyContext {
  /** Overrides Retry-After (429: Amazon sends none, the client computes the wait). */
  readonly retryAfterMs?: number;
}

function errorLine(e: AmazonErrorReply['errors'][number]): string {
  const details = typeof e.details === 'string' && e.details !== '' ? ` (${e.details})` : '';
  return `${e.code}${e.message ? `: ${e.message}` : ''}${details}`;
}

/**
 * Amazon's error replies, at any status: an SP-API `errors[]` body (also inside a 200), an LWA
 * `{ error }` body, or any body with a non-2xx status. Undefined when the body is not an error
 * (a 2xx, or no status, with a body that is not one of Amazon's error shapes). Pure.
 */
export function recogniseAmazonErrorReply(body: unknown, ctx: AmazonErrorReplyContext): ConnectorError | undefined {
  // LWA's `{ error }` body may reach any Amazon reader (a cassette holds the token call too).
  if (ctx.operation === LWA_OPERATION || (LwaErrorReplySchema.safeParse(body).success && !AmazonErrorReplySchema.safeParse(body).success)) {
    const lwa = recogniseLwaErrorReply(body, ctx);
    if (lwa !== undefined) return lwa;
  }
  const { operation, status, headers } = ctx;
  const parsed = AmazonErrorReplySchema.safeParse(body);
  if (!parsed.success && !isFailureStatus(status)) return undefined;
  const requestId = amazonRequestId(headers);
  const retryAfterMs = ctx.retryAfterMs ?? retryAfterOf(ctx);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const kind: ConnectorErrorKind =
    (first !== undefined && Object.hasOwn(AMAZON_ERROR_CODE_KINDS, first.code) ? AMAZON_ERROR_CODE_KINDS[first.code] : undefined) ??
    failureKindForStatus(status) ??
    // An error code Amazon's published list does not have, in a 200 or a file: the contract moved.
    MALFORMED_SUCCESS_KIND;
  let what: string;
  if (parsed.success) {
    const [head, ...rest] = parsed.data.errors;
    what = errorLine(head!) + (rest.length === 0 ? '' : ` [+${rest.length} more: ${rest.map(errorLine).join('; ')}]`);
  } else {
    what = `with ${bodyDescription(body)}`;
  }
  return new ConnectorError(kind, redactText(`Amazon ${operation}: ${status === undefined ? '' : `HTTP ${status} `}${what}`), {
    vendor: AMAZON_VENDOR,
    operation,
    ...(status === undefined ? {} : { status }),
    ...(first === undefined ? {} : { vendorCode: first.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** An SP-API response with a non-2xx status. */
export function amazonErrorFromResponse(failure: AmazonResponseFailure): ConnectorError {
  const { operation, status, headers, data, nowMs } = failure;
  const ctx: AmazonErrorReplyContext = {
    operation,
    status,
    nowMs,
    ...(headers === undefined ? {} : { headers }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
  };
  // A non-2xx status is always recognised as an error; the fallback only satisfies the type.
  return recogniseAmazonErrorReply(data, ctx) ?? amazonContractError(operation, `HTTP ${status} not recognised as an error`, { status });
}

/** A 2xx whose body breaks the published contract (not JSON, HTML, wrong shape). */
export function amazonContractError(
  operation: string,
  problem: string,
  details: { status?: number; headers?: Readonly<Record<string, unknown>>; data?: unknown },
): ConnectorError {
  const requestId = amazonRequestId(details.headers);
  const body = details.data instanceof UnparsedBody ? `: ${details.data.preview()}` : '';
  return new ConnectorError(MALFORMED_SUCCESS_KIND, redactText(`Amazon ${operation}: ${problem}${body}`), {
    vendor: AMAZON_VENDOR,
    operation,
    ...(details.status === undefined ? {} : { status: details.status }),
    ...(requestId === undefined ? {} : { requestId }),
  });
}

export const LWA_OPERATION = 'lwaToken';

/** An LWA token reply that is an error: an `{ error }` body at any status, or any non-2xx. Pure. */
export function recogniseLwaErrorReply(body: unknown, ctx: Omit<ErrorReplyContext, 'operation'> & { operation?: string }): ConnectorError | undefined {
  const { status, headers } = ctx;
  const parsed = LwaErrorReplySchema.safeParse(body);
  if (!parsed.success && !isFailureStatus(status)) return undefined;
  const requestId = amazonRequestId(headers) ?? (parsed.success ? (parsed.data.request_id ?? undefined) : undefined);
  const retryAfterMs = retryAfterOf(ctx);
  const byStatus = failureKindForStatus(status);
  let kind: ConnectorErrorKind;
  let message: string;
  let vendorCode: string | undefined;
  if (parsed.success) {
    vendorCode = parsed.data.error;
    // A 4xx LWA error is about our app or refresh token, whatever its code; a 5xx stays transient.
    kind =
      status !== undefined && status >= 500
        ? (byStatus ?? 'transient')
        : status === 429
          ? 'rate_limited'
          : Object.hasOwn(LWA_ERROR_KINDS, vendorCode)
            ? LWA_ERROR_KINDS[vendorCode]!
            : 'auth';
    message = `${vendorCode}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}`;
  } else {
    kind = status !== undefined && status >= 400 && status < 500 && status !== 429 ? 'auth' : (byStatus ?? MALFORMED_SUCCESS_KIND);
    message = bodyDescription(body);
  }
  return new ConnectorError(kind, redactText(`Amazon LWA token request failed: ${status === undefined ? '' : `HTTP ${status} `}${message}`), {
    vendor: AMAZON_VENDOR,
    operation: LWA_OPERATION,
    ...(status === undefined ? {} : { status }),
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** A failed LWA token request (non-2xx). */
export function lwaErrorFromResponse(failure: {
  status: number;
  headers?: Readonly<Record<string, unknown>>;
  data: unknown;
  nowMs: number;
}): ConnectorError {
  const { status, headers, data, nowMs } = failure;
  return (
    recogniseLwaErrorReply(data, { status, nowMs, ...(headers === undefined ? {} : { headers }) }) ??
    amazonContractError(LWA_OPERATION, `HTTP ${status} not recognised as an error`, { status })
  );
}
