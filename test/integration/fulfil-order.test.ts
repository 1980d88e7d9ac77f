/**
 * fulfilOrder end to end on the real dev server: orders imported from the sandbox SP-API,
 * labels bought from the DHL and FedEx sandboxes (started in-process), confirmations sent back
 * to Amazon. A DDP order shipped with duties quoted; rate shopping by each tenant's rule; the
 * label cancelled when the marketplace refuses the confirmation; a declaration of several HS
 * codes and currencies; a purchase whose reply is lost still buys exactly one label; a retried
 * paperless FedEx purchase uploads its commercial invoice once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentsDir, fulfilmentIdempotencyKey } from '../../activities/fulfil-order.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { shipCommand, type ShipOptions } from '../../cli/commands/ship.js';
import type { Order, Shipment } from '../../mappings/canonical/index.js';
import { createDocumentStore } from '../../store/document-store.js';
import { getOrder, getRun, listOrders, listOrderShipments, upsertFxRates, upsertOrders, upsertProducts } from '../../store/index.js';
import { fulfilOrderWorkflowId, trackShipmentWorkflowId } from '../../temporal.config.js';
import { carrierConnections, PRODUCTS, shippingSection, startCarrierSandboxes, type CarrierSandboxes } from '../activities/fulfil-order-kit.js';
import { createHarness, eventually, type Harness } from './harness.js';

const suffix = Date.now().toString(36);
const CHEAP = `ship-c-${suffix}`;
const FAST = `ship-f-${suffix}`;
const US = { name: 'Sam Buyer', lines: ['350 5th Ave'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100', type: 'residential' as const };
const HS = ['420221', '621410', '691200', '950300', '330499'];

describe('fulfilOrder against the carrier and marketplace sandboxes', () => {
  let h: Harness;
  let carriers: CarrierSandboxes;
  const picked = new Map<string, Order[]>();

  const ship = (tenant: string, orderId: string, o: Omit<ShipOptions, 'tenant' | 'taskQueue'> = {}) => {
    const logger = pino({ level: 'silent' });
    return shipCommand(
      { client: h.client, db: h.db, config: h.config, logger, vendors: createVendorClients({ config: h.config, logger }), documents: createDocumentStore(documentsDir(join(h.dir, 'data'))) },
      orderId,
      { ...o, tenant, taskQueue: h.taskQueue },
    );
  };
  const result = (tenant: string, orderId: string) => h.client.workflow.getHandle(fulfilOrderWorkflowId(tenant, 'amazon', orderId)).result() as Promise<import('../../workflows/fulfil-order.js').FulfilOrderSummary>;

  beforeAll(async () => {
    carriers = await startCarrierSandboxes();
    Object.assign(process.env, carriers.env);
    h = await createHarness({
      tenants: [CHEAP, FAST],
      orders: { pageSize: 100 },
      configFor: (generated) => {
        const tenants = generated['tenants'] as Record<string, { connections: Record<string, unknown> }>;
        for (const [id, rule] of [[CHEAP, 'cheapest'], [FAST, 'fastest']] as const) {
          Object.assign(tenants[id]!.connections, carrierConnections(carriers));
          Object.assign(tenants[id]!, { currency: 'EUR', shipping: shippingSection(rule) });
        }
        return generated;
      },
    });
    // The ECB's rates of the last week, as the FX refresh stores them (the duty engine converts into USD, the declaration into EUR).
    const days = Array.from({ length: 8 }, (_, i) => new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
    await upsertFxRates(h.db, days.flatMap((date) => [{ source: 'ecb', base: 'EUR', quote: 'USD', date, rate: '1.0850' }, { source: 'ecb', base: 'EUR', quote: 'GBP', date, rate: '0.8500' }]), { origin: 'https://www.ecb.europa.eu' });
    for (const tenant of [CHEAP, FAST]) {
      await h.sync(tenant);
      // Unshipped merchant-fulfilled orders in euros, sent to New York with a phone (the carriers need one); their products in the catalogue.
      const orders = (await listOrders(h.db, { tenant, channel: 'amazon', status: 'unshipped', limit: 500 }))
        .map((s) => s.order)
        .filter((o) => o.fulfilment === 'merchant' && o.currency === 'EUR' && o.lines.length > 0 && o.lines.every((l) => l.sku !== undefined && l.lineTotal !== undefined && l.quantity > 0 && (l.quantityShipped ?? 0) === 0));
      const moved = orders.map((o) => ({ ...o, shipTo: US, updatedAt: new Date(Date.parse(o.updatedAt) + 1000).toISOString().replace('.000Z', 'Z') }));
      await upsertOrders(h.db, tenant, moved);
      picked.set(tenant, moved);
      const skus = [...new Set(moved.flatMap((o) => o.lines.map((l) => l.sku!)))];
      await upsertProducts(h.db, tenant, [
        ...PRODUCTS,
        ...skus.map((sku, i) => ({ ...PRODUCTS[i % 3]!, sku, hsCode: HS[i % HS.length]!, title: { en: `Product ${sku}` } })),
      ]);
    }
    expect(picked.get(CHEAP)!.length, 'the seed has unshipped MFN orders in EUR').toBeGreaterThanOrEqual(3);
    expect(picked.get(FAST)!.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await h?.stop();
    await carriers?.close();
  });

  it('ships a DDP order: duties quoted first, the cheapest label bought once and stored, the sale confirmed to Amazon', async () => {
    const order = picked.get(CHEAP)![0]!;
    const text = await ship(CHEAP, order.externalId, { incoterm: 'DDP' });
    expect(text).toContain(`${CHEAP}/amazon order ${order.externalId}: shipped`);
    const s = await result(CHEAP, order.externalId);
    expect(s).toMatchObject({ outcome: 'shipped', plan: { incoterm: 'DDP' }, duties: { provider: 'caravan-builtin' }, confirmation: { outcome: 'confirmed' } });
    expect(s.chosen).toEqual(s.ranked![0]);
    // The parcel's tracking was started as a child that outlives the run, found by its tracking number.
    expect(s.tracking).toEqual({ workflowId: trackShipmentWorkflowId(s.label!.carrier, s.label!.trackingNumber), started: true });
    expect((await h.client.workflow.getHandle(s.tracking!.workflowId).describe()).status.name).toBe('RUNNING');
    for (let i = 1; i < s.ranked!.length; i++) expect(s.ranked![i]!.compared.amountMinor).toBeGreaterThanOrEqual(s.ranked![i - 1]!.compared.amountMinor);
    // The DDP request asked the carrier to bill duties to the shipper.
    const shipment = JSON.parse(readFileSync(await createDocumentStore(documentsDir(join(h.dir, 'data'))).pathOf(s.plan.shipmentRef), 'utf8')) as Shipment;
    expect(shipment.incoterm).toBe('DDP');
    const label = s.label!.documents.find((d) => d.type === 'label')!;
    expect(readFileSync(await createDocumentStore(documentsDir(join(h.dir, 'data'))).pathOf(label)).subarray(0, 5).toString()).toBe('%PDF-');
    const key = fulfilmentIdempotencyKey(CHEAP, 'amazon', order.externalId, 0);
    const stats = s.chosen!.vendor === 'dhl' ? carriers.dhl.stats() : carriers.fedex.stats();
    expect([stats.labelsByReference[key], stats.requestsByReference[key]]).toEqual([1, 1]);
    expect(await listOrderShipments(h.db, CHEAP, 'amazon', order.externalId)).toMatchObject([{ state: 'confirmed', trackingNumber: s.label!.trackingNumber, incoterm: 'DDP' }]);
    expect(h.sandbox.getOrder(order.externalId)!.order.OrderStatus).toBe('Shipped');
    expect(await getRun(h.db, { workflowId: fulfilOrderWorkflowId(CHEAP, 'amazon', order.externalId), runId: (await h.client.workflow.getHandle(fulfilOrderWorkflowId(CHEAP, 'amazon', order.externalId)).describe()).runId })).toMatchObject({ status: 'completed', flow: 'fulfil-order' });
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of h.client.workflow.list({ query: `CaravanTenant = "${CHEAP}" AND CaravanFlow = "fulfil-order"` })) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(found).toContain(fulfilOrderWorkflowId(CHEAP, 'amazon', order.externalId));
    // The run itself is found by its parcel and its order too, as its trackShipment child is.
    const byParcel = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of h.client.workflow.list({ query: `CaravanTrackingNumber = "${s.label!.trackingNumber}" AND CaravanOrderId = "${order.externalId}"` })) ids.push(w.workflowId);
      return ids.length > 1 ? ids.sort() : undefined;
    });
    expect(byParcel).toEqual([fulfilOrderWorkflowId(CHEAP, 'amazon', order.externalId), s.tracking!.workflowId].sort());
  });

  it('shops by each tenant\'s rule: the fastest tenant takes the fewest transit days', async () => {
    // Both tenants import the same sandbox orders: one the other tenant does not ship.
    const taken = new Set(picked.get(CHEAP)!.slice(0, 3).map((o) => o.externalId));
    const order = picked.get(FAST)!.filter((o) => !taken.has(o.externalId)).at(-1)!;
    await ship(FAST, order.externalId);
    const s = await result(FAST, order.externalId);
    expect(s.outcome).toBe('shipped');
    const fewest = Math.min(...s.ranked!.map((r) => r.transitDays ?? Infinity));
    expect(s.chosen!.transitDays).toBe(fewest);
    expect(s.ranked!.map((r) => r.transitDays ?? Infinity)).toEqual([...s.ranked!.map((r) => r.transitDays ?? Infinity)].sort((a, b) => a - b));
  });

  it('declares several HS codes and currencies in one declaration, converted into the declaration currency', async () => {
    const base = picked.get(CHEAP)![1]!;
    const line = base.lines[0]!;
    // A second line billed in pounds (as a marketplace might for a bundled item): declared in euros at the ECB rate.
    const mixed: Order = { ...base, updatedAt: new Date(Date.parse(base.updatedAt) + 1000).toISOString().replace('.000Z', 'Z'), lines: [line, { ...line, lineId: `${line.lineId}-2`, sku: 'MUG-03', quantity: 1, lineTotal: { amountMinor: 1700, currency: 'GBP' } }] };
    await upsertOrders(h.db, CHEAP, [mixed]);
    const s = await h.client.workflow.execute('fulfilOrder', { taskQueue: h.taskQueue, workflowId: fulfilOrderWorkflowId(CHEAP, 'amazon', `${base.externalId}`) + '/dry', args: [{ tenant: CHEAP, channel: 'amazon', orderId: base.externalId, dryRun: true }] }) as import('../../workflows/fulfil-order.js').FulfilOrderSummary;
    expect(s.outcome).toBe('dry-run');
    expect(s.plan.hsCodes.length).toBe(2);
    const shipment = JSON.parse(readFileSync(await createDocumentStore(documentsDir(join(h.dir, 'data'))).pathOf(s.plan.shipmentRef), 'utf8')) as Shipment;
    // 17.00 GBP / 0.85 = 20.00 EUR.
    expect(shipment.items[1]).toMatchObject({ hsCode: '691200', value: { amountMinor: 2000, currency: 'EUR' } });
    expect(shipment.items.every((i) => i.value.currency === 'EUR')).toBe(true);
    expect(s.chosen).toBeDefined();
    expect((await getOrder(h.db, CHEAP, 'amazon', base.externalId))?.status).toBe('unshipped');
  });

  it('a purchase whose reply is lost (DHL answers 500 after buying) is retried without buying a second label', async () => {
    const order = picked.get(CHEAP)![2]!;
    carriers.dhl.injectFaults({ operation: 'createShipment', status: 500, count: 1, afterCommit: true });
    await ship(CHEAP, order.externalId, { carrier: 'dhl' });
    const s = await result(CHEAP, order.externalId);
    const key = fulfilmentIdempotencyKey(CHEAP, 'amazon', order.externalId, 0);
    expect(s.label).toMatchObject({ outcome: 'found', carrier: 'dhl' });
    expect([carriers.dhl.stats().labelsByReference[key], carriers.dhl.stats().requestsByReference[key]]).toEqual([1, 1]);
    expect(await listOrderShipments(h.db, CHEAP, 'amazon', order.externalId)).toMatchObject([{ state: 'confirmed', trackingNumber: s.label!.trackingNumber }]);
  });

  it('cancels the label when the marketplace refuses the confirmation, and fails with the cause', async () => {
    // An order the hub holds but Amazon does not know: the confirmation is refused.
    const ghost: Order = { ...picked.get(CHEAP)![0]!, externalId: '999-0000000-0000001', status: 'unshipped' };
    await upsertOrders(h.db, CHEAP, [ghost]);
    const before = carriers.fedex.stats().cancellations;
    const failed = await ship(CHEAP, ghost.externalId, { carrier: 'fedex' }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failed?.message).toMatch(new RegExp(`order ${ghost.externalId} not fulfilled: .+\\. FedEx shipment \\d+ cancelled, because `));
    expect(carriers.fedex.stats().cancellations).toBe(before + 1);
    expect(await listOrderShipments(h.db, CHEAP, 'amazon', ghost.externalId)).toMatchObject([{ state: 'cancelled', carrier: 'fedex' }]);
  });

  it('paperless FedEx: a purchase retried after the ship call failed reuses the invoice its first attempt uploaded (heartbeat details)', async () => {
    // A fresh order id the hub holds: what happens at Amazon after the label does not matter here.
    const order: Order = { ...picked.get(CHEAP)![0]!, externalId: '999-0000000-0000002', status: 'unshipped' };
    await upsertOrders(h.db, CHEAP, [order]);
    const before = carriers.fedex.stats().etdUploads;
    carriers.fedex.injectFaults({ operation: 'ship', status: 500, count: 1 });
    await ship(CHEAP, order.externalId, { carrier: 'fedex' }).catch(() => undefined);
    const key = fulfilmentIdempotencyKey(CHEAP, 'amazon', order.externalId, 0);
    const stats = carriers.fedex.stats();
    // The injected 500 was spent on the first attempt: the label came from the retry, with the first upload.
    expect(stats.pendingFaults).toEqual([]);
    expect([stats.etdUploads, stats.labelsByReference[key], stats.requestsByReference[key]]).toEqual([before + 1, 1, 1]);
    const [docId] = stats.attachedDocumentsByReference[key]!;
    const [row] = await listOrderShipments(h.db, CHEAP, 'amazon', order.externalId);
    const invoice = row!.documents.find((d) => d.type === 'commercial-invoice')!;
    expect(stats.etdDocuments[docId!]).toEqual({ documentType: 'CI', name: `INV-${order.externalId}.pdf`, bytes: invoice.bytes });
    expect(readFileSync(await createDocumentStore(documentsDir(join(h.dir, 'data'))).pathOf(invoice)).toString('latin1')).toContain(`(Invoice number: INV-${order.externalId}) Tj`);
  });

  it('the histories of a shipped run and of a run that gave its label up replay against the workflow code', async () => {
    for (const orderId of [picked.get(CHEAP)![0]!.externalId, '999-0000000-0000001']) {
      const id = fulfilOrderWorkflowId(CHEAP, 'amazon', orderId);
      const history = await h.client.workflow.getHandle(id).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, id);
    }
  });
});
