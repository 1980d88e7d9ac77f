/**
 * `caravan ship --dry-run`, `caravan rates FILE` and `caravan labels get` on a SQLite store
 * against the DHL and FedEx sandboxes (the workflow itself: test/integration/fulfil-order.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfilOrderActivities } from '../../activities/fulfil-order.js';
import { createVendorClients, type VendorClients } from '../../activities/vendor-clients.js';
import { labelsGetCommand } from '../../cli/commands/labels.js';
import { parseRule, ratesCommand } from '../../cli/commands/rates.js';
import { shipCommand } from '../../cli/commands/ship.js';
import { parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import { createDocumentStore, type DocumentStore } from '../../store/document-store.js';
import { closeDatabase, migrateLatest, openDatabase, upsertFxRates, upsertOrders, upsertProducts } from '../../store/index.js';
import { carrierConnections, line, order, PRODUCTS, shippingSection, startCarrierSandboxes, type CarrierSandboxes } from '../activities/fulfil-order-kit.js';
import { DDP_TO_US } from '../mappings/shipping/shipments.js';

const AMAZON = { vendor: 'amazon', settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] }, secrets: { clientId: { env: 'A_ID' }, clientSecret: { env: 'A_SECRET' }, refreshToken: { env: 'A_RT' } } };
let dir: string;
let db: Knex;
let sandboxes: CarrierSandboxes;
let config: TenantsConfig;
let documents: DocumentStore;
let vendors: VendorClients;
const logger = pino({ level: 'silent' });
const now = () => new Date('2026-03-16T09:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-ship-cli-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  sandboxes = await startCarrierSandboxes();
  config = parseTenantsConfig({ tenants: { acme: { connections: { ...carrierConnections(sandboxes), 'amazon-eu': AMAZON }, shipping: shippingSection({ cheapestWithin: 3 }) } } });
  documents = createDocumentStore(join(dir, 'documents'));
  vendors = createVendorClients({ config, logger, env: sandboxes.env });
  await upsertProducts(db, 'acme', PRODUCTS);
  // The duty engine converts into the destination's currency: ECB's rates of the week, stored as the ECB's.
  await upsertFxRates(db, ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16'].map((date) => ({ source: 'ecb', base: 'EUR', quote: 'USD', date, rate: '1.0850' })), { origin: 'https://www.ecb.europa.eu' });
  await upsertOrders(db, 'acme', [order('amazon-eu', '302-7000001', [line('L1', 'BAG-01', 1, 12500), line('L2', 'MUG-03', 2, 3000)])]);
});
afterAll(async () => {
  await sandboxes?.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('caravan ship --dry-run', () => {
  it('prints the declaration, the DDP duties and the ranked rates, and buys nothing', async () => {
    const text = await shipCommand({ db, config, logger, vendors, documents, now }, '302-7000001', { incoterm: 'ddp', dryRun: true });
    expect(text).toContain('acme/amazon-eu order 302-7000001: dry run, nothing bought');
    expect(text).toContain('line L1: 1 × Leather handbag — HS 420221, origin IT, 125.00 EUR, 0.8 kg');
    // Under the US de minimis (800 USD): nothing due, and the quote says so in USD and EUR.
    expect(text).toContain('duties and taxes (DDP, caravan-builtin): duty 0.00 USD, import tax 0.00 USD, total 0.00 USD (0.00 EUR)');
    expect(text).toMatch(/rates by rule "cheapest within 3 days":\n {2}1\. /);
    expect(text).toMatch(/would buy: (dhl-express|fedex) /);
    expect(sandboxes.dhl.stats().shipments + Object.keys(sandboxes.fedex.stats().labelsByReference).length).toBe(0);
  });

  it('refuses an unknown carrier and a bad incoterm before anything runs', async () => {
    await expect(shipCommand({ db, config, logger, vendors, documents, now }, '302-7000001', { carrier: 'ups', dryRun: true })).rejects.toThrow('tenant "acme" has no carrier connection "ups"');
    await expect(shipCommand({ db, config, logger, vendors, documents, now }, '302-7000001', { incoterm: 'EXW', dryRun: true })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('caravan rates', () => {
  it('ranks a canonical shipment file across both carriers', async () => {
    const file = join(dir, 'shipment.json');
    writeFileSync(file, JSON.stringify(DDP_TO_US));
    const text = await ratesCommand({ db, config, logger, vendors, documents, now }, file, { rule: 'fastest' });
    expect(text).toMatch(/^amazon-eu:302-1111111-2222222: \d+ service\(s\) by rule "fastest"/);
    expect(text).toContain('dhl-express');
    expect(text).toContain('fedex');
    expect(parseRule('within:2')).toEqual({ cheapestWithin: 2 });
    expect(() => parseRule('slowest')).toThrow('--rule "slowest" must be cheapest, fastest or within:N (days)');
  });
});

describe('caravan labels get', () => {
  it('writes the stored label of a shipped order as a PDF file', async () => {
    const activities = createFulfilOrderActivities({ db, config, logger, documents, vendors, context: () => ({ attempt: 1 }) });
    const plan = await activities.planFulfilment({ tenant: 'acme', channel: 'amazon-eu', orderId: '302-7000001', carrier: 'fedex', workflowId: 'w', runId: 'r', startedAt: now().toISOString() });
    const rates = await activities.rateFulfilment({ tenant: 'acme', shipmentRef: plan.shipmentRef, carriers: plan.carriers, rule: 'cheapest', shipAt: plan.shipAt });
    const label = await activities.buyLabel({ tenant: 'acme', channel: 'amazon-eu', orderId: '302-7000001', shipmentRef: plan.shipmentRef, idempotencyKey: plan.idempotencyKey, connection: 'fedex', vendor: 'fedex', service: rates.chosen.service.code!, shipAt: plan.shipAt, invoice: plan.invoice, incoterm: plan.incoterm });
    const files = await labelsGetCommand({ db, config, documents }, '302-7000001', { out: join(dir, 'labels') });
    expect(files.length).toBeGreaterThan(0);
    expect(files[0]).toContain(`302-7000001-${label.trackingNumber}-`);
    expect(readFileSync(files.find((f) => f.endsWith('.pdf'))!).subarray(0, 5).toString()).toBe('%PDF-');
    // Paperless trade (the default): the commercial invoice Caravan made and uploaded is written too.
    const invoice = files.find((f) => f.endsWith(`302-7000001-${label.trackingNumber}-commercial-invoice.pdf`))!;
    expect(readFileSync(invoice).toString('latin1')).toContain(`(Invoice number: ${plan.invoice.number}) Tj`);
    await expect(labelsGetCommand({ db, config, documents }, '302-7000001', { channel: 'nope' })).rejects.toMatchObject({ exitCode: 2 });
  });
});
