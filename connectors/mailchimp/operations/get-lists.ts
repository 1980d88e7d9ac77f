/** getLists — GET /lists (Marketing API 3.0): the account's audiences, one page (count, offset). */
import { parseReply } from '../../http/error-factories.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { MailchimpRequest } from '../client.js';
import { MAILCHIMP } from '../config.js';
import { MailchimpListsResponseSchema, type MailchimpList } from '../schemas.js';

const OPERATION = 'getLists';
const SITE = siteOf(MAILCHIMP, OPERATION);

/** The description's maximum `count`. */
export const MAX_LISTS_PER_PAGE = 1000;

export interface GetListsParams {
  /** 1–1000, Mailchimp's default 10. */
  readonly count?: number;
  readonly offset?: number;
}

export interface GetListsResult {
  readonly lists: MailchimpList[];
  /** All audiences of the account, across pages. */
  readonly totalItems: number;
  readonly requestId?: string;
}

export function buildGetListsRequest(params: GetListsParams = {}): MailchimpRequest {
  const { count, offset } = params;
  if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > MAX_LISTS_PER_PAGE)) {
    throw refuse(SITE, `count must be an integer from 1 to ${MAX_LISTS_PER_PAGE}, got ${count}`);
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) throw refuse(SITE, `offset must be an integer from 0, got ${offset}`);
  return { operation: OPERATION, path: '/lists', query: [['count', count], ['offset', offset]] };
}

export function parseGetListsResponse(response: PipelineResponse): GetListsResult {
  const { lists, total_items } = parseReply(SITE, MailchimpListsResponseSchema, response, 'Lists CollectionResponse');
  return { lists, totalItems: total_items, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getLists(send: Send, params?: GetListsParams, options?: CallOptions): Promise<GetListsResult> {
  return parseGetListsResponse(await send(buildGetListsRequest(params), options));
}
