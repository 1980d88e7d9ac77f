/**
 * DHL rate replies → canonical RateQuote: MyDHL API `/rates` (products[], one quote per product
 * and currency role of `totalPrice` — BILLC billing, PULCL pickup-country local, BASEC DHL base
 * currency — each kept as its own record) and the legacy XML-PI DCTResponse GetQuote
 * (`BkgDetails.QtdShp[]`). Pure, total.
 */
import { CarrierIssues, type CarrierCharge, type CarrierTime, type RateQuote } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { Money } from '../canonical/money.js';
import type { MyDhlRateProduct } from '../../connectors/dhl/schemas/carrier-json.js';
import type { DhlXmlQuotedShipment } from '../../connectors/dhl/schemas/xml.js';

export const DHL_RATE_RECORD_TYPE = 'dhl.rate';

function count(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** One MyDHL product → a quote per currency role that carries a currency (`products[i]`). */
export function myDhlProductToRateQuotes(p: MyDhlRateProduct, index = 0): MappingResult<RateQuote>[] {
  const base = `products[${index}]`;
  const id = p.productCode ?? p.productName;
  const prices = (p.totalPrice ?? []).map((t, i) => ({ t, i })).filter(({ t }) => t.priceCurrency !== undefined || (t.price !== undefined && t.price !== 0 && t.price !== '0'));
  if (prices.length === 0) {
    // Listed without a price (every totalPrice 0, no currency: EXPRESS EASY in sonnenglas' recorded reply): kept, marked unpriced.
    const issues = new CarrierIssues();
    const delivery = issues.time(`${base}.deliveryCapabilities.estimatedDeliveryDateAndTime`, p.deliveryCapabilities?.estimatedDeliveryDateAndTime);
    if (issues.list.length > 0) return [fail(new MappingError(DHL_RATE_RECORD_TYPE, id, issues.list))];
    return [
      ok(
        defined({
          recordType: 'rate-quote' as const,
          carrier: 'dhl' as const,
          service: defined({ code: p.productCode, name: p.productName }),
          priced: false,
          surcharges: [],
          taxes: [],
          transitDays: count(p.deliveryCapabilities?.totalTransitDays),
          delivery,
        }),
      ),
    ];
  }
  return prices.map(({ t, i }) => {
    const issues = new CarrierIssues();
    const total = issues.money(`${base}.totalPrice[${i}].price`, t.price, t.priceCurrency);
    const bi = (p.totalPriceBreakdown ?? []).findIndex((b) => b.currencyType === t.currencyType);
    const lines = bi < 0 ? [] : (p.totalPriceBreakdown![bi]!.priceBreakdown ?? []);
    const cur = bi < 0 ? t.priceCurrency : (p.totalPriceBreakdown![bi]!.priceCurrency ?? t.priceCurrency);
    const line = (code: (c: string) => boolean) =>
      lines.flatMap((l, j) => (l.typeCode !== undefined && code(l.typeCode) ? [{ code: l.typeCode, amount: issues.money(`${base}.totalPriceBreakdown[${bi}].priceBreakdown[${j}].price`, l.price, cur) }] : []));
    const baseLine = line((c) => c === 'SPRQT' || c === 'SPRQN')[0]?.amount;
    const taxes = line((c) => c.startsWith('STTX')).flatMap((l): CarrierCharge[] => (l.amount === undefined ? [] : [{ code: l.code, amount: l.amount }]));
    const discount = line((c) => c === 'STDIS')[0]?.amount;
    const di = (p.detailedPriceBreakdown ?? []).findIndex((b) => b.currencyType === t.currencyType);
    const surcharges = (di < 0 ? [] : (p.detailedPriceBreakdown![di]!.breakdown ?? [])).flatMap((b, j): CarrierCharge[] => {
      if (b.serviceCode === undefined) return [];
      const amount = issues.money(`${base}.detailedPriceBreakdown[${di}].breakdown[${j}].price`, b.price, p.detailedPriceBreakdown![di]!.priceCurrency ?? cur);
      return amount === undefined ? [] : [defined({ code: b.serviceCode, description: b.name, amount })];
    });
    const delivery = issues.time(`${base}.deliveryCapabilities.estimatedDeliveryDateAndTime`, p.deliveryCapabilities?.estimatedDeliveryDateAndTime);
    if (issues.list.length > 0 || total === undefined) return fail(new MappingError(DHL_RATE_RECORD_TYPE, id, issues.list.length > 0 ? issues.list : [{ field: `${base}.totalPrice[${i}].price`, message: 'is missing' }]));
    return ok(
      defined({
        recordType: 'rate-quote' as const,
        carrier: 'dhl' as const,
        service: defined({ code: p.productCode, name: p.productName }),
        rateType: t.currencyType,
        total,
        priced: true,
        base: baseLine,
        surcharges,
        taxes,
        discounts: discount,
        transitDays: count(p.deliveryCapabilities?.totalTransitDays),
        delivery,
      }),
    );
  });
}

/** `DeliveryDate[0]` as a carrier time: a bare date completed by `DeliveryTime` ("PT23H59M", the time of day) when DHL gives one. */
function xmlDelivery(q: DhlXmlQuotedShipment, field: string, issues: CarrierIssues): CarrierTime | undefined {
  const d = q.DeliveryDate[0];
  if (d === undefined) return undefined;
  const tod = /^PT(?:(\d{1,2})H)?(?:(\d{1,2})M)?$/.exec(q.DeliveryTime ?? '');
  const at =
    d.DlvyDateTime !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d.DlvyDateTime.trim()) && tod !== null && (tod[1] !== undefined || tod[2] !== undefined)
      ? `${d.DlvyDateTime.trim()}T${(tod[1] ?? '0').padStart(2, '0')}:${(tod[2] ?? '0').padStart(2, '0')}`
      : d.DlvyDateTime;
  return issues.time(`${field}.DeliveryDate.DlvyDateTime`, at, d.DeliveryDateTimeOffset);
}

/**
 * One quoted product of an XML DCTResponse (`BkgDetails[b].QtdShp[i]`): a quote per currency role
 * of `QtdSInAdCur` (BILLC, PULCL, BASEC — each its own record, as for MyDHL), its surcharges from
 * the same role's `QtdSExtrChrgInAdCur`; a reply without roles gives one quote in `CurrencyCode`.
 */
export function dhlXmlQuoteToRateQuotes(q: DhlXmlQuotedShipment, field: string): MappingResult<RateQuote>[] {
  const roles = q.QtdSInAdCur.map((r, k) => ({ r, k })).filter(({ r }) => r.TotalAmount !== undefined);
  if (roles.length === 0) return [dhlXmlQuoteToRateQuote(q, field)];
  return roles.map(({ r, k }) => {
    const issues = new CarrierIssues();
    const at = `${field}.QtdSInAdCur[${k}]`;
    const cur = r.CurrencyCode;
    const total = issues.money(`${at}.TotalAmount`, r.TotalAmount, cur);
    const baseCharge = issues.money(`${at}.WeightCharge`, r.WeightCharge, cur);
    const tax = issues.money(`${at}.TotalTaxAmount`, r.TotalTaxAmount, cur);
    const surcharges = q.QtdShpExChrg.flatMap((c, i): CarrierCharge[] => {
      const j = c.QtdSExtrChrgInAdCur.findIndex((x) => x.CurrencyRoleTypeCode === r.CurrencyRoleTypeCode);
      const inRole = c.QtdSExtrChrgInAdCur[j];
      // Without this role's amount, the charge's own amount serves only when it is in the role's currency.
      const amount =
        inRole !== undefined
          ? issues.money(`${field}.QtdShpExChrg[${i}].QtdSExtrChrgInAdCur[${j}].ChargeValue`, inRole.ChargeValue, inRole.CurrencyCode ?? cur)
          : (c.CurrencyCode ?? q.CurrencyCode) === cur
            ? issues.money(`${field}.QtdShpExChrg[${i}].ChargeValue`, c.ChargeValue, cur)
            : (issues.add(`${field}.QtdShpExChrg[${i}]`, `has no amount in the ${r.CurrencyRoleTypeCode ?? 'role'} currency ${cur ?? ''}`.trim()), undefined);
      return amount === undefined ? [] : [defined({ code: c.SpecialServiceType, description: c.GlobalServiceName, amount })];
    });
    const delivery = xmlDelivery(q, field, issues);
    if (issues.list.length > 0) return fail(new MappingError(DHL_RATE_RECORD_TYPE, q.GlobalProductCode, issues.list));
    return ok(xmlPricedQuote(q, { rateType: r.CurrencyRoleTypeCode, total: total!, base: baseCharge, surcharges, tax, delivery }));
  });
}

/** A priced XML quote from its figures (in one currency role, or in the quote's currency). */
function xmlPricedQuote(
  q: DhlXmlQuotedShipment,
  f: { rateType?: string | undefined; total: Money; base: Money | undefined; surcharges: CarrierCharge[]; tax: Money | undefined; delivery: RateQuote['delivery'] },
): RateQuote {
  return defined({
    recordType: 'rate-quote' as const,
    carrier: 'dhl' as const,
    service: defined({ code: q.GlobalProductCode, name: q.ProductShortName }),
    rateType: f.rateType,
    total: f.total,
    priced: true,
    base: f.base,
    surcharges: f.surcharges,
    taxes: f.tax === undefined || f.tax.amountMinor === 0 ? [] : [{ code: 'TotalTaxAmount', amount: f.tax }],
    transitDays: count(q.TotalTransitDays),
    delivery: f.delivery,
  });
}

/** One quoted product of an XML DCTResponse (`BkgDetails[b].QtdShp[i]`) in its `CurrencyCode`. */
export function dhlXmlQuoteToRateQuote(q: DhlXmlQuotedShipment, field: string): MappingResult<RateQuote> {
  const issues = new CarrierIssues();
  const cur = q.CurrencyCode;
  if (cur === undefined && (q.ShippingCharge === undefined || /^0*\.?0*$/.test(q.ShippingCharge))) {
    // A product quoted without a currency or a charge (capability only): kept, marked unpriced.
    const when = xmlDelivery(q, field, issues);
    if (issues.list.length > 0) return fail(new MappingError(DHL_RATE_RECORD_TYPE, q.GlobalProductCode, issues.list));
    return ok(defined({ recordType: 'rate-quote' as const, carrier: 'dhl' as const, service: defined({ code: q.GlobalProductCode, name: q.ProductShortName }), priced: false, surcharges: [], taxes: [], transitDays: count(q.TotalTransitDays), delivery: when }));
  }
  const total = issues.money(`${field}.ShippingCharge`, q.ShippingCharge, cur);
  if (total === undefined && issues.list.length === 0) issues.add(`${field}.ShippingCharge`, 'is missing');
  const baseCharge = issues.money(`${field}.WeightCharge`, q.WeightCharge, cur);
  const surcharges = q.QtdShpExChrg.flatMap((c, i): CarrierCharge[] => {
    const amount = issues.money(`${field}.QtdShpExChrg[${i}].ChargeValue`, c.ChargeValue, c.CurrencyCode ?? cur);
    return amount === undefined ? [] : [defined({ code: c.SpecialServiceType, description: c.GlobalServiceName, amount })];
  });
  const tax = issues.money(`${field}.TotalTaxAmount`, q.TotalTaxAmount, cur);
  const delivery = xmlDelivery(q, field, issues);
  if (issues.list.length > 0) return fail(new MappingError(DHL_RATE_RECORD_TYPE, q.GlobalProductCode, issues.list));
  return ok(xmlPricedQuote(q, { total: total!, base: baseCharge, surcharges, tax, delivery }));
}
