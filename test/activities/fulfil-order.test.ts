/**
 * The fulfilOrder activities against the DHL and FedEx sandboxes on a SQLite store (no
 * Temporal: attempts are injected): plan from order and catalogue, rate shopping, one label per
 * idempotency key however often the purchase is retried, labels in the document store, the
 * saga's cancellation per carrier.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfilOrderActivities, fulfilmentIdempotencyKey } from '../../activities/fulfil-order.js';
import type { FulfilOrderActivities, PlanFulfilmentResult } from '../../activities/fulfil-order-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import { createDocumentStore, type DocumentStore } from '../../store/document-store.js';
import { closeDatabase, getShipment, migrateLatest, openDatabase, upsertOrders, upsertProducts } from '../../store/index.js';
import { carrierConnections, line, order, PRODUCTS, shippingSection, startCarrierSandboxes, type CarrierSandboxes } from './fulfil-order-kit.js';

const TENANT = 'acme';
const CHANNEL = 'amazon-eu';
let dir: string;
let db: Knex;
let sandboxes: CarrierSandboxes;
let config: TenantsConfig;
let documents: DocumentStore;
let attempt = 1;
let activities: FulfilOrderActivities;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-fulfil-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  sandboxes = await startCarrierSandboxes();
  config = parseTenantsConfig({ tenants: { [TENANT]: { currency: 'EUR', connections: carrierConnections(sandboxes), shipping: shippingSection() } } });
  documents = createDocumentStore(join(dir, 'documents'));
  const logger = pino({ level: 'silent' });
  activities = createFulfilOrderActivities({ db, config, logger, documents, vendors: createVendorClients({ config, logger, env: sandboxes.env }), context: () => ({ attempt }) });
  await upsertProducts(db, TENANT, PRODUCTS);
  await upsertOrders(db, TENANT, [
    order(CHANNEL, '302-0000001', [line('L1', 'BAG-01', 2, 25000), line('L2', 'SCF-02', 1, 3999)]),
    order(CHANNEL, '302-0000002', [line('L1', 'MUG-03', 1, 1500)], 'GB'),
    order(CHANNEL, '302-0000003', [line('L1', 'NOHS-04', 1, 900)]),
  ]);
});
afterAll(async () => {
  await sandboxes?.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const run = (orderId: string) => ({ tenant: TENANT, channel: CHANNEL, orderId, workflowId: `fulfil-order/${TENANT}/${CHANNEL}/${orderId}`, runId: `run-${orderId}`, startedAt: '2026-03-16T09:00:00.000Z' });

async function planAndRate(orderId: string, carrier?: string) {
  const plan = await activities.planFulfilment({ ...run(orderId), ...(carrier === undefined ? {} : { carrier }) });
  const rates = await activities.rateFulfilment({ tenant: TENANT, shipmentRef: plan.shipmentRef, carriers: plan.carriers, rule: plan.rule, shipAt: plan.shipAt });
  return { plan, rates };
}
const buy = (orderId: string, plan: PlanFulfilmentResult, chosen: { connection: string; vendor: string; service: { code?: string } }) =>
  activities.buyLabel({
    tenant: TENANT, channel: CHANNEL, orderId, shipmentRef: plan.shipmentRef, idempotencyKey: plan.idempotencyKey,
    connection: chosen.connection, vendor: chosen.vendor, service: chosen.service.code!, shipAt: plan.shipAt, invoice: plan.invoice, incoterm: plan.incoterm,
  });

describe('fulfilOrder activities', () => {
  it('plans from the stored order and catalogue; the shipment travels as a document, its key is the order\'s', async () => {
    const plan = await activities.planFulfilment(run('302-0000001'));
    expect(plan).toMatchObject({
      idempotencyKey: fulfilmentIdempotencyKey(TENANT, CHANNEL, '302-0000001', 0),
      incoterm: 'DAP',
      currency: 'EUR',
      declaredValue: { amountMinor: 28999, currency: 'EUR' },
      lines: 2,
      hsCodes: ['420221', '621410'],
      parcels: [{ id: '1', weightKg: '1.7' }],
      carriers: [{ connection: 'dhl-express', vendor: 'dhl' }, { connection: 'fedex', vendor: 'fedex' }],
      rule: 'cheapest',
      invoice: { number: 'INV-302-0000001', date: '2026-03-16' },
    });
    expect(plan.idempotencyKey).toHaveLength(32);
    const shipment = JSON.parse((await documents.read(plan.shipmentRef)).toString('utf8')) as { shipTo: { city: string } };
    expect(shipment.shipTo.city).toBe('New York');
  });

  it('a line without an HS code fails the plan naming the order, the line and the field', async () => {
    await expect(activities.planFulfilment(run('302-0000003'))).rejects.toMatchObject({
      type: 'ShippingPlanError',
      nonRetryable: true,
      message: 'order amazon-eu/302-0000003: line L1 (NOHS-04) hsCode: no HS code on the line or its catalogue product, which customs needs',
    });
  });

  it('rates both carriers and picks the cheapest; buys one label, stores it as a PDF; a retry buys nothing more', async () => {
    const { plan, rates } = await planAndRate('302-0000001');
    expect(new Set(rates.ranked.map((r) => r.connection))).toEqual(new Set(['dhl-express', 'fedex']));
    expect(rates.chosen).toEqual(rates.ranked[0]);
    for (let i = 1; i < rates.ranked.length; i++) expect(rates.ranked[i]!.compared.amountMinor).toBeGreaterThanOrEqual(rates.ranked[i - 1]!.compared.amountMinor);
    attempt = 1;
    const label = await buy('302-0000001', plan, rates.chosen);
    expect(label.outcome).toBe('bought');
    const pdf = label.documents.find((d) => d.type === 'label')!;
    expect(pdf.contentType).toBe('application/pdf');
    expect((await documents.read(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    attempt = 2;
    expect(await buy('302-0000001', plan, rates.chosen)).toMatchObject({ outcome: 'stored', trackingNumber: label.trackingNumber });
    const stats = rates.chosen.vendor === 'dhl' ? sandboxes.dhl.stats() : sandboxes.fedex.stats();
    expect(stats.labelsByReference[plan.idempotencyKey]).toBe(1);
    expect(stats.requestsByReference[plan.idempotencyKey]).toBe(1);
    expect(await getShipment(db, plan.idempotencyKey)).toMatchObject({ state: 'purchased', trackingNumber: label.trackingNumber, carrier: rates.chosen.vendor });
  });

  it('the saga voids a FedEx label at FedEx and records an unused DHL waybill without calling DHL', async () => {
    for (const carrier of ['fedex', 'dhl'] as const) {
      const orderId = '302-0000002';
      const { plan, rates } = await planAndRate(orderId, carrier);
      attempt = 1;
      const label = await buy(orderId, plan, rates.chosen);
      const cancelled = await activities.cancelLabel({ tenant: TENANT, idempotencyKey: plan.idempotencyKey, reason: 'the channel refused the confirmation' });
      if (carrier === 'fedex') {
        expect(cancelled).toEqual({ outcome: 'cancelled', note: `FedEx shipment ${label.trackingNumber} cancelled, because the channel refused the confirmation` });
        expect(sandboxes.fedex.stats().calls.cancel).toBe(1);
      } else {
        expect(cancelled.outcome).toBe('void-unused');
        expect(cancelled.note).toContain(`DHL waybill ${label.trackingNumber} void: not tendered`);
        expect(sandboxes.dhl.stats().calls.cancelPickup).toBe(0);
      }
      expect((await getShipment(db, plan.idempotencyKey))?.state).toBe('cancelled');
    }
    // Two voided shipments: the next attempt at the order gets a key of its own.
    expect((await activities.planFulfilment(run('302-0000002'))).idempotencyKey).toBe(fulfilmentIdempotencyKey(TENANT, CHANNEL, '302-0000002', 2));
  });
});

describe('a purchase whose reply was lost', () => {
  it('DHL: the retry finds the shipment by its reference and buys no second label', async () => {
    await upsertOrders(db, TENANT, [order(CHANNEL, '302-0000009', [line('L1', 'MUG-03', 2, 3000)])]);
    const { plan, rates } = await planAndRate('302-0000009', 'dhl');
    sandboxes.dhl.injectFaults({ operation: 'createShipment', status: 500, count: 1, afterCommit: true });
    attempt = 1;
    await expect(buy('302-0000009', plan, rates.chosen)).rejects.toMatchObject({ type: 'transient' });
    attempt = 2;
    const found = await buy('302-0000009', plan, rates.chosen);
    expect(found).toMatchObject({ outcome: 'found', documents: [] });
    expect(sandboxes.dhl.stats().labelsByReference[plan.idempotencyKey]).toBe(1);
    expect(sandboxes.dhl.stats().requestsByReference[plan.idempotencyKey]).toBe(1);
    expect(await getShipment(db, plan.idempotencyKey)).toMatchObject({ state: 'purchased', trackingNumber: found.trackingNumber, note: 'the purchase reply was lost: reprint the label at the carrier' });
  });
});

describe('a FedEx purchase whose reply was lost', () => {
  it('the retry finds the shipment through Track by reference and buys no second label', async () => {
    await upsertOrders(db, TENANT, [order(CHANNEL, '302-0000010', [line('L1', 'MUG-03', 1, 1500)])]);
    const { plan, rates } = await planAndRate('302-0000010', 'fedex');
    sandboxes.fedex.injectFaults({ operation: 'ship', status: 500, count: 1, afterCommit: true });
    attempt = 1;
    await expect(buy('302-0000010', plan, rates.chosen)).rejects.toMatchObject({ type: 'transient' });
    attempt = 2;
    const found = await buy('302-0000010', plan, rates.chosen);
    expect(found).toMatchObject({ outcome: 'found', carrier: 'fedex' });
    expect(found.trackingNumber).toMatch(/^\d{12,}$/);
    expect([sandboxes.fedex.stats().labelsByReference[plan.idempotencyKey], sandboxes.fedex.stats().requestsByReference[plan.idempotencyKey]]).toEqual([1, 1]);
  });
});
