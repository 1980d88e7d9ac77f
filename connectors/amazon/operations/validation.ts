/** Local request checks: a request Amazon would reject is refused before it spends a token. */
import { ConnectorError } from '../../http/errors.js';
import { AMAZON_VENDOR } from '../errors.js';

export function invalidRequest(operation: string, message: string): ConnectorError {
  return new ConnectorError('validation', `Amazon ${operation}: ${message}`, { vendor: AMAZON_VENDOR, operation });
}

export function requireNonEmpty(operation: string, name: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(operation, `${name} must be a non-empty string`);
  return value;
}

/** Items of a csv query parameter: non-empty and free of commas (a comma would split the item). */
export function requireCsvItems(
  operation: string,
  name: string,
  values: readonly string[] | undefined,
  limits: { min?: number; max?: number } = {},
): readonly string[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw invalidRequest(operation, `${name} must be an array`);
  if (limits.min !== undefined && values.length < limits.min) throw invalidRequest(operation, `${name} needs at least ${limits.min} value(s)`);
  if (limits.max !== undefined && values.length > limits.max) throw invalidRequest(operation, `${name} takes at most ${limits.max} values, got ${values.length}`);
  for (const v of values) {
    if (typeof v !== 'string' || v.trim() === '' || v.includes(',')) {
      throw invalidRequest(operation, `${name} items must be non-empty strings without commas`);
    }
  }
  return values;
}
