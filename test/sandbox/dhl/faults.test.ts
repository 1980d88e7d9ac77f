import { afterEach, describe, expect, it } from 'vitest';
import { startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { dutiableShipment, myDhl, testClock, unified } from './dhl-client.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<DhlSandbox> {
  sandbox = await startDhlSandbox({ clock: testClock().now, rateLimits: false });
  return sandbox;
}

describe('injected faults', () => {
  it('a label bought but its reply lost (503 after commit): the retry with the same reference gets the same shipment, one label', async () => {
    const sb = await start();
    sb.injectFaults({ operation: 'createShipment', status: 503, count: 1, afterCommit: true });
    const lost = await myDhl(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-LOST') });
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ title: 'Service Unavailable', status: '503' });
    expect(sb.stats().shipments).toBe(1);
    const retry = await myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-LOST') });
    expect(retry.status).toBe(201);
    expect(sb.stats()).toMatchObject({ shipments: 1, requestsByReference: { 'ORDER-LOST': 2 }, labelsByReference: { 'ORDER-LOST': 1 }, injectedFaults: 1, pendingFaults: [] });
  });

  it('a 500 before any work, through the admin API, for the named operation only', async () => {
    const sb = await start();
    const admin = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ operation: 'createShipment', status: 500, count: 2 }) });
    expect(admin.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await myDhl(sb.url, 'POST', '/shipments', { body: dutiableShipment(`F-${i}`) })).status);
    expect(statuses).toEqual([500, 500, 201]);
    expect(sb.stats().shipments).toBe(1);
    const bad = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ operation: 'createShipment', status: 404, count: 1 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'status must be 500 or 503' });
  });

  it('shipmentReplyDelayMs: the label exists (stats count it) while its reply is still held back', async () => {
    sandbox = await startDhlSandbox({ clock: testClock().now, rateLimits: false, shipmentReplyDelayMs: 400 });
    const sb = sandbox;
    const t0 = Date.now();
    const pending = myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-HELD') });
    while (sb.stats().labelsByReference['ORDER-HELD'] === undefined) await new Promise((r) => setTimeout(r, 10));
    const boughtAfter = Date.now() - t0;
    const held = await pending;
    expect(held.status).toBe(201);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    expect(boughtAfter).toBeLessThan(400);
    // A repeat of the reference answers the stored label at once, without a second one.
    const t1 = Date.now();
    expect((await myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-HELD') })).body.shipmentTrackingNumber).toBe(held.body.shipmentTrackingNumber);
    expect(Date.now() - t1).toBeLessThan(400);
    expect(sb.stats().labelsByReference).toEqual({ 'ORDER-HELD': 1 });
    await expect(startDhlSandbox({ shipmentReplyDelayMs: -1 })).rejects.toThrow('shipmentReplyDelayMs must be a non-negative integer');
  });

  it('Unified tracking answers its own problem detail', async () => {
    const sb = await start();
    sb.injectFaults({ operation: 'unifiedTracking', status: 503, count: 1 });
    const r = await unified(sb.url, '1234567890');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ title: 'Service Unavailable', status: 503 });
    expect((await unified(sb.url, '1234567890')).status).toBe(404);
  });
});
