/**
 * Query strings as Swagger 2 describes them: array parameters default to
 * `collectionFormat: csv`, i.e. one parameter with comma-separated values
 * (`MarketplaceIds=A1PA6795UKMFR9,A1F83G8C2ARO7P`), not repeated keys.
 */

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Builds `a=1&b=x,y` in the given key order; undefined values and empty arrays are left out. */
export function buildQueryString(params: ReadonlyArray<readonly [string, QueryValue]>): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
      continue;
    }
    if (value.length === 0) continue;
    // The commas separate items, so they stay literal; commas inside an item would be ambiguous.
    parts.push(`${encodeURIComponent(key)}=${value.map((v) => encodeURIComponent(v)).join(',')}`);
  }
  return parts.join('&');
}
