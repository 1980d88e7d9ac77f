/** `caravan bank import` through the CLI's entry point on a SQLite data folder. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { main } from '../../cli/main.js';
import { bankLinesByPeriod, closeDatabase, countBankStatementLines, migrateLatest, openDatabase } from '../../store/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/bank');

describe('caravan bank import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-bank-cli-'));
  const saved = { ...process.env };
  let db: Knex;
  let out: string[] = [];
  let err: string[] = [];
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    const config = join(dir, 'caravan.yaml');
    writeFileSync(config, toYaml({ tenants: { acme: { connections: {} } } }));
    Object.assign(process.env, { CARAVAN_DATA_DIR: dir, CARAVAN_CONFIG: config, TEMPORAL_ADDRESS: '127.0.0.1:1' });
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
  beforeEach(() => {
    out = [];
    err = [];
    process.exitCode = undefined;
  });

  it('imports a camt.053.001.02 file once; the second import adds nothing', async () => {
    const path = join(dir, 'statement.xml');
    copyFileSync(join(FIXTURES, 'genkgo-camt053.v2.multi.statement.xml'), path);
    expect(await main(['bank', 'import', path])).toBe(0);
    // New entries would wake waiting reconcile runs; with Temporal unreachable the import still succeeds and says so.
    expect(out.join('\n')).toMatch(
      /^statement\.xml \(camt\.053\.001\.02\) for tenant acme: 2 entries read\n {2}2 new, 0 corrected, 0 already imported\n {2}no waiting reconcile run was told: cannot reach Temporal at 127\.0\.0\.1:1 /,
    );
    out = [];
    expect(await main(['bank', 'import', path, '--tenant', 'acme'])).toBe(0);
    expect(out.join('\n')).toMatch(/0 new, 0 corrected, 2 already imported/);
    expect(await countBankStatementLines(db, { tenant: 'acme', account: 'NL26VAYB8060476890' })).toBe(2);
  });

  it('imports a CSV with per-line errors named, the rest imported, exit code 1', async () => {
    const path = file('export.csv', 'Buchungstag;Betrag;Verwendungszweck;Referenz\n02.03.2026;1.234,56;STRIPE PAYOUT po_1;R-1\n03.03.2026;12.5x;broken;R-2\n04.03.2026;-7,00;Gebühr;R-3\n');
    await main(['bank', 'import', path, '--account', 'GB33 BUKB 2020 1555 5555 55', '--currency', 'EUR', '--decimal-comma', '--no-wake']);
    expect(process.exitCode).toBe(1);
    expect(out.join('\n')).toBe(
      'export.csv (CSV) for tenant acme: 3 entries read\n  2 new, 0 corrected, 0 already imported\n  1 entry rejected:\n    line 3.Betrag: "12.5x" is not an amount (a decimal comma was declared: "1.234,56")',
    );
    const stored = await bankLinesByPeriod(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31', accounts: ['GB33BUKB20201555555555'] });
    expect(stored.map((s) => [s.entryKey, s.line.amount.amountMinor])).toEqual([
      ['ref:R-1', 123456],
      ['ref:R-3', -700],
    ]);
  });

  it('asks for the account of a CSV file and for the format of an unknown extension', async () => {
    expect(await main(['bank', 'import', file('a.csv', 'date,amount,currency\n')])).toBe(2);
    expect(err.join('\n')).toBe('caravan: a CSV statement needs the account it is for: --account IBAN');
    err = [];
    expect(await main(['bank', 'import', file('a.dat', '')])).toBe(2);
    expect(err.join('\n')).toBe('caravan: a.dat: say which format it is (--format camt053|csv)');
  });

  it('reports a file that is not XML as one line', async () => {
    expect(await main(['bank', 'import', file('b.xml', '<Document><BkToCstmrStmt>')])).toBe(1);
    expect(err.join('\n')).toMatch(/^caravan: b\.xml is not well-formed XML: /);
  });
});
