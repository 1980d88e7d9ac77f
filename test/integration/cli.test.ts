/** The ops CLI against the real dev server: sync (with --wait), runs, dead-letters list. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../cli/main.js';
import { closeDatabase, countOrders, openDatabase } from '../../store/index.js';
import { createHarness, eventually, tenantsConfigFor, type Harness } from './harness.js';

describe('caravan CLI', () => {
  let h: Harness;
  const tenant = `cli-${Date.now().toString(36)}`;
  const saved = { ...process.env };
  let out: string[] = [];
  let err: string[] = [];

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

  it('sync orders --wait imports and prints the summary', async () => {
    expect(await run('sync', 'orders', '--tenant', tenant, '--channel', 'amazon', '--wait')).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`started orders-sync/${tenant}/amazon`);
    expect(text).toMatch(/amazon\s+240\s+237\s+0\s+0\s+3\s+3\s/);
    // The CLI and the worker share the database file of the data folder.
    const db = openDatabase({ sqliteFile: join(h.dir, 'caravan.db') });
    expect(await countOrders(db, { tenant })).toBe(237);
    await closeDatabase(db);
  });

  it('runs lists the run with status and counts', async () => {
    await eventually(async () => {
      await run('runs', '--tenant', tenant);
      return out.join('\n').includes('COMPLETED');
    });
    expect(out.join('\n')).toMatch(new RegExp(`orders-sync/${tenant}/amazon\\s+COMPLETED\\s+237\\s+0\\s+3`));
    expect(await run('runs', '--tenant', tenant, '--json')).toBe(0);
    expect(JSON.parse(out.join('\n'))[0]).toMatchObject({ tenant, channel: 'amazon', flow: 'orders-sync', imported: 237, deadLetters: 3 });
  });

  it('dead-letters list names the order and the field', async () => {
    expect(await run('dead-letters', 'list', '--tenant', tenant)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('306-5529174-0081463');
    expect(text).toContain('items[0].ItemPrice.Amount');
    expect(text).toContain('OrderTotal.CurrencyCode');
  });

  it('rejects unknown tenants and channels with exit code 2', async () => {
    expect(await run('sync', 'orders', '--tenant', 'nobody', '--channel', 'amazon')).toBe(2);
    expect(err.join('\n')).toContain(`unknown tenant "nobody" (configured: ${tenant})`);
    expect(await run('sync', 'orders', '--tenant', tenant, '--channel', 'ebay')).toBe(2);
    expect(err.join('\n')).toContain(`tenant "${tenant}" has no channel or vendor "ebay"`);
    expect(await run('dead-letters', 'list', '--tenant', 'nobody')).toBe(2);
  });

  it('says where it looked when Temporal is unreachable', async () => {
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    expect(await run('runs')).toBe(1);
    expect(err.join('\n')).toMatch(/cannot reach Temporal at 127\.0\.0\.1:1/);
    process.env.TEMPORAL_ADDRESS = inject('temporalAddress');
  });
});
