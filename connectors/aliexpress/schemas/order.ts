/**
 * AliExpress order replies actually mapped (lenient: fields the platform leaves out or sends
 * as null stay optional; ids as text or number):
 * - `aliexpress.solution.order.get` (TOP, seller orders): `result.target_list.order_dto[]`;
 * - `aliexpress.solution.order.info.get` / `aliexpress.trade.new.redefining.findorderbyid`
 *   (one seller order: `result.data` or `target`, with `receipt_address` and
 *   `child_order_list`);
 * - `aliexpress.trade.ds.order.get` (DS buyer order: `result`, no order id echoed);
 * - `aliexpress.solution.order.receiptinfo.get` (the buyer's address).
 */
import { z } from 'zod';
import { optionalIdLike, optionalMoney, optionalQuantityText, optionalText, topList } from './wire.js';

/** The buyer's receipt address (order.receiptinfo.get `result`, order.info.get `receipt_address`). */
export const AliexpressReceiptAddressSchema = z.looseObject({
  contact_person: optionalText,
  country: optionalText,
  country_name: optionalText,
  province: optionalText,
  city: optionalText,
  address: optionalText,
  address2: optionalText,
  detail_address: optionalText,
  zip: optionalText,
  mobile_no: optionalText,
  phone_country: optionalText,
  phone_area: optionalText,
  phone_number: optionalText,
});
export type AliexpressReceiptAddress = z.infer<typeof AliexpressReceiptAddressSchema>;

/** One product line: a seller order's `order_product_dto`, or a child order (`aeop_child_order_info`, `global_aeop_tp_child_order_dto`). */
export const AliexpressOrderLineSchema = z.looseObject({
  child_id: optionalIdLike,
  child_order_id: optionalIdLike,
  id: optionalIdLike,
  order_id: optionalIdLike,
  product_id: optionalIdLike,
  sku_id: optionalIdLike,
  sku_code: optionalText,
  product_name: optionalText,
  product_count: optionalQuantityText,
  product_unit_price: optionalMoney,
  product_price: optionalMoney,
  init_order_amt: optionalMoney,
  total_product_amount: optionalMoney,
  logistics_amount: optionalMoney,
  shipping_fee: optionalMoney,
  actual_tax_fee: optionalMoney,
  sale_discount_fee: optionalMoney,
  actual_fee: optionalMoney,
  logistics_service_name: optionalText,
  logistics_type: optionalText,
  son_order_status: optionalText,
  /** order.get's per-line status as the buyer sees it, the line's fund and dispute states. */
  show_status: optionalText,
  fund_status: optionalText,
  issue_status: optionalText,
  /** When the line was sent (platform time, as gmt_create). */
  send_goods_time: optionalText,
  product_unit: optionalText,
  /** The buyer's note on the line. */
  memo: optionalText,
});
export type AliexpressOrderLine = z.infer<typeof AliexpressOrderLineSchema>;

export const AliexpressLogisticsInfoSchema = z.looseObject({
  logistics_no: optionalText,
  logistics_service: optionalText,
  /** order.info.get's TOP model (GlobalAeopTpLogisticInfoDTO) names the service this way. */
  logistics_service_name: optionalText,
  logistics_type_code: optionalText,
  gmt_send: optionalText,
});

/** One order, as any of the order APIs above give it. */
export const AliexpressOrderSchema = z.looseObject({
  order_id: optionalIdLike,
  id: optionalIdLike,
  order_status: optionalText,
  logistics_status: optionalText,
  end_reason: optionalText,
  /** order.info.get's name for end_reason (TOP model GlobalAeopTpOrderDetailDTO). */
  order_end_reason: optionalText,
  gmt_create: optionalText,
  gmt_update: optionalText,
  gmt_modified: optionalText,
  gmt_pay_time: optionalText,
  gmt_pay_success: optionalText,
  buyer_login_id: optionalText,
  buyerloginid: optionalText,
  buyer_signer_fullname: optionalText,
  buyer_signer_first_name: optionalText,
  buyer_signer_last_name: optionalText,
  buyer_info: z.looseObject({ login_id: optionalText, first_name: optionalText, last_name: optionalText }).nullish(),
  pay_amount: optionalMoney,
  order_amount: optionalMoney,
  init_oder_amount: optionalMoney,
  user_order_amount: optionalMoney,
  logistics_amount: optionalMoney,
  escrow_fee: optionalMoney,
  product_list: topList(AliexpressOrderLineSchema),
  child_order_list: topList(AliexpressOrderLineSchema),
  logistics_info_list: topList(AliexpressLogisticsInfoSchema),
  /** order.info.get's name for the shipments (`logistic_info_list.global_aeop_tp_logistic_info_dto[]`). */
  logistic_info_list: topList(AliexpressLogisticsInfoSchema),
  receipt_address: AliexpressReceiptAddressSchema.nullish(),
  store_info: z.looseObject({ store_id: optionalIdLike, store_name: optionalText }).nullish(),
});
export type AliexpressOrder = z.infer<typeof AliexpressOrderSchema>;

/** `aliexpress.solution.order.get` `result` (with or without simplify). */
export const AliexpressOrderListResultSchema = z.looseObject({
  target_list: topList(z.unknown()),
  total_count: optionalIdLike,
  success: z.unknown().optional(),
});

