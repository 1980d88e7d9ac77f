/**
 * searchDefinitionsProductTypes — GET /definitions/2020-09-01/productTypes (Product Type
 * Definitions 2020-09-01): product types by `keywords` (csv) or by `itemName` (a title, for
 * Amazon's recommendation), one or the other, per the model.
 */
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { AmazonProductTypeListSchema, type AmazonProductTypeList } from '../schemas/definitions-product-types-2020-09-01.js';

const OPERATION = 'searchDefinitionsProductTypes';
const SITE = siteOf(AMAZON, OPERATION);

export interface SearchDefinitionsProductTypesParams {
  /** Keywords to match product types by; cannot be combined with itemName. */
  readonly keywords?: readonly string[];
  /** An item title Amazon recommends product types for; cannot be combined with keywords. */
  readonly itemName?: string;
  /** The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** Locale of the display names (e.g. `en_US`). */
  readonly locale?: string;
  /** Locale of `keywords` and `itemName`. */
  readonly searchLocale?: string;
}

export interface SearchDefinitionsProductTypesResult {
  readonly list: AmazonProductTypeList;
  readonly requestId?: string;
}

export function buildSearchDefinitionsProductTypesRequest(params: SearchDefinitionsProductTypesParams): AmazonRequest {
  const keywords = requireCsvItems(SITE, 'keywords', params.keywords);
  if (keywords !== undefined && keywords.length > 0 && params.itemName !== undefined) throw refuse(SITE, 'keywords and itemName cannot both be set');
  for (const [name, value] of Object.entries({ itemName: params.itemName, locale: params.locale, searchLocale: params.searchLocale })) {
    if (value !== undefined) requireNonEmpty(SITE, name, value);
  }
  return {
    operation: OPERATION,
    path: '/definitions/2020-09-01/productTypes',
    query: [
      ['keywords', keywords],
      ['marketplaceIds', requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1 })],
      ['itemName', params.itemName],
      ['locale', params.locale],
      ['searchLocale', params.searchLocale],
    ],
  };
}

export function parseSearchDefinitionsProductTypesResponse(response: PipelineResponse): SearchDefinitionsProductTypesResult {
  const list = parseReply(SITE, AmazonProductTypeListSchema, response, 'ProductTypeList');
  return { list, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function searchDefinitionsProductTypes(send: Send, params: SearchDefinitionsProductTypesParams, options?: CallOptions): Promise<SearchDefinitionsProductTypesResult> {
  return parseSearchDefinitionsProductTypesResponse(await send(buildSearchDefinitionsProductTypesRequest(params), options));
}
