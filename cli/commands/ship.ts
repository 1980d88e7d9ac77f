/**
 * `caravan ship ORDER --carrier auto|dhl|fedex [--incoterm DAP|DDP] [--dry-run] [--tenant T]
 * [--channel C]`: ships an imported order through fulfilOrder (one workflow per order,
 * `fulfil-order/<tenant>/<channel>/<order>`): plan, duties for DDP, rates across the tenant's
 * carriers, the label, its confirmation to the channel. `--dry-run` plans and quotes right
 * here, buying nothing.
 */
import { WorkflowFailedError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { carriersFor, createFulfilmentService, shippingOf } from '../../activities/fulfil-order.js';
import type { CarrierConnectionRef, FulfilmentDuties, RateChoice } from '../../activities/fulfil-order-types.js';
import type { VendorClients } from '../../activities/vendor-clients.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { describeRule } from '../../engines/shipping/index.js';
import { formatMoney, IncotermSchema, type Incoterm, type Money, type Shipment } from '../../mappings/canonical/index.js';
import type { DocumentStore } from '../../store/document-store.js';
import { FLOWS, fulfilOrderWorkflowId, searchAttributeKeys } from '../../temporal.config.js';
import type { FulfilOrderSummary, fulfilOrder } from '../../workflows/fulfil-order.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';
import { channelOf } from './ship-confirm.js';
import { startOrAttach } from './start-flow.js';

export interface ShipOptions {
  tenant?: string | undefined;
  channel?: string | undefined;
  carrier?: string | undefined;
  incoterm?: string | undefined;
  dryRun?: boolean | undefined;
  taskQueue?: string | undefined;
}

export interface ShipDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  vendors: VendorClients;
  documents: DocumentStore;
  /** Needed unless --dry-run. */
  client?: Client;
  now?: () => Date;
}

const money = (m: Money): string => `${formatMoney(m)} ${m.currency}`;

export function parseIncoterm(text: string | undefined): Incoterm | undefined {
  if (text === undefined) return undefined;
  const r = IncotermSchema.safeParse(text.toUpperCase());
  if (!r.success) throw new CliError(`--incoterm "${text}" must be DAP or DDP`, 2);
  return r.data;
}

export function describeChoice(c: RateChoice): string {
  const days = c.transitDays === undefined ? '' : `, ${c.transitDays} day(s)`;
  const converted = c.compared.currency === c.total.currency ? '' : ` (= ${money(c.compared)})`;
  return `${c.connection} ${c.service.code ?? ''}${c.service.name ? ` ${c.service.name}` : ''}: ${money(c.total)}${converted}${days}`;
}

function describeShipment(s: Shipment): string[] {
  const total = s.items.reduce((n, i) => n + i.value.amountMinor, 0);
  return [
    `  ${s.shipFrom.country} → ${s.shipTo.country}, ${s.incoterm}, declared ${money({ amountMinor: total, currency: s.currency })}`,
    ...s.items.map((i) => `  line ${i.id}: ${i.quantity} × ${i.description} — HS ${i.hsCode}, origin ${i.originCountry}, ${money(i.value)}, ${i.weightKg ?? '?'} kg`),
    ...(s.parcels ?? []).map((p) => `  parcel ${p.id}: ${p.weightKg} kg${p.dimensionsCm ? `, ${p.dimensionsCm.length}×${p.dimensionsCm.width}×${p.dimensionsCm.height} cm` : ''}`),
  ];
}

const describeDuties = (d: FulfilmentDuties): string => `  duties and taxes (DDP, ${d.provider}): duty ${money(d.duty)}, import tax ${money(d.importTax)}, total ${money(d.total)} (${money(d.sellerTotal)})`;

export function formatRanked(ranked: readonly RateChoice[], failures: readonly { connection: string; message: string }[]): string[] {
  return [...ranked.map((r, i) => `  ${i + 1}. ${describeChoice(r)}`), ...failures.map((f) => `  ${f.connection} gave no quote: ${f.message}`)];
}

export function formatFulfilment(s: FulfilOrderSummary): string {
  const head = `${s.tenant}/${s.channel} order ${s.orderId}`;
  if (s.outcome === 'already-shipped') return `${head}: shipped already (${s.alreadyShipped?.carrier} ${s.alreadyShipped?.trackingNumber ?? ''}, ${s.alreadyShipped?.state}); nothing bought`;
  const lines = [`${head}: ${s.outcome === 'dry-run' ? 'dry run, nothing bought' : 'shipped'}`];
  if (s.duties) lines.push(describeDuties(s.duties));
  if (s.chosen) lines.push(`  chosen: ${describeChoice(s.chosen)}`);
  if (s.label) {
    lines.push(`  label ${s.label.trackingNumber} (${s.label.carrier} ${s.label.service ?? ''})${s.label.outcome === 'bought' ? '' : ` — ${s.label.outcome === 'found' ? 'found at the carrier after a lost reply: reprint it there' : 'bought by an earlier attempt'}`}`);
    for (const d of s.label.documents) lines.push(`  ${d.type}: ${d.sha256} (${d.bytes} bytes, ${d.contentType})`);
  }
  if (s.confirmation) lines.push(`  confirmed to ${s.channel}: ${s.confirmation.outcome} (${s.confirmation.workflowId})`);
  return lines.join('\n');
}

/** Plans and quotes an order here, buying nothing. */
async function dryRun(deps: ShipDeps, tenant: string, channel: string, orderId: string, carriers: CarrierConnectionRef[], incoterm: Incoterm | undefined): Promise<string> {
  const service = createFulfilmentService(deps);
  const shipAt = (deps.now ?? (() => new Date()))().toISOString();
  const shipment = await service.planOrder(tenant, channel, orderId, { ...(incoterm === undefined ? {} : { incoterm }), date: shipAt.slice(0, 10) });
  const rule = shippingOf(deps.config, tenant).rule;
  const lines = [`${tenant}/${channel} order ${orderId}: dry run, nothing bought`, ...describeShipment(shipment)];
  if (shipment.incoterm === 'DDP') lines.push(describeDuties(await service.duties(tenant, shipment, shipAt.slice(0, 10))));
  const rates = await service.rate(tenant, shipment, carriers, rule, shipAt);
  lines.push(`  rates by rule "${describeRule(rule)}":`, ...formatRanked(rates.ranked, rates.failures), `  would buy: ${describeChoice(rates.chosen)}`);
  return lines.join('\n');
}

export async function shipCommand(deps: ShipDeps, orderId: string, o: ShipOptions): Promise<string> {
  const tenant = pickTenant(deps.config, o.tenant);
  const incoterm = parseIncoterm(o.incoterm);
  const carrier = o.carrier ?? 'auto';
  // Refused here (exit 2) rather than by the workflow: an unknown carrier or no shipping section.
  const carriers = carriersFor(deps.config, tenant, carrier);
  if (carriers.length === 0) throw new CliError(`tenant ${tenant} has no carrier to ship with (shipping.carriers)`, 2);
  const channel = await channelOf(deps.db, deps.config, tenant, orderId, o.channel);
  if (o.dryRun === true) return dryRun(deps, tenant, channel, orderId, carriers, incoterm);
  if (deps.client === undefined) throw new CliError('no Temporal connection', 1);
  const run = await runFulfilOrder(deps.client, { tenant, channel, orderId, carrier, incoterm, taskQueue: o.taskQueue });
  return `${run.started ? 'started' : 'attached to'} ${run.workflowId} (run ${run.runId})\n${formatFulfilment(run.summary)}`;
}

export interface FulfilOrderRun {
  workflowId: string;
  runId: string;
  /** False when that order's fulfilment was already running and this attached to it. */
  started: boolean;
  summary: FulfilOrderSummary;
}

/**
 * Starts an order's fulfilOrder (or attaches to its running one) and waits for it; a failed
 * run is a CliError with the run's cause. The run is found by its order id in the Web UI.
 */
export async function runFulfilOrder(
  client: Client,
  o: { tenant: string; channel: string; orderId: string; carrier: string; incoterm?: Incoterm | undefined; taskQueue?: string | undefined },
): Promise<FulfilOrderRun> {
  const { tenant, channel, orderId, carrier, incoterm } = o;
  const workflowId = fulfilOrderWorkflowId(tenant, channel, orderId);
  const started = await startOrAttach<typeof fulfilOrder>(client, {
    workflowType: 'fulfilOrder',
    workflowId,
    args: [{ tenant, channel, orderId, carrier, ...(incoterm === undefined ? {} : { incoterm }) }],
    tenant,
    channel,
    flow: FLOWS.fulfilOrder,
    summary: `Fulfil order: ${tenant} / ${channel} / ${orderId}`,
    details: `carrier ${carrier}${incoterm ? `, ${incoterm}` : ''}`,
    memo: { tenant, channel, flow: FLOWS.fulfilOrder },
    taskQueue: o.taskQueue,
    searchAttributes: [{ key: searchAttributeKeys.orderId, value: orderId }],
  });
  try {
    return { workflowId, runId: started.runId, started: started.started, summary: await started.handle.result() };
  } catch (e) {
    if (!(e instanceof WorkflowFailedError)) throw e;
    throw new CliError(`${workflowId} failed: ${e.cause?.message ?? e.message}`, 1);
  }
}

