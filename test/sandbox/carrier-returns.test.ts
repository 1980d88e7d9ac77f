/**
 * The refused-and-returned parcels of the carrier stand-ins: a dutiable DHL Express waybill
 * ending in 3 is refused at the door (RD) and returned to the consignor (RT); a dutiable FedEx
 * master tracking number ending in 3 meets a delivery exception "Customer refused delivery"
 * (DE) and is returned to the shipper (RS). Codes as in the official DHL status table and
 * FedEx's scan event codes; their canonical statuses come from mappings/dhl and mappings/fedex.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dhlExpressStatus } from '../../mappings/dhl/index.js';
import { fedexCodeStatus } from '../../mappings/fedex/index.js';
import { dhlWaybill, startDhlSandbox, type DhlSandbox } from '../../sandbox/dhl/index.js';
import { fedexTrackingNumber, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';
import { advance, dutiableShipment, myDhl, testClock, unified } from './dhl/dhl-client.js';
import { fedex, shipRequest, token } from './fedex/fedex-client.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

interface MyDhlReply {
  shipments: { events: { typeCode: string; description: string; remarks?: { value: string }[] }[] }[];
}
interface FedexReply {
  output: { completeTrackResults: { trackResults: { latestStatusDetail?: { code: string }; scanEvents?: { eventType: string; exceptionDescription?: string }[] }[] }[] };
}

describe('refused and returned parcels', () => {
  it('DHL Express: a waybill ending in 3 is refused at the door (RD) and returned to the consignor (RT)', async () => {
    const clock = testClock();
    const sb: DhlSandbox = await startDhlSandbox({ clock: clock.now, rateLimits: false });
    closers.push(() => sb.close());
    const at = Array.from({ length: 20 }, (_, n) => dhlWaybill(42, n)).findIndex((w) => w.endsWith('3'));
    let waybill = '';
    for (let n = 0; n <= at; n++) waybill = (await myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment(`RET-${n}`) })).body.shipmentTrackingNumber;
    expect(waybill.endsWith('3')).toBe(true);
    const codes = async () => (await myDhl<MyDhlReply>(sb.url, 'GET', `/shipments/${waybill}/tracking`)).body.shipments[0]!.events;

    await advance(sb.url, 30 * 3600);
    const refused = await codes();
    expect(refused.map((e) => e.typeCode)).toEqual(['PU', 'PL', 'DF', 'AF', 'IC', 'CR', 'AR', 'WC', 'RD']);
    expect(refused.at(-1)!.remarks?.[0]?.value).toBe('Consignee refused delivery.');
    expect(dhlExpressStatus('RD')).toBe('exception');
    expect((await unified<{ shipments: { status: { statusCode: string } }[] }>(sb.url, waybill)).body.shipments[0]!.status.statusCode).toBe('failure');

    await advance(sb.url, 3 * 24 * 3600);
    const returned = await codes();
    expect(returned.at(-1)).toMatchObject({ typeCode: 'RT', description: 'Returned to shipper - LEIPZIG-DE' });
    expect(dhlExpressStatus('RT')).toBe('returned');
    // Never delivered.
    expect(returned.some((e) => e.typeCode === 'OK')).toBe(false);
  });

  it('FedEx: a number ending in 3 meets "Customer refused delivery" (DE) and is returned to the shipper (RS)', async () => {
    const clock = testClock();
    const sb: FedexSandbox = await startFedexSandbox({ clock: clock.now });
    closers.push(() => sb.close());
    const t = await token(sb.url);
    const at = Array.from({ length: 20 }, (_, n) => fedexTrackingNumber(42, n)).findIndex((w) => w.endsWith('3'));
    let number = '';
    for (let n = 0; n <= at; n++) number = (await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest(`RET-F${n}`))).body.output.transactionShipments[0]!.masterTrackingNumber;
    expect(number.endsWith('3')).toBe(true);
    const track = async () =>
      (await fedex<FedexReply>(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: number } }] })).body.output.completeTrackResults[0]!.trackResults[0]!;

    await advance(sb.url, 31 * 3600);
    const refused = await track();
    expect(refused.scanEvents!.map((e) => e.eventType).reverse()).toEqual(['OC', 'PU', 'AR', 'DP', 'IT', 'AR', 'CC', 'OD', 'DE']);
    expect(refused.scanEvents![0]!.exceptionDescription).toBe('Customer refused delivery');
    expect(fedexCodeStatus('DE')).toBe('exception');

    await advance(sb.url, 4 * 3600);
    const returned = await track();
    expect(returned.latestStatusDetail?.code).toBe('RS');
    expect(fedexCodeStatus('RS')).toBe('returned');
  });
});
