/**
 * MyDHL `POST /landed-cost` answer → canonical LandedCostQuote (provider 'dhl-express').
 * Pure and total: an answer that cannot be read is a MappingError naming the field.
 *
 * Reading the answer (description: supermodelIoLogisticsExpressRates, landed-cost example):
 * - `detailedPriceBreakdown[].breakdown` holds the shipment totals "TOTAL DUTIES" (typeCode
 *   DUTY), "TOTAL TAXES" (TAX), "TOTAL FEES" (FEE) and each fee (typeCode FEE), beside DHL's
 *   own transport lines (SPRQN, STSCH, surcharges) and valuation lines (SCUSV, SINSV, MACHG,
 *   MFCHG) that are not import charges;
 * - `items[].breakdown` holds per request line (`number`) the valuation ("CIF") and its DUTY
 *   and TAX lines, with `tariffRateFormula` where requested.
 */
import { currencyInfo } from '../canonical/currencies.js';
import { Decimal } from '../canonical/decimal.js';
import type { Conversion } from '../canonical/fx.js';
import type { Converter } from '../canonical/fx-rate-table.js';
import { formatMoney, sumMoney, type Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import type { Shipment } from '../canonical/shipment.js';
import type { LandedCostQuote } from '../canonical/tax.js';
import { DHL_LANDED_COST_RECORD_TYPE } from './landed-cost-request.js';
import type { DhlChargeLine } from '../../connectors/dhl/schemas.js';
import { decimalFromJsonNumber } from '../canonical/json-numbers.js';

export const DHL_LANDED_COST_PROVIDER = 'dhl-express';

export interface DhlLandedCostQuoteContext {
  /** Day the quote was made (YYYY-MM-DD): FX for the seller's currency is taken on it. */
  readonly date: string;
  readonly sellerCurrency: string;
  /** Needed when the seller's currency (or a DHL import-charge line) differs from the answer's currency. */
  readonly convert?: Converter;
}

/** Breakdown names of the shipment totals. */
const TOTAL_NAMES: Readonly<Record<'DUTY' | 'TAX' | 'FEE', string>> = { DUTY: 'TOTAL DUTIES', TAX: 'TOTAL TAXES', FEE: 'TOTAL FEES' };

/** Valuation lines of the shipment breakdown (description of `breakdown[].name` for /landed-cost). */
const VALUATION_NAMES: Readonly<Record<string, string>> = {
  SCUSV: 'shipment customs value',
  SINSV: 'insured value',
  MACHG: 'merchant additional charges',
  MFCHG: 'merchant freight charge',
};

type Obj = Readonly<Record<string, unknown>>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayAt(o: Obj, key: string): readonly unknown[] | undefined {
  const v = o[key];
  return Array.isArray(v) ? v : undefined;
}

function str(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

interface ReadLine {
  readonly line: DhlChargeLine;
  readonly amount: Decimal;
  readonly currency: string;
  readonly field: string;
}

/** "(COST * 0.12)" → "12" (percent); any other formula → undefined. */
export function ratePercentFromFormula(formula: string | undefined): string | undefined {
  const m = formula === undefined ? null : /^\s*\(\s*COST\s*\*\s*(\d+(?:\.\d+)?)\s*\)\s*$/.exec(formula);
  if (!m) return undefined;
  return Decimal.parse(m[1]!).mul(Decimal.fromInt(100)).normalize().toString();
}

class Reader {
  readonly issues: MappingIssue[] = [];
  readonly notes: string[] = [];
  readonly conversions: Conversion[] = [];

  constructor(
    readonly currency: string,
    private readonly context: DhlLandedCostQuoteContext,
  ) {}

  /** A charge line with its amount as an exact decimal (from the JSON number's shortest text). */
  line(raw: unknown, field: string, defaultCurrency: string): ReadLine | undefined {
    if (!isObj(raw)) {
      this.issues.push({ field, message: 'is not an object' });
      return undefined;
    }
    const price = raw['price'];
    const amount = decimalFromJsonNumber(price);
    if (amount === undefined) {
      this.issues.push({ field: `${field}.price`, message: 'is not a decimal number', value: price });
      return undefined;
    }
    const currency = str(raw, 'priceCurrency') ?? defaultCurrency;
    if (currencyInfo(currency) === undefined) {
      this.issues.push({ field: `${field}.priceCurrency`, message: 'is not an ISO 4217 code', value: currency });
      return undefined;
    }
    return { line: raw as DhlChargeLine, amount, currency, field };
  }

  /** An import-charge amount in the quote currency (converted when DHL gave it in another one). */
  money(read: ReadLine): Money {
    const exponent = currencyInfo(read.currency)!.exponent;
    const rounded = read.amount.round(exponent, 'half-even');
    if (!rounded.eq(read.amount)) {
      this.notes.push(`${read.field}: DHL amount ${read.amount.toString()} ${read.currency} rounded half-even to ${rounded.toString()}.`);
    }
    const money = rounded.toMoney(read.currency);
    return read.currency === this.currency ? money : this.convert(money, this.currency, read.field);
  }

  convert(money: Money, to: string, field: string): Money {
    if (money.currency === to || money.amountMinor === 0) return { amountMinor: money.amountMinor, currency: to };
    if (this.context.convert === undefined) {
      this.issues.push({ field, message: `needs an FX rate ${money.currency}→${to} but no rate table was given` });
      return { amountMinor: 0, currency: to };
    }
    const result = this.context.convert(money, to, this.context.date);
    if (!result.ok) {
      this.issues.push({ field, message: result.error.message });
      return { amountMinor: 0, currency: to };
    }
    this.conversions.push(result.conversion);
    return result.conversion.amount;
  }
}

function text(m: Money): string {
  return `${m.currency} ${formatMoney(m)}`;
}

/**
 * The quote DHL Express gives for `shipment` (the one the request was built from: response
 * item `number` n is shipment item n-1). Amounts are in the request's currency; the seller's
 * figures are converted with `context.convert` on `context.date`.
 */
export function dhlLandedCostToQuote(response: unknown, shipment: Shipment, context: DhlLandedCostQuoteContext): MappingResult<LandedCostQuote> {
  const failWith = (issues: MappingIssue[]): MappingResult<LandedCostQuote> =>
    fail(new MappingError(DHL_LANDED_COST_RECORD_TYPE, shipment.id, issues));
  if (!isObj(response)) return failWith([{ field: '(root)', message: 'is not an object' }]);
  const products = arrayAt(response, 'products');
  const product = products?.[0];
  if (!isObj(product)) return failWith([{ field: 'products', message: 'has no product' }]);
  const blocks = arrayAt(product, 'detailedPriceBreakdown') ?? [];
  const blockIndex = blocks.findIndex((b) => isObj(b) && typeof b['priceCurrency'] === 'string' && Array.isArray(b['breakdown']));
  const block = blocks[blockIndex];
  if (!isObj(block)) return failWith([{ field: 'products[0].detailedPriceBreakdown', message: 'has no breakdown with a priceCurrency' }]);
  const currency = str(block, 'priceCurrency')!;
  if (currencyInfo(currency) === undefined) {
    return failWith([{ field: `products[0].detailedPriceBreakdown[${blockIndex}].priceCurrency`, message: 'is not an ISO 4217 code', value: currency }]);
  }
  if (currencyInfo(context.sellerCurrency) === undefined) {
    return failWith([{ field: 'sellerCurrency', message: 'is not an ISO 4217 code', value: context.sellerCurrency }]);
  }
  const r = new Reader(currency, context);
  const blockField = `products[0].detailedPriceBreakdown[${blockIndex}].breakdown`;
  const shipmentLines = (arrayAt(block, 'breakdown') ?? [])
    .map((raw, i) => r.line(raw, `${blockField}[${i}]`, currency))
    .filter((l): l is ReadLine => l !== undefined);

  // ── Items ────────────────────────────────────────────────────────────────────────────
  const responseItems = arrayAt(product, 'items') ?? [];
  const byNumber = new Map<number, { raw: Obj; index: number }>();
  responseItems.forEach((raw, index) => {
    const n = isObj(raw) ? raw['number'] : undefined;
    if (!isObj(raw) || typeof n !== 'number' || !Number.isInteger(n)) {
      r.issues.push({ field: `products[0].items[${index}].number`, message: 'is not an integer line number' });
      return;
    }
    if (n < 1 || n > shipment.items.length) {
      r.issues.push({ field: `products[0].items[${index}].number`, message: `refers to no shipment item (1…${shipment.items.length})`, value: n });
      return;
    }
    byNumber.set(n, { raw, index });
  });

  const itemFigures = shipment.items.map((item, i) => {
    const found = byNumber.get(i + 1);
    if (found === undefined) {
      return { item, found: false as const, customsValue: undefined, duty: [] as ReadLine[], tax: [] as ReadLine[], other: [] as ReadLine[] };
    }
    const lines = (arrayAt(found.raw, 'breakdown') ?? [])
      .map((raw, j) => r.line(raw, `products[0].items[${found.index}].breakdown[${j}]`, currency))
      .filter((l): l is ReadLine => l !== undefined);
    return {
      item,
      found: true as const,
      customsValue: lines.find((l) => l.line.typeCode === undefined && l.line.name === 'CIF') ?? lines.find((l) => l.line.typeCode === undefined),
      duty: lines.filter((l) => l.line.typeCode === 'DUTY'),
      tax: lines.filter((l) => l.line.typeCode === 'TAX'),
      other: lines.filter((l) => l.line.typeCode !== undefined && l.line.typeCode !== 'DUTY' && l.line.typeCode !== 'TAX'),
    };
  });

  const items: LandedCostQuote['items'] = itemFigures.map((f) => {
    const zero: Money = { amountMinor: 0, currency };
    if (!f.found) {
      return {
        itemId: f.item.id,
        hsCode: f.item.hsCode,
        originCountry: f.item.originCountry,
        customsValue: zero,
        dutyRatePercent: '0',
        duty: zero,
        importTax: zero,
        explanation: 'DHL Express returned no breakdown for this item: its duty and tax are in the shipment totals only.',
      };
    }
    const customsValue = f.customsValue === undefined ? zero : r.money(f.customsValue);
    const duty = sumMoney(currency, f.duty.map((l) => r.money(l)));
    const importTax = sumMoney(currency, f.tax.map((l) => r.money(l)));
    const mainDuty = f.duty.find((l) => l.line.name === 'DUTY') ?? f.duty[0];
    const fromFormula = ratePercentFromFormula(mainDuty?.line.tariffRateFormula);
    let dutyRatePercent = fromFormula ?? '0';
    let rateText = fromFormula === undefined ? '' : ` (rate ${fromFormula}% from formula ${mainDuty!.line.tariffRateFormula})`;
    if (fromFormula === undefined && duty.amountMinor !== 0 && customsValue.amountMinor !== 0) {
      // No simple formula: the effective rate on the customs value explains the figure.
      dutyRatePercent = Decimal.fromMoney(duty).mul(Decimal.fromInt(100)).div(Decimal.fromMoney(customsValue), 4).normalize().toString();
      rateText = ` (effective rate ${dutyRatePercent}% of the customs value)`;
    }
    const describe = (l: ReadLine): string =>
      `${l.line.name ?? l.line.typeCode ?? '?'} ${l.currency} ${l.amount.toString()}${l.line.tariffRateFormula === undefined ? '' : ` = ${l.line.tariffRateFormula}`}`;
    const parts = [
      `HS ${f.item.hsCode}, origin ${f.item.originCountry}, ${f.item.quantity} × ${f.item.description}.`,
      `DHL Express line ${itemFigures.indexOf(f) + 1}: customs value ${text(customsValue)}${f.customsValue?.line.tariffRateFormula === undefined ? '' : ` (${f.customsValue.line.tariffRateFormula})`}.`,
      `Duty ${text(duty)}${rateText}${f.duty.length === 0 ? '' : `: ${f.duty.map(describe).join('; ')}`}.`,
      `Import tax ${text(importTax)}${f.tax.length === 0 ? '' : `: ${f.tax.map(describe).join('; ')}`}.`,
      ...(f.other.length === 0 ? [] : [`Other lines: ${f.other.map(describe).join('; ')}.`]),
    ];
    return { itemId: f.item.id, hsCode: f.item.hsCode, originCountry: f.item.originCountry, customsValue, dutyRatePercent, duty, importTax, explanation: parts.join(' ') };
  });

  // ── Shipment totals and fees ─────────────────────────────────────────────────────────
  const total = (type: 'DUTY' | 'TAX' | 'FEE'): Money | undefined => {
    const line = shipmentLines.find((l) => l.line.typeCode === type && l.line.name === TOTAL_NAMES[type]);
    return line === undefined ? undefined : r.money(line);
  };
  const feeLines = shipmentLines.filter((l) => l.line.typeCode === 'FEE' && l.line.name !== TOTAL_NAMES.FEE);
  const fees: LandedCostQuote['fees'] = feeLines.map((l) => ({
    type: l.line.name ?? 'FEE',
    amount: r.money(l),
    explanation: `DHL Express import fee ${l.line.name ?? ''}${l.line.tariffRateFormula === undefined ? '' : ` (${l.line.tariffRateFormula})`}${l.line.serviceCode === undefined ? '' : `, service ${l.line.serviceCode}`}`,
  }));
  const itemDuty = sumMoney(currency, items.map((i) => i.duty));
  const itemTax = sumMoney(currency, items.map((i) => i.importTax));
  const feeSum = sumMoney(currency, fees.map((f) => f.amount));
  const duty = total('DUTY') ?? itemDuty;
  const importTax = total('TAX') ?? itemTax;
  const feeTotal = total('FEE') ?? feeSum;
  for (const [what, shipmentTotal, lineSum] of [
    ['duty', duty, itemDuty],
    ['import tax', importTax, itemTax],
    ['fees', feeTotal, feeSum],
  ] as const) {
    if (shipmentTotal.amountMinor !== lineSum.amountMinor) {
      r.notes.push(`DHL's ${what} total ${text(shipmentTotal)} differs from the sum of its lines ${text(lineSum)}; the quote uses the total.`);
    }
  }
  const grand = sumMoney(currency, [duty, importTax, feeTotal]);

  // ── Seller's currency ────────────────────────────────────────────────────────────────
  const seller = context.sellerCurrency;
  const sellerDuty = r.convert(duty, seller, 'seller.duty');
  const sellerTax = r.convert(importTax, seller, 'seller.importTax');
  const sellerFees = r.convert(feeTotal, seller, 'seller.fees');

  if (r.issues.length > 0) return failWith(r.issues);

  // ── Notes ────────────────────────────────────────────────────────────────────────────
  const notes: string[] = [];
  notes.push(
    shipment.incoterm === 'DDP'
      ? `DDP: the seller pays duty, import tax and fees (${text(grand)}; ${text(sumMoney(seller, [sellerDuty, sellerTax, sellerFees]))}) through DHL's Duties & Taxes Paid service.`
      : `DAP: the buyer pays duty, import tax and fees (${text(grand)}) to DHL Express on delivery.`,
  );
  const warnings = arrayAt(response, 'warnings') ?? [];
  for (const w of warnings) if (typeof w === 'string') notes.push(`DHL warning: ${w}`);
  const valuation = shipmentLines.filter((l) => l.line.typeCode === undefined && l.line.name !== undefined && l.line.name in VALUATION_NAMES);
  if (valuation.length > 0) {
    notes.push(`DHL valuation: ${valuation.map((l) => `${VALUATION_NAMES[l.line.name!]} (${l.line.name}) ${l.currency} ${l.amount.toString()}`).join(', ')}.`);
  }
  const transport = shipmentLines.filter(
    (l) => l.line.typeCode === undefined && !(l.line.name !== undefined && l.line.name in VALUATION_NAMES),
  );
  if (transport.length > 0) {
    notes.push(
      `DHL transport and service charges, not import charges and not in the total: ${transport
        .map((l) => `${l.line.name ?? '?'}${l.line.serviceCode === undefined ? '' : ` [${l.line.serviceCode}]`} ${l.currency} ${l.amount.toString()}`)
        .join(', ')}.`,
    );
  }
  const totalPrice = (arrayAt(product, 'totalPrice') ?? []).find((t) => isObj(t) && typeof t['price'] === 'number');
  if (isObj(totalPrice)) {
    notes.push(
      `DHL's total landed price (goods, transport, DHL services, duty, tax and fees): ${str(totalPrice, 'priceCurrency') ?? currency} ${String(totalPrice['price'])}.`,
    );
  }
  notes.push(...r.notes);
  for (const c of r.conversions) {
    notes.push(`FX: 1 ${c.from.currency} = ${Decimal.parse(c.rate).normalize().toString()} ${c.amount.currency} (${c.source} ${c.method} rate of ${c.rateDate}; ${text(c.from)} → ${text(c.amount)}).`);
  }

  const productCode = str(product, 'productCode');
  const quote: LandedCostQuote = {
    provider: DHL_LANDED_COST_PROVIDER,
    reference: shipment.id,
    date: context.date,
    destination: shipment.shipTo.country,
    incoterm: shipment.incoterm,
    currency,
    items,
    duty,
    importTax,
    fees,
    total: grand,
    seller: {
      currency: seller,
      duty: sellerDuty,
      importTax: sellerTax,
      fees: sellerFees,
      total: sumMoney(seller, [sellerDuty, sellerTax, sellerFees]),
    },
    rules: [
      {
        rule: {
          id: 'DHL-EXPRESS-LANDED-COST',
          description: 'Duty, import taxes and fees calculated by DHL Express from the HS codes, origins and values sent',
          source: 'DHL Express MyDHL API 3.1.1, POST /landed-cost (exp-api-landed-cost)',
          effectiveFrom: context.date,
        },
        outcome: `DHL Express${productCode === undefined ? '' : ` product ${productCode}`}: duty ${text(duty)}, import tax ${text(importTax)}, fees ${text(feeTotal)}`,
      },
    ],
    conversions: r.conversions,
    notes,
  };
  return ok(quote);
}
