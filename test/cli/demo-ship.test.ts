/**
 * The demo's shipping (cli/commands/demo-ship.ts): which imported orders it ships with which
 * carrier and incoterm, what it prints, and the demo's tenants file (config/caravan.demo.yaml,
 * with the demo catalogue) quoting a picked DDP and DAP order on the DHL and FedEx sandboxes as
 * `caravan ship --dry-run` does. The workflow run itself: test/integration/demo-recovery.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { catalogImportCommand } from '../../cli/commands/catalog.js';
import { DEMO_CATALOGUE_DIR } from '../../cli/commands/demo.js';
import {
  demoShipSlots,
  demoShipWhere,
  formatDemoShipment,
  formatDemoShipSummary,
  pickDemoShipments,
  planDemoShipping,
  shippableOrder,
  type DemoShipPick,
  type ShippableOrder,
} from '../../cli/commands/demo-ship.js';
import { shipCommand } from '../../cli/commands/ship.js';
import { loadTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import type { Order } from '../../mappings/canonical/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';
import { createDocumentStore } from '../../store/document-store.js';
import { closeDatabase, migrateLatest, openDatabase, recordRunStarted, recordShipmentPurchase, upsertFxRates, upsertOrders } from '../../store/index.js';
import { FLOWS, shipmentConfirmWorkflowId } from '../../temporal.config.js';
import { line, order } from '../activities/fulfil-order-kit.js';

const SLOTS = demoShipSlots([
  { connection: 'dhl-express', vendor: 'dhl' },
  { connection: 'fedex', vendor: 'fedex' },
]);
const candidate = (channel: string, orderId: string, destination = 'US', hsCodes = ['610910']): ShippableOrder => ({ channel, orderId, destination, hsCodes });
const tshirtsToUs = (destination: string, hs: readonly string[]) => destination === 'US' && hs.every((h) => h.startsWith('610910'));

describe('pickDemoShipments', () => {
  it('fills a DAP and a DDP slot per carrier, DDP with orders whose duty the tariff knows, the marketplaces taking turns', () => {
    const picks = pickDemoShipments(
      SLOTS,
      [],
      [candidate('aliexpress', 'A2', 'GB', ['420221']), candidate('alibaba', 'B1', 'SG', ['691200']), candidate('alibaba', 'B2'), candidate('aliexpress', 'A1'), candidate('alibaba', 'B3', 'CA')],
      tshirtsToUs,
    );
    expect(picks.map((p) => [p.connection, p.incoterm, p.channel, p.orderId, p.before])).toEqual([
      ['dhl-express', 'DAP', 'alibaba', 'B1', false],
      // The DDP slots take the two US T-shirt orders, one per marketplace; DAP the others.
      ['dhl-express', 'DDP', 'aliexpress', 'A1', false],
      ['fedex', 'DAP', 'alibaba', 'B3', false],
      ['fedex', 'DDP', 'alibaba', 'B2', false],
    ]);
  });

  it('ships the orders of an earlier start again the same way (fulfilOrder then answers already-shipped) and never re-picks a given-up one', () => {
    const earlier = [
      { channel: 'alibaba', orderId: 'B9', connection: 'fedex', incoterm: 'DDP', state: 'confirmed' as const },
      { channel: 'aliexpress', orderId: 'A9', connection: 'dhl-express', incoterm: 'DAP', state: 'cancelled' as const },
      { channel: 'aliexpress', orderId: 'A8', connection: 'dhl-express', incoterm: 'DAP', state: 'confirmed' as const },
    ];
    const picks = pickDemoShipments(SLOTS, earlier, [candidate('aliexpress', 'A9'), candidate('alibaba', 'B1'), candidate('alibaba', 'B2', 'JP')], tshirtsToUs);
    expect(picks.map((p) => [p.connection, p.incoterm, p.channel, p.orderId, p.before])).toEqual([
      ['dhl-express', 'DAP', 'aliexpress', 'A8', true],
      ['dhl-express', 'DDP', 'alibaba', 'B1', false],
      ['fedex', 'DAP', 'alibaba', 'B2', false],
      ['fedex', 'DDP', 'alibaba', 'B9', true],
    ]);
  });

  it('leaves a slot empty when no order is left', () => {
    expect(pickDemoShipments(SLOTS, [], [candidate('alibaba', 'B1', 'CA')], tshirtsToUs).map((p) => `${p.connection} ${p.incoterm}`)).toEqual(['dhl-express DAP']);
  });
});

describe('shippableOrder', () => {
  const declarable = (sku: string) => sku !== 'NOHS';
  const base = { ...order('aliexpress', 'A1', [line('1', 'TS-BLA-M', 2, 4980)]), vendor: 'aliexpress' } satisfies Order;
  it('takes an unshipped merchant order leaving the EU for a country with duty rules, with a phone and declarable lines', () => {
    expect(shippableOrder(base, declarable)).toEqual({ channel: 'aliexpress', orderId: 'A1', destination: 'US', hsCodes: [] });
    expect(shippableOrder(order('aliexpress', 'A2', [line('1', 'TS-BLA-M', 1, 2490)], 'GB'), declarable)?.destination).toBe('GB');
  });
  it.each([
    ['an EU destination', { ...base, shipTo: { ...base.shipTo!, country: 'ES' } }],
    ['a destination without duty rules', { ...base, shipTo: { ...base.shipTo!, country: 'BR' } }],
    ['no phone', { ...base, shipTo: { ...base.shipTo!, phone: undefined } }],
    ['marketplace fulfilment', { ...base, fulfilment: 'marketplace' as const }],
    ['a product without HS code', { ...base, lines: [...base.lines, { ...base.lines[0]!, lineId: '2', sku: 'NOHS' }] }],
    ['a line shipped already', { ...base, lines: [{ ...base.lines[0]!, quantityShipped: 2 }] }],
  ])('refuses %s', (_what, o) => {
    expect(shippableOrder(o as Order, declarable)).toBeUndefined();
  });
});

describe('the lines the demo prints', () => {
  const pick = (p: Partial<DemoShipPick>): DemoShipPick => ({ connection: 'dhl-express', vendor: 'dhl', incoterm: 'DDP', channel: 'alibaba', orderId: 'B1', destination: 'US', before: false, ...p });
  it('names carrier, service, incoterm, duties, tracking number and label file; a failure its cause', () => {
    const results = [
      { pick: pick({}), outcome: { kind: 'shipped' as const, service: 'P EXPRESS WORLDWIDE', charge: { amountMinor: 7753, currency: 'EUR' }, duties: { amountMinor: 13147, currency: 'USD' }, trackingNumber: '5025049949', labelFile: 'data/documents/c3/c3.pdf' } },
      { pick: pick({ connection: 'fedex', vendor: 'fedex', incoterm: 'DAP', orderId: 'B2', destination: 'SG' }), outcome: { kind: 'already-shipped' as const, trackingNumber: '794612345678', state: 'confirmed' } },
      { pick: pick({ connection: 'fedex', vendor: 'fedex', orderId: 'B3' }), outcome: { kind: 'failed' as const, message: 'fulfil-order/demo/alibaba/B3 failed: no carrier could quote' } },
    ];
    expect(results.map((r) => formatDemoShipment(r.pick, r.outcome))).toEqual([
      'dhl-express DDP alibaba order B1 → US: shipped, P EXPRESS WORLDWIDE 77.53 EUR, duties and taxes 131.47 USD paid by the seller, tracking 5025049949, label data/documents/c3/c3.pdf',
      'fedex DAP alibaba order B2 → SG: shipped before (tracking 794612345678, confirmed): no second label bought',
      'fedex DDP alibaba order B3 → US: FAILED: fulfil-order/demo/alibaba/B3 failed: no carrier could quote',
    ]);
    expect(formatDemoShipSummary(results)).toBe('3 order(s): 1 shipped now, 1 shipped before, 1 failed (dhl-express 1, fedex 1; DDP 1, DAP 1)');
    expect(demoShipWhere('demo', { url: 'http://localhost:8233', namespace: 'default' })[0]).toBe(
      'the runs in the Web UI: http://localhost:8233/namespaces/default/workflows?query=CaravanTenant%3D%22demo%22%20AND%20CaravanFlow%3D%22fulfil-order%22',
    );
  });
});

describe('the demo tenants file on the carrier sandboxes', () => {
  let dir: string;
  let db: Knex;
  let dhl: DhlSandbox;
  let fedex: FedexSandbox;
  let config: TenantsConfig;
  const env = (): NodeJS.ProcessEnv => ({
    CARAVAN_SANDBOX_DHL_URL: dhl.url,
    CARAVAN_SANDBOX_FEDEX_URL: fedex.url,
    CARAVAN_DEMO_DHL_USERNAME: SANDBOX_DHL_CREDENTIALS.username,
    CARAVAN_DEMO_DHL_PASSWORD: SANDBOX_DHL_CREDENTIALS.password,
    CARAVAN_DEMO_FEDEX_CLIENT_ID: SANDBOX_FEDEX_CREDENTIALS.clientId,
    CARAVAN_DEMO_FEDEX_CLIENT_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret,
  });
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caravan-demo-ship-'));
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    dhl = await startDhlSandbox({ rateLimits: false });
    fedex = await startFedexSandbox({ rateLimits: false });
    config = loadTenantsConfig(join(import.meta.dirname, '../../config/caravan.demo.yaml'), env());
    await catalogImportCommand({ db, config }, join(DEMO_CATALOGUE_DIR, 'products.csv'), { tenant: 'demo' });
    await upsertFxRates(db, [{ source: 'ecb', base: 'EUR', quote: 'USD', date: today, rate: '1.0850' }, { source: 'ecb', base: 'EUR', quote: 'GBP', date: today, rate: '0.8500' }], { origin: 'https://www.ecb.europa.eu' });
    const ae = (id: string, lines: ReturnType<typeof line>[], to: 'US' | 'GB' = 'US'): Order => ({ ...order('aliexpress', id, lines, to), vendor: 'aliexpress' });
    await upsertOrders(db, 'demo', [
      ae('8100000000000001', [line('1', 'TS-BLA-M', 2, 4980)]),
      ae('8100000000000002', [line('1', 'HB-TOTE-COG', 1, 18900)], 'GB'),
      ae('8100000000000003', [line('1', 'MUG-WHI-250', 1, 1490), line('2', 'NOT-IN-CATALOGUE', 1, 990)]),
      ae('8100000000000004', [line('1', 'TS-NAV-L', 1, 2490)]),
    ]);
    // Confirmed by hand before (the demo's shipmentConfirm step): not shipped again.
    await recordRunStarted(db, { workflowId: shipmentConfirmWorkflowId('demo', 'aliexpress', '8100000000000004'), runId: 'r1', tenant: 'demo', channel: 'aliexpress', flow: FLOWS.shipmentConfirm, startedAt: new Date().toISOString() });
  });
  afterAll(async () => {
    await closeDatabase(db);
    await Promise.all([dhl?.close(), fedex?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks the declarable orders and quotes them on both carriers, duties for DDP, buying nothing', async () => {
    const { slots, picks } = await planDemoShipping({ db, config }, 'demo');
    expect(slots.map((s) => `${s.connection} ${s.incoterm}`)).toEqual(['dhl-express DAP', 'dhl-express DDP', 'fedex DAP', 'fedex DDP']);
    expect(picks.map((p) => [p.connection, p.incoterm, p.orderId, p.destination])).toEqual([
      ['dhl-express', 'DAP', '8100000000000002', 'GB'],
      ['dhl-express', 'DDP', '8100000000000001', 'US'],
    ]);
    const logger = pino({ level: 'silent' });
    const deps = { db, config, logger, vendors: createVendorClients({ config, logger, env: env() }), documents: createDocumentStore(join(dir, 'documents')) };
    for (const p of picks) {
      for (const carrier of ['dhl-express', 'fedex']) {
        const text = await shipCommand(deps, p.orderId, { tenant: 'demo', channel: p.channel, carrier, incoterm: p.incoterm, dryRun: true });
        expect(text).toContain(`demo/aliexpress order ${p.orderId}: dry run, nothing bought`);
        expect(text).toContain(`DE → ${p.destination}, ${p.incoterm}`);
        expect(text).toMatch(new RegExp(`would buy: ${carrier} `));
        if (p.incoterm === 'DDP') expect(text).toMatch(/duties and taxes \(DDP, caravan-builtin\): duty \d+\.\d\d USD/);
      }
    }
    expect(dhl.stats().labelsByReference).toEqual({});

    // Once an order shipped, a new plan keeps it in its slot.
    await recordShipmentPurchase(db, { idempotencyKey: 'fo-demo-1', tenant: 'demo', channel: 'aliexpress', orderId: '8100000000000001', connection: 'fedex', carrier: 'fedex', incoterm: 'DDP', trackingNumber: '794600000001', documents: [] });
    const again = await planDemoShipping({ db, config }, 'demo');
    expect(again.picks.map((p) => [p.connection, p.incoterm, p.orderId, p.before])).toEqual([
      ['dhl-express', 'DAP', '8100000000000002', false],
      ['fedex', 'DDP', '8100000000000001', true],
    ]);
  });
});
