/**
 * The built-in landed-cost engine: duty and import VAT/GST of a shipment at its destination,
 * from dated data only (destinations.ts, low-value-rules.ts), the tenant's tariff table and
 * the VAT/GST rates of engines/tax. Pure: no clock, no I/O; FX comes in a rate table.
 *
 * Figures are computed in the currency customs assesses in (the destination's), each duty and
 * tax rounded half-even to its minor unit, then converted to the buyer's currency (when it
 * differs) and line by line to the seller's.
 */
import type { FxRateTable } from '../fx/index.js';
import { currencyInfo } from '../../mappings/canonical/currencies.js';
import { allocate, Decimal, sumDecimals } from '../../mappings/canonical/decimal.js';
import type { Conversion } from '../../mappings/canonical/fx.js';
import { formatMoney, sumMoney, type Money } from '../../mappings/canonical/money.js';
import type { CustomsItem, Shipment } from '../../mappings/canonical/shipment.js';
import { TaxCategorySchema, type LandedCostQuote, type TaxRuleRef } from '../../mappings/canonical/tax.js';
import { vatRate } from '../tax/vat-rates.js';
import { destinationRegime, nationalCurrency, sameCustomsTerritory, type DestinationRegime } from './destinations.js';
import { FxLedger } from './fx-ledger.js';
import { lowValueRule, type LowValueRule } from './low-value-rules.js';
import { findTariffRate, type TariffMatch, type TariffTable } from './tariff.js';

export const BUILTIN_LANDED_COST_PROVIDER = 'caravan-builtin';

export interface LandedCostContext {
  /** Day of import (YYYY-MM-DD): rules, rates and FX of that day apply. */
  readonly date: string;
  readonly fx: FxRateTable;
  /** Currency the seller books in; every figure is also given in it. */
  readonly sellerCurrency: string;
  /** The tenant's duty rates; without an entry an item's duty is reported unknown. */
  readonly tariff?: TariffTable;
  /** Currency the buyer sees; default: the destination's currency. */
  readonly buyerCurrency?: string;
}

export const LANDED_COST_ERROR_CODES = ['unsupported-destination', 'invalid-input'] as const;
export type LandedCostErrorCode = (typeof LANDED_COST_ERROR_CODES)[number];

/** The quote cannot be made at all (FX gaps throw FxConversionError from engines/fx). */
export class LandedCostError extends Error {
  override readonly name = 'LandedCostError';
  constructor(
    readonly code: LandedCostErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type DutyStatus = 'assessed' | 'relieved' | 'not-collected' | 'unknown';
type TaxStatus = 'at-import' | 'at-sale' | 'relieved' | 'not-collected' | 'unknown' | 'none';

interface Line {
  readonly item: CustomsItem;
  /** Goods value, transport and insurance shares, in the customs currency. */
  readonly value: Decimal;
  readonly transport: Decimal;
  readonly insurance: Decimal;
  readonly dutyBase: Decimal;
  readonly tariff: TariffMatch | undefined;
  dutyStatus: DutyStatus;
  duty: Decimal;
  /** Why the duty is what it is (relief outcome), for the explanation. */
  dutyNote?: string;
  /** A flat duty in place of the tariff: the rule, the subheading, and the line that carries it. */
  flat?: { rule: LowValueRule; subheading: string; amount: Decimal; carriedBy?: string };
  taxRate?: { ratePercent: string; rule: TaxRuleRef };
  taxBase: Decimal;
  taxStatus: TaxStatus;
  tax: Decimal;
  taxNote?: string;
}

const ZERO = Decimal.fromInt(0);
const HUNDRED = Decimal.fromInt(100);

function exponentOf(currency: string): number {
  const info = currencyInfo(currency);
  if (info === undefined) throw new LandedCostError('invalid-input', `unknown currency ${currency}`);
  return info.exponent;
}

function text(amount: Decimal, currency: string): string {
  return `${currency} ${amount.round(exponentOf(currency)).toString()}`;
}

/** "0.0062500000" → "0.00625": the effective rate without padding zeros. */
function rateText(rate: string): string {
  return Decimal.parse(rate).normalize().toString();
}

function moneyText(money: Money): string {
  return `${money.currency} ${formatMoney(money)}`;
}

function percentOf(base: Decimal, ratePercent: string, exponent: number): Decimal {
  return base.mul(Decimal.parse(ratePercent)).div(HUNDRED, exponent, 'half-even');
}

function ruleRef(rule: LowValueRule): TaxRuleRef {
  return {
    id: rule.id,
    description: rule.description,
    source: rule.source,
    effectiveFrom: rule.effectiveFrom,
    ...(rule.effectiveTo === undefined ? {} : { effectiveTo: rule.effectiveTo }),
  };
}

function tariffRef(match: TariffMatch): TaxRuleRef {
  const { entry } = match;
  return {
    id: match.id,
    description:
      entry.description ??
      `Duty ${entry.ratePercent}% for HS ${entry.hsPrefix}* into ${entry.destination}${entry.origin === undefined ? '' : ` from origin ${entry.origin}`}`,
    source: entry.source,
    effectiveFrom: entry.effectiveFrom,
    ...(entry.effectiveTo === undefined ? {} : { effectiveTo: entry.effectiveTo }),
  };
}

function qualifies(value: Decimal, rule: LowValueRule): boolean {
  const threshold = rule.threshold;
  if (threshold === undefined) return false;
  const cmp = value.compare(Decimal.parse(threshold.amount));
  return threshold.comparison === 'at-most' ? cmp <= 0 : cmp < 0;
}

function comparisonText(value: Decimal, rule: LowValueRule): string {
  const t = rule.threshold!;
  const limit = text(Decimal.parse(t.amount), t.currency);
  const shown = text(value, t.currency);
  const within = qualifies(value, rule);
  if (t.comparison === 'at-most') return `${shown} ${within ? '≤' : '>'} ${limit}`;
  return `${shown} ${within ? '<' : '≥'} ${limit}`;
}

/** Items the rule can cover at all (origin and HS exclusions); the reason when not. */
function exclusion(rule: LowValueRule, item: CustomsItem): string | undefined {
  if (rule.excludedOrigins?.includes(item.originCountry)) return `origin ${item.originCountry} excluded`;
  const hs = rule.excludedHsPrefixes?.find((p) => item.hsCode.startsWith(p));
  return hs === undefined ? undefined : `HS ${hs}* excluded`;
}

function withinText(rule: LowValueRule, scope: 'duty' | 'tax'): string {
  const what = scope === 'duty' ? 'duty' : 'import tax';
  switch (rule.within) {
    case 'exempt':
      return `${what} exempt`;
    case 'not-collected':
      return `${what} not collected`;
    case 'collected-at-sale':
      return `${what} charged at the sale (${rule.scheme ?? 'seller-collected scheme'})`;
    case 'flat-duty':
      return `flat duty ${flatText(rule)} instead of the tariff`;
  }
}

function flatText(rule: LowValueRule): string {
  const f = rule.flatDuty!;
  return `${text(Decimal.parse(f.amount), f.currency)} per tariff subheading`;
}

/**
 * Value-based relief: marks which lines a rule covers, from the consignment or unit value
 * converted into the threshold's currency. Returns the outcome text for the quote.
 */
function applyValueRule(
  rule: LowValueRule,
  scope: 'duty' | 'tax',
  lines: readonly Line[],
  shipment: Shipment,
  fx: FxLedger,
): { covered: Set<Line>; outcome: string } {
  const covered = new Set<Line>();
  const due = scope === 'duty' ? 'duty due' : 'import tax due at import';
  if (rule.threshold === undefined) return { covered, outcome: `no relief in force: ${due} from the first unit of value` };
  const t = rule.threshold.currency;
  const excluded = lines.flatMap((l) => {
    const why = exclusion(rule, l.item);
    return why === undefined ? [] : [`${l.item.id} (${why})`];
  });
  const excludedText = excluded.length === 0 ? '' : `; not applicable to ${excluded.join(', ')}`;
  if (rule.measure === 'item-unit-value') {
    const parts = lines.map((line) => {
      const unit = Decimal.fromMoney(line.item.value).div(Decimal.fromInt(line.item.quantity), exponentOf(line.item.value.currency));
      const unitInT = Decimal.fromMoney(fx.to(unit.toMoney(line.item.value.currency), t));
      const ok = qualifies(unitInT, rule) && exclusion(rule, line.item) === undefined;
      if (ok) covered.add(line);
      return `${line.item.id}: unit value ${comparisonText(unitInT, rule)}: ${ok ? withinText(rule, scope) : due}`;
    });
    return { covered, outcome: parts.join('; ') + excludedText };
  }
  const goods = lines.map((l) => Decimal.fromMoney(fx.to(l.item.value, t)));
  let measured = sumDecimals(goods);
  let what = 'consignment goods value';
  if (rule.measure === 'consignment-cif-value') {
    for (const extra of [shipment.shipping, shipment.insurance]) {
      if (extra !== undefined) measured = measured.add(Decimal.fromMoney(fx.to(extra, t)));
    }
    what = 'consignment value with transport and insurance (CIF)';
  }
  const within = qualifies(measured, rule);
  if (within) for (const line of lines) if (exclusion(rule, line.item) === undefined) covered.add(line);
  return { covered, outcome: `${what} ${comparisonText(measured, rule)}: ${within ? withinText(rule, scope) : due}${excludedText}` };
}

/**
 * Amount-based relief (Switzerland): the assessed total of the lines the rule can cover,
 * converted into the threshold's currency; under the threshold nothing is collected.
 */
function applyAmountRule(
  rule: LowValueRule,
  scope: 'duty' | 'tax',
  lines: readonly Line[],
  customsCurrency: string,
  fx: FxLedger,
): { covered: Set<Line>; outcome: string } {
  const covered = new Set<Line>();
  const candidates = lines.filter((l) => exclusion(rule, l.item) === undefined);
  const amount = sumDecimals(candidates.map((l) => (scope === 'duty' ? l.duty : l.tax)));
  const inT = Decimal.fromMoney(fx.to(amount.toMoney(customsCurrency), rule.threshold!.currency));
  const within = qualifies(inT, rule);
  if (within) for (const line of candidates) covered.add(line);
  const what = scope === 'duty' ? 'duty assessed' : 'import tax assessed';
  const unknown = scope === 'duty' && lines.some((l) => l.dutyStatus === 'unknown') ? ' (without the items whose duty is unknown)' : '';
  return { covered, outcome: `${what} ${comparisonText(inT, rule)}${unknown}: ${within ? withinText(rule, scope) : `${scope === 'duty' ? 'duty' : 'import tax'} collected`}` };
}

function validate(shipment: Shipment, context: LandedCostContext): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(context.date)) throw new LandedCostError('invalid-input', `date "${context.date}" is not YYYY-MM-DD`);
  for (const currency of [context.sellerCurrency, context.buyerCurrency, shipment.currency]) {
    if (currency !== undefined) exponentOf(currency);
  }
  if (shipment.items.length === 0) throw new LandedCostError('invalid-input', `shipment ${shipment.id} has no items`);
}

/** What every phase of one quote shares. */
interface Assessment {
  readonly shipment: Shipment;
  readonly date: string;
  readonly destination: string;
  readonly regime: DestinationRegime;
  readonly customsCurrency: string;
  /** Minor-unit exponent of the customs currency. */
  readonly exp: number;
  readonly fx: FxLedger;
  readonly rules: LandedCostQuote['rules'];
  readonly notes: string[];
}

/**
 * Landed cost of `shipment` at its destination on `context.date`: duty per item from the
 * tenant's tariff (longest HS prefix), de minimis and low-value rules of the destination,
 * import VAT/GST on the destination's tax base, in the buyer's and the seller's currency,
 * every figure explained. Throws LandedCostError for a destination without rules and
 * FxConversionError when a needed rate is missing.
 */
export function quoteLandedCost(shipment: Shipment, context: LandedCostContext): LandedCostQuote {
  validate(shipment, context);
  const { date } = context;
  const destination = shipment.shipTo.country;
  if (sameCustomsTerritory(shipment.shipFrom.country, destination, date)) return domesticQuote(shipment, context);

  const regime = destinationRegime(destination, date);
  const customsCurrency = nationalCurrency(destination, date);
  if (regime === undefined || customsCurrency === undefined) {
    throw new LandedCostError(
      'unsupported-destination',
      `the built-in engine has no duty and import tax rules for ${destination} on ${date}; use the DHL Express or AvaTax provider`,
    );
  }
  const a: Assessment = {
    shipment,
    date,
    destination,
    regime,
    customsCurrency,
    exp: exponentOf(customsCurrency),
    fx: new FxLedger(context.fx, date),
    rules: [],
    notes: [],
  };
  const basisText = regime.dutyValuation === 'CIF' ? 'goods + transport + insurance (CIF)' : 'goods only, transport and insurance excluded (FOB)';
  a.rules.push({ rule: regime.valuationRule, outcome: `duty base: ${basisText}` });

  const lines = valueLines(a, context.tariff);
  assessDuty(a, lines);
  const taxRule = assessImportTax(a, lines);
  a.rules.push(...tariffRules(lines));
  return assemble(a, lines, taxRule, context.buyerCurrency ?? customsCurrency, context.sellerCurrency);
}

/** Goods, transport and insurance per item in the customs currency (transport and insurance spread by value). */
function valueLines(a: Assessment, tariff: TariffTable | undefined): Line[] {
  const { shipment, fx, customsCurrency, exp, regime } = a;
  const values = shipment.items.map((item) => Decimal.fromMoney(fx.to(item.value, customsCurrency)));
  const shipping = shipment.shipping === undefined ? ZERO : Decimal.fromMoney(fx.to(shipment.shipping, customsCurrency));
  const insurance = shipment.insurance === undefined ? ZERO : Decimal.fromMoney(fx.to(shipment.insurance, customsCurrency));
  const transportShares = allocate(shipping, values, exp);
  const insuranceShares = allocate(insurance, values, exp);
  return shipment.items.map((item, i) => {
    const value = values[i]!;
    const transport = transportShares[i]!;
    const insuranceShare = insuranceShares[i]!;
    return {
      item,
      value,
      transport,
      insurance: insuranceShare,
      dutyBase: regime.dutyValuation === 'CIF' ? value.add(transport).add(insuranceShare) : value,
      tariff: findTariffRate(tariff, { destination: a.destination, hsCode: item.hsCode, origin: item.originCountry, date: a.date }),
      dutyStatus: 'assessed',
      duty: ZERO,
      taxBase: ZERO,
      taxStatus: 'none',
      tax: ZERO,
    };
  });
}

/** Value-based relief first (nothing to assess), then the tariff, then amount-based relief. */
function assessDuty(a: Assessment, lines: readonly Line[]): void {
  const rule = lowValueRule(a.destination, 'duty', a.date, a.shipment.shipFrom.country);
  let covered = new Set<Line>();
  if (rule !== undefined && rule.measure !== 'assessed-amount') {
    const applied = applyValueRule(rule, 'duty', lines, a.shipment, a.fx);
    covered = applied.covered;
    a.rules.push({ rule: ruleRef(rule), outcome: applied.outcome });
  }
  // A flat duty: charged once per distinct subheading (first six HS digits), on that subheading's first line.
  const flatBySubheading = new Map<string, Line>();
  for (const line of lines) {
    if (rule !== undefined && covered.has(line) && rule.within === 'flat-duty') {
      const f = rule.flatDuty!;
      const subheading = line.item.hsCode.slice(0, 6);
      const first = flatBySubheading.get(subheading);
      const amount = Decimal.fromMoney(a.fx.to(Decimal.parse(f.amount).toMoney(f.currency), a.customsCurrency));
      if (first === undefined) {
        flatBySubheading.set(subheading, line);
        line.duty = amount;
        line.flat = { rule, subheading, amount };
      } else {
        line.flat = { rule, subheading, amount, carriedBy: first.item.id };
      }
      line.dutyStatus = 'assessed';
      line.dutyNote = rule.id;
    } else if (rule !== undefined && covered.has(line)) {
      line.dutyStatus = rule.within === 'not-collected' ? 'not-collected' : 'relieved';
      line.dutyNote = rule.id;
    } else if (line.tariff !== undefined) {
      line.duty = percentOf(line.dutyBase, line.tariff.entry.ratePercent, a.exp);
    } else {
      line.dutyStatus = 'unknown';
    }
  }
  if (rule !== undefined && rule.measure === 'assessed-amount') {
    const applied = applyAmountRule(rule, 'duty', lines.filter((l) => l.dutyStatus === 'assessed'), a.customsCurrency, a.fx);
    for (const line of applied.covered) {
      line.dutyStatus = 'not-collected';
      line.dutyNote = rule.id;
      line.duty = ZERO;
    }
    a.rules.push({ rule: ruleRef(rule), outcome: applied.outcome });
  }
  if (rule === undefined) a.notes.push(`No low-value duty rule for ${a.destination} on ${a.date}: duty is assessed from the first unit of value.`);
  if (rule?.pending !== undefined) a.notes.push(`Pending change (${rule.id}): ${rule.pending}`);
}

/** Import VAT/GST per item on the destination's tax base, then the low-value tax rule. Returns that rule. */
function assessImportTax(a: Assessment, lines: readonly Line[]): LowValueRule | undefined {
  const { destination, date, regime } = a;
  const base = regime.importTax;
  if (base === undefined) {
    a.notes.push(
      `No import VAT/GST is collected at the ${regime.name} border${destination === 'US' ? '; US state sales tax is not levied by customs (AvaTax quotes it)' : ''}.`,
    );
    return undefined;
  }
  for (const line of lines) {
    const category = TaxCategorySchema.safeParse(line.item.taxCategory ?? 'standard');
    const rate = category.success ? vatRate(destination, category.data, date, a.shipment.shipTo.region) : undefined;
    line.taxBase = line.value.add(base.includesTransport ? line.transport.add(line.insurance) : ZERO).add(base.includesDuty ? line.duty : ZERO);
    if (rate === undefined) {
      line.taxStatus = 'unknown';
      line.taxNote = category.success
        ? `no ${base.name} rate for ${destination} (${category.data}) on ${date}`
        : `unknown tax category "${line.item.taxCategory ?? ''}"`;
      continue;
    }
    line.taxRate = rate;
    line.tax = percentOf(line.taxBase, rate.ratePercent, a.exp);
    line.taxStatus = 'at-import';
  }
  a.rules.push({
    rule: base.rule,
    outcome: `${base.name} base: goods${base.includesTransport ? ' + transport + insurance' : ''}${base.includesDuty ? ' + duty' : ''}`,
  });
  const rule = lowValueRule(destination, 'tax', date, a.shipment.shipFrom.country);
  if (rule !== undefined) {
    const applied =
      rule.measure === 'assessed-amount'
        ? applyAmountRule(rule, 'tax', lines.filter((l) => l.taxStatus === 'at-import'), a.customsCurrency, a.fx)
        : applyValueRule(rule, 'tax', lines, a.shipment, a.fx);
    for (const line of applied.covered) {
      if (line.taxStatus !== 'at-import') continue;
      line.taxNote = rule.id;
      if (rule.within === 'collected-at-sale') {
        line.taxStatus = 'at-sale';
      } else {
        line.taxStatus = rule.within === 'exempt' ? 'relieved' : 'not-collected';
        line.tax = ZERO;
      }
    }
    a.rules.push({ rule: ruleRef(rule), outcome: applied.outcome });
  } else {
    a.notes.push(`No low-value import tax rule for ${destination} on ${date}: ${base.name} is due at import from the first unit of value.`);
  }
  a.rules.push(...rateRules(lines, base.name));
  return rule;
}

/** The VAT/GST rate rules used, once each, with the items they applied to. */
function rateRules(lines: readonly Line[], taxName: string): LandedCostQuote['rules'] {
  const byRule = new Map<string, { rule: TaxRuleRef; ratePercent: string; items: string[] }>();
  for (const line of lines) {
    if (line.taxRate === undefined) continue;
    const entry = byRule.get(line.taxRate.rule.id) ?? { rule: line.taxRate.rule, ratePercent: line.taxRate.ratePercent, items: [] };
    entry.items.push(line.item.id);
    byRule.set(line.taxRate.rule.id, entry);
  }
  return [...byRule.values()].map(({ rule, ratePercent, items }) => ({ rule, outcome: `${taxName} ${ratePercent}% for ${items.join(', ')}` }));
}

/** The tariff entries used, once each, with the items they matched. */
function tariffRules(lines: readonly Line[]): LandedCostQuote['rules'] {
  const byTariff = new Map<string, { match: TariffMatch; items: string[] }>();
  for (const line of lines) {
    if (line.tariff === undefined) continue;
    const entry = byTariff.get(line.tariff.id) ?? { match: line.tariff, items: [] };
    entry.items.push(line.item.id);
    byTariff.set(line.tariff.id, entry);
  }
  return [...byTariff.values()].map(({ match, items }) => ({
    rule: tariffRef(match),
    outcome: `duty rate ${match.entry.ratePercent}% for ${items.join(', ')}`,
  }));
}

/** Lines in the buyer's currency (when not the customs currency) and the seller's, totals and notes. */
function assemble(
  a: Assessment,
  lines: readonly Line[],
  taxRule: LowValueRule | undefined,
  buyerCurrency: string,
  sellerCurrency: string,
): LandedCostQuote {
  const { shipment, fx, customsCurrency, destination, date } = a;
  const inCustoms = (d: Decimal): Money => d.toMoney(customsCurrency);
  const inBuyer = (d: Decimal): Money => fx.to(inCustoms(d), buyerCurrency);
  const sellerLines = lines.map((line) => ({
    duty: fx.convert(inCustoms(line.duty), sellerCurrency),
    tax: fx.convert(inCustoms(line.tax), sellerCurrency),
  }));
  const sellerAmount = (c: Conversion | undefined): Money => c?.amount ?? { amountMinor: 0, currency: sellerCurrency };

  const items: LandedCostQuote['items'] = lines.map((line, i) => {
    const customsValue = inBuyer(line.dutyBase);
    const duty = inBuyer(line.duty);
    const importTax = inBuyer(line.tax);
    const seller = sellerLines[i]!;
    return {
      itemId: line.item.id,
      hsCode: line.item.hsCode,
      originCountry: line.item.originCountry,
      customsValue,
      dutyRatePercent: dutyRatePercent(line),
      dutyStatus: line.dutyStatus,
      duty,
      importTax,
      explanation: explainLine(line, {
        destination,
        regime: a.regime,
        customsCurrency,
        buyer: buyerCurrency === customsCurrency ? undefined : { duty, importTax, customsValue },
        seller: { duty: sellerAmount(seller.duty), tax: sellerAmount(seller.tax), dutyFx: seller.duty, taxFx: seller.tax },
        incoterm: shipment.incoterm,
      }),
    };
  });

  const duty = sumMoney(buyerCurrency, items.map((i) => i.duty));
  const importTax = sumMoney(buyerCurrency, items.map((i) => i.importTax));
  const fees = { amountMinor: 0, currency: buyerCurrency };
  const sellerDuty = sumMoney(sellerCurrency, sellerLines.map((s) => sellerAmount(s.duty)));
  const sellerTax = sumMoney(sellerCurrency, sellerLines.map((s) => sellerAmount(s.tax)));
  const sellerFees = { amountMinor: 0, currency: sellerCurrency };

  // Who pays comes first; then what is unknown, the assumptions, and the FX used.
  const atImport = sumDecimals(lines.map((l) => l.duty.add(l.taxStatus === 'at-sale' ? ZERO : l.tax)));
  const atSale = sumDecimals(lines.filter((l) => l.taxStatus === 'at-sale').map((l) => l.tax));
  const notes = [...incotermNotes(shipment.incoterm, atImport, atSale, customsCurrency, taxRule), ...a.notes];
  const unknownDuty = lines.filter((l) => l.dutyStatus === 'unknown');
  if (unknownDuty.length > 0) {
    notes.push(
      `Duty unknown for ${unknownDuty.map((l) => `${l.item.id} (HS ${l.item.hsCode}, origin ${l.item.originCountry})`).join(', ')}: no tariff entry for ${destination} on ${date}; the duty total leaves them out.`,
    );
  }
  const unknownTax = lines.filter((l) => l.taxStatus === 'unknown');
  if (unknownTax.length > 0) {
    notes.push(`Import tax unknown for ${unknownTax.map((l) => `${l.item.id} (${l.taxNote ?? ''})`).join(', ')}; the import tax total leaves them out.`);
  }
  if (shipment.shipping !== undefined || shipment.insurance !== undefined) {
    notes.push('The shipping and insurance charges are taken as transport and insurance to the destination and spread over the items by value.');
  }
  notes.push(`Duty and import tax are rounded half-even to the minor unit of ${customsCurrency} per item; national rounding rules are not applied.`);
  notes.push('No carrier or customs fees are quoted by the built-in engine (clearance and disbursement fees vary by carrier).');
  notes.push(...fxNotes(fx.conversions));

  return {
    provider: BUILTIN_LANDED_COST_PROVIDER,
    reference: shipment.id,
    date,
    destination,
    incoterm: shipment.incoterm,
    currency: buyerCurrency,
    items,
    duty,
    importTax,
    fees: [],
    total: sumMoney(buyerCurrency, [duty, importTax, fees]),
    seller: {
      currency: sellerCurrency,
      duty: sellerDuty,
      importTax: sellerTax,
      fees: sellerFees,
      total: sumMoney(sellerCurrency, [sellerDuty, sellerTax, sellerFees]),
    },
    rules: a.rules,
    conversions: fx.conversions,
    notes,
  };
}

/** The tariff rate; for a flat duty the effective rate it amounts to on the line's customs value (4 decimals). */
function dutyRatePercent(line: Line): string {
  if (line.dutyStatus !== 'assessed') return '0';
  if (line.flat !== undefined) {
    if (line.duty.isZero() || line.dutyBase.isZero()) return '0';
    return line.duty.mul(HUNDRED).div(line.dutyBase, 4).normalize().toString();
  }
  return line.tariff === undefined ? '0' : line.tariff.entry.ratePercent;
}

interface ExplainContext {
  readonly destination: string;
  readonly regime: DestinationRegime;
  readonly customsCurrency: string;
  readonly buyer: { duty: Money; importTax: Money; customsValue: Money } | undefined;
  readonly seller: { duty: Money; tax: Money; dutyFx: Conversion | undefined; taxFx: Conversion | undefined };
  readonly incoterm: Shipment['incoterm'];
}

function explainLine(line: Line, ctx: ExplainContext): string {
  const c = ctx.customsCurrency;
  const parts: string[] = [];
  parts.push(`HS ${line.item.hsCode}, origin ${line.item.originCountry}, ${line.item.quantity} × ${line.item.description}.`);
  const valuation =
    ctx.regime.dutyValuation === 'CIF'
      ? `goods ${text(line.value, c)} + transport ${text(line.transport, c)} + insurance ${text(line.insurance, c)} (CIF, ${ctx.regime.valuationRule.id})`
      : `goods ${text(line.value, c)} (FOB, ${ctx.regime.valuationRule.id})`;
  parts.push(`Customs value ${text(line.dutyBase, c)} = ${valuation}.`);

  const tariffText =
    line.tariff === undefined ? 'no tariff entry' : `tariff ${line.tariff.id} ${line.tariff.entry.ratePercent}%`;
  switch (line.dutyStatus) {
    case 'assessed':
      if (line.flat !== undefined) {
        const sub = `HS subheading ${line.flat.subheading}`;
        parts.push(
          line.flat.carriedBy === undefined
            ? `Duty ${text(line.duty, c)}: flat ${flatText(line.flat.rule)} under ${line.flat.rule.id} for ${sub}, in place of the tariff (${tariffText}).`
            : `Duty ${text(ZERO, c)} here: ${sub} is charged once under ${line.flat.rule.id}, on ${line.flat.carriedBy}.`,
        );
      } else {
        parts.push(`Duty ${line.tariff!.entry.ratePercent}% (${line.tariff!.id}, ${line.tariff!.entry.source}) of ${text(line.dutyBase, c)} = ${text(line.duty, c)}.`);
      }
      break;
    case 'relieved':
      parts.push(`Duty ${text(ZERO, c)}: exempt under ${line.dutyNote ?? ''} (${tariffText}).`);
      break;
    case 'not-collected':
      parts.push(`Duty ${text(ZERO, c)}: not collected under ${line.dutyNote ?? ''} (${tariffText}).`);
      break;
    case 'unknown':
      parts.push(`Duty UNKNOWN: no tariff entry for HS ${line.item.hsCode} into ${ctx.destination}; not included (never taken as 0).`);
      break;
  }

  const tax = ctx.regime.importTax;
  const taxName = tax === undefined ? '' : tax.name.charAt(0).toUpperCase() + tax.name.slice(1);
  if (tax === undefined) {
    parts.push('No import VAT/GST at this border.');
  } else if (line.taxStatus === 'unknown') {
    parts.push(`${taxName} UNKNOWN: ${line.taxNote ?? ''}; not included.`);
  } else if (line.taxRate !== undefined) {
    const baseParts = ['goods'];
    if (tax.includesTransport) baseParts.push('transport', 'insurance');
    if (tax.includesDuty) baseParts.push('duty');
    const computed = `${taxName} ${line.taxRate.ratePercent}% (${line.taxRate.rule.id}) of ${text(line.taxBase, c)} (${baseParts.join(' + ')})`;
    switch (line.taxStatus) {
      case 'at-import':
        parts.push(`${computed} = ${text(line.tax, c)}, due at import.`);
        break;
      case 'at-sale':
        parts.push(`${computed} = ${text(line.tax, c)}, charged at the sale under ${line.taxNote ?? ''}, not at the border.`);
        break;
      case 'relieved':
        parts.push(`${taxName} ${text(ZERO, c)}: exempt under ${line.taxNote ?? ''}.`);
        break;
      case 'not-collected':
        parts.push(`${taxName} ${text(ZERO, c)}: ${computed} is not collected under ${line.taxNote ?? ''}.`);
        break;
      default:
        break;
    }
  }

  if (ctx.buyer !== undefined) {
    parts.push(
      `In the buyer's currency: customs value ${moneyText(ctx.buyer.customsValue)}, duty ${moneyText(ctx.buyer.duty)}, import tax ${moneyText(ctx.buyer.importTax)}.`,
    );
  }
  const fxText = [ctx.seller.dutyFx, ctx.seller.taxFx]
    .filter((conv): conv is Conversion => conv !== undefined && conv.method !== 'identity')
    .map((conv) => rateText(conv.rate))
    .filter((rate, i, all) => all.indexOf(rate) === i);
  const sellerFx = fxText.length === 0 ? '' : ` at ${fxText.map((r) => `1 ${c} = ${r} ${ctx.seller.duty.currency}`).join(', ')}`;
  parts.push(`Seller (${ctx.seller.duty.currency}): duty ${moneyText(ctx.seller.duty)}, import tax ${moneyText(ctx.seller.tax)}${sellerFx}.`);
  parts.push(ctx.incoterm === 'DDP' ? 'Paid by the seller (DDP).' : 'Paid by the buyer (DAP).');
  return parts.join(' ');
}

function incotermNotes(
  incoterm: Shipment['incoterm'],
  atImport: Decimal,
  atSale: Decimal,
  currency: string,
  taxRule: LowValueRule | undefined,
): string[] {
  const notes: string[] =
    incoterm === 'DDP'
      ? [`DDP: the seller pays the duty and import tax due at the border (${text(atImport, currency)}); the buyer pays nothing on delivery.`]
      : [`DAP: the buyer pays the duty and import tax due at the border (${text(atImport, currency)}) on delivery; the seller pays none of it.`];
  if (!atSale.isZero()) {
    notes.push(
      `${text(atSale, currency)} of import tax is charged to the buyer at the sale and remitted by the seller (${taxRule?.scheme ?? 'seller-collected scheme'}); it is part of the price, not collected on delivery. This assumes the seller is registered for the scheme.`,
    );
  }
  return notes;
}

function fxNotes(conversions: readonly Conversion[]): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const c of conversions) {
    const key = `${c.from.currency}>${c.amount.currency}@${c.rate}/${c.source}/${c.rateDate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fallback = c.fallback === undefined ? '' : `, ${c.fallback.reason}: rate of ${c.fallback.daysBack} day(s) earlier`;
    notes.push(
      `FX: 1 ${c.from.currency} = ${rateText(c.rate)} ${c.amount.currency} (${c.source} ${c.method} rate of ${c.rateDate}${fallback}; amounts rounded ${c.rounding}).`,
    );
  }
  return notes;
}

/** Origin and destination in one customs territory: nothing is imported. */
function domesticQuote(shipment: Shipment, context: LandedCostContext): LandedCostQuote {
  const destination = shipment.shipTo.country;
  const currency = context.buyerCurrency ?? nationalCurrency(destination, context.date) ?? shipment.currency;
  const zero = (c: string): Money => ({ amountMinor: 0, currency: c });
  const why = `${shipment.shipFrom.country} and ${destination} are in one customs territory: no import, no duty or import tax.`;
  return {
    provider: BUILTIN_LANDED_COST_PROVIDER,
    reference: shipment.id,
    date: context.date,
    destination,
    incoterm: shipment.incoterm,
    currency,
    items: shipment.items.map((item) => ({
      itemId: item.id,
      hsCode: item.hsCode,
      originCountry: item.originCountry,
      customsValue: zero(currency),
      dutyRatePercent: '0',
      dutyStatus: 'none' as const,
      duty: zero(currency),
      importTax: zero(currency),
      explanation: why,
    })),
    duty: zero(currency),
    importTax: zero(currency),
    fees: [],
    total: zero(currency),
    seller: {
      currency: context.sellerCurrency,
      duty: zero(context.sellerCurrency),
      importTax: zero(context.sellerCurrency),
      fees: zero(context.sellerCurrency),
      total: zero(context.sellerCurrency),
    },
    rules: [],
    conversions: [],
    notes: [why],
  };
}
