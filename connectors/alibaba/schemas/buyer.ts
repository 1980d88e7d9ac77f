/**
 * Buyer-side (dropshipping) replies of the Alibaba.com Open Platform that `caravan map` reads,
 * from the integration guide's examples (../shared/vendor/alibaba/samples/openapi-v2-guide):
 * `/eco/buyer/product/inventory` (stock per SKU and ship-from country) and
 * `/order/logistics/query` (an order's logistics status and tracking numbers). Lenient: counts
 * and ids as text or number, lists with or without their wrapper.
 */
import { z } from 'zod';
import { AlibabaDateSchema, optionalIdLike, optionalList, optionalText } from './order.js';

export const AlibabaItemInventorySchema = z.looseObject({
  product_id: optionalIdLike,
  sku_id: optionalIdLike,
  inventory_count: optionalIdLike,
  inventory_unit: optionalText,
});
export type AlibabaItemInventory = z.infer<typeof AlibabaItemInventorySchema>;

/** One ship-from country's stock: `{ shipping_from, inventory_list[] }`. */
export const AlibabaInventoryGroupSchema = z.looseObject({
  shipping_from: optionalText,
  inventory_list: optionalList(AlibabaItemInventorySchema),
});
export type AlibabaInventoryGroup = z.infer<typeof AlibabaInventoryGroupSchema>;

/** `result` of /eco/buyer/product/inventory. */
export const AlibabaInventoryResultSchema = z.looseObject({
  result_code: optionalText,
  result_msg: optionalText,
  result_data: optionalList(AlibabaInventoryGroupSchema),
});

export const AlibabaLogisticsVoucherSchema = z.looseObject({
  tracking_number: optionalText,
  service_provider: optionalText,
  logistics_type: optionalText,
});

/** `value` of /order/logistics/query. */
export const AlibabaLogisticsSchema = z.looseObject({
  logistic_status: optionalText,
  shipment_date: AlibabaDateSchema.nullish(),
  shipping_order_list: optionalList(z.looseObject({ voucher: AlibabaLogisticsVoucherSchema.nullish() })),
});
export type AlibabaLogistics = z.infer<typeof AlibabaLogisticsSchema>;
