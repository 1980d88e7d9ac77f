/** `GET /v1/reporting/balances` (reporting_transactions_v1.json, balances.get): balances per currency, optionally as of a time. */
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { PAYPAL } from '../config.js';
import { PaypalBalancesReplySchema, type PaypalBalancesReply } from '../schemas/index.js';

export const LIST_BALANCES_OPERATION = 'listBalances';
export const LIST_BALANCES_PATH = '/v1/reporting/balances';

export interface PaypalBalancesQuery {
  /** ISO 8601; PayPal's last refreshed balances when absent. */
  readonly asOfTime?: string;
  /** ISO 4217; every currency held when absent. */
  readonly currencyCode?: string;
}

export async function listBalances(send: Send, query: PaypalBalancesQuery = {}, options?: CallOptions): Promise<PaypalBalancesReply> {
  const site = siteOf(PAYPAL, LIST_BALANCES_OPERATION);
  const asOf = query.asOfTime === undefined ? undefined : Date.parse(query.asOfTime);
  if (asOf !== undefined && !Number.isFinite(asOf)) throw refuse(site, `as_of_time must be an ISO 8601 date-time, got ${query.asOfTime}`);
  if (query.currencyCode !== undefined && !/^[A-Z]{3}$/.test(query.currencyCode)) throw refuse(site, `currency_code must be an ISO 4217 code, got ${query.currencyCode}`);
  const response = await send(
    {
      operation: LIST_BALANCES_OPERATION,
      path: LIST_BALANCES_PATH,
      query: [
        ...(asOf === undefined ? [] : [['as_of_time', new Date(asOf).toISOString()] as const]),
        ...(query.currencyCode === undefined ? [] : [['currency_code', query.currencyCode] as const]),
      ],
    },
    options,
  );
  return parseReply(site, PaypalBalancesReplySchema, response, 'balances reply');
}
