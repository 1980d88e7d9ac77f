/**
 * JSON in and out the way the gateway writes it: identifiers above 2^53 are bare JSON numbers
 * (`"order_id":8123456789012345678`), so replies are written by hand with bigint values as
 * digits, and request parameters holding JSON (`param0`, `mutiple_product_update_list` …) are
 * read with long integer literals kept as their exact digits (text).
 */

/** A reply value: bigint is written as bare digits; undefined members are left out. */
export type JsonOut = null | boolean | number | bigint | string | undefined | readonly JsonOut[] | { readonly [k: string]: JsonOut };

export function writeJson(value: JsonOut): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: JsonOut) => writeJson(v)).join(',')}]`;
  const members: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, JsonOut>)) if (v !== undefined) members.push(`${JSON.stringify(k)}:${writeJson(v)}`);
  return `{${members.join(',')}}`;
}

/** String literals (kept as they are) or integer literals of 16+ digits (quoted so JSON.parse keeps them exact). */
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.\deE])/g;

/** JSON.parse with every integer of 16 or more digits read as its digits (text); throws SyntaxError like JSON.parse. */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(text.replace(TOKENS, (token) => (token.startsWith('"') ? token : `"${token}"`)));
}

/** An identifier given as text or a JSON number; undefined when absent or not an integer. */
export function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}
