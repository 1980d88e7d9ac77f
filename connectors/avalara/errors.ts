/**
 * AvaTax failures → ConnectorError. AvaTax error codes (ErrorDetail.code, the ErrorCodeId enum
 * of the description) refine the shared status table (connectors/http/classify.ts); a code
 * not in the table falls back to the status.
 */
import { classifyHttpFailure, headerValue } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';
import { AvalaraErrorResponseSchema } from './schemas.js';

export const AVALARA_VENDOR = 'avalara';

/** ErrorCodeId values and what they mean for us (codes from the description's enum). */
export const AVALARA_ERROR_CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  // Credentials wrong, expired, or without the role the API needs.
  AuthenticationException: 'auth',
  AuthorizationException: 'auth',
  AuthenticationIncomplete: 'auth',
  BasicAuthIncorrect: 'auth',
  InvalidAuthenticationType: 'auth',
  AccountExpiredException: 'auth',
  AccountInvalidException: 'auth',
  AccountInNewStatusException: 'auth',
  PermissionRequired: 'auth',
  BearerTokenInvalid: 'auth',
  BearerTokenNotSupported: 'auth',
  // The object (company, transaction) does not exist, or was voided ("no longer exists").
  EntityNotFoundError: 'not_found',
  // The document's state forbids the operation; the caller must decide.
  TransactionAlreadyExists: 'conflict',
  TransactionAlreadyCancelled: 'conflict',
  TransactionIsCommitted: 'conflict',
  DocumentCodeConflict: 'conflict',
  CannotModifyLockedTransaction: 'conflict',
  InvalidDocumentStatus: 'conflict',
  // Throttled.
  RequestLimitExceeded: 'rate_limited',
  ConcurrentRequestLimitExceeded: 'rate_limited',
  RateLimitExceededError: 'rate_limited',
  // Avalara's side.
  ServerConfiguration: 'transient',
  InternalServerError: 'transient',
  RemoteServerError: 'transient',
  ServerUnreachable: 'transient',
};

/** Error codes that mean "this was done already": a repeated commit, void or refund is a success. */
export const AVALARA_ALREADY_DONE_CODES = {
  // A commit of a committed document (TransactionIsCommitted, 1313).
  commit: ['TransactionIsCommitted'],
  // A void of a voided document (TransactionAlreadyCancelled, 198).
  void: ['TransactionAlreadyCancelled'],
  // The refund document with our deterministic refund code exists (TransactionAlreadyExists, 1303).
  refund: ['TransactionAlreadyExists'],
} as const satisfies Record<string, readonly string[]>;

/** AvaTax's correlation id header, when sent. */
export function avalaraRequestId(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return headerValue(headers, 'x-correlation-id');
}

export interface AvalaraErrorBody {
  readonly code: string;
  readonly message?: string;
  /** `details[].code` values other than the top-level code, and the first description. */
  readonly detailCodes: readonly string[];
  readonly description?: string;
}

/** Reads the `{ error: { … } }` body; undefined for anything else. */
export function parseAvalaraError(data: unknown): AvalaraErrorBody | undefined {
  const parsed = AvalaraErrorResponseSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { code, message, details = [] } = parsed.data.error;
  const detailCodes = details.map((d) => d.code).filter((c): c is string => typeof c === 'string' && c !== code);
  const description = details.find((d) => typeof d.description === 'string' && d.description !== '')?.description;
  return {
    code,
    ...(message === undefined ? {} : { message }),
    detailCodes,
    ...(description === undefined ? {} : { description }),
  };
}

export interface AvalaraResponseFailure {
  readonly operation: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly data: unknown;
  readonly nowMs: number;
}

function bodyDescription(data: unknown): string {
  if (data instanceof UnparsedBody) return `a non-JSON body: ${redactText(data.preview())}`;
  if (data === undefined) return 'an empty body';
  return 'an unexpected body';
}

/** Kind for an AvaTax error: its code first, then the HTTP status (a 429 is always rate_limited). */
export function avalaraErrorKind(status: number, code: string | undefined, byStatus: ConnectorErrorKind): ConnectorErrorKind {
  if (status === 429) return 'rate_limited';
  return (code === undefined ? undefined : AVALARA_ERROR_CODE_KINDS[code]) ?? byStatus;
}

/** An AvaTax response with a non-2xx status. */
export function avalaraErrorFromResponse(failure: AvalaraResponseFailure): ConnectorError {
  const { operation, status, headers, data } = failure;
  const byStatus = classifyHttpFailure({ status, ...(headers === undefined ? {} : { headers }) }, failure.nowMs);
  const requestId = avalaraRequestId(headers);
  const body = parseAvalaraError(data);
  const kind = avalaraErrorKind(status, body?.code, byStatus.kind);
  const what =
    body === undefined
      ? `with ${bodyDescription(data)}`
      : `${body.code}${body.message ? `: ${body.message}` : ''}` +
        (body.description && body.description !== body.message ? ` (${body.description})` : '') +
        (body.detailCodes.length > 0 ? ` [${body.detailCodes.join(', ')}]` : '');
  return new ConnectorError(kind, redactText(`AvaTax ${operation}: HTTP ${status} ${what}`), {
    vendor: AVALARA_VENDOR,
    operation,
    status,
    ...(body === undefined ? {} : { vendorCode: body.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(byStatus.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }),
  });
}

