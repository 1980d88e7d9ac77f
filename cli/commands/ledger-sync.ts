/**
 * `caravan ledger sync --tenant T --channel C [--from D --to D] [--no-wait]`: a payment ledger
 * source's transactions (PayPal Transaction Search, Stripe balance transactions, Amazon Finances)
 * of a period into the ledger, by the paymentLedgerSync workflow.
 * `caravan ledger settlements --tenant T --channel C [--since D] [--no-wait]`: the Amazon
 * settlement reports created since D (Amazon's 90 days by default), by settlementsImport.
 * Both start their workflow with the tenant, channel and flow search attributes (or attach to the
 * run of the same id going) and, unless --no-wait, print what it imported.
 */
import type { Client } from '@temporalio/client';
import { connectorFor, vendorsWith, type CapabilityName } from '../../connectors/registry.js';
import { findConnection, findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { FLOWS, paymentLedgerSyncWorkflowId, settlementsImportWorkflowId } from '../../temporal.config.js';
import type { PaymentLedgerSyncInput, PaymentLedgerSyncResult, paymentLedgerSync } from '../../workflows/payment-ledger-sync.js';
import type { SettlementsImportInput, SettlementsImportResult, settlementsImport } from '../../workflows/settlements-import.js';
import { CliError } from '../output.js';
import { startOrAttach, type StartedChannelFlow } from './start-flow.js';

const DAY_MS = 86_400_000;
/** Without --from: the last 30 days (PayPal splits longer periods into 31-day searches itself). */
export const DEFAULT_LEDGER_SYNC_DAYS = 30;

/** `2026-03-01` (a whole UTC day) or an ISO 8601 time, as an ISO instant; a day given as `--to` includes that day. */
export function ledgerInstant(flag: string, text: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw new CliError(`${flag} "${text}" is not a date`, 2);
    return new Date(end ? ms + DAY_MS : ms).toISOString();
  }
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) throw new CliError(`${flag} "${text}" is neither a date YYYY-MM-DD nor an ISO 8601 time`, 2);
  return new Date(ms).toISOString();
}

/** The connection, checked to offer `capability`; a CliError naming the connections that do. */
function connectionWith(config: TenantsConfig, tenant: string, channel: string, capability: CapabilityName): string {
  try {
    findTenant(config, tenant);
    findConnection(config, tenant, channel);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const vendor = config.tenants[tenant]!.connections[channel]!.vendor;
  if (!connectorFor(vendor).capabilities.includes(capability)) {
    const offering = Object.entries(config.tenants[tenant]!.connections)
      .filter(([, c]) => connectorFor(c.vendor).capabilities.includes(capability))
      .map(([id]) => id);
    throw new CliError(`channel "${channel}" of tenant "${tenant}" is a ${vendor} connection, no ${capability} (${vendorsWith(capability).join(', ')}): the tenant's that are: ${offering.join(', ') || '(none)'}`, 2);
  }
  return channel;
}

export interface LedgerSyncOptions {
  tenant: string;
  channel: string;
  from?: string | undefined;
  to?: string | undefined;
  taskQueue?: string | undefined;
}

export async function startLedgerSync(client: Client, config: TenantsConfig, o: LedgerSyncOptions, now = new Date()): Promise<StartedChannelFlow<typeof paymentLedgerSync> & { from: string; to: string }> {
  const connection = connectionWith(config, o.tenant, o.channel, 'paymentLedgerSource');
  const to = o.to === undefined ? now.toISOString() : ledgerInstant('--to', o.to, true);
  const from = o.from === undefined ? new Date(Date.parse(to) - DEFAULT_LEDGER_SYNC_DAYS * DAY_MS).toISOString() : ledgerInstant('--from', o.from, false);
  if (from >= to) throw new CliError(`--from ${from} is not before --to ${to}`, 2);
  const input: PaymentLedgerSyncInput = { tenant: o.tenant, connection, from, to };
  const started = await startOrAttach<typeof paymentLedgerSync>(client, {
    workflowType: 'paymentLedgerSync',
    workflowId: paymentLedgerSyncWorkflowId(o.tenant, connection, from, to),
    args: [input],
    tenant: o.tenant,
    channel: connection,
    flow: FLOWS.paymentLedgerSync,
    summary: `Ledger import: ${o.tenant} / ${connection}, ${from} → ${to}`,
    taskQueue: o.taskQueue,
  });
  return { ...started, from, to };
}

export function formatLedgerSync(channel: string, from: string, to: string, r: PaymentLedgerSyncResult): string {
  const lines = [
    `${channel} ${from} → ${to}: ${r.records} transaction(s) in ${r.pages} page(s), ${r.lines} ledger line(s): ${r.inserted} new, ${r.updated} updated, ${r.unchanged} already there`,
    `covered to ${r.coveredTo}${r.coveredTo < to ? ' (the source has no later data yet: the next run starts there)' : ''}`,
  ];
  if (r.unconverted > 0) lines.push(`${r.unconverted} line(s) without a rate for the tenant's currency yet`);
  if (r.failed > 0) lines.push(`${r.failed} record(s) do not map, e.g. ${r.firstFailure ?? '?'}`);
  return lines.join('\n');
}

export async function ledgerSyncCommand(client: Client, config: TenantsConfig, o: LedgerSyncOptions & { wait?: boolean }, out: (line: string) => void): Promise<PaymentLedgerSyncResult | undefined> {
  const s = await startLedgerSync(client, config, o);
  out(`${s.started ? 'started' : 'already running'}: ${s.workflowId} (run ${s.runId})`);
  if (o.wait === false) return undefined;
  const result = await s.handle.result();
  out(formatLedgerSync(s.channel, s.from, s.to, result));
  return result;
}

export interface LedgerSettlementsOptions {
  tenant: string;
  channel: string;
  since?: string | undefined;
  taskQueue?: string | undefined;
}

export async function startSettlementsImport(client: Client, config: TenantsConfig, o: LedgerSettlementsOptions): Promise<StartedChannelFlow<typeof settlementsImport>> {
  const connection = connectionWith(config, o.tenant, o.channel, 'reportSource');
  const createdSince = o.since === undefined ? undefined : ledgerInstant('--since', o.since, false);
  const input: SettlementsImportInput = { tenant: o.tenant, connection, ...(createdSince === undefined ? {} : { createdSince }) };
  return startOrAttach<typeof settlementsImport>(client, {
    workflowType: 'settlementsImport',
    workflowId: settlementsImportWorkflowId(o.tenant, connection),
    args: [input],
    tenant: o.tenant,
    channel: connection,
    flow: FLOWS.settlementsImport,
    summary: `Settlement reports into the ledger: ${o.tenant} / ${connection}${createdSince === undefined ? '' : ` created since ${createdSince}`}`,
    taskQueue: o.taskQueue,
  });
}

export function formatSettlementsImport(channel: string, r: SettlementsImportResult): string {
  const lines = [`${channel}: ${r.reports} settlement report(s), ${r.lines} ledger line(s): ${r.inserted} new, ${r.updated} updated, ${r.unchanged} already there`];
  if (r.createdSince !== undefined) lines.push(`newest report created ${r.createdSince}`);
  if (r.unconverted > 0) lines.push(`${r.unconverted} line(s) without a rate for the tenant's currency yet`);
  if (r.failedLines > 0) lines.push(`${r.failedLines} row(s) do not map`);
  for (const f of r.failedReports) lines.push(`report ${f.reportId} unreadable: ${f.message}`);
  return lines.join('\n');
}

export async function ledgerSettlementsCommand(client: Client, config: TenantsConfig, o: LedgerSettlementsOptions & { wait?: boolean }, out: (line: string) => void): Promise<SettlementsImportResult | undefined> {
  const s = await startSettlementsImport(client, config, o);
  out(`${s.started ? 'started' : 'already running'}: ${s.workflowId} (run ${s.runId})`);
  if (o.wait === false) return undefined;
  const result = await s.handle.result();
  out(formatSettlementsImport(s.channel, result));
  return result;
}
