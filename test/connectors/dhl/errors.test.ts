import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseDhlErrorReply, type DhlLandedCostRequest } from '../../../connectors/dhl/index.js';
import { UnparsedBody } from '../../../connectors/http/client.js';
import type { ConnectorErrorKind } from '../../../connectors/http/errors.js';
import {
  answer,
  CREDENTIALS,
  EXPECTED_AUTHORIZATION,
  fixtureJson,
  isolateNetworkPerTest,
  makeKit,
  rejection,
  TEST_BASE,
  TEST_PATH_PREFIX,
  type SeenRequest,
} from './dhl-test-kit.js';

const NOW = Date.UTC(2026, 2, 1);

interface Case {
  readonly name: string;
  readonly status: number;
  readonly data: unknown;
  readonly headers?: Record<string, string>;
  readonly kind: ConnectorErrorKind;
  readonly vendorCode?: string;
  readonly message: string;
  readonly retryAfterMs?: number;
}

const CASES: readonly Case[] = [
  {
    name: '400 from the description (account not found)',
    status: 400,
    data: fixtureJson('error-400.spec-example.json'),
    headers: { 'invocation-id': 'inv-400' },
    kind: 'validation',
    vendorCode: '400',
    message: 'DHL Express landedCost failed: HTTP 400 Bad request: The account number is not found or invalid. Please check the account number and retry.',
  },
  {
    name: '400 recorded by karrio (numeric status)',
    status: 400,
    data: fixtureJson('error-400.karrio.json'),
    kind: 'validation',
    vendorCode: '400',
    message: 'DHL Express landedCost failed: HTTP 400 Bad Request: Invalid postal code provided',
  },
  {
    name: '401 with no body',
    status: 401,
    data: undefined,
    kind: 'auth',
    message: 'DHL Express landedCost failed: HTTP 401 an empty body',
  },
  {
    name: '403 from the description (5032 not authorized for the service)',
    status: 403,
    data: fixtureJson('error-403.spec-example.json'),
    kind: 'auth',
    vendorCode: '5032',
    message:
      'DHL Express landedCost failed: HTTP 403 Forbidden: 5032: Not authorized to use  this service. Please contact your DHL Express representative',
  },
  {
    name: '404',
    status: 404,
    data: { instance: '/expressapi/landedcost', title: 'Not found', detail: 'Not found', status: '404' },
    kind: 'not_found',
    vendorCode: '404',
    message: 'DHL Express landedCost failed: HTTP 404 Not found: Not found',
  },
  {
    name: '422 from the description (schema validation)',
    status: 422,
    data: fixtureJson('error-422.spec-example.json'),
    kind: 'validation',
    vendorCode: '422',
    message: 'DHL Express landedCost failed: HTTP 422 Validation error: #/productCode: expected minLength: 1, actual: 0',
  },
  {
    name: '400 with additionalDetails',
    status: 400,
    data: {
      instance: '/expressapi/landedcost',
      title: 'Bad request',
      detail: '7008: The requested Special Service Code is not available',
      additionalDetails: ['7127: The receiverDetails countryCode value provided is invalid.'],
      status: '400',
    },
    kind: 'validation',
    vendorCode: '7008',
    message:
      'DHL Express landedCost failed: HTTP 400 Bad request: 7008: The requested Special Service Code is not available (7127: The receiverDetails countryCode value provided is invalid.)',
  },
  {
    // components.examples.validateDataOnlyShipmentResponse of the MyDHL description (its first two details).
    name: '400 "Multiple problems found": DHL\'s code is the first additionalDetails one',
    status: 400,
    data: {
      instance: '/expressapi/shipments?validateDataOnly=true',
      detail: 'Multiple problems found, see Additional Details',
      title: 'Bad request',
      message: 'Bad request',
      additionalDetails: [
        '7120: Required either #/outputImageProperties/imageOptions where typeCode=invoice or provide #/documentImages',
        '7127: The sellerDetails/postalAddress/countryCode value provided is invalid.',
      ],
      status: '400',
    },
    kind: 'validation',
    vendorCode: '7120',
    message:
      'DHL Express landedCost failed: HTTP 400 Bad request: Multiple problems found, see Additional Details (7120: Required either #/outputImageProperties/imageOptions where typeCode=invoice or provide #/documentImages; 7127: The sellerDetails/postalAddress/countryCode value provided is invalid.)',
  },
  {
    name: '429 with Retry-After',
    status: 429,
    data: { title: 'Too Many Requests', detail: 'rate limit exceeded' },
    headers: { 'retry-after': '30' },
    kind: 'rate_limited',
    retryAfterMs: 30_000,
    message: 'DHL Express landedCost failed: HTTP 429 Too Many Requests: rate limit exceeded',
  },
  {
    name: '500 from the description (999 process failure)',
    status: 500,
    data: fixtureJson('error-500.spec-example.json'),
    kind: 'transient',
    vendorCode: '999',
    message:
      'DHL Express landedCost failed: HTTP 500 Internal Server Error: 999: Process failure occurred. Process ID associated for that transaction (1234567890)',
  },
  {
    name: '502 HTML from a gateway',
    status: 502,
    data: new UnparsedBody('<html><head><title>502 Bad Gateway</title></head></html>'),
    kind: 'transient',
    message: 'DHL Express landedCost failed: HTTP 502 a non-JSON body: <html><head><title>502 Bad Gateway</title></head></html>',
  },
];

describe('recogniseDhlErrorReply on a failed reply: problem JSON → ConnectorError kind', () => {
  it.each(CASES)('$name → $kind', (c) => {
    const error = recogniseDhlErrorReply(c.data, { operation: 'landedCost', status: c.status, nowMs: NOW, ...(c.headers ? { headers: c.headers } : {}) })!;
    expect({
      kind: error.kind,
      vendor: error.vendor,
      operation: error.operation,
      status: error.status,
      vendorCode: error.vendorCode,
      retryAfterMs: error.retryAfterMs,
      message: error.message,
      retryable: error.retryable,
    }).toEqual({
      kind: c.kind,
      vendor: 'dhl',
      operation: 'landedCost',
      status: c.status,
      vendorCode: c.vendorCode,
      retryAfterMs: c.retryAfterMs,
      message: c.message,
      retryable: c.kind === 'transient' || c.kind === 'rate_limited',
    });
  });

  it('keeps the Invocation-Id as request id', () => {
    const error = recogniseDhlErrorReply(fixtureJson('error-400.spec-example.json'), {
      operation: 'landedCost',
      status: 400,
      headers: { 'Invocation-Id': 'inv-400' },
      nowMs: NOW,
    })!;
    expect(error.requestId).toBe('inv-400');
  });
});

describe('errors through the client', () => {
  isolateNetworkPerTest();
  const REQUEST = fixtureJson<DhlLandedCostRequest>('request.spec-example.json');
  const PATH = `${TEST_PATH_PREFIX}/landed-cost`;

  it('a 400 is thrown as validation at once (never resent)', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).reply(answer(seen, 400, fixtureJson('error-400.spec-example.json'), { 'invocation-id': 'inv-9' }));
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(seen).toHaveLength(1);
    expect([error.kind, error.status, error.requestId]).toEqual(['validation', 400, 'inv-9']);
  });

  it('a 500 is resent twice, then thrown as transient with DHL code 999', async () => {
    const seen: SeenRequest[] = [];
    nock(TEST_BASE).post(PATH).times(3).reply(answer(seen, 500, fixtureJson('error-500.spec-example.json')));
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(seen).toHaveLength(3);
    expect([error.kind, error.vendorCode, error.retryable]).toEqual(['transient', '999', true]);
  });

  it('a 401 is auth and its message carries no credential', async () => {
    nock(TEST_BASE).post(PATH).reply(401, { title: 'Unauthorized', detail: 'Invalid credentials' });
    const error = await rejection(makeKit().client.getLandedCost(REQUEST));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('DHL Express landedCost failed: HTTP 401 Unauthorized: Invalid credentials');
    expect(error.message).not.toContain(CREDENTIALS.password);
    expect(error.message).not.toContain(EXPECTED_AUTHORIZATION);
  });
});

describe('recogniseDhlErrorReply: every DHL error shape, for the connector and `caravan map`', () => {
  const errorsFixture = (name: string) => readFileSync(new URL(`../../fixtures/dhl/errors/${name}`, import.meta.url), 'utf8');
  const ctx = { operation: 'landedCost' };

  it.each([
    ['address-400.karrio.json', '400', 'DHL Express landedCost failed: HTTP 400 Bad Request: Invalid address validation request - missing required field'],
    ['pickup-400.karrio.json', '400', 'DHL Express landedCost failed: HTTP 400 Bad Request: Invalid pickup request - missing required field'],
  ])('MyDHL problem body %s, read from a file (no status): the status in the body counts', (file, vendorCode, message) => {
    const error = recogniseDhlErrorReply(JSON.parse(errorsFixture(file)), ctx);
    expect([error?.kind, error?.status, error?.vendorCode, error?.message]).toEqual(['validation', 400, vendorCode, message]);
  });

  it('the description\'s 500 example: DHL code 999 is transient; the 403 one names its code 5032', () => {
    const e500 = recogniseDhlErrorReply(fixtureJson('error-500.spec-example.json'), { operation: 'landedCost', status: 500 });
    expect([e500?.kind, e500?.vendorCode]).toEqual(['transient', '999']);
    const e403 = recogniseDhlErrorReply(fixtureJson('error-403.spec-example.json'), ctx);
    expect([e403?.kind, e403?.status, e403?.vendorCode]).toEqual(['auth', 403, '5032']);
  });

  it('Unified Tracking problem details: the described 404, and the 429 reported in itsvic-dev/deliveries#68', () => {
    // dhl-shipment-tracking-unified-1.4.1.yaml, responses.shipmentNotFound example.
    const notFound = recogniseDhlErrorReply(
      { title: 'No result found', detail: 'No shipment with given tracking number found.', status: 404, instance: '/shipment/8264715546' },
      { operation: 'trackShipments' },
    );
    expect([notFound?.kind, notFound?.status, notFound?.vendorCode, notFound?.message]).toEqual([
      'not_found',
      404,
      '404',
      'DHL Express trackShipments failed: HTTP 404 No result found: No shipment with given tracking number found.',
    ]);
    const throttled = recogniseDhlErrorReply(
      { status: 429, title: 'Too Many Requests', detail: 'Too many requests within defined time period, please try again later.' },
      { operation: 'trackShipments', status: 429, headers: { 'Retry-After': '60' } },
    );
    expect([throttled?.kind, throttled?.retryAfterMs]).toEqual(['rate_limited', 60_000]);
  });

  it('a problem body inside an HTTP 200 is an error, and the client throws it instead of mapping it', async () => {
    nock(TEST_BASE).post(`${TEST_PATH_PREFIX}/landed-cost`).reply(200, JSON.parse(errorsFixture('address-400.karrio.json')), { 'invocation-id': 'inv-200' });
    const error = await rejection(makeKit().client.getLandedCost(fixtureJson<DhlLandedCostRequest>('request.spec-example.json')));
    expect([error.kind, error.status, error.vendorCode, error.requestId]).toEqual(['validation', 200, '400', 'inv-200']);
  });

  it('the XML services\' failures (inside HTTP 200): each Condition, with not_found for "No Shipments Found"', () => {
    const rate = recogniseDhlErrorReply(errorsFixture('xml-rate-missing-args.karrio.xml'), { operation: 'rate', status: 200 });
    expect([rate?.kind, rate?.vendorCode, rate?.message]).toEqual([
      'validation',
      '340004',
      'DHL Express rate failed: HTTP 200 340004: The location information is missing. At least one attribute post code, city name or suburb name should be provided; 220001: Failure - request',
    ]);
    const shipment = recogniseDhlErrorReply(new UnparsedBody(errorsFixture('xml-shipment-validate-error.karrio.xml')), { operation: 'shipment' });
    expect([shipment?.kind, shipment?.vendorCode, shipment?.message]).toEqual(['validation', '152', 'DHL Express shipment failed: 152: Shipment Details segment Contents Conditional Required Error']);
    const tracking = recogniseDhlErrorReply(errorsFixture('xml-tracking-not-found.karrio.xml'), { operation: 'tracking' });
    expect([tracking?.kind, tracking?.vendorCode]).toEqual(['not_found', '103']);
    // The same "No Shipments Found" as condition 209 (the reply USGM/postal records in postal/tests/fixtures/dhl.py).
    const as209 = errorsFixture('xml-tracking-not-found.karrio.xml').replace('<ConditionCode>103<', '<ConditionCode>209<');
    expect(recogniseDhlErrorReply(as209, { operation: 'tracking' })?.kind).toBe('not_found');
  });

  it('a TrackingResponse whose first AWB DHL did not find but whose next AWB it tracks is no error reply (each AWB has its ActionStatus)', () => {
    const notFound = errorsFixture('xml-tracking-not-found.karrio.xml');
    const found = readFileSync(new URL('../../fixtures/dhl/heldout/xml-tracking-in-transit.karrio.xml', import.meta.url), 'utf8');
    const foundAwb = /<AWBInfo>[\s\S]*<\/AWBInfo>/.exec(found)![0];
    const mixed = notFound.replace('</AWBInfo>', `</AWBInfo>${foundAwb}`);
    expect(mixed.match(/<ActionStatus>/g)).toHaveLength(2);
    expect(recogniseDhlErrorReply(mixed, { operation: 'tracking', status: 200 })).toBeUndefined();
    expect(recogniseDhlErrorReply(notFound, { operation: 'tracking', status: 200 })?.vendorCode).toBe('103');
  });

  it('text and HTML bodies are errors only with a failure status; successes are never errors', () => {
    const text = recogniseDhlErrorReply(new UnparsedBody('Invalid Credentials'), { operation: 'landedCost', status: 401 });
    expect([text?.kind, text?.message]).toEqual(['auth', 'DHL Express landedCost failed: HTTP 401 a non-JSON body: Invalid Credentials']);
    expect(recogniseDhlErrorReply('Invalid Credentials', ctx)).toBeUndefined();
    expect(recogniseDhlErrorReply(errorsFixture('xml-pickup-success-with-notice.karrio.xml'), ctx)).toBeUndefined();
    expect(recogniseDhlErrorReply(JSON.parse(errorsFixture('utapi-tracking-200.karrio.json')), { operation: 'trackShipments', status: 200 })).toBeUndefined();
    expect(recogniseDhlErrorReply(fixtureJson('response-200.spec-example.json'), { operation: 'landedCost', status: 200 })).toBeUndefined();
  });
});
