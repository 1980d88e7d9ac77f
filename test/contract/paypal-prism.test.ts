/**
 * Contract test: the PayPal connector's requests checked against PayPal's own descriptions
 * (test/fixtures/paypal/openapi: reporting_transactions_v1.json, notifications_webhooks_v1.json).
 * Prism mocks one description at a time with --errors; a front server answers POST
 * /v1/oauth2/token (in none of the descriptions) and passes everything else to Prism, recording
 * each answer's status and `sl-violations`. Prism's generated replies are not PayPal's data, so
 * only the requests are judged here (the replies are tested on real samples with nock).
 */
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaypalClient, type PaypalClient } from '../../connectors/paypal/index.js';
import { jsonRoute, startPrism, startPrismRecorder, violationsOf, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const SPEC = (name: string) => fileURLToPath(new URL(`../fixtures/paypal/openapi/${name}`, import.meta.url));

interface Exchange {
  readonly url: string;
  readonly status: number;
  readonly violations: { location: string[]; message: string }[];
}

let front: RunningRecorder | undefined;
let frontUrl = '';
let prism: RunningPrism | undefined;
let exchanges: Exchange[] = [];
let client: PaypalClient;

beforeAll(async () => {
  front = await startPrismRecorder(
    () => prism!.url,
    (e) => exchanges.push({ url: e.url, status: e.status, violations: violationsOf(e.violations) }),
    { answerLocally: jsonRoute('/v1/oauth2/token', { access_token: 'contract-token', token_type: 'Bearer', expires_in: 32400, app_id: 'APP-1' }) },
  );
  frontUrl = front.url;
  client = createPaypalClient({
    tenant: 'contract',
    settings: { environment: 'sandbox', endpoint: frontUrl, webhookId: '1JE4291016473214C' },
    credentials: { clientId: 'contract-id', clientSecret: 'contract-secret' },
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
});

afterAll(async () => {
  await prism?.stop();
  await front?.stop();
});

beforeEach(() => {
  exchanges = [];
});

function serve(spec: string): void {
  beforeAll(async () => {
    await prism?.stop();
    prism = await startPrism({ mode: 'mock', spec: SPEC(spec), startTimeoutMs: 60_000 });
  }, 90_000);
}

async function outcome(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (error) {
    return error;
  }
}

/** Every exchange on `path`, no violation located in the request, not refused as a bad request. */
function expectRequestsValid(path: string): void {
  expect(exchanges.length).toBeGreaterThan(0);
  for (const e of exchanges) {
    expect({ url: e.url.split('?')[0], request: e.violations.filter((v) => v.location[0] === 'request').map((v) => v.message) }).toEqual({ url: path, request: [] });
    expect([400, 401, 404, 422]).not.toContain(e.status);
  }
}

describe('Transaction Search and balances (reporting_transactions_v1.json)', () => {
  serve('reporting_transactions_v1.json');

  it('GET /v1/reporting/transactions as the listing sends it', async () => {
    await outcome(() => client.searchTransactions({ startDate: '2026-02-01T00:00:00Z', endDate: '2026-02-28T23:59:59.999Z', page: 2, pageSize: 500 }));
    expectRequestsValid('/v1/reporting/transactions');
  });

  it('GET /v1/reporting/balances with as_of_time and currency_code', async () => {
    await outcome(() => client.listBalances({ asOfTime: '2026-03-01T00:00:00Z', currencyCode: 'EUR' }));
    expectRequestsValid('/v1/reporting/balances');
  });

  it('the check can fail: Prism refuses a search without its dates', async () => {
    const response = await fetch(`${frontUrl}/v1/reporting/transactions?page=1`, { headers: { authorization: 'Bearer contract-token' } });
    await response.arrayBuffer();
    expect(exchanges[0]!.violations.map((v) => v.message).join('\n')).toContain('start_date');
  });
});

describe('Webhooks (notifications_webhooks_v1.json)', () => {
  serve('notifications_webhooks_v1.json');

  it('POST /v1/notifications/verify-webhook-signature with the event spliced in', async () => {
    const rawBody = JSON.stringify({ id: 'WH-58D329510W468432D-8HN650336L201105X', event_version: '1.0', create_time: '2019-02-14T21:50:07.940Z', resource_type: 'capture', resource_version: '2.0', event_type: 'PAYMENT.CAPTURE.COMPLETED', summary: 'Payment completed for $ 2.51 USD', resource: { id: '27M47624FP291604U', status: 'COMPLETED' } });
    await outcome(() =>
      client.verifyWebhookSignature({
        authAlgo: 'SHA256withRSA',
        certUrl: 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
        transmissionId: '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
        transmissionSig: 'lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==',
        transmissionTime: '2016-02-18T20:01:35Z',
        rawBody,
      }),
    );
    expectRequestsValid('/v1/notifications/verify-webhook-signature');
  });
});
