/**
 * One place where errors become Temporal failures: the ConnectorError kind decides the
 * failure type and whether Temporal retries; a rate limit sets nextRetryDelay from the
 * vendor's own answer instead of the generic backoff.
 */
import { ApplicationFailure } from '@temporalio/common';
import { ConnectorError } from '../connectors/http/errors.js';
import { StoreDataError, StoreInputError } from '../store/store-errors.js';
import { ConfigError } from '../config/errors.js';
import { SecretUnavailableError } from '../config/secrets.js';

/** An error class whose instances no retry can cure. */
export type NonRetryableErrorClass = abstract new (...args: never[]) => Error;

/** Bad data or a caller bug in the store: the same call fails the same way again. */
const ALWAYS_NON_RETRYABLE: readonly NonRetryableErrorClass[] = [StoreInputError, StoreDataError];

export function toApplicationFailure(e: unknown, nonRetryable: readonly NonRetryableErrorClass[] = []): unknown {
  if (e instanceof ApplicationFailure) return e;
  if (e instanceof ConnectorError) {
    return ApplicationFailure.create({
      message: e.message,
      type: e.kind,
      nonRetryable: !e.retryable,
      ...(e.kind === 'rate_limited' && e.retryAfterMs !== undefined ? { nextRetryDelay: Math.max(1, Math.ceil(e.retryAfterMs)) } : {}),
      details: [
        {
          vendor: e.vendor,
          operation: e.operation,
          status: e.status ?? null,
          vendorCode: e.vendorCode ?? null,
          requestId: e.requestId ?? null,
        },
      ],
    });
  }
  if (e instanceof ConfigError || e instanceof SecretUnavailableError) {
    return ApplicationFailure.create({ message: e.message, type: 'config', nonRetryable: true });
  }
  if (e instanceof Error && [...ALWAYS_NON_RETRYABLE, ...nonRetryable].some((c) => e instanceof c)) {
    return ApplicationFailure.create({ message: e.message, type: e.name, nonRetryable: true });
  }
  return e;
}

/** Runs `fn`, rethrowing its errors as Temporal failures; `nonRetryable` names the caller's own unfixable errors. */
export async function asActivity<T>(fn: () => Promise<T>, nonRetryable: readonly NonRetryableErrorClass[] = []): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApplicationFailure(e, nonRetryable);
  }
}
