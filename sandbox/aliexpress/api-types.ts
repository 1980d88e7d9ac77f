/** What a `/sync` business method handler gets and gives; the gateway (server.ts) does signing, tokens, quotas and the envelope. */
import { parseJsonKeepingIds, type JsonOut } from './json-text.js';
import { fromPacificText } from './platform-time.js';
import { centsText, CURRENCY } from './state.js';

export interface CallContext {
  /** Every request parameter (query and form body), as text. */
  readonly params: Readonly<Record<string, string>>;
  readonly nowMs: number;
  /** A list as the reply carries it: flat with `simplify=true`, else wrapped as `{ "<item>": [ … ] }`. */
  list(items: readonly JsonOut[], item: string): JsonOut;
}

/** The members of the `<method>_response` object (request_id is added by the gateway). */
export type Handler = (ctx: CallContext) => Record<string, JsonOut>;

/** A request parameter the gateway refuses before the API runs: answered as `error_response`. */
export class ParamError extends Error {
  constructor(
    readonly code: 'MissingParameter' | 'InvalidParameter',
    message: string,
  ) {
    super(message);
  }
}

export function requiredParam(ctx: CallContext, name: string): string {
  const v = ctx.params[name];
  if (v === undefined || v === '') throw new ParamError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
  return v;
}

/** A parameter holding JSON text (ids of 16+ digits kept as text). */
export function jsonParam(ctx: CallContext, name: string, optional = false): unknown {
  if (optional && (ctx.params[name] === undefined || ctx.params[name] === '')) return undefined;
  const text = requiredParam(ctx, name);
  try {
    return parseJsonKeepingIds(text);
  } catch {
    throw new ParamError('InvalidParameter', `The input parameter "${name}" is not valid JSON.`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A positive integer given as a number or text, else the fallback; a bad value is refused naming the field. */
export function positiveInt(v: unknown, field: string, fallback: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new ParamError('InvalidParameter', `${field} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** `{ amount: "27.50", currency_code: "USD" }`, the platform's money object. */
export function money(cents: number): JsonOut {
  return { amount: centsText(cents), currency_code: CURRENCY };
}

/** Pages of `pageSize` (1-based): the slice, total pages. */
export function pageOf<T>(all: readonly T[], page: number, pageSize: number): { items: T[]; totalPages: number } {
  return { items: all.slice((page - 1) * pageSize, page * pageSize), totalPages: Math.ceil(all.length / pageSize) };
}

/** A time bound of a JSON query parameter (`param.field`), US Pacific `yyyy-MM-dd HH:mm:ss`; undefined when absent. */
export function pacificBound(q: Readonly<Record<string, unknown>>, param: string, field: string): number | undefined {
  const v = q[field];
  if (v === undefined || v === null || v === '') return undefined;
  const ms = typeof v === 'string' ? fromPacificText(v) : undefined;
  if (ms === undefined) throw new ParamError('InvalidParameter', `${param}.${field} must be yyyy-MM-dd HH:mm:ss (US Pacific time), got ${JSON.stringify(v)}`);
  return ms;
}
