/**
 * One seller order and its fulfilment (IOP sync):
 * - `aliexpress.solution.order.info.get`: `param1` JSON `{ order_id }` → `result.data` (or `target`);
 * - `aliexpress.solution.order.receiptinfo.get`: `param1` JSON `{ order_id }` → `result`, the buyer's address;
 * - `aliexpress.solution.order.fulfill`: `service_name`, `out_ref` (the order id), `send_type`
 *   (`all` | `part`), `logistics_no`, optional `tracking_website` and `description` → `result.result_success`;
 * - `aliexpress.logistics.redefining.listlogisticsservice`: no parameters → the carrier services
 *   the seller may name in `service_name`.
 * Parameter names: retailcrm/aliexpress-top-client's request models (SolutionOrderFulfill,
 * SolutionOrderReceiptInfoGet + SingleOrderQuery).
 */
import { z } from 'zod';
import type { CallOptions } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import type { SyncSend } from '../client.js';
import { ALIEXPRESS } from '../config.js';
import { AliexpressFulfillResultSchema, AliexpressLogisticsServicesResultSchema, type AliexpressLogisticsService } from '../schemas/catalog.js';
import { AliexpressOrderSchema, AliexpressReceiptAddressSchema, type AliexpressOrder, type AliexpressReceiptAddress } from '../schemas/order.js';
import { ExactId, jsonWithExactIds } from '../schemas/wire.js';
import { readSyncReply, requireNumericId } from './sync-reply.js';

export const ORDER_INFO_METHOD = 'aliexpress.solution.order.info.get';
export const ORDER_RECEIPT_METHOD = 'aliexpress.solution.order.receiptinfo.get';
export const ORDER_FULFILL_METHOD = 'aliexpress.solution.order.fulfill';
export const LOGISTICS_SERVICES_METHOD = 'aliexpress.logistics.redefining.listlogisticsservice';

function orderQuery(method: string, orderId: string): string {
  return jsonWithExactIds({ order_id: new ExactId(requireNumericId(method, 'order_id', orderId)) });
}

const OrderInfoResultSchema = z.looseObject({
  result: z.looseObject({ data: AliexpressOrderSchema.nullish(), target: AliexpressOrderSchema.nullish() }),
});

export async function getOrder(sync: SyncSend, orderId: string, options?: CallOptions): Promise<{ order: AliexpressOrder; requestId?: string }> {
  const response = await sync({ method: ORDER_INFO_METHOD, params: { param1: orderQuery(ORDER_INFO_METHOD, orderId) }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(ORDER_INFO_METHOD, OrderInfoResultSchema, response, 'solution.order.info.get reply');
  const order = value.result.data ?? value.result.target;
  if (order === undefined || order === null) throw refuse(siteOf(ALIEXPRESS, ORDER_INFO_METHOD), `the reply for order ${orderId} holds no order`);
  return requestId === undefined ? { order } : { order, requestId };
}

const ReceiptResultSchema = z.looseObject({ result: AliexpressReceiptAddressSchema });

export async function getOrderReceipt(sync: SyncSend, orderId: string, options?: CallOptions): Promise<{ address: AliexpressReceiptAddress; requestId?: string }> {
  const response = await sync({ method: ORDER_RECEIPT_METHOD, params: { param1: orderQuery(ORDER_RECEIPT_METHOD, orderId) }, idempotent: true }, options);
  const { value, requestId } = readSyncReply(ORDER_RECEIPT_METHOD, ReceiptResultSchema, response, 'solution.order.receiptinfo.get reply');
  return requestId === undefined ? { address: value.result } : { address: value.result, requestId };
}

/** order.fulfill parameters, as the platform names them (checked before sending: a validation error names the field). */
export const AliexpressFulfilmentSchema = z.strictObject({
  /** A carrier service of listlogisticsservice (e.g. `CPAM`, `DHL`, `OTHER_US`). */
  service_name: z.string().trim().min(1),
  logistics_no: z.string().trim().min(1).max(100),
  /** `all`: the whole order shipped; `part`: a partial shipment. */
  send_type: z.enum(['all', 'part']),
  /** Where the buyer tracks the parcel: required by the platform for `OTHER_*` services. */
  tracking_website: z.url().optional(),
  description: z.string().max(512).optional(),
});
export type AliexpressFulfilment = z.infer<typeof AliexpressFulfilmentSchema>;

export async function fulfillOrder(sync: SyncSend, orderId: string, fulfilment: unknown, options?: CallOptions): Promise<{ requestId?: string }> {
  const site = siteOf(ALIEXPRESS, ORDER_FULFILL_METHOD);
  requireNumericId(ORDER_FULFILL_METHOD, 'out_ref', orderId);
  const parsed = AliexpressFulfilmentSchema.safeParse(fulfilment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(site, `order ${orderId} field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const f = parsed.data;
  const params = {
    service_name: f.service_name,
    out_ref: orderId,
    send_type: f.send_type,
    logistics_no: f.logistics_no,
    ...(f.tracking_website === undefined ? {} : { tracking_website: f.tracking_website }),
    ...(f.description === undefined ? {} : { description: f.description }),
  };
  // Not idempotent: a resent fulfilment may be refused as a second declaration of the same parcel.
  const response = await sync({ method: ORDER_FULFILL_METHOD, params, idempotent: false }, options);
  const { requestId } = readSyncReply(ORDER_FULFILL_METHOD, z.looseObject({ result: AliexpressFulfillResultSchema.nullish() }), response, 'solution.order.fulfill reply');
  return requestId === undefined ? {} : { requestId };
}

export async function listLogisticsServices(sync: SyncSend, options?: CallOptions): Promise<{ services: AliexpressLogisticsService[]; requestId?: string }> {
  const response = await sync({ method: LOGISTICS_SERVICES_METHOD, params: {}, idempotent: true }, options);
  const { value, requestId } = readSyncReply(LOGISTICS_SERVICES_METHOD, AliexpressLogisticsServicesResultSchema, response, 'listlogisticsservice reply');
  const services = value.result_list ?? [];
  return requestId === undefined ? { services } : { services, requestId };
}
