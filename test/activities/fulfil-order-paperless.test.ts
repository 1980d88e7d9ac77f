/**
 * Paperless trade with Caravan's own commercial invoice, against the DHL and FedEx sandboxes:
 * the plan stores the invoice PDF (its hash in the plan, never the bytes); DHL's request
 * carries service WY and that very PDF as document image INV; FedEx gets it uploaded through
 * ETD first and the shipment names the uploaded document id; a retried FedEx purchase reuses
 * the upload its predecessor heartbeated; without paperless trade nothing of it is sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfilOrderActivities, type FulfilmentActivityContext } from '../../activities/fulfil-order.js';
import type { FulfilOrderActivities, PlanFulfilmentResult } from '../../activities/fulfil-order-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { createDocumentStore, type DocumentStore } from '../../store/document-store.js';
import { closeDatabase, getShipment, migrateLatest, openDatabase, upsertOrders, upsertProducts } from '../../store/index.js';
import { carrierConnections, line, order, PRODUCTS, shippingSection, startCarrierSandboxes, type CarrierSandboxes } from './fulfil-order-kit.js';

const CHANNEL = 'amazon-eu';
let dir: string;
let db: Knex;
let sandboxes: CarrierSandboxes;
let documents: DocumentStore;
let activities: FulfilOrderActivities;
let context: FulfilmentActivityContext = { attempt: 1 };
const heartbeats: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-paperless-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  sandboxes = await startCarrierSandboxes();
  const connections = carrierConnections(sandboxes);
  const config = parseTenantsConfig({
    tenants: {
      acme: { currency: 'EUR', connections, shipping: shippingSection() },
      paper: { currency: 'EUR', connections, shipping: { ...shippingSection(), paperlessTrade: false } },
    },
  });
  documents = createDocumentStore(join(dir, 'documents'));
  const logger = pino({ level: 'silent' });
  activities = createFulfilOrderActivities({ db, config, logger, documents, vendors: createVendorClients({ config, logger, env: sandboxes.env }), context: () => context });
  for (const tenant of ['acme', 'paper']) {
    await upsertProducts(db, tenant, PRODUCTS);
    await upsertOrders(db, tenant, [
      order(CHANNEL, '302-0000101', [line('L1', 'BAG-01', 2, 25000), line('L2', 'SCF-02', 1, 3999)]),
      order(CHANNEL, '302-0000102', [line('L1', 'MUG-03', 1, 1500), line('L2', 'SCF-02', 2, 7998)]),
      order(CHANNEL, '302-0000103', [line('L1', 'MUG-03', 3, 4500)], 'GB'),
    ]);
  }
});
afterAll(async () => {
  await sandboxes?.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const attempt = (n: number, heartbeatDetails?: unknown): void => {
  context = { attempt: n, ...(heartbeatDetails === undefined ? {} : { heartbeatDetails }), heartbeat: (d) => heartbeats.push(d) };
};

async function planAndBuy(tenant: string, orderId: string, carrier: 'dhl' | 'fedex') {
  const plan = await activities.planFulfilment({ tenant, channel: CHANNEL, orderId, carrier, workflowId: `fo/${tenant}/${orderId}`, runId: 'r1', startedAt: '2026-03-16T09:00:00.000Z' });
  const rates = await activities.rateFulfilment({ tenant, shipmentRef: plan.shipmentRef, carriers: plan.carriers, rule: plan.rule, shipAt: plan.shipAt });
  const buy = () =>
    activities.buyLabel({
      tenant, channel: CHANNEL, orderId, shipmentRef: plan.shipmentRef, idempotencyKey: plan.idempotencyKey,
      connection: rates.chosen.connection, vendor: rates.chosen.vendor, service: rates.chosen.service.code!, shipAt: plan.shipAt, invoice: plan.invoice, incoterm: plan.incoterm,
    });
  return { plan, buy };
}

const invoiceOf = (plan: PlanFulfilmentResult) => {
  expect(plan.commercialInvoice).toMatchObject({ contentType: 'application/pdf' });
  return plan.commercialInvoice!;
};

describe('paperless trade with the invoice Caravan makes', () => {
  it('the plan stores the commercial invoice PDF by its hash; it names the invoice number and every HS code', async () => {
    attempt(1);
    const { plan } = await planAndBuy('acme', '302-0000101', 'dhl');
    const pdf = (await documents.read(invoiceOf(plan))).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('(Invoice number: INV-302-0000101) Tj');
    for (const hs of plan.hsCodes) expect(pdf).toContain(`(${hs}) Tj`);
    // Only the reference is in the plan (workflow history), never the bytes.
    expect(JSON.stringify(plan)).not.toContain('JVBERi0');
  });

  it('DHL: the request carries paperless trade WY and the very invoice PDF as document image INV', async () => {
    attempt(1);
    const { plan, buy } = await planAndBuy('acme', '302-0000101', 'dhl');
    const label = await buy();
    expect(label.outcome).toBe('bought');
    const invoice = invoiceOf(plan);
    expect(sandboxes.dhl.stats().paperworkByReference[plan.idempotencyKey]).toEqual({ services: ['WY'], documentImages: { INV: invoice.sha256 } });
    expect(label.documents.find((d) => d.type === 'commercial-invoice')).toEqual({ type: 'commercial-invoice', format: 'PDF', sha256: invoice.sha256, bytes: invoice.bytes, contentType: 'application/pdf' });
    expect((await getShipment(db, plan.idempotencyKey))?.documents.map((d) => d.type)).toContain('commercial-invoice');
    expect(sandboxes.fedex.stats().etdUploads).toBe(0);
  });

  it('FedEx: the invoice is uploaded through ETD and the shipment names the uploaded document id', async () => {
    attempt(1);
    const { plan, buy } = await planAndBuy('acme', '302-0000102', 'fedex');
    const before = sandboxes.fedex.stats().etdUploads;
    const label = await buy();
    expect(label.outcome).toBe('bought');
    const stats = sandboxes.fedex.stats();
    expect(stats.etdUploads).toBe(before + 1);
    const [docId] = stats.attachedDocumentsByReference[plan.idempotencyKey]!;
    expect(stats.attachedDocumentsByReference[plan.idempotencyKey]).toEqual([docId]);
    expect(stats.etdDocuments[docId!]).toEqual({ documentType: 'CI', name: 'INV-302-0000102.pdf', bytes: invoiceOf(plan).bytes });
    expect(heartbeats.at(-1)).toEqual({ connection: 'fedex', sha256: invoiceOf(plan).sha256, documentId: docId });
    expect(label.documents.map((d) => d.type)).toEqual(['label', 'commercial-invoice']);
  });

  it('FedEx: a purchase retried after a failed ship call reuses the heartbeated upload instead of uploading again', async () => {
    attempt(1);
    const { plan, buy } = await planAndBuy('acme', '302-0000103', 'fedex');
    const before = sandboxes.fedex.stats().etdUploads;
    sandboxes.fedex.injectFaults({ operation: 'ship', status: 500, count: 1 });
    await expect(buy()).rejects.toMatchObject({ type: 'transient' });
    expect(sandboxes.fedex.stats().etdUploads).toBe(before + 1);
    const details = heartbeats.at(-1) as { documentId: string };
    attempt(2, details);
    expect((await buy()).outcome).toBe('bought');
    const stats = sandboxes.fedex.stats();
    expect(stats.etdUploads).toBe(before + 1);
    expect(stats.attachedDocumentsByReference[plan.idempotencyKey]).toEqual([details.documentId]);
    expect(stats.labelsByReference[plan.idempotencyKey]).toBe(1);
  });

  it('without paperless trade no invoice is made, sent or uploaded', async () => {
    attempt(1);
    const uploads = sandboxes.fedex.stats().etdUploads;
    for (const carrier of ['dhl', 'fedex'] as const) {
      const { plan, buy } = await planAndBuy('paper', carrier === 'dhl' ? '302-0000101' : '302-0000102', carrier);
      expect(plan.commercialInvoice).toBeUndefined();
      const label = await buy();
      expect(label.documents.map((d) => d.type)).not.toContain('commercial-invoice');
      if (carrier === 'dhl') expect(sandboxes.dhl.stats().paperworkByReference[plan.idempotencyKey]).toEqual({ services: [], documentImages: {} });
      else expect(sandboxes.fedex.stats().attachedDocumentsByReference[plan.idempotencyKey]).toEqual([]);
    }
    expect(sandboxes.fedex.stats().etdUploads).toBe(uploads);
  });
});
