/**
 * `caravan ship-confirm ORDER --carrier C --tracking N [--service S] [--ship-date D]
 * [--package P] [--tenant T] [--channel C] [--wait]`: tells the order's channel a package shipped.
 *
 * One workflow ID per order (`shipment-confirm/<tenant>/<channel>/<order>`), one run per package.
 * Before starting, the latest run under that ID is compared with the request (its memo):
 * - the same package, carrier, tracking number, service and lines: nothing is sent again
 *   (running: attached to; completed: reported as already confirmed);
 * - the same package with another tracking number or carrier: refused. Amazon's v0 API has no
 *   correction of a confirmed package, so a wrong tracking number is fixed in Seller Central;
 * - another package of the order, or a retry after a failed run: a new run.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError, type Client, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { Knex } from 'knex';
import { findTenant, isOrderChannel, type TenantsConfig } from '../../config/tenants-config.js';
import { normaliseUtcTimestamp } from '../../mappings/canonical/utc-timestamp.js';
import { shippingCarrier } from '../../mappings/canonical/shipment-confirmation.js';
import { getOrder, listOrders } from '../../store/index.js';
import { FLOWS, searchAttributeKeys, shipmentConfirmWorkflowId, TASK_QUEUES } from '../../temporal.config.js';
import type { ShipmentConfirmInput, ShipmentConfirmSummary, shipmentConfirm } from '../../workflows/shipment-confirm.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';

export interface ShipConfirmOptions {
  carrier: string;
  tracking: string;
  service?: string | undefined;
  shipDate?: string | undefined;
  package?: string | undefined;
  tenant?: string | undefined;
  channel?: string | undefined;
  wait?: boolean | undefined;
  taskQueue?: string | undefined;
}

/** What identifies a request: two requests with the same key confirm the same package the same way. */
export interface ShipmentConfirmKey {
  packageReference: string;
  carrier: string;
  trackingNumber: string;
  service: string | null;
  lines: string | null;
}

export interface ShipConfirmResult {
  workflowId: string;
  runId: string;
  /** started: a new run; attached: the same request was running; already-confirmed: it completed before. */
  action: 'started' | 'attached' | 'already-confirmed';
  /** With --wait, or when it had already completed. */
  summary?: ShipmentConfirmSummary;
}

const MEMO_KEY = 'shipmentConfirm';

export function shipmentConfirmKey(input: ShipmentConfirmInput): ShipmentConfirmKey {
  const carrier = shippingCarrier(input.carrier);
  return {
    packageReference: input.packageReference ?? '1',
    carrier: carrier === undefined ? '' : `${carrier.code}:${carrier.name.toLowerCase()}`,
    trackingNumber: input.trackingNumber.trim(),
    service: input.service?.trim() ?? null,
    lines: input.lines === undefined ? null : input.lines.map((l) => `${l.lineId}×${l.quantity}`).join(','),
  };
}

const sameKey = (a: ShipmentConfirmKey, b: ShipmentConfirmKey): boolean =>
  a.packageReference === b.packageReference && a.carrier === b.carrier && a.trackingNumber === b.trackingNumber && a.service === b.service && a.lines === b.lines;

/** `--ship-date`: an ISO 8601 date-time with a zone, or a date (read as 00:00 UTC). */
export function parseShipDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = normaliseUtcTimestamp(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!r.ok) throw new CliError(`--ship-date: ${r.message}`, 2);
  return r.value;
}

/** The order channel holding `orderId` in the hub: the one named (checked), else the one whose store has it. */
export async function channelOf(db: Knex, config: TenantsConfig, tenant: string, orderId: string, named: string | undefined): Promise<string> {
  const connections = findTenant(config, tenant).connections;
  const orderChannels = Object.keys(connections).filter((id) => isOrderChannel(connections[id]!));
  if (named !== undefined) {
    if (!orderChannels.includes(named)) throw new CliError(`--channel "${named}" is not an order channel of tenant ${tenant} (order channels: ${orderChannels.join(', ') || 'none'})`, 2);
    return named;
  }
  const holding: string[] = [];
  for (const channel of orderChannels) if ((await getOrder(db, tenant, channel, orderId)) !== undefined) holding.push(channel);
  if (holding.length === 1) return holding[0]!;
  if (holding.length === 0) {
    throw new CliError(`order ${orderId} is not in the hub for tenant ${tenant} (channels searched: ${orderChannels.join(', ') || 'none'}): import it first with caravan sync orders`, 1);
  }
  throw new CliError(`order ${orderId} is in several channels of tenant ${tenant} (${holding.join(', ')}): name one with --channel`, 2);
}

function describeKey(k: ShipmentConfirmKey): string {
  return `package ${k.packageReference}, ${k.carrier.split(':')[1] ?? k.carrier} ${k.trackingNumber}${k.service ? ` (${k.service})` : ''}`;
}

interface LatestRun {
  runId: string;
  status: string;
  key?: ShipmentConfirmKey;
}

async function latestRun(handle: WorkflowHandle): Promise<LatestRun | undefined> {
  try {
    const d = await handle.describe();
    const key = (d.memo?.[MEMO_KEY] as ShipmentConfirmKey | undefined) ?? undefined;
    return { runId: d.runId, status: d.status.name, ...(key === undefined ? {} : { key }) };
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return undefined;
    throw e;
  }
}

/** What to do about the latest run under the order's workflow ID: reuse it, or start (undefined). */
function decide(orderId: string, workflowId: string, latest: LatestRun | undefined, key: ShipmentConfirmKey): 'attach' | 'done' | undefined {
  if (latest === undefined || latest.key === undefined) return undefined;
  const live = latest.status === 'RUNNING' || latest.status === 'COMPLETED';
  if (!live) return undefined;
  if (sameKey(latest.key, key)) return latest.status === 'RUNNING' ? 'attach' : 'done';
  if (latest.key.packageReference === key.packageReference) {
    throw new CliError(
      `order ${orderId}: ${describeKey(latest.key)} is ${latest.status === 'RUNNING' ? 'being confirmed' : 'confirmed'} already (${workflowId}, run ${latest.runId}); ` +
        `the channel keeps the first confirmation of a package: correct its tracking number in the channel's seller console, or confirm another package with --package`,
      1,
    );
  }
  if (latest.status === 'RUNNING') throw new CliError(`order ${orderId}: ${describeKey(latest.key)} is being confirmed (${workflowId}); wait for it before confirming another package`, 1);
  return undefined;
}

export async function shipConfirmCommand(
  deps: { client: Client; db: Knex; config: TenantsConfig },
  orderId: string,
  o: ShipConfirmOptions,
  out: (line: string) => void,
): Promise<ShipConfirmResult> {
  const tenant = pickTenant(deps.config, o.tenant);
  if (shippingCarrier(o.carrier) === undefined) throw new CliError('--carrier is empty', 2);
  if (o.tracking.trim() === '') throw new CliError('--tracking is empty', 2);
  if (o.package !== undefined && !/^[1-9]\d{0,17}$/.test(o.package)) throw new CliError(`--package "${o.package}" must be a positive whole number`, 2);
  const shipDate = parseShipDate(o.shipDate);
  const channel = await channelOf(deps.db, deps.config, tenant, orderId, o.channel);
  const input: ShipmentConfirmInput = {
    tenant,
    channel,
    orderId,
    carrier: o.carrier,
    trackingNumber: o.tracking.trim(),
    ...(o.service === undefined ? {} : { service: o.service }),
    ...(shipDate === undefined ? {} : { shipDate }),
    ...(o.package === undefined ? {} : { packageReference: o.package }),
  };
  const key = shipmentConfirmKey(input);
  const workflowId = shipmentConfirmWorkflowId(tenant, channel, orderId);
  const existing = deps.client.workflow.getHandle<typeof shipmentConfirm>(workflowId);

  /** The run's summary; a failed run's own reason (the activity's message), not Temporal's wrapper. */
  const resultOf = async (h: WorkflowHandle<typeof shipmentConfirm>): Promise<ShipmentConfirmSummary> => {
    try {
      return await h.result();
    } catch (e) {
      if (!(e instanceof WorkflowFailedError)) throw e;
      let cause: Error | undefined = e.cause;
      while (cause?.cause instanceof Error) cause = cause.cause;
      throw new CliError(`shipment confirmation of order ${orderId} failed: ${cause?.message ?? e.message}`, 1);
    }
  };

  const reuse = async (latest: LatestRun, action: 'attach' | 'done'): Promise<ShipConfirmResult> => {
    if (action === 'done') {
      const summary = await resultOf(existing);
      out(`already confirmed: ${workflowId} (run ${latest.runId}), ${describeKey(key)}; nothing sent`);
      return { workflowId, runId: latest.runId, action: 'already-confirmed', summary };
    }
    out(`already running, attached to ${workflowId} (run ${latest.runId})`);
    return { workflowId, runId: latest.runId, action: 'attached', ...(o.wait ? { summary: await resultOf(existing) } : {}) };
  };

  const latest = await latestRun(existing);
  const action = decide(orderId, workflowId, latest, key);
  if (action !== undefined) return reuse(latest!, action);

  let handle: WorkflowHandleWithFirstExecutionRunId<typeof shipmentConfirm>;
  try {
    handle = await deps.client.workflow.start<typeof shipmentConfirm>('shipmentConfirm', {
      taskQueue: o.taskQueue ?? TASK_QUEUES.sync,
      workflowId,
      args: [input],
      // A later package or a retry of a failed run is a new run; a running one is never doubled.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      memo: { [MEMO_KEY]: key },
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: tenant },
        { key: searchAttributeKeys.channel, value: channel },
        { key: searchAttributeKeys.flow, value: FLOWS.shipmentConfirm },
      ],
      staticSummary: `Confirm shipment: ${tenant} / ${channel} / ${orderId}`,
      staticDetails: describeKey(key),
    });
  } catch (e) {
    // Another ship-confirm started it in between: the same request attaches, another is refused.
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    const now = await latestRun(existing);
    const again = decide(orderId, workflowId, now, key);
    if (again !== undefined) return reuse(now!, again);
    throw new CliError(`order ${orderId}: another confirmation started at the same time (${workflowId}); run the command again`, 1);
  }
  out(`started ${workflowId} (run ${handle.firstExecutionRunId}): ${describeKey(key)}`);
  return { workflowId, runId: handle.firstExecutionRunId, action: 'started', ...(o.wait ? { summary: await resultOf(handle) } : {}) };
}

export function formatShipConfirmSummary(s: ShipmentConfirmSummary): string {
  const c = s.confirmation;
  const units = c.lines.map((l) => `${l.sku ?? l.lineId} × ${l.quantity}`).join(', ');
  const how = s.outcome === 'already-applied' ? 'found applied by an earlier attempt' : 'confirmed';
  return `${s.tenant}/${s.channel} order ${s.orderId}: ${how} — ${c.carrier.name} ${c.trackingNumber}${c.service ? ` (${c.service})` : ''}, shipped ${c.shipDate}, package ${c.packageReference}: ${units}${s.requestId ? ` [request ${s.requestId}]` : ''}`;
}

/** An imported order the seller can confirm now (unshipped, merchant-fulfilled), for the demo's hints; undefined when none. */
export async function confirmableOrder(db: Knex, tenant: string, channel?: string): Promise<{ channel: string; orderId: string } | undefined> {
  for (let offset = 0; ; offset += 200) {
    const page = await listOrders(db, { tenant, status: 'unshipped', limit: 200, offset, ...(channel === undefined ? {} : { channel }) });
    // The open platforms' orders name no fulfilment channel: the seller ships them all.
    const found = page.find((s) => (s.order.fulfilment ?? 'merchant') === 'merchant' && s.order.lines.some((l) => l.quantity > (l.quantityShipped ?? 0)));
    if (found) return { channel: found.channel, orderId: found.externalId };
    if (page.length < 200) return undefined;
  }
}
