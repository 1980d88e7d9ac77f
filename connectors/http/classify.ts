/**
 * The one table from an HTTP outcome to a ConnectorErrorKind. Vendor error modules refine it
 * with their own error codes, but fall back to this table for anything they do not know.
 */
import { isAxiosError } from 'axios';
import type { ConnectorErrorKind } from './errors.js';
import { redactText } from './redact.js';

interface StatusRule {
  readonly from: number;
  readonly to: number;
  readonly kind: ConnectorErrorKind;
}

/** First matching rule wins: exact statuses first, then ranges. */
export const HTTP_STATUS_RULES: readonly StatusRule[] = [
  { from: 400, to: 400, kind: 'validation' },
  { from: 401, to: 401, kind: 'auth' },
  { from: 403, to: 403, kind: 'auth' },
  { from: 404, to: 404, kind: 'not_found' },
  // 408 Request Timeout: the server gave up waiting for us; sending again may work.
  { from: 408, to: 408, kind: 'transient' },
  { from: 409, to: 409, kind: 'conflict' },
  { from: 410, to: 410, kind: 'not_found' },
  { from: 422, to: 422, kind: 'validation' },
  { from: 429, to: 429, kind: 'rate_limited' },
  { from: 500, to: 599, kind: 'transient' },
  { from: 400, to: 499, kind: 'validation' },
  // Redirects are not followed (a redirect must never carry our access token elsewhere).
  { from: 300, to: 399, kind: 'contract' },
];

/** Kind for a non-2xx status; undefined for 1xx/2xx (success is judged by the body). */
export function kindForStatus(status: number): ConnectorErrorKind | undefined {
  if (status >= 200 && status < 300) return undefined;
  for (const rule of HTTP_STATUS_RULES) {
    if (status >= rule.from && status <= rule.to) return rule.kind;
  }
  return 'contract';
}

/** A 2xx whose body is unparsable, HTML or of the wrong shape breaks the vendor's contract. */
export const MALFORMED_SUCCESS_KIND: ConnectorErrorKind = 'contract';

/** No response at all (reset, refused, DNS, timeout): the request may succeed if sent again. */
export const NETWORK_ERROR_KIND: ConnectorErrorKind = 'transient';

/** A failure before any response arrived (not a cancellation by our own signal). */
export function isNetworkError(error: unknown): boolean {
  if (isAxiosError(error)) return error.response === undefined && error.code !== 'ERR_CANCELED';
  return false;
}

export function isCancellation(error: unknown): boolean {
  return isAxiosError(error) && error.code === 'ERR_CANCELED';
}

/**
 * A short, secret-free description of a network failure: the error code and message only,
 * never the request config (which carries headers and bodies with tokens).
 */
export function describeNetworkError(error: unknown): { code: string; message: string } {
  // Token-shaped text is masked: some transports quote the request's headers in the message (nock's "No match").
  if (isAxiosError(error)) {
    return { code: error.code ?? 'ERR_NETWORK', message: redactText(error.message) };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'ERR_NETWORK', message: redactText(error.message) };
  }
  return { code: 'ERR_NETWORK', message: redactText(String(error)) };
}

/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds from
 * `nowMs`, never negative; undefined when absent or unparsable.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined | null, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Case-insensitive header lookup on a plain or axios header object. */
export function headerValue(headers: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== wanted) continue;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return undefined;
}
