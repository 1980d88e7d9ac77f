/**
 * Settlement import end to end: the real Amazon connector (getReports, getReportDocument and the
 * document download) against the Amazon stand-in, which publishes each closed settlement in both
 * layouts. The V2 reports are listed and streamed into a SQLite ledger; the older layout of the
 * same settlements carries the same money, line for line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportActivityContext } from '../../activities/reports.js';
import { createSettlementActivities } from '../../activities/settlements.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { generateAmazonSeed, SANDBOX_DEMO_CREDENTIALS, startAmazonSandbox, type AmazonSandbox } from '../../sandbox/amazon/index.js';
import { closeDatabase, ledgerLinesByPeriod, migrateLatest, openDatabase } from '../../store/index.js';
import { FakeClock } from '../connectors/fake-clock.js';

const T0 = Date.parse('2026-03-15T12:00:00Z');
const logger = pino({ level: 'silent' });
const context: ReportActivityContext = { heartbeat: () => undefined, cancellationSignal: new AbortController().signal };
const fx = { rateTableFor: () => Promise.resolve({ date: '2026-01-01', rates: [] } as never) };
const dir = mkdtempSync(join(tmpdir(), 'caravan-settlements-sandbox-'));

// getReportDocument allows one call a minute after a burst of 15: the limiter's clock moves on between documents.
const limiterClock = new FakeClock(T0);
const limiter = new RateLimiterRegistry({ clock: limiterClock });
let sandbox: AmazonSandbox;
let db: Knex;

beforeAll(async () => {
  sandbox = await startAmazonSandbox({ orders: generateAmazonSeed({ now: new Date(T0) }).orders, now: () => new Date(T0), rateLimits: false });
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
});
afterAll(async () => {
  await sandbox.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function activitiesFor(tenant: string) {
  const config = parseTenantsConfig(
    {
      tenants: {
        [tenant]: {
          currency: 'EUR',
          connections: {
            amazon: {
              vendor: 'amazon',
              settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'], endpoint: sandbox.url, tokenEndpoint: `${sandbox.url}/auth/o2/token` },
              secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
            },
          },
        },
      },
    },
    {},
  );
  const env = { A: SANDBOX_DEMO_CREDENTIALS.clientId, B: SANDBOX_DEMO_CREDENTIALS.clientSecret, C: SANDBOX_DEMO_CREDENTIALS.refreshToken };
  return createSettlementActivities({ db, config, vendors: createVendorClients({ config, logger, env, limiter }), logger, dataDir: dir, fx, context: () => context });
}

async function importAll(tenant: string, reportType?: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'): Promise<{ reports: number; lines: number; inserted: number; unchanged: number }> {
  const activities = activitiesFor(tenant);
  const totals = { reports: 0, lines: 0, inserted: 0, unchanged: 0 };
  let cursor: string | undefined;
  do {
    const page = await activities.listSettlementReports({ tenant, connection: 'amazon', ...(reportType === undefined ? {} : { reportType }), ...(cursor === undefined ? {} : { cursor }) });
    for (const r of page.reports) {
      limiterClock.nowMs += 120_000;
      const result = await activities.importSettlementReport({ tenant, connection: 'amazon', reportId: r.reportId, documentId: r.documentId });
      expect(result.failed).toBe(0);
      totals.reports += 1;
      totals.lines += result.lines;
      totals.inserted += result.inserted;
      totals.unchanged += result.unchanged;
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return totals;
}

const sum = (lines: { line: { gross: { amountMinor: number; currency: string } } }[]) => {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.line.gross.currency, (by.get(l.line.gross.currency) ?? 0) + l.line.gross.amountMinor);
  return Object.fromEntries([...by].sort());
};

describe('settlement import against the Amazon stand-in', () => {
  it('lists the V2 settlement reports, streams them into the ledger, and a second run adds nothing; the older layout holds the same money', async () => {
    const v2 = await importAll('v2');
    expect(v2.reports).toBeGreaterThan(1);
    expect(v2.lines).toBeGreaterThan(0);
    expect(v2.inserted).toBe(v2.lines);
    expect(await importAll('v2')).toMatchObject({ reports: v2.reports, inserted: 0, unchanged: v2.lines });

    const older = await importAll('older', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE');
    expect(older.reports).toBe(v2.reports);
    const period = { from: '2025-12-01', to: '2026-03-31' };
    expect(sum(await ledgerLinesByPeriod(db, { tenant: 'v2', ...period }))).toEqual(sum(await ledgerLinesByPeriod(db, { tenant: 'older', ...period })));
  });
});
