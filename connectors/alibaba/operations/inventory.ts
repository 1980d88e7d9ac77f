/**
 * `/alibaba/icbu/product/inventory/update`: the stock of some SKUs of one product. The wire
 * contract of this wave fixes the parameters (no official description of the seller inventory
 * API is in the vendor folder or the search corpus; the path carries the legacy
 * alibaba.icbu.product.* family over as the Open Platform does for the other ICBU product APIs):
 * `product_id` and `sku_inventory_list`, JSON `[{ "sku_code", "inventory" }]`. Reply
 * `{ code: "0", value | result, request_id }`; refusals are business errors inside the 200.
 * Idempotent: it sets, not adds.
 */
import { z } from 'zod';
import type { CallOptions } from '../../http/pipeline.js';
import { requireValid, siteOf } from '../../http/request-checks.js';
import type { RestSend } from '../client.js';
import { ALIBABA } from '../config.js';
import { replyPayload, requestIdField } from './reply.js';
import type { WriteResult } from './shipment.js';

export type { WriteResult } from './shipment.js';

export const ALIBABA_INVENTORY_UPDATE_PATH = '/alibaba/icbu/product/inventory/update';

export const AlibabaInventoryUpdateSchema = z.strictObject({
  productId: z.string().min(1, 'must be the product id'),
  skus: z
    .array(z.strictObject({ sku_code: z.string().min(1, 'must be the SKU code'), inventory: z.number().int('must be whole units').nonnegative('must not be negative') }))
    .min(1, 'needs at least one SKU'),
});
export type InventoryUpdateParams = z.infer<typeof AlibabaInventoryUpdateSchema>;

const SITE = siteOf(ALIBABA, ALIBABA_INVENTORY_UPDATE_PATH);

export async function updateInventory(rest: RestSend, params: InventoryUpdateParams, options?: CallOptions): Promise<WriteResult> {
  const p = requireValid(SITE, 'inventory update', AlibabaInventoryUpdateSchema, params);
  const response = await rest({ apiPath: ALIBABA_INVENTORY_UPDATE_PATH, params: { product_id: p.productId, sku_inventory_list: JSON.stringify(p.skus) }, idempotent: true }, options);
  const value = replyPayload(response.data);
  return { ...requestIdField(response), ...(value === undefined ? {} : { value }) };
}
