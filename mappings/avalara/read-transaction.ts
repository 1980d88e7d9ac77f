/**
 * Reads an AvaTax TransactionModel from untrusted data into checked values: every amount an
 * exact Money in the document currency, every rate an exact Decimal, every problem an issue
 * naming the field (`lines[0].details[1].rate`). Shared by the tax-quote and landed-cost
 * mappings.
 */
import { isCountryCode } from '../canonical/countries.js';
import { currencyInfo } from '../canonical/currencies.js';
import type { Decimal } from '../canonical/decimal.js';
import type { Money } from '../canonical/money.js';
import { MappingError, type MappingIssue } from '../canonical/result.js';
import { avalaraTaxTypeRule, type AvalaraTaxTypeRule } from './tax-types.js';
import { decimalFromJsonNumber, moneyFromJsonNumber } from '../canonical/json-numbers.js';

/** MappingError record type (and `caravan map` kind) of an AvaTax transaction. */
export const AVALARA_TRANSACTION_RECORD_TYPE = 'avalara.transaction';

export type DetailFamily = 'tax' | 'duty' | 'fee';

export interface CheckedDetail {
  readonly taxType?: string;
  readonly rule: AvalaraTaxTypeRule & { readonly known: boolean };
  readonly family: DetailFamily;
  readonly rate: Decimal;
  readonly tax: Money;
  readonly taxable: Money;
  /** The part of the line AvaTax did not tax in this jurisdiction, and the rule that exempted it. */
  readonly nonTaxable?: Money;
  readonly nonTaxableType?: string;
  readonly taxName?: string;
  readonly jurisName?: string;
  readonly jurisdictionType?: string;
  readonly country?: string;
  readonly region?: string;
}

export interface CheckedLine {
  readonly lineNumber: string;
  readonly taxable: Money;
  readonly tax: Money;
  readonly lineAmount?: Money;
  readonly taxIncluded: boolean;
  readonly taxCode?: string;
  readonly taxDate?: string;
  readonly hsCode?: string;
  readonly costInsuranceFreight?: Money;
  /** AvaTax says a marketplace is the deemed supplier (it collects). */
  readonly marketplace: boolean;
  readonly details: readonly CheckedDetail[];
}

export interface CheckedMessage {
  readonly summary: string;
  readonly details?: string;
  readonly refersTo?: string;
}

export interface CheckedTransaction {
  readonly code: string;
  readonly type?: string;
  readonly status?: string;
  readonly version?: number;
  readonly date: string;
  readonly currency: string;
  readonly totalTax: Money;
  readonly lines: readonly CheckedLine[];
  readonly messages: readonly CheckedMessage[];
  readonly referenceCode?: string;
  readonly country?: string;
  readonly region?: string;
  /** The ShipFrom address's country, when AvaTax returned the location roles. */
  readonly originCountry?: string;
  readonly isSellerImporterOfRecord?: boolean;
  readonly deliveryTerms?: 'DAP' | 'DDP';
}

export type ReadResult = { readonly ok: true; readonly value: CheckedTransaction } | { readonly ok: false; readonly error: MappingError };

type Rec = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `format: date` in the description, but AvaTax also answers dates as midnight date-times
// ("taxDate": "2019-09-20T00:00:00", recorded in the vendor samples; AvaTax-REST-V2-DotNet-SDK#130).
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?Z?)?$/;

/** The calendar date (YYYY-MM-DD) of an AvaTax date, or undefined when it is no real date. */
function avataxDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

class Reader {
  readonly issues: MappingIssue[] = [];

  add(field: string, message: string, value?: unknown): void {
    const shown = typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…` : value;
    this.issues.push(shown === undefined ? { field, message } : { field, message, value: shown });
  }

  optionalString(record: Rec, key: string, field: string): string | undefined {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.add(field, 'must be a string', v);
      return undefined;
    }
    return v === '' ? undefined : v;
  }

  optionalBoolean(record: Rec, key: string, field: string): boolean | undefined {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.add(field, 'must be a boolean', v);
      return undefined;
    }
    return v;
  }

  money(record: Rec, key: string, field: string, currency: string | undefined): Money | undefined {
    const v = record[key];
    if (v === undefined || v === null) {
      this.add(field, 'is missing');
      return undefined;
    }
    if (currency === undefined) return undefined;
    const result = moneyFromJsonNumber(v, currency);
    if (!result.ok) {
      this.add(field, result.message, v);
      return undefined;
    }
    return result.money;
  }

  optionalMoney(record: Rec, key: string, field: string, currency: string | undefined): Money | undefined {
    const v = record[key];
    return v === undefined || v === null ? undefined : this.money(record, key, field, currency);
  }

  decimal(record: Rec, key: string, field: string): Decimal | undefined {
    const v = record[key];
    const d = decimalFromJsonNumber(v);
    if (d === undefined) this.add(field, v === undefined || v === null ? 'is missing' : 'must be a finite JSON number', v);
    return d;
  }

  array(record: Rec, key: string, field: string, required: boolean): readonly unknown[] {
    const v = record[key];
    if (v === undefined || v === null) {
      if (required) this.add(field, 'is missing (ask AvaTax for lines and details: $include=Lines,Details or the default)');
      return [];
    }
    if (!Array.isArray(v)) {
      this.add(field, 'must be an array');
      return [];
    }
    return v;
  }
}

function detailFamily(rule: AvalaraTaxTypeRule, isFee: boolean | undefined): DetailFamily {
  if (isFee === true) return 'fee';
  return rule.family;
}

function readDetail(r: Reader, raw: unknown, field: string, currency: string | undefined): CheckedDetail | undefined {
  if (!isRecord(raw)) {
    r.add(field, 'must be an object');
    return undefined;
  }
  const taxType = r.optionalString(raw, 'taxType', `${field}.taxType`);
  const rule = avalaraTaxTypeRule(taxType);
  const rate = r.decimal(raw, 'rate', `${field}.rate`);
  const tax = r.money(raw, 'tax', `${field}.tax`, currency);
  const taxable = r.money(raw, 'taxableAmount', `${field}.taxableAmount`, currency);
  const nonTaxable = r.optionalMoney(raw, 'nonTaxableAmount', `${field}.nonTaxableAmount`, currency);
  const nonTaxableType = r.optionalString(raw, 'nonTaxableType', `${field}.nonTaxableType`);
  const isFee = r.optionalBoolean(raw, 'isFee', `${field}.isFee`);
  const taxName = r.optionalString(raw, 'taxName', `${field}.taxName`);
  const jurisName = r.optionalString(raw, 'jurisName', `${field}.jurisName`);
  const jurisdictionType = r.optionalString(raw, 'jurisdictionType', `${field}.jurisdictionType`);
  const country = r.optionalString(raw, 'country', `${field}.country`);
  const region = r.optionalString(raw, 'region', `${field}.region`);
  if (country !== undefined && !isCountryCode(country)) r.add(`${field}.country`, 'must be an ISO 3166-1 alpha-2 code', country);
  if (rate === undefined || tax === undefined || taxable === undefined) return undefined;
  return {
    ...(taxType === undefined ? {} : { taxType }),
    rule,
    family: detailFamily(rule, isFee),
    rate,
    tax,
    taxable,
    ...(nonTaxable === undefined || nonTaxable.amountMinor === 0 ? {} : { nonTaxable }),
    ...(nonTaxableType === undefined ? {} : { nonTaxableType }),
    ...(taxName === undefined ? {} : { taxName }),
    ...(jurisName === undefined ? {} : { jurisName }),
    ...(jurisdictionType === undefined ? {} : { jurisdictionType }),
    ...(country === undefined ? {} : { country }),
    ...(region === undefined ? {} : { region }),
  };
}

function readLine(r: Reader, raw: unknown, field: string, currency: string | undefined): CheckedLine | undefined {
  if (!isRecord(raw)) {
    r.add(field, 'must be an object');
    return undefined;
  }
  const lineNumber = r.optionalString(raw, 'lineNumber', `${field}.lineNumber`);
  if (lineNumber === undefined) r.add(`${field}.lineNumber`, 'is missing');
  const taxable = r.money(raw, 'taxableAmount', `${field}.taxableAmount`, currency);
  const tax = r.money(raw, 'tax', `${field}.tax`, currency);
  const lineAmount = r.optionalMoney(raw, 'lineAmount', `${field}.lineAmount`, currency);
  const costInsuranceFreight = r.optionalMoney(raw, 'costInsuranceFreight', `${field}.costInsuranceFreight`, currency);
  const taxIncluded = r.optionalBoolean(raw, 'taxIncluded', `${field}.taxIncluded`) ?? false;
  const taxCode = r.optionalString(raw, 'taxCode', `${field}.taxCode`);
  const rawTaxDate = r.optionalString(raw, 'taxDate', `${field}.taxDate`);
  const taxDate = rawTaxDate === undefined ? undefined : avataxDate(rawTaxDate);
  if (rawTaxDate !== undefined && taxDate === undefined) r.add(`${field}.taxDate`, 'must be a date YYYY-MM-DD', rawTaxDate);
  const hsCode = r.optionalString(raw, 'hsCode', `${field}.hsCode`);
  const deemedSupplier = r.optionalString(raw, 'deemedSupplier', `${field}.deemedSupplier`);
  const liability = r.optionalString(raw, 'marketplaceLiabilityType', `${field}.marketplaceLiabilityType`);
  const details: CheckedDetail[] = [];
  r.array(raw, 'details', `${field}.details`, false).forEach((d, j) => {
    const detail = readDetail(r, d, `${field}.details[${j}]`, currency);
    if (detail !== undefined) details.push(detail);
  });
  if (lineNumber === undefined || taxable === undefined || tax === undefined) return undefined;
  return {
    lineNumber,
    taxable,
    tax,
    ...(lineAmount === undefined ? {} : { lineAmount }),
    taxIncluded,
    ...(taxCode === undefined ? {} : { taxCode }),
    ...(taxDate === undefined ? {} : { taxDate }),
    ...(hsCode === undefined ? {} : { hsCode }),
    ...(costInsuranceFreight === undefined || costInsuranceFreight.amountMinor === 0 ? {} : { costInsuranceFreight }),
    marketplace: deemedSupplier === 'Marketplace' || liability === 'Marketplace',
    details,
  };
}

/** The ShipFrom country from `locationTypes` + `addresses`, when AvaTax returned them. */
function originCountryOf(tx: Rec): string | undefined {
  const roles = tx.locationTypes;
  const addresses = tx.addresses;
  if (!Array.isArray(roles) || !Array.isArray(addresses)) return undefined;
  const role = roles.find((l): l is Rec => isRecord(l) && l.locationTypeCode === 'ShipFrom');
  if (role === undefined) return undefined;
  const address = addresses.find((a): a is Rec => isRecord(a) && a.id === role.documentAddressId);
  const country = address?.country;
  return typeof country === 'string' && isCountryCode(country) ? country : undefined;
}

export function readAvalaraTransaction(tx: unknown): ReadResult {
  const r = new Reader();
  if (!isRecord(tx)) {
    return { ok: false, error: new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, undefined, [{ field: '(record)', message: 'must be a TransactionModel object' }]) };
  }
  const code = r.optionalString(tx, 'code', 'code');
  if (code === undefined) r.add('code', 'is missing');
  const rawCurrency = r.optionalString(tx, 'currencyCode', 'currencyCode');
  let currency: string | undefined;
  if (rawCurrency === undefined) r.add('currencyCode', 'is missing');
  else if (currencyInfo(rawCurrency) === undefined) r.add('currencyCode', 'is not an ISO 4217 currency code', rawCurrency);
  else currency = rawCurrency;
  const rawDate = r.optionalString(tx, 'date', 'date');
  const date = rawDate === undefined ? undefined : avataxDate(rawDate);
  if (rawDate === undefined) r.add('date', 'is missing');
  else if (date === undefined) r.add('date', 'must be a date YYYY-MM-DD', rawDate);
  const totalTax = r.money(tx, 'totalTax', 'totalTax', currency);
  const lines: CheckedLine[] = [];
  r.array(tx, 'lines', 'lines', true).forEach((raw, i) => {
    const line = readLine(r, raw, `lines[${i}]`, currency);
    if (line !== undefined) lines.push(line);
  });
  const messages: CheckedMessage[] = [];
  r.array(tx, 'messages', 'messages', false).forEach((raw, i) => {
    if (!isRecord(raw)) return r.add(`messages[${i}]`, 'must be an object');
    const summary = r.optionalString(raw, 'summary', `messages[${i}].summary`);
    const details = r.optionalString(raw, 'details', `messages[${i}].details`);
    const refersTo = r.optionalString(raw, 'refersTo', `messages[${i}].refersTo`);
    if (summary !== undefined) messages.push({ summary, ...(details === undefined ? {} : { details }), ...(refersTo === undefined ? {} : { refersTo }) });
  });
  const type = r.optionalString(tx, 'type', 'type');
  const status = r.optionalString(tx, 'status', 'status');
  const referenceCode = r.optionalString(tx, 'referenceCode', 'referenceCode');
  const country = r.optionalString(tx, 'country', 'country');
  const region = r.optionalString(tx, 'region', 'region');
  const version = typeof tx.version === 'number' && Number.isInteger(tx.version) ? tx.version : undefined;
  const isSellerImporterOfRecord = r.optionalBoolean(tx, 'isSellerImporterOfRecord', 'isSellerImporterOfRecord');
  const rawTerms = r.optionalString(tx, 'deliveryTerms', 'deliveryTerms');
  if (rawTerms !== undefined && rawTerms !== 'DAP' && rawTerms !== 'DDP') r.add('deliveryTerms', 'must be DAP or DDP', rawTerms);
  const deliveryTerms = rawTerms === 'DAP' || rawTerms === 'DDP' ? rawTerms : undefined;
  const originCountry = originCountryOf(tx);

  if (r.issues.length > 0 || code === undefined || currency === undefined || date === undefined || totalTax === undefined) {
    return { ok: false, error: new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, code, r.issues) };
  }
  return {
    ok: true,
    value: {
      code,
      ...(type === undefined ? {} : { type }),
      ...(status === undefined ? {} : { status }),
      ...(version === undefined ? {} : { version }),
      date,
      currency,
      totalTax,
      lines,
      messages,
      ...(referenceCode === undefined ? {} : { referenceCode }),
      ...(country === undefined ? {} : { country }),
      ...(region === undefined ? {} : { region }),
      ...(originCountry === undefined ? {} : { originCountry }),
      ...(isSellerImporterOfRecord === undefined ? {} : { isSellerImporterOfRecord }),
      ...(deliveryTerms === undefined ? {} : { deliveryTerms }),
    },
  };
}
