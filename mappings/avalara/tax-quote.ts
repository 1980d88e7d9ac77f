/**
 * AvaTax TransactionModel → canonical TaxQuote (provider `avalara`). One quote line per
 * transaction line and kind of charge (tax; customs duty and fees on cross-border lines),
 * explained detail by detail with AvaTax's jurisdiction names, rates and amounts. Amounts are
 * read from AvaTax's JSON numbers as exact decimals at the currency's precision.
 */
import { formatMoney, sumMoney, type Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { TaxQuoteSchema, type TaxQuote, type TaxQuoteRequest } from '../canonical/tax.js';
import {
  AVALARA_PROVIDER,
  combinedRatePercent,
  explainDetail,
  isZero,
  jurisdictionNames,
  placeOf,
  ruleRef,
  schemaError,
  unique,
} from './explain.js';
import { AVALARA_TRANSACTION_RECORD_TYPE, readAvalaraTransaction, type CheckedDetail, type CheckedLine, type CheckedTransaction, type DetailFamily } from './read-transaction.js';
import { outputScheme } from './tax-types.js';
import type { AvalaraTransaction } from '../../connectors/avalara/schemas.js';

type QuoteLine = TaxQuote['lines'][number];

const FAMILY_ORDER: readonly DetailFamily[] = ['tax', 'duty', 'fee'];

function ruleFor(t: CheckedTransaction, line: CheckedLine, family: DetailFamily, details: readonly CheckedDetail[], where: string): QuoteLine['rule'] {
  const effectiveFrom = line.taxDate ?? t.date;
  if (family === 'duty') {
    const hs = line.hsCode ?? line.taxCode ?? line.lineNumber;
    return ruleRef(`avalara:landed-cost:${hs}`, `AvaTax customs duty for ${line.hsCode === undefined ? 'line ' + line.lineNumber : 'HS ' + line.hsCode} into ${where}`, effectiveFrom);
  }
  if (family === 'fee') {
    const name = unique(details.map((d) => d.taxName)).join(', ') || 'fee';
    return ruleRef(`avalara:fee:${name}`, `AvaTax fee ${name} in ${where}`, effectiveFrom);
  }
  const code = line.taxCode ?? 'none';
  return ruleRef(`avalara:tax-code:${code}`, `AvaTax rates for tax code ${code} in ${where || 'no taxing jurisdiction'}`, effectiveFrom);
}

/** "price includes tax: 10.00 = 9.26 net + 0.74 tax; " for tax-included lines. */
function includedPrefix(line: CheckedLine): string {
  if (!line.taxIncluded) return '';
  const net = line.lineAmount ?? line.taxable;
  const gross = sumMoney(net.currency, [net, line.tax]);
  return `price includes tax: ${formatMoney(gross)} = ${formatMoney(net)} net + ${formatMoney(line.tax)} tax; `;
}

function quoteLinesOf(t: CheckedTransaction, line: CheckedLine): QuoteLine[] {
  if (line.details.length === 0) {
    return [
      {
        lineId: line.lineNumber,
        taxable: line.taxable,
        ratePercent: '0',
        tax: line.tax,
        jurisdiction: 'none',
        rule: ruleFor(t, line, 'tax', [], ''),
        explanation: isZero(line.tax)
          ? 'AvaTax charged no tax on this line (not taxable, or no nexus where it ships)'
          : `AvaTax charged ${formatMoney(line.tax)} ${line.tax.currency} without jurisdiction detail`,
      },
    ];
  }
  const families = FAMILY_ORDER.filter((f) => line.details.some((d) => d.family === f));
  return families.map((family) => {
    const details = line.details.filter((d) => d.family === family);
    const taxables = unique(details.map((d) => String(d.taxable.amountMinor)));
    // The base the details share (import VAT on value + duty, duty on CIF value); the line's taxable amount when they differ.
    const taxable: Money = taxables.length === 1 ? details[0]!.taxable : line.taxable;
    // With one kind of charge the line's own tax is authoritative; otherwise each kind adds its details.
    const tax = families.length === 1 ? line.tax : sumMoney(t.currency, details.map((d) => d.tax));
    const where = jurisdictionNames(details);
    return {
      lineId: line.lineNumber,
      taxable,
      ratePercent: combinedRatePercent(details),
      tax,
      jurisdiction: family === 'tax' ? where : `${where} ${family === 'duty' ? 'customs duty' : 'fees'}`,
      rule: ruleFor(t, line, family, details, placeOf(details) ?? where),
      explanation: (family === 'tax' ? includedPrefix(line) : '') + details.map(explainDetail).join('; '),
    };
  });
}

function quoteJurisdiction(t: CheckedTransaction, request: TaxQuoteRequest | undefined): string | undefined {
  const all = t.lines.flatMap((l) => l.details);
  const taxes = all.filter((d) => d.family === 'tax');
  const place = placeOf(taxes.length > 0 ? taxes : all);
  if (place !== undefined) return place;
  if (t.country !== undefined) return t.region !== undefined && t.region !== t.country ? `${t.country}-${t.region}` : t.country;
  if (request !== undefined) return request.shipTo.region === undefined ? request.shipTo.country : `${request.shipTo.country}-${request.shipTo.region}`;
  return undefined;
}

function schemeAndCollector(
  t: CheckedTransaction,
  request: TaxQuoteRequest | undefined,
  jurisdiction: string,
): { scheme: string; collectedBy: TaxQuote['collectedBy']; unknownTaxType?: string } {
  const all = t.lines.flatMap((l) => l.details).filter((d) => d.family !== 'fee');
  const taxes = all.filter((d) => d.family === 'tax');
  const pool = taxes.length > 0 ? taxes : all;
  const primary = pool.find((d) => !isZero(d.tax)) ?? pool[0];
  if (primary === undefined) return { scheme: 'none', collectedBy: 'none' };
  let { scheme, collectedBy } = primary.rule;
  if (primary.taxType === 'Output') scheme = outputScheme(request?.shipFrom.country ?? t.originCountry, jurisdiction.slice(0, 2));
  // Customs duty on the document: the goods are imported, and the VAT/GST is due at import too,
  // paid by the seller when it is importer of record (DDP), else by the buyer at customs (DAP).
  if (all.some((d) => d.family === 'duty')) {
    scheme = 'import';
    collectedBy = t.isSellerImporterOfRecord === true || t.deliveryTerms === 'DDP' ? 'seller' : 'customs';
  }
  if (t.lines.some((l) => l.marketplace)) collectedBy = 'marketplace';
  return primary.rule.known ? { scheme, collectedBy } : { scheme, collectedBy, unknownTaxType: primary.taxType ?? '(none)' };
}

function notesFor(t: CheckedTransaction, request: TaxQuoteRequest | undefined, lines: readonly QuoteLine[], unknownTaxType?: string): string[] {
  const notes: string[] = [];
  const state = [t.status === undefined ? undefined : `status ${t.status}`, t.version === undefined ? undefined : `version ${t.version}`].filter(Boolean).join(', ');
  notes.push(`AvaTax ${t.type ?? 'transaction'} ${t.code}${state === '' ? '' : ` (${state})`}`);
  if (t.lines.some((l) => l.taxIncluded)) notes.push('prices include tax: taxable amounts are the net AvaTax derived from the gross line amounts');
  if (t.lines.every((l) => l.details.length === 0)) notes.push('AvaTax charged no tax: no taxing jurisdiction applied (not taxable, or no nexus where it ships)');
  const duty = t.lines.flatMap((l) => l.details).filter((d) => d.family === 'duty');
  if (duty.length > 0) {
    notes.push(`includes customs duty of ${formatMoney(sumMoney(t.currency, duty.map((d) => d.tax)))} ${t.currency} (AvaTax Cross-Border); see the landed-cost quote`);
  }
  if (unknownTaxType !== undefined) notes.push(`AvaTax tax type "${unknownTaxType}" is not in the tax-type table: scheme named after it, collected by the seller`);
  const lineTotal = sumMoney(t.currency, lines.map((l) => l.tax));
  if (lineTotal.amountMinor !== t.totalTax.amountMinor) {
    notes.push(`line taxes add up to ${formatMoney(lineTotal)}, AvaTax's totalTax is ${formatMoney(t.totalTax)} ${t.currency} (the total is the one quoted)`);
  }
  if (request !== undefined) {
    const ids = new Set(t.lines.map((l) => l.lineNumber));
    for (const line of request.lines) if (!ids.has(line.id)) notes.push(`request line ${line.id} is not in the AvaTax transaction`);
  }
  for (const m of t.messages) notes.push(`AvaTax message: ${m.summary}${m.details === undefined ? '' : ` (${m.details})`}`);
  return notes;
}

export function avalaraTransactionToTaxQuote(tx: AvalaraTransaction, request?: TaxQuoteRequest): MappingResult<TaxQuote> {
  const read = readAvalaraTransaction(tx);
  if (!read.ok) return fail(read.error);
  const t = read.value;
  const issues: MappingIssue[] = [];
  if (request !== undefined && request.currency !== t.currency) {
    issues.push({ field: 'currencyCode', message: `AvaTax answered in ${t.currency}, the request is in ${request.currency}`, value: t.currency });
  }
  const jurisdiction = quoteJurisdiction(t, request);
  if (jurisdiction === undefined) {
    issues.push({ field: 'lines[].details', message: 'no jurisdiction: no tax detail, no transaction country, and no request to take the destination from' });
  }
  if (issues.length > 0 || jurisdiction === undefined) return fail(new MappingError(AVALARA_TRANSACTION_RECORD_TYPE, t.code, issues));

  const lines = t.lines.flatMap((line) => quoteLinesOf(t, line));
  const { scheme, collectedBy, unknownTaxType } = schemeAndCollector(t, request, jurisdiction);
  const quote: TaxQuote = {
    provider: AVALARA_PROVIDER,
    reference: request?.reference ?? t.referenceCode ?? t.code,
    date: t.date,
    jurisdiction,
    scheme,
    collectedBy,
    currency: t.currency,
    lines,
    totalTax: t.totalTax,
    notes: notesFor(t, request, lines, unknownTaxType),
    conversions: [],
  };
  const checked = TaxQuoteSchema.safeParse(quote);
  if (!checked.success) return fail(schemaError(t.code, checked.error.issues));
  return ok(checked.data);
}
