/**
 * The ConnectorErrors every vendor raises the same way: a reply that breaks the contract, no
 * reply at all, a request refused before it is sent, settings or credentials that do not
 * parse, a rate-limit wait too long to sleep. Vendors' own error tables (connectors/<v>/errors.ts)
 * only classify what the vendor answered.
 */
import { describeNetworkError, MALFORMED_SUCCESS_KIND, NETWORK_ERROR_KIND } from './classify.js';
import { UnparsedBody } from './client.js';
import { ConnectorError } from './errors.js';
import { redactText } from './redact.js';
import { describeFirstIssue, describeIssues, type IssueLike } from './zod-issues.js';

/** Who failed, for messages: `Amazon getOrders`, `VIES checkVatNumber (DE)`. */
export interface ErrorSite {
  readonly vendor: string;
  /** The vendor's name as people know it: `Amazon`, `AvaTax`, `DHL Express`. */
  readonly label: string;
  readonly operation: string;
  /** What the call was about, when it helps and is not personal data (a country code). */
  readonly subject?: string;
  /** Masks values that must never reach a message (default: token patterns only). */
  readonly scrub?: (text: string) => string;
}

function where(site: ErrorSite): string {
  return `${site.label} ${site.operation}${site.subject === undefined ? '' : ` (${site.subject})`}`;
}

function scrubbed(site: ErrorSite, text: string): string {
  return redactText(site.scrub === undefined ? text : site.scrub(text));
}

export interface ContractErrorDetails {
  readonly status?: number;
  readonly requestId?: string;
  /** A non-JSON body is quoted (its first characters) after the problem. */
  readonly data?: unknown;
  readonly cause?: unknown;
}

/** A 2xx whose body breaks the vendor's published contract (not JSON, HTML, wrong shape). */
export function contractError(site: ErrorSite, problem: string, details: ContractErrorDetails = {}): ConnectorError {
  const body = details.data instanceof UnparsedBody ? `: ${details.data.preview()}` : '';
  return new ConnectorError(MALFORMED_SUCCESS_KIND, scrubbed(site, `${where(site)}: ${problem}${body}`), {
    vendor: site.vendor,
    operation: site.operation,
    ...(details.status === undefined ? {} : { status: details.status }),
    ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  });
}

/** No reply (reset, refused, DNS, timeout) once the short retries ran out. */
export function networkError(site: ErrorSite, error: unknown): ConnectorError {
  const { code, message } = describeNetworkError(error);
  // The cause is rebuilt from code and message: the axios error holds the request config (auth headers, body).
  const text = scrubbed(site, message);
  return new ConnectorError(NETWORK_ERROR_KIND, `${where(site)}: network error ${code}: ${text}`, {
    vendor: site.vendor,
    operation: site.operation,
    vendorCode: code,
    cause: Object.assign(new Error(text), { code }),
  });
}

/** A request refused locally, before it spends a token: the vendor would refuse it too. */
export function invalidRequest(site: ErrorSite, message: string, vendorCode?: string): ConnectorError {
  return new ConnectorError('validation', `${where(site)}: ${message}`, {
    vendor: site.vendor,
    operation: site.operation,
    ...(vendorCode === undefined ? {} : { vendorCode }),
  });
}

/** Connection settings or credentials that do not parse; paths and messages only, never a value. */
export function invalidSettings(
  vendor: { readonly vendor: string; readonly label: string },
  what: string,
  error: { readonly issues: readonly IssueLike[] },
): ConnectorError {
  return new ConnectorError('validation', `${vendor.label} ${what} invalid: ${describeIssues(error.issues)}`, {
    vendor: vendor.vendor,
    operation: 'configure',
  });
}

/** Settings or credentials parsed with their schema, or invalidSettings naming each bad field. */
export function parseConfig<T>(
  vendor: { readonly vendor: string; readonly label: string },
  what: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } } },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidSettings(vendor, what, parsed.error);
  return parsed.data;
}

/** Our bucket (or a penalty after a 429) says wait longer than this call may sleep: Temporal retries later. */
export function rateLimitWaitError(site: ErrorSite, waitMs: number): ConnectorError {
  return new ConnectorError('rate_limited', `${where(site)}: rate limit, next request slot in ${waitMs} ms`, {
    vendor: site.vendor,
    operation: site.operation,
    retryAfterMs: waitMs,
  });
}

/**
 * A 2xx body parsed with the vendor's zod schema, or a contract error
 * `response is not a <what> (<first issue>)`.
 */
export function parseReply<T>(
  site: ErrorSite,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } } },
  reply: { readonly status: number; readonly data: unknown; readonly requestId?: string },
  what: string,
): T {
  const parsed = schema.safeParse(reply.data);
  if (parsed.success) return parsed.data;
  return throwContract(site, `response is not a ${what} (${describeFirstIssue(parsed.error)})`, reply);
}

function throwContract(site: ErrorSite, problem: string, reply: { readonly status: number; readonly requestId?: string }): never {
  throw contractError(site, problem, { status: reply.status, ...(reply.requestId === undefined ? {} : { requestId: reply.requestId }) });
}

/** Short name for invalidRequest where it reads better: `throw refuse(site, 'from is after to')`. */
export const refuse = (site: ErrorSite, message: string): ConnectorError => invalidRequest(site, message);
