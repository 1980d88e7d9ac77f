/**
 * `caravan dead-letters list | replay --dry-run | resolve` through the CLI's own entry point,
 * on a SQLite data folder. (The real replay runs a workflow: test/integration/dead-letters.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../cli/main.js';
import { generateAmazonSeed, KNOWN_MALFORMED_ORDERS, type SandboxOrder } from '../../sandbox/amazon/index.js';
import { closeDatabase, countOrders, getDeadLetter, listDeadLetters, migrateLatest, openDatabase, recordDeadLetters } from '../../store/index.js';

const seed = generateAmazonSeed({ now: new Date('2026-03-10T11:00:00Z'), count: 20 }).orders;
const malformed = new Set(KNOWN_MALFORMED_ORDERS.map((m) => m.amazonOrderId));
const good = seed.find((o) => !malformed.has(o.order.AmazonOrderId) && o.items.length > 0 && o.order.OrderStatus !== 'Pending')!;
const commaDecimal = seed.find((o) => o.order.AmazonOrderId === KNOWN_MALFORMED_ORDERS[0]!.amazonOrderId)!;

const held = (o: SandboxOrder, tenant = 'acme') => ({
  tenant,
  channel: 'amazon-eu',
  flow: 'orders-sync',
  recordType: 'amazon.order',
  externalId: o.order.AmazonOrderId,
  field: 'IsReplacementOrder',
  errorKind: 'schema',
  message: `amazon.order ${o.order.AmazonOrderId}: IsReplacementOrder: rejected by an older version`,
  payload: { order: o.order, items: o.items },
});

describe('caravan dead-letters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-dl-cli-'));
  const saved = { ...process.env };
  let db: Knex;
  let out: string[] = [];
  let err: string[] = [];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const configPath = join(dir, 'caravan.config.yaml');
    const amazon = {
      vendor: 'amazon',
      settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
      secrets: { clientId: { env: 'X_ID' }, clientSecret: { env: 'X_SECRET' }, refreshToken: { env: 'X_TOKEN' } },
    };
    writeFileSync(configPath, toYaml({ tenants: { acme: { connections: { 'amazon-eu': amazon } }, globex: { connections: { 'amazon-eu': amazon } } } }));
    // Temporal is unreachable on purpose: a dry run and resolve must not need it.
    Object.assign(process.env, { CARAVAN_CONFIG: configPath, CARAVAN_DATA_DIR: dir, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(String(s)));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    process.env = saved;
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db('dead_letters').delete();
    await db('orders').delete();
    await db('order_lines').delete();
    await recordDeadLetters(db, [held(good), held(commaDecimal), held(good, 'globex')], { now: new Date('2026-03-10T12:00:00Z') });
    for (const l of await listDeadLetters(db)) ids[`${l.tenant}/${l.externalId}`] = l.id;
  });
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    return main(args);
  };
  const idOf = (o: SandboxOrder, tenant = 'acme') => ids[`${tenant}/${o.order.AmazonOrderId}`]!;

  it('replay --dry-run says per letter what would map and what still fails, and writes nothing', async () => {
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--channel', 'amazon-eu', '--dry-run')).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(new RegExp(`${idOf(good)}\\s+amazon-eu\\s+${good.order.AmazonOrderId}\\s+would map: new order`));
    expect(text).toMatch(new RegExp(`${idOf(commaDecimal)}\\s+amazon-eu\\s+${commaDecimal.order.AmazonOrderId}\\s+still fails\\s+items\\[0\\]\\.ItemPrice\\.Amount`));
    expect(text).toContain(
      'dry run: 2 dead letters replayed: 1 would map (1 new, 0 updated, 0 unchanged, 0 superseded), 1 still failing; nothing was written',
    );
    expect(await countOrders(db, { tenant: 'acme' })).toBe(0);
    expect(await listDeadLetters(db, { tenant: 'acme' })).toHaveLength(2);
    expect((await getDeadLetter(db, idOf(commaDecimal)))?.message).toContain('rejected by an older version');
  });

  it('replay --dry-run --id reads only those letters, and skips one that is not open', async () => {
    expect(await run('dead-letters', 'resolve', '--id', String(idOf(commaDecimal)), '--reason', 'price fixed on Seller Central', '--by', 'alice')).toBe(0);
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--id', String(idOf(good)), '--id', String(idOf(commaDecimal)), '--dry-run')).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`dead letter ${idOf(commaDecimal)} is not open (resolved 2026-`);
    expect(text).toContain('dry run: 1 dead letter replayed: 1 would map (1 new, 0 updated, 0 unchanged, 0 superseded), 0 still failing');
  });

  it('replay wants exactly one of --id, --channel and --all, and a known tenant and letter', async () => {
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--dry-run')).toBe(2);
    expect(err.join('\n')).toContain('say which dead letters to replay: --id N (repeatable), --channel C, or --all (exactly one of them)');
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--all', '--channel', 'amazon-eu', '--dry-run')).toBe(2);
    expect(await run('dead-letters', 'replay', '--tenant', 'nobody', '--all', '--dry-run')).toBe(2);
    expect(err.join('\n')).toContain('unknown tenant "nobody" (configured: acme, globex)');
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--channel', 'ebay', '--dry-run')).toBe(2);
    expect(err.join('\n')).toContain('tenant "acme" has no channel or vendor "ebay"');
    // Another tenant's letter is not this tenant's to replay.
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--id', String(idOf(good, 'globex')), '--dry-run')).toBe(2);
    expect(err.join('\n')).toContain(`tenant "acme" has no dead letter ${idOf(good, 'globex')}`);
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--id', 'x', '--dry-run')).toBe(2);
  });

  it('a real replay needs Temporal and says where it looked', async () => {
    expect(await run('dead-letters', 'replay', '--tenant', 'acme', '--all')).toBe(1);
    expect(err.join('\n')).toMatch(/cannot reach Temporal at 127\.0\.0\.1:1/);
    expect(await listDeadLetters(db, { tenant: 'acme' })).toHaveLength(2);
  });

  it('resolve closes one by hand; list hides it unless --all, which shows who, when and why', async () => {
    const id = idOf(commaDecimal);
    expect(await run('dead-letters', 'resolve', '--id', String(id), '--reason', 'order cancelled by the buyer', '--by', 'alice')).toBe(0);
    expect(out.join('\n')).toBe(
      `dead letter ${id} (amazon.order ${commaDecimal.order.AmazonOrderId} of acme/amazon-eu) resolved by alice: order cancelled by the buyer`,
    );
    expect(await getDeadLetter(db, id)).toMatchObject({ resolution: 'manual', resolvedBy: 'alice', resolutionReason: 'order cancelled by the buyer' });

    expect(await run('dead-letters', 'list', '--tenant', 'acme')).toBe(0);
    expect(out.join('\n')).not.toContain(commaDecimal.order.AmazonOrderId);
    expect(out.join('\n')).toMatch(new RegExp(`${good.order.AmazonOrderId}.*\\sopen\\s`));
    expect(await run('dead-letters', 'list', '--tenant', 'acme', '--all')).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`${commaDecimal.order.AmazonOrderId}.*resolved \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d by alice: order cancelled by the buyer`));

    // Once is enough: the first resolution stands.
    expect(await run('dead-letters', 'resolve', '--id', String(id), '--reason', 'again', '--by', 'bob')).toBe(1);
    expect(err.join('\n')).toContain(`dead letter ${id} is already resolved: resolved `);
    expect((await getDeadLetter(db, id))?.resolvedBy).toBe('alice');
  });

  it('resolve wants an existing letter and a reason', async () => {
    expect(await run('dead-letters', 'resolve', '--id', '999999', '--reason', 'x')).toBe(2);
    expect(err.join('\n')).toContain('there is no dead letter 999999');
    expect(await run('dead-letters', 'resolve', '--id', String(idOf(good)))).toBe(2);
    expect(await run('dead-letters', 'resolve', '--id', String(idOf(good)), '--reason', '   ')).toBe(2);
    expect(err.join('\n')).toContain('--reason must say why the dead letter is closed');
    expect(await listDeadLetters(db, { tenant: 'acme' })).toHaveLength(2);
  });
});
