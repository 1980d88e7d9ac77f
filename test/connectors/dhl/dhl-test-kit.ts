/** Shared set-up for the DHL connector tests: fixtures, a client on a fake clock, request capture. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { createDhlClient, type CreateDhlClientOptions, type DhlClient } from '../../../connectors/dhl/index.js';
import type { DhlConnectionSettings, DhlCredentials } from '../../../connectors/dhl/config.js';
import type { DhlCreateShipmentRequest } from '../../../connectors/dhl/schemas/shipping.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const TEST_BASE = 'https://express.api.dhl.com';
export const TEST_PATH_PREFIX = '/mydhlapi/test';

/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const CREDENTIALS: DhlCredentials = { username: 'caravan-apikey-test', password: 'caravan-secret-Xy9!' };
/** `Basic ` + base64("caravan-apikey-test:caravan-secret-Xy9!"), computed independently of the connector. */
export const EXPECTED_AUTHORIZATION = 'Basic Y2FyYXZhbi1hcGlrZXktdGVzdDpjYXJhdmFuLXNlY3JldC1YeTkh';

export const SETTINGS: DhlConnectionSettings = { environment: 'test', accountNumber: '123456789' };

const FIXTURES = new URL('../../fixtures/dhl/landed-cost/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

export interface Kit {
  readonly client: DhlClient;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
}

/** A client on a fake clock (2026-03-01T00:00:00Z) with tiny transient-retry backoff and fixed message references. */
export function makeKit(overrides: Partial<CreateDhlClientOptions> = {}): Kit {
  const clock = new FakeClock();
  const logs = captureLogs();
  let n = 0;
  const client = createDhlClient({
    tenant: 'acme',
    settings: SETTINGS,
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    newMessageReference: () => `caravan-ref-${(n += 1)}`,
    ...overrides,
  });
  return { client, clock, logs };
}

/** Records one request into `seen` and answers with the given status, body and headers. */
export function answer(
  seen: SeenRequest[],
  status: number,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, requestBody: nock.Body) => nock.ReplyFnResult {
  return function (path, requestBody) {
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, body: requestBody });
    const contentType = typeof body === 'string' && body.trimStart().startsWith('<') ? 'text/html' : 'application/json';
    return [status, body, { 'content-type': contentType, ...headers }];
  };
}


const SHIPMENTS = new URL('../../fixtures/dhl/shipments/', import.meta.url);

/** A description example from test/fixtures/dhl/shipments. */
export function shipmentsFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, SHIPMENTS), 'utf8')) as T;
}

/**
 * DHL's create-shipment examples give every line item `exportControlClassificationNumber`,
 * which the request schema (additionalProperties: false) does not define: the connector would
 * refuse them, so the tests send them without it.
 */
function withoutUndefinedLineItemField(body: DhlCreateShipmentRequest): DhlCreateShipmentRequest {
  const declaration = body.content.exportDeclaration;
  if (declaration === undefined) return body;
  const lineItems = declaration.lineItems.map((item) => {
    const { exportControlClassificationNumber: _eccn, ...rest } = item as typeof item & { exportControlClassificationNumber?: string };
    return rest;
  });
  return { ...body, content: { ...body.content, exportDeclaration: { ...declaration, lineItems } } };
}

/** The description's international create-shipment example (customs declaration, two line items). */
export const SHIPMENT_REQUEST = withoutUndefinedLineItemField(shipmentsFixture('shipment-request.spec-example.json'));

const PLT_EXAMPLE = withoutUndefinedLineItemField(shipmentsFixture('shipment-request-plt.spec-example.json'));
/** The paperless-trade example; its invoice date is a SoapUI template (`${= def advDate= …}`), no date: a real one stands in. */
export const PLT_REQUEST: DhlCreateShipmentRequest = {
  ...PLT_EXAMPLE,
  content: { ...PLT_EXAMPLE.content, exportDeclaration: { ...PLT_EXAMPLE.content.exportDeclaration!, invoice: { ...PLT_EXAMPLE.content.exportDeclaration!.invoice!, date: '2026-03-02' } } },
};
