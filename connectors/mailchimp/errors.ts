/**
 * Mailchimp Marketing API failures → ConnectorError. Mailchimp answers every error with a
 * non-2xx status and an RFC 7807 problem document (`application/problem+json`):
 * `{ type, title, status, detail, instance }`. The title is its error name ("API Key
 * Invalid", "Resource Not Found"), kept as vendorCode; `instance` is the request id.
 */
import { z } from 'zod';
import { classifyHttpFailure, headerValue } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import type { FailedReply } from '../http/pipeline.js';
import { redactText } from '../http/redact.js';

export const MAILCHIMP_VENDOR = 'mailchimp';

/** The problem document of every Mailchimp error (Definitions/ProblemDetailDocument.json). */
export const MailchimpProblemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
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

/** A reply with a non-2xx status. */
export function mailchimpErrorFromResponse(failure: FailedReply): ConnectorError {
  const { operation, status, headers, data, nowMs } = failure;
  const byStatus = classifyHttpFailure({ status, headers }, nowMs);
  const parsed = MailchimpProblemSchema.safeParse(data);
  const problem = parsed.success ? parsed.data : undefined;
  const kind = (problem === undefined ? undefined : MAILCHIMP_ERROR_KINDS[problem.title]) ?? byStatus.kind;
  const what =
    problem !== undefined
      ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`
      : data instanceof UnparsedBody
        ? `with a non-JSON body: ${data.preview()}`
        : 'with an unexpected body';
  const requestId = headerValue(headers, 'x-request-id') ?? problem?.instance;
  return new ConnectorError(kind, redactText(`Mailchimp ${operation}: HTTP ${status} ${what}`), {
    vendor: MAILCHIMP_VENDOR,
    operation,
    status,
    ...(problem === undefined ? {} : { vendorCode: problem.title }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(byStatus.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }),
  });
}
