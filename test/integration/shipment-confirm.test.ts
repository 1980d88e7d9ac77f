/**
 * shipmentConfirm end to end on the real dev server against the sandbox SP-API: orders
 * imported by ordersSync, one Unshipped order confirmed through the CLI command, the sandbox
 * order Shipped, the next import bringing the hub's copy to shipped, a repeated identical
 * request sending nothing, another tracking number for the same package refused, an FBA order
 * refused before Amazon is called; the run is filterable by its search attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipConfirmCommand } from '../../cli/commands/ship-confirm.js';
import { getOrder, getRun, listOrders } from '../../store/index.js';
import { shipmentConfirmWorkflowId } from '../../temporal.config.js';
import { createHarness, eventually, type Harness } from './harness.js';

describe('shipmentConfirm against the sandbox', () => {
  let h: Harness;
  const tenant = `ship-${Date.now().toString(36)}`;
  const lines: string[] = [];
  const confirm = (orderId: string, o: { tracking: string; carrier?: string; service?: string }) =>
    shipConfirmCommand({ client: h.client, db: h.db, config: h.config }, orderId, { carrier: 'DHL', service: 'Paket', ...o, tenant, wait: true, taskQueue: h.taskQueue }, (l) => void lines.push(l));

  beforeAll(async () => {
    h = await createHarness({ tenants: [tenant], orders: { pageSize: 100 } });
    await h.sync(tenant);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('confirms an imported Unshipped order: Amazon marks it Shipped, the next import updates the hub, a repeat sends nothing', async () => {
    const candidates = await listOrders(h.db, { tenant, channel: 'amazon', status: 'unshipped', limit: 500 });
    const stored = candidates.find((s) => s.order.fulfilment === 'merchant' && s.order.lines.length > 0)!;
    expect(stored, 'the seed has an Unshipped MFN order').toBeDefined();
    const orderId = stored.externalId;

    const first = await confirm(orderId, { tracking: '00340434161234567890' });
    expect(first).toMatchObject({ action: 'started', workflowId: shipmentConfirmWorkflowId(tenant, 'amazon', orderId) });
    expect(first.summary).toMatchObject({ outcome: 'confirmed', attempts: 1, confirmation: { carrier: { code: 'dhl' }, trackingNumber: '00340434161234567890', packageReference: '1' } });
    expect(first.summary!.confirmation.lines.reduce((n, l) => n + l.quantity, 0)).toBe(stored.order.lines.reduce((n, l) => n + l.quantity, 0));
    expect(h.sandbox.getOrder(orderId)!.order.OrderStatus).toBe('Shipped');
    expect(h.sandbox.stats().operations.confirmShipment.requests).toBe(1);
    expect(await getRun(h.db, { workflowId: first.workflowId, runId: first.runId })).toMatchObject({ status: 'completed', flow: 'shipment-confirm', updated: 1 });

    const sync = await h.sync(tenant);
    expect(sync.totals.updated).toBeGreaterThanOrEqual(1);
    expect((await getOrder(h.db, tenant, 'amazon', orderId))?.status).toBe('shipped');

    const again = await confirm(orderId, { tracking: '00340434161234567890' });
    expect(again).toMatchObject({ action: 'already-confirmed', runId: first.runId });
    expect(h.sandbox.stats().operations.confirmShipment.requests).toBe(1);

    await expect(confirm(orderId, { tracking: '999' })).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('is confirmed already') });
    expect(h.sandbox.stats().operations.confirmShipment.requests).toBe(1);

    const found = await eventually(async () => {
      const page = await h.client.workflow.list({ query: `CaravanTenant = "${tenant}" AND CaravanFlow = "shipment-confirm"` });
      const ids: string[] = [];
      for await (const w of page) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(found).toEqual([first.workflowId]);
  });

  it('a 503 from Amazon is retried by Temporal: the retry checks the order\'s items, sees nothing shipped, sends once more', async () => {
    const candidates = await listOrders(h.db, { tenant, channel: 'amazon', status: 'unshipped', limit: 500 });
    const stored = candidates.find((s) => s.order.fulfilment === 'merchant' && h.sandbox.getOrder(s.externalId)?.order.OrderStatus === 'Unshipped')!;
    const before = h.sandbox.stats().operations.confirmShipment;
    h.sandbox.injectFaults({ operation: 'confirmShipment', status: 503, count: 1 });
    const r = await confirm(stored.externalId, { tracking: '1Z999AA10123456784', carrier: 'ups', service: 'UPS Standard' });
    expect(r.summary).toMatchObject({ outcome: 'confirmed', attempts: 2 });
    const after = h.sandbox.stats().operations.confirmShipment;
    expect([after.requests - before.requests, after.injectedFaults - before.injectedFaults]).toEqual([2, 1]);
    expect(h.sandbox.getOrder(stored.externalId)!.order.OrderStatus).toBe('Shipped');
  });

  it('refuses an FBA order before calling Amazon: the run fails with the reason, not retried', async () => {
    const fba = (await listOrders(h.db, { tenant, channel: 'amazon', limit: 500 })).find((s) => s.order.fulfilment === 'marketplace')!;
    expect(fba, 'the seed has FBA orders').toBeDefined();
    const before = h.sandbox.stats().operations.confirmShipment.requests;
    await expect(confirm(fba.externalId, { tracking: '1Z999' })).rejects.toMatchObject({ exitCode: 1, message: expect.stringContaining('the marketplace fulfils this order itself') });
    expect(h.sandbox.stats().operations.confirmShipment.requests).toBe(before);
  });
});
