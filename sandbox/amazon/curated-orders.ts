/**
 * Hand-picked records that exercise what breaks integrations: right-to-left and
 * non-Latin scripts, missing optional fields, odd whitespace, more items than one
 * getOrderItems page, and a few semantically malformed records. Their ids are fixed so
 * tests in any process can name them; everything else about them follows the seed.
 */
import {
  buildOrder,
  newAsin,
  randomSpec,
  type BuildContext,
  type LineSpec,
  type SandboxOrder,
} from './order-builder.js';
import { CATALOG, marketplace, type Product } from './seed-data.js';

export const CURATED_ORDER_IDS = {
  /** AE order in Arabic script (RTL), no postal code (the UAE has none), Arabic titles. */
  arabicAddressAe: '402-7315904-2258316',
  /** JP order with a Japanese-script address, cash on delivery (CODFee), three lines. */
  japaneseAddressJp: '503-2841957-6630148',
  /** UK order whose recipient and buyer name are in Hebrew. */
  hebrewNameUk: '204-5518203-7739126',
  /** DE order whose recipient name is in Arabic script. */
  arabicNameDe: '305-6620174-1184527',
  /** DE order whose recipient name is Greek. */
  greekNameDe: '302-9087312-4451096',
  /** UK order whose recipient name is Cyrillic. */
  cyrillicNameUk: '026-3342851-9907314',
  /** DE business order with 47 lines: more than two getOrderItems pages at the default 20. */
  manyLinesDe: '304-1187420-5530961',
  /** US AFN order without ShippingAddress. */
  noShippingAddressUs: '113-4409821-7736012',
  /** UK order without BuyerInfo. */
  noBuyerInfoUk: '203-8850217-3316480',
  /** FR order whose second item has no SellerSKU. */
  noSellerSkuFr: '405-2297310-8841257',
  /** IT order without ShipServiceLevel. */
  noShipServiceLevelIt: '403-7761029-2210384',
  /** ES order whose ShippingAddress holds only CountryCode and PostalCode. */
  postalOnlyAddressEs: '406-1038274-6652190',
  /** DE order with AddressLine2/3 carrying leading, trailing, doubled, tab and no-break spaces. */
  oddWhitespaceDe: '303-4471650-9023318',
  /** Malformed: an item's ItemPrice.Amount uses a decimal comma ("19,99"). */
  commaDecimalDe: '306-5529174-0081463',
  /** Malformed: PurchaseDate is not a real date (February 30th, 25:61). */
  invalidPurchaseDateUk: '205-9914302-5568271',
  /** Malformed: OrderTotal.CurrencyCode "EURO" is not ISO 4217. */
  nonIsoCurrencyFr: '407-3382046-1175529',
} as const;

export interface KnownMalformedOrder {
  readonly amazonOrderId: string;
  /** Path of the offending field; `OrderItems[n]` addresses getOrderItems' items. */
  readonly field: string;
  readonly reason: string;
  /**
   * true = the record violates the ordersV0.json schema itself (wrong JSON type);
   * false = schema-valid but semantically wrong, so it passes a schema validator
   * (and Prism) and only a strict integration rejects it. All current ones are false.
   */
  readonly structural: boolean;
}

export const KNOWN_MALFORMED_ORDERS: readonly KnownMalformedOrder[] = [
  {
    amazonOrderId: CURATED_ORDER_IDS.commaDecimalDe,
    field: 'OrderItems[0].ItemPrice.Amount',
    reason: 'decimal comma ("19,99"): not a decimal amount',
    structural: false,
  },
  {
    amazonOrderId: CURATED_ORDER_IDS.invalidPurchaseDateUk,
    field: 'PurchaseDate',
    reason: 'not a valid ISO 8601 date-time (February 30th, hour 25, minute 61)',
    structural: false,
  },
  {
    amazonOrderId: CURATED_ORDER_IDS.nonIsoCurrencyFr,
    field: 'OrderTotal.CurrencyCode',
    reason: '"EURO" is not an ISO 4217 currency code',
    structural: false,
  },
];

function product(sku: string): Product {
  const p = CATALOG.find((c) => c.sku === sku);
  if (!p) throw new Error(`catalogue has no ${sku}`);
  return p;
}
const line = (sku: string, qty = 1, extra: Partial<LineSpec> = {}): LineSpec => ({
  product: product(sku), qty, promo: false, gift: false, ...extra,
});

/** Builds the curated records; `ctx.usedOrderIds` must already hold all curated ids. */
export function buildCuratedOrders(ctx: BuildContext): SandboxOrder[] {
  const ids = CURATED_ORDER_IDS;
  const out: SandboxOrder[] = [];
  const DE = marketplace('DE');
  const UK = marketplace('UK');

  {
    const spec = randomSpec(ctx, marketplace('AE'), { id: ids.arabicAddressAe, status: 'Shipped', channel: 'MFN', business: false });
    spec.lines = [line('NW-DRIP-CER-02'), line('NW-TEA-SENCHA-100', 3)];
    spec.address = {
      Name: 'مريم المنصوري',
      AddressLine1: 'شارع الشيخ زايد، برج الواحة',
      AddressLine2: 'شقة ١٢٠٤',
      City: 'دبي',
      StateOrRegion: 'دبي',
      CountryCode: 'AE',
      AddressType: 'Residential',
    };
    spec.buyer = { BuyerEmail: 'q7m2x9v4k1r8t3z@marketplace.amazon.ae', BuyerName: 'مريم المنصوري' };
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, marketplace('JP'), { id: ids.japaneseAddressJp, status: 'Shipped', channel: 'AFN', business: false });
    spec.lines = [line('NW-MATCHA-SET'), line('NW-TEA-SENCHA-100', 2), line('NW-DRIP-CER-02')];
    spec.paymentMethod = 'COD';
    spec.paymentDetails = ['COD'];
    spec.address = {
      Name: '鈴木 さくら',
      AddressLine1: '神宮前1丁目2-3',
      AddressLine2: 'サンハイツ 302号室',
      City: '渋谷区',
      StateOrRegion: '東京都',
      PostalCode: '150-0001',
      CountryCode: 'JP',
      AddressType: 'Residential',
    };
    spec.buyer = { BuyerEmail: 'h4k8s2d6f1g9j3l@marketplace.amazon.co.jp', BuyerName: '鈴木 さくら' };
    out.push(buildOrder(ctx, spec));
  }
  const named = (id: string, mp: typeof DE, name: string, status: 'Shipped' | 'Unshipped'): SandboxOrder => {
    const spec = randomSpec(ctx, mp, { id, status, channel: 'MFN', business: false });
    if (spec.address) spec.address.Name = name;
    if (spec.buyer) spec.buyer.BuyerName = name;
    return buildOrder(ctx, spec);
  };
  out.push(named(ids.hebrewNameUk, UK, 'נועה לוי', 'Unshipped'));
  out.push(named(ids.arabicNameDe, DE, 'يوسف الحداد', 'Shipped'));
  out.push(named(ids.greekNameDe, DE, 'Νικόλαος Παπαδόπουλος', 'Shipped'));
  out.push(named(ids.cyrillicNameUk, UK, 'Анна Смирнова', 'Shipped'));
  {
    const spec = randomSpec(ctx, DE, { id: ids.manyLinesDe, status: 'Shipped', channel: 'MFN', business: true });
    // A B2B restock: every catalogue item, then colour/size variants (child ASINs).
    spec.lines = Array.from({ length: 47 }, (_, i) => {
      const p = CATALOG[i % CATALOG.length] as Product;
      const variant = Math.floor(i / CATALOG.length);
      if (variant === 0) return line(p.sku, 1 + (i % 4));
      return line(p.sku, 1 + (i % 3), {
        asin: newAsin(ctx.rng),
        sku: `${p.sku}-V${variant + 1}`,
        title: `${p.titles.de} (Variante ${variant + 1})`,
      });
    });
    spec.buyer = {
      BuyerEmail: 'b2b7restock4de9@marketplace.amazon.de',
      BuyerTaxInfo: {
        CompanyLegalName: 'Hansa Bürobedarf GmbH',
        TaxingRegion: 'DE',
        TaxClassifications: [{ Name: 'VATNumber', Value: 'DE298765431' }],
      },
      PurchaseOrderNumber: 'PO-2026-0417',
    };
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, marketplace('US'), { id: ids.noShippingAddressUs, status: 'Shipped', channel: 'AFN' });
    spec.address = undefined;
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, UK, { id: ids.noBuyerInfoUk, status: 'Shipped', channel: 'AFN', business: false });
    spec.buyer = undefined;
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, marketplace('FR'), { id: ids.noSellerSkuFr, status: 'Shipped', channel: 'MFN', business: false });
    spec.lines = [line('NW-YOGA-6MM-GRN'), line('NW-BTL-750-STL', 1, { sku: null })];
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, marketplace('IT'), { id: ids.noShipServiceLevelIt, status: 'Unshipped', channel: 'MFN' });
    spec.shipServiceLevel = undefined;
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, marketplace('ES'), { id: ids.postalOnlyAddressEs, status: 'Shipped', channel: 'AFN' });
    spec.address = { PostalCode: '28013', CountryCode: 'ES' };
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, DE, { id: ids.oddWhitespaceDe, status: 'Unshipped', channel: 'MFN', business: false });
    spec.address = {
      Name: 'Jürgen  Weber',
      AddressLine1: 'Kastanienweg 7 ',
      AddressLine2: '  c/o  Schmidt\t',
      AddressLine3: 'Hinterhaus,\u00a03. OG  ',
      City: 'Görlitz',
      PostalCode: '02826',
      CountryCode: 'DE',
      AddressType: 'Residential',
    };
    out.push(buildOrder(ctx, spec));
  }
  {
    const spec = randomSpec(ctx, DE, { id: ids.commaDecimalDe, status: 'Shipped', channel: 'AFN', business: false });
    spec.lines = [line('NW-BTL-750-STL')];
    spec.paymentMethod = 'Other';
    const built = buildOrder(ctx, spec);
    const first = built.items[0];
    if (first) first.ItemPrice = { CurrencyCode: 'EUR', Amount: '19,99' };
    out.push(built);
  }
  {
    const spec = randomSpec(ctx, UK, { id: ids.invalidPurchaseDateUk, status: 'Shipped', channel: 'AFN' });
    const built = buildOrder(ctx, spec);
    const year = new Date(spec.lastUpdateSec * 1000).getUTCFullYear();
    built.order.PurchaseDate = `${year}-02-30T25:61:00Z`;
    out.push(built);
  }
  {
    const spec = randomSpec(ctx, marketplace('FR'), { id: ids.nonIsoCurrencyFr, status: 'Shipped', channel: 'AFN' });
    const built = buildOrder(ctx, spec);
    built.order.OrderTotal = { CurrencyCode: 'EURO', Amount: built.order.OrderTotal?.Amount ?? '0.00' };
    out.push(built);
  }
  return out;
}
