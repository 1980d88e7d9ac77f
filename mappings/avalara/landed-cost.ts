/**
 * AvaTax TransactionModel → canonical LandedCostQuote, for transactions AvaTax Cross-Border
 * priced: customs duty comes as line details with `taxType: "LandedCost"`, fees as details with
 * `isFee: true`, the import VAT/GST as the other details in the destination country, the
 * customs value as `costInsuranceFreight` (else the duty detail's taxable amount), and who
 * clears customs as `deliveryTerms` / `isSellerImporterOfRecord`. All of these are fields of
 * the description; the recorded sandbox transactions carry none of them (no duty detail), so
 * this mapping answers those with a typed error naming `lines[].details`.
 */
import { isCountryCode } from '../canonical/countries.js';
import type { Conversion } from '../canonical/fx.js';
import type { Converter } from '../canonical/fx-rate-table.js';
import { formatMoney, sumMoney, type Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { LandedCostQuoteSchema, type LandedCostQuote, type TaxQuoteRequest } from '../canonical/tax.js';
import { AVALARA_PROVIDER, combinedRatePercent, explainDetail, ruleRef, schemaError, unique } from './explain.js';
import { AVALARA_TRANSACTION_RECORD_TYPE, readAvalaraTransaction, type CheckedDetail } from './read-transaction.js';
import type { AvalaraTransaction } from '../../connectors/avalara/schemas.js';

/** The seller's booking currency and the rates to give the seller's figures in it (AvaTax answers in the document currency). */
export interface AvalaraLandedCostSellerContext {
  readonly sellerCurrency: string;
  /** Day the rates are taken on (YYYY-MM-DD). */
  readonly date: string;
  readonly convert: Converter;
}

export function avalaraTransactionToLandedCost(
  tx: AvalaraTransaction,
  request?: TaxQuoteRequest,
  sellerContext?: AvalaraLandedCostSellerContext,
): MappingResult<LandedCostQuote> {
  const read = readAvalaraTransaction(tx);
  if (!read.ok) return fail(read.error);
  const t = read.value;
  const issues: MappingIssue[] = [];
  const duties = t.lines.flatMap((l) => l.details).filter((d) => d.family === 'duty');
  if (duties.length === 0) {
    return fail(
      new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, t.code, [
        { field: 'lines[].details', message: 'no customs duty detail (taxType "LandedCost"): AvaTax computed no landed cost for this transaction' },
      ]),
    );
  }
  if (request !== undefined && request.currency !== t.currency) {
    issues.push({ field: 'currencyCode', message: `AvaTax answered in ${t.currency}, the request is in ${request.currency}`, value: t.currency });
  }

  const destinations = unique(duties.map((d) => d.country));
  const destination = destinations.length === 1 ? destinations[0]! : request?.shipTo.country;
  if (destination === undefined || !isCountryCode(destination)) {
    issues.push({ field: 'lines[].details[].country', message: `duty details name ${destinations.length === 0 ? 'no' : 'several'} destination countries`, value: destinations.join(',') });
  }
  const incoterm =
    t.deliveryTerms ?? (t.isSellerImporterOfRecord === undefined ? undefined : t.isSellerImporterOfRecord ? 'DDP' : 'DAP') ?? request?.incoterm;
  if (incoterm === undefined) issues.push({ field: 'isSellerImporterOfRecord', message: 'is missing (and no deliveryTerms, no request incoterm): DAP or DDP cannot be told' });

  const inDestination = (d: CheckedDetail): boolean => d.family === 'tax' && d.country === destination;
  const items: LandedCostQuote['items'] = [];
  t.lines.forEach((line, i) => {
    const lineDuties = line.details.filter((d) => d.family === 'duty');
    if (lineDuties.length === 0) return;
    const requestLine = request?.lines.find((l) => l.id === line.lineNumber);
    const hsCode = line.hsCode ?? requestLine?.hsCode;
    if (hsCode === undefined) issues.push({ field: `lines[${i}].hsCode`, message: 'is missing (and not in the request line)' });
    // AvaTax does not return the goods' origin: it comes from the request (line, else ship-from).
    const originCountry = requestLine?.originCountry ?? request?.shipFrom.country ?? t.originCountry;
    if (originCountry === undefined) issues.push({ field: `lines[${i}]`, message: 'origin country unknown: AvaTax does not return it; pass the request' });
    const customsValue: Money = line.costInsuranceFreight ?? lineDuties[0]!.taxable;
    const duty = sumMoney(t.currency, lineDuties.map((d) => d.tax));
    const importTaxDetails = line.details.filter(inDestination);
    const importTax = sumMoney(t.currency, importTaxDetails.map((d) => d.tax));
    if (hsCode === undefined || originCountry === undefined) return;
    items.push({
      itemId: line.lineNumber,
      hsCode,
      originCountry,
      customsValue,
      dutyRatePercent: combinedRatePercent(lineDuties),
      duty,
      importTax,
      explanation: [...lineDuties, ...importTaxDetails].map(explainDetail).join('; '),
    });
  });
  if (issues.length > 0 || destination === undefined || incoterm === undefined) return fail(new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, t.code, issues));

  const all = t.lines.flatMap((l) => l.details);
  const duty = sumMoney(t.currency, duties.map((d) => d.tax));
  // Import VAT/GST on every line, freight included (its VAT is part of the import charge).
  const importTax = sumMoney(t.currency, all.filter(inDestination).map((d) => d.tax));
  const fees = all
    .filter((d) => d.family === 'fee')
    .map((d) => ({ type: d.taxName ?? d.taxType ?? 'fee', amount: d.tax, explanation: explainDetail(d) }));
  const feeTotal = sumMoney(t.currency, fees.map((f) => f.amount));
  const total = sumMoney(t.currency, [duty, importTax, feeTotal]);
  const rules = t.messages
    .filter((m) => m.refersTo === 'LandedCost')
    .map((m) => ({ rule: ruleRef('avalara:landed-cost:message', m.summary, t.date), outcome: m.details === undefined || m.details === '' ? m.summary : `${m.summary} (${m.details})` }));
  // The seller's figures in the seller's currency, each conversion kept beside the quote.
  const sellerCurrency = sellerContext?.sellerCurrency ?? t.currency;
  const conversions: Conversion[] = [];
  const inSeller = (m: Money, field: string): Money => {
    if (m.currency === sellerCurrency || sellerContext === undefined) return m;
    const r = sellerContext.convert(m, sellerCurrency, sellerContext.date);
    if (!r.ok) {
      issues.push({ field, message: r.error.message });
      return { amountMinor: 0, currency: sellerCurrency };
    }
    conversions.push(r.conversion);
    return r.conversion.amount;
  };
  const seller = {
    currency: sellerCurrency,
    duty: inSeller(duty, 'seller.duty'),
    importTax: inSeller(importTax, 'seller.importTax'),
    fees: inSeller(feeTotal, 'seller.fees'),
  };
  if (issues.length > 0) return fail(new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, t.code, issues));
  const notes = [
    `AvaTax ${t.type ?? 'transaction'} ${t.code}: duty ${formatMoney(duty)}, import tax ${formatMoney(importTax)}, fees ${formatMoney(feeTotal)} ${t.currency}`,
    sellerCurrency === t.currency
      ? `amounts in the document currency ${t.currency}, which is the seller's currency`
      : `amounts in the document currency ${t.currency}; the seller's figures are converted into ${sellerCurrency}`,
    `${incoterm === 'DDP' ? 'the seller is importer of record (DDP) and pays' : 'the buyer pays at import (DAP)'} duty and import tax`,
  ];

  const quote: LandedCostQuote = {
    provider: AVALARA_PROVIDER,
    reference: request?.reference ?? t.referenceCode ?? t.code,
    date: t.date,
    destination,
    incoterm,
    currency: t.currency,
    items,
    duty,
    importTax,
    fees,
    total,
    seller: { ...seller, total: sumMoney(sellerCurrency, [seller.duty, seller.importTax, seller.fees]) },
    rules,
    conversions,
    notes,
  };
  const checked = LandedCostQuoteSchema.safeParse(quote);
  if (!checked.success) return fail(schemaError(t.code, checked.error.issues));
  return ok(checked.data);
}
