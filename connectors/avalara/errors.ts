/**
 * AvaTax failures → ConnectorError. AvaTax error codes (ErrorDetail.code, the ErrorCodeId enum
 * of the description) refine the shared status table (connectors/http/classify.ts); a code
 * not in the table falls back to the status.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';

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

/**
 * AvaTax's ErrorResult `{ error: { code, message, target, details: [ErrorDetail] } }` as real
 * answers carry it: `details` is an array of ErrorDetail (a 401 AuthenticationException with
 * number 30, faultCode "Client", helpLink and severity "Exception" is quoted in
 * reactioncommerce/reaction#1733), and any of its fields may be absent or null.
 */
export const AvalaraErrorDetailReplySchema = z.looseObject({
  code: z.string().nullish(),
  number: z.number().nullish(),
  message: z.string().nullish(),
  description: z.string().nullish(),
  faultCode: z.string().nullish(),
  helpLink: z.string().nullish(),
  refersTo: z.string().nullish(),
  severity: z.string().nullish(),
});

export const AvalaraErrorReplySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().nullish(),
    target: z.string().nullish(),
    details: z.array(AvalaraErrorDetailReplySchema).nullish(),
  }),
});
export type AvalaraErrorReply = z.infer<typeof AvalaraErrorReplySchema>;

/** Reads the `{ error: { … } }` body; undefined for anything else. */
export function parseAvalaraError(data: unknown): AvalaraErrorBody | undefined {
  const parsed = AvalaraErrorReplySchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data.error;
  const details = parsed.data.error.details ?? [];
  const detailCodes = details.map((d) => d.code).filter((c): c is string => typeof c === 'string' && c !== '' && c !== code);
  const description = details.find((d) => typeof d.description === 'string' && d.description !== '')?.description ?? undefined;
  return {
    code,
    ...(message === undefined || message === null ? {} : { message }),
    detailCodes,
    ...(description === undefined ? {} : { description }),
  };
}

/** Kind for an AvaTax error: its code first, then the HTTP status (a 429 is always rate_limited). */
export function avalaraErrorKind(status: number, code: string | undefined, byStatus: ConnectorErrorKind): ConnectorErrorKind {
  if (status === 429) return 'rate_limited';
  return (code === undefined ? undefined : AVALARA_ERROR_CODE_KINDS[code]) ?? byStatus;
}

/**
 * AvaTax's error replies: an ErrorResult body at any status (also inside a 200), or any body
 * with a non-2xx status. Undefined for a 2xx (or no status) whose body is not an ErrorResult. Pure.
 */
export function recogniseAvalaraErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, status, headers } = ctx;
  const error = parseAvalaraError(body);
  if (error === undefined && !isFailureStatus(status)) return undefined;
  const requestId = avalaraRequestId(headers);
  const retryAfterMs = retryAfterOf(ctx);
  const byStatus = failureKindForStatus(status);
  const kind =
    status === undefined || !isFailureStatus(status)
      ? ((error !== undefined && Object.hasOwn(AVALARA_ERROR_CODE_KINDS, error.code) ? AVALARA_ERROR_CODE_KINDS[error.code] : undefined) ?? MALFORMED_SUCCESS_KIND)
      : avalaraErrorKind(status, error?.code, byStatus ?? MALFORMED_SUCCESS_KIND);
  const what =
    error === undefined
      ? `with ${bodyDescription(body)}`
      : `${error.code}${error.message ? `: ${error.message}` : ''}` +
        (error.description && error.description !== error.message ? ` (${error.description})` : '') +
        (error.detailCodes.length > 0 ? ` [${error.detailCodes.join(', ')}]` : '');
  return replyError(`AvaTax ${operation}`, ctx, {
    vendor: AVALARA_VENDOR,
    kind,
    what,
    ...(error === undefined ? {} : { vendorCode: error.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

