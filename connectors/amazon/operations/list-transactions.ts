/**
 * listTransactions — GET /finances/2024-06-19/transactions (Finances API 2024-06-19): one page
 * of financial transactions posted in [postedAfter, postedBefore). Amazon's rules (the model):
 * both dates more than two minutes before the request; more than 180 days apart answers an
 * empty page; the next page repeats the same arguments with `nextToken`.
 */
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import { refuse, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonListTransactionsReplySchema } from '../schemas/finances-2024-06-19.js';

export const LIST_TRANSACTIONS_OPERATION = 'listTransactions';
const SITE = siteOf(AMAZON, LIST_TRANSACTIONS_OPERATION);
/** Farther apart, Amazon answers an empty page instead of an error: refused here instead. */
export const AMAZON_TRANSACTIONS_MAX_RANGE_MS = 180 * 86_400_000;
/** Both dates must be this long before the request. */
export const AMAZON_TRANSACTIONS_MIN_AGE_MS = 2 * 60_000;

export interface ListTransactionsParams {
  /** ISO 8601; required unless a related identifier is given. */
  readonly postedAfter?: string;
  readonly postedBefore?: string;
  readonly marketplaceId?: string;
  readonly transactionStatus?: 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';
  readonly relatedIdentifierName?: 'FINANCIAL_EVENT_GROUP_ID' | 'ORDER_ID';
  readonly relatedIdentifierValue?: string;
  /** From the previous page, sent with the same arguments. */
  readonly nextToken?: string;
}

export interface ListTransactionsResult {
  /** The model's Transaction objects, as sent. */
  readonly transactions: readonly unknown[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

export function buildListTransactionsRequest(params: ListTransactionsParams): AmazonRequest {
  const related = params.relatedIdentifierName !== undefined;
  if (related) requireNonEmpty(SITE, 'relatedIdentifierValue', params.relatedIdentifierValue);
  if (!related && params.postedAfter === undefined) throw refuse(SITE, 'postedAfter is required unless a related identifier is given');
  const after = params.postedAfter === undefined ? undefined : Date.parse(params.postedAfter);
  const before = params.postedBefore === undefined ? undefined : Date.parse(params.postedBefore);
  if (after !== undefined && !Number.isFinite(after)) throw refuse(SITE, `postedAfter is not an ISO 8601 date-time: ${params.postedAfter}`);
  if (before !== undefined && !Number.isFinite(before)) throw refuse(SITE, `postedBefore is not an ISO 8601 date-time: ${params.postedBefore}`);
  if (after !== undefined && before !== undefined) {
    if (before <= after) throw refuse(SITE, `postedBefore ${params.postedBefore} must be after postedAfter ${params.postedAfter}`);
    if (before - after > AMAZON_TRANSACTIONS_MAX_RANGE_MS) throw refuse(SITE, `postedAfter and postedBefore are more than 180 days apart (Amazon would answer an empty page)`);
  }
  return {
    operation: LIST_TRANSACTIONS_OPERATION,
    path: '/finances/2024-06-19/transactions',
    query: [
      ['postedAfter', params.postedAfter],
      ['postedBefore', params.postedBefore],
      ['marketplaceId', params.marketplaceId],
      ['transactionStatus', params.transactionStatus],
      ['relatedIdentifierName', params.relatedIdentifierName],
      ['relatedIdentifierValue', params.relatedIdentifierValue],
      ['nextToken', params.nextToken],
    ],
  };
}

export async function listTransactions(send: Send, params: ListTransactionsParams, options?: CallOptions): Promise<ListTransactionsResult> {
  const response = await send(buildListTransactionsRequest(params), options);
  const { payload } = parseReply(SITE, AmazonListTransactionsReplySchema, response, 'ListTransactionsResponse');
  return {
    transactions: payload?.transactions ?? [],
    ...(payload?.nextToken === undefined ? {} : { nextToken: payload.nextToken }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}
