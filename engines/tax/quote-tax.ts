/**
 * The built-in VAT/GST engine: a pure function from a TaxQuoteRequest to an explained
 * TaxQuote. It decides which country's tax applies and who collects it (domestic sale,
 * intra-EU distance sale under or over the EUR 10,000 threshold, IOSS, UK £135, VOEC,
 * low-value goods regimes, import VAT at the border, reverse charge), then computes each
 * line with the dated rate of that day. Every rate, threshold and scheme comes from
 * engines/tax/data; every figure names its rule; every conversion is returned.
 */
import { convert, type FxRateTable } from '../fx/index.js';
import { currencyInfo } from '../../mappings/canonical/currencies.js';
import { Decimal } from '../../mappings/canonical/decimal.js';
import type { Address } from '../../mappings/canonical/address.js';
import type { Conversion } from '../../mappings/canonical/fx.js';
import { addMoney, formatMoney, sumMoney, type Money } from '../../mappings/canonical/money.js';
import type { TaxCategory, TaxQuote, TaxQuoteRequest, TaxRuleRef } from '../../mappings/canonical/tax.js';
import { schemeRule, type SchemeRule, type SchemeThreshold } from './data/scheme-rules.js';
import { territoryOn, type SpecialTerritory } from './data/special-territories.js';
import { EU_MEMBER_STATES } from './data/vat-rates-eu.js';
import { checkVatNumberFormat } from './vat-number.js';
import { canadianProvince, salesTaxComponents, type TaxComponent } from './vat-rates.js';
import { isAlcoholOrTobacco } from '../duty/low-value-rules.js';

export const TAX_ENGINE_PROVIDER = 'caravan-builtin';

export type VatNumberStatus = 'valid' | 'invalid' | 'unknown';

export interface TaxEngineContext {
  /** Rates for converting consignment values into the currency of a threshold (EUR 150, GBP 135 …). */
  readonly fx: FxRateTable;
  /**
   * Optional live check of a VAT number (VIES or a national register): `country` is the
   * issuing country (ISO alpha-2: GR for EL numbers, XI for Northern Ireland), `number` the
   * part after the prefix. 'invalid' refuses the reverse charge; 'unknown' falls back to the
   * offline check (format and check digits), and the quote says the number is unverified.
   */
  readonly vatNumberCheck?: (country: string, number: string) => VatNumberStatus;
  /**
   * An EU or XI number with good check digits that VIES has not confirmed (no live check, or
   * 'unknown'): 'reverse-charge' (default) grants the reverse charge and the quote notes that it
   * rests on an unverified number; 'charge-vat' charges VAT as to a consumer until VIES confirms.
   */
  readonly unconfirmedVatNumbers?: UnconfirmedVatNumbers;
}

export type UnconfirmedVatNumbers = 'reverse-charge' | 'charge-vat';

type Collector = TaxQuote['collectedBy'];
type QuoteLine = TaxQuote['lines'][number];

/** Raised inside the engine when no figure can be given; quoteTax turns it into `unavailable`. */
class Unavailable extends Error {
  constructor(
    message: string,
    readonly jurisdiction?: string,
  ) {
    super(message);
  }
}

/** Who collects what under one scheme. */
interface Decision {
  readonly scheme: string;
  readonly collectedBy: Collector;
  readonly rule: SchemeRule;
  /** Whose rates apply; absent when the scheme charges nothing (reverse charge, relief). */
  readonly rates?: { readonly country: string; readonly subdivision?: string };
}

interface Plan {
  readonly jurisdiction: string;
  readonly decision: Decision;
  /** Per-item regimes (VOEC, AU/NZ low-value goods) decide line by line. */
  readonly perLine?: ReadonlyMap<string, Decision>;
  /** Switzerland: import tax of CHF 5 or less is not collected, decided on the computed tax. */
  readonly swissSmallAmount?: boolean;
  /** A special territory whose own tax is not encoded: the quote is `unavailable` for that figure only. */
  readonly localUnavailable?: string;
  /** A special territory's own import tax at or under this rule's threshold is not collected. */
  readonly localMinimum?: string;
}

/**
 * Where an address is for tax: its VAT territory ('DE', 'XI', 'CH' for Büsingen, or the id of a
 * special territory outside the EU VAT territory such as 'ES-CN'), the region whose own rates
 * apply inside it ('30' Madeira), and the special territory itself.
 */
interface Place {
  readonly territory: string;
  readonly region?: string;
  readonly special?: SpecialTerritory;
}

interface GoodsLine {
  readonly id: string;
  readonly amount: Money;
  readonly quantity: number;
  readonly category: TaxCategory;
}

const EU_GOODS_TERRITORY: ReadonlySet<string> = new Set<string>([...EU_MEMBER_STATES, 'XI']);
const PERCENT = Decimal.fromInt(100);

/** A working quote: the request, the context, and what has been noted and converted so far. */
class Quoting {
  readonly notes: string[] = [];
  readonly conversions: Conversion[] = [];
  readonly goods: GoodsLine[];
  readonly shipping: Money | undefined;
  /** Regions whose own rates replace the country's in this quote (PT → '30' for Madeira). */
  readonly regions = new Map<string, string>();

  constructor(
    readonly req: TaxQuoteRequest,
    readonly ctx: TaxEngineContext,
  ) {
    this.goods = req.lines.map((l) => ({
      id: l.id,
      amount: this.inQuoteCurrency(l.amount, `line ${l.id}`),
      quantity: l.quantity,
      category: l.taxCategory,
    }));
    this.shipping = req.shipping ? this.inQuoteCurrency(req.shipping, 'shipping') : undefined;
  }

  get date(): string {
    return this.req.date;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  rule(key: string): SchemeRule {
    const rule = schemeRule(key, this.date);
    if (!rule) throw new Unavailable(`no ${key} rule is encoded for ${this.date}`);
    return rule;
  }

  /** Notes the scheme rule that decided the quote, with its source. */
  noteRule(rule: SchemeRule): void {
    this.note(`Rule ${ruleId(rule)}: ${rule.description} (source: ${rule.source})`);
  }

  private inQuoteCurrency(money: Money, what: string): Money {
    if (money.currency === this.req.currency) return money;
    return this.convertTo(money, this.req.currency, `${what} in the quote currency`);
  }

  /** Converts with the context's rates; the conversion is kept and explained. */
  convertTo(money: Money, to: string, purpose: string): Money {
    if (money.currency === to) return money;
    const result = convert(money, to, this.date, { table: this.ctx.fx });
    if (!result.ok) throw new Unavailable(`cannot convert ${formatMoney(money)} ${money.currency} to ${to} for ${purpose}: ${result.error.message}`);
    const c = result.conversion;
    this.conversions.push(c);
    const fallback = c.fallback ? `, ${c.fallback.reason}: ${c.fallback.daysBack} day(s) back` : '';
    this.note(
      `FX for ${purpose}: ${formatMoney(c.from)} ${c.from.currency} = ${formatMoney(c.amount)} ${c.amount.currency} ` +
        `at ${c.rate} (${c.source} ${c.method} rate of ${c.rateDate}${fallback}, rounded ${c.rounding})`,
    );
    return c.amount;
  }

  components(country: string, category: TaxCategory, subdivision?: string): TaxComponent[] {
    const sub = subdivision ?? this.regions.get(country);
    const parts = salesTaxComponents(country, category, this.date, sub);
    const where = sub !== undefined ? `${country}-${sub}` : country;
    if (!parts || parts.length === 0) throw new Unavailable(`no ${where} rate is encoded for ${this.date}`, where);
    return parts;
  }

  /** Goods value net of tax at `country`'s rates (prices may include tax): what low-value thresholds measure. */
  netValue(lines: readonly GoodsLine[], country: string, subdivision?: string): Money {
    const exponent = exponentOf(this.req.currency);
    let total = Decimal.fromInt(0);
    for (const line of lines) {
      const { net } = lineTax(line.amount, this.components(country, line.category, subdivision), this.req.pricesIncludeTax, exponent);
      total = total.add(net);
    }
    return total.toMoney(this.req.currency);
  }

  shippingNet(country: string, subdivision?: string): Money | undefined {
    if (!this.shipping) return undefined;
    const exponent = exponentOf(this.req.currency);
    const { net } = lineTax(this.shipping, this.components(country, 'standard', subdivision), this.req.pricesIncludeTax, exponent);
    return net.toMoney(this.req.currency);
  }
}

function exponentOf(currency: string): number {
  const info = currencyInfo(currency);
  if (!info) throw new Unavailable(`unknown currency ${currency}`);
  return info.exponent;
}

export function ruleId(rule: SchemeRule): string {
  return `${rule.key}@${rule.effectiveFrom}`;
}

/** The TaxRuleRef of a scheme rule. */
export function schemeRuleRef(rule: SchemeRule): TaxRuleRef {
  return {
    id: ruleId(rule),
    description: rule.description,
    source: rule.source,
    effectiveFrom: rule.effectiveFrom,
    ...(rule.effectiveTo !== undefined ? { effectiveTo: rule.effectiveTo } : {}),
  };
}

/**
 * Tax of one amount under its components, each rounded half-even to the currency exponent.
 * Added: tax = net × rate / 100. Included: tax = gross × rate / (100 + total rate).
 */
function lineTax(amount: Money, components: readonly TaxComponent[], inclusive: boolean, exponent: number): { net: Decimal; taxes: Decimal[] } {
  const value = Decimal.fromMoney(amount);
  const rates = components.map((c) => Decimal.parse(c.ratePercent));
  if (!inclusive) return { net: value, taxes: rates.map((r) => value.mul(r).div(PERCENT, exponent, 'half-even')) };
  const divisor = rates.reduce((a, r) => a.add(r), PERCENT);
  const taxes = rates.map((r) => value.mul(r).div(divisor, exponent, 'half-even'));
  return { net: taxes.reduce((n, t) => n.sub(t), value), taxes };
}

function thresholdMet(value: Money, t: SchemeThreshold): boolean {
  const cmp = Decimal.fromMoney(value).compare(Decimal.parse(t.amount));
  return t.applies === 'at-most' ? cmp <= 0 : t.applies === 'below' ? cmp < 0 : cmp > 0;
}

function thresholdText(t: SchemeThreshold): string {
  const sign = t.applies === 'at-most' ? '≤' : t.applies === 'below' ? '<' : '>';
  return `${sign} ${t.currency} ${t.amount}`;
}

function money(m: Money): string {
  return `${formatMoney(m)} ${m.currency}`;
}

/** Id of a special-territory rule, like a scheme rule's: `ES-CN@2007-01-01`. */
function territoryRuleId(t: SpecialTerritory): string {
  return `${t.id}@${t.effectiveFrom}`;
}

/**
 * Tax territory of an address: Northern Ireland (BT postcodes) is XI; Liechtenstein is in the
 * Swiss VAT area; Monaco in the French; the Isle of Man in the UK's. Places inside a member
 * state with their own status (engines/tax/data/special-territories.ts) are decided by
 * country + postcode on the quote date: outside the EU VAT territory (Canary Islands,
 * Heligoland …), in another VAT area (Büsingen: Swiss), or with regional rates (Madeira).
 */
function territoryOf(address: Address, s: Quoting, role: string): Place {
  const postal = (address.postalCode ?? '').trim().toUpperCase();
  if (address.country === 'GB' && postal.startsWith('BT')) return { territory: 'XI' };
  if (address.country === 'LI') {
    s.note(`${role} Liechtenstein: Swiss VAT area (customs and VAT treaty with Switzerland)`);
    return { territory: 'CH' };
  }
  if (address.country === 'MC') {
    s.note(`${role} Monaco: French VAT territory`);
    return { territory: 'FR' };
  }
  if (address.country === 'IM') {
    s.note(`${role} Isle of Man: United Kingdom VAT territory`);
    return { territory: 'GB' };
  }
  const t = territoryOn(address, s.date);
  if (!t) return { territory: address.country };
  s.note(`${role} ${t.name}: ${t.description} (territory rule ${territoryRuleId(t)}; source: ${t.source})`);
  if (t.status === 'vat-area') return { territory: t.vatArea! };
  if (t.status === 'regional-rates') return { territory: t.country, region: t.subdivision! };
  return { territory: t.id, special: t };
}

/** Decides whose regional rates apply, for the countries of the two places. */
function applyRegions(s: Quoting, from: Place, dest: Place): void {
  if (from.territory === dest.territory) {
    if (from.region === dest.region) {
      if (from.region !== undefined) s.regions.set(from.territory, from.region);
      return;
    }
    // Portugal: a supply with transport is located where the transport starts (mainland or region).
    const rule = s.rule('PT-REGIONAL-PLACE');
    s.noteRule(rule);
    const start = from.region !== undefined ? `${from.territory}-${from.region}` : `mainland ${from.territory}`;
    const end = dest.region !== undefined ? `${dest.territory}-${dest.region}` : `mainland ${dest.territory}`;
    s.note(`Goods sent from ${start} to ${end}: located where the transport starts, so the rates of ${start} apply`);
    if (from.region !== undefined) s.regions.set(from.territory, from.region);
    return;
  }
  if (dest.region !== undefined) s.regions.set(dest.territory, dest.region);
  if (from.region !== undefined) s.regions.set(from.territory, from.region);
}

/** `PT` → `PT-30` when the quote's rates are Madeira's. */
function withRegion(s: Quoting, plan: Plan): Plan {
  const region = s.regions.get(plan.jurisdiction);
  return region === undefined ? plan : { ...plan, jurisdiction: `${plan.jurisdiction}-${region}` };
}

// ——— buyer VAT numbers ———

type NumberCheck = { ok: true; country: string; number: string } | { ok: false; reason: string };

/**
 * A business buyer's VAT number: format and check digits per issuing country, then the optional
 * live check. A number VIES has not confirmed carries a note (or, with `unconfirmedVatNumbers:
 * 'charge-vat'`, gets no reverse charge when VIES covers it: EU member states and XI).
 */
function checkBuyerNumber(s: Quoting, presumedCountry: string, accept: (country: string) => string | undefined): NumberCheck | undefined {
  const { buyer } = s.req;
  if (!buyer.isBusiness) return undefined;
  if (!buyer.vatNumber) return { ok: false, reason: 'the business buyer gave no VAT number' };
  const format = checkVatNumberFormat(buyer.vatNumber, presumedCountry);
  if (format.checkDigitsValid === false) return { ok: false, reason: `VAT number ${format.normalized} is invalid: check digits fail` };
  if (!format.formatValid || !format.country || format.number === undefined) {
    return { ok: false, reason: `VAT number "${buyer.vatNumber}" is badly formatted: ${format.reason ?? 'unrecognised'}` };
  }
  const refusal = accept(format.country);
  if (refusal) return { ok: false, reason: `VAT number ${format.normalized}: ${refusal}` };
  const offline = format.checkDigitsValid ? 'format and check digits valid' : `format valid (no check-digit rule for ${format.country})`;
  const status = s.ctx.vatNumberCheck?.(format.country, format.number);
  if (status === 'invalid') return { ok: false, reason: `VAT number ${format.normalized} is not registered (live check: invalid)` };
  if (status === 'valid') {
    s.note(`VAT number ${format.normalized}: ${offline}, live check valid`);
    return { ok: true, country: format.country, number: format.number };
  }
  const why = status === 'unknown' ? 'live check unavailable (unknown)' : 'no live check configured';
  if (EU_GOODS_TERRITORY.has(format.country)) {
    if (s.ctx.unconfirmedVatNumbers === 'charge-vat') {
      return { ok: false, reason: `VAT number ${format.normalized} has not been confirmed by VIES (${why}) and the tenant charges VAT until VIES confirms` };
    }
    s.note(`VAT number ${format.normalized}: ${offline}, ${why}: the reverse charge rests on a number VIES has not confirmed (unverified)`);
  } else {
    s.note(`VAT number ${format.normalized}: ${offline} for ${format.country}, ${why}: the buyer's business status rests on an unverified number`);
  }
  return { ok: true, country: format.country, number: format.number };
}

// ——— regimes ———

function domestic(s: Quoting, key: string, country: string, subdivision?: string): Plan {
  const rule = s.rule(key);
  s.noteRule(rule);
  const rates = subdivision !== undefined ? { country, subdivision } : { country };
  return { jurisdiction: country, decision: { scheme: 'domestic', collectedBy: 'seller', rule, rates } };
}

function euPlan(s: Quoting, from: string, to: string): Plan {
  const { seller } = s.req;
  if (to === 'XI' || from === 'XI') s.noteRule(s.rule('XI-GOODS'));
  if (from === to) return domestic(s, 'EU-DOMESTIC', to);
  if (from === 'GB' && to === 'XI') {
    s.note('Goods moved from Great Britain to Northern Ireland: a UK domestic supply for VAT');
    return domestic(s, 'GB-DOMESTIC', 'XI');
  }
  if (!EU_GOODS_TERRITORY.has(from)) return euImportPlan(s, to);

  // Intra-EU: B2B with a valid VAT number of another member state → reverse charge.
  const b2b = checkBuyerNumber(s, to, (country) =>
    !EU_GOODS_TERRITORY.has(country)
      ? `issued by ${country}, not an EU member state (or XI): no intra-Community supply`
      : country === from
        ? `issued by ${country}, the member state the goods leave: an intra-Community supply needs a number of another member state`
        : undefined,
  );
  if (b2b?.ok) {
    const rule = s.rule('EU-INTRA-B2B');
    s.noteRule(rule);
    if (b2b.country !== to) s.note(`Buyer's VAT number is from ${b2b.country}, the goods go to ${to}: the acquisition is declared with the ${b2b.country} number`);
    return { jurisdiction: to, decision: { scheme: 'reverse-charge', collectedBy: 'buyer', rule } };
  }
  if (b2b && !b2b.ok) s.note(`No reverse charge: ${b2b.reason}; VAT is charged as on a sale to a consumer`);

  // A seller established in Northern Ireland has country GB in its profile; for goods it is in the EU area (XI).
  const sellerTerritory = seller.country === 'GB' && from === 'XI' ? 'XI' : seller.country;
  if (sellerTerritory !== seller.country) s.note('Seller established in the UK and dispatching from Northern Ireland: treated as established in XI for goods');
  const threshold = s.rule('EU-DISTANCE-THRESHOLD');
  const oss = (why: string, collectedBy: Collector = 'seller', key = 'EU-OSS'): Plan => {
    s.note(why);
    const rule = s.rule(key);
    s.noteRule(rule);
    return { jurisdiction: to, decision: { scheme: 'oss', collectedBy, rule, rates: { country: to } } };
  };
  if (!EU_GOODS_TERRITORY.has(sellerTerritory)) {
    return seller.viaMarketplace
      ? oss(`Seller established outside the EU (${seller.country}) selling goods already in the EU through a marketplace: the marketplace is the deemed supplier`, 'marketplace', 'EU-MARKETPLACE-INTRA')
      : oss(`Seller established outside the EU (${seller.country}): the EUR 10,000 threshold does not apply, destination VAT`);
  }
  if (sellerTerritory !== from) {
    return oss(`Goods dispatched from ${from} while the seller is established in ${seller.country}: the EUR 10,000 threshold (${ruleId(threshold)}) applies only to goods dispatched from the member state of establishment; destination VAT`);
  }
  if (seller.ossNumber) return oss(`Seller registered for the Union OSS (${seller.ossNumber}): destination VAT`);
  if (!seller.euDistanceSalesEur) {
    return oss(`EU-wide distance sales of the seller not given: the EUR 10,000 threshold (${ruleId(threshold)}) cannot be shown to be unmet; destination VAT`);
  }

  const t = threshold.threshold!;
  const goodsNet = s.netValue(s.goods, to);
  const shipNet = s.shippingNet(to);
  const saleNet: Money = shipNet ? addMoney(goodsNet, shipNet) : goodsNet;
  const saleEur = s.convertTo(saleNet, t.currency, 'the EU distance-sales threshold');
  const previous = Decimal.parse(seller.euDistanceSalesEur.previousYear);
  const current = Decimal.parse(seller.euDistanceSalesEur.currentYear).add(Decimal.fromMoney(saleEur));
  const limit = Decimal.parse(t.amount);
  const exceeded = previous.compare(limit) > 0 || current.compare(limit) > 0;
  s.note(
    `EU distance sales (${ruleId(threshold)}): previous year ${previous.toString()} EUR, current year ` +
      `${seller.euDistanceSalesEur.currentYear} + this sale ${formatMoney(saleEur)} = ${current.toString()} EUR; ` +
      (exceeded ? `above EUR ${t.amount}: destination VAT through OSS` : `not above EUR ${t.amount} in either year: VAT of ${from}, the seller's member state`),
  );
  if (exceeded) {
    const rule = s.rule('EU-OSS');
    s.noteRule(rule);
    return { jurisdiction: to, decision: { scheme: 'oss', collectedBy: 'seller', rule, rates: { country: to } } };
  }
  const rule = s.rule('EU-DISTANCE-ORIGIN');
  s.noteRule(rule);
  return { jurisdiction: from, decision: { scheme: 'distance-sale-origin', collectedBy: 'seller', rule, rates: { country: from } } };
}

function euImportPlan(s: Quoting, to: string): Plan {
  const { seller, buyer } = s.req;
  const importDecision = (key: string): Plan => {
    const rule = s.rule(key);
    s.noteRule(rule);
    return { jurisdiction: to, decision: { scheme: 'import', collectedBy: 'customs', rule, rates: { country: to } } };
  };
  if (buyer.isBusiness) {
    s.note('Business buyer: IOSS covers sales to consumers only; the importer pays import VAT at customs and deducts it');
    return importDecision('EU-IMPORT');
  }
  const ioss = s.rule('EU-IOSS');
  const t = ioss.threshold!;
  const value = s.convertTo(s.netValue(s.goods, to), t.currency, 'the EUR 150 IOSS consignment threshold');
  if (!thresholdMet(value, t)) {
    s.note(`Consignment intrinsic value ${money(value)} is above EUR ${t.amount} (${ruleId(ioss)}): IOSS not available; import VAT and customs duty at customs`);
    return importDecision('EU-IMPORT');
  }
  s.note(`Consignment intrinsic value ${money(value)} ${thresholdText(t)} (${ruleId(ioss)}): eligible for IOSS (customs duty, if any, is quoted by the duty engine)`);
  if (seller.viaMarketplace) {
    const rule = s.rule('EU-IOSS-MARKETPLACE');
    s.noteRule(rule);
    return { jurisdiction: to, decision: { scheme: 'ioss', collectedBy: 'marketplace', rule, rates: { country: to } } };
  }
  if (seller.iossNumber) {
    s.noteRule(ioss);
    s.note(`Seller's IOSS number ${seller.iossNumber} is declared to customs so the import is VAT-exempt`);
    return { jurisdiction: to, decision: { scheme: 'ioss', collectedBy: 'seller', rule: ioss, rates: { country: to } } };
  }
  s.note('Seller has no IOSS number and does not sell through a marketplace');
  return importDecision('EU-IMPORT-NO-IOSS');
}

function gbPlan(s: Quoting, from: string): Plan {
  if (from === 'GB' || from === 'XI') {
    if (from === 'XI') s.note('Goods moved from Northern Ireland to Great Britain: a UK domestic supply for VAT');
    return domestic(s, 'GB-DOMESTIC', 'GB');
  }
  const { seller } = s.req;
  const low = s.rule('GB-LOW-VALUE');
  const t = low.threshold!;
  const value = s.convertTo(s.netValue(s.goods, 'GB'), t.currency, 'the GBP 135 consignment threshold');
  if (!thresholdMet(value, t)) {
    s.note(`Consignment intrinsic value ${money(value)} is above GBP ${t.amount} (${ruleId(low)}): import VAT at the border`);
    const rule = s.rule('GB-IMPORT');
    s.noteRule(rule);
    return { jurisdiction: 'GB', decision: { scheme: 'import', collectedBy: 'customs', rule, rates: { country: 'GB' } } };
  }
  s.note(`Consignment intrinsic value ${money(value)} ${thresholdText(t)} (${ruleId(low)}): UK VAT is charged at the point of sale`);
  const b2b = checkBuyerNumber(s, 'GB', (country) => (country === 'GB' ? undefined : `issued by ${country}, not a UK (GB) VAT number`));
  if (b2b?.ok) {
    const rule = s.rule('GB-LOW-VALUE-B2B');
    s.noteRule(rule);
    return { jurisdiction: 'GB', decision: { scheme: 'reverse-charge', collectedBy: 'buyer', rule } };
  }
  if (b2b && !b2b.ok) s.note(`No reverse charge: ${b2b.reason}`);
  s.noteRule(low);
  if (seller.viaMarketplace) {
    s.note('Sold through an online marketplace: the marketplace is the deemed supplier and charges the VAT (VAT Act 1994 s 5A)');
    return { jurisdiction: 'GB', decision: { scheme: 'uk-low-value', collectedBy: 'marketplace', rule: low, rates: { country: 'GB' } } };
  }
  if (!seller.registrations['GB']) s.note('The seller holds no UK VAT registration in its profile: it must register to charge this VAT (no threshold for overseas sellers)');
  return { jurisdiction: 'GB', decision: { scheme: 'uk-low-value', collectedBy: 'seller', rule: low, rates: { country: 'GB' } } };
}

/**
 * Item-by-item low-value regimes (VOEC, AU and NZ low-value goods): each goods line's unit
 * value, in the threshold currency, decides whether the seller charges the tax at the sale.
 */
function perItemPlan(
  s: Quoting,
  country: string,
  keys: { low: string; b2b?: string; border: string; scheme: string },
  eligible: { ok: boolean; why?: string },
  b2b: NumberCheck | undefined,
): Plan {
  const low = s.rule(keys.low);
  const border = s.rule(keys.border);
  const t = low.threshold!;
  const { seller } = s.req;
  const collector: Collector = seller.viaMarketplace ? 'marketplace' : 'seller';
  const lowDecision: Decision =
    b2b?.ok && keys.b2b
      ? { scheme: 'reverse-charge', collectedBy: 'buyer', rule: s.rule(keys.b2b) }
      : { scheme: keys.scheme, collectedBy: collector, rule: low, rates: { country } };
  const borderDecision: Decision = { scheme: 'import', collectedBy: 'customs', rule: border, rates: { country } };
  if (b2b && !b2b.ok) s.note(`Buyer treated as a consumer: ${b2b.reason}`);
  if (!eligible.ok && eligible.why) s.note(eligible.why);

  const perLine = new Map<string, Decision>();
  for (const line of s.goods) {
    const lineValue = s.convertTo(s.netValue([line], country), t.currency, `item value of line ${line.id}`);
    const unit = Decimal.fromMoney(lineValue).div(Decimal.fromInt(line.quantity), exponentOf(t.currency), 'half-even').toMoney(t.currency);
    const under = thresholdMet(unit, t);
    s.note(
      `Line ${line.id}: item value ${money(unit)}${line.quantity > 1 ? ` (${money(lineValue)} / ${line.quantity})` : ''} ` +
        `${under ? thresholdText(t) : `not ${thresholdText(t)}`} (${ruleId(low)})` +
        (under && eligible.ok ? ': tax charged at the sale' : ': tax at the border'),
    );
    perLine.set(line.id, under && eligible.ok ? lowDecision : borderDecision);
  }
  const decisions = [...new Set(perLine.values())];
  for (const d of decisions) s.noteRule(d.rule);
  const decision: Decision =
    decisions.length === 1
      ? decisions[0]!
      : { ...lowDecision, scheme: `${lowDecision.scheme}+import` };
  if (decisions.length > 1) {
    s.note(`Mixed consignment: lines under the threshold are taxed at the sale (${lowDecision.collectedBy}), the others at the border (customs); totalTax includes both`);
  }
  return { jurisdiction: country, decision, perLine };
}

function noPlan(s: Quoting, from: string): Plan {
  if (from === 'NO') return domestic(s, 'NO-DOMESTIC', 'NO');
  const { seller, buyer } = s.req;
  const voecRegistered = seller.viaMarketplace || seller.registrations['NO'] !== undefined;
  const eligible = buyer.isBusiness
    ? { ok: false, why: 'Business buyer: VOEC covers sales to consumers only; VAT at import' }
    : voecRegistered
      ? { ok: true }
      : { ok: false, why: 'Seller is not VOEC-registered (no NO registration in its profile, no marketplace): VAT at import' };
  if (seller.viaMarketplace && !buyer.isBusiness) s.note('Sold through a marketplace: the VOEC-registered marketplace charges the VAT');
  return perItemPlan(s, 'NO', { low: 'NO-VOEC', border: 'NO-IMPORT', scheme: 'voec' }, eligible, undefined);
}

function chPlan(s: Quoting, from: string): Plan {
  if (from === 'CH') return domestic(s, 'CH-DOMESTIC', 'CH');
  const { seller } = s.req;
  if (seller.registrations['CH']) {
    const rule = s.rule('CH-MAIL-ORDER');
    s.noteRule(rule);
    s.note(`Seller registered for Swiss VAT (${seller.registrations['CH']}): its deliveries are domestic supplies, Swiss VAT charged at the sale`);
    return { jurisdiction: 'CH', decision: { scheme: 'ch-mail-order', collectedBy: 'seller', rule, rates: { country: 'CH' } } };
  }
  const platform = schemeRule('CH-PLATFORM', s.date);
  if (seller.viaMarketplace && platform) {
    s.noteRule(platform);
    return { jurisdiction: 'CH', decision: { scheme: 'ch-platform', collectedBy: 'marketplace', rule: platform, rates: { country: 'CH' } } };
  }
  const rule = s.rule('CH-IMPORT');
  s.noteRule(rule);
  s.note('The Swiss import VAT base also includes customs duty and clearance fees, which are not part of this quote');
  const mailOrder = schemeRule('CH-MAIL-ORDER', s.date);
  if (mailOrder) s.note(`Rule ${ruleId(mailOrder)}: ${mailOrder.description}`);
  return { jurisdiction: 'CH', decision: { scheme: 'import', collectedBy: 'customs', rule, rates: { country: 'CH' } }, swissSmallAmount: true };
}

function auPlan(s: Quoting, from: string): Plan {
  if (from === 'AU') return domestic(s, 'AU-DOMESTIC', 'AU');
  const b2b = checkBuyerNumber(s, 'AU', (country) => (country === 'AU' ? undefined : `issued by ${country}, not an ABN`));
  return perItemPlan(s, 'AU', { low: 'AU-LVG', b2b: 'AU-LVG-B2B', border: 'AU-IMPORT', scheme: 'au-low-value' }, { ok: true }, b2b);
}

function nzPlan(s: Quoting, from: string): Plan {
  if (from === 'NZ') return domestic(s, 'NZ-DOMESTIC', 'NZ');
  const b2b = checkBuyerNumber(s, 'NZ', (country) => (country === 'NZ' ? undefined : `issued by ${country}, not a New Zealand GST number`));
  return perItemPlan(s, 'NZ', { low: 'NZ-LVG', b2b: 'NZ-LVG-B2B', border: 'NZ-IMPORT', scheme: 'nz-low-value' }, { ok: true }, b2b);
}

function sgPlan(s: Quoting, from: string): Plan {
  if (from === 'SG') return domestic(s, 'SG-DOMESTIC', 'SG');
  const { seller } = s.req;
  s.note('Assumed imported by air or post (goods imported by sea always pay import GST at the border)');
  const lowKey = schemeRule('SG-LVG', s.date) ? 'SG-LVG' : 'SG-IMPORT-RELIEF';
  const low = s.rule(lowKey);
  const t = low.threshold!;
  const value = s.convertTo(s.netValue(s.goods, 'SG'), t.currency, 'the SGD 400 low-value threshold');
  const border = (): Plan => {
    const rule = s.rule('SG-IMPORT');
    s.noteRule(rule);
    return { jurisdiction: 'SG', decision: { scheme: 'import', collectedBy: 'customs', rule, rates: { country: 'SG' } } };
  };
  if (!thresholdMet(value, t)) {
    s.note(`Consignment value ${money(value)} is above SGD ${t.amount} (${ruleId(low)}): import GST at the border`);
    return border();
  }
  s.note(`Consignment value ${money(value)} ${thresholdText(t)} (${ruleId(low)})`);
  s.noteRule(low);
  if (lowKey === 'SG-IMPORT-RELIEF') {
    return { jurisdiction: 'SG', decision: { scheme: 'import-relief', collectedBy: 'none', rule: low } };
  }
  const b2b = checkBuyerNumber(s, 'SG', (country) => (country === 'SG' ? undefined : `issued by ${country}, not a Singapore GST number`));
  if (b2b?.ok) {
    const rule = s.rule('SG-LVG-B2B');
    s.noteRule(rule);
    return { jurisdiction: 'SG', decision: { scheme: 'reverse-charge', collectedBy: 'buyer', rule } };
  }
  if (b2b && !b2b.ok) s.note(`Buyer treated as a consumer: ${b2b.reason}`);
  return {
    jurisdiction: 'SG',
    decision: { scheme: 'sg-low-value', collectedBy: seller.viaMarketplace ? 'marketplace' : 'seller', rule: low, rates: { country: 'SG' } },
  };
}

function jpPlan(s: Quoting, from: string): Plan {
  if (from === 'JP') return domestic(s, 'JP-DOMESTIC', 'JP');
  const small = s.rule('JP-SMALL-CONSIGNMENT');
  const t = small.threshold!;
  // Taxable value at the border: goods and transport (CIF), in yen. Excise goods never qualify.
  const excise = s.req.lines.some((l) => isAlcoholOrTobacco(l.hsCode));
  const goods = s.netValue(s.goods, 'JP');
  const ship = s.shippingNet('JP');
  const cif = ship === undefined ? goods : addMoney(goods, ship);
  const value = s.convertTo(cif, t.currency, 'the JPY 10,000 small-consignment limit');
  if (!excise && thresholdMet(value, t)) {
    s.note(`Consignment value with transport ${money(value)} ${thresholdText(t)} (${ruleId(small)}): no import consumption tax`);
    s.noteRule(small);
    s.note('Personal-use goods are valued at 60% of the retail price, so more consignments may qualify than this CIF comparison shows: customs decide');
    return { jurisdiction: 'JP', decision: { scheme: 'import-relief', collectedBy: 'none', rule: small } };
  }
  s.note(
    excise
      ? `Alcohol or tobacco in the consignment: no small-consignment relief (${ruleId(small)})`
      : `Consignment value with transport ${money(value)} is above JPY ${t.amount} (${ruleId(small)}): import consumption tax at the border`,
  );
  const rule = s.rule('JP-IMPORT');
  s.noteRule(rule);
  return { jurisdiction: 'JP', decision: { scheme: 'import', collectedBy: 'customs', rule, rates: { country: 'JP' } } };
}

function caPlan(s: Quoting, from: string): Plan {
  const province = canadianProvince(s.req.shipTo.region);
  if (!province) {
    s.note(`Province of the ship-to address unknown (region "${s.req.shipTo.region ?? ''}"): federal GST only; HST, QST or PST may be due in the province`);
  }
  const jurisdiction = province ? `CA-${province}` : 'CA';
  const rates = province ? { country: 'CA', subdivision: province } : { country: 'CA' };
  if (from === 'CA') {
    const rule = s.rule('CA-DOMESTIC');
    s.noteRule(rule);
    return { jurisdiction, decision: { scheme: 'domestic', collectedBy: 'seller', rule, rates } };
  }
  // Value for the low-value thresholds: the goods, in Canadian dollars; excise goods never qualify.
  const cusma = (from === 'US' || from === 'MX') && schemeRule('CA-LOW-VALUE-CUSMA', s.date) !== undefined;
  const low = s.rule(cusma ? 'CA-LOW-VALUE-CUSMA' : 'CA-LOW-VALUE');
  const t = low.threshold!;
  const excise = s.req.lines.some((l) => isAlcoholOrTobacco(l.hsCode));
  const value = s.convertTo(s.netValue(s.goods, 'CA', province), t.currency, `the CAD ${t.amount} low-value threshold`);
  if (!excise && thresholdMet(value, t)) {
    s.note(`Shipment value ${money(value)} ${thresholdText(t)} (${ruleId(low)}): released without GST/HST (courier or post assumed)`);
    s.noteRule(low);
    return { jurisdiction, decision: { scheme: 'import-relief', collectedBy: 'none', rule: low } };
  }
  s.note(
    excise
      ? `Alcohol or tobacco in the shipment: no low-value release (${ruleId(low)})`
      : `Shipment value ${money(value)} is above CAD ${t.amount} (${ruleId(low)}): GST/HST assessed at the border`,
  );
  const rule = s.rule('CA-IMPORT');
  s.noteRule(rule);
  s.note("Commercial importers self-assess provincial sales tax under the province's act where the CBSA does not collect it: not quoted here");
  return { jurisdiction, decision: { scheme: 'import', collectedBy: 'customs', rule, rates } };
}

/**
 * Goods to a special territory outside the EU VAT territory (VAT Directive art. 6): from the
 * EU they are exported (zero-rated in the member state they leave); on arrival the
 * territory's own tax applies where it has one: charged at its encoded rates, reported as
 * nothing due, or named as not encoded (the quote is then `unavailable` for that figure, never
 * a mainland rate).
 */
function territoryPlan(s: Quoting, from: Place, t: SpecialTerritory): Plan {
  const local = t.localTax;
  if (!local) throw new Unavailable(`${t.name}: no local tax recorded for the territory rule ${territoryRuleId(t)}`, t.id);
  const inside = from.territory === t.id;
  const fromEu = EU_GOODS_TERRITORY.has(from.territory);
  if (fromEu) {
    const rule = s.rule('TERRITORY-EXPORT');
    s.noteRule(rule);
    s.note(`Export from ${from.territory} to ${t.name} (${t.id}): zero-rated in ${from.territory}, with proof that the goods left the EU VAT territory`);
  } else if (!inside) {
    s.note(`Goods from ${from.territory} to ${t.name} (${t.id}): the territory is outside the EU VAT territory, so no EU VAT (nor IOSS) applies`);
  }
  if (s.req.buyer.isBusiness && !inside) s.note('Business buyer: no intra-Community supply or reverse charge to a territory outside the EU VAT territory');

  if (local.kind === 'none') {
    const rule = s.rule('TERRITORY-NO-TAX');
    s.noteRule(rule);
    s.note(`${t.name}: ${local.note}`);
    return { jurisdiction: t.id, decision: { scheme: fromEu ? 'export' : 'territory-no-tax', collectedBy: 'none', rule } };
  }
  if (local.kind === 'rates') {
    const rates = local.subdivision !== undefined ? { country: local.country, subdivision: local.subdivision } : { country: local.country };
    s.note(`${t.name}: ${local.note}`);
    if (inside) {
      const rule = s.rule('TERRITORY-DOMESTIC');
      s.noteRule(rule);
      return { jurisdiction: t.id, decision: { scheme: 'territory-domestic', collectedBy: 'seller', rule, rates } };
    }
    const rule = s.rule('TERRITORY-IMPORT');
    s.noteRule(rule);
    if (s.req.buyer.isBusiness && local.consumersOnly !== undefined) {
      s.note(`Business buyer: ${local.consumersOnly}`);
      return { jurisdiction: t.id, decision: { scheme: fromEu ? 'export' : 'territory-no-tax', collectedBy: 'none', rule } };
    }
    if (s.req.buyer.isBusiness) s.note(`The importer pays the ${local.tax} at import and deducts it under the local rules`);
    const minimum = local.minimumRule !== undefined && !fromEu ? local.minimumRule : undefined;
    if (local.minimumRule !== undefined && fromEu) {
      s.note(`Goods from ${from.territory}: the ${local.tax} minimum (${local.minimumRule}) is stated for imports from outside the EU and is not applied here`);
    }
    return {
      jurisdiction: t.id,
      decision: { scheme: 'territory-import', collectedBy: 'customs', rule, rates },
      ...(minimum !== undefined ? { localMinimum: minimum } : {}),
    };
  }
  const rule = s.rule(inside ? 'TERRITORY-DOMESTIC' : 'TERRITORY-IMPORT');
  s.noteRule(rule);
  const scheme = inside ? 'territory-domestic' : fromEu ? 'export' : 'territory-import';
  return {
    jurisdiction: t.id,
    decision: { scheme, collectedBy: inside ? 'seller' : 'customs', rule },
    localUnavailable: `${t.name} (${t.id}): ${local.note}; no figure is given for the ${local.tax}` + (fromEu ? ` (${from.territory} VAT: zero-rated export)` : ''),
  };
}

function planFor(s: Quoting, from: string, to: string): Plan {
  if (EU_GOODS_TERRITORY.has(to)) return euPlan(s, from, to);
  switch (to) {
    case 'GB':
      return gbPlan(s, from);
    case 'NO':
      return noPlan(s, from);
    case 'CH':
      return chPlan(s, from);
    case 'AU':
      return auPlan(s, from);
    case 'NZ':
      return nzPlan(s, from);
    case 'SG':
      return sgPlan(s, from);
    case 'JP':
      return jpPlan(s, from);
    case 'CA':
      return caPlan(s, from);
    default:
      throw new Unavailable(`no built-in VAT/GST rules for ${to}: use the AvaTax provider`, to);
  }
}

// ——— lines ———

function rateKey(parts: readonly TaxComponent[]): string {
  return parts.map((p) => `${p.jurisdiction}:${p.ratePercent}`).join('+');
}

function taxedLines(
  s: Quoting,
  lineId: string,
  amount: Money,
  category: TaxCategory,
  decision: Decision,
  parts: readonly TaxComponent[],
): QuoteLine[] {
  const currency = s.req.currency;
  const exponent = exponentOf(currency);
  const inclusive = s.req.pricesIncludeTax;
  const { net, taxes } = lineTax(amount, parts, inclusive, exponent);
  const taxable = net.toMoney(currency);
  const total = parts.reduce((a, p) => a.add(Decimal.parse(p.ratePercent)), Decimal.fromInt(0)).normalize().toString();
  return parts.map((part, i) => {
    const tax = taxes[i]!.toMoney(currency);
    const how = inclusive
      ? `extracted from ${money(amount)} incl. tax: ${formatMoney(amount)} × ${part.ratePercent} / (100 + ${total}) = ${formatMoney(tax)}`
      : `${part.ratePercent}% of ${money(taxable)} = ${formatMoney(tax)}`;
    return {
      lineId,
      taxable,
      ratePercent: part.ratePercent,
      tax,
      jurisdiction: part.jurisdiction,
      rule: part.rule,
      explanation:
        `${part.tax} ${part.ratePercent}% (${category}) under ${ruleId(decision.rule)} [${decision.scheme}, collected by ${decision.collectedBy}]: ` +
        `${how} ${currency}, rounded half-even to ${exponent} decimal(s); rate rule ${part.rule.id}`,
    };
  });
}

function zeroLine(s: Quoting, lineId: string, amount: Money, decision: Decision, jurisdiction: string): QuoteLine {
  return {
    lineId,
    taxable: amount,
    ratePercent: '0',
    tax: { amountMinor: 0, currency: s.req.currency },
    jurisdiction,
    rule: schemeRuleRef(decision.rule),
    explanation: `No tax charged on ${money(amount)} under ${ruleId(decision.rule)} [${decision.scheme}, ${decision.collectedBy === 'buyer' ? 'the buyer accounts for it' : 'not collected'}]`,
  };
}

function buildLines(s: Quoting, plan: Plan): QuoteLine[] {
  const out: QuoteLine[] = [];
  const goodsParts = new Map<string, TaxComponent[]>();
  for (const line of s.goods) {
    const d = plan.perLine?.get(line.id) ?? plan.decision;
    if (!d.rates) {
      out.push(zeroLine(s, line.id, line.amount, d, plan.jurisdiction));
      continue;
    }
    const parts = s.components(d.rates.country, line.category, d.rates.subdivision);
    goodsParts.set(line.id, parts);
    out.push(...taxedLines(s, line.id, line.amount, line.category, d, parts));
  }
  if (s.shipping && s.shipping.amountMinor !== 0) {
    const d = plan.decision;
    if (!d.rates) {
      out.push(zeroLine(s, 'shipping', s.shipping, d, plan.jurisdiction));
    } else {
      // Shipping follows the goods it carries: their rate when they share one, else the standard rate.
      const sameScheme = s.goods.filter((l) => (plan.perLine?.get(l.id) ?? d).rates !== undefined && goodsParts.has(l.id));
      const keys = new Set(sameScheme.map((l) => rateKey(goodsParts.get(l.id)!)));
      let category: TaxCategory = 'standard';
      if (keys.size === 1 && sameScheme[0]) {
        category = sameScheme[0].category;
        s.note(`Shipping taxed at the rate of the goods it carries (tax category '${category}')`);
      } else {
        s.note('Shipping carries goods at different rates: taxed at the standard rate');
      }
      out.push(...taxedLines(s, 'shipping', s.shipping, category, d, s.components(d.rates.country, category, d.rates.subdivision)));
    }
  }
  return out;
}

/** Switzerland: import tax of CHF 5 or less per declaration is not collected. */
function applySwissSmallAmount(s: Quoting, plan: Plan, lines: QuoteLine[]): { plan: Plan; lines: QuoteLine[] } {
  const rule = s.rule('CH-SMALL-AMOUNT');
  const t = rule.threshold!;
  const total = sumMoney(s.req.currency, lines.map((l) => l.tax));
  const taxChf = s.convertTo(total, t.currency, 'the CHF 5 import tax minimum');
  // Swiss tax amounts are rounded to 5 centimes.
  const rounded = Decimal.fromMoney(taxChf).mul(Decimal.fromInt(20)).round(0, 'half-up').div(Decimal.fromInt(20), 2).toMoney('CHF');
  if (!thresholdMet(rounded, t)) {
    s.note(`Import VAT ${money(rounded)} (rounded to 5 centimes) is above CHF ${t.amount} (${ruleId(rule)}): collected by customs`);
    return { plan, lines };
  }
  s.note(`Import VAT ${money(rounded)} (rounded to 5 centimes) ${thresholdText(t)} (${ruleId(rule)}): not collected`);
  s.noteRule(rule);
  const decision: Decision = { scheme: 'import-small-amount', collectedBy: 'none', rule };
  return {
    plan: { ...plan, decision, swissSmallAmount: false },
    lines: lines.map((l) => ({
      ...zeroLine(s, l.lineId, l.taxable, decision, l.jurisdiction),
      explanation: `Import VAT ${l.ratePercent}% would be ${money(l.tax)} on ${money(l.taxable)}; not collected under ${ruleId(rule)}`,
    })),
  };
}

/** A special territory's import tax at or under a minimum (Campione d'Italia: EUR 5) is not collected. */
function applyLocalMinimum(s: Quoting, plan: Plan, lines: QuoteLine[], key: string): { plan: Plan; lines: QuoteLine[] } {
  const rule = s.rule(key);
  const t = rule.threshold!;
  const total = s.convertTo(sumMoney(s.req.currency, lines.map((l) => l.tax)), t.currency, `the ${t.currency} ${t.amount} import tax minimum`);
  if (!thresholdMet(total, t)) {
    s.note(`Import tax ${money(total)} is above ${t.currency} ${t.amount} (${ruleId(rule)}): collected by customs`);
    return { plan, lines };
  }
  s.note(`Import tax ${money(total)} ${thresholdText(t)} (${ruleId(rule)}): not collected`);
  s.noteRule(rule);
  const decision: Decision = { scheme: 'import-small-amount', collectedBy: 'none', rule };
  return {
    plan: { ...plan, decision },
    lines: lines.map((l) => ({
      ...zeroLine(s, l.lineId, l.taxable, decision, l.jurisdiction),
      explanation: `Import tax ${l.ratePercent}% would be ${money(l.tax)} on ${money(l.taxable)}; not collected under ${ruleId(rule)}`,
    })),
  };
}

function exportNote(s: Quoting, from: string, to: string): void {
  // Great Britain ↔ Northern Ireland is a UK domestic supply for VAT, not an export.
  if ((from === 'GB' && to === 'XI') || (from === 'XI' && to === 'GB')) return;
  const fromEu = EU_GOODS_TERRITORY.has(from);
  const leavesArea = fromEu ? !EU_GOODS_TERRITORY.has(to) : from !== to;
  if (!leavesArea) return;
  if (fromEu || ['GB', 'NO', 'CH', 'AU', 'NZ', 'SG', 'JP', 'CA'].includes(from)) {
    s.note(`Export from ${from}: zero-rated there; the tax below is ${to}'s`);
  }
}

function unavailableQuote(req: TaxQuoteRequest, jurisdiction: string, reason: string, notes: string[], conversions: Conversion[]): TaxQuote {
  return {
    provider: TAX_ENGINE_PROVIDER,
    reference: req.reference,
    date: req.date,
    jurisdiction,
    scheme: 'none',
    collectedBy: 'none',
    currency: req.currency,
    lines: [],
    totalTax: { amountMinor: 0, currency: req.currency },
    notes: [...notes, reason],
    conversions,
    unavailable: reason,
  };
}

/**
 * Quotes VAT/GST for `request` with the rules in force on `request.date`. Pure: rates and
 * thresholds come from engines/tax/data, currency rates from `context.fx`. When no figure
 * can be given (US sales tax, a destination without rules, a missing FX rate) the quote has
 * `unavailable` set, no lines and collectedBy 'none' — never a guessed rate.
 */
export function quoteTax(request: TaxQuoteRequest, context: TaxEngineContext): TaxQuote {
  const to = request.shipTo.country;
  if (to === 'US') {
    const rule = schemeRule('US-NONE', request.date);
    const region = request.shipTo.region ? `US-${request.shipTo.region.toUpperCase()}` : 'US';
    const reason = 'No US sales tax rate is available without AvaTax: the built-in engine does not guess state and local rates';
    return unavailableQuote(request, region, reason, rule ? [`Rule ${ruleId(rule)}: ${rule.description} (source: ${rule.source})`] : [], []);
  }
  let s: Quoting | undefined;
  try {
    s = new Quoting(request, context);
    const from = territoryOf(request.shipFrom, s, 'Ship-from');
    const dest = territoryOf(request.shipTo, s, 'Ship-to');
    applyRegions(s, from, dest);
    if (!dest.special) exportNote(s, from.territory, dest.territory);
    let plan = withRegion(s, dest.special ? territoryPlan(s, from, dest.special) : planFor(s, from.territory, dest.territory));
    if (plan.localUnavailable !== undefined) {
      return {
        ...unavailableQuote(request, plan.jurisdiction, plan.localUnavailable, s.notes, s.conversions),
        scheme: plan.decision.scheme,
        collectedBy: plan.decision.collectedBy,
      };
    }
    let lines = buildLines(s, plan);
    if (plan.swissSmallAmount) ({ plan, lines } = applySwissSmallAmount(s, plan, lines));
    if (plan.localMinimum !== undefined) ({ plan, lines } = applyLocalMinimum(s, plan, lines, plan.localMinimum));
    const exponent = exponentOf(request.currency);
    s.note(`Tax computed per line and rounded half-even to ${exponent} decimal(s) of ${request.currency}${request.pricesIncludeTax ? '; prices include tax, so tax = gross × rate / (100 + rate)' : '; tax added to net prices'}`);
    const total = sumMoney(request.currency, lines.map((l) => l.tax));
    return {
      provider: TAX_ENGINE_PROVIDER,
      reference: request.reference,
      date: request.date,
      jurisdiction: plan.jurisdiction,
      scheme: plan.decision.scheme,
      collectedBy: plan.decision.collectedBy,
      currency: request.currency,
      lines,
      totalTax: total,
      notes: s.notes,
      conversions: s.conversions,
    };
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    return unavailableQuote(request, e.jurisdiction ?? to, e.message, s?.notes ?? [], s?.conversions ?? []);
  }
}
