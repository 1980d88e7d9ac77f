/**
 * Mailchimp requests against the official Marketing API description (Prism --errors): a
 * request that breaks the model is answered 422 with its violations, so a call that passes
 * was sent as Mailchimp describes it. Prism's mock reply is parsed by the connector's schema.
 */
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailchimpClient, type MailchimpClient } from '../../connectors/mailchimp/index.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

/** The official description cut down to the operations called (see test/fixtures/mailchimp/SOURCE.md). */
const SPEC = fileURLToPath(new URL('../fixtures/mailchimp/openapi/mailchimp-marketing-3.0.55.lists.openapi.json', import.meta.url));

let prism: RunningPrism | undefined;
let proxy: RunningRecorder | undefined;
let exchanges: PrismExchange[] = [];
let client: MailchimpClient;

beforeAll(async () => {
  prism = await startPrism({ mode: 'mock', spec: SPEC, startTimeoutMs: 60_000 });
  proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
  client = createMailchimpClient({
    tenant: 'contract',
    // Prism serves the description's paths without the /3.0 of its server URL.
    settings: { endpoint: proxy.url },
    credentials: { apiKey: '0123456789abcdef0123456789abcdef-us3' },
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}, 90_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), proxy?.stop()]);
});

beforeEach(() => {
  exchanges = [];
});

describe('Mailchimp Marketing API requests against the official description (Prism --errors)', () => {
  it('getLists, with and without paging', async () => {
    const first = await client.getLists({ count: 100, offset: 0 });
    const plain = await client.getLists();
    expect(exchanges.map((e) => [e.method, e.url, e.status, e.violations])).toEqual([
      ['GET', '/lists?count=100&offset=0', 200, undefined],
      ['GET', '/lists', 200, undefined],
    ]);
    expect(Array.isArray(first.lists) && Number.isInteger(first.totalItems)).toBe(true);
    expect(Number.isInteger(plain.totalItems)).toBe(true);
  });

  it('Prism refuses a request without credentials (the description requires basic auth)', async () => {
    const response = await fetch(`${proxy!.url}/lists`);
    expect(response.status).toBe(401);
  });
});
