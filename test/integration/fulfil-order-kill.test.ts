/**
 * A worker killed between the label purchase and its recording still yields exactly one label
 * (issue 11, item 7). The worker runs as its own process; the DHL sandbox holds each new label's
 * reply for a few seconds, so the test sees the label made (the sandbox's labels per reference)
 * and kills the worker with SIGKILL before the reply reaches it. A fresh worker takes the run
 * over: buyLabel's next attempt (after its start-to-close timeout) finds the label by its
 * reference instead of buying again, and the run records, confirms and tracks it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fulfilmentIdempotencyKey } from '../../activities/fulfil-order.js';
import { startWorkerProcess, type WorkerProcess } from '../../bench/worker-process.js';
import type { Order } from '../../mappings/canonical/index.js';
import { listOrders, listOrderShipments, upsertFxRates, upsertOrders, upsertProducts } from '../../store/index.js';
import { fulfilOrderWorkflowId } from '../../temporal.config.js';
import type { FulfilOrderSummary } from '../../workflows/fulfil-order.js';
import { carrierConnections, PRODUCTS, shippingSection, startCarrierSandboxes, type CarrierSandboxes } from '../activities/fulfil-order-kit.js';
import { createHarness, eventually, SECRET_ENV, type Harness } from './harness.js';

const TENANT = `ship-kill-${Date.now().toString(36)}`;
const NEW_YORK = { name: 'Sam Buyer', lines: ['350 5th Ave'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100', type: 'residential' as const };
/** How long the sandbox holds a new label's reply: the window the kill lands in. */
const HOLD_MS = 8_000;

describe('a worker killed between label purchase and its recording', () => {
  let h: Harness;
  let carriers: CarrierSandboxes;
  let configFile: string;
  let order: Order;
  const workers: WorkerProcess[] = [];

  const startWorker = async (n: number): Promise<WorkerProcess> => {
    const w = startWorkerProcess({
      env: {
        ...SECRET_ENV,
        ...carriers.env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        CARAVAN_CONFIG: configFile,
        // The worker's database is the harness's file (h.dir/caravan.db); its documents go beside it.
        CARAVAN_DATA_DIR: h.dir,
        CARAVAN_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        CARAVAN_TASK_QUEUE: h.taskQueue,
        // "worker started" (info) tells it is ready.
        LOG_LEVEL: 'info',
      },
      logFile: join(h.dir, `worker-${n}.log`),
    });
    workers.push(w);
    await w.ready;
    return w;
  };

  beforeAll(async () => {
    carriers = await startCarrierSandboxes({ dhl: { shipmentReplyDelayMs: HOLD_MS } });
    Object.assign(process.env, carriers.env);
    let tenantsFile: Record<string, unknown> = {};
    h = await createHarness({
      tenants: [TENANT],
      orders: { pageSize: 100 },
      configFor: (generated) => {
        const tenants = generated['tenants'] as Record<string, { connections: Record<string, unknown> }>;
        Object.assign(tenants[TENANT]!.connections, carrierConnections(carriers));
        Object.assign(tenants[TENANT]!, { currency: 'EUR', shipping: shippingSection('cheapest') });
        tenantsFile = generated;
        return generated;
      },
    });
    configFile = join(h.dir, 'caravan.config.json');
    writeFileSync(configFile, JSON.stringify(tenantsFile));
    const days = Array.from({ length: 8 }, (_, i) => new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
    await upsertFxRates(h.db, days.flatMap((date) => [{ source: 'ecb', base: 'EUR', quote: 'USD', date, rate: '1.0850' }, { source: 'ecb', base: 'EUR', quote: 'GBP', date, rate: '0.8500' }]), { origin: 'https://www.ecb.europa.eu' });
    // The orders come in through the in-process worker; the worker under test is a process of its own.
    await h.sync(TENANT);
    await h.stopWorker();
    const found = (await listOrders(h.db, { tenant: TENANT, channel: 'amazon', status: 'unshipped', limit: 500 }))
      .map((s) => s.order)
      .find((o) => o.fulfilment === 'merchant' && o.currency === 'EUR' && o.lines.length > 0 && o.lines.every((l) => l.sku !== undefined && l.lineTotal !== undefined && l.quantity > (l.quantityShipped ?? 0)));
    expect(found, 'the seed has an unshipped MFN order in EUR').toBeDefined();
    order = { ...found!, shipTo: NEW_YORK, updatedAt: new Date(Date.parse(found!.updatedAt) + 1000).toISOString() };
    await upsertOrders(h.db, TENANT, [order]);
    await upsertProducts(h.db, TENANT, order.lines.map((l, i) => ({ ...PRODUCTS[i % 3]!, sku: l.sku!, title: { en: `Product ${l.sku}` } })));
  }, 120_000);

  afterAll(async () => {
    // The workers go before the dev server's task queue and the database they write.
    for (const w of workers) await w.stop(5_000);
    await h?.stop();
    await carriers?.close();
  });

  it('buys exactly one label, records it once and confirms the order when a fresh worker finishes the run', async () => {
    const first = await startWorker(1);
    const workflowId = fulfilOrderWorkflowId(TENANT, 'amazon', order.externalId);
    const handle = await h.client.workflow.start('fulfilOrder', {
      taskQueue: h.taskQueue,
      workflowId,
      args: [{ tenant: TENANT, channel: 'amazon', orderId: order.externalId, carrier: 'dhl' }],
    });
    const key = fulfilmentIdempotencyKey(TENANT, 'amazon', order.externalId, 0);

    // The label is made; its reply is still held back: kill the worker now.
    await eventually(async () => carriers.dhl.stats().labelsByReference[key] === 1, 90_000);
    process.kill(first.pid, 'SIGKILL');
    expect(await first.exited).toBeNull();
    // Killed before the purchase was recorded.
    expect(await listOrderShipments(h.db, TENANT, 'amazon', order.externalId)).toEqual([]);

    await startWorker(2);
    // buyLabel's attempt on the dead worker times out (start-to-close, 2 minutes); the next finds the label.
    const summary = (await handle.result()) as FulfilOrderSummary;
    expect(summary).toMatchObject({ outcome: 'shipped', label: { outcome: 'found', carrier: 'dhl' }, confirmation: { outcome: 'confirmed' } });

    const stats = carriers.dhl.stats();
    expect(stats.labelsByReference[key]).toBe(1);
    // The retry asked the carrier by reference rather than sending the purchase again.
    expect(stats.requestsByReference[key]).toBe(1);
    const shipments = await listOrderShipments(h.db, TENANT, 'amazon', order.externalId);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ idempotencyKey: key, state: 'confirmed', carrier: 'dhl', trackingNumber: summary.label!.trackingNumber });
    expect(h.sandbox.getOrder(order.externalId)!.order.OrderStatus).toBe('Shipped');

    // buyLabel ran twice: once on the killed worker, once on the fresh one (the history keeps the last attempt's start).
    const events = (await handle.fetchHistory()).events ?? [];
    const buy = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'buyLabel')!;
    const startedBuy = events.filter((e) => e.activityTaskStartedEventAttributes && String(e.activityTaskStartedEventAttributes.scheduledEventId) === String(buy.eventId));
    expect(startedBuy).toHaveLength(1);
    expect(startedBuy[0]!.activityTaskStartedEventAttributes!.attempt).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
