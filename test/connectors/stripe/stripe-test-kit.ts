/** Shared set-up for the Stripe connector tests: Stripe's own example objects, a client on a fake test key. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type nock from 'nock';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { createStripeClient, type CreateStripeClientOptions, type StripeClient } from '../../../connectors/stripe/index.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const API = 'https://api.stripe.com';
/** Fake keys in Stripe's shape, distinctive enough to spot in a leak. */
export const TEST_KEY = 'sk_test_51CaravanFakeKeyForTestsOnly0000000000';
export const LIVE_KEY = 'sk_live_51CaravanFakeKeyForTestsOnly0000000000';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'stripe');

/** stripe/openapi fixtures3.json: the example object of each resource (what stripe-mock serves). */
export function exampleObject(resource: string): Record<string, unknown> {
  const all = JSON.parse(readFileSync(join(FIXTURES, 'openapi', 'fixtures3.json'), 'utf8')) as { resources: Record<string, Record<string, unknown>> };
  return structuredClone(all.resources[resource]!);
}

/** The real webhook events of the shared samples, by file name. */
export function webhookEvents(): { name: string; event: Record<string, unknown> }[] {
  const dir = join(FIXTURES, 'webhook-events');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, event: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown> }));
}

export function webhookEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'webhook-events', name), 'utf8')) as Record<string, unknown>;
}

export function list(data: readonly unknown[], hasMore = false, url = '/v1/x'): Record<string, unknown> {
  return { object: 'list', data, has_more: hasMore, url };
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Records the request into `seen` and answers with status, body and headers. */
export function answer(seen: SeenRequest[], status: number, body: unknown, headers: Record<string, string> = {}): (this: nock.ReplyFnContext, path: string, body: unknown) => nock.ReplyFnResult {
  return function (path, requestBody) {
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody ?? '') });
    return [status, body as nock.Body, { 'request-id': `req_${seen.length}`, ...headers }];
  };
}

export interface Kit {
  readonly client: StripeClient;
  readonly logs: CapturedLogs;
  readonly limiter: RateLimiterRegistry;
}

export function makeKit(overrides: Partial<CreateStripeClientOptions> = {}): Kit {
  const logs = captureLogs();
  const limiter = new RateLimiterRegistry();
  const client = createStripeClient({
    tenant: 'acme',
    credentials: { secretKey: TEST_KEY },
    logger: logs.logger,
    limiter,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
  });
  return { client, logs, limiter };
}
