/**
 * `caravan schedules apply|list`: Temporal Schedules for periodic work, created,
 * updated and removed to match the tenants file. Schedules Caravan manages carry the
 * memo `{ managedBy: 'caravan' }`; others in the namespace are left alone.
 */
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import {
  FLOWS,
  fxRefreshWorkflowId,
  inventorySyncWorkflowId,
  listingsPublishWorkflowId,
  ordersSyncWorkflowId,
  paymentLedgerSyncScheduleId,
  reconcileScheduleId,
  searchAttributeKeys,
  settlementsImportWorkflowId,
  TASK_QUEUES,
} from '../../temporal.config.js';
import { lookbackHours } from '../../config/ledger-imports.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import type { FxRefreshInput } from '../../workflows/fx-refresh.js';
import type { InventorySyncInput } from '../../workflows/inventory-sync.js';
import type { OrdersSyncInput } from '../../workflows/orders-sync.js';
import type { ListingsPublishInput } from '../../workflows/listings-publish.js';
import type { PaymentLedgerSyncInput } from '../../workflows/payment-ledger-sync.js';
import type { SettlementsImportInput } from '../../workflows/settlements-import.js';
import type { ReconcileWorkflowInput } from '../../workflows/reconcile.js';
import { table } from '../output.js';

export const MANAGED_BY = 'caravan';

export type DesiredSchedule =
  | { kind: 'orders' | 'inventory' | 'listings'; scheduleId: string; tenant: string; channel: string; flow: string; every: string; paused: boolean }
  | { kind: 'ledger' | 'settlements'; scheduleId: string; tenant: string; channel: string; flow: string; every: string; lookback: string; paused: boolean }
  | { kind: 'fx'; scheduleId: string; source: string; flow: string; at: string; timezone: string; paused: boolean }
  | { kind: 'reconcile'; scheduleId: string; tenant: string; flow: string; cron?: string; every?: string; timezone?: string; paused: boolean };

export function desiredSchedules(config: TenantsConfig): DesiredSchedule[] {
  const refresh = config.fx.refresh;
  const fx: DesiredSchedule[] = (refresh?.sources ?? []).map((source) => ({
    kind: 'fx',
    scheduleId: fxRefreshWorkflowId(source),
    source,
    flow: FLOWS.fxRefresh,
    at: refresh!.at,
    timezone: refresh!.timezone,
    paused: refresh!.paused,
  }));
  const orders: DesiredSchedule[] = Object.entries(config.tenants).flatMap(([tenant, t]) =>
    Object.entries(t.connections).flatMap(([channel, { orders }]) =>
      // Only order sources have `orders` (the tenants file is checked through the connector registry).
      orders?.schedule
        ? [
            {
              kind: 'orders' as const,
              scheduleId: ordersSyncWorkflowId(tenant, channel),
              tenant,
              channel,
              flow: FLOWS.ordersSync,
              every: orders.schedule.every,
              paused: orders.schedule.paused,
            },
          ]
        : [],
    ),
  );
  // Stock pushes (`inventory.schedule` of a connection that publishes stock).
  const inventory: DesiredSchedule[] = Object.entries(config.tenants).flatMap(([tenant, t]) =>
    Object.entries(t.connections).flatMap(([channel, c]) =>
      c.inventory?.schedule
        ? [{ kind: 'inventory' as const, scheduleId: inventorySyncWorkflowId(tenant, channel), tenant, channel, flow: FLOWS.inventorySync, every: c.inventory.schedule.every, paused: c.inventory.schedule.paused }]
        : [],
    ),
  );
  // listingsPublish of the connections whose `listings:` section has a schedule.
  const listings: DesiredSchedule[] = Object.entries(config.tenants).flatMap(([tenant, t]) =>
    Object.entries(t.connections).flatMap(([channel, c]) =>
      c.listings?.schedule
        ? [{ kind: 'listings' as const, scheduleId: listingsPublishWorkflowId(tenant, channel), tenant, channel, flow: FLOWS.listingsPublish, every: c.listings.schedule.every, paused: c.listings.schedule.paused }]
        : [],
    ),
  );
  // The nightly reconciliation of each tenant whose `reconcile:` section has a schedule.
  const reconcile: DesiredSchedule[] = Object.entries(config.tenants).flatMap(([tenant, t]) => {
    const s = t.reconcile?.schedule;
    if (s === undefined) return [];
    return [{ kind: 'reconcile' as const, scheduleId: reconcileScheduleId(tenant), tenant, flow: FLOWS.reconcile, paused: s.paused, ...(s.cron !== undefined ? { cron: s.cron } : {}), ...(s.every !== undefined ? { every: s.every } : {}), ...(s.timezone !== undefined ? { timezone: s.timezone } : {}) }];
  });
  // Ledger imports of a connection's `ledger:` (paymentLedgerSync) and `settlements:` (settlementsImport) sections.
  const ledger: DesiredSchedule[] = Object.entries(config.tenants).flatMap(([tenant, t]) =>
    Object.entries(t.connections).flatMap(([channel, c]) => [
      ...(c.ledger ? [{ kind: 'ledger' as const, scheduleId: paymentLedgerSyncScheduleId(tenant, channel), tenant, channel, flow: FLOWS.paymentLedgerSync, every: c.ledger.schedule.every, lookback: c.ledger.lookback, paused: c.ledger.schedule.paused }] : []),
      ...(c.settlements
        ? [{ kind: 'settlements' as const, scheduleId: settlementsImportWorkflowId(tenant, channel), tenant, channel, flow: FLOWS.settlementsImport, every: c.settlements.schedule.every, lookback: c.settlements.lookback, paused: c.settlements.schedule.paused }]
        : []),
    ]),
  );
  return [...fx, ...orders, ...inventory, ...listings, ...reconcile, ...ledger];
}

/** A tenant's nightly reconciliation: each run reconciles the UTC day before it starts (the workflow reads its own start time). */
function reconcileScheduleOptions(d: Extract<DesiredSchedule, { kind: 'reconcile' }>, taskQueue: string): ScheduleOptions {
  const input: ReconcileWorkflowInput = { tenant: d.tenant };
  const when = d.cron !== undefined ? `cron ${d.cron}${d.timezone ? ` ${d.timezone}` : ' UTC'}` : `every ${d.every}`;
  return {
    scheduleId: d.scheduleId,
    spec: { ...(d.cron !== undefined ? { cronExpressions: [d.cron] } : { intervals: [{ every: d.every! }] }), ...(d.timezone !== undefined ? { timezone: d.timezone } : {}) },
    action: {
      type: 'startWorkflow',
      workflowType: 'reconcile',
      // Temporal appends the scheduled time: reconcile/<tenant>/nightly-<time>.
      workflowId: `${d.scheduleId}/nightly`,
      args: [input],
      taskQueue,
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: d.tenant },
        { key: searchAttributeKeys.flow, value: d.flow },
      ],
      staticSummary: `Nightly reconciliation of the day before: ${d.tenant} (${when})`,
    },
    // Each night's run is a different day and may still wait for late data of its own: runs overlap.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
    memo: { managedBy: MANAGED_BY, tenant: d.tenant, flow: d.flow },
    state: { paused: d.paused, note: 'managed by caravan schedules apply' },
  };
}

/** The workflow a tenant-and-channel schedule starts (each takes { tenant, channel }; the ledger imports a connection and a look-back). */
function channelFlow(d: Extract<DesiredSchedule, { kind: 'orders' | 'inventory' | 'listings' | 'ledger' | 'settlements' }>): {
  workflowType: string;
  workflowId: string;
  args: [OrdersSyncInput] | [InventorySyncInput] | [ListingsPublishInput] | [PaymentLedgerSyncInput] | [SettlementsImportInput];
  summary: string;
} {
  if (d.kind === 'ledger' || d.kind === 'settlements') {
    const input = { tenant: d.tenant, connection: d.channel, lookbackHours: lookbackHours(d.lookback) };
    if (d.kind === 'settlements') return { workflowType: 'settlementsImport', workflowId: `${d.scheduleId}/scheduled`, args: [input], summary: `Scheduled import of settlement reports: ${d.tenant} / ${d.channel} (every ${d.every}, created in the last ${d.lookback})` };
    return { workflowType: 'paymentLedgerSync', workflowId: `${d.scheduleId}/scheduled`, args: [input], summary: `Scheduled ledger import: ${d.tenant} / ${d.channel} (every ${d.every}, the last ${d.lookback})` };
  }
  const input = { tenant: d.tenant, channel: d.channel };
  if (d.kind === 'inventory') return { workflowType: 'inventorySync', workflowId: inventorySyncWorkflowId(d.tenant, d.channel), args: [input], summary: `Scheduled stock push: ${d.tenant} / ${d.channel} (every ${d.every})` };
  if (d.kind === 'listings') return { workflowType: 'listingsPublish', workflowId: listingsPublishWorkflowId(d.tenant, d.channel), args: [input], summary: `Scheduled publish of listings: ${d.tenant} / ${d.channel} (every ${d.every})` };
  return { workflowType: 'ordersSync', workflowId: ordersSyncWorkflowId(d.tenant, d.channel), args: [input], summary: `Scheduled import of orders: ${d.tenant} / ${d.channel} (every ${d.every})` };
}

/** The Temporal Schedule of one desired schedule (exported for tests that create one alone on a shared server). */
export function scheduleOptions(d: DesiredSchedule, taskQueue: string): ScheduleOptions {
  if (d.kind === 'reconcile') return reconcileScheduleOptions(d, taskQueue);
  if (d.kind === 'fx') {
    const [hour, minute] = d.at.split(':').map(Number) as [number, number];
    const input: FxRefreshInput = { source: d.source };
    return {
      scheduleId: d.scheduleId,
      spec: { calendars: [{ hour, minute, dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY' }] }], timezone: d.timezone },
      action: {
        type: 'startWorkflow',
        workflowType: 'fxRefresh',
        workflowId: fxRefreshWorkflowId(d.source),
        args: [input],
        taskQueue,
        typedSearchAttributes: [
          { key: searchAttributeKeys.channel, value: d.source },
          { key: searchAttributeKeys.flow, value: d.flow },
        ],
        staticSummary: `Daily refresh of ${d.source} rates (${d.at} ${d.timezone}, working days)`,
      },
      // A missed day is caught up once; rates are published on working days only.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      memo: { managedBy: MANAGED_BY, source: d.source, flow: d.flow },
      state: { paused: d.paused, note: 'managed by caravan schedules apply' },
    };
  }
  const flow = channelFlow(d);
  return {
    scheduleId: d.scheduleId,
    spec: { intervals: [{ every: d.every }] },
    action: {
      type: 'startWorkflow',
      workflowType: flow.workflowType,
      // Temporal appends the scheduled time to this id, keeping it readable and unique.
      workflowId: flow.workflowId,
      args: flow.args,
      taskQueue,
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: d.tenant },
        { key: searchAttributeKeys.channel, value: d.channel },
        { key: searchAttributeKeys.flow, value: d.flow },
      ],
      staticSummary: flow.summary,
    },
    // A pull (or a publish waiting on its feeds) still running when the next is due makes the next one redundant: skip it.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    memo: { managedBy: MANAGED_BY, tenant: d.tenant, channel: d.channel, flow: d.flow },
    state: { paused: d.paused, note: 'managed by caravan schedules apply' },
  };
}

export interface ApplyResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

export async function applySchedules(
  client: Client,
  config: TenantsConfig,
  opts: { taskQueue?: string | undefined; dryRun?: boolean } = {},
): Promise<ApplyResult> {
  const taskQueue = opts.taskQueue ?? TASK_QUEUES.sync;
  const desired = desiredSchedules(config);
  const result: ApplyResult = { created: [], updated: [], deleted: [] };
  for (const d of desired) {
    const options = scheduleOptions(d, taskQueue);
    const handle = client.schedule.getHandle(d.scheduleId);
    let exists = true;
    try {
      await handle.describe();
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
      exists = false;
    }
    if (!exists) {
      if (!opts.dryRun) await client.schedule.create(options);
      result.created.push(d.scheduleId);
    } else {
      if (!opts.dryRun) {
        await handle.update((prev) => ({
          ...prev,
          spec: options.spec,
          action: options.action,
          policies: options.policies!,
          state: { ...prev.state, paused: d.paused },
        }));
      }
      result.updated.push(d.scheduleId);
    }
  }
  const wanted = new Set(desired.map((d) => d.scheduleId));
  for await (const s of client.schedule.list()) {
    if (s.memo?.managedBy === MANAGED_BY && !wanted.has(s.scheduleId)) {
      if (!opts.dryRun) await client.schedule.getHandle(s.scheduleId).delete();
      result.deleted.push(s.scheduleId);
    }
  }
  return result;
}

/** The first value of a calendar field (a number, or ranges `[{ start, end, step }]`). */
function firstOf(field: unknown): number | string {
  if (Array.isArray(field)) return (field[0] as { start?: number } | undefined)?.start ?? '*';
  return typeof field === 'number' ? field : '*';
}

function formatInterval(every: unknown): string {
  const ms = typeof every === 'number' ? every : Number(every);
  if (!Number.isFinite(ms)) return String(every);
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export async function listSchedules(client: Client): Promise<string> {
  const rows: (string | undefined)[][] = [];
  for await (const s of client.schedule.list()) {
    if (s.memo?.managedBy !== MANAGED_BY) continue;
    const d = await client.schedule.getHandle(s.scheduleId).describe();
    const every =
      d.spec.intervals?.map((i) => formatInterval(i.every)).join(', ') ||
      d.spec.calendars?.map((c) => `${firstOf(c.hour)}:${String(firstOf(c.minute)).padStart(2, '0')} ${d.spec.timezone ?? 'UTC'}`).join(', ');
    rows.push([
      s.scheduleId,
      every,
      d.state.paused ? 'paused' : 'active',
      d.info.nextActionTimes[0]?.toISOString(),
      d.info.recentActions.at(-1)?.takenAt.toISOString(),
    ]);
  }
  if (rows.length === 0) return 'no Caravan schedules';
  return table(['SCHEDULE ID', 'WHEN', 'STATE', 'NEXT RUN (UTC)', 'LAST RUN (UTC)'], rows);
}
