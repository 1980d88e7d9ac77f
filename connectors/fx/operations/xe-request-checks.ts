/** Local request checks: a request XE would reject is refused before it spends quota. */
import { XE_VENDOR, fxInvalidRequest } from '../errors.js';

/** XE takes ISO 4217 codes (and a few of its own, e.g. XAU); upper-case letters only. */
export function requireCode(operation: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) throw fxInvalidRequest(XE_VENDOR, operation, `${name} must be a three-letter currency code, got ${JSON.stringify(value)}`);
  return value;
}

/** `to` is a list of codes (sent comma-separated) or `*` for every currency. */
export function requireTargets(operation: string, to: unknown): readonly string[] {
  if (to === '*') return ['*'];
  if (!Array.isArray(to) || to.length === 0) throw fxInvalidRequest(XE_VENDOR, operation, 'to must be a non-empty list of currency codes, or "*"');
  return to.map((code, i) => requireCode(operation, `to[${i}]`, code));
}
