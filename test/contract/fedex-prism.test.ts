/**
 * Contract test: the FedEx connector's requests checked against FedEx's own descriptions
 * (test/fixtures/fedex/openapi: rate-api.json, ship-api.json, track.json,
 * upload-documents-api.json). Prism mocks one description at a time with --errors; a front
 * server answers POST /oauth/token (in none of the descriptions) and passes everything else to
 * Prism, recording each answer's status and `sl-violations`.
 *
 * Two places where Prism cannot judge the official text, so it serves an adjusted copy:
 * - rate-api.json gives the quote body as `oneOf` of the full schema and several sample
 *   payloads that overlap it, so any complete request matches more than one and Prism says
 *   "must match exactly one schema in oneOf". The copy keeps the full schema alone.
 * - upload-documents-api.json describes the multipart `document` field as an object; OpenAPI
 *   sends an object part as JSON text (FedEx's own example does), which Prism checks as a
 *   string. The copy types the part as a string, and the test checks the JSON sent in it against
 *   the official ETDUploadRequest with ajv.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFedexClient, type FedexClient } from '../../connectors/fedex/index.js';
import { RATE_REQUEST, SHIP_REQUEST } from '../connectors/fedex/fedex-test-kit.js';
import { shipmentToFedexRateRequest, shipmentToFedexShipRequest } from '../../mappings/fedex/ship-request.js';
import { DDP_TO_US } from '../mappings/shipping/shipments.js';
import { jsonRoute, startPrism, startPrismRecorder, violationsOf, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const SPEC = (name: string) => fileURLToPath(new URL(`../fixtures/fedex/openapi/${name}`, import.meta.url));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed OpenAPI document
const official = (name: string): Json => JSON.parse(readFileSync(SPEC(name), 'utf8')) as Json;

/** The adjusted copies Prism serves (see the header). */
const ADJUST: Readonly<Record<string, (spec: Json) => Json>> = {
  'rate-api.json': (spec) => {
    spec['paths']['/rate/v1/rates/quotes'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/Full_Schema_Quote_Rate' };
    return spec;
  },
  'upload-documents-api.json': (spec) => {
    spec['components']['schemas']['FullSchema-DocumentUploadInputVO'].properties.document = { type: 'string' };
    return spec;
  },
};

const UPLOAD_SPEC = official('upload-documents-api.json');
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ components: UPLOAD_SPEC['components'] }, 'upload');
/** The `document` part against the official ETDUploadRequest. */
function etdDocumentViolations(document: unknown): string[] {
  const validate = ajv.getSchema('upload#/components/schemas/ETDUploadRequest')!;
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
let workDir: string | undefined;

interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly violations: { location: string[]; message: string }[];
}

let front: RunningRecorder | undefined;
let frontUrl = '';
let prism: RunningPrism | undefined;
let exchanges: Exchange[] = [];
let client: FedexClient;

beforeAll(async () => {
  // The token endpoint is in none of the descriptions: answered here. Prism's "Too many
  // violations…" (FedEx's own rate example breaks its response schema everywhere) is kept as one.
  front = await startPrismRecorder(
    () => prism!.url,
    (e) => exchanges.push({ method: e.method, url: e.url, status: e.status, violations: violationsOf(e.violations) }),
    { answerLocally: jsonRoute('/oauth/token', { access_token: 'contract-token', token_type: 'bearer', expires_in: 3599, scope: 'CXS-TP' }) },
  );
  frontUrl = front.url;
  client = createFedexClient({
    tenant: 'contract',
    settings: { environment: 'sandbox', endpoint: frontUrl, accountNumber: '740561073' },
    credentials: { clientId: 'contract-id', clientSecret: 'contract-secret' },
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
});

afterAll(async () => {
  await prism?.stop();
  await front?.stop();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  exchanges = [];
});

/** Prism serves one description per describe block. */
function serve(spec: string): void {
  beforeAll(async () => {
    await prism?.stop();
    workDir ??= mkdtempSync(join(tmpdir(), 'caravan-fedex-prism-'));
    const adjust = ADJUST[spec];
    const served = adjust === undefined ? SPEC(spec) : join(workDir, spec);
    if (adjust !== undefined) writeFileSync(served, JSON.stringify(adjust(official(spec))));
    prism = await startPrism({ mode: 'mock', spec: served, startTimeoutMs: 60_000 });
  }, 90_000);
}

async function outcome(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return error;
  }
}

/** One exchange on `path`, no violation located in the request. */
function expectRequestValid(path: string): void {
  expect(exchanges.map((e) => ({ url: e.url, request: e.violations.filter((v) => v.location[0] === 'request').map((v) => v.message) }))).toEqual([{ url: path, request: [] }]);
  // Prism answers a request that breaks the description 400/422, one whose example reply breaks it 500.
  expect(exchanges[0]!.status < 400 || exchanges[0]!.status >= 500).toBe(true);
}

describe('Rate API', () => {
  serve('rate-api.json');

  it('POST /rate/v1/rates/quotes', async () => {
    await outcome(() => client.rateQuotes(RATE_REQUEST));
    expectRequestValid('/rate/v1/rates/quotes');
  });

  it('POST /rate/v1/rates/quotes as the fulfilment builds it from a canonical shipment', async () => {
    const built = shipmentToFedexRateRequest(DDP_TO_US, { accountNumber: '740561073', shipAt: '2026-03-16T10:00:00Z' });
    if (!built.ok) throw built.error;
    await outcome(() => client.rateQuotes(built.value));
    expectRequestValid('/rate/v1/rates/quotes');
  });

  it('the check can fail: Prism refuses a quote without its shipper', async () => {
    const { shipper: _s, ...noShipper } = RATE_REQUEST.requestedShipment;
    const response = await fetch(`${frontUrl}/rate/v1/rates/quotes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer contract-token' },
      body: JSON.stringify({ ...RATE_REQUEST, requestedShipment: noShipper }),
    });
    await response.arrayBuffer();
    expect(exchanges[0]!.violations.map((v) => v.message)).toContain("Request body property requestedShipment must have required property 'shipper'");
  });
});

describe('Ship API', () => {
  serve('ship-api.json');

  it('POST /ship/v1/shipments with commodities and customs clearance', async () => {
    await outcome(() => client.createShipment(SHIP_REQUEST, { idempotencyKey: 'caravan-order-1001' }));
    expectRequestValid('/ship/v1/shipments');
  });

  it('POST /ship/v1/shipments as the fulfilment builds it (DDP, ETD with FedEx\'s generated invoice)', async () => {
    const built = shipmentToFedexShipRequest(DDP_TO_US, { accountNumber: '740561073', serviceType: 'FEDEX_INTERNATIONAL_PRIORITY', shipAt: '2026-03-16T10:00:00Z', invoice: { number: 'INV-302', date: '2026-03-16' }, etd: {} });
    if (!built.ok) throw built.error;
    await outcome(() => client.createShipment(built.value, { idempotencyKey: 'amazon-eu/302-1111111-2222222' }));
    expectRequestValid('/ship/v1/shipments');
  });

  it('PUT /ship/v1/shipments/cancel', async () => {
    await outcome(() => client.cancelShipment({ trackingNumber: '794953555571' }));
    expectRequestValid('/ship/v1/shipments/cancel');
  });

  it('the check can fail: Prism refuses a shipment without requestedShipment', async () => {
    const response = await fetch(`${frontUrl}/ship/v1/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer contract-token' },
      body: JSON.stringify({ accountNumber: { value: '740561073' }, labelResponseOptions: 'LABEL' }),
    });
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(exchanges[0]!.violations.map((v) => v.message).join('\n')).toContain('requestedShipment');
  });
});

describe('Track API', () => {
  serve('track.json');

  it('POST /track/v1/trackingnumbers and /track/v1/referencenumbers', async () => {
    await outcome(() => client.trackByNumber(['794843185271']));
    expectRequestValid('/track/v1/trackingnumbers');
    exchanges = [];
    await outcome(() => client.trackByReference({ reference: 'caravan-order-1001', from: '2026-03-01', to: '2026-03-03' }));
    expectRequestValid('/track/v1/referencenumbers');
  });
});

describe('Upload Documents API', () => {
  serve('upload-documents-api.json');

  const document = { workflowName: 'ETDPreshipment', name: 'invoice-1001.pdf', contentType: 'application/pdf', meta: { shipDocumentType: 'COMMERCIAL_INVOICE', originCountryCode: 'DE', destinationCountryCode: 'US' } } as const;

  it('POST /documents/v1/etds/upload (multipart)', async () => {
    await outcome(() => client.uploadEtdDocument({ document, content: Buffer.from('%PDF-1.4\n%%EOF\n') }));
    expectRequestValid('/documents/v1/etds/upload');
    expect(etdDocumentViolations(document)).toEqual([]);
  });

  it('the check can fail: the official schema refuses a document without its type', () => {
    const { meta: _meta, ...noMeta } = document;
    expect(etdDocumentViolations(noMeta)).toEqual(["/ must have required property 'meta'"]);
  });
});
