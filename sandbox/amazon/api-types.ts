/**
 * What an SP-API operation handler sees and returns. server.ts does the part every
 * operation shares (access token, injected faults, token bucket, stats) and then hands the
 * request to the operation's handler as an ApiRequest.
 */
import type { IssuedToken } from './lwa.js';
import type { ApiOperation } from './api-operations.js';
import type { AmazonError } from './wire.js';

export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  /** Decoded path parameters, in the order of the route's capture groups. */
  readonly params: readonly string[];
  /** Raw request body (empty for GET/DELETE). */
  readonly body: string;
  readonly token: IssuedToken;
  readonly nowMs: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ApiReply {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (req: ApiRequest) => ApiReply | Promise<ApiReply>;

export interface ApiRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly op: ApiOperation;
  readonly handler: ApiHandler;
}

export const errorBody = (code: string, message: string, details = ''): { errors: AmazonError[] } => ({
  errors: [{ code, message, details }],
});

export const invalidInput = (message: string, details = ''): ApiReply => ({ status: 400, body: errorBody('InvalidInput', message, details) });
export const notFound = (message: string): ApiReply => ({ status: 404, body: errorBody('NotFound', message) });

/** Parses a JSON request body; a reply for the 400 when it is not a JSON object. */
export function jsonBody(raw: string): { ok: true; value: Record<string, unknown> } | { ok: false; reply: ApiReply } {
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // fall through
  }
  return { ok: false, reply: invalidInput('The request body is not a valid JSON object.') };
}

/** Comma-separated (Swagger collectionFormat csv) query parameter; repeats are joined. */
export function csvParam(params: URLSearchParams, name: string): string[] | undefined {
  const raw = params.getAll(name);
  if (raw.length === 0) return undefined;
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
