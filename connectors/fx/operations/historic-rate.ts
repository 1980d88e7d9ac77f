/**
 * historic_rate — GET /v1/historic_rate.json?from=USD&date=2026-03-02&to=EUR,JPY&amount=1
 * (XE Currency Data API v1): the rates of one date (XE's daily rate at 00:00 UTC unless
 * `time` HH:MM asks for a live-package minute). amount=1, so `mid` is the rate itself.
 */
import { refuse, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { FxRequest } from '../client.js';
import { isCalendarDate, XE } from '../config.js';
import { parseXeRatesResponse, requireCode, requireTargets, type XeRatesReply } from './xe-rates.js';

const OPERATION = 'xeHistoricRate';
const SITE = siteOf(XE, OPERATION);
const FEED = 'historic_rate.json';

export interface XeHistoricRateParams {
  readonly from: string;
  readonly to: readonly string[] | '*';
  /** YYYY-MM-DD. */
  readonly date: string;
  /** HH:MM (UTC), live packages only. */
  readonly time?: string;
}

export function buildHistoricRateRequest(params: XeHistoricRateParams): FxRequest {
  const from = requireCode(SITE, 'from', params.from);
  const to = requireTargets(SITE, params.to);
  if (typeof params.date !== 'string' || !isCalendarDate(params.date)) {
    throw refuse(SITE, `date must be a date YYYY-MM-DD, got ${JSON.stringify(params.date)}`);
  }
  if (params.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(params.time)) {
    throw refuse(SITE, `time must be HH:MM, got ${JSON.stringify(params.time)}`);
  }
  return {
    operation: OPERATION,
    path: '/v1/historic_rate.json',
    query: [['from', from], ['date', params.date], ['to', to], ['time', params.time], ['amount', '1']],
    read: 'text',
  };
}

export function parseHistoricRateResponse(response: PipelineResponse): XeRatesReply {
  return parseXeRatesResponse(SITE, FEED, response);
}

export async function xeHistoricRate(send: Send, params: XeHistoricRateParams, options?: CallOptions): Promise<XeRatesReply> {
  return parseHistoricRateResponse(await send(buildHistoricRateRequest(params), options));
}
