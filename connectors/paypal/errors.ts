/**
 * PayPal REST error replies → ConnectorError. Two shapes (../shared/vendor/paypal/SOURCE.md):
 * - API errors: `{ name, message, debug_id, details: [{ field, value, location, issue, description }], links }`
 *   (Transaction Search answers a too-wide query with `400 RESULTSET_TOO_LARGE`, airbytehq/airbyte#70968;
 *   a date out of range with `INVALID_REQUEST` and empty `details`, paypal/PayPal-node-SDK#452);
 * - OAuth token errors: `{ error, error_description }` (401 `invalid_client`).
 * The request id is the `PayPal-Debug-Id` header, else the body's `debug_id`.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, retryAfterOf } from '../http/error-reply.js';
import type { ConnectorError, ConnectorErrorKind } from '../http/errors.js';
import { nullAsAbsent } from '../http/wire-leniency.js';

export const PAYPAL_VENDOR = 'paypal';

export const PaypalErrorReplySchema = z.looseObject({
  name: z.string().min(1),
  message: nullAsAbsent(z.string()),
  debug_id: nullAsAbsent(z.string()),
  details: nullAsAbsent(
    z.array(z.looseObject({ field: nullAsAbsent(z.string()), issue: nullAsAbsent(z.string()), description: nullAsAbsent(z.string()) })),
  ),
});
export type PaypalErrorReply = z.infer<typeof PaypalErrorReplySchema>;

export const PaypalOAuthErrorSchema = z.looseObject({ error: z.string().min(1), error_description: z.string() });

/** Kinds by error `name` (developer.paypal.com/api/rest/reference/orders/v2/errors/, Transaction Search errors). */
export const PAYPAL_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  AUTHENTICATION_FAILURE: 'auth',
  NOT_AUTHORIZED: 'auth',
  PERMISSION_DENIED: 'auth',
  INVALID_REQUEST: 'validation',
  VALIDATION_ERROR: 'validation',
  UNPROCESSABLE_ENTITY: 'validation',
  RESULTSET_TOO_LARGE: 'validation',
  RESOURCE_NOT_FOUND: 'not_found',
  INVALID_RESOURCE_ID: 'not_found',
  DUPLICATE_REQUEST_ID: 'conflict',
  RATE_LIMIT_REACHED: 'rate_limited',
  INTERNAL_SERVER_ERROR: 'transient',
  INTERNAL_SERVICE_ERROR: 'transient',
  SERVICE_UNAVAILABLE: 'transient',
  // OAuth token endpoint
  invalid_client: 'auth',
  invalid_token: 'auth',
  invalid_grant: 'auth',
  unauthorized_client: 'auth',
  invalid_scope: 'auth',
  access_denied: 'auth',
  invalid_request: 'validation',
  unsupported_grant_type: 'validation',
};

/** PayPal writes its error names in upper snake case (`INVALID_REQUEST`, `RESULTSET_TOO_LARGE`). */
const PAYPAL_ERROR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * PayPal's error replies at any status (an error body inside a 2xx too) and any body with a
 * non-2xx status. Without a status (a file), an API error is claimed when it carries PayPal's
 * `debug_id` or a name in PayPal's upper snake case with a message, and an OAuth error
 * (`error` + `error_description`) when its code is one PayPal's token endpoint sends.
 */
export function recognisePaypalErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, headers, status } = ctx;
  const api = PaypalErrorReplySchema.safeParse(body);
  const oauth = PaypalOAuthErrorSchema.safeParse(body);
  const apiError =
    api.success && (status !== undefined || api.data.debug_id !== undefined || (PAYPAL_ERROR_NAME.test(api.data.name) && api.data.message !== undefined)) ? api.data : undefined;
  const oauthError = apiError === undefined && oauth.success && (status !== undefined || Object.hasOwn(PAYPAL_ERROR_KINDS, oauth.data.error)) ? oauth.data : undefined;
  if (apiError === undefined && oauthError === undefined && !isFailureStatus(status)) return undefined;
  const code = apiError?.name ?? oauthError?.error;
  const kind: ConnectorErrorKind =
    (code !== undefined && Object.hasOwn(PAYPAL_ERROR_KINDS, code) ? PAYPAL_ERROR_KINDS[code] : undefined) ?? failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND;
  const details = (apiError?.details ?? [])
    .map((d) => [d.field, d.issue, d.description].filter((x) => x !== undefined && x !== '').join(' '))
    .filter((x) => x !== '');
  const message = apiError !== undefined ? [apiError.message, ...details].filter((x) => x !== undefined && x !== '').join('; ') : oauthError?.error_description;
  const what = code !== undefined ? `${code}${message ? `: ${message}` : ''}` : `with ${bodyDescription(body)}`;
  const requestId = headerValue(headers, 'paypal-debug-id') ?? apiError?.debug_id;
  const retryAfterMs = retryAfterOf(ctx);
  return replyError(`PayPal ${operation}`, { operation, ...(status === undefined ? {} : { status }) }, {
    vendor: PAYPAL_VENDOR,
    kind,
    what,
    ...(code === undefined ? {} : { vendorCode: code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
