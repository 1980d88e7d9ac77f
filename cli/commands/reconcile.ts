/**
 * `caravan reconcile --from D --to D [--tenant T] [--as-of D] [--rules FILE] [--out DIR] [--local]`
 * and `caravan reconcile resolve ID --reason R [--by NAME]`. By default the period is reconciled
 * by the `reconcile` workflow (workflows/reconcile.ts; ID `reconcile/<tenant>/<from>..<to>`),
 * which waits for late data inside the grace periods; the command waits for its result. With
 * `--local` the same steps (activities/reconcile.ts) run once in this process, offline, as of
 * `--as-of` (default now). Rules come from the tenant's `reconcile.rules` in the tenants file;
 * `--rules FILE` replaces them.
 */
import { readFileSync } from 'node:fs';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Knex } from 'knex';
import { runReconciliation, type ReconcileRunResult } from '../../activities/reconcile.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import type { ReconcileRules } from '../../engines/reconcile/index.js';
import { resolveDiscrepancy } from '../../store/index.js';
import { FLOWS, reconcileWorkflowId, searchAttributeKeys, TASK_QUEUES } from '../../temporal.config.js';
import type { reconcile, ReconcileProgress, ReconcileWorkflowInput, ReconcileWorkflowResult } from '../../workflows/reconcile.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReconcileOptions {
  tenant?: string | undefined;
  from: string;
  to: string;
  asOf?: string | undefined;
  rules?: string | undefined;
  out?: string | undefined;
}

function readRules(file: string | undefined): ReconcileRules | undefined {
  if (file === undefined) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`--rules ${file}: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { feeRules?: unknown }).feeRules)) throw new CliError(`--rules ${file}: must be a JSON object with feeRules: [...] (engines/reconcile ReconcileRules)`);
  return doc as ReconcileRules;
}

function checkPeriod(o: ReconcileOptions): void {
  for (const [flag, v] of [['--from', o.from], ['--to', o.to], ['--as-of', o.asOf]] as const) {
    if (v !== undefined && !DATE.test(v)) throw new CliError(`${flag} "${v}" is not a date YYYY-MM-DD`, 2);
  }
  if (o.from > o.to) throw new CliError(`--from ${o.from} is after --to ${o.to}`, 2);
}

/** `--local`: one pass in this process (no Temporal), as of `--as-of` or now; the report only with `--out`. */
export async function reconcileCommand(deps: { db: Knex; config: TenantsConfig; now?: () => Date }, o: ReconcileOptions): Promise<ReconcileRunResult> {
  const tenant = pickTenant(deps.config, o.tenant);
  checkPeriod(o);
  const asOf = o.asOf ?? (deps.now ?? (() => new Date()))().toISOString();
  return runReconciliation({ db: deps.db, config: deps.config }, { tenant, period: { from: o.from, to: o.to }, asOf, rules: readRules(o.rules), outDir: o.out });
}

export interface StartedReconcile {
  workflowId: string;
  started: boolean;
  handle: WorkflowHandle<typeof reconcile>;
}

/** Starts the period's reconcile workflow, or attaches to the run of it still going. */
export async function startReconcile(client: Client, config: TenantsConfig, o: Omit<ReconcileOptions, 'asOf'> & { taskQueue?: string | undefined; maxWaitMs?: number }): Promise<StartedReconcile> {
  const tenant = pickTenant(config, o.tenant);
  checkPeriod(o);
  const rules = readRules(o.rules);
  const input: ReconcileWorkflowInput = { tenant, from: o.from, to: o.to, ...(rules ? { rules } : {}), ...(o.out ? { outDir: o.out } : {}), ...(o.maxWaitMs !== undefined ? { maxWaitMs: o.maxWaitMs } : {}) };
  const workflowId = reconcileWorkflowId(tenant, o.from, o.to);
  try {
    const handle = await client.workflow.start<typeof reconcile>('reconcile', {
      taskQueue: o.taskQueue ?? TASK_QUEUES.sync,
      workflowId,
      args: [input],
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: tenant },
        { key: searchAttributeKeys.flow, value: FLOWS.reconcile },
      ],
      staticSummary: `Reconciliation: ${tenant} ${o.from}..${o.to}`,
    });
    return { workflowId, started: true, handle };
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    return { workflowId, started: false, handle: client.workflow.getHandle<typeof reconcile>(workflowId) };
  }
}

/**
 * The run's first pass, read with the progress query: its outcome and, when items are pending,
 * when the run looks again. Undefined when the run ended before answering (its result says it).
 */
export async function firstReconcilePass(handle: WorkflowHandle<typeof reconcile>, pollMs = 250): Promise<ReconcileProgress | undefined> {
  for (;;) {
    let p: ReconcileProgress;
    try {
      p = await handle.query<ReconcileProgress>('progress');
    } catch (e) {
      // A run that already completed answers no query on some servers: its result is what counts.
      if ((await handle.describe()).status.name !== 'RUNNING') return undefined;
      throw e;
    }
    if (p.last !== undefined && p.phase !== 'reconciling') return p;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function formatWaiting(p: ReconcileProgress): string {
  return `${p.last!.summary}\n  ${p.last!.pending} pending: the run looks again at ${p.nextPassAt ?? '?'} (or when a lateData signal says data arrived); report so far: ${p.last!.files.csv}`;
}

export function formatReconcileResult(r: ReconcileWorkflowResult): string {
  const lines = [r.summary];
  if (r.pending > 0) lines.push(`  ${r.pending} still pending${r.gaveUpWaiting ? ' (stopped waiting)' : ''}`);
  lines.push(`report: ${r.files.csv}`, `        ${r.files.json}`);
  return lines.join('\n');
}

export async function reconcileResolveCommand(deps: { db: Knex; config: TenantsConfig }, id: string, o: { tenant?: string | undefined; reason: string; by?: string | undefined }): Promise<string> {
  const tenant = pickTenant(deps.config, o.tenant);
  if (o.reason.trim() === '') throw new CliError('--reason must say why the discrepancy is settled', 2);
  const by = o.by ?? process.env['USER'] ?? 'caravan';
  const outcome = await resolveDiscrepancy(deps.db, tenant, id, { by, reason: o.reason });
  if (outcome === 'unknown') throw new CliError(`tenant "${tenant}" has no discrepancy ${id} (caravan reconcile lists them)`);
  return outcome === 'resolved' ? `${id}: resolved by ${by}: ${o.reason}` : `${id}: was already resolved (the first resolution is kept)`;
}
