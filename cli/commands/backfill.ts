/** `caravan backfill orders --tenant T --channel C --from D [--to D] [--wait]`: order history through order reports. */
import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { selectChannels, type TenantsConfig } from '../../config/tenants-config.js';
import { FLOWS, ordersBackfillWorkflowId } from '../../temporal.config.js';
import type { OrdersBackfillInput, OrdersBackfillSummary, ordersBackfill } from '../../workflows/orders-backfill.js';
import { startOrAttach, type StartedChannelFlow } from './start-flow.js';
import { CliError, formatDuration, table } from '../output.js';
import { parseSince } from './sync.js';

export type StartedBackfill = StartedChannelFlow<typeof ordersBackfill>;

/** --from / --to: ISO 8601 or relative to now (90d); --to defaults to now. */
export function backfillRange(from: string, to: string | undefined, now = new Date()): { from: string; to: string } {
  const range = { from: parseSince(from, now)!, to: to === undefined ? now.toISOString().replace(/\.\d{3}Z$/, 'Z') : parseSince(to, now)! };
  if (Date.parse(range.from) >= Date.parse(range.to)) throw new CliError(`--from ${range.from} is not before --to ${range.to}`);
  return range;
}

export async function startOrdersBackfill(
  client: Client,
  tenant: string,
  channel: string,
  range: { from: string; to: string },
  opts: Omit<OrdersBackfillInput, 'tenant' | 'channel' | 'from' | 'to' | 'carry'> & { taskQueue?: string | undefined } = {},
): Promise<StartedBackfill> {
  const { taskQueue, ...extra } = opts;
  const workflowId = ordersBackfillWorkflowId(tenant, channel, range.from, range.to);
  const input: OrdersBackfillInput = { tenant, channel, ...range, ...extra };
  return startOrAttach<typeof ordersBackfill>(client, {
    workflowType: 'ordersBackfill',
    workflowId,
    args: [input],
    tenant,
    channel,
    flow: FLOWS.ordersBackfill,
    summary: `Backfill orders: ${tenant} / ${channel}`,
    details: `Orders last updated ${range.from} → ${range.to}, through order reports`,
    taskQueue,
  });
}

/** The summary of a backfill that ended, failed windows included (they ride on the failure's details). */
export async function backfillOutcome(handle: WorkflowHandle<typeof ordersBackfill>): Promise<{ summary?: OrdersBackfillSummary; error?: string }> {
  try {
    return { summary: await handle.result() };
  } catch (e) {
    const cause = e instanceof WorkflowFailedError ? e.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === 'backfill_windows_failed') {
      return { summary: cause.details?.[0] as OrdersBackfillSummary, error: cause.message };
    }
    return { error: cause?.message ?? (e as Error).message };
  }
}

export function formatBackfillSummary(s: OrdersBackfillSummary): string {
  const rows = s.windows.map((w) => {
    const o = w.outcome;
    const c = o.status === 'imported' ? o.counts : undefined;
    return [`${w.from} → ${w.to}`, o.status, c?.rows ?? 0, c?.inserted ?? 0, c?.updated ?? 0, c?.unchanged ?? 0, c?.deadLettered ?? 0, o.status === 'failed' ? o.error : ''];
  });
  const t = s.totals;
  rows.push(['total', '', t.rows, t.inserted, t.updated, t.unchanged, t.deadLettered, formatDuration(s.durationMs)]);
  return table(['WINDOW', 'OUTCOME', 'ROWS', 'NEW', 'UPDATED', 'UNCHANGED', 'DEAD-LETTERED', ''], rows);
}

export async function backfillOrdersCommand(
  client: Client,
  config: TenantsConfig,
  opts: { tenant: string; channel: string; from: string; to?: string; wait?: boolean; taskQueue?: string | undefined },
  out: (line: string) => void,
): Promise<boolean> {
  const channels = selectChannels(config, opts.tenant, opts.channel);
  const range = backfillRange(opts.from, opts.to);
  const started: StartedBackfill[] = [];
  for (const channel of channels) {
    const s = await startOrdersBackfill(client, opts.tenant, channel, range, { taskQueue: opts.taskQueue });
    out(`${s.started ? 'started' : 'already running, attached to'} ${s.workflowId} (run ${s.runId})`);
    started.push(s);
  }
  if (!opts.wait) return true;
  let ok = true;
  for (const s of started) {
    const { summary, error } = await backfillOutcome(s.handle);
    if (summary) out(`${s.channel}\n${formatBackfillSummary(summary)}`);
    if (error) {
      ok = false;
      out(`${s.channel}: ${error}`);
    }
  }
  return ok;
}
