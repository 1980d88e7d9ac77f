/** Shared set-up for the AvaTax connector tests: fixtures, a client, nock request capture. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { expect } from 'vitest';
import { createAvalaraClient, type AvalaraClient, type CreateAvalaraClientOptions } from '../../../connectors/avalara/index.js';
import type { AvalaraConnectionSettings } from '../../../connectors/avalara/config.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const SANDBOX = 'https://sandbox-rest.avatax.com';

/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const CREDENTIALS = { accountId: '2000336981', licenseKey: 'CARAVAN-LICENSE-KEY-6F1C9A2B' } as const;
export const BASIC_TOKEN = Buffer.from(`${CREDENTIALS.accountId}:${CREDENTIALS.licenseKey}`).toString('base64');
export const BEARER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.caravan-bearer-token.sig';

export const SETTINGS: AvalaraConnectionSettings = { environment: 'sandbox', companyCode: 'test1' };
export const CLIENT_HEADER = 'Caravan; 0.1.0; Caravan-AvaTax-REST; 21.12.0';

const FIXTURES = new URL('../../fixtures/avalara/', import.meta.url);

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

interface Exchange {
  readonly request: { readonly method: string; readonly uri: string; readonly body: unknown };
  readonly response: { readonly status: number; readonly body: unknown };
}

/** Exchange `index` of a recording in samples/ (the last by default). */
export function recorded(name: string, index?: number): Exchange {
  const exchanges = JSON.parse(fixtureText(`samples/${name}.json`)) as Exchange[];
  const exchange = exchanges[index ?? exchanges.length - 1];
  if (exchange === undefined) throw new Error(`${name}: no exchange ${String(index)}`);
  return exchange;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body exactly as sent. */
  readonly rawBody: string;
}

/** Records one request into `seen` and answers with the status, body and headers given. */
export function answer(
  seen: SeenRequest[],
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, requestBody: nock.Body) => nock.ReplyFnResult {
  return function (path, requestBody) {
    const rawBody = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, rawBody });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = text.trimStart().startsWith('<') ? 'text/html' : 'application/json; charset=utf-8';
    return [status, text, { 'content-type': contentType, ...headers }];
  };
}

export interface Kit {
  readonly client: AvalaraClient;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
}

/** A client on a fake clock with tiny transient-retry backoff. */
export function makeKit(overrides: Partial<CreateAvalaraClientOptions> = {}): Kit {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createAvalaraClient({
    tenant: 'acme',
    settings: SETTINGS,
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    clock,
    ...overrides,
  });
  return { client, clock, logs };
}

/** The headers every AvaTax request must carry (Basic credentials). */
export function expectAvalaraHeaders(request: SeenRequest | undefined, opts: { json: boolean; authorization?: string }): void {
  expect(request).toBeDefined();
  const h = request!.headers;
  expect({
    authorization: h.authorization,
    'x-avalara-client': h['x-avalara-client'],
    accept: h.accept,
    'content-type': h['content-type'],
    'user-agent': h['user-agent'],
  }).toEqual({
    authorization: opts.authorization ?? `Basic ${BASIC_TOKEN}`,
    'x-avalara-client': CLIENT_HEADER,
    accept: 'application/json',
    'content-type': opts.json ? 'application/json' : undefined,
    'user-agent': 'Caravan/0.1.0 (AvaTax REST v2)',
  });
}
