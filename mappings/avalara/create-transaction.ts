/**
 * Canonical TaxQuoteRequest → AvaTax AvalaraCreateTransactionModel. Amounts go out as JSON numbers
 * (the description types them `double`) computed from the exact decimal of each Money; an
 * amount a double cannot carry exactly is refused. Field limits are the description's.
 */
import type { Address } from '../canonical/address.js';
import { Decimal } from '../canonical/decimal.js';
import type { Money } from '../canonical/money.js';
import { MappingError, fail, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import type { TaxCategory, TaxQuoteRequest } from '../canonical/tax.js';
import { AVALARA_FREIGHT_TAX_CODE, avalaraTaxCode } from './tax-codes.js';
import type { AvalaraAddressLocationInfo, AvalaraCreateTransactionModel, AvalaraLineItem } from '../../connectors/avalara/schemas.js';
import { jsonNumberFromDecimal } from '../canonical/json-numbers.js';

/** MappingError record type for a request that cannot become an AvaTax transaction. */
export const TAX_QUOTE_REQUEST_RECORD_TYPE = 'tax.quote-request';

/** Line number of the freight line unless the caller names another. */
export const DEFAULT_SHIPPING_LINE_NUMBER = 'shipping';

export interface CreateTransactionOptions {
  readonly companyCode: string;
  /** Document code, from transactionCodeFor (connectors/avalara): the same business key, the same code. */
  readonly code: string;
  /** SalesOrder: a quote, never recorded; SalesInvoice: the sale; ReturnInvoice: a refund (amounts negated). */
  readonly type: 'SalesOrder' | 'SalesInvoice' | 'ReturnInvoice';
  /** Record the document as committed (reportable) at once. */
  readonly commit?: boolean;
  /** AvaTax customer code (exemption certificates hang on it); the request's reference by default. */
  readonly customerCode?: string;
  /** The tenant's AvaTax tax codes per category, used before the built-in table. */
  readonly taxCodes?: Partial<Record<TaxCategory, string>>;
  readonly shippingLineNumber?: string;
}

// Limits from the description (maxLength).
const MAX = { code: 50, companyCode: 50, customerCode: 50, number: 50, taxCode: 25, hsCode: 25, line: 100, city: 50, postalCode: 11, description: 2096, businessIdentificationNo: 25 } as const;

class Issues {
  readonly list: MappingIssue[] = [];
  add(field: string, message: string, value?: unknown): void {
    this.list.push(value === undefined ? { field, message } : { field, message, value });
  }
  /** Checks a text limit; returns the value (also when too long, the issue is recorded). */
  max(field: string, value: string, limit: number): string {
    if (value.length > limit) this.add(field, `is ${value.length} characters, AvaTax takes at most ${limit}`, value.length > 80 ? `${value.slice(0, 80)}…` : value);
    return value;
  }
}

function address(issues: Issues, field: string, a: Address): AvalaraAddressLocationInfo {
  // AvaTax has three street lines; further lines join the third (kept as given, not reordered).
  const [line1, line2, ...rest] = a.lines;
  const line3 = rest.length > 0 ? rest.join(', ') : undefined;
  const out: Record<string, string> = {};
  if (line1 !== undefined && line1 !== '') out.line1 = issues.max(`${field}.lines[0]`, line1, MAX.line);
  if (line2 !== undefined && line2 !== '') out.line2 = issues.max(`${field}.lines[1]`, line2, MAX.line);
  if (line3 !== undefined && line3 !== '') out.line3 = issues.max(`${field}.lines[2]`, line3, MAX.line);
  if (a.city !== undefined && a.city !== '') out.city = issues.max(`${field}.city`, a.city, MAX.city);
  if (a.region !== undefined && a.region !== '') out.region = a.region;
  out.country = a.country;
  if (a.postalCode !== undefined && a.postalCode !== '') out.postalCode = issues.max(`${field}.postalCode`, a.postalCode, MAX.postalCode);
  return out as AvalaraAddressLocationInfo;
}

/** The JSON number for a Money, negated for returns; undefined (issue recorded) when a double cannot carry it. */
function amountOf(issues: Issues, field: string, money: Money, negate: boolean): number | undefined {
  const decimal = Decimal.fromMoney(money);
  // AvaTax return documents carry negative amounts (recorded ReturnInvoice: "amount": "-10.0").
  const signed = negate ? decimal.abs().neg() : decimal;
  const n = jsonNumberFromDecimal(signed);
  if (n === undefined) issues.add(field, `${signed.toString()} ${money.currency} has more digits than AvaTax's double amounts carry exactly`);
  return n;
}

export function taxQuoteRequestToCreateTransaction(request: TaxQuoteRequest, opts: CreateTransactionOptions): MappingResult<AvalaraCreateTransactionModel> {
  const issues = new Issues();
  const negate = opts.type === 'ReturnInvoice';
  const shippingNumber = opts.shippingLineNumber ?? DEFAULT_SHIPPING_LINE_NUMBER;

  issues.max('(options).code', opts.code, MAX.code);
  if (opts.code === '') issues.add('(options).code', 'must not be empty');
  issues.max('(options).companyCode', opts.companyCode, MAX.companyCode);
  const customerCode = opts.customerCode ?? request.reference;
  issues.max(opts.customerCode === undefined ? 'reference' : '(options).customerCode', customerCode, MAX.customerCode);

  const lines: AvalaraLineItem[] = [];
  const seen = new Set<string>();
  request.lines.forEach((line, i) => {
    const field = `lines[${i}]`;
    if (seen.has(line.id)) issues.add(`${field}.id`, 'appears twice: AvaTax line numbers must be unique', line.id);
    seen.add(line.id);
    if (line.amount.currency !== request.currency) issues.add(`${field}.amount.currency`, `is ${line.amount.currency}, the request is in ${request.currency}`);
    const taxCode = avalaraTaxCode(line.taxCategory, opts.taxCodes);
    if (taxCode === undefined) {
      issues.add(`${field}.taxCategory`, `no AvaTax tax code for category "${line.taxCategory}": give one in the taxCodes option`, line.taxCategory);
    } else {
      issues.max(`${field}.taxCategory`, taxCode, MAX.taxCode);
    }
    const amount = amountOf(issues, `${field}.amount`, line.amount, negate);
    // number and itemCode share the same limit (50).
    const id = issues.max(`${field}.id`, line.id, MAX.number);
    lines.push({
      number: id,
      quantity: line.quantity,
      amount: amount ?? 0,
      taxCode: taxCode ?? '',
      // The canonical line has no SKU; its id stands in as AvaTax's item code.
      itemCode: id,
      taxIncluded: request.pricesIncludeTax,
      ...(line.description === undefined ? {} : { description: issues.max(`${field}.description`, line.description, MAX.description) }),
      ...(line.hsCode === undefined ? {} : { hsCode: issues.max(`${field}.hsCode`, line.hsCode, MAX.hsCode) }),
    });
  });

  if (request.shipping !== undefined) {
    if (seen.has(shippingNumber)) issues.add('shipping', `the freight line number "${shippingNumber}" is also a line id: pass shippingLineNumber`);
    if (request.shipping.currency !== request.currency) issues.add('shipping.currency', `is ${request.shipping.currency}, the request is in ${request.currency}`);
    const amount = amountOf(issues, 'shipping', request.shipping, negate);
    lines.push({
      number: issues.max('(options).shippingLineNumber', shippingNumber, MAX.number),
      quantity: 1,
      amount: amount ?? 0,
      taxCode: AVALARA_FREIGHT_TAX_CODE,
      taxIncluded: request.pricesIncludeTax,
      description: 'Shipping',
    });
  }

  const shipFrom = address(issues, 'shipFrom', request.shipFrom);
  const shipTo = address(issues, 'shipTo', request.shipTo);
  const vatNumber = request.buyer.vatNumber;
  if (vatNumber !== undefined) issues.max('buyer.vatNumber', vatNumber, MAX.businessIdentificationNo);

  if (issues.list.length > 0) return fail(new MappingError(TAX_QUOTE_REQUEST_RECORD_TYPE, request.reference, issues.list));

  const model: AvalaraCreateTransactionModel = {
    type: opts.type,
    code: opts.code,
    companyCode: opts.companyCode,
    date: request.date,
    customerCode,
    addresses: { shipFrom, shipTo },
    lines,
    commit: opts.commit ?? false,
    currencyCode: request.currency,
    referenceCode: request.reference,
    ...(vatNumber === undefined ? {} : { businessIdentificationNo: vatNumber }),
    // Who clears customs: the seller under DDP (AvaTax Cross-Border reads isSellerImporterOfRecord).
    ...(request.incoterm === undefined ? {} : { isSellerImporterOfRecord: request.incoterm === 'DDP', deliveryTerms: request.incoterm }),
  };
  return ok(model);
}
