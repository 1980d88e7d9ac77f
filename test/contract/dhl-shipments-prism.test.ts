/**
 * Contract test: the DHL connector's shipping requests (rates, products, create shipment with
 * customs declaration and paperless trade, tracking by number and by reference, pickups and
 * their cancellation) checked against DHL's own MyDHL API description. Prism mocks it with
 * --errors: a request that breaks the description (body, query, headers, security) is
 * answered 4xx with `sl-violations` located in the request; a recording proxy keeps them.
 * Prism serves the copy without fractional `multipleOf` (those numbers are checked exactly), and
 * since Prism 5 skips the POST /shipments body, every body sent is also checked against the
 * official schema with ajv (mydhl-prism-kit.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCreateShipmentRequest } from '../../connectors/dhl/operations/shipping.js';
import { createDhlClient, type DhlClient, type DhlCreateShipmentRequest, type DhlImageUploadRequest, type DhlPickupRequest, type DhlRateRequest } from '../../connectors/dhl/index.js';
import { PLT_REQUEST as PLT, SHIPMENT_REQUEST as SHIPMENT } from '../connectors/dhl/dhl-test-kit.js';
import { multipleOfViolations, MYDHL_OFFICIAL, schemaViolations, violationsOf, withoutFractionalMultipleOf } from '../connectors/dhl/mydhl-prism-kit.js';
import { shipmentToDhlRateRequest, shipmentToDhlShipmentRequest } from '../../mappings/dhl/shipment-request.js';
import { DDP_TO_US } from '../mappings/shipping/shipments.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const SHIPMENTS = new URL('../fixtures/dhl/shipments/', import.meta.url);
const json = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, SHIPMENTS), 'utf8')) as T;

/** The body createShipment sends (the request with the idempotency reference added), as built by the connector. */
function sentBody(request: DhlCreateShipmentRequest, idempotencyKey: string): unknown {
  const built = buildCreateShipmentRequest(request, idempotencyKey).body;
  return built !== undefined && 'json' in built ? built.json : undefined;
}
const SCHEMA = (name: string) => ({ $ref: `#/components/schemas/${name}` });

let workDir: string | undefined;
let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let exchanges: PrismExchange[] = [];
let client: DhlClient;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'caravan-dhl-ship-prism-'));
  const served = join(workDir, 'mydhl-express-api-3.1.1.prism.json');
  writeFileSync(served, JSON.stringify(withoutFractionalMultipleOf(MYDHL_OFFICIAL)));
  prism = await startPrism({ mode: 'mock', spec: served, startTimeoutMs: 60_000 });
  proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
  client = createDhlClient({
    tenant: 'contract',
    settings: { environment: 'test', endpoint: proxy.url, accountNumber: '123456789' },
    credentials: { username: 'contract-user', password: 'contract-secret' },
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}, 90_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop()]);
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  exchanges = [];
});

/** Runs a connector call; Prism's own example replies may break their response schema (a 500), which is not the request's fault. */
async function outcome(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return error;
  }
}

/** One exchange, no violation located in the request, and no 4xx. */
function expectRequestValid(path: string): void {
  expect(exchanges).toHaveLength(1);
  const e = exchanges[0]!;
  const request = violationsOf(e.violations).filter((v) => v.location[0] === 'request');
  expect({ url: e.url.split('?')[0], request }).toEqual({ url: path, request: [] });
  expect(e.status < 400 || e.status >= 500).toBe(true);
}

describe('MyDHL shipping requests against the official description (Prism --errors)', () => {
  it('POST /rates', async () => {
    const body = json<DhlRateRequest>('rates-request.spec-example.json');
    await outcome(() => client.rates(body));
    expectRequestValid('/rates');
    expect(schemaViolations(body, 'supermodelIoLogisticsExpressRateRequest')).toEqual([]);
    expect(multipleOfViolations(body, SCHEMA('supermodelIoLogisticsExpressRateRequest'))).toEqual([]);
  });

  it('GET /products', async () => {
    await outcome(() =>
      client.products({
        originCountryCode: 'DE', originCityName: 'Berlin', originPostalCode: '10115',
        destinationCountryCode: 'US', destinationCityName: 'New York', destinationPostalCode: '10001',
        weight: 1.5, length: 20, width: 15, height: 10, plannedShippingDate: '2026-03-02', isCustomsDeclarable: true, unitOfMeasurement: 'metric',
      }),
    );
    expectRequestValid('/products');
  });

  it('POST /shipments with the customs declaration and the idempotency reference', async () => {
    await outcome(() => client.createShipment(SHIPMENT, { idempotencyKey: 'caravan-order-1001' }));
    expectRequestValid('/shipments');
    expect(schemaViolations(sentBody(SHIPMENT, 'caravan-order-1001'), 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual([]);
    expect(multipleOfViolations(SHIPMENT, SCHEMA('supermodelIoLogisticsExpressCreateShipmentRequest'))).toEqual([]);
  });

  it('POST /shipments with paperless trade (WY and the invoice image)', async () => {
    await outcome(() => client.createShipment(PLT, { idempotencyKey: 'caravan-order-1002' }));
    expectRequestValid('/shipments');
    expect(schemaViolations(sentBody(PLT, 'caravan-order-1002'), 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual([]);
    expect(multipleOfViolations(PLT, SCHEMA('supermodelIoLogisticsExpressCreateShipmentRequest'))).toEqual([]);
  });

  it('POST /rates and POST /shipments as the fulfilment builds them from a canonical shipment (DDP, paperless trade)', async () => {
    const rates = shipmentToDhlRateRequest(DDP_TO_US, { accountNumber: '123456789', shipAt: '2026-03-16T10:00:00Z' });
    if (!rates.ok) throw rates.error;
    await outcome(() => client.rates(rates.value));
    expectRequestValid('/rates');
    exchanges = [];
    const built = shipmentToDhlShipmentRequest(DDP_TO_US, {
      accountNumber: '123456789', productCode: 'P', shipAt: '2026-03-16T10:00:00Z', invoice: { number: 'INV-302', date: '2026-03-16' }, paperlessTrade: true, commercialInvoicePdfBase64: 'JVBERi0xLjQK',
    });
    if (!built.ok) throw built.error;
    await outcome(() => client.createShipment(built.value, { idempotencyKey: 'amazon-eu/302-1111111' }));
    expectRequestValid('/shipments');
    expect(schemaViolations(sentBody(built.value, 'amazon-eu/302-1111111'), 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual([]);
    expect(multipleOfViolations(built.value, SCHEMA('supermodelIoLogisticsExpressCreateShipmentRequest'))).toEqual([]);
  });

  it('GET /shipments/{n}/tracking and GET /tracking by reference', async () => {
    await outcome(() => client.tracking('9356579890'));
    expectRequestValid('/shipments/9356579890/tracking');
    exchanges = [];
    await outcome(() => client.trackingByReference({ reference: 'caravan-order-1001', from: '2026-03-01', to: '2026-03-03' }));
    expectRequestValid('/tracking');
  });

  it('POST /pickups and DELETE /pickups/{dispatchConfirmationNumber}', async () => {
    const pickup = json<DhlPickupRequest>('pickup-request.spec-example.json');
    await outcome(() => client.createPickup(pickup));
    expectRequestValid('/pickups');
    expect(schemaViolations(pickup, 'supermodelIoLogisticsExpressPickupRequest')).toEqual([]);
    exchanges = [];
    await outcome(() => client.cancelPickup({ dispatchConfirmationNumber: 'PRG201220123456', requestorName: 'Caravan', reason: 'not needed' }));
    expectRequestValid('/pickups/PRG201220123456');
  });
});

describe('PATCH /shipments/{n}/upload-image: a contradictory description', () => {
  it('the body must carry shipmentTrackingNumber (required) which the schema does not declare: exactly that one complaint', async () => {
    const body = JSON.parse(readFileSync(new URL('../fixtures/dhl/carrier/mydhl/document__DocumentUploadRequest.json', import.meta.url), 'utf8')) as DhlImageUploadRequest;
    expect(schemaViolations(body, 'supermodelIoLogisticsExpressImageUploadRequest')).toEqual(["/ must NOT have additional properties 'shipmentTrackingNumber'"]);
    const { shipmentTrackingNumber: _n, ...without } = body;
    expect(schemaViolations(without, 'supermodelIoLogisticsExpressImageUploadRequest')).toEqual(["/ must have required property 'shipmentTrackingNumber'"]);
    await outcome(() => client.uploadImage(body));
    expect(exchanges).toHaveLength(1);
    const request = violationsOf(exchanges[0]!.violations).filter((v) => v.location[0] === 'request').map((v) => v.message);
    expect(request.every((m) => m.includes('shipmentTrackingNumber'))).toBe(true);
  });
});

describe('the contract check can fail', () => {
  it('the official schema refuses the line-item field DHL\'s own example adds, and a line without its origin', () => {
    const raw = json<DhlCreateShipmentRequest>('shipment-request.spec-example.json');
    expect(schemaViolations(raw, 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual([
      "/content/exportDeclaration/lineItems/0 must NOT have additional properties 'exportControlClassificationNumber'",
      "/content/exportDeclaration/lineItems/1 must NOT have additional properties 'exportControlClassificationNumber'",
    ]);
    const declaration = SHIPMENT.content.exportDeclaration!;
    const { manufacturerCountry: _m, ...line } = declaration.lineItems[0]!;
    const bad = { ...SHIPMENT, content: { ...SHIPMENT.content, exportDeclaration: { ...declaration, lineItems: [line] } } };
    expect(schemaViolations(bad, 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual(["/content/exportDeclaration/lineItems/0 must have required property 'manufacturerCountry'"]);
  });

  it('Prism refuses a rates body with an unknown field', async () => {
    const response = await fetch(`${proxy!.url}/rates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic Y29udHJhY3QtdXNlcjpjb250cmFjdC1zZWNyZXQ=', 'x-version': '3.1.0', 'message-reference': 'contract-1' },
      body: JSON.stringify({ ...json<DhlRateRequest>('rates-request.spec-example.json'), bogus: 1 }),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(400);
    expect(violationsOf(exchanges[0]?.violations).map((v) => v.message)).toEqual(["Request body must NOT have additional properties; found 'bogus'"]);
  });
});
