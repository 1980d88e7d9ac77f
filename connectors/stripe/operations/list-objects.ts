/**
 * The list endpoints (spec3.yaml: GET /v1/payouts, /v1/balance_transactions, /v1/charges,
 * /v1/refunds, /v1/disputes, /v1/events): one page each, cursor pagination with
 * `starting_after` (the last id of the previous page) and `has_more`, `limit` 1–100, a
 * `created` range as `created[gte]` / `created[lt]` (Unix seconds). Every entry is checked with
 * its object's wire schema. A table, not six copies: the endpoints differ only in path, schema
 * and filters.
 */
import { z } from 'zod';
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, PipelineResponse, QueryParams, Send } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { PipelineRequest } from '../../http/pipeline.js';
import { STRIPE } from '../config.js';
import type { StripeOperation } from '../rate-limits.js';
import {
  StripeBalanceTransactionSchema,
  StripeChargeSchema,
  StripeDisputeSchema,
  StripeEventSchema,
  StripeListSchema,
  StripePayoutSchema,
  StripeRefundSchema,
} from '../schemas/index.js';

/** spec3.yaml: `limit` "can range between 1 and 100". */
export const STRIPE_MAX_PAGE_SIZE = 100;

const LISTS = {
  listPayouts: { path: '/v1/payouts', schema: StripePayoutSchema, what: 'payouts' },
  listBalanceTransactions: { path: '/v1/balance_transactions', schema: StripeBalanceTransactionSchema, what: 'balance transactions' },
  listCharges: { path: '/v1/charges', schema: StripeChargeSchema, what: 'charges' },
  listRefunds: { path: '/v1/refunds', schema: StripeRefundSchema, what: 'refunds' },
  listDisputes: { path: '/v1/disputes', schema: StripeDisputeSchema, what: 'disputes' },
  listEvents: { path: '/v1/events', schema: StripeEventSchema, what: 'events' },
} as const;

export type StripeListOperation = keyof typeof LISTS & StripeOperation;
export type StripeListEntry<O extends StripeListOperation> = z.infer<(typeof LISTS)[O]['schema']>;

export interface StripeListParams {
  /** 1–100 (Stripe's default 10). */
  readonly limit?: number;
  /** The last id of the previous page. */
  readonly startingAfter?: string;
  /** Objects created in [from, to), Unix seconds. */
  readonly created?: { readonly gte?: number; readonly lt?: number };
  /** Further filters the endpoint takes, in order (`payout`, `type`, `charge`, `status` …). */
  readonly filters?: QueryParams;
}

export interface StripeListPage<T> {
  readonly data: T[];
  readonly hasMore: boolean;
  /** `starting_after` for the next page; absent on the last one. */
  readonly nextCursor?: string;
  readonly requestId?: string;
}

export function buildStripeListRequest(operation: StripeListOperation, params: StripeListParams = {}): PipelineRequest {
  const site = siteOf(STRIPE, operation);
  const { limit, startingAfter, created } = params;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > STRIPE_MAX_PAGE_SIZE)) {
    throw refuse(site, `limit must be an integer from 1 to ${STRIPE_MAX_PAGE_SIZE}, got ${limit}`);
  }
  for (const [bound, value] of Object.entries(created ?? {})) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw refuse(site, `created.${bound} must be Unix seconds, got ${value}`);
  }
  if (created?.gte !== undefined && created.lt !== undefined && created.gte >= created.lt) {
    throw refuse(site, `created.gte ${created.gte} must be before created.lt ${created.lt}`);
  }
  if (startingAfter !== undefined && startingAfter.trim() === '') throw refuse(site, 'startingAfter must be an object id');
  return {
    operation,
    path: LISTS[operation].path,
    query: [
      ['limit', limit],
      ['starting_after', startingAfter],
      ['created[gte]', created?.gte],
      ['created[lt]', created?.lt],
      ...(params.filters ?? []),
    ],
  };
}

const listSchemas = new Map<StripeListOperation, z.ZodType>();
function listSchemaOf(operation: StripeListOperation): z.ZodType {
  let schema = listSchemas.get(operation);
  if (schema === undefined) {
    schema = StripeListSchema.extend({ data: z.array(LISTS[operation].schema) });
    listSchemas.set(operation, schema);
  }
  return schema;
}

export function parseStripeListResponse<O extends StripeListOperation>(operation: O, response: PipelineResponse): StripeListPage<StripeListEntry<O>> {
  const list = parseReply(siteOf(STRIPE, operation), listSchemaOf(operation), response, `Stripe list of ${LISTS[operation].what}`) as {
    data: StripeListEntry<O>[];
    has_more?: boolean;
  };
  const hasMore = list.has_more === true;
  const last = list.data.at(-1) as { id?: string | undefined } | undefined;
  return {
    data: list.data,
    hasMore,
    ...(hasMore && last?.id !== undefined ? { nextCursor: last.id } : {}),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function listStripeObjects<O extends StripeListOperation>(
  send: Send,
  operation: O,
  params?: StripeListParams,
  options?: CallOptions,
): Promise<StripeListPage<StripeListEntry<O>>> {
  return parseStripeListResponse(operation, await send(buildStripeListRequest(operation, params), options));
}

/**
 * Every entry of a listing, page after page (`starting_after` the last id), up to `maxPages`
 * (a contract error past it: a listing that never ends is a broken cursor, not data).
 */
export async function listAllStripeObjects<O extends StripeListOperation>(
  send: Send,
  operation: O,
  params: Omit<StripeListParams, 'startingAfter'> = {},
  options?: CallOptions & { readonly maxPages?: number },
): Promise<StripeListEntry<O>[]> {
  const all: StripeListEntry<O>[] = [];
  const maxPages = options?.maxPages ?? 1000;
  let cursor: string | undefined;
  for (let page = 1; ; page += 1) {
    const result = await listStripeObjects(send, operation, { limit: STRIPE_MAX_PAGE_SIZE, ...params, ...(cursor === undefined ? {} : { startingAfter: cursor }) }, options);
    all.push(...result.data);
    if (result.nextCursor === undefined) return all;
    if (page >= maxPages) throw refuse(siteOf(STRIPE, operation), `more than ${maxPages} pages: narrow the listing`);
    cursor = result.nextCursor;
  }
}
