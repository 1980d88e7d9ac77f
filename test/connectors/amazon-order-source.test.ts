/**
 * Amazon as an order source (its descriptor's capability) against the SP-API stand-in:
 * pages of raw orders with their AmazonOrderId and LastUpdateDate, the cursor that
 * continues the listing, the lines of one order, and the 429s it saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability, type OrderSource } from '../../connectors/registry.js';
import { SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox } from '../../sandbox/amazon/index.js';
import { createLogger } from '../../worker/logger.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const WINDOW = { from: '2026-01-01T00:00:00Z', to: '2026-03-10T11:00:00Z' };

describe('amazon orderSource capability', () => {
  let sandbox: AmazonSandbox;
  let source: OrderSource;

  beforeAll(async () => {
    sandbox = await startAmazonSandbox({ seed: { count: 30 }, now: () => NOW, rateLimits: false });
    const amazon = connectorFor('amazon');
    const settings = amazon.settings.parse({ region: 'eu', marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1F83G8C2ARO7P', 'A2VIGQ35RCS4UG', 'ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1VC38T7YXB528'], endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token` });
    const connector = amazon.connect({ tenant: 'acme', settings, credentials: { ...SANDBOX_DEMO_CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: createLogger({ level: 'silent' }) });
    source = requireCapability(connector, 'orderSource', 'acme/amazon-eu');
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('pages through orders: each record is the raw order with its id and last-update time; the cursor continues', async () => {
    const first = await source.listOrders({ window: WINDOW, pageSize: 20 });
    expect(first.records).toHaveLength(20);
    expect(first.cursor).toEqual(expect.any(String));
    for (const r of first.records) {
      const raw = r.order as { AmazonOrderId: string; LastUpdateDate: string };
      expect([r.id, r.updatedAt]).toEqual([raw.AmazonOrderId, raw.LastUpdateDate]);
    }
    const second = await source.listOrders({ window: WINDOW, pageSize: 20, cursor: first.cursor! });
    expect(second.cursor).toBeUndefined();
    const ids = [...first.records, ...second.records].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of [...first.records, ...second.records]) {
      expect(r.updatedAt! >= WINDOW.from && r.updatedAt! < WINDOW.to).toBe(true);
      expect(sandbox.getOrder(r.id!)?.order.LastUpdateDate).toBe(r.updatedAt);
    }
  });

  it('fetches the lines of one order, every getOrderItems page', async () => {
    const { records } = await source.listOrders({ window: WINDOW, pageSize: 1 });
    const id = records[0]!.id!;
    const lines = await source.orderLines!(id, {});
    expect(lines.map((l) => (l as { OrderItemId: string }).OrderItemId)).toEqual(sandbox.getOrder(id)!.items.map((i) => i.OrderItemId));
    expect(source.throttled()).toBe(0);
    expect(source.maxPageSize).toBe(100);
  });
});
