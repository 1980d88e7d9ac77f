/**
 * The sandbox's own JSON writer. JSON.stringify cannot write an integer above 2^53 as a bare
 * number, and Alibaba.com's gateway does (ids such as sku_id 1061…, trade_id 2712…), so those
 * values are wrapped in BareNumber and written digit for digit.
 */
export class BareNumber {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`not an integer: ${digits}`);
  }
}

export const bare = (digits: string): BareNumber => new BareNumber(digits);

export type JsonTextValue = string | number | boolean | null | undefined | BareNumber | readonly JsonTextValue[] | { readonly [key: string]: JsonTextValue };

/** Compact JSON; members whose value is undefined are left out, as JSON.stringify does. */
export function jsonText(value: JsonTextValue): string {
  if (value instanceof BareNumber) return value.digits;
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('a JSON number must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${(value as readonly JsonTextValue[]).map(jsonText).join(',')}]`;
  const members: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, JsonTextValue>)) {
    if (v !== undefined) members.push(`${JSON.stringify(k)}:${jsonText(v)}`);
  }
  return `{${members.join(',')}}`;
}
