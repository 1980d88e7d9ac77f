/**
 * Stripe API error replies → ConnectorError. Every Stripe error is
 * `{"error": {"type", "code"?, "message"?, "param"?, "decline_code"?, "doc_url"?, "request_log_url"?}}`
 * (spec3.yaml `components.schemas.error` / `api_errors`); the request id is the `Request-Id`
 * header. recogniseStripeErrorReply is the one place that knows this shape: the client's error
 * table and `caravan map` both use it. Stripe's `Stripe-Should-Retry` header, when a reply has
 * it, overrules the kind's retryability (stripe-node's retry rule: the header first, then 409
 * and 5xx).
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, retryAfterOf } from '../http/error-reply.js';
import type { ConnectorError, ConnectorErrorKind } from '../http/errors.js';
import { nullAsAbsent } from '../http/wire-leniency.js';

export const STRIPE_VENDOR = 'stripe';

/** Error `type`s Stripe documents (docs.stripe.com/api/errors; the last three are from older API versions). */
export const STRIPE_ERROR_TYPES = ['api_error', 'card_error', 'idempotency_error', 'invalid_request_error', 'authentication_error', 'rate_limit_error', 'api_connection_error'] as const;

export const StripeErrorReplySchema = z.looseObject({
  error: z.looseObject({
    type: z.string().min(1),
    code: nullAsAbsent(z.string()),
    message: nullAsAbsent(z.string()),
    param: nullAsAbsent(z.string()),
    decline_code: nullAsAbsent(z.string()),
    doc_url: nullAsAbsent(z.string()),
    request_log_url: nullAsAbsent(z.string()),
  }),
});
export type StripeErrorReply = z.infer<typeof StripeErrorReplySchema>;

/** Kinds by error `code` where the status alone says too little (docs.stripe.com/error-codes). */
export const STRIPE_ERROR_CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  resource_missing: 'not_found',
  rate_limit: 'rate_limited',
  lock_timeout: 'transient',
  idempotency_key_in_use: 'conflict',
  api_key_expired: 'auth',
  secret_key_required: 'auth',
  platform_api_key_expired: 'auth',
};

/** Kinds by error `type`. */
export const STRIPE_ERROR_TYPE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  api_error: 'transient',
  api_connection_error: 'transient',
  authentication_error: 'auth',
  rate_limit_error: 'rate_limited',
  idempotency_error: 'conflict',
  card_error: 'validation',
  invalid_request_error: 'validation',
};

/**
 * `Stripe-Should-Retry: true` makes a refusal retryable (a 409 lock_timeout), `false` makes a
 * retryable kind final: Stripe knows the same request will fail again (an idempotent replay of a
 * failed request), so it is a conflict for the caller to settle.
 */
export function shouldRetryKind(kind: ConnectorErrorKind, header: string | undefined): ConnectorErrorKind {
  const retryable = kind === 'transient' || kind === 'rate_limited';
  if (header === 'true' && !retryable) return 'transient';
  if (header === 'false' && retryable) return 'conflict';
  return kind;
}

/**
 * Stripe's error replies, at any status (an error object inside a 2xx is still an error), and
 * any body with a non-2xx status. Without a status (a file) only an error object whose `type`
 * is Stripe's (`…_error`) or that links Stripe's docs is claimed. Undefined for a success. Pure.
 */
export function recogniseStripeErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, headers, status } = ctx;
  const parsed = StripeErrorReplySchema.safeParse(body);
  // In a file: a type Stripe documents (or its `…_error` pattern), or a link to Stripe's docs or logs.
  const known =
    parsed.success &&
    (status !== undefined ||
      (STRIPE_ERROR_TYPES as readonly string[]).includes(parsed.data.error.type) ||
      /^[a-z]+(?:_[a-z]+)*_error$/.test(parsed.data.error.type) ||
      /^https:\/\/(?:[\w-]+\.)*stripe\.com\//.test(parsed.data.error.doc_url ?? parsed.data.error.request_log_url ?? ''));
  const error = known && parsed.success ? parsed.data.error : undefined;
  if (error === undefined && !isFailureStatus(status)) return undefined;
  const code = error?.code ?? error?.type;
  const tableKind =
    (error?.code !== undefined && Object.hasOwn(STRIPE_ERROR_CODE_KINDS, error.code) ? STRIPE_ERROR_CODE_KINDS[error.code] : undefined) ??
    (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ??
    (error !== undefined && Object.hasOwn(STRIPE_ERROR_TYPE_KINDS, error.type) ? STRIPE_ERROR_TYPE_KINDS[error.type] : undefined);
  const kind = shouldRetryKind(tableKind ?? MALFORMED_SUCCESS_KIND, headerValue(headers, 'stripe-should-retry'));
  const detail = error === undefined ? undefined : [error.message, error.param === undefined ? undefined : `param ${error.param}`, error.decline_code === undefined ? undefined : `decline_code ${error.decline_code}`].filter((x) => x !== undefined).join('; ');
  const what = error !== undefined ? `${code}${detail ? `: ${detail}` : ''}` : `with ${bodyDescription(body)}`;
  const requestId = headerValue(headers, 'request-id');
  const retryAfterMs = retryAfterOf(ctx);
  return replyError(`Stripe ${operation}`, { operation, ...(status === undefined ? {} : { status }) }, {
    vendor: STRIPE_VENDOR,
    kind,
    what,
    ...(code === undefined ? {} : { vendorCode: code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
