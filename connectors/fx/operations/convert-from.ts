/**
 * convert_from — GET /v1/convert_from.json?from=USD&to=EUR,JPY&amount=1 (XE Currency Data
 * API v1). Always amount=1, so `mid` is the rate itself (1 from = mid quote).
 */
import { siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { FxRequest } from '../client.js';
import { XE } from '../config.js';
import { parseXeRatesResponse, requireCode, requireTargets, type XeRatesReply } from './xe-rates.js';

const OPERATION = 'xeConvertFrom';
const SITE = siteOf(XE, OPERATION);
const FEED = 'convert_from.json';

export interface XeConvertFromParams {
  readonly from: string;
  /** Currency codes, or `'*'` for every currency of the account's package. */
  readonly to: readonly string[] | '*';
}

export function buildConvertFromRequest(params: XeConvertFromParams): FxRequest {
  const from = requireCode(SITE, 'from', params.from);
  const to = requireTargets(SITE, params.to);
  return { operation: OPERATION, path: '/v1/convert_from.json', query: [['from', from], ['to', to], ['amount', '1']], read: 'text' };
}

export function parseConvertFromResponse(response: PipelineResponse): XeRatesReply {
  return parseXeRatesResponse(SITE, FEED, response);
}

export async function xeConvertFrom(send: Send, params: XeConvertFromParams, options?: CallOptions): Promise<XeRatesReply> {
  return parseConvertFromResponse(await send(buildConvertFromRequest(params), options));
}
