/**
 * Dead letters you can act on, end to end on the real dev server: an import against the
 * sandbox dead-letters its malformed records; a letter an older version recorded, whose payload today's code maps, becomes an order on
 * replay; what still fails stays open with its error; a second replay doubles nothing; a
 * dry run writes nothing; runs are visible in `caravan runs`; history holds no payloads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../cli/main.js';
import { KNOWN_MALFORMED_ORDERS, type SandboxOrder } from '../../sandbox/amazon/index.js';
import { countOrders, getOrder, listDeadLetters, listRuns as listStoredRuns, ordersSnapshot, recordDeadLetters } from '../../store/index.js';
import { deadLettersReplay, deadLettersReplayProgressQuery } from '../../workflows/dead-letters-replay.js';
import { createHarness, eventually, tenantsConfigFor, type Harness } from './harness.js';

const SEEDED = 240;
const MALFORMED = KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId).sort();
/** An order an older version of the hub held back, that today's mapping accepts. */
const HELD_BY_OLDER_VERSION_ID = '302-0000000-0000002';

/** History JSON with every payload's data decoded from base64, so assertions see what it carries. */
function readableHistory(json: string): string {
  const decoded: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.data === 'string' && o.metadata && typeof o.metadata === 'object') decoded.push(Buffer.from(o.data, 'base64').toString('utf8'));
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(json));
  return `${json}\n${decoded.join('\n')}`;
}

describe('dead letters: replay and resolve', () => {
  let h: Harness;
  const tenant = `dl-${Date.now().toString(36)}`;
  const saved = { ...process.env };
  let out: string[] = [];
  let err: string[] = [];
  let template: SandboxOrder;

  beforeAll(async () => {
    h = await createHarness({ tenants: [tenant] });
    const configPath = join(h.dir, 'caravan.config.yaml');
    writeFileSync(configPath, toYaml(tenantsConfigFor(h.sandbox.url, [tenant], {}, 1000)));
    Object.assign(process.env, {
      CARAVAN_CONFIG: configPath,
      CARAVAN_DATA_DIR: h.dir,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      CARAVAN_TASK_QUEUE: h.taskQueue,
    });
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));

    // Any seeded order that imports cleanly, with items, serves as the template.
    const malformed = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
    const first = (await h.sync(tenant)).totals;
    expect(first).toMatchObject({ fetched: SEEDED, inserted: SEEDED - malformed.size, deadLettered: malformed.size });
    const stored = await ordersSnapshot(h.db, tenant);
    template = stored
      .map((s) => h.sandbox.getOrder(s.externalId)!)
      .find((o) => o.items.length > 1 && o.order.OrderStatus !== 'Pending' && !malformed.has(o.order.AmazonOrderId))!;
    expect(template).toBeDefined();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    process.env = saved;
    await h?.stop();
  });
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    return main(args);
  };

  it('the import held back the malformed records with what the sync received', async () => {
    const dead = await listDeadLetters(h.db, { tenant });
    expect(dead.map((d) => d.externalId).sort()).toEqual(MALFORMED);
    for (const d of dead) expect(d.payload).toEqual({ order: h.sandbox.getOrder(d.externalId!)!.order, items: h.sandbox.getOrder(d.externalId!)!.items });

    // A letter recorded by an older version of the hub, whose payload today's code maps.
    const heldOrder = { ...template.order, AmazonOrderId: HELD_BY_OLDER_VERSION_ID };
    await recordDeadLetters(h.db, [
      {
        tenant,
        channel: 'amazon',
        flow: 'orders-sync',
        recordType: 'amazon.order',
        externalId: HELD_BY_OLDER_VERSION_ID,
        field: 'BuyerInfo.BuyerTaxInfo',
        errorKind: 'schema',
        message: `amazon.order ${HELD_BY_OLDER_VERSION_ID}: BuyerInfo.BuyerTaxInfo: rejected by an older version`,
        payload: { order: heldOrder, items: template.items },
        workflowId: `orders-sync/${tenant}/amazon`,
        runId: 'an-older-run',
      },
    ]);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(MALFORMED.length + 1);
  });

  it('replay --dry-run says what would map and writes nothing', async () => {
    const orders = await countOrders(h.db, { tenant });
    const letters = await listDeadLetters(h.db, { tenant });
    expect(await run('dead-letters', 'replay', '--tenant', tenant, '--channel', 'amazon', '--dry-run')).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(new RegExp(`amazon\\s+${HELD_BY_OLDER_VERSION_ID}\\s+would map: new order`));
    expect(text).toMatch(new RegExp(`amazon\\s+${KNOWN_MALFORMED_ORDERS[0]!.amazonOrderId}\\s+still fails\\s+items\\[0\\]\\.ItemPrice\\.Amount`));
    expect(text).toContain('dry run: 4 dead letters replayed: 1 would map (1 new, 0 updated, 0 unchanged, 0 superseded), 3 still failing; nothing was written');
    expect(await countOrders(h.db, { tenant })).toBe(orders);
    expect(await listDeadLetters(h.db, { tenant })).toEqual(letters);
    expect(await listStoredRuns(h.db, { tenant, flow: 'dead-letters-replay' })).toEqual([]);
  });

  it('replay imports what now maps, resolves it with the run, and keeps what still fails open with its error', async () => {
    const before = await countOrders(h.db, { tenant });
    expect(await run('dead-letters', 'replay', '--tenant', tenant, '--channel', 'amazon', '--by', 'ops-alice')).toBe(0);
    const text = out.join('\n');
    const workflowId = `dead-letters-replay/${tenant}/amazon/1`;
    expect(text).toContain(`started ${workflowId} (run `);
    expect(text).toMatch(new RegExp(`amazon\\s+${HELD_BY_OLDER_VERSION_ID}\\s+now maps: new order`));
    expect(text).toContain('4 dead letters replayed: 1 now map (1 new, 0 updated, 0 unchanged, 0 superseded), 3 still failing in ');

    expect(await countOrders(h.db, { tenant })).toBe(before + 1);
    const order = await getOrder(h.db, tenant, 'amazon', HELD_BY_OLDER_VERSION_ID);
    expect(order?.lines).toHaveLength(template.items.length);

    const all = await listDeadLetters(h.db, { tenant, includeResolved: true });
    const resolved = all.find((d) => d.externalId === HELD_BY_OLDER_VERSION_ID)!;
    expect(resolved).toMatchObject({ resolution: 'replayed', resolvedBy: 'ops-alice', lastReplay: { workflowId, outcome: 'inserted' } });
    const open = await listDeadLetters(h.db, { tenant });
    expect(open.map((d) => d.externalId).sort()).toEqual(MALFORMED);
    for (const d of open) expect(d.lastReplay).toMatchObject({ workflowId, outcome: 'failed' });
    for (const m of KNOWN_MALFORMED_ORDERS) {
      const d = open.find((x) => x.externalId === m.amazonOrderId)!;
      expect(d.field).toBe(m.field.replace(/^OrderItems/, 'items'));
      expect(d.message).toContain(m.amazonOrderId);
    }

    const [stored] = await listStoredRuns(h.db, { tenant, flow: 'dead-letters-replay' });
    expect(stored).toMatchObject({ workflowId, channel: 'amazon', status: 'completed', pages: 1, fetched: 4, inserted: 1, updated: 0, unchanged: 0, deadLettered: 3 });

    // Visible as a run, filed under the flow like every other.
    await eventually(async () => {
      await run('runs', '--tenant', tenant, '--flow', 'dead-letters-replay');
      return out.join('\n').includes('COMPLETED');
    });
    expect(out.join('\n')).toMatch(new RegExp(`${workflowId}\\s+COMPLETED\\s+1\\s+0\\s+3`));

    // History carries ids and counts, not the payloads or what they say about the buyer.
    const history = readableHistory(historyToJSON(await h.client.workflow.getHandle(workflowId).fetchHistory()));
    expect(history).toContain('replayDeadLettersPage');
    expect(history).toContain('"selection":{"kind":"channels","channels":["amazon"]}');
    for (const secret of [template.order.BuyerInfo?.BuyerEmail, template.order.ShippingAddress?.PostalCode, template.items[0]!.OrderItemId, '19,99']) {
      if (secret) expect(history).not.toContain(secret);
    }
  });

  it('a second replay writes nothing new; --all is a run of its own', async () => {
    const snapshot = await ordersSnapshot(h.db, tenant);
    expect(await run('dead-letters', 'replay', '--tenant', tenant, '--all')).toBe(0);
    expect(out.join('\n')).toContain(`started dead-letters-replay/${tenant}/all/1 (run `);
    expect(out.join('\n')).toContain('3 dead letters replayed: 0 now map (0 new, 0 updated, 0 unchanged, 0 superseded), 3 still failing');
    expect(await run('dead-letters', 'replay', '--tenant', tenant, '--channel', 'amazon')).toBe(0);
    expect(out.join('\n')).toContain(`started dead-letters-replay/${tenant}/amazon/2 (run `);
    expect(await ordersSnapshot(h.db, tenant)).toEqual(snapshot);
    expect(await listDeadLetters(h.db, { tenant })).toHaveLength(3);
  });

  it('pages by id and continues as new on a long replay, counting each letter once', async () => {
    const ids = (await listDeadLetters(h.db, { tenant })).map((d) => d.id).sort((a, b) => a - b);
    const workflowId = `dead-letters-replay/${tenant}/amazon/99`;
    const handle = await h.client.workflow.start(deadLettersReplay, {
      taskQueue: h.taskQueue,
      workflowId,
      args: [{ tenant, scope: 'amazon', selection: { kind: 'ids', ids }, pageSize: 1, continueAsNewAfterEvents: 12 }],
    });
    const summary = await handle.result();
    expect(summary).toMatchObject({ pages: 3, totals: { replayed: 3, inserted: 0, stillFailing: 3 } });
    expect(summary.continuedAsNew).toBeGreaterThan(0);
    // The progress query answers from the last run of the chain.
    expect(await handle.query(deadLettersReplayProgressQuery)).toMatchObject({ phase: 'done', open: 3, pages: 3, totals: summary.totals });
    const [stored] = await listStoredRuns(h.db, { tenant, flow: 'dead-letters-replay', channel: 'amazon' });
    expect(stored).toMatchObject({ workflowId, runId: handle.firstExecutionRunId, status: 'completed', pages: 3, fetched: 3, deadLettered: 3 });
  });

  it('resolve closes one by hand; replaying it by id then skips it', async () => {
    const letter = (await listDeadLetters(h.db, { tenant })).find((d) => d.externalId === KNOWN_MALFORMED_ORDERS[0]!.amazonOrderId)!;
    expect(await run('dead-letters', 'resolve', '--id', String(letter.id), '--reason', 'seller fixed the price on Seller Central', '--by', 'ops-bob')).toBe(0);
    expect(await run('dead-letters', 'replay', '--tenant', tenant, '--id', String(letter.id))).toBe(0);
    expect(out.join('\n')).toContain(`dead letter ${letter.id} is not open (resolved `);
    expect(out.join('\n')).toContain('nothing to replay');
    expect(await run('dead-letters', 'list', '--tenant', tenant, '--all')).toBe(0);
    expect(out.join('\n')).toContain('by ops-bob: seller fixed the price on Seller Central');
    expect(out.join('\n')).toMatch(new RegExp(`${HELD_BY_OLDER_VERSION_ID}.*replayed .*: order inserted, dead-letters-replay/${tenant}/amazon/1 \\(asked by ops-alice\\)`));
  });
});
