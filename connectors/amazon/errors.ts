/**
 * SP-API and LWA failures → ConnectorError. Amazon's error codes refine the shared status
 * table (connectors/http/classify.ts); anything unknown falls back to the status.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { isObject } from '../http/json-object.js';

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
  // The newer APIs (Listings Items 2021-08-01, Catalog Items 2022-04-01, Product Pricing 2022-05-01)
  // write their codes in upper snake case: NOT_FOUND in real 404s (jasara/php-amzn-selling-partner-api#10,
  // jlevers/selling-partner-api#451, selling-partner-api-models#4283), BAD_REQUEST in the models' 400 examples.
  NOT_FOUND: 'not_found',
  BAD_REQUEST: 'validation',
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

/** An XML body whose root is `<Error>` (S3) or `<ErrorResponse>` (STS), after an optional declaration and BOM. */
const AWS_XML_ERROR_ROOT = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?<(Error|ErrorResponse)[\s>]/;

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlText = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!).trim();

/** AWS's error code as sent: `x-amzn-ErrorType: MissingAuthenticationTokenException:http://…` → the part before the colon. */
function awsErrorType(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const raw = headerValue(headers, 'x-amzn-errortype')?.split(':')[0]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * AWS's own error shapes in front of the SP-API, which carry no `errors[]`: API Gateway's
 * `{ "message": … }` (or `Message`) alone, its code only in `x-amzn-ErrorType` (an empty 403
 * with `x-amzn-errortype: MissingAuthenticationTokenException`, amzn/selling-partner-api-models#749),
 * and the XML `<Error><Code>…</Code><Message>…</Message></Error>` of STS (`<ErrorResponse>`,
 * amzn/selling-partner-api-docs#3081) and of S3 (a report document URL fetched after it
 * expired: `AccessDenied`, `Request has expired`).
 */
function awsError(body: unknown, ctx: Pick<ErrorReplyContext, 'status' | 'headers'>): { code?: string; message?: string } | undefined {
  // AWS sends these with a 4xx/5xx: a success status (or a document whose root is not <Error>) is no error.
  if (ctx.status !== undefined && !isFailureStatus(ctx.status)) return undefined;
  const headerCode = awsErrorType(ctx.headers);
  const text = replyText(body);
  if (text !== undefined && AWS_XML_ERROR_ROOT.test(text)) {
    const error = /<Error>([\s\S]*?)<\/Error>/.exec(text)?.[1];
    const code = error === undefined ? undefined : /<Code>([^<]*)<\/Code>/.exec(error)?.[1];
    if (code !== undefined && xmlText(code) !== '') {
      const message = /<Message>([^<]*)<\/Message>/.exec(error!)?.[1];
      return { code: xmlText(code), ...(message === undefined || xmlText(message) === '' ? {} : { message: xmlText(message) }) };
    }
  }
  if (isObject(body)) {
    const message = body.message ?? body.Message;
    if (typeof message === 'string' && message !== '' && Object.keys(body).length === 1) return { ...(headerCode === undefined ? {} : { code: headerCode }), message };
  }
  return headerCode === undefined ? undefined : { code: headerCode };
}

/**
 * Amazon's error replies, at any status: an SP-API `errors[]` body (also inside a 200), an LWA
 * `{ error }` body, AWS's own error shapes (awsError), or any body with a non-2xx status.
 * Undefined when the body is not an error (a 2xx, or no status, with a body that is not one of
 * Amazon's error shapes). Pure.
 */
export function recogniseAmazonErrorReply(body: unknown, ctx: AmazonErrorReplyContext): ConnectorError | undefined {
  // LWA's `{ error }` body may reach any Amazon reader (a cassette holds the token call too).
  if (ctx.operation === LWA_OPERATION || (LwaErrorReplySchema.safeParse(body).success && !AmazonErrorReplySchema.safeParse(body).success)) {
    const lwa = recogniseLwaErrorReply(body, ctx);
    if (lwa !== undefined) return lwa;
  }
  const { operation, status, headers } = ctx;
  const parsed = AmazonErrorReplySchema.safeParse(body);
  const aws = parsed.success ? undefined : awsError(body, ctx);
  if (!parsed.success && aws === undefined && !isFailureStatus(status)) return undefined;
  const requestId = amazonRequestId(headers);
  const retryAfterMs = ctx.retryAfterMs ?? retryAfterOf(ctx);
  const first = parsed.success ? parsed.data.errors[0] : aws?.code === undefined ? undefined : { code: aws.code };
  // AWS names its codes with an `Exception` suffix (AccessDeniedException); the table has the bare names.
  const known = first?.code.replace(/Exception$/, '');
  const kind: ConnectorErrorKind =
    (known !== undefined && Object.hasOwn(AMAZON_ERROR_CODE_KINDS, known) ? AMAZON_ERROR_CODE_KINDS[known] : undefined) ??
    failureKindForStatus(status) ??
    // An error code Amazon's published list does not have, in a 200 or a file: the contract moved.
    MALFORMED_SUCCESS_KIND;
  let what: string;
  if (parsed.success) {
    const [head, ...rest] = parsed.data.errors;
    what = errorLine(head!) + (rest.length === 0 ? '' : ` [+${rest.length} more: ${rest.map(errorLine).join('; ')}]`);
  } else if (aws?.message !== undefined) {
    what = aws.code === undefined ? aws.message : `${aws.code}: ${aws.message}`;
  } else {
    what = `${aws?.code === undefined ? '' : `${aws.code} `}with ${bodyDescription(body)}`;
  }
  return replyError(`Amazon ${operation}`, ctx, {
    vendor: AMAZON_VENDOR,
    kind,
    what,
    ...(first === undefined ? {} : { vendorCode: first.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
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
  return replyError('Amazon LWA token request failed', ctx, {
    vendor: AMAZON_VENDOR,
    operation: LWA_OPERATION,
    kind,
    what: message,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
