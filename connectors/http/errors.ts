/**
 * Typed connector errors. Every vendor's error bodies are classified into one of these
 * kinds; activities turn the kind into an ApplicationFailure whose type and
 * retryability follow from it (see activities/failures.ts).
 */
export const CONNECTOR_ERROR_KINDS = [
  /** Credentials missing, wrong, expired or without the needed role: retrying will not help. */
  'auth',
  /** The request was rejected as invalid (4xx with a validation body). */
  'validation',
  'not_found',
  'conflict',
  /** Throttled: retry after `retryAfterMs`. */
  'rate_limited',
  /** Network errors, timeouts, 5xx: retry. */
  'transient',
  /** The vendor answered with something that does not match its published contract. */
  'contract',
] as const;
export type ConnectorErrorKind = (typeof CONNECTOR_ERROR_KINDS)[number];

export const RETRYABLE_KINDS: ReadonlySet<ConnectorErrorKind> = new Set(['rate_limited', 'transient']);

export interface ConnectorErrorDetails {
  readonly vendor: string;
  readonly operation: string;
  readonly status?: number;
  /** The vendor's own error code, e.g. `QuotaExceeded`, `invalid_grant`. */
  readonly vendorCode?: string;
  readonly requestId?: string;
  /** For rate_limited: how long the vendor asks us to wait. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly vendor: string;
  readonly operation: string;
  readonly status?: number;
  readonly vendorCode?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    details: ConnectorErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.vendor = details.vendor;
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.vendorCode !== undefined) this.vendorCode = details.vendorCode;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
