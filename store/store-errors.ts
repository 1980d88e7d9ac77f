/**
 * Errors the store raises on its own (driver errors pass through unchanged).
 * `StoreInputError` is a caller bug or bad data: retrying the same call cannot help.
 */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
}

/** A stored value cannot be represented safely in JavaScript (e.g. a BIGINT beyond 2^53). */
export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}
