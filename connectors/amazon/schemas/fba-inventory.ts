/**
 * FBA Inventory API v1 `getInventorySummaries` reply (models/fba-inventory-api-model/fbaInventory.json):
 * `{ payload: { granularity, inventorySummaries[] }, pagination?: { nextToken } }`. Lenient where
 * real replies stray from the model:
 * - `lastUpdatedTime: ""` for SKUs without updates (amzn/selling-partner-api-models#2275,
 *   amzn/selling-partner-api-docs#1174): read as absent.
 * - `inventoryDetails` absent unless the call asked `details=true` (the model's own note on
 *   InventoryDetails): every quantity is optional.
 * - quantities as their decimal digits (`"5"`), and null for absent fields, as SP-API writes
 *   other counts (connectors/http/wire-leniency.ts).
 * Quantities are read as integers of either sign: a negative one is the mapping's typed
 * rejection (naming SKU and field), not a schema error.
 */
import { z } from 'zod';
import { dateTimeLike, emptyAsAbsent, nullAsAbsent } from '../../http/wire-leniency.js';

/** An integer quantity as a JSON number or its digits (`"5"`, `"-1"`). */
const quantityLike = z.preprocess((v: number | string) => (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v) ? Number(v) : v), z.number().int());
const quantity = emptyAsAbsent(quantityLike);

export const AmazonInventoryDetailsSchema = z.looseObject({
  fulfillableQuantity: quantity,
  inboundWorkingQuantity: quantity,
  inboundShippedQuantity: quantity,
  inboundReceivingQuantity: quantity,
  reservedQuantity: nullAsAbsent(
    z.looseObject({
      totalReservedQuantity: quantity,
      pendingCustomerOrderQuantity: quantity,
      pendingTransshipmentQuantity: quantity,
      fcProcessingQuantity: quantity,
    }),
  ),
  researchingQuantity: nullAsAbsent(
    z.looseObject({
      totalResearchingQuantity: quantity,
      researchingQuantityBreakdown: nullAsAbsent(z.array(z.looseObject({ name: z.string().min(1), quantity: quantityLike }))),
    }),
  ),
  unfulfillableQuantity: nullAsAbsent(
    z.looseObject({
      totalUnfulfillableQuantity: quantity,
      customerDamagedQuantity: quantity,
      warehouseDamagedQuantity: quantity,
      distributorDamagedQuantity: quantity,
      carrierDamagedQuantity: quantity,
      defectiveQuantity: quantity,
      expiredQuantity: quantity,
    }),
  ),
});
export type AmazonInventoryDetails = z.infer<typeof AmazonInventoryDetailsSchema>;

export const AmazonInventorySummarySchema = z.looseObject({
  asin: emptyAsAbsent(z.string()),
  fnSku: emptyAsAbsent(z.string()),
  sellerSku: z.string().min(1),
  condition: emptyAsAbsent(z.string()),
  inventoryDetails: nullAsAbsent(AmazonInventoryDetailsSchema),
  lastUpdatedTime: emptyAsAbsent(dateTimeLike),
  productName: emptyAsAbsent(z.string()),
  totalQuantity: quantity,
  stores: nullAsAbsent(z.array(z.string())),
});
export type AmazonInventorySummary = z.infer<typeof AmazonInventorySummarySchema>;

export const AmazonInventoryGranularitySchema = z.looseObject({ granularityType: z.string().min(1), granularityId: z.string().min(1) });
export type AmazonInventoryGranularity = z.infer<typeof AmazonInventoryGranularitySchema>;

/** The page envelope; each summary is checked on its own (AmazonInventorySummarySchema), so one bad summary does not sink the page. */
export const AmazonInventorySummariesReplySchema = z.looseObject({
  payload: z.looseObject({
    granularity: AmazonInventoryGranularitySchema,
    inventorySummaries: z.array(z.unknown()),
  }),
  pagination: nullAsAbsent(z.looseObject({ nextToken: emptyAsAbsent(z.string()) })),
});
export type AmazonInventorySummariesReply = z.infer<typeof AmazonInventorySummariesReplySchema>;

/** Whether a JSON body is a getInventorySummaries reply (for "what does this file look like"). */
export function looksLikeAmazonInventorySummaries(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const payload = (body as Record<string, unknown>).payload;
  return !!payload && typeof payload === 'object' && Array.isArray((payload as Record<string, unknown>).inventorySummaries);
}

/**
 * FBA_INVENTORY_AVAILABILITY_CHANGES notification (schemas/notifications/
 * FBAInventoryAvailabilityChangeNotification.json): one SKU's FBA quantities per marketplace.
 * The schema marks every quantity required; read leniently all the same (digits, nulls).
 */
export const AMAZON_FBA_INVENTORY_NOTIFICATION_TYPE = 'FBA_INVENTORY_AVAILABILITY_CHANGES';

export const AmazonFulfillmentInventorySchema = z.looseObject({
  // WarehouseProcessing and WarehouseTransfer are the reserved breakdown's in the schema, but a
  // published version of it and notifications built on it put them here
  // (amzn/selling-partner-api-models#5284): read from either place.
  InboundQuantityBreakdown: nullAsAbsent(z.looseObject({ Working: quantity, Shipped: quantity, Receiving: quantity, WarehouseProcessing: quantity, WarehouseTransfer: quantity })),
  Fulfillable: quantity,
  Unfulfillable: quantity,
  Researching: quantity,
  ReservedQuantityBreakdown: nullAsAbsent(z.looseObject({ WarehouseProcessing: quantity, WarehouseTransfer: quantity, PendingCustomerOrder: quantity })),
  FutureSupplyBuyable: quantity,
  PendingCustomerOrderInTransit: quantity,
});
export type AmazonFulfillmentInventory = z.infer<typeof AmazonFulfillmentInventorySchema>;

export const AmazonFbaInventoryNotificationPayloadSchema = z.looseObject({
  SellerId: emptyAsAbsent(z.string()),
  FNSKU: emptyAsAbsent(z.string()),
  ASIN: emptyAsAbsent(z.string()),
  SKU: z.string().min(1),
  FulfillmentInventoryByMarketplace: z.array(
    z.looseObject({
      MarketplaceId: z.string().min(1),
      ItemName: emptyAsAbsent(z.string()),
      FulfillmentInventory: AmazonFulfillmentInventorySchema,
      Stores: nullAsAbsent(z.array(z.string())),
    }),
  ),
});
export type AmazonFbaInventoryNotificationPayload = z.infer<typeof AmazonFbaInventoryNotificationPayloadSchema>;

export const AmazonFbaInventoryNotificationSchema = z.looseObject({
  NotificationVersion: emptyAsAbsent(z.string()),
  NotificationType: z.literal(AMAZON_FBA_INVENTORY_NOTIFICATION_TYPE),
  PayloadVersion: emptyAsAbsent(z.string()),
  EventTime: dateTimeLike,
  Payload: AmazonFbaInventoryNotificationPayloadSchema,
});
export type AmazonFbaInventoryNotification = z.infer<typeof AmazonFbaInventoryNotificationSchema>;

/**
 * FBA inventory flat-file reports (Reports API, tab-separated): the documented headers.
 * Columns are read by name, never by position: Amazon adds MYI columns mid-header without
 * notice (amzn/selling-partner-api-models#5289: afn-fc-transfer-quantity and
 * afn-onhand-buyable-quantity added before `store`); unknown columns are ignored.
 */
export const AFN_INVENTORY_REPORT_COLUMNS = ['seller-sku', 'fulfillment-channel-sku', 'asin', 'condition-type', 'warehouse-condition-code', 'quantity available'] as const;
export const MYI_INVENTORY_REPORT_COLUMNS = [
  'sku', 'fnsku', 'asin', 'product-name', 'condition', 'your-price', 'mfn-listing-exists', 'mfn-fulfillable-quantity', 'afn-listing-exists',
  'afn-warehouse-quantity', 'afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-total-quantity', 'per-unit-volume',
  'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity', 'afn-inbound-receiving-quantity', 'afn-researching-quantity',
  'afn-reserved-future-supply', 'afn-future-supply-buyable',
] as const;

export type AmazonInventoryReportType = 'GET_AFN_INVENTORY_DATA' | 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';

/** One report row: its 1-based line and its non-empty cells keyed by the lower-cased header name. */
export interface AmazonInventoryReportRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** Which inventory report a header is (by name, lower-cased), or undefined. */
export function amazonInventoryReportType(header: readonly string[]): AmazonInventoryReportType | undefined {
  const h = new Set(header.map((c) => c.trim().toLowerCase()));
  if (h.has('sku') && h.has('afn-total-quantity')) return 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';
  if (h.has('seller-sku') && h.has('warehouse-condition-code')) return 'GET_AFN_INVENTORY_DATA';
  return undefined;
}

/** Rows of a parsed flat file keyed by header name (lower-cased, trimmed); empty cells absent. */
export function inventoryReportRows(file: { header: readonly string[]; rows: readonly { line: number; cells: readonly string[] }[] }): AmazonInventoryReportRow[] {
  const names = file.header.map((c) => c.trim().toLowerCase());
  return file.rows.map((r) => {
    const cells: Record<string, string> = {};
    r.cells.forEach((v, i) => {
      const name = names[i];
      if (name !== undefined && name !== '' && v.trim() !== '' && cells[name] === undefined) cells[name] = v.trim();
    });
    return { line: r.line, cells };
  });
}
