/**
 * `caravan ledger import KIND FILE [--tenant T]`: settlement lines from a payment or marketplace
 * file (any `caravan map` kind whose records are SettlementLines: stripe.event,
 * stripe.balance-transactions, paypal.transactions, paypal.event, amazon.settlement-report,
 * amazon.financial-events, amazon.transactions) into the hub's ledger, each with its amount in
 * the tenant's currency at the stored rate of its posting date. Idempotent by the source's own
 * line identity: importing the same file (or an overlapping window) again adds nothing. A line
 * whose rate is not stored is kept unconverted and counted; a settlement header (Amazon's totals
 * row: the payout the bank should credit) is stored beside the lines; other records (notices)
 * are skipped and counted. The rates are read, never fetched (`caravan fx refresh`).
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ledgerEntriesAtPostingRates } from '../../activities/ledger-entries.js';
import { findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { SettlementLineSchema, SettlementSchema, type Settlement, type SettlementLine } from '../../mappings/canonical/settlement.js';
import { upsertSettlementLines, upsertSettlements } from '../../store/index.js';
import { CliError } from '../output.js';
import { mapCommand } from './map.js';
import { pickTenant } from './quotes.js';

export interface LedgerImportSummary {
  tenant: string;
  file: string;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Settlement headers stored (the payouts reconciliation expects the bank to credit). */
  settlements: number;
  /** Records of the file that are neither (a notice). */
  skipped: number;
  /** Lines kept without a reporting amount: no stored rate for their posting date. */
  unconverted: number;
  firstFxProblem?: string;
  reportingCurrency: string;
}

/** Records the map kind could not map are refused: the file is fixed first, as `caravan map` shows. */
export async function ledgerImportCommand(deps: { db: Knex; config: TenantsConfig; logger: Logger }, kind: string, file: string, o: { tenant?: string | undefined; charset?: string | undefined }): Promise<LedgerImportSummary> {
  const tenant = pickTenant(deps.config, o.tenant);
  const reportingCurrency = findTenant(deps.config, tenant).currency ?? 'EUR';
  const { results } = await mapCommand(kind, file, o.charset === undefined ? {} : { charset: o.charset });
  const refused = results.filter((r) => !r.ok);
  if (refused.length > 0) {
    const first = refused[0]!;
    throw new CliError(`${file}: ${refused.length} record(s) do not map (caravan map ${kind} ${file} names them), the first: ${first.ok ? '' : first.error.message}`);
  }
  const lines: SettlementLine[] = [];
  const settlements: Settlement[] = [];
  let skipped = 0;
  for (const r of results) {
    if (!r.ok) continue;
    const line = SettlementLineSchema.safeParse(r.record);
    if (line.success) {
      lines.push(line.data);
      continue;
    }
    const header = SettlementSchema.safeParse(r.record);
    if (header.success) settlements.push(header.data);
    else skipped += 1;
  }
  const { entries, unconverted, firstFxProblem } = await ledgerEntriesAtPostingRates(deps, tenant, lines);
  const counts = await upsertSettlementLines(deps.db, tenant, entries);
  await upsertSettlements(deps.db, tenant, settlements);
  return { tenant, file, lines: lines.length, ...counts, settlements: settlements.length, skipped, unconverted, ...(firstFxProblem === undefined ? {} : { firstFxProblem }), reportingCurrency };
}

export function formatLedgerImport(s: LedgerImportSummary): string {
  const out = [
    `${s.file} for tenant ${s.tenant}: ${s.lines} settlement line(s)${s.settlements > 0 ? `, ${s.settlements} settlement header(s) (payouts)` : ''}${s.skipped > 0 ? `, ${s.skipped} other record(s) skipped` : ''}`,
    `  inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}`,
  ];
  if (s.unconverted > 0) out.push(`  ${s.unconverted} line(s) kept without a ${s.reportingCurrency} amount (no stored rate; caravan fx backfill, then import again), e.g. ${s.firstFxProblem}`);
  return out.join('\n');
}
