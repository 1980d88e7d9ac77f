/**
 * `PayPal-Request-Id` for writes: PayPal keeps the reply of a request id for a while and
 * answers a resend with it instead of acting twice. A Temporal retry is a fresh call, so the id
 * is derived from business keys (never random): the same operation on the same keys always
 * carries the same id, shaped like a UUID (36 characters, within PayPal's limit).
 */
import { createHash } from 'node:crypto';

export function paypalRequestId(operation: string, keys: readonly string[]): string {
  const hex = createHash('sha256').update([operation, ...keys].join('\u001f'), 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
