// Types only: the wire format is described once, by the connector's zod schemas.
import type { AlibabaInventoryGroup, AlibabaLogistics } from '../../connectors/alibaba/schemas/buyer.js';
import { TrackingStatusSchema, type TrackingStatus } from '../canonical/carrier.js';
import { InventoryLevelSchema, type InventoryLevel } from '../canonical/inventory.js';
import { UtcTimestampSchema } from '../canonical/order.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { z } from 'zod';

/**
 * Alibaba.com buyer-side records → canonical shapes. Pure and total.
 *
 * Stock (`/eco/buyer/product/inventory`): one InventoryLevel per SKU and ship-from country. The
 * platform names its SKUs by id (no seller code on this side), so the level's SKU is the
 * platform's `sku_id`, with the product id in refs; the location is the supplier's stock in the
 * ship-from country (`alibaba:<country>`).
 *
 * Logistics (`/order/logistics/query`): the order's shipment — status (the one documented value
 * `CONFIRM_RECEIPT` → delivered; others `unknown` with the raw kept), ship time from its epoch
 * milliseconds, and each package's tracking number with the platform's service provider code.
 */

export const ALIBABA_INVENTORY_RECORD_TYPE = 'alibaba.inventory';
export const ALIBABA_LOGISTICS_RECORD_TYPE = 'alibaba.logistics';

export interface AlibabaRecordContext {
  readonly channel: string;
}

export function alibabaInventoryToLevels(group: AlibabaInventoryGroup, ctx: AlibabaRecordContext, at = 'result_data'): { levels: InventoryLevel[]; rejected: MappingError[] } {
  const levels: InventoryLevel[] = [];
  const rejected: MappingError[] = [];
  const country = group.shipping_from?.trim().toUpperCase();
  (group.inventory_list ?? []).forEach((item, i) => {
    const field = `${at}.inventory_list[${i}]`;
    const issues: MappingIssue[] = [];
    if (item.sku_id === undefined) issues.push({ field: `${field}.sku_id`, message: 'is missing' });
    if (item.inventory_count === undefined || !/^\d+$/.test(item.inventory_count)) issues.push({ field: `${field}.inventory_count`, message: 'is not a whole count', value: item.inventory_count });
    const refs: Record<string, string> = {};
    if (item.product_id !== undefined) refs.productId = item.product_id;
    if (item.inventory_unit !== undefined && item.inventory_unit.trim() !== '') refs.unit = item.inventory_unit;
    const candidate = {
      channel: ctx.channel,
      vendor: 'alibaba',
      sku: item.sku_id,
      location: { type: 'overseas-warehouse', id: `alibaba:${country ?? 'unknown'}`, name: 'Alibaba.com supplier stock', ...(country !== undefined && /^[A-Z]{2}$/.test(country) ? { country } : {}) },
      quantities: { available: Number(item.inventory_count) },
      refs,
    };
    const parsed = issues.length === 0 ? InventoryLevelSchema.safeParse(candidate) : undefined;
    if (parsed?.success) levels.push(parsed.data);
    else {
      for (const issue of parsed?.error.issues ?? []) issues.push({ field: `${field}.${issue.path.join('.')}`, message: issue.message });
      rejected.push(new MappingError(ALIBABA_INVENTORY_RECORD_TYPE, item.sku_id, issues));
    }
  });
  return { levels, rejected };
}

/** An order's shipment as the platform's logistics query states it. */
export const AlibabaOrderTrackingSchema = z.strictObject({
  recordType: z.literal('order-tracking'),
  channel: z.string().min(1),
  vendor: z.literal('alibaba'),
  /** The order, when the caller knows it (the reply does not name it). */
  externalOrderId: z.string().min(1).optional(),
  status: TrackingStatusSchema,
  rawStatus: z.string().optional(),
  shippedAt: UtcTimestampSchema.optional(),
  packages: z.array(z.strictObject({ trackingNumber: z.string().min(1), serviceProvider: z.string().optional(), logisticsType: z.string().optional() })),
});
export type AlibabaOrderTracking = z.infer<typeof AlibabaOrderTrackingSchema>;

const LOGISTIC_STATUSES: Readonly<Record<string, TrackingStatus>> = { CONFIRM_RECEIPT: 'delivered' };

export function alibabaLogisticsToTracking(v: AlibabaLogistics, ctx: AlibabaRecordContext & { readonly orderId?: string }): MappingResult<AlibabaOrderTracking> {
  const issues: MappingIssue[] = [];
  const raw = v.logistic_status?.trim();
  const ts = v.shipment_date?.timestamp;
  let shippedAt: string | undefined;
  if (ts !== undefined) {
    if (/^\d{10,14}$/.test(ts)) shippedAt = new Date(Number(ts)).toISOString().replace(/\.000Z$/, 'Z');
    else issues.push({ field: 'shipment_date.timestamp', message: 'is not epoch milliseconds', value: ts });
  }
  const packages = (v.shipping_order_list ?? []).flatMap((s, i) => {
    const n = s.voucher?.tracking_number?.trim();
    if (n === undefined || n === '') {
      issues.push({ field: `shipping_order_list[${i}].voucher.tracking_number`, message: 'is missing' });
      return [];
    }
    return [{ trackingNumber: n, ...(s.voucher?.service_provider ? { serviceProvider: s.voucher.service_provider } : {}), ...(s.voucher?.logistics_type ? { logisticsType: s.voucher.logistics_type } : {}) }];
  });
  if (issues.length > 0) return fail(new MappingError(ALIBABA_LOGISTICS_RECORD_TYPE, ctx.orderId, issues));
  const parsed = AlibabaOrderTrackingSchema.safeParse({
    recordType: 'order-tracking',
    channel: ctx.channel,
    vendor: 'alibaba',
    ...(ctx.orderId === undefined ? {} : { externalOrderId: ctx.orderId }),
    status: (raw && LOGISTIC_STATUSES[raw.toUpperCase()]) ?? 'unknown',
    ...(raw ? { rawStatus: raw } : {}),
    ...(shippedAt === undefined ? {} : { shippedAt }),
    packages,
  });
  if (!parsed.success) return fail(new MappingError(ALIBABA_LOGISTICS_RECORD_TYPE, ctx.orderId, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }))));
  return ok(parsed.data);
}
