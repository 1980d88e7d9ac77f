/**
 * Amazon FBA inventory → canonical InventoryLevel. One summary of the FBA Inventory API
 * (getInventorySummaries, granularity Marketplace) is one SKU's stock in Amazon's fulfilment
 * network for that marketplace: location `marketplace-fulfilment`, id `amazon-fba:<marketplaceId>`.
 * Pure and total: a value, or a MappingError naming the SKU and the field (a negative quantity
 * is one: stock is never negative).
 */
import type { AmazonFbaInventoryNotification, AmazonInventoryGranularity, AmazonInventoryReportRow, AmazonInventorySummary } from '../../connectors/amazon/schemas/fba-inventory.js';
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
 * reserved total, no reasons for unfulfillable and no researching breakdown. Those two may come
 * in InboundQuantityBreakdown instead (amzn/selling-partner-api-models#5284): still reserved.
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
    // Reserved quantities some notifications put in the inbound breakdown (schemas/fba-inventory.ts).
    const reservedOf = (k: 'WarehouseTransfer' | 'WarehouseProcessing') =>
      inv.ReservedQuantityBreakdown?.[k] === undefined && inv.InboundQuantityBreakdown?.[k] !== undefined
        ? q.read(at(`InboundQuantityBreakdown.${k}`), inv.InboundQuantityBreakdown[k])
        : q.read(at(`ReservedQuantityBreakdown.${k}`), inv.ReservedQuantityBreakdown?.[k]);
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
          pendingTransshipment: reservedOf('WarehouseTransfer'),
          fcProcessing: reservedOf('WarehouseProcessing'),
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

export const AMAZON_INVENTORY_REPORT_RECORD_TYPE = 'amazon.inventory-report';

export interface AmazonInventoryReportContext {
  readonly channel?: string;
  /** The marketplace the report was requested for; absent: the FBA location is `amazon-fba` without a marketplace. */
  readonly marketplaceId?: string;
}

const COUNT_TEXT = /^-?\d{1,15}$/;

function reportLocation(marketplaceId: string | undefined): InventoryLocation {
  return marketplaceId === undefined ? { type: 'marketplace-fulfilment', id: 'amazon-fba', name: 'Amazon FBA', fulfilmentNetwork: 'AFN' } : amazonFbaLocation(marketplaceId);
}

/** A report cell as a count: absent when empty; text that is no integer, or a negative one, is an issue on `line N column`. */
function reportCount(q: QuantityReader, row: AmazonInventoryReportRow, column: string): number | undefined {
  const text = row.cells[column];
  if (text === undefined) return undefined;
  const field = `line ${row.line} ${column}`;
  if (!COUNT_TEXT.test(text)) {
    q.issues.push({ field, message: `"${text}" is not a whole number of units` });
    return undefined;
  }
  return q.read(field, Number(text));
}

function reportLevel(sku: string, row: AmazonInventoryReportRow, quantities: InventoryQuantities, q: QuantityReader, ctx: AmazonInventoryReportContext, extra: { condition?: string; productName?: string; asin?: string; fnsku?: string }): MappingResult<InventoryLevel> {
  if (q.issues.length > 0) return fail(new MappingError(AMAZON_INVENTORY_REPORT_RECORD_TYPE, sku, q.issues));
  const level: InventoryLevel = {
    ...(ctx.channel === undefined ? {} : { channel: ctx.channel }),
    vendor: 'amazon',
    sku,
    location: reportLocation(ctx.marketplaceId),
    quantities,
    ...(extra.condition === undefined ? {} : { condition: extra.condition }),
    ...(extra.productName === undefined ? {} : { productName: extra.productName }),
    refs: defined({ asin: extra.asin, fnsku: extra.fnsku }) ?? {},
  };
  const checked = InventoryLevelSchema.safeParse(level);
  return checked.success ? ok(checked.data) : fail(new MappingError(AMAZON_INVENTORY_REPORT_RECORD_TYPE, sku, schemaIssues(checked.error.issues).map((i) => ({ ...i, field: `line ${row.line} ${i.field}` }))));
}

const missingSku = (row: AmazonInventoryReportRow, column: string) =>
  fail<InventoryLevel>(new MappingError(AMAZON_INVENTORY_REPORT_RECORD_TYPE, undefined, [{ field: `line ${row.line} ${column}`, message: 'is empty: a row without a SKU names no stock' }]));

/**
 * GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: one level per row (SKU). The report states no time
 * (no observedAt) and no marketplace (the context's). afn-warehouse-quantity (on hand) and the
 * mfn-* (merchant-fulfilled) columns have no place in an FBA level and are left out.
 */
export function amazonMyiInventoryReportToLevels(rows: readonly AmazonInventoryReportRow[], ctx: AmazonInventoryReportContext): MappingResult<InventoryLevel>[] {
  return rows.map((row) => {
    const c = row.cells;
    const sku = c['sku'];
    if (sku === undefined) return missingSku(row, 'sku');
    const q = new QuantityReader();
    const n = (column: string) => reportCount(q, row, column);
    const quantities =
      defined({
        available: n('afn-fulfillable-quantity'),
        inbound: defined({ working: n('afn-inbound-working-quantity'), shipped: n('afn-inbound-shipped-quantity'), receiving: n('afn-inbound-receiving-quantity') }),
        reserved: defined({ total: n('afn-reserved-quantity') }),
        unfulfillable: defined({ total: n('afn-unsellable-quantity') }),
        researching: defined({ total: n('afn-researching-quantity') }),
        futureSupply: defined({ reserved: n('afn-reserved-future-supply'), buyable: n('afn-future-supply-buyable') }),
        total: n('afn-total-quantity'),
      }) ?? {};
    return reportLevel(sku, row, quantities, q, ctx, { condition: c['condition'], productName: c['product-name'], asin: c['asin'], fnsku: c['fnsku'] });
  });
}

/**
 * GET_AFN_INVENTORY_DATA: one row per SKU, condition and warehouse condition (SELLABLE /
 * UNSELLABLE); the rows of one SKU and condition-type are one level: SELLABLE units are
 * available, UNSELLABLE ones unfulfillable. Another warehouse condition is an issue.
 */
export function amazonAfnInventoryReportToLevels(rows: readonly AmazonInventoryReportRow[], ctx: AmazonInventoryReportContext): MappingResult<InventoryLevel>[] {
  const groups = new Map<string, AmazonInventoryReportRow[]>();
  const out: MappingResult<InventoryLevel>[] = [];
  for (const row of rows) {
    const sku = row.cells['seller-sku'];
    if (sku === undefined) {
      out.push(missingSku(row, 'seller-sku'));
      continue;
    }
    const key = `${sku}\t${row.cells['condition-type'] ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const sku = first.cells['seller-sku']!;
    const q = new QuantityReader();
    let available: number | undefined;
    let unsellable: number | undefined;
    for (const row of group) {
      const code = (row.cells['warehouse-condition-code'] ?? '').toUpperCase();
      const units = reportCount(q, row, 'quantity available');
      if (code === 'SELLABLE') available = (available ?? 0) + (units ?? 0);
      else if (code === 'UNSELLABLE') unsellable = (unsellable ?? 0) + (units ?? 0);
      else q.issues.push({ field: `line ${row.line} warehouse-condition-code`, message: `"${row.cells['warehouse-condition-code'] ?? ''}" is neither SELLABLE nor UNSELLABLE` });
    }
    const quantities = defined({ available, unfulfillable: defined({ total: unsellable }) }) ?? {};
    out.push(reportLevel(sku, first, quantities, q, ctx, { condition: first.cells['condition-type'], asin: first.cells['asin'], fnsku: first.cells['fulfillment-channel-sku'] }));
  }
  return out;
}
