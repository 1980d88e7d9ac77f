/**
 * `caravan reconcile` on what the hub holds: an Amazon settlement file imported into the ledger
 * (`ledger import`) whose orders the hub never imported. Inside the grace period they are
 * pending; after it each is a recorded missing-order discrepancy with a stable id; the report is
 * written as CSV and JSON; one settled by hand (`reconcile resolve`) stays settled when the next
 * run finds it again, and the report says so. Bad dates are usage errors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerImportCommand } from '../../cli/commands/ledger.js';
import { reconcileCommand, reconcileResolveCommand } from '../../cli/commands/reconcile.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, listDiscrepancies, migrateLatest, openDatabase } from '../../store/index.js';

const SETTLEMENT = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');
const config = parseTenantsConfig({ tenants: { us: { currency: 'USD', connections: {} } } }, {});

describe('caravan reconcile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-reconcile-cli-'));
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
    await ledgerImportCommand({ db, config, logger: pino({ level: 'silent' }) }, 'amazon.settlement-report', SETTLEMENT, {});
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds sales of orders not yet imported as pending inside the grace period', async () => {
    const r = await reconcileCommand({ db, config }, { from: '2023-01-01', to: '2023-01-15', asOf: '2023-01-04' });
    expect(r.result.pending.some((p) => p.kind === 'missing-order')).toBe(true);
    expect(r.result.discrepancies.filter((d) => d.kind === 'missing-order')).toEqual([]);
  });

  it('after it, names each missing order, records it, writes the report; a resolution by hand survives the next run', async () => {
    const out = join(dir, 'reports');
    const r = await reconcileCommand({ db, config }, { from: '2023-01-01', to: '2023-01-15', asOf: '2023-03-01', out });
    const missing = r.result.discrepancies.filter((d) => d.kind === 'missing-order');
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((d) => d.keys.orderId !== undefined && /^missing-order-[0-9a-f]{24}$/.test(d.id))).toBe(true);
    expect(r.recorded.added).toBe(r.result.discrepancies.length);
    expect(r.summary).toContain('missing-order');
    const csv = readFileSync(r.files!.csv, 'utf8');
    expect(csv).toContain(missing[0]!.id);
    expect(JSON.parse(readFileSync(r.files!.json, 'utf8'))).toMatchObject({ tenant: 'us', period: { from: '2023-01-01', to: '2023-01-15' } });

    const id = missing[0]!.id;
    expect(await reconcileResolveCommand({ db, config }, id, { reason: 'B2B order invoiced outside Amazon', by: 'finance@demo' })).toBe(`${id}: resolved by finance@demo: B2B order invoiced outside Amazon`);
    const again = await reconcileCommand({ db, config }, { from: '2023-01-01', to: '2023-01-15', asOf: '2023-03-02', out });
    expect(again.recorded.added).toBe(0);
    expect(again.resolutions.get(id)).toMatchObject({ by: 'finance@demo', reason: 'B2B order invoiced outside Amazon' });
    expect(readFileSync(again.files!.csv, 'utf8')).toContain('B2B order invoiced outside Amazon');
    expect((await listDiscrepancies(db, { tenant: 'us', open: true })).map((d) => d.id)).not.toContain(id);
  });

  it('refuses bad dates and an unknown discrepancy', async () => {
    await expect(reconcileCommand({ db, config }, { from: '2023-1-1', to: '2023-01-15' })).rejects.toThrow('--from "2023-1-1" is not a date YYYY-MM-DD');
    await expect(reconcileCommand({ db, config }, { from: '2023-02-01', to: '2023-01-15' })).rejects.toThrow('--from 2023-02-01 is after --to 2023-01-15');
    await expect(reconcileResolveCommand({ db, config }, 'missing-order-000000000000000000000000', { reason: 'x' })).rejects.toThrow('has no discrepancy');
  });
});
