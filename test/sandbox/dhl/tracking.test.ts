import { afterEach, describe, expect, it } from 'vitest';
import { DHL_CUSTOMS_HOLD_HOURS, dhlWaybill, startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { advance, dutiableShipment, myDhl, testClock, unified, type TestClock } from './dhl-client.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(timeScale = 1): Promise<{ sb: DhlSandbox; clock: TestClock }> {
  const clock = testClock();
  sandbox = await startDhlSandbox({ clock: clock.now, timeScale, rateLimits: false });
  return { sb: sandbox, clock };
}

interface Event {
  date: string;
  time: string;
  typeCode: string;
  description: string;
  signedBy?: string;
  remarks?: { value: string }[];
}
interface Tracking {
  shipments: { shipmentTrackingNumber: string; status: string; events: Event[]; pieces?: { trackingNumber: string }[]; numberOfPieces: number }[];
}
interface UnifiedReply {
  shipments: {
    id: string;
    status: { statusCode: string; status: string; timestamp: string };
    events: { statusCode: string; status: string; timestamp: string }[];
    details: { proofOfDelivery?: { signed: { name: string } }; pieceIds: string[] };
  }[];
}

async function create(sb: DhlSandbox, reference: string): Promise<string> {
  const r = await myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment(reference) });
  if (r.status !== 201) throw new Error(`create failed with ${r.status}`);
  return r.body.shipmentTrackingNumber;
}

const codes = (t: Tracking): string[] => t.shipments[0]!.events.map((e) => e.typeCode);

describe('tracking', () => {
  it('advances through the Express checkpoints to delivered, with the signatory', async () => {
    const { sb } = await start();
    const waybill = await create(sb, 'TRACK-1');
    expect(waybill.endsWith('7')).toBe(false);
    const fresh = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.shipments[0]).toMatchObject({ shipmentTrackingNumber: waybill, status: 'Success', events: [] });

    await advance(sb.url, 6 * 3600);
    const departed = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`);
    expect(codes(departed.body)).toEqual(['PU', 'PL', 'DF']);
    expect(departed.body.shipments[0]!.events[0]).toEqual({ date: '2026-03-16', time: '11:00:00', typeCode: 'PU', description: 'Shipment picked up', serviceArea: [{ code: 'LEI', description: 'LEIPZIG-DE' }] });
    expect(departed.body.shipments[0]!.events[1]!.description).toBe('Processed at- LEIPZIG-DE');

    await advance(sb.url, 26 * 3600);
    const delivered = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`, { query: { levelOfDetail: 'all' } });
    expect(codes(delivered.body)).toEqual(['PU', 'PL', 'DF', 'AF', 'IC', 'CR', 'AR', 'WC', 'OK']);
    const last = delivered.body.shipments[0]!.events.at(-1)!;
    expect(last).toMatchObject({ typeCode: 'OK', description: 'Delivered : Sam Receiver', signedBy: 'Sam Receiver', date: '2026-03-17', time: '17:00:00' });
    expect(delivered.body.shipments[0]!.pieces?.[0]?.trackingNumber).toBe(`JD0146${waybill}0001`);

    const lastOnly = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`, { query: { trackingView: 'last-checkpoint' } });
    expect(codes(lastOnly.body)).toEqual(['OK']);
  });

  it('shows the same progress through Shipment Tracking – Unified, newest first, with proof of delivery', async () => {
    const { sb } = await start();
    const waybill = await create(sb, 'TRACK-2');
    const pre = await unified<UnifiedReply>(sb.url, waybill);
    expect(pre.status).toBe(200);
    expect(pre.body.shipments[0]!.status).toMatchObject({ statusCode: 'pre-transit' });
    await advance(sb.url, 40 * 3600);
    const done = await unified<UnifiedReply>(sb.url, waybill);
    const shipment = done.body.shipments[0]!;
    expect(shipment.id).toBe(waybill);
    expect(shipment.status).toMatchObject({ statusCode: 'delivered', status: 'Delivered', timestamp: '2026-03-17T17:00:00Z' });
    expect(shipment.events.map((e) => e.statusCode)[0]).toBe('delivered');
    expect(shipment.events.at(-1)!.status).toBe('Shipment picked up');
    expect(shipment.details.proofOfDelivery?.signed.name).toBe('Sam Receiver');
    expect(shipment.details.pieceIds).toEqual([`JD0146${waybill}0001`]);
  });

  it('holds a waybill ending in 7 at customs (OH) for ten days: a stalled parcel', async () => {
    const { sb } = await start();
    // The waybill sequence is fixed by the seed: find the first one ending in 7.
    const stalledAt = Array.from({ length: 10 }, (_, n) => dhlWaybill(42, n)).findIndex((w) => w.endsWith('7'));
    expect(stalledAt).toBeGreaterThanOrEqual(0);
    let waybill = '';
    for (let n = 0; n <= stalledAt; n++) waybill = await create(sb, `STALL-${n}`);
    expect(waybill.endsWith('7')).toBe(true);

    await advance(sb.url, 5 * 24 * 3600);
    const held = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`);
    expect(codes(held.body)).toEqual(['PU', 'PL', 'DF', 'AF', 'IC', 'OH']);
    expect(held.body.shipments[0]!.events.at(-1)!.remarks?.[0]?.value).toBe('Customs clearance delay.');
    const heldUnified = await unified<UnifiedReply>(sb.url, waybill);
    expect(heldUnified.body.shipments[0]!.status.statusCode).toBe('failure');

    await advance(sb.url, DHL_CUSTOMS_HOLD_HOURS * 3600);
    const released = await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`);
    expect(codes(released.body)).toEqual(['PU', 'PL', 'DF', 'AF', 'IC', 'OH', 'CR', 'AR', 'WC', 'OK']);
  });

  it('runs faster with timeScale', async () => {
    const { sb, clock } = await start(3600);
    const waybill = await create(sb, 'FAST-1');
    clock.advanceSeconds(6); // six sandbox hours
    expect(codes((await myDhl<Tracking>(sb.url, 'GET', `/shipments/${waybill}/tracking`)).body)).toEqual(['PU', 'PL', 'DF']);
  });

  it('answers unknown numbers with each API’s own not-found reply, and a bad trackingView with 400', async () => {
    const { sb } = await start();
    const mydhl = await myDhl(sb.url, 'GET', '/shipments/1234567890/tracking');
    expect(mydhl.status).toBe(404);
    expect(mydhl.body).toEqual({ instance: '/expressapi/shipments/1234567890/tracking', detail: 'No data found', title: 'Not data found', message: 'Not data found', status: '404' });
    const u = await unified(sb.url, '1234567890');
    expect(u.status).toBe(404);
    expect(u.body).toMatchObject({ title: 'No result found', detail: 'No shipment with given tracking number found.', status: 404 });
    const bad = await myDhl(sb.url, 'GET', '/shipments/1234567890/tracking', { query: { trackingView: 'everything' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^Parameters not having correct format: trackingView/);
  });

  it('refuses a bad advance and reports the clock in stats', async () => {
    const { sb } = await start();
    const bad = await fetch(`${sb.url}/_sandbox/advance`, { method: 'POST', body: JSON.stringify({ seconds: -1 }) });
    expect(bad.status).toBe(400);
    await advance(sb.url, 90);
    expect(sb.stats()).toMatchObject({ now: '2026-03-16T09:01:30.000Z', advancedSeconds: 90 });
  });
});
