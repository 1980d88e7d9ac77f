import { hash } from 'node:crypto';

/**
 * A copy of a JSON-like value with every object's keys inserted in sorted order and
 * `undefined` members dropped, so JSON.stringify of it is the same text whatever order the
 * keys were built in. (JavaScript always lists integer-like keys first, ascending; that is
 * still one fixed order.) Arrays keep their order; `toJSON` is honoured like JSON.stringify.
 */
export function canonicalJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') {
      throw new TypeError('bigint values are not JSON; carry large identifiers as strings');
    }
    return value;
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonicalJsonValue(withToJson.toJSON());
  if (Array.isArray(value)) return value.map(canonicalJsonValue);
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member !== undefined) out[key] = canonicalJsonValue(member);
  }
  return out;
}

/** JSON text with keys sorted at every level: equal documents give equal text (and hashes). */
export function stableJson(value: unknown): string {
  const text = JSON.stringify(canonicalJsonValue(value));
  if (text === undefined) throw new TypeError('stableJson: value is not JSON-serialisable (undefined or a function)');
  return text;
}

/** Hex SHA-256 of a UTF-8 string (one-shot crypto.hash: about twice as fast as createHash here). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
