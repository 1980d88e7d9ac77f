/**
 * One page of Transaction Search: `GET /v1/reporting/transactions`
 * (reporting_transactions_v1.json, operation search.get). start_date and end_date are
 * required, at most 31 days apart, RFC 3339 with seconds; page counts from 1, page_size 1–500.
 * `fields=transaction_info` is all the ledger reads; balance-affecting rows only (PayPal's default).
 */
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, PipelineRequest, Send } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { PAYPAL, PAYPAL_MAX_PAGE_SIZE } from '../config.js';
import { PaypalTransactionSearchReplySchema, type PaypalTransactionSearchReply } from '../schemas/index.js';

export const SEARCH_TRANSACTIONS_OPERATION = 'searchTransactions';
export const SEARCH_TRANSACTIONS_PATH = '/v1/reporting/transactions';
/** "The maximum supported range is 31 days" (end_date). */
export const PAYPAL_MAX_SEARCH_RANGE_MS = 31 * 24 * 3600 * 1000;

export interface PaypalTransactionSearchQuery {
  /** ISO 8601 instants; the range may not exceed 31 days. */
  readonly startDate: string;
  readonly endDate: string;
  /** From 1. */
  readonly page?: number;
  readonly pageSize?: number;
  /** Default `transaction_info`; `all` adds payer, shipping, cart, store, auction and incentive details. */
  readonly fields?: string;
  readonly transactionId?: string;
  readonly currency?: string;
}

/** RFC 3339 with seconds and milliseconds in UTC, as the parameters' pattern accepts it. */
export function paypalQueryTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function buildSearchTransactionsRequest(query: PaypalTransactionSearchQuery): PipelineRequest {
  const site = siteOf(PAYPAL, SEARCH_TRANSACTIONS_OPERATION);
  const start = Date.parse(query.startDate);
  const end = Date.parse(query.endDate);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw refuse(site, `start_date/end_date must be ISO 8601 date-times, got ${query.startDate} – ${query.endDate}`);
  if (end < start) throw refuse(site, `end_date ${query.endDate} is before start_date ${query.startDate}`);
  if (end - start > PAYPAL_MAX_SEARCH_RANGE_MS) throw refuse(site, `the range ${query.startDate} – ${query.endDate} exceeds PayPal's 31 days`);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? PAYPAL_MAX_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1) throw refuse(site, `page must be an integer from 1, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAYPAL_MAX_PAGE_SIZE) throw refuse(site, `page_size must be 1–${PAYPAL_MAX_PAGE_SIZE}, got ${pageSize}`);
  return {
    operation: SEARCH_TRANSACTIONS_OPERATION,
    path: SEARCH_TRANSACTIONS_PATH,
    query: [
      ['start_date', paypalQueryTime(start)],
      ['end_date', paypalQueryTime(end)],
      ['fields', query.fields ?? 'transaction_info'],
      ['page_size', pageSize],
      ['page', page],
      ...(query.transactionId === undefined ? [] : [['transaction_id', query.transactionId] as const]),
      ...(query.currency === undefined ? [] : [['transaction_currency', query.currency] as const]),
    ],
  };
}

export async function searchTransactions(send: Send, query: PaypalTransactionSearchQuery, options?: CallOptions): Promise<PaypalTransactionSearchReply> {
  const response = await send(buildSearchTransactionsRequest(query), options);
  return parseReply(siteOf(PAYPAL, SEARCH_TRANSACTIONS_OPERATION), PaypalTransactionSearchReplySchema, response, 'Transaction Search reply');
}
