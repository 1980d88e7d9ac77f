/**
 * `/alibaba/order/shipment/notify`: the seller tells Alibaba.com an order shipped, with the
 * carrier's name, the tracking number and the ship date. No official description of a seller
 * shipment API is in the vendor folder or the search corpus: the path and its parameters follow
 * the family's convention of carrying the legacy TOP seller API (alibaba.seller.order…) over to
 * `/rest/alibaba/order/…`, as fixed by the wave's wire contract (the sandbox serves the same):
 * `trade_id`, `logistics_company`, `tracking_number`, `ship_date` (yyyy-MM-dd). Reply
 * `{ code: "0", value, request_id }`; a refusal is an IOP error or a business error in the 200.
 * Not idempotent: a resend could notify twice.
 */
import { z } from 'zod';
import type { CallOptions } from '../../http/pipeline.js';
import { requireValid, siteOf } from '../../http/request-checks.js';
import type { RestSend } from '../client.js';
import { ALIBABA } from '../config.js';
import { replyPayload, requestIdField } from './reply.js';

export const ALIBABA_SHIPMENT_NOTIFY_PATH = '/alibaba/order/shipment/notify';

/** The notice as sent; checked before it spends a call. */
export const AlibabaShipmentNoticeSchema = z.strictObject({
  trade_id: z.string().regex(/^\d+$/, 'must be the numeric order id'),
  logistics_company: z.string().trim().min(1, 'must name the carrier').max(128),
  tracking_number: z.string().trim().min(1, 'must be the tracking number').max(64),
  ship_date: z.iso.date('must be a date yyyy-MM-dd'),
});
export type ShipmentNotice = z.infer<typeof AlibabaShipmentNoticeSchema>;

/** A write's answer: its request id and the payload, for support cases. */
export interface WriteResult {
  readonly requestId?: string;
  readonly value?: unknown;
}

const SITE = siteOf(ALIBABA, ALIBABA_SHIPMENT_NOTIFY_PATH);

export async function notifyShipment(rest: RestSend, notice: ShipmentNotice, options?: CallOptions): Promise<WriteResult> {
  const params = requireValid(SITE, 'shipment notice', AlibabaShipmentNoticeSchema, notice);
  const response = await rest({ apiPath: ALIBABA_SHIPMENT_NOTIFY_PATH, params, idempotent: false }, options);
  const value = replyPayload(response.data);
  return { ...requestIdField(response), ...(value === undefined ? {} : { value }) };
}
