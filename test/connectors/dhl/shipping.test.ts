import { readFileSync } from 'node:fs';
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  createDhlUnifiedTrackingClient,
  type DhlCreateShipmentRequest,
  type DhlImageUploadRequest,
  type DhlPickupRequest,
  type DhlRateRequest,
} from '../../../connectors/dhl/index.js';
import { answer, EXPECTED_AUTHORIZATION, isolateNetworkPerTest, makeKit, PLT_REQUEST, rejection, SHIPMENT_REQUEST, TEST_BASE, TEST_PATH_PREFIX, type SeenRequest } from './dhl-test-kit.js';

isolateNetworkPerTest();

const SHIPMENTS = new URL('../../fixtures/dhl/shipments/', import.meta.url);
const CARRIER = new URL('../../fixtures/dhl/carrier/', import.meta.url);
const json = <T = Record<string, unknown>>(base: URL, name: string): T => JSON.parse(readFileSync(new URL(name, base), 'utf8')) as T;


function expectMyDhlHeaders(seen: SeenRequest, messageReference: string): void {
  expect(seen.headers['authorization']).toBe(EXPECTED_AUTHORIZATION);
  expect(seen.headers['x-version']).toBe('3.1.0');
  expect(seen.headers['message-reference']).toBe(messageReference);
  expect(seen.headers['message-reference-date']).toBe('Sun, 01 Mar 2026 00:00:00 GMT');
}

describe('rates and products', () => {
  it('POSTs the rate request to /rates and reads the products with their prices', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/rates`).reply(answer(seen, 200, json(SHIPMENTS, 'rates-response-200.spec-example.json'), { 'invocation-id': 'inv-1' }));
    const { client } = makeKit();
    const body = json<DhlRateRequest>(SHIPMENTS, 'rates-request.spec-example.json');

    const result = await client.rates(body);

    expect(seen).toHaveLength(1);
    expectMyDhlHeaders(seen[0]!, 'caravan-ref-1');
    expect(seen[0]!.body).toEqual(body);
    expect(result.invocationId).toBe('inv-1');
    expect(result.response.products.length).toBeGreaterThan(0);
    expect(result.response.products[0]?.productCode).toBe('P');
  });

  it('reads the rates reply karrio recorded and types its 400 problem reply', async () => {
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/rates`).reply(200, readFileSync(new URL('mydhl/rate__RateResponse.json', CARRIER), 'utf8'), { 'content-type': 'application/json' });
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/rates`).reply(400, readFileSync(new URL('mydhl/rate__ErrorResponse.json', CARRIER), 'utf8'), { 'content-type': 'application/problem+json' });
    const { client } = makeKit();
    const body = json<DhlRateRequest>(SHIPMENTS, 'rates-request.spec-example.json');

    expect((await client.rates(body)).response.products.length).toBeGreaterThan(0);
    const failure = await rejection(client.rates(body));
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('Invalid postal code provided');
  });

  it('asks GET /products with the lane in the query and the connection account', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).get(`${TEST_PATH_PREFIX}/products`).query(true).reply(answer(seen, 200, { products: [{ productName: 'EXPRESS WORLDWIDE', productCode: 'P', localProductCode: 'P', isCustomerAgreement: false }] }));
    const { client } = makeKit();

    const result = await client.products({
      originCountryCode: 'DE', originCityName: 'Berlin', originPostalCode: '10115',
      destinationCountryCode: 'US', destinationCityName: 'New York', destinationPostalCode: '10001',
      weight: 1.5, length: 20, width: 15, height: 10, plannedShippingDate: '2026-03-02', isCustomsDeclarable: true, unitOfMeasurement: 'metric',
    });

    expect(seen[0]!.path).toBe(
      '/mydhlapi/test/products?accountNumber=123456789&originCountryCode=DE&originPostalCode=10115&originCityName=Berlin&destinationCountryCode=US&destinationPostalCode=10001&destinationCityName=New%20York&weight=1.5&length=20&width=15&height=10&plannedShippingDate=2026-03-02&isCustomsDeclarable=true&unitOfMeasurement=metric',
    );
    expect(result.response.products[0]?.productCode).toBe('P');
  });

  it('refuses a products query with four-decimal weight before sending', async () => {
    const { client } = makeKit();
    const failure = await rejection(
      client.products({ originCountryCode: 'DE', originCityName: 'Berlin', destinationCountryCode: 'US', destinationCityName: 'NYC', weight: 1.0005, length: 1, width: 1, height: 1, plannedShippingDate: '2026-03-02', isCustomsDeclarable: true, unitOfMeasurement: 'metric' }),
    );
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('weight');
  });
});

describe('createShipment', () => {
  it('POSTs the shipment with its customs declaration, adds the idempotency reference and keeps the label base64', async () => {
    const seen: SeenRequest[] = [];
    const reply = json(SHIPMENTS, 'shipment-response-201.spec-example.json');
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/shipments`).reply(answer(seen, 201, reply, { location: '/shipments/123456790', 'invocation-id': 'inv-9' }));
    const { client, logs } = makeKit();

    const result = await client.createShipment(SHIPMENT_REQUEST, { idempotencyKey: 'caravan-order-1001' });

    expectMyDhlHeaders(seen[0]!, 'caravan-ref-1');
    const sent = seen[0]!.body as DhlCreateShipmentRequest;
    expect(sent.customerReferences).toEqual([{ value: 'caravan-order-1001', typeCode: 'CU' }]);
    expect({ ...sent, customerReferences: undefined }).toEqual({ ...SHIPMENT_REQUEST, customerReferences: undefined });
    const line = sent.content.exportDeclaration?.lineItems[0];
    expect(line?.commodityCodes).toEqual([{ typeCode: 'outbound', value: '84713000' }, { typeCode: 'inbound', value: '5109101110' }]);
    expect(line?.manufacturerCountry).toBe('US');
    expect(sent.content.exportDeclaration?.invoice?.number).toBeDefined();
    expect(sent.content.incoterm).toBe('DAP');

    expect(result.response.shipmentTrackingNumber).toBe('1103733901');
    const label = result.response.documents?.find((d) => d.typeCode === 'label');
    expect(label?.content?.length).toBeGreaterThan(1000);
    expect(result.invocationId).toBe('inv-9');
    // The label never reaches the logs.
    expect(logs.text()).not.toContain(label!.content!.slice(0, 40));
  });

  it('keeps a reference already in the request once', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/shipments`).reply(answer(seen, 201, json(SHIPMENTS, 'shipment-response-201.spec-example.json')));
    const { client } = makeKit();
    await client.createShipment({ ...SHIPMENT_REQUEST, customerReferences: [{ value: 'order-7', typeCode: 'CU' }] }, { idempotencyKey: 'order-7' });
    expect((seen[0]!.body as DhlCreateShipmentRequest).customerReferences).toEqual([{ value: 'order-7', typeCode: 'CU' }]);
  });

  it('sends paperless trade: the WY service and the commercial invoice as documentImages', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/shipments`).reply(answer(seen, 201, json(SHIPMENTS, 'shipment-response-201.spec-example.json')));
    const { client } = makeKit();
    await client.createShipment(PLT_REQUEST, { idempotencyKey: 'order-plt' });
    const sent = seen[0]!.body as DhlCreateShipmentRequest;
    expect(sent.valueAddedServices?.map((v) => v.serviceCode)).toContain('WY');
    expect(sent.documentImages).toEqual(PLT_REQUEST.documentImages);
    expect(sent.documentImages?.[0]?.imageFormat).toBe('PDF');
  });

  it('is never resent after a 5xx: a second POST could buy a second label', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE)
      .post(`${TEST_PATH_PREFIX}/shipments`)
      .times(3)
      .reply(answer(seen, 500, { instance: '/expressapi/shipments', detail: '999: Process failure occurred', title: 'Process failure', status: '500' }));
    const { client } = makeKit();
    const failure = await rejection(client.createShipment(SHIPMENT_REQUEST, { idempotencyKey: 'order-1' }));
    expect(seen).toHaveLength(1);
    expect(failure.kind).toBe('transient');
    expect(failure.vendorCode).toBe('999');
  });

  it('reads the create-shipment reply with a numeric tracking number (karrio recording)', async () => {
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/shipments`).reply(201, readFileSync(new URL('mydhl/shipment__ShipmentResponse.json', CARRIER), 'utf8'), { 'content-type': 'application/json' });
    const { client } = makeKit();
    const result = await client.createShipment(SHIPMENT_REQUEST, { idempotencyKey: 'order-2' });
    expect(result.response.shipmentTrackingNumber).toBe('9356579890');
  });

  it('refuses a declaration line without its origin, naming the field, and sends nothing', async () => {
    const { client } = makeKit();
    const declaration = SHIPMENT_REQUEST.content.exportDeclaration!;
    const { manufacturerCountry: _m, ...line } = declaration.lineItems[0]!;
    const bad = { ...SHIPMENT_REQUEST, content: { ...SHIPMENT_REQUEST.content, exportDeclaration: { ...declaration, lineItems: [line] } } };
    const failure = await rejection(client.createShipment(bad as DhlCreateShipmentRequest, { idempotencyKey: 'order-3' }));
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('content.exportDeclaration.lineItems[0].manufacturerCountry');
  });

  it('refuses an idempotency reference longer than a DHL customer reference', async () => {
    const { client } = makeKit();
    const failure = await rejection(client.createShipment(SHIPMENT_REQUEST, { idempotencyKey: 'x'.repeat(36) }));
    expect(failure.message).toContain('1 to 35 characters');
  });
});

describe('tracking', () => {
  it('GETs /shipments/{n}/tracking with all checkpoints and per-event offsets, and reads the description example', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).get(/\/mydhlapi\/test\/shipments\/9356579890\/tracking/).reply(answer(seen, 200, json(SHIPMENTS, 'tracking-response-200.spec-example.json')));
    const { client } = makeKit();
    const result = await client.tracking('9356579890');
    expect(seen[0]!.path).toBe('/mydhlapi/test/shipments/9356579890/tracking?trackingView=all-checkpoints&levelOfDetail=shipment&requestGMTOffsetPerEvent=true');
    expectMyDhlHeaders(seen[0]!, 'caravan-ref-1');
    expect(result.response.shipments[0]?.events?.length).toBeGreaterThan(0);
  });

  it('reads the tracking reply karrio recorded (events without GMT offsets)', async () => {
    nock(TEST_BASE).get(/tracking/).reply(200, readFileSync(new URL('mydhl/tracking__TrackingResponse.json', CARRIER), 'utf8'), { 'content-type': 'application/json' });
    const { client } = makeKit();
    const result = await client.tracking('9356579890');
    expect(result.response.shipments[0]?.shipmentTrackingNumber).toBe('9356579890');
  });

  it('an unknown number answers 404: not_found; a malformed one is refused before sending', async () => {
    nock(TEST_BASE).get(/tracking/).reply(404, { instance: '/expressapi/shipments/1234567890/tracking', detail: 'No Shipment found', title: 'Not Found', status: '404' }, { 'content-type': 'application/problem+json' });
    const { client } = makeKit();
    expect((await rejection(client.tracking('1234567890'))).kind).toBe('not_found');
    expect((await rejection(client.tracking('12/34'))).kind).toBe('validation');
  });

  it('looks a shipment up by the reference createShipment sent', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).get(/\/mydhlapi\/test\/tracking/).reply(answer(seen, 200, json(SHIPMENTS, 'tracking-response-200.spec-example.json')));
    const { client } = makeKit();
    await client.trackingByReference({ reference: 'caravan-order-1001', from: '2026-03-01', to: '2026-03-03' });
    expect(seen[0]!.path).toBe(
      '/mydhlapi/test/tracking?shipmentReference=caravan-order-1001&shipmentReferenceType=CU&shipperAccountNumber=123456789&dateRangeFrom=2026-03-01&dateRangeTo=2026-03-03&trackingView=shipment-details-only&levelOfDetail=shipment',
    );
  });

  it('a 429 carries the Retry-After wait', async () => {
    nock(TEST_BASE).get(/tracking/).reply(429, { status: 429, title: 'Too Many Requests', detail: 'Too many requests within defined time period, please try again later.' }, { 'content-type': 'application/problem+json', 'retry-after': '30' });
    const { client } = makeKit();
    const failure = await rejection(client.tracking('9356579890'));
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAfterMs).toBe(30_000);
  });
});

describe('paperless trade after the shipment', () => {
  it('PATCHes the images to /shipments/{n}/upload-image with the waybill in the path and the body', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).patch(`${TEST_PATH_PREFIX}/shipments/1234567890/upload-image`).reply(answer(seen, 200, ''));
    const { client } = makeKit();
    const body = json<DhlImageUploadRequest>(CARRIER, 'mydhl/document__DocumentUploadRequest.json');
    await client.uploadImage(body);
    expect(seen[0]!.method).toBe('PATCH');
    expect(seen[0]!.body).toEqual(body);
    expectMyDhlHeaders(seen[0]!, 'caravan-ref-1');
  });

  it('refuses an image upload without a planned shipping date in YYYY-MM-DD', async () => {
    const { client } = makeKit();
    const body = json<DhlImageUploadRequest>(CARRIER, 'mydhl/document__DocumentUploadRequest.json');
    const failure = await rejection(client.uploadImage({ ...body, originalPlannedShippingDate: '15/01/2024' }));
    expect(failure.message).toContain('originalPlannedShippingDate');
  });
});

describe('pickups', () => {
  it('books a pickup (never resent) and cancels it by its dispatch confirmation number', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/pickups`).reply(answer(seen, 201, json(SHIPMENTS, 'pickup-response-201.spec-example.json')));
    nock(TEST_BASE).delete(/\/mydhlapi\/test\/pickups\/PRG221222000062/).reply(answer(seen, 200, readFileSync(new URL('mydhl/pickup__PickupCancelResponse.json', CARRIER), 'utf8')));
    const { client } = makeKit();
    const body = json<DhlPickupRequest>(SHIPMENTS, 'pickup-request.spec-example.json');

    const booked = await client.createPickup(body);
    expect(seen[0]!.body).toEqual(body);
    const number = booked.response.dispatchConfirmationNumbers[0]!;
    expect(number).toBe('PRG221222000062');
    await client.cancelPickup({ dispatchConfirmationNumber: number, requestorName: 'Caravan', reason: 'not needed' });
    expect(seen[1]!.method).toBe('DELETE');
    expect(seen[1]!.path).toBe('/mydhlapi/test/pickups/PRG221222000062?requestorName=Caravan&reason=not%20needed');
    expectMyDhlHeaders(seen[1]!, 'caravan-ref-2');
  });

  it('a pickup refused by DHL is a typed validation error', async () => {
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/pickups`).reply(400, readFileSync(new URL('mydhl/pickup__ErrorResponse.json', CARRIER), 'utf8'), { 'content-type': 'application/problem+json' });
    const { client } = makeKit();
    expect((await rejection(client.createPickup(json<DhlPickupRequest>(SHIPMENTS, 'pickup-request.spec-example.json')))).kind).toBe('validation');
  });
});

describe('Unified Shipment Tracking', () => {
  const make = () =>
    createDhlUnifiedTrackingClient({
      tenant: 'acme',
      settings: { environment: 'production' },
      credentials: { apiKey: 'unified-key-Zq7' },
      logger: pino({ level: 'silent' }),
      retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });

  it('GETs api-eu.dhl.com/track/shipments with the DHL-API-Key header and reads the reply', async () => {
    const seen: SeenRequest[] = [];
    nock('https://api-eu.dhl.com').get(/\/track\/shipments/).reply(answer(seen, 200, readFileSync(new URL('unified/tracking__TrackingResponseJSON.json', CARRIER), 'utf8')));
    const result = await make().trackShipments({ trackingNumber: '00340434292135100186', service: 'express' });
    expect(seen[0]!.path).toBe('/track/shipments?trackingNumber=00340434292135100186&service=express');
    expect(seen[0]!.headers['dhl-api-key']).toBe('unified-key-Zq7');
    expect(seen[0]!.headers['authorization']).toBeUndefined();
    expect(result.shipments.length).toBeGreaterThan(0);
  });

  it('an unknown number answers a 404 problem detail: not_found', async () => {
    nock('https://api-eu.dhl.com')
      .get(/\/track\/shipments/)
      .reply(404, { type: 'https://api.dhl.com/problems/not-found', title: 'No result found', status: 404, detail: 'No shipment with given tracking number found.' }, { 'content-type': 'application/problem+json' });
    expect((await rejection(make().trackShipments({ trackingNumber: '1' }))).kind).toBe('not_found');
  });
});
