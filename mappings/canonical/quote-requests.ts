/**
 * Canonical orders and shipments as the questions the tax and landed-cost providers
 * answer. Pure: the seller's profile and ship-from address come from the tenant's config.
 */
import type { Address } from './address.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from './result.js';
import type { Order } from './order.js';
import type { CustomsItem, Incoterm, Shipment } from './shipment.js';
import { TaxCategorySchema, type SellerTaxProfile, type TaxQuoteRequest } from './tax.js';

/**
 * Countries whose consumer prices are shown tax-inclusive by law or custom, so a
 * marketplace order's amounts there already contain VAT/GST (US and Canada add it on top).
 */
const TAX_INCLUSIVE_PRICE_COUNTRIES: ReadonlySet<string> = new Set(
  (
    'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK ' +
    'GB NO CH LI IS JP AU NZ SG AE SA IN TR ZA EG MX BR'
  ).split(' '),
);

export function pricesIncludeTaxIn(country: string | undefined): boolean {
  return country !== undefined && TAX_INCLUSIVE_PRICE_COUNTRIES.has(country);
}

export interface SellerContext {
  seller: SellerTaxProfile;
  shipFrom: Address;
}

const RECORD = 'canonical.order';

/** YYYY-MM-DD of a UTC timestamp. */
function dateOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

export function orderToTaxQuoteRequest(order: Order, ctx: SellerContext, opts: { date?: string } = {}): MappingResult<TaxQuoteRequest> {
  const issues: MappingIssue[] = [];
  if (!order.shipTo) issues.push({ field: 'shipTo', message: 'a tax quote needs the ship-to address' });
  const currency = order.currency ?? order.lines.find((l) => l.lineTotal)?.lineTotal?.currency;
  if (!currency) issues.push({ field: 'currency', message: 'the order has no currency (no prices yet?)' });
  const lines = order.lines.flatMap((l, i) => {
    if (!l.lineTotal) {
      issues.push({ field: `lines[${i}].lineTotal`, message: `line ${l.lineId} has no price (orders still pending carry none)` });
      return [];
    }
    const category = TaxCategorySchema.safeParse(l.taxCategory ?? 'standard');
    if (!category.success) issues.push({ field: `lines[${i}].taxCategory`, message: `"${l.taxCategory}" is not a known tax category` });
    return [
      {
        id: l.lineId,
        ...(l.title ? { description: l.title } : {}),
        quantity: Math.max(1, l.quantity),
        amount: l.lineTotal,
        taxCategory: category.success ? category.data : 'standard',
        ...(l.hsCode ? { hsCode: l.hsCode } : {}),
        ...(l.originCountry ? { originCountry: l.originCountry } : {}),
      },
    ];
  });
  if (issues.length || !order.shipTo || !currency) return fail(new MappingError(RECORD, order.externalId, issues));
  const shipping = order.totals?.shipping;
  return ok({
    reference: `${order.channel}:${order.externalId}`,
    date: opts.date ?? dateOf(order.purchasedAt),
    seller: { ...ctx.seller, viaMarketplace: ctx.seller.viaMarketplace || order.vendor === 'amazon' },
    shipFrom: ctx.shipFrom,
    shipTo: order.shipTo,
    buyer: { isBusiness: order.isBusiness ?? false },
    currency,
    pricesIncludeTax: pricesIncludeTaxIn(order.marketplace.country),
    lines,
    ...(shipping && shipping.amountMinor > 0 ? { shipping } : {}),
    imported: ctx.shipFrom.country !== order.shipTo.country,
  });
}

export function shipmentToTaxQuoteRequest(shipment: Shipment, ctx: SellerContext, opts: { date: string }): TaxQuoteRequest {
  return {
    reference: `shipment:${shipment.id}`,
    date: opts.date,
    seller: ctx.seller,
    shipFrom: shipment.shipFrom,
    shipTo: shipment.shipTo,
    buyer: { isBusiness: false },
    currency: shipment.currency,
    pricesIncludeTax: false,
    lines: shipment.items.map((it) => {
      const category = TaxCategorySchema.safeParse(it.taxCategory ?? 'standard');
      return {
        id: it.id,
        description: it.description,
        quantity: it.quantity,
        amount: it.value,
        taxCategory: category.success ? category.data : 'standard',
        hsCode: it.hsCode,
        originCountry: it.originCountry,
      };
    }),
    ...(shipment.shipping ? { shipping: shipment.shipping } : {}),
    imported: shipment.shipFrom.country !== shipment.shipTo.country,
    incoterm: shipment.incoterm,
  };
}

/** An order as the shipment that fulfils it; every line needs an HS code and an origin for customs. */
export function orderToShipment(order: Order, opts: { shipFrom: Address; incoterm: Incoterm }): MappingResult<Shipment> {
  const issues: MappingIssue[] = [];
  if (!order.shipTo) issues.push({ field: 'shipTo', message: 'a shipment needs the ship-to address' });
  const items: CustomsItem[] = [];
  order.lines.forEach((l, i) => {
    const missing = [
      !l.hsCode && 'hsCode',
      !l.originCountry && 'originCountry',
      !l.lineTotal && 'lineTotal',
    ].filter((x): x is string => !!x);
    for (const field of missing) issues.push({ field: `lines[${i}].${field}`, message: `line ${l.lineId} has no ${field}, which customs needs` });
    if (missing.length === 0 && l.quantity > 0) {
      items.push({
        id: l.lineId,
        ...(l.sku ? { sku: l.sku } : {}),
        description: l.title ?? l.sku ?? l.lineId,
        hsCode: l.hsCode!,
        originCountry: l.originCountry!,
        quantity: l.quantity,
        value: l.lineTotal!,
        ...(l.taxCategory ? { taxCategory: l.taxCategory } : {}),
      });
    }
  });
  if (items.length === 0 && issues.length === 0) issues.push({ field: 'lines', message: 'no line with a quantity to ship' });
  if (issues.length || !order.shipTo) return fail(new MappingError(RECORD, order.externalId, issues));
  const currency = items[0]!.value.currency;
  return ok({
    id: `${order.channel}:${order.externalId}`,
    shipFrom: opts.shipFrom,
    shipTo: order.shipTo,
    incoterm: opts.incoterm,
    currency,
    items,
    ...(order.totals?.shipping && order.totals.shipping.amountMinor > 0 ? { shipping: order.totals.shipping } : {}),
    orderRef: { channel: order.channel, externalId: order.externalId },
    refs: {},
  });
}
