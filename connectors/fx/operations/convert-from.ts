/**
 * convert_from — GET /v1/convert_from.json?from=USD&to=EUR,JPY&amount=1 (XE Currency Data
 * API v1). Always amount=1, so `mid` is the rate itself (1 from = mid quote).
 */
import { xeConvertFromToFxRates } from '../../../mappings/fx/xe.js';
import { buildQueryString } from '../../http/query.js';
import type { FxCallOptions, FxRequest, FxResponse, FxSend } from '../client.js';
import type { FxRatesResult } from '../rates-result.js';
import { requireCode, requireTargets } from './xe-request-checks.js';
import { parseXeRatesResponse } from './xe-rates-response.js';

const OPERATION = 'xeConvertFrom';
const FEED = 'convert_from.json';

export interface XeConvertFromParams {
  readonly from: string;
  /** Currency codes, or `'*'` for every currency of the account's package. */
  readonly to: readonly string[] | '*';
}

export function buildConvertFromRequest(params: XeConvertFromParams): FxRequest {
  const from = requireCode(OPERATION, 'from', params.from);
  const to = requireTargets(OPERATION, params.to);
  return {
    operation: OPERATION,
    path: '/v1/convert_from.json',
    query: buildQueryString([['from', from], ['to', to], ['amount', '1']]),
  };
}

export function parseConvertFromResponse(response: FxResponse): FxRatesResult {
  return parseXeRatesResponse(OPERATION, FEED, response, xeConvertFromToFxRates);
}

export async function xeConvertFrom(send: FxSend, params: XeConvertFromParams, options?: FxCallOptions): Promise<FxRatesResult> {
  const request = buildConvertFromRequest(params);
  return parseConvertFromResponse(await send(request, options));
}
