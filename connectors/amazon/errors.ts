/**
 * SP-API and LWA failures → ConnectorError. Amazon's error codes refine the shared status
 * table (connectors/http/classify.ts); anything unknown falls back to the status.
 */
import { classifyHttpFailure, headerValue } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';
import { AmazonErrorResponseSchema, LwaErrorResponseSchema } from './schemas.js';

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
  if (data === undefined) return 'an empty body';
  return 'an unexpected body';
}

/** An SP-API response with a non-2xx status. */
export function amazonErrorFromResponse(failure: AmazonResponseFailure): ConnectorError {
  const { operation, status, headers, data } = failure;
  const byStatus = classifyHttpFailure({ status, ...(headers === undefined ? {} : { headers }) }, failure.nowMs);
  const requestId = amazonRequestId(headers);
  const retryAfterMs = failure.retryAfterMs ?? byStatus.retryAfterMs;
  const parsed = AmazonErrorResponseSchema.safeParse(data);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const kind: ConnectorErrorKind =
    (first !== undefined ? AMAZON_ERROR_CODE_KINDS[first.code] : undefined) ?? byStatus.kind;
  const what =
    first !== undefined
      ? `${first.code}: ${first.message}${first.details ? ` (${first.details})` : ''}`
      : `with ${bodyDescription(data)}`;
  return new ConnectorError(kind, redactText(`Amazon ${operation}: HTTP ${status} ${what}`), {
    vendor: AMAZON_VENDOR,
    operation,
    status,
    ...(first === undefined ? {} : { vendorCode: first.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

export const LWA_OPERATION = 'lwaToken';

/** A failed LWA token request. */
export function lwaErrorFromResponse(failure: {
  status: number;
  headers?: Readonly<Record<string, unknown>>;
  data: unknown;
  nowMs: number;
}): ConnectorError {
  const { status, headers, data } = failure;
  const byStatus = classifyHttpFailure({ status, ...(headers === undefined ? {} : { headers }) }, failure.nowMs);
  const parsed = LwaErrorResponseSchema.safeParse(data);
  const requestId = amazonRequestId(headers) ?? (parsed.success ? parsed.data.request_id : undefined);
  let kind = byStatus.kind;
  let message: string;
  let vendorCode: string | undefined;
  if (parsed.success) {
    vendorCode = parsed.data.error;
    // A 4xx LWA error is about our app or refresh token, whatever its code; a 5xx stays transient.
    kind = status >= 500 ? byStatus.kind : status === 429 ? 'rate_limited' : (LWA_ERROR_KINDS[vendorCode] ?? 'auth');
    message = `${vendorCode}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}`;
  } else {
    if (status >= 400 && status < 500 && status !== 429) kind = 'auth';
    message = bodyDescription(data);
  }
  return new ConnectorError(kind, redactText(`Amazon LWA token request failed: HTTP ${status} ${message}`), {
    vendor: AMAZON_VENDOR,
    operation: LWA_OPERATION,
    status,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(byStatus.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }),
  });
}
