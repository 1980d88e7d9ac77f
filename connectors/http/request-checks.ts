/** Local request checks: a request the vendor would refuse is refused before it spends a token. */
import type { ZodType } from 'zod';
import { invalidRequest, type ErrorSite } from './error-factories.js';
import { describeFirstIssue } from './zod-issues.js';

/** The vendor and its name in messages; an operation makes it an ErrorSite. */
export interface VendorName {
  readonly vendor: string;
  readonly label: string;
}

export function siteOf(vendor: VendorName, operation: string, subject?: string): ErrorSite {
  return { vendor: vendor.vendor, label: vendor.label, operation, ...(subject === undefined ? {} : { subject }) };
}

export { refuse } from './error-factories.js';

export function requireNonEmpty(site: ErrorSite, name: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(site, `${name} must be a non-empty string`);
  return value;
}

/** Items of a csv query parameter: non-empty and free of commas (a comma would split the item). */
export function requireCsvItems(
  site: ErrorSite,
  name: string,
  values: readonly string[] | undefined,
  limits: { min?: number; max?: number } = {},
): readonly string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw invalidRequest(site, `${name} must be an array`);
  if (limits.min !== undefined && values.length < limits.min) throw invalidRequest(site, `${name} needs at least ${limits.min} value(s)`);
  if (limits.max !== undefined && values.length > limits.max) throw invalidRequest(site, `${name} takes at most ${limits.max} values, got ${values.length}`);
  for (const v of values) {
    if (typeof v !== 'string' || v.trim() === '' || v.includes(',')) throw invalidRequest(site, `${name} items must be non-empty strings without commas`);
  }
  return values;
}

/** A request body checked against the vendor's model before it is sent. */
export function requireValid<T>(site: ErrorSite, what: string, schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(site, `${what} invalid: ${describeFirstIssue(parsed.error)}`);
  return parsed.data;
}

/** Items of a csv query parameter that must each be one of the vendor's values (an enum in its model). */
export function requireCsvChoices(
  site: ErrorSite,
  name: string,
  values: readonly string[] | undefined,
  allowed: readonly string[],
  limits: { min?: number; max?: number } = {},
): readonly string[] | undefined {
  const items = requireCsvItems(site, name, values, limits);
  const bad = items?.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw invalidRequest(site, `${name}: "${bad}" is not one of ${allowed.join(', ')}`);
  return items;
}
