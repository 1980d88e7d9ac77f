/** The `carrier` capability of the FedEx and DHL Express descriptors, through the registry. */
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability, vendorsWith } from '../../../connectors/registry.js';
import { answer, CREDENTIALS, fixtureText, isolateNetworkPerTest, rejection, SANDBOX, SHIP_REQUEST, tokenEndpoint, type SeenRequest } from './fedex-test-kit.js';

isolateNetworkPerTest();

const connect = (vendor: string, settings: unknown, credentials: unknown) =>
  connectorFor(vendor).connect({ tenant: 'acme', settings, credentials, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });

const DHL_TEST = 'https://express.api.dhl.com';

describe('carrier capability', () => {
  it('DHL Express and FedEx offer it', () => {
    expect(vendorsWith('carrier')).toEqual(['dhl', 'fedex']);
    expect(connectorFor('fedex').secrets).toEqual([
      ['clientId', 'clientSecret'],
      ['clientId', 'clientSecret', 'trackingClientId', 'trackingClientSecret'],
    ]);
  });

  it('FedEx: createShipment sends the idempotency key; cancel voids the shipment; a pickup cancellation is refused', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/ship/v1/shipments').reply(answer(seen, 200, fixtureText('samples/shipment__ShipmentResponse.json')));
    nock(SANDBOX).put('/ship/v1/shipments/cancel').reply(answer(seen, 200, fixtureText('samples/shipment__ShipmentCancelResponse.json')));
    const carrier = requireCapability(connect('fedex', { environment: 'sandbox', accountNumber: '740561073' }, { ...CREDENTIALS }), 'carrier', 'fedex-main');

    expect(carrier.cancels).toEqual(['shipment']);
    const reply = (await carrier.createShipment(SHIP_REQUEST, { idempotencyKey: 'order-77' })) as { output: { transactionShipments: unknown[] } };
    expect(reply.output.transactionShipments.length).toBeGreaterThan(0);
    expect(seen[0]!.headers['x-customer-transaction-id']).toBe('order-77');
    await carrier.cancelShipment({ kind: 'shipment', trackingNumber: '794953555571' });
    expect(seen[1]!.method).toBe('PUT');
    const refused = await rejection(carrier.cancelShipment({ kind: 'pickup', dispatchConfirmationNumber: 'X', requestorName: 'a', reason: 'b' }));
    expect(refused.kind).toBe('validation');
  });

  it('DHL: tracking several waybills merges the replies; cancelling a shipment is refused, its pickup is cancelled', async () => {
    const seen: SeenRequest[] = [];
    const one = (n: string) => ({ shipments: [{ shipmentTrackingNumber: n, status: 'Success', events: [] }] });
    nock(DHL_TEST).get(/\/mydhlapi\/test\/shipments\/1234567890\/tracking/).reply(answer(seen, 200, one('1234567890')));
    nock(DHL_TEST).get(/\/mydhlapi\/test\/shipments\/9356579890\/tracking/).reply(answer(seen, 200, one('9356579890')));
    nock(DHL_TEST).delete(/\/mydhlapi\/test\/pickups\/PRG1/).reply(answer(seen, 200, ''));
    const carrier = requireCapability(connect('dhl', { environment: 'test', accountNumber: '123456789' }, { username: 'u', password: 'p' }), 'carrier', 'dhl-main');

    expect(carrier.cancels).toEqual(['pickup']);
    const reply = (await carrier.trackingEvents(['1234567890', '9356579890'])) as { shipments: { shipmentTrackingNumber: string }[] };
    expect(reply.shipments.map((s) => s.shipmentTrackingNumber)).toEqual(['1234567890', '9356579890']);
    const refused = await rejection(carrier.cancelShipment({ kind: 'shipment', trackingNumber: '1234567890' }));
    expect(refused.message).toContain('MyDHL cannot void a shipment');
    await carrier.cancelShipment({ kind: 'pickup', dispatchConfirmationNumber: 'PRG1', requestorName: 'Caravan', reason: 'order cancelled' });
    expect(seen[2]!.method).toBe('DELETE');
  });
});
