/**
 * FedEx REST API error replies → ConnectorError. Every FedEx API (OAuth, Rate, Ship, Track)
 * answers errors as `{ transactionId, customerTransactionId?, errors: [{ code, message,
 * parameterList? }] }` (ErrorResponseVO in rate-api.json, ship-api.json, track.json) with
 * dotted upper-case codes (`NOT.AUTHORIZED.ERROR`, `TRACKING.TRACKINGNUMBER.NOTFOUND`).
 * Warnings come inside HTTP 200 as `output.alerts` (a list of `{code, message, alertType}`, or a
 * plain string in Track's example): they are not errors. A Track reply whose every result
 * carries only an `error` (the number was not found) answers nothing: it is an error reply.
 * recogniseFedexErrorReply is the one place that knows these shapes (the client's error table
 * and `caravan map` use it).
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import type { ConnectorError, ConnectorErrorKind } from '../http/errors.js';
import { isObject } from '../http/json-object.js';

export const FEDEX_VENDOR = 'fedex';

/** FedEx error codes whose kind differs from (or is clearer than) the HTTP status. */
export const FEDEX_ERROR_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  'NOT.AUTHORIZED.ERROR': 'auth',
  'UNAUTHORIZED.ERROR': 'auth',
  'FORBIDDEN.ERROR': 'auth',
  'NOT.FOUND.ERROR': 'not_found',
  'TRACKING.TRACKINGNUMBER.NOTFOUND': 'not_found',
  'TRACKING.REFERENCENUMBER.NOTFOUND': 'not_found',
  'TOO.MANY.REQUESTS.ERROR': 'rate_limited',
  'INTERNAL.SERVER.ERROR': 'transient',
  'SERVICE.UNAVAILABLE.ERROR': 'transient',
};

/**
 * FedEx's answer once the organisation's daily quota is spent ("429 – Too many requests – Daily
 * transaction quota exceeded. Retry after 12:00AM GMT", quotas guide): matched on the reply's
 * text, whatever envelope carries it.
 */
export const FEDEX_DAILY_QUOTA_TEXT = /daily\s+(transaction\s+)?quota/i;

/** Milliseconds from `nowMs` until the next 00:00 GMT, when FedEx resets the daily quota. */
export function msUntilNextUtcMidnight(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - nowMs;
}

function mentionsDailyQuota(body: unknown): boolean {
  const text = replyText(body) ?? (body === undefined ? '' : JSON.stringify(body));
  return FEDEX_DAILY_QUOTA_TEXT.test(text);
}

const FEDEX_CODE = /^[A-Z0-9_]+(\.[A-Z0-9_-]+)+$/;

export const FedexErrorItemSchema = z.looseObject({
  code: z.string().min(1),
  message: z.string().nullish(),
  parameterList: z.array(z.looseObject({ key: z.string().nullish(), value: z.unknown() })).nullish(),
});

export const FedexErrorReplySchema = z.looseObject({
  transactionId: z.string().nullish(),
  customerTransactionId: z.string().nullish(),
  errors: z.array(FedexErrorItemSchema).min(1),
});
export type FedexErrorReply = z.infer<typeof FedexErrorReplySchema>;

type Item = z.infer<typeof FedexErrorItemSchema>;

/** A Track reply in which no result has data, only `error`s: their items. */
function trackErrorsOnly(body: unknown): Item[] | undefined {
  if (!isObject(body) || !isObject(body.output) || !Array.isArray(body.output.completeTrackResults)) return undefined;
  const results = body.output.completeTrackResults.flatMap((c) => (isObject(c) && Array.isArray(c.trackResults) ? c.trackResults : []));
  if (results.length === 0) return undefined;
  const items: Item[] = [];
  for (const r of results) {
    if (!isObject(r)) return undefined;
    // A latestStatusDetail holding only an empty scanLocation is no data: a status code or a scan is.
    const l = r.latestStatusDetail;
    const hasData = (isObject(l) && ['code', 'derivedCode', 'statusByLocale', 'description'].some((k) => typeof l[k] === 'string' && l[k] !== '')) || (Array.isArray(r.scanEvents) && r.scanEvents.length > 0);
    const e = FedexErrorItemSchema.safeParse(r.error);
    if (hasData || !e.success) return undefined;
    items.push(e.data);
  }
  return items;
}

/**
 * FedEx error replies at any status: the `errors` envelope, a Track reply with only errors, and
 * any body with a failure status. Without a status (a file), the envelope is claimed only when
 * its codes are FedEx's dotted codes or it carries FedEx's `transactionId`. Undefined for a
 * success (alerts are warnings). Pure.
 */
export function recogniseFedexErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, headers } = ctx;
  const parsed = FedexErrorReplySchema.safeParse(body);
  const envelope =
    parsed.success && (ctx.status !== undefined || typeof parsed.data.transactionId === 'string' || parsed.data.errors.every((e) => FEDEX_CODE.test(e.code))) ? parsed.data : undefined;
  const items = envelope?.errors ?? trackErrorsOnly(body);
  if (items === undefined && !isFailureStatus(ctx.status)) return undefined;
  const status = ctx.status;
  const first = items?.[0];
  const codeKind = first !== undefined && Object.hasOwn(FEDEX_ERROR_KINDS, first.code) ? FEDEX_ERROR_KINDS[first.code] : undefined;
  const kind: ConnectorErrorKind = codeKind ?? (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ?? (envelope !== undefined ? 'validation' : MALFORMED_SUCCESS_KIND);
  const what = items !== undefined ? items.map((e) => `${e.code}: ${e.message ?? ''}`.trim()).join('; ') : bodyDescription(body);
  // A spent daily quota comes back only after 00:00 GMT; any other 429 after Retry-After.
  const dailyQuota = kind === 'rate_limited' && mentionsDailyQuota(body);
  const retryAfterMs = dailyQuota && ctx.nowMs !== undefined ? msUntilNextUtcMidnight(ctx.nowMs) : retryAfterOf(ctx);
  const requestId =
    headerValue(headers, 'x-customer-transaction-id') ??
    (isObject(body) && typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : undefined);
  return replyError(`FedEx ${operation}`, { operation, status }, {
    vendor: FEDEX_VENDOR,
    kind,
    what,
    ...(first === undefined ? {} : { vendorCode: first.code }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
