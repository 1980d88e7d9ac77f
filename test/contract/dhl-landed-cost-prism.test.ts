/**
 * Contract test: the DHL connector's landed-cost requests checked against DHL's own MyDHL API
 * description (test/fixtures/dhl/openapi/mydhl-express-api-3.1.1.yaml). Stoplight Prism mocks it
 * with --errors, so a request that breaks the description (body, headers, security) is answered
 * 4xx with an `sl-violations` header; a recording proxy keeps every status and violation.
 *
 * Prism serves a copy without the fractional `multipleOf` keywords (its float check rejects
 * exact decimals: see mydhl-prism-kit.ts); this test checks those numbers exactly, in decimal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDhlClient, type DhlClient, type DhlLandedCostRequest } from '../../connectors/dhl/index.js';
import type { Shipment } from '../../mappings/canonical/shipment.js';
import { shipmentToLandedCostRequest } from '../../mappings/dhl/index.js';
import { fixtureJson } from '../connectors/dhl/dhl-test-kit.js';
import { multipleOfViolations, MYDHL_OFFICIAL, violationsOf, withoutFractionalMultipleOf } from '../connectors/dhl/mydhl-prism-kit.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const OFFICIAL = MYDHL_OFFICIAL;

const LANDED_COST_REQUEST_SCHEMA = { $ref: '#/components/schemas/supermodelIoLogisticsExpressLandedCostRequest' };

let workDir: string | undefined;
let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let exchanges: PrismExchange[] = [];
let client: DhlClient;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'caravan-dhl-prism-'));
  const served = join(workDir, 'mydhl-express-api-3.1.1.prism.json');
  writeFileSync(served, JSON.stringify(withoutFractionalMultipleOf(OFFICIAL)));
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

/**
 * DHL's own 200 example for /landed-cost breaks its response schema (no `weight` on the
 * product, a "CIF" breakdown line without `typeCode`), so Prism --errors answers a valid request
 * 500 with exactly these violations, all located in the response. (The connector's response
 * schema is loose and reads that example: see get-landed-cost.test.ts.)
 */
const RESPONSE_EXAMPLE_DEFECTS = [
  "Response body property products.0 must have required property 'weight'",
  "Response body property products.0.items.0.breakdown.0 must have required property 'typeCode'",
];

/** Runs a connector call and returns its result or error (Prism's 500 for its own example is expected). */
async function outcome(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return error;
  }
}

/** No violation about the request; the answer's only violations are the description's own example defects. */
function expectRequestsValid(count: number): void {
  expect(exchanges).toHaveLength(count);
  for (const e of exchanges) {
    const all = violationsOf(e.violations);
    expect({ url: e.url, request: all.filter((v) => v.location[0] === 'request') }).toEqual({ url: '/landed-cost', request: [] });
    expect({ status: e.status, response: all.filter((v) => v.location[0] === 'response').map((v) => v.message) }).toEqual({
      status: 500,
      response: RESPONSE_EXAMPLE_DEFECTS,
    });
  }
}

/** A raw POST straight to Prism, bypassing the connector's own checks. */
function rawPost(body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  if (prism === undefined) throw new Error('prism not started');
  const { port } = prism;
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/landed-cost', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const VALID_HEADERS = { authorization: 'Basic Y29udHJhY3QtdXNlcjpjb250cmFjdC1zZWNyZXQ=', 'x-version': '3.1.0', 'message-reference': 'contract-1' };

/** A German seller's DDP parcel to Australia, as the canonical model holds it. */
const SHIPMENT: Shipment = {
  id: 'shp-contract-1',
  shipFrom: { lines: ['Hauptstr. 1'], city: 'Berlin', postalCode: '10115', country: 'DE' },
  shipTo: { lines: ['1 Collins St'], city: 'Melbourne', postalCode: '3000', region: 'VIC', country: 'AU' },
  incoterm: 'DDP',
  currency: 'EUR',
  items: [
    { id: 'l1', sku: 'SHOE-42', description: 'Leather shoes', hsCode: '640391', originCountry: 'DE', quantity: 2, value: { amountMinor: 24000, currency: 'EUR' }, weightKg: '1.8' },
    { id: 'l2', description: 'Cotton knitwear', hsCode: '611020', originCountry: 'PT', quantity: 3, value: { amountMinor: 10000, currency: 'EUR' }, weightKg: '0.9' },
  ],
  shipping: { amountMinor: 4500, currency: 'EUR' },
  insurance: { amountMinor: 350, currency: 'EUR' },
  refs: {},
};

describe('DHL landed-cost requests against the official MyDHL description (Prism --errors)', () => {
  it("the description's own request example, sent by the connector", async () => {
    const body = fixtureJson<DhlLandedCostRequest>('request.spec-example.json');
    await outcome(() => client.getLandedCost(body));
    expectRequestsValid(1);
    expect(multipleOfViolations(body, LANDED_COST_REQUEST_SCHEMA)).toEqual([]);
  });

  it('a request mapped from a canonical shipment', async () => {
    const mapped = shipmentToLandedCostRequest(SHIPMENT, { accountNumber: '123456789', productCode: 'P', getQuotationID: true });
    if (!mapped.ok) throw mapped.error;
    await outcome(() => client.getLandedCost(mapped.value, { messageReference: 'landed-cost/shp-contract-1' }));
    expectRequestsValid(1);
    expect(multipleOfViolations(mapped.value, LANDED_COST_REQUEST_SCHEMA)).toEqual([]);
    // 100.00 EUR / 3 has no exact 5-decimal unit price: the mapping rounds it to one.
    expect(mapped.value.items.map((i) => i.unitPrice)).toEqual([120, 33.33333]);
  });
});

describe('the contract check can fail', () => {
  it('the valid raw request draws no request violation (the baseline for the failures below)', async () => {
    const ok = await rawPost(fixtureJson('request.spec-example.json'), VALID_HEADERS);
    const all = violationsOf(ok.headers['sl-violations']);
    expect(all.filter((v) => v.location[0] === 'request')).toEqual([]);
    expect(all.map((v) => v.message)).toEqual(RESPONSE_EXAMPLE_DEFECTS);
  });

  it('Prism rejects a body without the required items and with an unknown field', async () => {
    const { items: _items, ...body } = fixtureJson('request.spec-example.json');
    const response = await rawPost({ ...body, plannedShippingDateAndTime: 'x' }, VALID_HEADERS);
    expect(response.status).toBe(400);
    expect(violationsOf(response.headers['sl-violations']).map((v) => v.message).sort()).toEqual([
      'Request body must NOT have additional properties; found \'plannedShippingDateAndTime\'',
      "Request body must have required property 'items'",
    ]);
  });

  it('Prism rejects a request without the x-version header', async () => {
    const { 'x-version': _v, ...headers } = VALID_HEADERS;
    const response = await rawPost(fixtureJson('request.spec-example.json'), headers);
    expect(response.status).toBe(400);
    expect(String(response.headers['sl-violations'])).toContain("Request header must have required property 'x-version'");
  });

  it('the exact multipleOf check flags a unit price with six decimals and a weight with four', () => {
    const body = fixtureJson<DhlLandedCostRequest>('request.spec-example.json');
    const bad = { ...body, packages: [{ weight: 1.0005 }], items: body.items.map((i) => ({ ...i, unitPrice: 2500.000001 })) };
    expect(multipleOfViolations(bad, LANDED_COST_REQUEST_SCHEMA)).toEqual([
      'body.packages[0].weight: 1.0005 is not a multiple of 0.001',
      'body.items[0].unitPrice: 2500.000001 is not a multiple of 0.00001',
    ]);
  });

  it('Prism rejects a request without Basic credentials', async () => {
    const { authorization: _a, ...headers } = VALID_HEADERS;
    const response = await rawPost(fixtureJson('request.spec-example.json'), headers);
    expect(response.status).toBe(401);
  });
});
