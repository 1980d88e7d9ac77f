/**
 * ordersSync end to end on the real dev server against the sandbox SP-API: full import
 * of the seeded orders, a rerun that writes nothing, an update picked up, malformed
 * records dead-lettered by order and field, continue-as-new, search attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_MALFORMED_ORDERS } from '../../sandbox/amazon/index.js';
import { countOrders, getOrder, listDeadLetters, listRuns as listStoredRuns, ordersSnapshot } from '../../store/index.js';
import { SEARCH_ATTRIBUTES } from '../../temporal.config.js';
import { listRuns } from '../../cli/commands/runs.js';
import { startOrdersSync, queryProgress } from '../../cli/commands/sync.js';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { SANDBOX_DEMO_CREDENTIALS } from '../../sandbox/amazon/index.js';
import { createHarness, eventually, type Harness } from './harness.js';

const SEEDED = 240;
const MALFORMED = KNOWN_MALFORMED_ORDERS.length;

describe('ordersSync against the sandbox', () => {
  let h: Harness;
  const tenant = `acme-${Date.now().toString(36)}`;
  const cantenant = `can-${Date.now().toString(36)}`;

  beforeAll(async () => {
    h = await createHarness({ tenants: [tenant, cantenant], orders: { pageSize: 50 } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('imports every seeded order and dead-letters the malformed ones by order and field', async () => {
    const summary = await h.sync(tenant);
    expect(summary.totals.fetched).toBe(SEEDED);
    expect(summary.totals.inserted).toBe(SEEDED - MALFORMED);
    expect(summary.totals.updated).toBe(0);
    expect(summary.totals.deadLettered).toBe(MALFORMED);
    expect(summary.pages).toBe(Math.ceil(SEEDED / 50));
    expect(await countOrders(h.db, { tenant })).toBe(SEEDED - MALFORMED);

    const dead = await listDeadLetters(h.db, { tenant });
    expect(dead.map((d) => d.externalId).sort()).toEqual(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId).sort());
    for (const m of KNOWN_MALFORMED_ORDERS) {
      const d = dead.find((x) => x.externalId === m.amazonOrderId)!;
      // The sandbox names the field in wire terms (OrderItems[0]…); the dead letter names it as mapped (items[0]…).
      expect(d.field).toBe(m.field.replace(/^OrderItems/, 'items'));
      expect(d.message).toContain(m.amazonOrderId);
    }

    const runs = await listStoredRuns(h.db, { tenant });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', inserted: SEEDED - MALFORMED, deadLettered: MALFORMED });
  });

  it('a second run imports nothing new and writes nothing', async () => {
    const before = await ordersSnapshot(h.db, tenant);
    const summary = await h.sync(tenant);
    expect(summary.totals.inserted).toBe(0);
    expect(summary.totals.updated).toBe(0);
    expect(await ordersSnapshot(h.db, tenant)).toEqual(before);
    // Re-reading the same bad records does not double the dead letters.
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(MALFORMED);
  });

  it('picks up an order updated after the last sync', async () => {
    const snapshot = await ordersSnapshot(h.db, tenant);
    const target = snapshot.find((o) => o.externalId.startsWith('3'))!;
    const before = await getOrder(h.db, tenant, 'amazon', target.externalId);
    expect(before).toBeDefined();
    const nextStatus = before!.status === 'cancelled' ? 'Shipped' : 'Canceled';
    h.sandbox.updateOrder(target.externalId, { OrderStatus: nextStatus });

    const summary = await h.sync(tenant);
    expect(summary.totals.updated).toBe(1);
    expect(summary.totals.inserted).toBe(0);
    const after = await getOrder(h.db, tenant, 'amazon', target.externalId);
    expect(after!.rawStatus).toBe(nextStatus);
    const row = (await ordersSnapshot(h.db, tenant)).find((o) => o.externalId === target.externalId)!;
    expect(row.version).toBe(2);
  });

  it('continues as new on long imports and keeps the totals', async () => {
    const summary = await h.sync(cantenant, { pageSize: 10, continueAsNewAfterEvents: 40 });
    expect(summary.continuedAsNew).toBeGreaterThan(0);
    expect(summary.pages).toBe(Math.ceil(SEEDED / 10));
    expect(summary.totals.fetched).toBe(SEEDED);
    expect(summary.totals.inserted).toBe(SEEDED - MALFORMED);
    expect(await countOrders(h.db, { tenant: cantenant })).toBe(SEEDED - MALFORMED);
    // Same content as the single-run import of the other tenant.
    const a = (await ordersSnapshot(h.db, cantenant)).map((o) => [o.externalId, o.contentHash]);
    const b = (await ordersSnapshot(h.db, tenant)).map((o) => [o.externalId, o.contentHash]);
    expect(a.length).toBe(b.length);
  });

  it('is filterable by tenant in visibility, with counts, and answers the progress query', async () => {
    const rows = await eventually(async () => {
      const r = await listRuns(h.client, { tenant, limit: 50 });
      return r.length >= 3 && r.every((x) => x.status === 'COMPLETED' && x.imported !== undefined) ? r : undefined;
    });
    expect(rows.every((r) => r.tenant === tenant && r.channel === 'amazon' && r.flow === 'orders-sync')).toBe(true);
    expect(rows.map((r) => r.workflowId)).toContain(`orders-sync/${tenant}/amazon`);
    expect(Math.max(...rows.map((r) => r.imported ?? 0))).toBe(SEEDED - MALFORMED);
    const other = await listRuns(h.client, { tenant: 'nobody-has-this-tenant' });
    expect(other).toEqual([]);

    const s = await startOrdersSync(h.client, tenant, 'amazon', { taskQueue: h.taskQueue });
    const p = await eventually(() => queryProgress(s.handle));
    expect(p.tenant).toBe(tenant);
    expect(['planning', 'importing', 'finishing', 'done']).toContain(p.phase);
    await s.handle.result();
    const done = await queryProgress(s.handle);
    expect(done?.phase).toBe('done');
    expect(SEARCH_ATTRIBUTES.tenant.name).toBe('CaravanTenant');
  });

  it('keeps secrets, access tokens and buyers\' personal data out of the logs', async () => {
    const text = h.logs.join('');
    expect(text).toContain('orders page imported');
    expect(text).toContain('http response'); // trace level reached the connector
    for (const secret of [SANDBOX_DEMO_CREDENTIALS.clientSecret, SANDBOX_DEMO_CREDENTIALS.refreshToken, 'Atza|', 'Atzr|']) {
      expect(text).not.toContain(secret);
    }
    const order = await getOrder(h.db, tenant, 'amazon', (await ordersSnapshot(h.db, tenant))[0]!.externalId);
    const pii = [order?.buyer?.email, order?.buyer?.name, order?.shipTo?.lines[0]].filter((x): x is string => !!x);
    expect(pii.length).toBeGreaterThan(0);
    for (const value of pii) expect(text).not.toContain(value);
  });

  it('keeps secrets and access tokens out of workflow history', async () => {
    const handle = h.client.workflow.getHandle(`orders-sync/${tenant}/amazon`);
    const history = historyToJSON(await handle.fetchHistory());
    expect(history).toContain('importOrdersPage');
    for (const secret of [SANDBOX_DEMO_CREDENTIALS.clientSecret, SANDBOX_DEMO_CREDENTIALS.refreshToken, 'Atza|', 'Atzr|']) {
      expect(history).not.toContain(secret);
    }
  });
});

describe('ordersSync when the vendor refuses the credentials', () => {
  let h: Harness;
  const tenant = `refused-${Date.now().toString(36)}`;
  const goodToken = SANDBOX_DEMO_CREDENTIALS.refreshToken;

  beforeAll(async () => {
    h = await createHarness({ tenants: [tenant] });
    // Read on the connection's first use, inside the activity: a revoked refresh token.
    process.env.CARAVAN_TEST_LWA_REFRESH_TOKEN = 'Atzr|revoked-by-the-seller';
  });
  afterAll(async () => {
    process.env.CARAVAN_TEST_LWA_REFRESH_TOKEN = goodToken;
    await h?.stop();
  });

  it('fails at once with the auth failure, and still closes its run summary as failed', async () => {
    const failure = (await h.sync(tenant).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { cause?: Error & { cause?: { type?: string } } };
    expect(failure).toBeInstanceOf(Error);
    expect(failure.cause?.cause?.type).toBe('auth');
    const runs = await listStoredRuns(h.db, { tenant });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'failed', inserted: 0 });
    expect(runs[0]!.error).toMatch(/invalid_grant|invalid_client|LWA/);
    expect(await countOrders(h.db, { tenant })).toBe(0);
  });
});
