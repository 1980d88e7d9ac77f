/**
 * The shipment-confirmation activities against the SP-API stand-in and a real SQLite store:
 * an Unshipped merchant-fulfilled order is confirmed and the sandbox marks it Shipped; a retry
 * after a call that went through sends nothing again; an FBA order, an unknown order and an
 * Amazon refusal (an item Amazon does not know) fail for good, typed, with Amazon's message.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapAmazonOrderRecord } from '../../activities/amazon-records.js';
import { createShipmentConfirmActivities, type ShipmentConfirmActivityContext } from '../../activities/shipment-confirm.js';
import type { ShipmentConfirmActivities, ShipmentConfirmRequest } from '../../activities/shipment-confirm-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { Order } from '../../mappings/canonical/index.js';
import { generateAmazonSeed, SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox, type SandboxOrder } from '../../sandbox/amazon/index.js';
import { closeDatabase, getOrder, getRun, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { createLogger } from '../../worker/logger.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const logger = createLogger({ level: 'silent' });
const seed = generateAmazonSeed({ now: NOW, count: 60 }).orders;
const first = (pred: (o: SandboxOrder) => boolean): SandboxOrder => {
  const found = seed.find(pred);
  if (!found) throw new Error('no such seed order');
  return found;
};
const unshipped = first((o) => o.order.OrderStatus === 'Unshipped' && o.order.FulfillmentChannel === 'MFN');
const fba = first((o) => o.order.FulfillmentChannel === 'AFN' && o.order.OrderStatus === 'Unshipped');

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ApplicationFailure);

describe('shipment confirmation activities', () => {
  let sandbox: AmazonSandbox;
  let db: Knex;
  let attempt = 1;
  let activities: ShipmentConfirmActivities;
  let n = 0;
  const run = () => ({ workflowId: `shipment-confirm/acme/amazon-eu/x`, runId: `run-${++n}`, startedAt: '2026-03-10T11:59:00.000Z' });
  const request = (orderId: string): ShipmentConfirmRequest => ({ tenant: 'acme', channel: 'amazon-eu', orderId, carrier: 'DHL', service: 'Paket', trackingNumber: '00340434161234567890' });

  async function store(raw: SandboxOrder, patch: (o: Order) => Order = (o) => o): Promise<Order> {
    const mapped = mapAmazonOrderRecord(raw.order, raw.items, 'amazon-eu');
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.rejection));
    await upsertOrders(db, 'acme', [patch(mapped.order)], { now: NOW });
    return mapped.order;
  }

  beforeAll(async () => {
    sandbox = await startAmazonSandbox({ orders: seed, now: () => NOW, rateLimits: false, minLagSeconds: 0 });
    const config = parseTenantsConfig(
      {
        tenants: {
          acme: {
            connections: {
              'amazon-eu': {
                vendor: 'amazon',
                settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token` },
                secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
              },
            },
          },
        },
      },
      {},
    );
    const env = { A: SANDBOX_DEMO_CREDENTIALS.clientId, B: SANDBOX_DEMO_CREDENTIALS.clientSecret, C: SANDBOX_DEMO_CREDENTIALS.refreshToken };
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-ship-confirm-')), 'caravan.db') });
    await migrateLatest(db);
    const context = (): ShipmentConfirmActivityContext => ({ attempt, cancellationSignal: new AbortController().signal });
    activities = createShipmentConfirmActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger, clock: () => NOW, context });
  });
  beforeEach(() => {
    sandbox.reset();
    attempt = 1;
  });
  afterAll(async () => {
    await sandbox.close();
    await closeDatabase(db);
  });

  it('confirms every unshipped unit of an Unshipped order: the sandbox marks it Shipped; a retry after that sends nothing again', async () => {
    const order = await store(unshipped);
    const r = run();
    const prepared = await activities.prepareShipmentConfirmation({ ...request(order.externalId), ...r });
    expect(prepared.confirmation).toMatchObject({
      externalOrderId: order.externalId,
      carrier: { code: 'dhl', name: 'DHL' },
      service: 'Paket',
      trackingNumber: '00340434161234567890',
      shipDate: '2026-03-10T11:59:00.000Z',
      packageReference: '1',
      lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    });
    expect(prepared.shippedBefore).toEqual(Object.fromEntries(order.lines.map((l) => [l.lineId, 0])));

    const sent = await activities.sendShipmentConfirmation({ tenant: 'acme', channel: 'amazon-eu', ...r, ...prepared });
    expect(sent).toEqual({ outcome: 'confirmed', attempt: 1, requestId: expect.any(String) });
    const after = sandbox.getOrder(order.externalId)!;
    expect(after.order.OrderStatus).toBe('Shipped');
    expect(after.order.LastUpdateDate).toBe(NOW.toISOString().replace('.000Z', 'Z'));

    // The reply was lost (say): Temporal retries the activity. It reads the lines, sees them shipped and sends nothing.
    attempt = 2;
    expect(await activities.sendShipmentConfirmation({ tenant: 'acme', channel: 'amazon-eu', ...r, ...prepared })).toEqual({ outcome: 'already-applied', attempt: 2 });
    expect(sandbox.stats().operations.confirmShipment.requests).toBe(1);

    expect(await activities.finishShipmentConfirmation({ tenant: 'acme', channel: 'amazon-eu', ...r })).toEqual({ finishedAt: NOW.toISOString(), durationMs: 60_000 });
    expect(await getRun(db, r)).toMatchObject({ status: 'completed', flow: 'shipment-confirm', channel: 'amazon-eu', updated: 1 });
  });

  it('a retry whose predecessor never reached Amazon sends the confirmation', async () => {
    const order = await store(unshipped);
    const r = run();
    const prepared = await activities.prepareShipmentConfirmation({ ...request(order.externalId), ...r });
    attempt = 2;
    expect((await activities.sendShipmentConfirmation({ tenant: 'acme', channel: 'amazon-eu', ...r, ...prepared })).outcome).toBe('confirmed');
    expect(sandbox.stats().operations.confirmShipment.requests).toBe(1);
  });

  it('refuses an FBA order before calling Amazon, and an order the hub does not have', async () => {
    const order = await store(fba);
    const refused = await failureOf(activities.prepareShipmentConfirmation({ ...request(order.externalId), ...run() }));
    expect([refused?.type, refused?.nonRetryable]).toEqual(['validation', true]);
    expect(refused?.message).toContain('fulfilment: the marketplace fulfils this order itself');
    const unknown = await failureOf(activities.prepareShipmentConfirmation({ ...request('999-0000000-0000000'), ...run() }));
    expect([unknown?.type, unknown?.nonRetryable, unknown?.message]).toEqual([
      'not_found',
      true,
      'order 999-0000000-0000000 of acme/amazon-eu is not in the hub: import it first (caravan sync orders --tenant acme --channel amazon-eu)',
    ]);
    expect(sandbox.stats().operations.confirmShipment.requests).toBe(0);
  });

  it('refuses a ship date in the future', async () => {
    const order = await store(unshipped);
    const f = await failureOf(activities.prepareShipmentConfirmation({ ...request(order.externalId), shipDate: '2026-03-11T00:00:00+01:00', ...run() }));
    expect([f?.type, f?.message]).toEqual(['validation', `order ${order.externalId}: ship date 2026-03-10T23:00:00Z is in the future`]);
  });

  it('an item Amazon does not know: Amazon answers 400 and the failure is a final validation carrying Amazon\'s message', async () => {
    // The hub's copy has a line Amazon never had (a stale or edited record).
    const order = await store(unshipped, (o) => ({ ...o, lines: [...o.lines, { ...o.lines[0]!, lineId: '99999999999999', refs: { orderItemId: '99999999999999' } }] }));
    expect((await getOrder(db, 'acme', 'amazon-eu', order.externalId))?.lines).toHaveLength(order.lines.length + 1);
    const r = run();
    const prepared = await activities.prepareShipmentConfirmation({ ...request(order.externalId), ...r });
    const f = await failureOf(activities.sendShipmentConfirmation({ tenant: 'acme', channel: 'amazon-eu', ...r, ...prepared }));
    expect([f?.type, f?.nonRetryable]).toEqual(['validation', true]);
    expect(f?.message).toContain(`The order item 99999999999999 is not part of order ${order.externalId}.`);
    expect(sandbox.getOrder(order.externalId)!.order.OrderStatus).toBe('Unshipped');
  });
});
