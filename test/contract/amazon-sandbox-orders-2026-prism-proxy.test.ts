/**
 * Contract test in Prism PROXY mode for Orders API 2026-01-01: the real connector's
 * searchOrders walks the whole offline sandbox data set (every dataset asked for) and reads
 * orders with getOrder through `prism proxy --errors`, which validates each request and reply
 * against Amazon's model (test/fixtures/amazon/models/orders_2026-01-01.json). A recorder
 * between the connector and Prism keeps each exchange's status and `sl-violations`.
 *
 *   connector ──► recorder ──► prism proxy --errors ──► sandbox (SP-API)
 *   connector ─────────────────────────────────────────► sandbox (LWA; not in the model)
 */
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMAZON_2026_INCLUDED_DATA, createAmazonClient, type AmazonClient } from '../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { CURATED_ORDER_IDS, MARKETPLACES, SANDBOX_DEMO_CREDENTIALS, generateAmazonSeed, startAmazonSandbox, type AmazonSandbox } from '../../sandbox/amazon/index.js';
import { requestToken } from '../sandbox/amazon/sandbox-client.js';
import { startPrism, startPrismRecorder, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODEL = fileURLToPath(new URL('../fixtures/amazon/models/orders_2026-01-01.json', import.meta.url));

interface Exchange {
  readonly url: string;
  readonly status: number;
  readonly violations?: string;
}

// Seeded against the real clock: the sandbox's token expiry needs a clock that moves.
const startedAt = new Date();
const seed = generateAmazonSeed({ now: startedAt }).orders;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const WINDOW_START = iso(startedAt.getTime() - 31 * 86_400_000);
/** Amazon.co.uk: the marketplace of the seeded order whose PurchaseDate is not a date. */
const UK = 'A1F83G8C2ARO7P';

let sandbox: AmazonSandbox | undefined;
let prism: RunningPrism | undefined;
let recorder: RunningRecorder | undefined;
let client: AmazonClient;
const exchanges: Exchange[] = [];

async function stopAll(): Promise<void> {
  const [p, r, sbx] = [prism, recorder, sandbox];
  [prism, recorder, sandbox] = [undefined, undefined, undefined];
  await p?.stop();
  await r?.stop();
  await sbx?.close();
}

beforeAll(async () => {
  try {
    sandbox = await startAmazonSandbox({ port: 0, orders: seed, rateLimits: false, minLagSeconds: 0 });
    prism = await startPrism({ mode: 'proxy', spec: MODEL, upstream: sandbox.url });
    recorder = await startPrismRecorder(prism.url, ({ url, status, violations }) => {
      exchanges.push({ url, status, ...(violations === undefined ? {} : { violations }) });
    });
    client = createAmazonClient({
      tenant: 'contract-proxy-2026',
      settings: {
        region: 'eu',
        marketplaceIds: MARKETPLACES.map((m) => m.marketplaceId),
        endpoint: recorder.url,
        tokenEndpoint: `${sandbox.url}/auth/o2/token`,
        rateLimits: { searchOrders: { rate: 1_000, burst: 100 }, getOrder: { rate: 1_000, burst: 100 } },
      },
      credentials: { ...SANDBOX_DEMO_CREDENTIALS },
      limiter: new RateLimiterRegistry(),
      logger: pino({ level: 'silent' }),
      // No resend of a Prism 500: it must surface as a failure.
      retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
      maxThrottleRetries: 0,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}, 40_000);

afterAll(stopAll, 15_000);

describe('the Amazon connector on Orders 2026-01-01 over the sandbox, through prism proxy --errors', () => {
  it('searchOrders with every dataset walks every seeded order outside the UK once; every reply passes the model', async () => {
    const marketplaceIds = MARKETPLACES.map((m) => m.marketplaceId).filter((id) => id !== UK);
    const ids: string[] = [];
    const query = { marketplaceIds, lastUpdatedAfter: WINDOW_START, maxResultsPerPage: 50, includedData: AMAZON_2026_INCLUDED_DATA } as const;
    let page = await client.searchOrders(query);
    for (;;) {
      ids.push(...page.orders.map((o) => (o as { orderId: string }).orderId));
      if (page.nextToken === undefined) break;
      page = await client.searchOrders({ ...query, paginationToken: page.nextToken });
    }
    const expected = seed.filter((o) => o.order.MarketplaceId !== UK).map((o) => o.order.AmazonOrderId);
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(exchanges).toHaveLength(Math.ceil(expected.length / 50));
    expect(exchanges.filter((e) => e.status !== 200 || e.violations !== undefined)).toEqual([]);
  });

  it('the seeded order with an impossible PurchaseDate breaks the 2026 model itself: createdTime is a date-time there (v0 PurchaseDate is plain text)', async () => {
    const from = exchanges.length;
    const error = await client.searchOrders({ marketplaceIds: [UK], lastUpdatedAfter: WINDOW_START }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const seen = exchanges.slice(from);
    expect(seen.map((e) => e.status)).toEqual([500]);
    const violations = JSON.parse(seen[0]?.violations ?? '[]') as { location: string[]; code: string }[];
    expect(violations.map((v) => [v.location.at(-1), v.code])).toEqual([['createdTime', 'format']]);
    const broken = seed.find((o) => o.order.AmazonOrderId === CURATED_ORDER_IDS.invalidPurchaseDateUk)!;
    expect(broken.order.MarketplaceId).toBe(UK);
  });

  it('getOrder of multi-item orders, with every dataset and with none, passes the model', async () => {
    const from = exchanges.length;
    const token = await requestToken(sandbox!.url);
    const records = seed.filter((o) => o.items.length > 2).slice(0, 5);
    for (const record of records) {
      for (const included of [AMAZON_2026_INCLUDED_DATA.join(','), undefined]) {
        const qs = included ? `?includedData=${included}` : '';
        const res = await fetch(`${recorder!.url}/orders/2026-01-01/orders/${record.order.AmazonOrderId}${qs}`, { headers: { 'x-amz-access-token': token } });
        const body = (await res.json()) as { order: { orderItems: unknown[] } };
        expect(body.order.orderItems).toHaveLength(record.items.length);
      }
    }
    expect(exchanges.slice(from).map((e) => [e.status, e.violations])).toEqual(records.flatMap(() => [[200, undefined], [200, undefined]]));
  });

  it('a 400 for both createdAfter and lastUpdatedAfter passes the model as an ErrorList', async () => {
    const from = exchanges.length;
    const token = await requestToken(sandbox!.url);
    const res = await fetch(`${recorder!.url}/orders/2026-01-01/orders?createdAfter=${WINDOW_START}&lastUpdatedAfter=${WINDOW_START}`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('InvalidInput');
    expect(exchanges.slice(from).map((e) => [e.status, e.violations])).toEqual([[400, undefined]]);
  });
});
