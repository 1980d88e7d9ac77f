/**
 * An order ready to ship → the canonical Shipment a carrier is asked for: one customs line
 * per order line still to ship (HS code and origin from the line, else from the catalogue
 * product; value in the declaration currency through the one conversion, engines/fx; net
 * weight from the product) and the parcels those units are packed into. Pure: the caller
 * passes the order, the products, the converter and the date.
 */
import type { Address } from '../../mappings/canonical/address.js';
import { Decimal } from '../../mappings/canonical/decimal.js';
import type { Converter } from '../../mappings/canonical/fx-rate-table.js';
import type { Money } from '../../mappings/canonical/money.js';
import type { Order, OrderLine } from '../../mappings/canonical/order.js';
import type { Product, ProductDimensions, ProductWeight } from '../../mappings/canonical/product.js';
import type { CustomsItem, Incoterm, Parcel, Shipment } from '../../mappings/canonical/shipment.js';

export interface ShippingPlanIssue {
  /** The order line (its channel line id), when the issue is a line's. */
  readonly lineId?: string;
  readonly sku?: string;
  /** The missing or bad field: `hsCode`, `originCountry`, `weight`, `lineTotal`, `sku`, `shipTo` … */
  readonly field: string;
  readonly message: string;
}

/** What is missing to declare an order: the order, each line and field named. */
export class ShippingPlanError extends Error {
  override readonly name = 'ShippingPlanError';
  constructor(
    readonly order: { readonly channel: string; readonly externalId: string },
    readonly issues: readonly ShippingPlanIssue[],
  ) {
    super(`order ${order.channel}/${order.externalId}: ${issues.map((i) => (i.lineId === undefined ? `${i.field}: ${i.message}` : `line ${i.lineId}${i.sku ? ` (${i.sku})` : ''} ${i.field}: ${i.message}`)).join('; ')}`);
  }
}

export interface PlanShipmentOptions {
  readonly shipFrom: Address;
  readonly incoterm: Incoterm;
  /** The currency of the customs declaration (default the order's). */
  readonly currency?: string;
  /** The conversion date (YYYY-MM-DD): the invoice's. */
  readonly date: string;
  readonly convert: Converter;
  /** A parcel is closed before it would pass this gross weight (default 30 kg, the common courier limit per piece). */
  readonly maxParcelKg?: string;
  /** Packing added to each parcel's gross weight (default 0). */
  readonly packagingKg?: string;
}

const KG_PER: Readonly<Record<ProductWeight['unit'], string>> = { g: '0.001', kg: '1', oz: '0.028349523125', lb: '0.45359237' };
const CM_PER: Readonly<Record<ProductDimensions['unit'], string>> = { mm: '0.1', cm: '1', m: '100', in: '2.54' };

/** Kilograms of a product weight, to the gram, rounded up. */
export function weightKg(w: ProductWeight): Decimal {
  return Decimal.parse(w.value).mul(Decimal.parse(KG_PER[w.unit])).round(3, 'ceiling');
}

function dimensionsCm(d: ProductDimensions): Parcel['dimensionsCm'] {
  const cm = (v: string) => Decimal.parse(v).mul(Decimal.parse(CM_PER[d.unit])).round(1, 'ceiling').normalize().toString();
  return { length: cm(d.length), width: cm(d.width), height: cm(d.height) };
}

const titleOf = (p: Product | undefined): string | undefined => (p === undefined ? undefined : (p.title['en'] ?? p.title['en-GB'] ?? p.title['en-US'] ?? Object.values(p.title)[0]));

/** Units of a line still to ship. */
const toShip = (l: OrderLine): number => Math.max(0, l.quantity - (l.quantityShipped ?? 0));

interface Unit {
  readonly itemId: string;
  readonly kg: Decimal;
  readonly dimensions?: Parcel['dimensionsCm'];
}

/** Units packed in line order, a parcel closed when the next unit would pass the limit; a unit over it travels alone. */
function pack(units: readonly Unit[], maxKg: Decimal, packagingKg: Decimal): Parcel[] {
  const parcels: { units: Unit[]; kg: Decimal }[] = [];
  for (const unit of units) {
    const open = parcels[parcels.length - 1];
    if (open !== undefined && open.kg.add(unit.kg).add(packagingKg).compare(maxKg) <= 0) {
      open.units.push(unit);
      open.kg = open.kg.add(unit.kg);
    } else parcels.push({ units: [unit], kg: unit.kg });
  }
  return parcels.map((p, i) => {
    const counts = new Map<string, number>();
    for (const u of p.units) counts.set(u.itemId, (counts.get(u.itemId) ?? 0) + 1);
    const gross = p.kg.add(packagingKg);
    const only = p.units.length === 1 ? p.units[0]!.dimensions : undefined;
    return {
      id: String(i + 1),
      // A parcel weighs at least a gram on every carrier's scale.
      weightKg: (gross.compare(Decimal.parse('0.001')) < 0 ? Decimal.parse('0.001') : gross).normalize().toString(),
      ...(only === undefined ? {} : { dimensionsCm: only }),
      items: [...counts].map(([itemId, quantity]) => ({ itemId, quantity })),
    };
  });
}

/**
 * The shipment for what is left to ship of `order`. Throws ShippingPlanError naming every line
 * and field customs would miss (no HS code, no origin, no weight, no price, an unknown SKU) or
 * a conversion that has no rate.
 */
export function planShipment(order: Order, products: ReadonlyMap<string, Product>, opts: PlanShipmentOptions): Shipment {
  const issues: ShippingPlanIssue[] = [];
  const ref = { channel: order.channel, externalId: order.externalId };
  if (order.shipTo === undefined) issues.push({ field: 'shipTo', message: 'the order has no ship-to address' });
  const currency = opts.currency ?? order.currency;
  if (currency === undefined) issues.push({ field: 'currency', message: 'the order has no currency and no declaration currency is configured' });
  const items: CustomsItem[] = [];
  const units: Unit[] = [];
  for (const line of order.lines) {
    const quantity = toShip(line);
    if (quantity === 0) continue;
    const at = { lineId: line.lineId, ...(line.sku === undefined ? {} : { sku: line.sku }) };
    const product = line.sku === undefined ? undefined : products.get(line.sku);
    if (line.sku === undefined) issues.push({ ...at, field: 'sku', message: 'the line has no SKU to find its product in the catalogue' });
    else if (product === undefined) issues.push({ ...at, field: 'sku', message: `no product ${line.sku} in the catalogue (caravan catalog import)` });
    const hsCode = line.hsCode ?? product?.hsCode;
    if (hsCode === undefined) issues.push({ ...at, field: 'hsCode', message: 'no HS code on the line or its catalogue product, which customs needs' });
    const originCountry = line.originCountry ?? product?.originCountry;
    if (originCountry === undefined) issues.push({ ...at, field: 'originCountry', message: 'no country of origin on the line or its catalogue product, which customs needs' });
    const unitKg = product?.weight === undefined ? undefined : weightKg(product.weight);
    if (product !== undefined && unitKg === undefined) issues.push({ ...at, field: 'weight', message: `catalogue product ${product.sku} has no weight, which the declaration needs` });
    let value: Money | undefined;
    if (line.lineTotal === undefined) issues.push({ ...at, field: 'lineTotal', message: 'the line has no price to declare' });
    else if (currency !== undefined) {
      // The units still to ship, at the line's unit price.
      const share = Decimal.fromMoney(line.lineTotal).mul(Decimal.fromInt(quantity)).div(Decimal.fromInt(line.quantity), 12).toMoney(line.lineTotal.currency);
      const converted = opts.convert(share, currency, opts.date);
      if (converted.ok) value = converted.conversion.amount;
      else issues.push({ ...at, field: 'lineTotal', message: `cannot be declared in ${currency}: ${converted.error.message}` });
    }
    if (hsCode === undefined || originCountry === undefined || unitKg === undefined || value === undefined) continue;
    // The catalogue's own title first: a marketplace line title is often long, keyword-stuffed or
    // in the buyer's language, and carriers cap a customs description (MyDHL at 70 characters).
    const description = titleOf(product) ?? line.title ?? line.sku ?? line.lineId;
    items.push({
      id: line.lineId,
      ...(line.sku === undefined ? {} : { sku: line.sku }),
      description,
      hsCode,
      originCountry,
      quantity,
      value,
      weightKg: unitKg.mul(Decimal.fromInt(quantity)).normalize().toString(),
      ...(line.taxCategory === undefined ? {} : { taxCategory: line.taxCategory }),
    });
    const dims = product?.dimensions === undefined ? undefined : dimensionsCm(product.dimensions);
    for (let n = 0; n < quantity; n++) units.push({ itemId: line.lineId, kg: unitKg, ...(dims === undefined ? {} : { dimensions: dims }) });
  }
  if (issues.length === 0 && items.length === 0) issues.push({ field: 'lines', message: 'nothing is left to ship' });
  if (issues.length > 0 || order.shipTo === undefined || currency === undefined) throw new ShippingPlanError(ref, issues);
  return {
    id: `${order.channel}:${order.externalId}`,
    shipFrom: opts.shipFrom,
    shipTo: order.shipTo,
    incoterm: opts.incoterm,
    currency,
    items,
    parcels: pack(units, Decimal.parse(opts.maxParcelKg ?? '30'), Decimal.parse(opts.packagingKg ?? '0')),
    orderRef: ref,
    refs: {},
  };
}
