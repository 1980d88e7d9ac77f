/**
 * Mailchimp Marketing API error replies → ConnectorError. Mailchimp answers every error with
 * an RFC 7807 problem document (`application/problem+json`): `{ type, title, status, detail,
 * instance }`. The title is its error name ("API Key Invalid", "Resource Not Found"), kept as
 * vendorCode; `instance` is the request id. recogniseMailchimpErrorReply is the one place that
 * knows these shapes: the client's error table and `caravan map` both use it.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { describeReplyText, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';

export const MAILCHIMP_VENDOR = 'mailchimp';

/** The problem document of every Mailchimp error (Definitions/ProblemDetailDocument.json). */
export const MailchimpProblemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().min(1),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
});
export type MailchimpProblem = z.infer<typeof MailchimpProblemSchema>;

/**
 * Titles of the Marketing API's error glossary (mailchimp.com/developer/marketing/docs/errors)
 * whose kind the status alone would get wrong.
 */
export const MAILCHIMP_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  'API Key Invalid': 'auth',
  'API Key Missing': 'auth',
  'Forbidden': 'auth',
  'User Disabled': 'auth',
  'Wrong Datacenter': 'auth',
  'Too Many Requests': 'rate_limited',
  'Resource Nesting Too Deep': 'validation',
  'Invalid Method Override': 'validation',
  'Requested Fields Invalid': 'validation',
};

/**
 * Mailchimp's problem `type` is its error glossary: today https://mailchimp.com/developer/marketing/docs/errors/,
 * before 2020 http://developer.mailchimp.com/documentation/mailchimp/guides/error-glossary/
 * (drewm/mailchimp-api#244 shows one). Other vendors send RFC 7807 documents too (DHL's
 * tracking API): without a status, only this link makes a problem document Mailchimp's.
 */
const MAILCHIMP_PROBLEM_TYPE = /^https?:\/\/(?:[\w-]+\.)*mailchimp\.com\//;

function describeBody(body: unknown): string {
  const text = replyText(body);
  if (text !== undefined) return describeReplyText(text);
  return body === undefined ? 'an empty body' : 'an unexpected body';
}

/**
 * Mailchimp's error replies, at any status: a problem document (a 2xx carrying one is still an
 * error), or any body with a non-2xx status. Without a status (a file), a problem document is
 * Mailchimp's only when its `type` links Mailchimp's glossary. Undefined for a success. Pure.
 */
export function recogniseMailchimpErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, headers } = ctx;
  const parsed = MailchimpProblemSchema.safeParse(body);
  // With a status the reply came from Mailchimp's host; a file's problem document must name Mailchimp's glossary.
  const problem = parsed.success && (ctx.status !== undefined || MAILCHIMP_PROBLEM_TYPE.test(parsed.data.type ?? '')) ? parsed.data : undefined;
  if (problem === undefined && !isFailureStatus(ctx.status)) return undefined;
  // A file records no status: the problem document's own status stands in for it.
  const status = ctx.status ?? problem?.status;
  const glossaryKind = problem !== undefined && Object.hasOwn(MAILCHIMP_ERROR_KINDS, problem.title) ? MAILCHIMP_ERROR_KINDS[problem.title] : undefined;
  const kind: ConnectorErrorKind =
    glossaryKind ??
    (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ??
    // A problem document inside a 2xx: not what the description promises.
    MALFORMED_SUCCESS_KIND;
  const what = problem !== undefined ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}` : `with ${describeBody(body)}`;
  const requestId = headerValue(headers, 'x-request-id') ?? problem?.instance;
  const retryAfterMs = retryAfterOf(ctx);
  return replyError(`Mailchimp ${operation}`, { operation, status }, {
    vendor: MAILCHIMP_VENDOR,
    kind,
    what,
    ...(problem === undefined ? {} : { vendorCode: problem.title }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
