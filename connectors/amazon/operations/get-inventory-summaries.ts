/**
 * getInventorySummaries — GET /fba/inventory/v1/summaries (FBA Inventory API v1): one page of
 * a marketplace's FBA inventory. Every query parameter is sent again with `nextToken` (the
 * token lives 30 seconds, the model says). Summaries come back raw: check each with
 * AmazonInventorySummarySchema so one malformed SKU does not fail the page.
 */
import { parseReply } from '../../http/error-factories.js';
import { requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonInventorySummariesReplySchema, type AmazonInventoryGranularity } from '../schemas/fba-inventory.js';

const OPERATION = 'getInventorySummaries';
const SITE = siteOf(AMAZON, OPERATION);

export interface GetInventorySummariesParams {
  /** The marketplace (granularityType is always `Marketplace`, the model's only value). */
  readonly marketplaceId: string;
  /** Default true: without it Amazon leaves out every quantity but the total. */
  readonly details?: boolean;
  /** ISO 8601: only SKUs changed since (at most 18 months back). */
  readonly startDateTime?: string;
  /** At most 50. */
  readonly sellerSkus?: readonly string[];
  readonly sellerSku?: string;
  readonly nextToken?: string;
}

export interface GetInventorySummariesResult {
  readonly granularity: AmazonInventoryGranularity;
  /** Raw summaries; check each with AmazonInventorySummarySchema. */
  readonly summaries: unknown[];
  readonly nextToken?: string;
  readonly requestId?: string;
}

export function buildGetInventorySummariesRequest(params: GetInventorySummariesParams): AmazonRequest {
  const marketplaceId = requireNonEmpty(SITE, 'marketplaceId', params.marketplaceId);
  const { startDateTime, sellerSku, nextToken } = params;
  const sellerSkus = requireCsvItems(SITE, 'sellerSkus', params.sellerSkus, { max: 50 });
  for (const [name, value] of Object.entries({ startDateTime, sellerSku, nextToken })) {
    if (value !== undefined) requireNonEmpty(SITE, name, value);
  }
  return {
    operation: OPERATION,
    path: '/fba/inventory/v1/summaries',
    query: [
      ['details', params.details ?? true],
      ['granularityType', 'Marketplace'],
      ['granularityId', marketplaceId],
      ['startDateTime', startDateTime],
      ['sellerSkus', sellerSkus],
      ['sellerSku', sellerSku],
      ['nextToken', nextToken],
      ['marketplaceIds', [marketplaceId]],
    ],
    subject: marketplaceId,
  };
}

export function parseGetInventorySummariesResponse(response: PipelineResponse): GetInventorySummariesResult {
  const { payload, pagination } = parseReply(SITE, AmazonInventorySummariesReplySchema, response, 'GetInventorySummariesResponse');
  const nextToken = pagination?.nextToken;
  return {
    granularity: payload.granularity,
    summaries: payload.inventorySummaries,
    ...(nextToken === undefined ? {} : { nextToken }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

export async function getInventorySummaries(send: Send, params: GetInventorySummariesParams, options?: CallOptions): Promise<GetInventorySummariesResult> {
  return parseGetInventorySummariesResponse(await send(buildGetInventorySummariesRequest(params), options));
}
