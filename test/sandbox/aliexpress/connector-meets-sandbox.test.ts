/**
 * The AliExpress connector against the sandbox over real HTTP: both sides were built from the
 * vendor's docs and samples on their own, so this is where they must meet — the connector's
 * signing, token refresh, order paging (Pacific window, ids above 2^53) and error typing, and
 * the order mapping on what the sandbox serves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAliexpressClient } from '../../../connectors/aliexpress/client.js';
import { AliexpressOrderSchema } from '../../../connectors/aliexpress/schemas/order.js';
import { ConnectorError } from '../../../connectors/http/errors.js';
import { createProductTypeValidator } from '../../../engines/listing/product-type-schema.js';
import { aliexpressOrderToOrder } from '../../../mappings/aliexpress/index.js';
import { CATEGORIES, generateAliexpressSeed, SANDBOX_ALIEXPRESS_CREDENTIALS, startAliexpressSandbox, type AliexpressSandbox, type AliexpressSandboxOptions } from '../../../sandbox/aliexpress/index.js';
import { FakeClock } from '../../connectors/fake-clock.js';
import { captureLogs } from '../../connectors/log-capture.js';
import { startGateway, T0 } from './gateway-client.js';

let sandbox: AliexpressSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function connect(options: AliexpressSandboxOptions = {}, appSecret: string = SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret) {
  const clock = new FakeClock(Date.parse('2026-03-15T12:00:00Z'));
  sandbox = await startAliexpressSandbox({ seed: { count: 45, seed: 3 }, clock, ...options });
  const logs = captureLogs();
  const client = createAliexpressClient({
    tenant: 'demo',
    settings: { appKey: SANDBOX_ALIEXPRESS_CREDENTIALS.appKey, endpoint: sandbox.url, rateLimit: { rate: 1000, burst: 1000 } },
    credentials: { appSecret, refreshToken: SANDBOX_ALIEXPRESS_CREDENTIALS.refreshToken },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 2 },
  });
  return { client, logs, sb: sandbox };
}

describe('connectors/aliexpress against the sandbox', () => {
  it('refreshes its token, pages the orders of a Pacific modified-time window with exact ids, and maps every order', async () => {
    const { client, logs, sb } = await connect();
    const window = { modifiedFrom: '2026-02-01 00:00:00', modifiedTo: '2026-03-15 05:00:00' };
    const pages = [];
    for (let page = 1; ; page++) {
      const result = await client.listOrders({ ...window, page, pageSize: 20 });
      pages.push(result);
      if (!result.hasMore) break;
    }
    expect(pages.map((p) => p.orders.length)).toEqual([20, 20, 5]);
    expect(pages[0]!.totalCount).toBe('45');
    const orders = pages.flatMap((p) => p.orders);
    for (const o of orders) expect(o.order_id).toMatch(/^81\d{17}$/);
    const mapped = orders.map((o) => aliexpressOrderToOrder(o, { channel: 'aliexpress' }));
    const failures = mapped.filter((m) => !m.ok);
    expect(failures).toEqual([]);
    const ok = mapped.flatMap((m) => (m.ok ? [m.value] : []));
    expect([...new Set(ok.map((o) => o.status))]).toEqual(expect.arrayContaining(['pending', 'unshipped', 'shipped']));
    expect(ok.some((o) => /[\u4e00-\u9fff]/.test(o.buyer?.name ?? ''))).toBe(true);
    expect(ok.every((o) => o.totals?.orderTotal?.currency === 'USD')).toBe(true);
    expect(sb.stats().calls).toMatchObject({ '/auth/token/refresh': 1, 'aliexpress.solution.order.get': 3 });
    expect(logs.text()).not.toContain(SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret);
  });

  it('types the sandbox refusals as the connector classifies the platform: a wrong secret is auth, a quota ban rate_limited', async () => {
    const wrong = await connect({}, 'not-the-secret');
    const refused = await wrong.client.listOrders({ page: 1, pageSize: 5 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect((refused as ConnectorError).kind).toBe('auth');
    expect(wrong.sb.stats().rejectedSignatures).toBe(1);
    await wrong.sb.close();

    const limited = await connect({ callLimit: { rate: 0.001, burst: 1 } });
    await limited.client.listOrders({ page: 1, pageSize: 5 });
    const banned = await limited.client.listOrders({ page: 1, pageSize: 5 }).catch((e: unknown) => e);
    expect(banned).toBeInstanceOf(ConnectorError);
    expect((banned as ConnectorError).kind).toBe('rate_limited');
    expect((banned as ConnectorError).vendorCode).toBe('ApiCallLimit');
  });
});

describe('the sandbox order replies the connector does not call yet, read by the wire schema and the mapping', () => {
  it('maps order.info.get data (children, receipt address) to a canonical order with its address in Cyrillic', async () => {
    const { gw, token } = await startGateway();
    sandbox = gw.sandbox;
    const seeded = generateAliexpressSeed({ count: 45, seed: 7 }, T0).orders.find((o) => o.buyer.country === 'RU' && o.shipments.length > 0)!;
    const reply = await gw.call('aliexpress.solution.order.info.get', { param1: { order_id: seeded.id } }, { accessToken: token });
    const wire = AliexpressOrderSchema.parse(reply.body.aliexpress_solution_order_info_get_response.result.data);
    const mapped = aliexpressOrderToOrder(wire, { channel: 'aliexpress', api: 'aliexpress_solution_order_info_get' });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
    expect(mapped.value.externalId).toBe(seeded.id);
    expect(mapped.value.shipTo).toMatchObject({ country: 'RU', city: seeded.buyer.city });
    expect(mapped.value.shipTo?.lines[0]).toMatch(/[а-я]/);
    expect(mapped.value.lines).toHaveLength(seeded.lines.length);
  });
});

describe('the category schemas served by product.schema.get, in the listing engine', () => {
  it('compile in the engine validator, accept every seeded document and name a missing attribute', async () => {
    const { gw, token } = await startGateway();
    sandbox = gw.sandbox;
    const validator = createProductTypeValidator();
    const seededProducts = generateAliexpressSeed({ count: 0, seed: 7 }, T0).products;
    for (const category of CATEGORIES) {
      const reply = await gw.call('aliexpress.solution.product.schema.get', { aliexpress_category_id: String(category.id) }, { accessToken: token });
      const schema = JSON.parse(reply.body.aliexpress_solution_product_schema_get_response.result.schema as string) as object;
      const docs = seededProducts.filter((p) => p.categoryId === category.id).map((p) => p.document);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) expect(validator.validate(schema, doc, { productType: String(category.id) })).toEqual([]);
      const { brand_name: _b, sku_info_list: _s, ...partial } = docs[0]!;
      const issues = validator.validate(schema, partial, { productType: String(category.id) });
      expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining(['sku_info_list is required']));
    }
  });
});
