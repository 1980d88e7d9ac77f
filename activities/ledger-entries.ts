/**
 * Settlement lines made ledger entries: each with its amount in the tenant's reporting currency
 * at the stored rate of its posting date (rates are read, never fetched: `caravan fx refresh`).
 * A line whose rate is not stored is kept unconverted and counted. Shared by `caravan ledger
 * import` and the payment-event workflow's activity, so a line reads the same either way.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { converterFor, type FxRateTable } from '../engines/fx/index.js';
import { ledgerEntryFor, postingDateOf } from '../engines/reconcile/ledger-entry.js';
import type { Converter } from '../mappings/canonical/fx-rate-table.js';
import type { SettlementLine } from '../mappings/canonical/settlement.js';
import type { LedgerEntryInput } from '../store/index.js';
import { createFxService } from './fx.js';

export interface LedgerEntries {
  entries: LedgerEntryInput[];
  reportingCurrency: string;
  /** Lines kept without a reporting amount: no stored rate for their posting date. */
  unconverted: number;
  firstFxProblem?: string;
}

export async function ledgerEntriesAtPostingRates(deps: { db: Knex; config: TenantsConfig; logger: Logger }, tenant: string, lines: readonly SettlementLine[]): Promise<LedgerEntries> {
  const reportingCurrency = findTenant(deps.config, tenant).currency ?? 'EUR';
  // One stored rate table per posting date (a week's lookback each), read before converting.
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger });
  const tables = new Map<string, FxRateTable>();
  for (const date of new Set(lines.map(postingDateOf))) tables.set(date, await fx.rateTableFor(date, { fetchIfMissing: false }));
  const convert: Converter = (money, to, onDate) => converterFor({ table: tables.get(onDate)! })(money, to, onDate);
  let unconverted = 0;
  let firstFxProblem: string | undefined;
  const entries = lines.map((line) => {
    const r = ledgerEntryFor(line, reportingCurrency, convert);
    if (r.fxError !== undefined) {
      unconverted += 1;
      firstFxProblem ??= `${line.lineId}: ${r.fxError.message}`;
    }
    return r.entry;
  });
  return { entries, reportingCurrency, unconverted, ...(firstFxProblem === undefined ? {} : { firstFxProblem }) };
}
