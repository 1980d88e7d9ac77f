/**
 * `caravan sync orders --tenant T --channel C [--since ISO] [--wait]`
 * `caravan sync inventory --tenant T --channel C [--wait]`
 * `caravan sync listings --tenant T --channel C [--sku S …] [--force] [--wait]`
 */
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { FLOWS, inventorySyncWorkflowId, listingsPublishWorkflowId, ordersSyncWorkflowId } from '../../temporal.config.js';
import { findTenant, selectChannels, type TenantsConfig } from '../../config/tenants-config.js';
import type { InventorySyncInput, InventorySyncSummary, inventorySync } from '../../workflows/inventory-sync.js';
import type { ListingsPublishInput, ListingsPublishSummary, listingsPublish } from '../../workflows/listings-publish.js';
import type { OrdersSyncInput, OrdersSyncProgress, OrdersSyncSummary, ordersSync } from '../../workflows/orders-sync.js';
import { CliError, formatDuration, table } from '../output.js';
import { startOrAttach, type StartedChannelFlow } from './start-flow.js';

export type StartedSync = StartedChannelFlow<typeof ordersSync>;

export function parseSince(since: string | undefined, now = new Date()): string | undefined {
  if (since === undefined) return undefined;
  // Relative forms for ops: 90m, 36h, 7d.
  const rel = /^(\d+)([mhd])$/.exec(since);
  if (rel) {
    const ms = Number(rel[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const d = new Date(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(d.getTime())) {
    throw new CliError(`--since "${since}" is neither an ISO 8601 time (2026-03-01T00:00:00Z) nor a relative one (90m, 36h, 7d)`);
  }
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function startOrdersSync(
  client: Client,
  tenant: string,
  channel: string,
  opts: { since?: string | undefined; pageSize?: number; continueAsNewAfterEvents?: number; taskQueue?: string } = {},
): Promise<StartedSync> {
  const workflowId = ordersSyncWorkflowId(tenant, channel);
  const input: OrdersSyncInput = {
    tenant,
    channel,
    ...(opts.since ? { since: opts.since } : {}),
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    ...(opts.continueAsNewAfterEvents ? { continueAsNewAfterEvents: opts.continueAsNewAfterEvents } : {}),
  };
  return startOrAttach<typeof ordersSync>(client, {
    workflowType: 'ordersSync',
    workflowId,
    args: [input],
    tenant,
    channel,
    flow: FLOWS.ordersSync,
    summary: `Import orders: ${tenant} / ${channel}`,
    details: opts.since ? `Orders updated since ${opts.since}` : 'Orders updated since the stored cursor (minus overlap)',
    taskQueue: opts.taskQueue,
  });
}

export async function queryProgress(handle: WorkflowHandle): Promise<OrdersSyncProgress | undefined> {
  try {
    return await handle.query<OrdersSyncProgress>('progress');
  } catch {
    return undefined;
  }
}

export async function syncOrdersCommand(
  client: Client,
  config: TenantsConfig,
  opts: { tenant: string; channel: string; since?: string; wait?: boolean; pageSize?: number; taskQueue?: string | undefined },
  out: (line: string) => void,
): Promise<OrdersSyncSummary[] | undefined> {
  const channels = selectChannels(config, opts.tenant, opts.channel);
  const since = parseSince(opts.since);
  const started: StartedSync[] = [];
  for (const channel of channels) {
    const s = await startOrdersSync(client, opts.tenant, channel, {
      since,
      ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
      ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
    });
    out(`${s.started ? 'started' : 'already running, attached to'} ${s.workflowId} (run ${s.runId})`);
    started.push(s);
  }
  if (!opts.wait) return undefined;
  return Promise.all(started.map((s) => s.handle.result()));
}

/** The per-channel summary table printed by `sync orders --wait` and the demo; a total row when several. */
export function formatSyncSummaries(summaries: OrdersSyncSummary[], opts: { cursor?: boolean } = {}): string {
  const row = (name: string, t: OrdersSyncSummary['totals'], pages: number, durationMs: number, cursor?: string) => [
    name,
    t.fetched,
    t.inserted,
    t.updated,
    t.unchanged,
    t.deadLettered,
    pages,
    t.throttled,
    formatDuration(durationMs),
    ...(opts.cursor ? [cursor] : []),
  ];
  const rows = summaries.map((s) => row(s.channel, s.totals, s.pages, s.durationMs, s.cursor));
  if (summaries.length > 1) {
    const sum = (f: (s: OrdersSyncSummary) => number) => summaries.reduce((a, s) => a + f(s), 0);
    const totals = {
      fetched: sum((s) => s.totals.fetched),
      inserted: sum((s) => s.totals.inserted),
      updated: sum((s) => s.totals.updated),
      unchanged: sum((s) => s.totals.unchanged),
      deadLettered: sum((s) => s.totals.deadLettered),
      throttled: sum((s) => s.totals.throttled),
    };
    rows.push(row('total', totals, sum((s) => s.pages), Math.max(...summaries.map((s) => s.durationMs)), ''));
  }
  return table(
    ['CHANNEL', 'FETCHED', 'NEW', 'UPDATED', 'UNCHANGED', 'DEAD-LETTERED', 'PAGES', '429s', 'DURATION', ...(opts.cursor ? ['CURSOR'] : [])],
    rows,
  );
}

// ---- sync inventory ---------------------------------------------------------------------

/** Channels named by `selector` (a channel id, or a vendor for all its channels) that publish stock. */
export function selectInventoryChannels(config: TenantsConfig, tenant: string, selector: string): string[] {
  const connections = findTenant(config, tenant).connections;
  const named = connections[selector];
  const ids = named ? [selector] : Object.keys(connections).filter((id) => connections[id]!.vendor === selector);
  if (ids.length === 0) throw new CliError(`tenant "${tenant}" has no channel or vendor "${selector}" (channels: ${Object.keys(connections).join(', ') || '(none)'})`);
  const publishing = ids.filter((id) => connections[id]!.inventory !== undefined);
  if (publishing.length === 0) throw new CliError(`${ids.join(', ')} of tenant "${tenant}" publish no stock: add tenants.${tenant}.connections.${ids[0]}.inventory to the config file`);
  return publishing;
}

export type StartedInventorySync = StartedChannelFlow<typeof inventorySync>;

export async function startInventorySync(
  client: Client,
  tenant: string,
  channel: string,
  opts: { taskQueue?: string; input?: Partial<InventorySyncInput> } = {},
): Promise<StartedInventorySync> {
  const workflowId = inventorySyncWorkflowId(tenant, channel);
  return startOrAttach<typeof inventorySync>(client, {
    workflowType: 'inventorySync',
    workflowId,
    args: [{ ...opts.input, tenant, channel }],
    tenant,
    channel,
    flow: FLOWS.inventorySync,
    summary: `Publish stock: ${tenant} / ${channel}`,
    details: 'Warehouse stock less open orders, split among the channels shipping from each warehouse; changed quantities only',
    taskQueue: opts.taskQueue,
  });
}

export async function syncInventoryCommand(
  client: Client,
  config: TenantsConfig,
  opts: { tenant: string; channel: string; wait?: boolean; taskQueue?: string | undefined },
  out: (line: string) => void,
): Promise<InventorySyncSummary[] | undefined> {
  const started: StartedInventorySync[] = [];
  for (const channel of selectInventoryChannels(config, opts.tenant, opts.channel)) {
    const s = await startInventorySync(client, opts.tenant, channel, opts.taskQueue ? { taskQueue: opts.taskQueue } : {});
    out(`${s.started ? 'started' : 'already running, attached to'} ${s.workflowId} (run ${s.runId})`);
    started.push(s);
  }
  if (!opts.wait) return undefined;
  return Promise.all(started.map((s) => s.handle.result()));
}

/** The per-channel table printed by `sync inventory --wait`. */
export function formatInventorySummaries(summaries: InventorySyncSummary[]): string {
  return table(
    ['CHANNEL', 'SKUS', 'SENT', 'ACCEPTED', 'REJECTED', 'PENDING', 'UNCHANGED', 'SKIPPED', 'FBA READ', 'FBA CHANGED', 'DURATION'],
    summaries.map((s) => {
      const t = s.totals;
      return [s.channel, t.skusPlanned, t.sent, t.accepted, t.rejected, t.pending, t.unchanged, t.skipped, t.marketplaceStockRead, t.marketplaceStockChanged, formatDuration(s.durationMs)];
    }),
  );
}

// ---- caravan sync listings ------------------------------------------------------------------

export type StartedListingsPublish = StartedChannelFlow<typeof listingsPublish>;

/** Starts listingsPublish for one channel, or attaches to the one running. */
export async function startListingsPublish(
  client: Client,
  tenant: string,
  channel: string,
  opts: Omit<ListingsPublishInput, 'tenant' | 'channel' | 'carry'> & { taskQueue?: string | undefined } = {},
): Promise<StartedListingsPublish> {
  const workflowId = listingsPublishWorkflowId(tenant, channel);
  const { taskQueue, ...rest } = opts;
  const input: ListingsPublishInput = { tenant, channel, ...rest };
  const what = opts.skus === undefined ? 'the catalogue' : `${opts.skus.length} SKU(s): ${opts.skus.slice(0, 5).join(', ')}${opts.skus.length > 5 ? ' …' : ''}`;
  return startOrAttach<typeof listingsPublish>(client, {
    workflowType: 'listingsPublish',
    workflowId,
    args: [input],
    tenant,
    channel,
    flow: FLOWS.listingsPublish,
    summary: `Publish listings: ${tenant} / ${channel}`,
    details: `${opts.force ? 'Force-send' : 'Send what changed of'} ${what}`,
    memo: { flow: FLOWS.listingsPublish, scope: opts.skus === undefined ? 'catalogue' : `${opts.skus.length} sku(s)`, force: opts.force === true },
    taskQueue,
  });
}

/** The connections a selector names (a connection id, or a vendor for all its connections) that have a `listings:` section. */
export function listingConnections(config: TenantsConfig, tenant: string, selector: string): string[] {
  const connections = config.tenants[tenant]?.connections ?? {};
  const named = connections[selector] === undefined ? Object.keys(connections).filter((id) => connections[id]!.vendor === selector) : [selector];
  return named.filter((id) => connections[id]!.listings !== undefined);
}

/** listingConnections, or a usage error naming the tenant and selector when there are none. */
export function listingChannels(config: TenantsConfig, tenant: string, channel: string): string[] {
  if (config.tenants[tenant] === undefined) throw new CliError(`unknown tenant "${tenant}" (configured: ${Object.keys(config.tenants).join(', ')})`);
  const channels = listingConnections(config, tenant, channel);
  if (channels.length === 0) throw new CliError(`no connection "${channel}" of tenant "${tenant}" has a listings section (see amazon-eu in config/caravan.demo.yaml)`);
  return channels;
}

export async function syncListingsCommand(
  client: Client,
  config: TenantsConfig,
  opts: { tenant: string; channel: string; sku?: string[]; force?: boolean; wait?: boolean; taskQueue?: string | undefined },
  out: (line: string) => void,
): Promise<ListingsPublishSummary[] | undefined> {
  const started: StartedListingsPublish[] = [];
  for (const channel of listingChannels(config, opts.tenant, opts.channel)) {
    const s = await startListingsPublish(client, opts.tenant, channel, {
      ...(opts.sku !== undefined && opts.sku.length > 0 ? { skus: opts.sku } : {}),
      ...(opts.force ? { force: true } : {}),
      taskQueue: opts.taskQueue,
    });
    out(`${s.started ? 'started' : 'already running, attached to'} ${s.workflowId} (run ${s.runId})`);
    started.push(s);
  }
  if (!opts.wait) return undefined;
  return Promise.all(started.map((s) => s.handle.result()));
}

/** The per-channel table printed by `sync listings --wait`. */
export function formatListingsSummaries(summaries: ListingsPublishSummary[]): string {
  return table(
    ['CHANNEL', 'MODE', 'PRODUCTS', 'LISTINGS', 'UNCHANGED', 'SENT', 'ACCEPTED', 'WARNINGS', 'REJECTED', 'CANCELLED', 'DEAD-LETTERED', 'FEEDS', 'DURATION'],
    summaries.map((s) => {
      const t = s.totals;
      return [s.channel, s.mode, t.products, t.candidates, t.unchanged, t.sent, t.accepted, t.acceptedWithWarnings, t.rejected, t.cancelled, t.deadLettered, s.feeds.length, formatDuration(s.durationMs)];
    }),
  );
}
