/**
 * `caravan reconcile --from D --to D [--tenant T] [--as-of D] [--rules FILE] [--out DIR]` and
 * `caravan reconcile resolve ID --reason R [--by NAME]`: the engine (engines/reconcile) run on
 * what the hub holds — the period's ledger lines (`ledger import`), the earlier sales of the
 * orders the period refunds, the payouts those lines make, the bank entries (`bank import`) from
 * a little before the period to the run's day, and the tenant's orders — with the discrepancies
 * recorded (a resolution given by hand is kept when the same discrepancy is found again) and the
 * report written as CSV and JSON. The nightly `reconcile` workflow is to run the same steps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { addDays, payoutsFromLedger, reconcile, type ReconcileRules, type ReconciliationResult } from '../../engines/reconcile/index.js';
import type { Order } from '../../mappings/canonical/order.js';
import type { SettlementLine } from '../../mappings/canonical/settlement.js';
import { bankLinesByPeriod, discrepancyResolutions, ledgerLinesByOrder, ledgerLinesByPeriod, listOrders, recordDiscrepancies, resolveDiscrepancy } from '../../store/index.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';
import { reconciliationCsv, reconciliationJson, reconciliationSummary } from './reconcile-report.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Bank credits may be booked a few days around a payout's day: read from this long before the period. */
const BANK_LEAD_DAYS = 10;
const ORDER_PAGE = 500;

export interface ReconcileOptions {
  tenant?: string | undefined;
  from: string;
  to: string;
  asOf?: string | undefined;
  rules?: string | undefined;
  out?: string | undefined;
}

function readRules(file: string | undefined): ReconcileRules {
  if (file === undefined) return { feeRules: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--rules ${file}: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { feeRules?: unknown }).feeRules)) throw new CliError(`--rules ${file}: must be a JSON object with feeRules: [...] (engines/reconcile ReconcileRules)`);
  return doc as ReconcileRules;
}

export async function reconcileCommand(deps: { db: Knex; config: TenantsConfig; now?: () => Date }, o: ReconcileOptions) {
  const tenant = pickTenant(deps.config, o.tenant);
  for (const [flag, v] of [['--from', o.from], ['--to', o.to], ['--as-of', o.asOf]] as const) {
    if (v !== undefined && !DATE.test(v)) throw new CliError(`${flag} "${v}" is not a date YYYY-MM-DD`, 2);
  }
  if (o.from > o.to) throw new CliError(`--from ${o.from} is after --to ${o.to}`, 2);
  const asOf = o.asOf ?? (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const rules = readRules(o.rules);
  const period = { from: o.from, to: o.to };

  const inPeriod = (await ledgerLinesByPeriod(deps.db, { tenant, ...period })).map((s) => s.line);
  // A refund is judged against its sale, which may have been posted before the period.
  const refunded = [...new Set(inPeriod.filter((l) => l.kind === 'refund' && l.refs.orderId !== undefined).map((l) => l.refs.orderId!))];
  const seen = new Set(inPeriod.map((l) => `${l.source}\u0000${l.lineId}`));
  const earlier: SettlementLine[] = (await ledgerLinesByOrder(deps.db, tenant, refunded)).map((s) => s.line).filter((l) => !seen.has(`${l.source}\u0000${l.lineId}`));
  const lines = [...inPeriod, ...earlier];
  const bankLines = (await bankLinesByPeriod(deps.db, { tenant, from: addDays(o.from, -BANK_LEAD_DAYS), to: asOf > o.to ? asOf : o.to })).map((b) => b.line);
  const orders: Order[] = [];
  for (let offset = 0; ; offset += ORDER_PAGE) {
    const page = await listOrders(deps.db, { tenant, limit: ORDER_PAGE, offset });
    orders.push(...page.map((p) => p.order));
    if (page.length < ORDER_PAGE) break;
  }
  const result: ReconciliationResult = reconcile({ tenant, period, asOf, orders, lines, payouts: payoutsFromLedger(lines), bankLines, rules });
  const recorded = await recordDiscrepancies(deps.db, tenant, { period, discrepancies: result.discrepancies });
  const resolutions = await discrepancyResolutions(deps.db, tenant, result.discrepancies.map((d) => d.id));
  let files: { csv: string; json: string } | undefined;
  if (o.out !== undefined) {
    mkdirSync(o.out, { recursive: true });
    const base = join(o.out, `reconcile-${tenant}-${o.from}-${o.to}`);
    files = { csv: `${base}.csv`, json: `${base}.json` };
    writeFileSync(files.csv, reconciliationCsv(result, resolutions));
    writeFileSync(files.json, reconciliationJson(result, resolutions));
  }
  return { result, resolutions, recorded, summary: reconciliationSummary(result, resolutions), ...(files === undefined ? {} : { files }) };
}

export async function reconcileResolveCommand(deps: { db: Knex; config: TenantsConfig }, id: string, o: { tenant?: string | undefined; reason: string; by?: string | undefined }): Promise<string> {
  const tenant = pickTenant(deps.config, o.tenant);
  if (o.reason.trim() === '') throw new CliError('--reason must say why the discrepancy is settled', 2);
  const by = o.by ?? process.env['USER'] ?? 'caravan';
  const outcome = await resolveDiscrepancy(deps.db, tenant, id, { by, reason: o.reason });
  if (outcome === 'unknown') throw new CliError(`tenant "${tenant}" has no discrepancy ${id} (caravan reconcile lists them)`);
  return outcome === 'resolved' ? `${id}: resolved by ${by}: ${o.reason}` : `${id}: was already resolved (the first resolution is kept)`;
}
