/**
 * A settlement line with its amount in the tenant's reporting currency at the rate of its
 * posting date (the UTC date of postedAt; on a weekend or holiday the converter falls back to
 * the last published rate and says so). The converter is the caller's (engines/fx over the
 * stored rate table): this stays pure and the store stays free of FX logic.
 */
import type { Converter, FxError } from '../../mappings/canonical/fx-rate-table.js';
import type { Money } from '../../mappings/canonical/money.js';
import type { SettlementLine } from '../../mappings/canonical/settlement.js';

export interface LedgerReporting {
  currency: string;
  gross: Money;
  net?: Money;
  rate: string;
  rateDate: string;
  rateSource: string;
}

export interface LedgerEntry {
  line: SettlementLine;
  reporting?: LedgerReporting;
}

export type LedgerEntryResult = { entry: LedgerEntry; fxError?: undefined } | { entry: LedgerEntry; fxError: FxError };

export const postingDateOf = (line: Pick<SettlementLine, 'postedAt'>): string => line.postedAt.slice(0, 10);

/**
 * The ledger entry of `line`. Without a rate for its posting date the entry is still returned,
 * unconverted, with the converter's error beside it, so one missing rate never drops a line.
 */
export function ledgerEntryFor(line: SettlementLine, reportingCurrency: string, convert: Converter): LedgerEntryResult {
  const date = postingDateOf(line);
  const gross = convert(line.gross, reportingCurrency, date);
  if (!gross.ok) return { entry: { line }, fxError: gross.error };
  const c = gross.conversion;
  const reporting: LedgerReporting = { currency: reportingCurrency, gross: c.amount, rate: c.rate, rateDate: c.rateDate, rateSource: c.source };
  if (line.net !== undefined) {
    const net = convert(line.net, reportingCurrency, date);
    if (!net.ok) return { entry: { line }, fxError: net.error };
    reporting.net = net.conversion.amount;
  }
  return { entry: { line, reporting } };
}
