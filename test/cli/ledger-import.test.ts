/**
 * `caravan ledger import KIND FILE`: a settlement file's lines into the ledger through the map
 * kind that reads it, on a SQLite data folder. A line in the tenant's own currency needs no
 * rate; one without a stored rate is kept unconverted and counted; importing again adds
 * nothing; a file that does not map is refused before anything is written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLedgerImport, ledgerImportCommand } from '../../cli/commands/ledger.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, countLedgerLines, ledgerLinesByPeriod, migrateLatest, openDatabase, settlementsDepositedBetween } from '../../store/index.js';
import { scratchFiles } from './map-harness.js';

const SETTLEMENT = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');
const logger = pino({ level: 'silent' });
const config = parseTenantsConfig({ fx: { default: 'ecb', sources: { ecb: { vendor: 'ecb' } } }, tenants: { us: { currency: 'USD', connections: {} }, eu: { currency: 'EUR', connections: {} } } }, {});
const write = scratchFiles('caravan-ledger-');

describe('caravan ledger import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-ledger-cli-'));
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an Amazon settlement file\'s lines in the tenant\'s own currency, and its header as the payout; again: nothing new', async () => {
    const first = await ledgerImportCommand({ db, config, logger }, 'amazon.settlement-report', SETTLEMENT, { tenant: 'us' });
    expect(first).toMatchObject({ tenant: 'us', settlements: 1, skipped: 0, unconverted: 0, updated: 0, unchanged: 0, reportingCurrency: 'USD' });
    const [header] = await settlementsDepositedBetween(db, { tenant: 'us', from: '2000-01-01', to: '2100-01-01' });
    expect(header).toMatchObject({ source: 'amazon', total: { currency: 'USD' } });
    expect(header!.depositAt).toBeDefined();
    expect(first.lines).toBeGreaterThan(0);
    expect(first.inserted).toBe(first.lines);
    expect(await countLedgerLines(db, { tenant: 'us' })).toBe(first.lines);
    const stored = await ledgerLinesByPeriod(db, { tenant: 'us', from: '2023-01-01', to: '2023-01-31' });
    expect(stored.every((l) => l.reporting?.currency === 'USD' && l.reporting.gross.amountMinor === l.line.gross.amountMinor)).toBe(true);
    const again = await ledgerImportCommand({ db, config, logger }, 'amazon.settlement-report', SETTLEMENT, { tenant: 'us' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.lines });
  });

  it('keeps lines it cannot convert (no stored rate) and says how many, and why', async () => {
    const s = await ledgerImportCommand({ db, config, logger }, 'amazon.settlement-report', SETTLEMENT, { tenant: 'eu' });
    expect(s.unconverted).toBe(s.lines);
    expect(s.inserted).toBe(s.lines);
    expect(s.firstFxProblem).toMatch(/USD/);
    expect(formatLedgerImport(s)).toContain(`${s.lines} line(s) kept without a EUR amount`);
  });

  it('refuses a file whose records do not map, writing nothing', async () => {
    // The fixture with one amount that is no number: the mapping names the row and column.
    const bad = write('bad.tsv', readFileSync(SETTLEMENT, 'utf8').replace('\t19.99\t', '\tnineteen\t'));
    const before = await countLedgerLines(db, { tenant: 'us' });
    await expect(ledgerImportCommand({ db, config, logger }, 'amazon.settlement-report', bad, { tenant: 'us' })).rejects.toThrow(/do not map/);
    expect(await countLedgerLines(db, { tenant: 'us' })).toBe(before);
  });
});
