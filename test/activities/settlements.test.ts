/**
 * Settlement import activities on a SQLite store: settlement reports listed through the
 * connection's reportSource (both settlement report types, DONE reports only, oldest first),
 * each downloaded and streamed into the ledger; reading a report again adds nothing, and the
 * lines are the very ones `caravan ledger import amazon.settlement-report` writes for the file.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportActivityContext } from '../../activities/reports.js';
import { createSettlementActivities } from '../../activities/settlements.js';
import { SETTLEMENT_REPORT_TYPES } from '../../activities/settlements-types.js';
import type { VendorClients } from '../../activities/vendor-clients.js';
import { ledgerImportCommand } from '../../cli/commands/ledger.js';
import type { ReportListing, ReportSource } from '../../connectors/capabilities.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, countLedgerLines, migrateLatest, openDatabase } from '../../store/index.js';
import { writeV2Settlement } from './settlement-fixtures.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');
const logger = pino({ level: 'silent' });
const config = parseTenantsConfig({ fx: { default: 'ecb', sources: { ecb: { vendor: 'ecb' } } }, tenants: { us: { currency: 'USD', connections: {} }, eu: { currency: 'EUR', connections: {} } } }, {});
const dir = mkdtempSync(join(tmpdir(), 'caravan-settlements-'));

/** A reportSource whose documents are local files (copied where the activity asks). */
function fakeSource(listings: ReportListing[], documents: Record<string, string>, seen: { listQueries: unknown[] }): ReportSource {
  return {
    requestReport: () => Promise.reject(new Error('settlement reports cannot be requested')),
    reportStatus: () => Promise.reject(new Error('unused')),
    async downloadReport(documentId, path) {
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(documents[documentId]!, path);
      return { path, bytes: statSync(path).size, sha256: 'x', contentType: 'text/plain' };
    },
    async listReports(query) {
      seen.listQueries.push(query);
      return query.cursor === undefined ? { reports: listings.slice(0, 2), cursor: 'page-2' } : { reports: listings.slice(2) };
    },
  };
}

function vendorsWith(source: ReportSource): VendorClients {
  return { capability: () => ({ capability: source, config: {} }) } as unknown as VendorClients;
}

const context: ReportActivityContext = { heartbeat: () => undefined, cancellationSignal: new AbortController().signal };
const fx = { rateTableFor: () => Promise.resolve({ date: '2026-01-01', rates: [] } as never) };

describe('settlement import activities', () => {
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
    await migrateLatest(db);
  });
  afterAll(async () => {
    await closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists one settlement report type (V2 unless told), page by page, keeping DONE reports with a document, oldest first', async () => {
    const seen = { listQueries: [] as unknown[] };
    const listings: ReportListing[] = [
      { reportId: 'R2', reportType: SETTLEMENT_REPORT_TYPES[0], createdTime: '2026-02-17T08:00:00Z', status: { status: 'done', documentId: 'D2' } },
      { reportId: 'R1', reportType: SETTLEMENT_REPORT_TYPES[0], createdTime: '2026-02-03T08:00:00Z', status: { status: 'done', documentId: 'D1' } },
      { reportId: 'R3', reportType: SETTLEMENT_REPORT_TYPES[0], createdTime: '2026-03-01T08:00:00Z', status: { status: 'cancelled' } },
    ];
    const activities = createSettlementActivities({ db, config, vendors: vendorsWith(fakeSource(listings, {}, seen)), logger, dataDir: dir, fx, context: () => context });
    const first = await activities.listSettlementReports({ tenant: 'us', connection: 'amazon', createdSince: '2026-01-01T00:00:00Z' });
    expect(first.reports.map((r) => [r.reportId, r.documentId])).toEqual([
      ['R1', 'D1'],
      ['R2', 'D2'],
    ]);
    const second = await activities.listSettlementReports({ tenant: 'us', connection: 'amazon', cursor: first.cursor! });
    expect([second.reports, second.cursor]).toEqual([[], undefined]);
    const older = await activities.listSettlementReports({ tenant: 'us', connection: 'amazon', reportType: SETTLEMENT_REPORT_TYPES[1] });
    expect(older.reports.map((r) => r.reportId)).toEqual(['R1', 'R2']);
    expect(seen.listQueries).toEqual([
      { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], createdSince: '2026-01-01T00:00:00Z' },
      { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], cursor: 'page-2' },
      { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'] },
    ]);
  });

  it('imports a report into the ledger in batches; again: nothing new; the CLI import of the same file finds every line there', async () => {
    const v2 = await writeV2Settlement(join(dir, 'v2.tsv'), 2500);
    const activities = createSettlementActivities({ db, config, vendors: vendorsWith(fakeSource([], { D1: FIXTURE, D2: v2 }, { listQueries: [] })), logger, dataDir: dir, fx, context: () => context, batchRows: 400 });
    const first = await activities.importSettlementReport({ tenant: 'us', connection: 'amazon', reportId: 'R1', documentId: 'D1' });
    expect(first).toMatchObject({ reportId: 'R1', settlementId: '12345678901', failed: 0, unconverted: 0, updated: 0, unchanged: 0 });
    expect(first.inserted).toBe(first.lines);
    const again = await activities.importSettlementReport({ tenant: 'us', connection: 'amazon', reportId: 'R1', documentId: 'D1' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.lines });
    const cli = await ledgerImportCommand({ db, config, logger }, 'amazon.settlement-report', FIXTURE, { tenant: 'us' });
    expect(cli).toMatchObject({ inserted: 0, updated: 0, unchanged: first.lines });

    // A EUR settlement for a USD tenant without stored rates: kept, unconverted, counted.
    const big = await activities.importSettlementReport({ tenant: 'us', connection: 'amazon', reportId: 'R2', documentId: 'D2' });
    expect(big).toMatchObject({ rows: 2501, lines: 2500, inserted: 2500, failed: 0, unconverted: 2500 });
    expect(await countLedgerLines(db, { tenant: 'us' })).toBe(first.lines + 2500);
  });

  it('a document that is no settlement report fails for good (non-retryable), naming the file', async () => {
    const bogus = join(dir, 'bogus.tsv');
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'paypal', 'SOURCE.md'), bogus);
    const activities = createSettlementActivities({ db, config, vendors: vendorsWith(fakeSource([], { D9: bogus }, { listQueries: [] })), logger, dataDir: dir, fx, context: () => context });
    const failure = await activities.importSettlementReport({ tenant: 'us', connection: 'amazon', reportId: 'R9', documentId: 'D9' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    expect((failure as ApplicationFailure).message).toContain('not a settlement report');
  });
});
