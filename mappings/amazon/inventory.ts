/**
 * Amazon FBA inventory → canonical InventoryLevel. One summary of the FBA Inventory API
 * (getInventorySummaries, granularity Marketplace) is one SKU's stock in Amazon's fulfilment
 * network for that marketplace: location `marketplace-fulfilment`, id `amazon-fba:<marketplaceId>`.
 * Pure and total: a value, or a MappingError naming the SKU and the field (a negative quantity
 * is one: stock is never negative).
 */
import type { AmazonFbaInventoryNotification, AmazonInventoryGranularity, AmazonInventorySummary } from '../../connectors/amazon/schemas/fba-inventory.js';
import { InventoryLevelSchema, type InventoryLevel, type InventoryLocation, type InventoryQuantities } from '../canonical/inventory.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';
import { amazonMarketplace } from './marketplaces.js';

export const AMAZON_INVENTORY_SUMMARY_RECORD_TYPE = 'amazon.inventory-summary';

export interface AmazonInventoryContext {
  /** The tenant's connection, e.g. `amazon-eu`; absent when not known. */
  readonly channel?: string;
  readonly granularity: AmazonInventoryGranularity;
}

/** The FBA location of a marketplace (country and storefront from the marketplace table when known). */
export function amazonFbaLocation(marketplaceId: string): InventoryLocation {
  const m = amazonMarketplace(marketplaceId);
  return {
    type: 'marketplace-fulfilment',
    id: `amazon-fba:${marketplaceId}`,
    name: m === undefined ? `Amazon FBA ${marketplaceId}` : `Amazon FBA ${m.name}`,
    ...(m === undefined ? {} : { country: m.country }),
    marketplaceId,
    fulfilmentNetwork: 'AFN',
  };
}

const defined = <T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } | undefined => {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
  return Object.keys(out).length === 0 ? undefined : out;
};

/** Reads quantities, recording a negative one as an issue on its field. */
class QuantityReader {
  readonly issues: MappingIssue[] = [];
  read(field: string, v: number | undefined): number | undefined {
    if (v === undefined) return undefined;
    if (v < 0) {
      this.issues.push({ field, message: `${v} is negative: an inventory quantity is never negative`, value: v });
      return undefined;
    }
    return v;
  }
}

/** The counts stated, keyed; undefined when none is. */
function counts(entries: readonly (readonly [string, number | undefined])[]): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = v;
  return Object.keys(out).length === 0 ? undefined : out;
}

const UNFULFILLABLE_REASONS = [
  ['customerDamagedQuantity', 'customerDamaged'],
  ['warehouseDamagedQuantity', 'warehouseDamaged'],
  ['distributorDamagedQuantity', 'distributorDamaged'],
  ['carrierDamagedQuantity', 'carrierDamaged'],
  ['defectiveQuantity', 'defective'],
  ['expiredQuantity', 'expired'],
] as const;

function summaryQuantities(s: AmazonInventorySummary, q: QuantityReader): InventoryQuantities {
  const d = s.inventoryDetails;
  const at = (f: string) => `inventoryDetails.${f}`;
  const reserved = d?.reservedQuantity;
  const researching = d?.researchingQuantity;
  const unfulfillable = d?.unfulfillableQuantity;
  const byDuration = counts((researching?.researchingQuantityBreakdown ?? []).map((e, i) => [e.name, q.read(at(`researchingQuantity.researchingQuantityBreakdown[${i}].quantity`), e.quantity)] as const));
  const byReason = counts(UNFULFILLABLE_REASONS.map(([wire, reason]) => [reason, q.read(at(`unfulfillableQuantity.${wire}`), unfulfillable?.[wire])] as const));
  const researchingTotal = q.read(at('researchingQuantity.totalResearchingQuantity'), researching?.totalResearchingQuantity);
  const unfulfillableTotal = q.read(at('unfulfillableQuantity.totalUnfulfillableQuantity'), unfulfillable?.totalUnfulfillableQuantity);
  const quantities = defined({
    available: q.read(at('fulfillableQuantity'), d?.fulfillableQuantity),
    inbound: defined({
      working: q.read(at('inboundWorkingQuantity'), d?.inboundWorkingQuantity),
      shipped: q.read(at('inboundShippedQuantity'), d?.inboundShippedQuantity),
      receiving: q.read(at('inboundReceivingQuantity'), d?.inboundReceivingQuantity),
    }),
    reserved: defined({
      total: q.read(at('reservedQuantity.totalReservedQuantity'), reserved?.totalReservedQuantity),
      pendingCustomerOrder: q.read(at('reservedQuantity.pendingCustomerOrderQuantity'), reserved?.pendingCustomerOrderQuantity),
      pendingTransshipment: q.read(at('reservedQuantity.pendingTransshipmentQuantity'), reserved?.pendingTransshipmentQuantity),
      fcProcessing: q.read(at('reservedQuantity.fcProcessingQuantity'), reserved?.fcProcessingQuantity),
    }),
    unfulfillable: defined({ total: unfulfillableTotal, byReason }),
    researching: defined({ total: researchingTotal, byDuration }),
    total: q.read('totalQuantity', s.totalQuantity),
  });
  return quantities ?? {};
}

/** Issues of a canonical record that failed its schema, as mapping issues. */
function schemaIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): MappingIssue[] {
  return issues.map((i) => ({ field: `(canonical).${i.path.map(String).join('.')}`, message: i.message }));
}

export function amazonInventorySummaryToLevel(s: AmazonInventorySummary, ctx: AmazonInventoryContext): MappingResult<InventoryLevel> {
  const fail1 = (issues: MappingIssue[]) => fail<InventoryLevel>(new MappingError(AMAZON_INVENTORY_SUMMARY_RECORD_TYPE, s.sellerSku, issues));
  if (ctx.granularity.granularityType !== 'Marketplace') {
    return fail1([{ field: 'granularity.granularityType', message: `"${ctx.granularity.granularityType}" is not Marketplace, the only granularity the FBA Inventory API documents` }]);
  }
  const q = new QuantityReader();
  const quantities = summaryQuantities(s, q);
  let observedAt: string | undefined;
  if (s.lastUpdatedTime !== undefined) {
    const t = normaliseUtcTimestamp(s.lastUpdatedTime);
    if (t.ok) observedAt = t.value;
    else q.issues.push({ field: 'lastUpdatedTime', message: t.message });
  }
  if (q.issues.length > 0) return fail1(q.issues);
  const refs = defined({ asin: s.asin, fnsku: s.fnSku }) ?? {};
  const level: InventoryLevel = {
    ...(ctx.channel === undefined ? {} : { channel: ctx.channel }),
    vendor: 'amazon',
    sku: s.sellerSku,
    location: amazonFbaLocation(ctx.granularity.granularityId),
    quantities,
    ...(s.condition === undefined ? {} : { condition: s.condition }),
    ...(s.productName === undefined || s.productName === '' ? {} : { productName: s.productName }),
    ...(observedAt === undefined ? {} : { observedAt }),
    refs,
  };
  const checked = InventoryLevelSchema.safeParse(level);
  return checked.success ? ok(checked.data) : fail1(schemaIssues(checked.error.issues));
}

export const AMAZON_FBA_INVENTORY_NOTIFICATION_RECORD_TYPE = 'amazon.fba-inventory-notification';

/**
 * An FBA_INVENTORY_AVAILABILITY_CHANGES notification → one InventoryLevel per marketplace it
 * lists, observed at its EventTime. Reserved: WarehouseProcessing is FC processing,
 * WarehouseTransfer pending transshipment (the schema's descriptions); the notification states no
 * reserved total, no reasons for unfulfillable and no researching breakdown.
 * PendingCustomerOrderInTransit has no canonical field and is left out.
 */
export function amazonFbaInventoryNotificationToLevels(n: AmazonFbaInventoryNotification, ctx: { channel?: string }): MappingResult<InventoryLevel>[] {
  const p = n.Payload;
  const fail1 = (issues: MappingIssue[]) => fail<InventoryLevel>(new MappingError(AMAZON_FBA_INVENTORY_NOTIFICATION_RECORD_TYPE, p.SKU, issues));
  const time = normaliseUtcTimestamp(n.EventTime);
  return p.FulfillmentInventoryByMarketplace.map((m, i) => {
    const q = new QuantityReader();
    const at = (f: string) => `Payload.FulfillmentInventoryByMarketplace[${i}].FulfillmentInventory.${f}`;
    const inv = m.FulfillmentInventory;
    const quantities =
      defined({
        available: q.read(at('Fulfillable'), inv.Fulfillable),
        inbound: defined({
          working: q.read(at('InboundQuantityBreakdown.Working'), inv.InboundQuantityBreakdown?.Working),
          shipped: q.read(at('InboundQuantityBreakdown.Shipped'), inv.InboundQuantityBreakdown?.Shipped),
          receiving: q.read(at('InboundQuantityBreakdown.Receiving'), inv.InboundQuantityBreakdown?.Receiving),
        }),
        reserved: defined({
          pendingCustomerOrder: q.read(at('ReservedQuantityBreakdown.PendingCustomerOrder'), inv.ReservedQuantityBreakdown?.PendingCustomerOrder),
          pendingTransshipment: q.read(at('ReservedQuantityBreakdown.WarehouseTransfer'), inv.ReservedQuantityBreakdown?.WarehouseTransfer),
          fcProcessing: q.read(at('ReservedQuantityBreakdown.WarehouseProcessing'), inv.ReservedQuantityBreakdown?.WarehouseProcessing),
        }),
        unfulfillable: defined({ total: q.read(at('Unfulfillable'), inv.Unfulfillable) }),
        researching: defined({ total: q.read(at('Researching'), inv.Researching) }),
        futureSupply: defined({ buyable: q.read(at('FutureSupplyBuyable'), inv.FutureSupplyBuyable) }),
      }) ?? {};
    q.read(at('PendingCustomerOrderInTransit'), inv.PendingCustomerOrderInTransit);
    if (!time.ok) q.issues.push({ field: 'EventTime', message: time.message });
    if (q.issues.length > 0) return fail1(q.issues);
    const level: InventoryLevel = {
      ...(ctx.channel === undefined ? {} : { channel: ctx.channel }),
      vendor: 'amazon',
      sku: p.SKU,
      location: amazonFbaLocation(m.MarketplaceId),
      quantities,
      ...(m.ItemName === undefined ? {} : { productName: m.ItemName }),
      ...(time.ok ? { observedAt: time.value } : {}),
      refs: defined({ asin: p.ASIN, fnsku: p.FNSKU, sellerId: p.SellerId }) ?? {},
    };
    const checked = InventoryLevelSchema.safeParse(level);
    return checked.success ? ok(checked.data) : fail1(schemaIssues(checked.error.issues));
  });
}
