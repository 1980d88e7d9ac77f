/** Local request checks: a request AvaTax would refuse is refused here, before it costs a call. */
import type { z } from 'zod';
import { avalaraInvalidRequest } from '../errors.js';
import { firstIssue } from '../schemas.js';

export function requireNonEmpty(operation: string, name: string, value: string | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw avalaraInvalidRequest(operation, `${name} must be a non-empty string`);
  return value;
}

/** Parses `value` with `schema` (to check it), or throws a validation error naming the field. */
export function requireValid<T>(operation: string, what: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw avalaraInvalidRequest(operation, `${what} invalid: ${firstIssue(parsed.error)}`);
  return parsed.data;
}
