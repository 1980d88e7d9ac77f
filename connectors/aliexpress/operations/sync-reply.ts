/**
 * Reading an IOP sync reply: the `<method, dots → underscores>_response` envelope, or (with
 * `simplify`) its members at the root; the `request_id` the envelope carries, else the header's.
 * Error replies never get here: the client's error table (errors.ts) claimed them first.
 */
import type { z } from 'zod';
import { parseReply } from '../../http/error-factories.js';
import { isObject } from '../../http/json-object.js';
import type { PipelineResponse } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { ALIEXPRESS } from '../config.js';

/** The envelope member a method's reply comes in. */
export const responseKey = (method: string): string => `${method.replace(/\./g, '_')}_response`;

/** The reply's content, unwrapped from its envelope when it has one. */
export function unwrapReply(method: string, body: unknown): unknown {
  const key = responseKey(method);
  return isObject(body) && isObject(body[key]) ? body[key] : body;
}

export interface SyncReply<T> {
  readonly value: T;
  readonly requestId?: string;
}

/** The reply of `method` checked against `schema` (a contract error names what did not fit). */
export function readSyncReply<T>(method: string, schema: z.ZodType<T>, response: PipelineResponse, what: string): SyncReply<T> {
  const inner = unwrapReply(method, response.data);
  const value = parseReply(siteOf(ALIEXPRESS, method), schema, { ...response, data: inner }, what);
  const own = isObject(inner) && typeof inner.request_id === 'string' ? inner.request_id : undefined;
  const requestId = own ?? response.requestId;
  return requestId === undefined ? { value } : { value, requestId };
}

/** The platform's ids (order, product, category, job) are whole numbers; up to 30 digits as text. */
const NUMERIC_ID = /^\d{1,30}$/;

/** `id` when it is a numeric platform id; else a validation error naming the parameter. */
export function requireNumericId(method: string, field: string, id: string): string {
  if (!NUMERIC_ID.test(id)) throw refuse(siteOf(ALIEXPRESS, method), `${field} must be a numeric AliExpress id, got "${id}"`);
  return id;
}
