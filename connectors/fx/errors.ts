/**
 * ECB and XE failures → ConnectorError. ECB answers files (no error body format): its
 * failures are classified by status alone. XE error bodies are JSON
 * `{ "code": 1, "message": "…", "documentation_url": "…" }`; their code is kept as vendorCode
 * and the status decides the kind (401 auth, 429 rate_limited, …) through the shared table.
 */
import { classifyHttpFailure, headerValue } from '../http/classify.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';
import { XeErrorBodySchema } from './schemas.js';

export const ECB_VENDOR = 'ecb';
export const XE_VENDOR = 'xe';
export type FxVendor = typeof ECB_VENDOR | typeof XE_VENDOR;

const VENDOR_LABEL: Readonly<Record<FxVendor, string>> = { ecb: 'ECB', xe: 'XE' };

/** The first characters of a body, whitespace collapsed, for messages. */
export function bodyPreview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function fxRequestId(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return headerValue(headers, 'x-request-id') ?? headerValue(headers, 'x-amzn-requestid');
}

export interface FxResponseFailure {
  readonly vendor: FxVendor;
  readonly operation: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  /** The raw body text. */
  readonly text: string;
  readonly nowMs: number;
}

/** A non-2xx answer. */
export function fxErrorFromResponse(failure: FxResponseFailure): ConnectorError {
  const { vendor, operation, status, headers, text } = failure;
  const byStatus = classifyHttpFailure({ status, ...(headers === undefined ? {} : { headers }) }, failure.nowMs);
  const requestId = fxRequestId(headers);
  let kind: ConnectorErrorKind = byStatus.kind;
  let what = `with ${bodyPreview(text)}`;
  let vendorCode: string | undefined;
  if (vendor === XE_VENDOR) {
    const parsed = XeErrorBodySchema.safeParse(safeJson(text));
    if (parsed.success) {
      vendorCode = String(parsed.data.code);
      what = `code ${vendorCode}: ${parsed.data.message}`;
    }
    // XE answers 403 when the package does not include the endpoint: the account, not the request.
    if (status === 401 || status === 403) kind = 'auth';
  }
  return new ConnectorError(kind, redactText(`${VENDOR_LABEL[vendor]} ${operation}: HTTP ${status} ${what}`), {
    vendor,
    operation,
    status,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(byStatus.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

