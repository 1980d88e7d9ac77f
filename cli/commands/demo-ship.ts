/**
 * The demo's shipping: a DAP and a DDP order through each of the demo tenant's carriers, each
 * through fulfilOrder as `caravan ship ORDER --carrier C --incoterm I` would ship it (duties
 * quoted for DDP, the label bought once and kept in the document store, the sale confirmed to
 * its marketplace, the parcel's trackShipment started). The orders are picked deterministically
 * among the imported ones a seller ships (unshipped, merchant-fulfilled, leaving the EU for a
 * country the built-in duty engine knows, every product declarable); orders the demo shipped
 * before keep their carrier and incoterm, so a restart ships them again and fulfilOrder answers
 * `already-shipped` instead of buying a second label. One failing order is reported with its
 * cause; the others still ship.
 */
import { relative } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { carriersFor } from '../../activities/fulfil-order.js';
import type { CarrierConnectionRef } from '../../activities/fulfil-order-types.js';
import { findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { formatMoney, type Incoterm, type Money, type Order } from '../../mappings/canonical/index.js';
import type { DocumentStore } from '../../store/document-store.js';
import { getProduct, listOrders, listOrderShipments, listRuns, listTenantShipments, type StoredShipment } from '../../store/index.js';
import { FLOWS, SEARCH_ATTRIBUTES, shipmentConfirmWorkflowId } from '../../temporal.config.js';
import { runFulfilOrder } from './ship.js';

/** Destinations outside the EU customs union with the built-in engine's duty and import-tax rules. */
export const DEMO_SHIP_DESTINATIONS: readonly string[] = ['US', 'GB', 'CA', 'CH', 'JP', 'SG'];
const INCOTERMS: readonly Incoterm[] = ['DAP', 'DDP'];

/** One shipment the demo makes: a carrier connection and an incoterm. */
export interface DemoShipSlot {
  connection: string;
  vendor: string;
  incoterm: Incoterm;
}

/** An imported order the demo may ship. */
export interface ShippableOrder {
  channel: string;
  orderId: string;
  destination: string;
  hsCodes: string[];
}

export interface DemoShipPick extends DemoShipSlot {
  channel: string;
  orderId: string;
  destination?: string;
  /** The demo shipped this order with this carrier and incoterm on an earlier start. */
  before: boolean;
}

/** What became of one pick. */
export type DemoShipOutcome =
  | { kind: 'shipped'; trackingNumber: string; service?: string; charge?: Money; duties?: Money; labelFile?: string }
  | { kind: 'already-shipped'; trackingNumber?: string; state: string; labelFile?: string }
  | { kind: 'failed'; message: string };

export const demoShipSlots = (carriers: readonly CarrierConnectionRef[]): DemoShipSlot[] =>
  carriers.flatMap((c) => INCOTERMS.map((incoterm) => ({ connection: c.connection, vendor: c.vendor, incoterm })));

const byOrder = (a: { channel: string; orderId: string }, b: { channel: string; orderId: string }): number =>
  a.channel === b.channel ? (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) : a.channel < b.channel ? -1 : 1;

/**
 * Fills each slot: first with the order the demo shipped that way before (oldest first), then with
 * a candidate of the channel with the fewest picks so far (the marketplaces take turns), the first
 * by channel and order id. A DDP slot prefers an order whose every HS code has a duty rate for the
 * destination in the tenant's tariff (`dutyKnown`), so its quote is complete; a DAP slot prefers
 * one without, leaving those to DDP.
 */
export function pickDemoShipments(
  slots: readonly DemoShipSlot[],
  earlier: readonly Pick<StoredShipment, 'channel' | 'orderId' | 'connection' | 'incoterm' | 'state'>[],
  candidates: readonly ShippableOrder[],
  dutyKnown: (destination: string, hsCodes: readonly string[]) => boolean,
): DemoShipPick[] {
  const used = new Set<string>();
  const key = (o: { channel: string; orderId: string }) => `${o.channel}\u0000${o.orderId}`;
  const picks = new Map<DemoShipSlot, DemoShipPick>();
  for (const slot of slots) {
    const before = earlier.find((s) => s.state !== 'cancelled' && s.state !== 'failed' && s.connection === slot.connection && s.incoterm === slot.incoterm && !used.has(key(s)));
    if (before === undefined) continue;
    used.add(key(before));
    picks.set(slot, { ...slot, channel: before.channel, orderId: before.orderId, before: true });
  }
  // Orders shipped (or given up) before never ship again under another slot.
  for (const s of earlier) used.add(key(s));
  const sorted = [...candidates].sort(byOrder);
  const open = slots.filter((s) => !picks.has(s));
  const perChannel = (channel: string) => [...picks.values()].filter((p) => p.channel === channel).length;
  for (const slot of open) {
    const free = sorted.filter((c) => !used.has(key(c)));
    // Stable sort: within the least-used channel, the order of `sorted` stands.
    free.sort((a, b) => perChannel(a.channel) - perChannel(b.channel));
    const pick = free.find((c) => dutyKnown(c.destination, c.hsCodes) === (slot.incoterm === 'DDP')) ?? free[0];
    if (pick === undefined) continue;
    used.add(key(pick));
    picks.set(slot, { ...slot, channel: pick.channel, orderId: pick.orderId, destination: pick.destination, before: false });
  }
  return slots.flatMap((s) => picks.get(s) ?? []);
}

/** Whether an imported order is one the demo can ship: see the module comment. */
export function shippableOrder(order: Order, declarable: (sku: string) => boolean): ShippableOrder | undefined {
  const to = order.shipTo;
  if ((order.fulfilment ?? 'merchant') !== 'merchant' || to === undefined || !DEMO_SHIP_DESTINATIONS.includes(to.country) || !to.phone) return undefined;
  if (order.lines.length === 0) return undefined;
  const ok = order.lines.every((l) => l.sku !== undefined && l.lineTotal !== undefined && l.quantity > (l.quantityShipped ?? 0) && declarable(l.sku));
  return ok ? { channel: order.channel, orderId: order.externalId, destination: to.country, hsCodes: [] } : undefined;
}

const money = (m: Money): string => `${formatMoney(m)} ${m.currency}`;

/** One line per order: carrier, service, incoterm, duties, tracking number, label file. */
export function formatDemoShipment(p: DemoShipPick, o: DemoShipOutcome): string {
  const head = `${p.connection} ${p.incoterm} ${p.channel} order ${p.orderId}${p.destination ? ` → ${p.destination}` : ''}`;
  const label = (file: string | undefined) => (file === undefined ? '' : `, label ${file}`);
  switch (o.kind) {
    case 'shipped':
      return (
        `${head}: shipped, ${o.service ?? '?'}${o.charge ? ` ${money(o.charge)}` : ''}` +
        `${o.duties ? `, duties and taxes ${money(o.duties)} paid by the seller` : ''}, tracking ${o.trackingNumber}${label(o.labelFile)}`
      );
    case 'already-shipped':
      return `${head}: shipped before (tracking ${o.trackingNumber ?? '?'}, ${o.state}): no second label bought${label(o.labelFile)}`;
    case 'failed':
      return `${head}: FAILED: ${o.message}`;
  }
}

export function formatDemoShipSummary(results: readonly { pick: DemoShipPick; outcome: DemoShipOutcome }[]): string {
  const count = (f: (r: { pick: DemoShipPick; outcome: DemoShipOutcome }) => boolean) => results.filter(f).length;
  const ok = results.filter((r) => r.outcome.kind !== 'failed');
  const by = (f: (p: DemoShipPick) => string) => [...new Set(ok.map((r) => f(r.pick)))].map((k) => `${k} ${ok.filter((r) => f(r.pick) === k).length}`).join(', ');
  return (
    `${results.length} order(s): ${count((r) => r.outcome.kind === 'shipped')} shipped now, ${count((r) => r.outcome.kind === 'already-shipped')} shipped before, ` +
    `${count((r) => r.outcome.kind === 'failed')} failed` +
    (ok.length > 0 ? ` (${by((p) => p.connection)}; ${by((p) => p.incoterm)})` : '')
  );
}

export interface DemoShipDeps {
  client: Client;
  db: Knex;
  config: TenantsConfig;
  documents: DocumentStore;
  taskQueue?: string | undefined;
}

/** The order ids (by channel) the demo or a user confirmed by hand, without fulfilOrder. */
async function confirmedByHand(db: Knex, tenant: string): Promise<Set<string>> {
  const runs = await listRuns(db, { tenant, flow: FLOWS.shipmentConfirm, limit: 1000 });
  return new Set(runs.map((r) => r.workflowId));
}

async function candidatesOf(db: Knex, tenant: string): Promise<ShippableOrder[]> {
  const byHand = await confirmedByHand(db, tenant);
  const products = new Map<string, { hsCode?: string; declarable: boolean }>();
  const productOf = async (sku: string) => {
    let p = products.get(sku);
    if (p === undefined) {
      const stored = (await getProduct(db, tenant, sku))?.product;
      p = { ...(stored?.hsCode === undefined ? {} : { hsCode: stored.hsCode }), declarable: stored?.hsCode !== undefined && stored.originCountry !== undefined && stored.weight !== undefined };
      products.set(sku, p);
    }
    return p;
  };
  const out: ShippableOrder[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await listOrders(db, { tenant, status: 'unshipped', limit: 200, offset });
    for (const s of page) {
      if (byHand.has(shipmentConfirmWorkflowId(tenant, s.channel, s.externalId))) continue;
      const skus = s.order.lines.flatMap((l) => (l.sku === undefined ? [] : [l.sku]));
      const known = new Map<string, { hsCode?: string; declarable: boolean }>();
      for (const sku of skus) known.set(sku, await productOf(sku));
      const c = shippableOrder(s.order, (sku) => known.get(sku)?.declarable === true);
      if (c !== undefined) out.push({ ...c, hsCodes: [...new Set(skus.map((sku) => known.get(sku)!.hsCode!))] });
    }
    if (page.length < 200) return out;
  }
}

async function labelFileOf(deps: DemoShipDeps, tenant: string, p: DemoShipPick): Promise<string | undefined> {
  const shipments = await listOrderShipments(deps.db, tenant, p.channel, p.orderId);
  const label = shipments.find((s) => s.state !== 'cancelled' && s.state !== 'failed')?.documents.find((d) => d.type === 'label');
  if (label === undefined) return undefined;
  const path = await deps.documents.pathOf(label);
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

async function ship(deps: DemoShipDeps, tenant: string, p: DemoShipPick): Promise<DemoShipOutcome> {
  try {
    const { summary } = await runFulfilOrder(deps.client, { tenant, channel: p.channel, orderId: p.orderId, carrier: p.connection, incoterm: p.incoterm, taskQueue: deps.taskQueue });
    const labelFile = await labelFileOf(deps, tenant, p);
    const file = labelFile === undefined ? {} : { labelFile };
    if (summary.outcome === 'already-shipped') {
      const a = summary.alreadyShipped;
      return { kind: 'already-shipped', state: a?.state ?? 'confirmed', ...(a?.trackingNumber === undefined ? {} : { trackingNumber: a.trackingNumber }), ...file };
    }
    const chosen = summary.chosen;
    const service = chosen === undefined ? summary.label?.service : [chosen.service.code, chosen.service.name].filter(Boolean).join(' ');
    return {
      kind: 'shipped',
      trackingNumber: summary.label?.trackingNumber ?? '?',
      ...(service === undefined ? {} : { service }),
      ...(chosen === undefined ? {} : { charge: chosen.total }),
      ...(summary.duties === undefined ? {} : { duties: summary.duties.total }),
      ...file,
    };
  } catch (e) {
    return { kind: 'failed', message: (e as Error).message };
  }
}

/** The demo's shipments for the tenant's carriers: what the store holds picked (see pickDemoShipments). */
export async function planDemoShipping(deps: Pick<DemoShipDeps, 'db' | 'config'>, tenant: string): Promise<{ slots: DemoShipSlot[]; picks: DemoShipPick[] }> {
  const slots = demoShipSlots(carriersFor(deps.config, tenant, 'auto'));
  const tariff = findTenant(deps.config, tenant).duty?.tariff ?? [];
  const dutyKnown = (destination: string, hsCodes: readonly string[]) => hsCodes.every((hs) => tariff.some((t) => t.destination === destination && hs.startsWith(t.hsPrefix)));
  return { slots, picks: pickDemoShipments(slots, await listTenantShipments(deps.db, tenant), await candidatesOf(deps.db, tenant), dutyKnown) };
}

/** Ships the demo's orders (all at once, each waited for) and returns the lines to print. */
export async function runDemoShipping(deps: DemoShipDeps, tenant: string): Promise<{ lines: string[]; results: { pick: DemoShipPick; outcome: DemoShipOutcome }[] }> {
  const { slots, picks } = await planDemoShipping(deps, tenant);
  const results = await Promise.all(picks.map(async (pick) => ({ pick, outcome: await ship(deps, tenant, pick) })));
  const lines = results.map((r) => formatDemoShipment(r.pick, r.outcome));
  if (picks.length < slots.length) lines.push(`(${slots.length - picks.length} of ${slots.length} carrier/incoterm pairs found no order to ship: none left unshipped to ${DEMO_SHIP_DESTINATIONS.join(', ')})`);
  lines.push(formatDemoShipSummary(results));
  return { lines, results };
}

/** Where the demo's shipments are in the Web UI (a visibility query on the runs' search attributes) and how to get a label. */
export function demoShipWhere(tenant: string, ui: { url: string; namespace: string } | undefined): string[] {
  const query = `${SEARCH_ATTRIBUTES.tenant.name}="${tenant}" AND ${SEARCH_ATTRIBUTES.flow.name}="${FLOWS.fulfilOrder}"`;
  const link = (q: string) => (ui === undefined ? q : `${ui.url}/namespaces/${ui.namespace}/workflows?query=${encodeURIComponent(q)}`);
  return [
    `the runs in the Web UI: ${link(query)}`,
    `a parcel's tracking run: ${SEARCH_ATTRIBUTES.trackingNumber.name}="<tracking>" (an order's runs: ${SEARCH_ATTRIBUTES.orderId.name}="<order>")`,
    `a label as files: npm run caravan -- labels get <order> --tenant ${tenant}`,
  ];
}
