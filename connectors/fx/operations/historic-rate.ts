/**
 * historic_rate — GET /v1/historic_rate.json?from=USD&date=2026-03-02&to=EUR,JPY&amount=1
 * (XE Currency Data API v1): the rates of one date (XE's daily rate at 00:00 UTC unless
 * `time` HH:MM asks for a live-package minute). amount=1, so `mid` is the rate itself.
 */
import { isCalendarDate } from '../../../mappings/fx/calendar-date.js';
import { xeHistoricRateToFxRates } from '../../../mappings/fx/xe.js';
import { buildQueryString } from '../../http/query.js';
import type { FxCallOptions, FxRequest, FxResponse, FxSend } from '../client.js';
import { fxInvalidRequest, XE_VENDOR } from '../errors.js';
import type { FxRatesResult } from '../rates-result.js';
import { requireCode, requireTargets } from './xe-request-checks.js';
import { parseXeRatesResponse } from './xe-rates-response.js';

const OPERATION = 'xeHistoricRate';
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
  const from = requireCode(OPERATION, 'from', params.from);
  const to = requireTargets(OPERATION, params.to);
  if (typeof params.date !== 'string' || !isCalendarDate(params.date)) {
    throw fxInvalidRequest(XE_VENDOR, OPERATION, `date must be a date YYYY-MM-DD, got ${JSON.stringify(params.date)}`);
  }
  if (params.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(params.time)) {
    throw fxInvalidRequest(XE_VENDOR, OPERATION, `time must be HH:MM, got ${JSON.stringify(params.time)}`);
  }
  return {
    operation: OPERATION,
    path: '/v1/historic_rate.json',
    query: buildQueryString([['from', from], ['date', params.date], ['to', to], ['time', params.time], ['amount', '1']]),
  };
}

export function parseHistoricRateResponse(response: FxResponse): FxRatesResult {
  return parseXeRatesResponse(OPERATION, FEED, response, xeHistoricRateToFxRates);
}

export async function xeHistoricRate(send: FxSend, params: XeHistoricRateParams, options?: FxCallOptions): Promise<FxRatesResult> {
  const request = buildHistoricRateRequest(params);
  return parseHistoricRateResponse(await send(request, options));
}
