/**
 * Builds SP-API Orders v0 records (Order + OrderItems) from an order spec. Random specs
 * come from `randomSpec`; the curated records tweak a spec before building.
 *
 * Money rules (how Amazon reports amounts):
 * - ItemPrice is the line total (unit price × QuantityOrdered).
 * - VAT marketplaces (EU, UK, AE, JP): prices include VAT; ItemTax, ShippingTax,
 *   PromotionDiscountTax and ShippingDiscountTax are the VAT contained in them.
 *   OrderTotal = Σ(ItemPrice + ShippingPrice − PromotionDiscount − ShippingDiscount + CODFee − CODFeeDiscount).
 * - US/CA: prices are net; ItemTax/ShippingTax are sales tax (GST/HST/PST) added on top,
 *   computed after discounts; OrderTotal additionally adds Σ(ItemTax + ShippingTax).
 * - Pending, Canceled and Unfulfillable orders carry no OrderTotal and their items no
 *   prices (Amazon withholds them until payment is authorised).
 */
import type { Rng } from './prng.js';
import {
  ADDRESS_POOLS,
  AE_LATIN_ADDRESSES,
  AE_LATIN_NAMES,
  AFN_SERVICE_LEVELS,
  CANCEL_REASONS,
  CATALOG,
  INTERNATIONAL_NAMES,
  SHIP_FROM,
  priceMinor,
  serviceLevelCategory,
  type MarketplaceInfo,
  type Product,
} from './seed-data.js';
import type {
  AmazonAddress,
  AmazonBuyerInfo,
  AmazonMoney,
  AmazonOrder,
  AmazonOrderItem,
  AmazonOrderStatus,
  AmazonPaymentMethod,
} from './wire.js';

/** One seeded order: the Order as getOrder returns it and its items as getOrderItems returns them. */
export interface SandboxOrder {
  order: AmazonOrder;
  items: AmazonOrderItem[];
  /**
   * What Amazon withholds while an order is Pending (OrderTotal, item prices and taxes).
   * The sandbox reveals it when the order leaves Pending through updateOrder.
   */
  withheld?: { OrderTotal: AmazonMoney; items: AmazonOrderItem[] };
}

export interface BuildContext {
  readonly rng: Rng;
  /** Latest second any generated timestamp may carry (now − minAge). */
  readonly maxSec: number;
  readonly days: number;
  readonly usedOrderIds: Set<string>;
  readonly usedItemIds: Set<string>;
  readonly recentOrderIds: string[];
  /** Frozen Money objects shared by every record with the same amount. */
  readonly moneyCache: Map<string, AmazonMoney>;
}

export interface LineSpec {
  product: Product;
  qty: number;
  asin?: string;
  /** null = the item carries no SellerSKU. */
  sku?: string | null;
  title?: string;
  promo: boolean;
  gift: boolean;
}

export interface OrderSpec {
  id: string;
  mp: MarketplaceInfo;
  status: AmazonOrderStatus;
  channel: 'MFN' | 'AFN';
  prime: boolean;
  business: boolean;
  purchaseSec: number;
  lastUpdateSec: number;
  lines: LineSpec[];
  address: AmazonAddress | undefined;
  salesTaxPpm: number;
  buyer: AmazonBuyerInfo | undefined;
  paymentMethod: AmazonPaymentMethod;
  paymentDetails: readonly string[];
  shipServiceLevel: string | undefined;
  shippingFee: boolean;
  freeShippingPromo: boolean;
  replacedOrderId?: string;
  cancelReason?: string;
}

const DIGITS = '0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DAY = 86_400;
const HOUR = 3_600;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO 8601 UTC without milliseconds, as Amazon writes timestamps. Computed directly
 * (days → civil date) because Date#toISOString dominated large seeds.
 */
export function isoSeconds(sec: number): string {
  const days = Math.floor(sec / DAY);
  const rem = sec - days * DAY;
  // Civil-from-days (proleptic Gregorian), valid for the whole Date range.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(rem / HOUR);
  const mm = Math.floor((rem % HOUR) / 60);
  const ss = rem % 60;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}Z`;
}

export function formatAmount(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

// Shared, frozen sub-objects keep 50 000-order seeds lean (fewer objects, less GC);
// nothing mutates them: the sandbox replaces objects, it never edits them in place.
export function money(ctx: BuildContext, mp: MarketplaceInfo, minor: number): AmazonMoney {
  const key = `${mp.currency}${minor}`;
  let m = ctx.moneyCache.get(key);
  if (!m) {
    m = Object.freeze({ CurrencyCode: mp.currency, Amount: formatAmount(minor, mp.exponent) });
    ctx.moneyCache.set(key, m);
  }
  return m;
}
const PACK_INFO: ReadonlyMap<number, { NumberOfItems: string }> = new Map(
  [1, 2, 3, 4, 5, 6, 8, 10, 12].map((n) => [n, Object.freeze({ NumberOfItems: String(n) })] as const),
);
function packInfo(n: number): { NumberOfItems: string } {
  return PACK_INFO.get(n) ?? { NumberOfItems: String(n) };
}
// US marketplace-facilitator states: Amazon collects and remits the sales tax.
const US_TAX_COLLECTION = Object.freeze({ Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' } as const);
const NO_AUTOMATED_SHIPPING = Object.freeze({ HasAutomatedShippingSettings: false });
const frozenShipFrom = Object.fromEntries(
  Object.entries(SHIP_FROM).map(([k, v]) => [k, Object.freeze({ ...v })]),
) as Record<keyof typeof SHIP_FROM, AmazonAddress>;
function shipFrom(mp: MarketplaceInfo): AmazonAddress {
  if (mp.code === 'UK' || mp.code === 'CA' || mp.code === 'AE') return frozenShipFrom[mp.code];
  return frozenShipFrom[mp.region];
}
const PAYMENT_DETAILS: Readonly<Record<string, readonly string[]>> = {
  standard: Object.freeze(['Standard']),
  card: Object.freeze(['CreditCard']),
  cardGift: Object.freeze(['CreditCard', 'GiftCertificate']),
  invoice: Object.freeze(['Invoice']),
  cod: Object.freeze(['COD']),
  cvs: Object.freeze(['ConvenienceStore']),
};
const GIFT_MESSAGES: Readonly<Record<string, string>> = {
  en: 'Happy birthday! Love from all of us.',
  de: 'Alles Gute zum Geburtstag!',
  fr: 'Joyeux anniversaire !',
  it: 'Buon compleanno!',
  es: '¡Feliz cumpleaños!',
  ja: 'お誕生日おめでとう！',
  ar: 'عيد ميلاد سعيد!',
};
/** JP cash-on-delivery fee (tax included), charged on the first item. */
const JP_COD_FEE = 330;

/** VAT contained in a VAT-inclusive amount. */
function includedTax(gross: number, ppm: number): number {
  return Math.round((gross * ppm) / (1_000_000 + ppm));
}
/** Sales tax added on top of a net amount. */
function addedTax(net: number, ppm: number): number {
  return Math.round((net * ppm) / 1_000_000);
}

export function newOrderId(ctx: BuildContext, mp: MarketplaceInfo): string {
  for (;;) {
    const id = `${ctx.rng.pick(mp.orderIdPrefixes)}-${ctx.rng.chars(DIGITS, 7)}-${ctx.rng.chars(DIGITS, 7)}`;
    if (!ctx.usedOrderIds.has(id)) {
      ctx.usedOrderIds.add(id);
      return id;
    }
  }
}
function newItemId(ctx: BuildContext): string {
  for (;;) {
    const id = ctx.rng.chars(DIGITS, 14);
    if (!ctx.usedItemIds.has(id)) {
      ctx.usedItemIds.add(id);
      return id;
    }
  }
}
export function newAsin(rng: Rng): string {
  return `B0${rng.chars(UPPER_ALNUM, 8)}`;
}

// ---------------------------------------------------------------- random specs

const STATUS_WEIGHTS: readonly (readonly [AmazonOrderStatus, number])[] = [
  ['Shipped', 54], ['Unshipped', 14], ['Pending', 8], ['Canceled', 8],
  ['PartiallyShipped', 6], ['InvoiceUnconfirmed', 4], ['Unfulfillable', 2],
];
const LINE_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [[1, 70], [2, 17], [3, 7], [4, 3], [5, 2], [6, 1]];
const QTY_WEIGHTS: readonly (readonly [number, number])[] = [[1, 82], [2, 11], [3, 4], [4, 2], [6, 1]];

/** How long after purchase (seconds) an order in each status was last touched. */
const UPDATE_DELAY: Readonly<Record<AmazonOrderStatus, readonly [number, number]>> = {
  PendingAvailability: [60, DAY],
  Pending: [30, 1_800],
  Unshipped: [300, 2 * HOUR],
  PartiallyShipped: [DAY, 3 * DAY],
  Shipped: [4 * HOUR, 4 * DAY],
  InvoiceUnconfirmed: [4 * HOUR, 4 * DAY],
  Canceled: [600, 2 * DAY],
  Unfulfillable: [HOUR, 2 * DAY],
};
/** How old (seconds) an order in each status can be: Pending and Unshipped ones are recent. */
const PURCHASE_AGE: Readonly<Record<AmazonOrderStatus, readonly [number, number]>> = {
  PendingAvailability: [0, 30 * DAY],
  Pending: [0, 2 * DAY],
  Unshipped: [0, 4 * DAY],
  PartiallyShipped: [DAY, 10 * DAY],
  Shipped: [0, 30 * DAY],
  InvoiceUnconfirmed: [0, 30 * DAY],
  Canceled: [0, 30 * DAY],
  Unfulfillable: [0, 30 * DAY],
};

export function pickStatus(rng: Rng): AmazonOrderStatus {
  return rng.weighted(STATUS_WEIGHTS);
}

export function timesFor(ctx: BuildContext, status: AmazonOrderStatus): { purchaseSec: number; lastUpdateSec: number } {
  const { rng, maxSec } = ctx;
  const span = ctx.days * DAY;
  const [lo, hi] = PURCHASE_AGE[status];
  const purchaseSec = maxSec - rng.int(Math.min(lo, span), Math.min(hi, span));
  const [dlo, dhi] = UPDATE_DELAY[status];
  let lastUpdateSec = purchaseSec + rng.int(dlo, dhi);
  if (lastUpdateSec > maxSec) lastUpdateSec = purchaseSec + rng.int(0, maxSec - purchaseSec);
  return { purchaseSec, lastUpdateSec };
}

export interface RandomAddress {
  address: AmazonAddress;
  salesTaxPpm: number;
}

export function randomAddress(ctx: BuildContext, mp: MarketplaceInfo, options: { forceNativeScript?: boolean; channel?: 'MFN' | 'AFN' } = {}): RandomAddress {
  const { rng } = ctx;
  const pool = ADDRESS_POOLS[mp.code];
  if (mp.code === 'AE' && !options.forceNativeScript && rng.chance(0.4)) {
    return { address: { Name: rng.pick(AE_LATIN_NAMES), ...rng.pick(AE_LATIN_ADDRESSES), AddressType: 'Residential' }, salesTaxPpm: 0 };
  }
  const city = rng.pick(pool.cities);
  const first = rng.pick(pool.firstNames);
  const last = rng.pick(pool.lastNames);
  let name = pool.familyFirst ? `${last} ${first}` : `${first} ${last}`;
  if ((mp.code === 'DE' || mp.code === 'UK') && rng.chance(0.03)) name = rng.pick(INTERNATIONAL_NAMES);
  const address: AmazonAddress = { Name: name, AddressLine1: pool.line1(rng.pick(city.streets ?? pool.streets), rng.int(1, 240)) };
  if (rng.chance(0.25)) address.AddressLine2 = rng.pick(pool.line2);
  address.City = city.city;
  const omitState = (mp.code === 'DE' || mp.code === 'FR') && rng.chance(0.5);
  if (city.state !== undefined && !omitState) address.StateOrRegion = city.state;
  if (city.postalCodes.length > 0) address.PostalCode = rng.pick(city.postalCodes);
  address.CountryCode = mp.countryCode;
  if (options.channel === 'MFN' && mp.code === 'US' && rng.chance(0.3)) address.Phone = `+1 ${rng.int(201, 989)}-555-01${rng.chars(DIGITS, 2)}`;
  if (options.channel === 'MFN' && mp.code === 'UK' && rng.chance(0.3)) address.Phone = `07700 900${rng.chars(DIGITS, 3)}`;
  address.AddressType = rng.chance(0.9) ? 'Residential' : 'Commercial';
  return { address, salesTaxPpm: city.salesTaxPpm ?? 0 };
}

function vatNumber(rng: Rng, mp: MarketplaceInfo): string | undefined {
  switch (mp.code) {
    case 'DE': return `DE${rng.chars(DIGITS, 9)}`;
    case 'UK': return `GB${rng.chars(DIGITS, 9)}`;
    case 'FR': return `FR${rng.chars(DIGITS, 11)}`;
    case 'IT': return `IT${rng.chars(DIGITS, 11)}`;
    case 'ES': return `ESB${rng.chars(DIGITS, 8)}`;
    default: return undefined;
  }
}

export function randomBuyer(ctx: BuildContext, mp: MarketplaceInfo, name: string | undefined, business: boolean): AmazonBuyerInfo {
  const { rng } = ctx;
  // Amazon hands out an anonymised relay address per buyer and marketplace.
  const buyer: AmazonBuyerInfo = { BuyerEmail: `${rng.chars(LOWER_ALNUM, 15)}@${mp.emailDomain}` };
  if (name !== undefined && rng.chance(0.5)) buyer.BuyerName = name;
  if (business) {
    const pool = ADDRESS_POOLS[mp.code];
    const vat = vatNumber(rng, mp);
    buyer.BuyerTaxInfo = {
      CompanyLegalName: pool.companies.length > 0 ? rng.pick(pool.companies) : 'Example Trading Ltd',
      TaxingRegion: mp.countryCode,
      ...(vat !== undefined ? { TaxClassifications: [{ Name: 'VATNumber', Value: vat }] } : {}),
    };
    if (rng.chance(0.5)) buyer.PurchaseOrderNumber = `PO-${rng.chars(DIGITS, 6)}`;
  }
  return buyer;
}

export function randomLines(ctx: BuildContext, count: number): LineSpec[] {
  const { rng } = ctx;
  const lines: LineSpec[] = [];
  const taken = new Set<number>();
  while (lines.length < count) {
    const idx = rng.int(0, CATALOG.length - 1);
    if (taken.has(idx)) continue;
    taken.add(idx);
    const product = CATALOG[idx] as Product;
    // Cheap consumables (the tea) sell in larger quantities.
    const qty = product.eurCents < 1000 && rng.chance(0.3) ? rng.int(2, 10) : rng.weighted(QTY_WEIGHTS);
    lines.push({ product, qty, promo: rng.chance(0.08), gift: rng.chance(0.03) });
  }
  return lines;
}

export interface SpecChoices {
  status?: AmazonOrderStatus;
  channel?: 'MFN' | 'AFN';
  lineCount?: number;
  business?: boolean;
  id?: string;
  forceNativeScript?: boolean;
}

export function randomSpec(ctx: BuildContext, mp: MarketplaceInfo, choices: SpecChoices = {}): OrderSpec {
  const { rng } = ctx;
  const status = choices.status ?? pickStatus(rng);
  // Unfulfillable applies only to Multi-Channel Fulfillment orders, which are AFN.
  const channel = choices.channel ?? (status === 'Unfulfillable' || rng.chance(mp.afnShare) ? 'AFN' : 'MFN');
  const prime = channel === 'AFN' ? rng.chance(0.75) : rng.chance(0.05);
  const business = choices.business ?? rng.chance(mp.businessShare);
  let lineCount = choices.lineCount ?? rng.weighted(LINE_COUNT_WEIGHTS);
  if (status === 'PartiallyShipped') lineCount = Math.max(2, lineCount);
  const { purchaseSec, lastUpdateSec } = timesFor(ctx, status);
  const { address, salesTaxPpm } = randomAddress(ctx, mp, {
    channel,
    ...(choices.forceNativeScript !== undefined ? { forceNativeScript: choices.forceNativeScript } : {}),
  });
  if (business && rng.chance(0.5)) {
    const companies = ADDRESS_POOLS[mp.code].companies;
    if (companies.length > 0) address.CompanyName = rng.pick(companies);
    address.AddressType = 'Commercial';
  }
  const buyer = randomBuyer(ctx, mp, address.Name, business);

  let paymentMethod: AmazonPaymentMethod = 'Other';
  let paymentDetails = PAYMENT_DETAILS.standard as readonly string[];
  if (mp.code === 'JP') {
    // Amazon.co.jp offers cash on delivery and convenience-store payment.
    paymentMethod = rng.weighted<AmazonPaymentMethod>([['Other', 80], ['COD', 12], ['CVS', 8]]);
    if (paymentMethod === 'COD') paymentDetails = PAYMENT_DETAILS.cod as readonly string[];
    else if (paymentMethod === 'CVS') paymentDetails = PAYMENT_DETAILS.cvs as readonly string[];
  }
  if (paymentMethod === 'Other') {
    if (business && mp.region === 'EU' && rng.chance(0.5)) paymentDetails = PAYMENT_DETAILS.invoice as readonly string[];
    else paymentDetails = rng.weighted([[PAYMENT_DETAILS.standard, 60], [PAYMENT_DETAILS.card, 30], [PAYMENT_DETAILS.cardGift, 10]]) as readonly string[];
  }

  const shipServiceLevel = channel === 'MFN' ? rng.pick(mp.mfnServiceLevels) : rng.weighted(AFN_SERVICE_LEVELS);
  const shippingFee = channel === 'MFN' && !prime && rng.chance(0.5);
  const spec: OrderSpec = {
    id: choices.id ?? newOrderId(ctx, mp),
    mp,
    status,
    channel,
    prime,
    business,
    purchaseSec,
    lastUpdateSec,
    lines: randomLines(ctx, lineCount),
    address,
    salesTaxPpm,
    buyer,
    paymentMethod,
    paymentDetails,
    shipServiceLevel,
    shippingFee,
    freeShippingPromo: shippingFee && rng.chance(0.15),
  };
  if (status === 'Canceled' && rng.chance(0.4)) spec.cancelReason = rng.pick(CANCEL_REASONS);
  if (ctx.recentOrderIds.length > 0 && rng.chance(0.005)) spec.replacedOrderId = rng.pick(ctx.recentOrderIds);
  return spec;
}

// ---------------------------------------------------------------- building

function shippedQuantities(spec: OrderSpec): number[] {
  switch (spec.status) {
    case 'Shipped':
    case 'InvoiceUnconfirmed':
      return spec.lines.map((l) => l.qty);
    case 'PartiallyShipped':
      // First line out of the door, the rest still waiting.
      return spec.lines.map((l, i) => (i === 0 ? (spec.lines.length === 1 ? l.qty - 1 : l.qty) : 0));
    default:
      return spec.lines.map(() => 0);
  }
}

export function buildOrder(ctx: BuildContext, spec: OrderSpec): SandboxOrder {
  const { rng } = ctx;
  const { mp } = spec;
  const shipped = shippedQuantities(spec);
  const pricedItems: AmazonOrderItem[] = [];
  const bareItems: AmazonOrderItem[] = [];
  const showsPrices = spec.status !== 'Pending' && spec.status !== 'Canceled' && spec.status !== 'Unfulfillable';
  // Pending orders keep their prices aside (withheld) for when they leave Pending.
  const needsPrices = showsPrices || spec.status === 'Pending';
  let totalMinor = 0;
  let units = 0;
  let shippedUnits = 0;

  spec.lines.forEach((line, i) => {
    const { product, qty } = line;
    units += qty;
    shippedUnits += shipped[i] ?? 0;
    const gross = priceMinor(product, mp) * qty;
    const discount = line.promo ? Math.round(gross / 10) : 0;
    const shipping = i === 0 && spec.shippingFee ? mp.shippingFeeMinor : 0;
    const shipDiscount = i === 0 && spec.freeShippingPromo ? shipping : 0;
    const codFee = i === 0 && spec.paymentMethod === 'COD' ? JP_COD_FEE : 0;
    let itemTax: number, shipTax: number, promoTax: number, shipDiscountTax: number;
    let lineTotal = gross + shipping - discount - shipDiscount + codFee;
    if (mp.taxMode === 'inclusive') {
      itemTax = includedTax(gross, mp.vatPpm);
      shipTax = includedTax(shipping, mp.vatPpm);
      promoTax = includedTax(discount, mp.vatPpm);
      shipDiscountTax = includedTax(shipDiscount, mp.vatPpm);
    } else {
      itemTax = addedTax(gross - discount, spec.salesTaxPpm);
      shipTax = addedTax(shipping - shipDiscount, spec.salesTaxPpm);
      promoTax = 0;
      shipDiscountTax = 0;
      lineTotal += itemTax + shipTax;
    }
    totalMinor += lineTotal;

    const orderItemId = newItemId(ctx);
    const asin = line.asin ?? product.asin;
    const sku = line.sku === null ? undefined : (line.sku ?? (product.skuPerMarketplace ? `${product.sku}-${mp.code}` : product.sku));
    const title = line.title ?? product.titles[mp.titleLocale];
    // Built field by field (no object spread): spread-then-extend objects fall off V8's
    // fast path, which made 50 000-order seeds ten times slower.
    const itemHead = (quantityOrdered: number, quantityShipped: number): AmazonOrderItem => {
      // Field order as Amazon writes it: ASIN, OrderItemId, SellerSKU, Title, QuantityOrdered.
      const item = { ASIN: asin, OrderItemId: orderItemId } as AmazonOrderItem;
      if (sku !== undefined) item.SellerSKU = sku;
      item.Title = title;
      item.QuantityOrdered = quantityOrdered;
      item.QuantityShipped = quantityShipped;
      item.ProductInfo = packInfo(product.packOf);
      return item;
    };
    if (!showsPrices) {
      const bare = itemHead(spec.status === 'Canceled' ? 0 : qty, 0);
      bare.ConditionId = 'New';
      bare.ConditionSubtypeId = 'New';
      bare.IsTransparency = false;
      bare.SerialNumberRequired = false;
      if (spec.cancelReason !== undefined) {
        bare.BuyerRequestedCancel = { IsBuyerRequestedCancel: 'true', BuyerCancelReason: spec.cancelReason };
      }
      bareItems.push(bare);
    }
    if (!needsPrices) return;

    const priced = itemHead(qty, shipped[i] ?? 0);
    if (mp.code === 'JP' && rng.chance(0.3)) {
      // Amazon points: 1 % of the price, one point = one yen.
      const points = Math.floor(gross / 100);
      priced.PointsGranted = { PointsNumber: points, PointsMonetaryValue: money(ctx, mp, points) };
    }
    priced.ItemPrice = money(ctx, mp, gross);
    priced.ShippingPrice = money(ctx, mp, shipping);
    priced.ItemTax = money(ctx, mp, itemTax);
    priced.ShippingTax = money(ctx, mp, shipTax);
    priced.ShippingDiscount = money(ctx, mp, shipDiscount);
    priced.ShippingDiscountTax = money(ctx, mp, shipDiscountTax);
    priced.PromotionDiscount = money(ctx, mp, discount);
    priced.PromotionDiscountTax = money(ctx, mp, promoTax);
    const promotionIds: string[] = [];
    if (line.promo) promotionIds.push(`NW-SAVE10-${rng.chars(UPPER_ALNUM, 6)}`);
    if (shipDiscount > 0) promotionIds.push(`Core Free Shipping Promotion ${rng.chars(UPPER_ALNUM, 14)}`);
    if (promotionIds.length > 0) priced.PromotionIds = promotionIds;
    if (codFee > 0) {
      priced.CODFee = money(ctx, mp, codFee);
      priced.CODFeeDiscount = money(ctx, mp, 0);
    }
    priced.IsGift = line.gift ? 'true' : 'false';
    priced.ConditionId = 'New';
    priced.ConditionSubtypeId = 'New';
    if (spec.business) priced.PriceDesignation = 'BusinessPrice';
    if (mp.code === 'US') priced.TaxCollection = US_TAX_COLLECTION;
    priced.IsTransparency = false;
    priced.SerialNumberRequired = false;
    if (line.gift) priced.BuyerInfo = { GiftMessageText: GIFT_MESSAGES[mp.titleLocale] ?? 'Happy birthday!', GiftWrapLevel: 'Classic' };
    pricedItems.push(priced);
  });

  const isMcf = spec.status === 'Unfulfillable';
  const orderTotal = money(ctx, mp, totalMinor);

  const earliestShip = Math.ceil((spec.purchaseSec + rng.int(1, 20) * HOUR) / HOUR) * HOUR;
  const latestShip = earliestShip + rng.int(1, 2) * DAY;
  const earliestDelivery = latestShip + mp.deliveryDays[0] * DAY;
  const latestDelivery = earliestDelivery + (mp.deliveryDays[1] - mp.deliveryDays[0]) * DAY + rng.int(0, 1) * DAY;

  const order: AmazonOrder = {
    AmazonOrderId: spec.id,
    // Amazon mirrors its own id here; Multi-Channel Fulfillment orders carry the seller's.
    SellerOrderId: isMcf ? `NW-MCF-${rng.chars(DIGITS, 6)}` : spec.id,
    PurchaseDate: isoSeconds(spec.purchaseSec),
    LastUpdateDate: isoSeconds(spec.lastUpdateSec),
    OrderStatus: spec.status,
    FulfillmentChannel: spec.channel,
    SalesChannel: isMcf ? 'Non-Amazon' : mp.salesChannel,
  };
  if (spec.shipServiceLevel !== undefined) order.ShipServiceLevel = spec.shipServiceLevel;
  if (showsPrices) order.OrderTotal = orderTotal;
  if (spec.status === 'Pending' || spec.status === 'Canceled') {
    order.NumberOfItemsShipped = 0;
    order.NumberOfItemsUnshipped = 0;
  } else {
    order.NumberOfItemsShipped = shippedUnits;
    order.NumberOfItemsUnshipped = units - shippedUnits;
  }
  order.PaymentMethod = spec.paymentMethod;
  order.PaymentMethodDetails = spec.paymentDetails as string[];
  order.IsReplacementOrder = spec.replacedOrderId !== undefined;
  if (spec.replacedOrderId !== undefined) order.ReplacedOrderId = spec.replacedOrderId;
  order.MarketplaceId = mp.marketplaceId;
  order.ShipmentServiceLevelCategory = serviceLevelCategory(spec.shipServiceLevel ?? 'Standard');
  order.OrderType = 'StandardOrder';
  order.EarliestShipDate = isoSeconds(earliestShip);
  order.LatestShipDate = isoSeconds(latestShip);
  order.EarliestDeliveryDate = isoSeconds(earliestDelivery);
  order.LatestDeliveryDate = isoSeconds(latestDelivery);
  order.IsBusinessOrder = spec.business;
  order.IsPrime = spec.prime;
  order.IsGlobalExpressEnabled = false;
  order.IsPremiumOrder = false;
  order.IsSoldByAB = false;
  order.IsIBA = false;
  if (spec.channel === 'MFN') order.DefaultShipFromLocationAddress = shipFrom(mp);
  order.IsISPU = false;
  order.IsAccessPointOrder = false;
  if (spec.address !== undefined) order.ShippingAddress = spec.address;
  if (spec.buyer !== undefined) order.BuyerInfo = spec.buyer;
  if (spec.channel === 'MFN') order.AutomatedShippingSettings = NO_AUTOMATED_SHIPPING;

  ctx.recentOrderIds.push(spec.id);
  if (ctx.recentOrderIds.length > 50) ctx.recentOrderIds.shift();

  const result: SandboxOrder = { order, items: showsPrices ? pricedItems : bareItems };
  if (spec.status === 'Pending') result.withheld = { OrderTotal: orderTotal, items: pricedItems };
  return result;
}
