/**
 * Settlement lines → ledger entries with the amount in the tenant's reporting currency at the
 * stored rate of each line's posting date (one stored rate table per date, a week's lookback,
 * read once and kept for the next batches). Rates are read, never fetched: a line whose rate is
 * not stored is kept unconverted and counted. Shared by `caravan ledger import`, the
 * settlement import activities and the payment-event workflow's activity, so a line reads the
 * same whichever way it came in.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { converterFor, type FxRateTable } from '../engines/fx/index.js';
import { ledgerEntryFor, postingDateOf, type LedgerEntry } from '../engines/reconcile/ledger-entry.js';
import type { Converter } from '../mappings/canonical/fx-rate-table.js';
import type { SettlementLine } from '../mappings/canonical/settlement.js';
import { createFxService } from './fx.js';

export interface LedgerEntriesResult {
  readonly entries: LedgerEntry[];
  /** Lines kept without a reporting amount: no stored rate for their posting date. */
  readonly unconverted: number;
  readonly firstFxProblem?: string;
}

export interface LedgerEntryConverter {
  entriesFor(lines: readonly SettlementLine[]): Promise<LedgerEntriesResult>;
}

export function createLedgerEntryConverter(fx: { rateTableFor(onDate: string, opts: { fetchIfMissing: false }): Promise<FxRateTable> }, reportingCurrency: string): LedgerEntryConverter {
  const tables = new Map<string, FxRateTable>();
  return {
    async entriesFor(lines) {
      for (const date of new Set(lines.map(postingDateOf))) {
        if (!tables.has(date)) tables.set(date, await fx.rateTableFor(date, { fetchIfMissing: false }));
      }
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
      return { entries, unconverted, ...(firstFxProblem === undefined ? {} : { firstFxProblem }) };
    },
  };
}

/** One batch of a tenant's lines at the rates of their posting dates, in the tenant's reporting currency. */
export async function ledgerEntriesAtPostingRates(
  deps: { db: Knex; config: TenantsConfig; logger: Logger },
  tenant: string,
  lines: readonly SettlementLine[],
): Promise<LedgerEntriesResult & { reportingCurrency: string }> {
  const reportingCurrency = findTenant(deps.config, tenant).currency ?? 'EUR';
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger });
  return { ...(await createLedgerEntryConverter(fx, reportingCurrency).entriesFor(lines)), reportingCurrency };
}
