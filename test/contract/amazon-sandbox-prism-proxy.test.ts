/**
 * Contract test in Prism PROXY mode: the real Amazon connector walks the whole offline
 * sandbox data set through `prism proxy --errors`, which validates every request AND every
 * response against Amazon's own Orders v0 model (test/fixtures/amazon/models/ordersV0.json)
 * and turns any violation into an error (422 for a request, 500 + `sl-violations` for a
 * response). A recording proxy between the connector and Prism keeps the status and
 * `sl-violations` of every exchange for the asserts.
 *
 *   connector ──► recorder ──► prism proxy --errors ──► sandbox (SP-API)
 *   connector ─────────────────────────────────────────► sandbox (LWA; not in the model)
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAmazonClient, type AmazonClient } from '../../connectors/amazon/index.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import {
  CURATED_ORDER_IDS,
  MARKETPLACES,
  SANDBOX_DEMO_CREDENTIALS,
  generateAmazonSeed,
  startAmazonSandbox,
  type AmazonSandbox,
  type SandboxOrder,
} from '../../sandbox/amazon/index.js';
import { startPrism, startPrismRecorder, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODEL = fileURLToPath(new URL('../fixtures/amazon/models/ordersV0.json', import.meta.url));

/** The sandbox's default getOrderItems page size. */
const ITEMS_PAGE_SIZE = 20;
const ORDERS_PAGE_SIZE = 50;
/** Not one of the client's marketplaces: the deliberately broken order never shows up in the walks. */
const NL = 'A1805IZSGTT6HS';

type Operation = 'getOrders' | 'getOrder' | 'getOrderItems';

interface Exchange {
  readonly operation: Operation | 'other';
  readonly url: string;
  readonly status: number;
  readonly violations?: string;
}

// Seeded against the real clock: the sandbox's token expiry and buckets need a clock that moves.
const startedAt = new Date();
const seed: readonly SandboxOrder[] = generateAmazonSeed({ now: startedAt }).orders;
const seedById = new Map(seed.map((r) => [r.order.AmazonOrderId, r] as const));
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** Before every seeded PurchaseDate and LastUpdateDate (the seed spans 30 days). */
const WINDOW_START = iso(startedAt.getTime() - 31 * 86_400_000);

let sandbox: AmazonSandbox | undefined;
let prism: RunningPrism | undefined;
let recorder: RunningRecorder | undefined;
let client: AmazonClient;
const exchanges: Exchange[] = [];

function operationOf(path: string): Exchange['operation'] {
  if (/^\/orders\/v0\/orders\/?$/.test(path)) return 'getOrders';
  if (/^\/orders\/v0\/orders\/[^/]+\/orderItems\/?$/.test(path)) return 'getOrderItems';
  if (/^\/orders\/v0\/orders\/[^/]+\/?$/.test(path)) return 'getOrder';
  return 'other';
}

async function stopAll(): Promise<void> {
  const [p, r, sbx] = [prism, recorder, sandbox];
  [prism, recorder, sandbox] = [undefined, undefined, undefined];
  await p?.stop();
  await r?.stop();
  await sbx?.close();
}

function sb(): AmazonSandbox {
  if (sandbox === undefined) throw new Error('sandbox not started');
  return sandbox;
}

beforeAll(async () => {
  try {
    // timeScale 10 000: getOrderItems refills at 5 000/s, so a sequential walk never empties a bucket.
    sandbox = await startAmazonSandbox({ port: 0, orders: seed, rateLimits: true, timeScale: 10_000, minLagSeconds: 0 });
    prism = await startPrism({ mode: 'proxy', spec: MODEL, upstream: sandbox.url });
    recorder = await startPrismRecorder(prism.url, ({ url, status, violations }) => {
      exchanges.push({
        operation: operationOf(new URL(url, 'http://x').pathname),
        url,
        status,
        ...(violations === undefined ? {} : { violations }),
      });
    });
    client = createAmazonClient({
      tenant: 'contract-proxy',
      settings: {
        region: 'eu',
        marketplaceIds: MARKETPLACES.map((m) => m.marketplaceId),
        endpoint: recorder.url,
        // Prism answers 404 for paths not in the model, so LWA goes straight to the sandbox.
        tokenEndpoint: `${sandbox.url}/auth/o2/token`,
        rateLimits: {
          getOrders: { rate: 1_000, burst: 100 },
          getOrder: { rate: 1_000, burst: 100 },
          getOrderItems: { rate: 1_000, burst: 100 },
        },
      },
      credentials: {
        clientId: SANDBOX_DEMO_CREDENTIALS.clientId,
        clientSecret: SANDBOX_DEMO_CREDENTIALS.clientSecret,
        refreshToken: SANDBOX_DEMO_CREDENTIALS.refreshToken,
      },
      limiter: new RateLimiterRegistry(),
      logger: pino({ level: 'silent' }),
      // No resend of a Prism 500 and no waiting out a 429: either must surface as a failure.
      retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
      maxThrottleRetries: 0,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}, 40_000);

afterAll(stopAll, 15_000);

/** Runs a connector call; if it fails, the error lists Prism's recent exchanges and violations. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const seen = exchanges
      .slice(-5)
      .map((e) => `${e.url} → ${e.status} ${e.violations ?? ''}`)
      .join('\n');
    throw new Error(`${(error as Error).message}\nlast Prism exchanges:\n${seen}`, { cause: error });
  }
}

/** Every exchange since `from`: the expected count, all 200, none with sl-violations. */
function expectClean(from: number, count: number, operation: Operation): void {
  const since = exchanges.slice(from);
  expect(since).toHaveLength(count);
  const bad = since.filter((e) => e.status !== 200 || e.violations !== undefined || e.operation !== operation);
  expect(bad).toEqual([]);
}

/** Sandbox order: (key, AmazonOrderId); a PurchaseDate that is not a date sorts by LastUpdateDate. */
function idsInOrder(mode: 'created' | 'updated'): string[] {
  const key = (r: SandboxOrder): number => {
    const created = Date.parse(r.order.PurchaseDate);
    const valid = !Number.isNaN(created) && r.order.AmazonOrderId !== CURATED_ORDER_IDS.invalidPurchaseDateUk;
    return mode === 'created' && valid ? created : Date.parse(r.order.LastUpdateDate);
  };
  return [...seed]
    .sort((a, b) => key(a) - key(b) || (a.order.AmazonOrderId < b.order.AmazonOrderId ? -1 : 1))
    .map((r) => r.order.AmazonOrderId);
}

/** What the wire carries: the seed record after a JSON round trip. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function expectedItemPages(r: SandboxOrder): number {
  return Math.max(1, Math.ceil(r.items.length / ITEMS_PAGE_SIZE));
}

describe('the Amazon connector over the whole sandbox data set, through prism proxy --errors', () => {
  it('seeds 240 orders from all nine marketplaces', () => {
    expect(seed).toHaveLength(240);
    expect(sb().stats().orders).toBe(240);
    expect(new Set(seed.map((r) => r.order.MarketplaceId)).size).toBe(9);
  });

  it('getOrders by LastUpdatedAfter over the full window reaches every order exactly once', async () => {
    const from = exchanges.length;
    const ids: string[] = [];
    const pageSizes: number[] = [];
    let page = await call(() => client.getOrders({ lastUpdatedAfter: WINDOW_START, maxResultsPerPage: ORDERS_PAGE_SIZE }));
    for (;;) {
      pageSizes.push(page.orders.length);
      for (const raw of page.orders) ids.push((raw as { AmazonOrderId: string }).AmazonOrderId);
      expect(page.lastUpdatedBefore).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
      const token = page.nextToken;
      if (token === undefined) break;
      page = await call(() => client.getOrders({ nextToken: token }));
    }
    expect(pageSizes).toEqual([50, 50, 50, 50, 40]);
    expect(ids).toHaveLength(240);
    expect(new Set(ids).size).toBe(240);
    expect(ids).toEqual(idsInOrder('updated'));
    expectClean(from, 5, 'getOrders');
  });

  it('getOrders by CreatedAfter: the first two pages, oldest purchases first', async () => {
    const from = exchanges.length;
    const first = await call(() => client.getOrders({ createdAfter: WINDOW_START, maxResultsPerPage: ORDERS_PAGE_SIZE }));
    const token = first.nextToken;
    expect(token).toBeDefined();
    const second = await call(() => client.getOrders({ nextToken: token as string }));
    const ids = [...first.orders, ...second.orders].map((o) => (o as { AmazonOrderId: string }).AmazonOrderId);
    expect(ids).toEqual(idsInOrder('created').slice(0, 100));
    expect(first.createdBefore).toBeDefined();
    expect(second.nextToken).toBeDefined();
    expectClean(from, 2, 'getOrders');
  });

  it('getOrder returns the curated records exactly as seeded', async () => {
    const from = exchanges.length;
    const ids = [
      CURATED_ORDER_IDS.arabicAddressAe,
      CURATED_ORDER_IDS.japaneseAddressJp,
      CURATED_ORDER_IDS.manyLinesDe,
      CURATED_ORDER_IDS.oddWhitespaceDe,
      CURATED_ORDER_IDS.noShippingAddressUs,
      CURATED_ORDER_IDS.postalOnlyAddressEs,
      CURATED_ORDER_IDS.invalidPurchaseDateUk,
      CURATED_ORDER_IDS.nonIsoCurrencyFr,
    ];
    for (const id of ids) {
      const result = await call(() => client.getOrder(id));
      expect(result.order, id).toEqual(wire(seedById.get(id)?.order));
    }
    const arabic = (await call(() => client.getOrder(CURATED_ORDER_IDS.arabicAddressAe))).order as {
      ShippingAddress: Record<string, string>;
    };
    expect(arabic.ShippingAddress.AddressLine1).toBe('شارع الشيخ زايد، برج الواحة');
    const japanese = (await call(() => client.getOrder(CURATED_ORDER_IDS.japaneseAddressJp))).order as {
      ShippingAddress: Record<string, string>;
    };
    expect(japanese.ShippingAddress.AddressLine2).toBe('サンハイツ 302号室');
    expectClean(from, ids.length + 2, 'getOrder');
  });

  it('getAllOrderItems for every order returns its items exactly as seeded, paging the 47-line order', async () => {
    const from = exchanges.length;
    let items = 0;
    for (const record of seed) {
      const id = record.order.AmazonOrderId;
      const got = await call(() => client.getAllOrderItems(id));
      expect(got, id).toEqual(wire(record.items));
      items += got.length;
    }
    expect(items).toBe(412);
    const many = seedById.get(CURATED_ORDER_IDS.manyLinesDe) as SandboxOrder;
    expect(many.items).toHaveLength(47);
    expect(expectedItemPages(many)).toBe(3);
    const pages = seed.reduce((n, r) => n + expectedItemPages(r), 0);
    expect(pages).toBe(242); // 239 one-page orders + 3 pages of the 47-line order
    expectClean(from, pages, 'getOrderItems');
    // The 47-line order's second and third pages were asked for by NextToken.
    const manyPages = exchanges.slice(from).filter((e) => e.url.startsWith(`/orders/v0/orders/${CURATED_ORDER_IDS.manyLinesDe}/orderItems`));
    expect(manyPages.map((e) => e.url.includes('NextToken='))).toEqual([false, true, true]);
  }, 60_000);

  it('every exchange so far passed Prism: none failed, none throttled, none with sl-violations', () => {
    const count = (op: Operation): number => exchanges.filter((e) => e.operation === op).length;
    expect({ getOrders: count('getOrders'), getOrder: count('getOrder'), getOrderItems: count('getOrderItems') }).toEqual({
      getOrders: 7,
      getOrder: 10,
      getOrderItems: 242,
    });
    expect(exchanges.filter((e) => e.status !== 200 || e.violations !== undefined || e.operation === 'other')).toEqual([]);
    // Prism forwarded each of them to the sandbox, which answered 200 and never throttled.
    const stats = sb().stats();
    for (const op of ['getOrders', 'getOrder', 'getOrderItems'] as const) {
      expect(stats.operations[op], op).toEqual({ requests: count(op), throttled: 0, injectedFaults: 0, statuses: { 200: count(op) }, firstAt: expect.any(Number), lastAt: expect.any(Number) });
    }
    // One LWA token for the whole run, straight from the sandbox.
    expect(stats.tokensIssued).toBe(1);
    expect(client.stats()).toMatchObject({ requests: 259, throttled: 0, retries: 0, tokenRefreshes: 1 });
  });
});

/** A raw GET through Prism (bypassing the connector's own request checks). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }> {
  if (prism === undefined) throw new Error('prism not started');
  const { port } = prism;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { accept: 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the proxy check can fail', () => {
  it('a request that breaks the model (no MarketplaceIds) is refused by Prism and never reaches the sandbox', async () => {
    const before = sb().stats().operations.getOrders.requests;
    const response = await rawGet(`/orders/v0/orders?LastUpdatedAfter=${encodeURIComponent(WINDOW_START)}`);
    expect(response.status).toBe(422);
    expect((response.body as { validation: unknown }).validation).toEqual([
      { location: ['query'], severity: 'Error', code: 'required', message: "Request query must have required property 'marketplaceids'" },
    ]);
    expect(sb().stats().operations.getOrders.requests).toBe(before);
  });

  it('a response that breaks the model (OrderStatus outside the enum, QuantityOrdered a string) is turned into a 500 with sl-violations', async () => {
    const id = '408-0000000-0000001';
    const updated = iso(Date.now() - 3_600_000);
    const bad = {
      order: {
        AmazonOrderId: id,
        PurchaseDate: updated,
        LastUpdateDate: updated,
        OrderStatus: 'Teleported',
        MarketplaceId: NL,
      },
      items: [{ ASIN: 'B0TESTTEST', OrderItemId: '99999999999999', QuantityOrdered: '2' }],
    };
    // Deliberately off-model: the sandbox serves what it is given, Prism must object.
    expect(sb().addOrders([bad as unknown as SandboxOrder])).toBe(1);
    const before = sb().stats().operations;
    const from = exchanges.length;

    const orderError = await rejection(client.getOrder(id));
    const itemsError = await rejection(client.getOrderItems(id));
    const pageError = await rejection(client.getOrders({ marketplaceIds: [NL], lastUpdatedAfter: WINDOW_START }));
    for (const error of [orderError, itemsError, pageError]) {
      expect({ kind: error.kind, status: error.status }).toEqual({ kind: 'transient', status: 500 });
    }

    const seen = exchanges.slice(from);
    expect(seen.map((e) => [e.operation, e.status])).toEqual([
      ['getOrder', 500],
      ['getOrderItems', 500],
      ['getOrders', 500],
    ]);
    expect(seen.map((e) => JSON.parse(e.violations ?? 'null') as unknown)).toEqual([
      [
        {
          location: ['response', 'body', 'payload', 'OrderStatus'],
          severity: 'Error',
          code: 'enum',
          message:
            'Response body property payload.OrderStatus must be equal to one of the allowed values: Pending, Unshipped, PartiallyShipped, Shipped, Canceled, Unfulfillable, InvoiceUnconfirmed, PendingAvailability',
        },
      ],
      [
        {
          location: ['response', 'body', 'payload', 'OrderItems', '0', 'QuantityOrdered'],
          severity: 'Error',
          code: 'type',
          message: 'Response body property payload.OrderItems.0.QuantityOrdered must be integer',
        },
      ],
      [
        {
          location: ['response', 'body', 'payload', 'Orders', '0', 'OrderStatus'],
          severity: 'Error',
          code: 'enum',
          message:
            'Response body property payload.Orders.0.OrderStatus must be equal to one of the allowed values: Pending, Unshipped, PartiallyShipped, Shipped, Canceled, Unfulfillable, InvoiceUnconfirmed, PendingAvailability',
        },
      ],
    ]);
    // The sandbox itself answered 200 each time: the violation was caught by Prism, in the response.
    const after = sb().stats().operations;
    for (const op of ['getOrders', 'getOrder', 'getOrderItems'] as const) {
      expect((after[op].statuses[200] ?? 0) - (before[op].statuses[200] ?? 0), op).toBe(1);
    }
  });
});
