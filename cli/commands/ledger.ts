/**
 * `caravan ledger import KIND FILE [--tenant T]`: settlement lines from a payment or marketplace
 * file (any `caravan map` kind whose records are SettlementLines: stripe.event,
 * stripe.balance-transactions, paypal.transactions, paypal.event, amazon.settlement-report,
 * amazon.financial-events, amazon.transactions) into the hub's ledger, each with its amount in
 * the tenant's currency at the stored rate of its posting date. Idempotent by the source's own
 * line identity: importing the same file (or an overlapping window) again adds nothing. A line
 * whose rate is not stored is kept unconverted and counted; other records (settlement headers,
 * notices) are skipped and counted. The rates are read, never fetched (`caravan fx refresh`).
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { createFxService } from '../../activities/fx.js';
import { findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { createLedgerEntryConverter } from '../../activities/ledger-entries.js';
import { SettlementLineSchema, type SettlementLine } from '../../mappings/canonical/settlement.js';
import { upsertSettlementLines } from '../../store/index.js';
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
  /** Records of the file that are no settlement line (a settlement's header, a notice). */
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
  let skipped = 0;
  for (const r of results) {
    const parsed = r.ok ? SettlementLineSchema.safeParse(r.record) : undefined;
    if (parsed?.success === true) lines.push(parsed.data);
    else skipped += 1;
  }
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger });
  const { entries, unconverted, firstFxProblem } = await createLedgerEntryConverter(fx, reportingCurrency).entriesFor(lines);
  const counts = await upsertSettlementLines(deps.db, tenant, entries);
  return { tenant, file, lines: lines.length, ...counts, skipped, unconverted, ...(firstFxProblem === undefined ? {} : { firstFxProblem }), reportingCurrency };
}

export function formatLedgerImport(s: LedgerImportSummary): string {
  const out = [
    `${s.file} for tenant ${s.tenant}: ${s.lines} settlement line(s)${s.skipped > 0 ? `, ${s.skipped} other record(s) skipped` : ''}`,
    `  inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}`,
  ];
  if (s.unconverted > 0) out.push(`  ${s.unconverted} line(s) kept without a ${s.reportingCurrency} amount (no stored rate; caravan fx backfill, then import again), e.g. ${s.firstFxProblem}`);
  return out.join('\n');
}
