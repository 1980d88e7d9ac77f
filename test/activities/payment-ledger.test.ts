/**
 * Payment ledger pages into a SQLite ledger: the real PayPal connector against the PayPal
 * stand-in (31-day windows, RESULTSET_TOO_LARGE splits, the refresh lag), every visible
 * transaction once, a second run adding nothing; the per-vendor page mappers on their own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentLedgerActivities, PAYMENT_LEDGER_MAPPERS } from '../../activities/payment-ledger.js';
import type { PaymentLedgerPageResult } from '../../activities/payment-ledger-types.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { SANDBOX_PAYPAL_CREDENTIALS, startPaypalSandbox, type PaypalSandbox } from '../../sandbox/paypal/index.js';
import { closeDatabase, countLedgerLines, migrateLatest, openDatabase } from '../../store/index.js';

const logger = pino({ level: 'silent' });
const fx = { rateTableFor: () => Promise.resolve({ date: '2026-01-01', rates: [] } as never) };
const context = () => ({ cancellationSignal: new AbortController().signal });
const dir = mkdtempSync(join(tmpdir(), 'caravan-payment-ledger-'));
const DAY = 86_400_000;

let sandbox: PaypalSandbox;
let db: Knex;

beforeAll(async () => {
  sandbox = await startPaypalSandbox({ maxResults: 150, refreshLagSeconds: 3 * 3600, daysBefore: 45, daysAfter: 5 });
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
});
afterAll(async () => {
  await sandbox.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function activities() {
  const config = parseTenantsConfig(
    { tenants: { demo: { currency: 'EUR', connections: { paypal: { vendor: 'paypal', settings: { endpoint: sandbox.url, rateLimit: { rate: 1000, burst: 1000 } }, secrets: { clientId: { env: 'P_ID' }, clientSecret: { env: 'P_SECRET' } } } } } } },
    {},
  );
  const env = { P_ID: SANDBOX_PAYPAL_CREDENTIALS.clientId, P_SECRET: SANDBOX_PAYPAL_CREDENTIALS.clientSecret };
  return createPaymentLedgerActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger, fx, context });
}

async function sync(from: string, to: string): Promise<{ pages: PaymentLedgerPageResult[]; coveredTo?: string }> {
  const a = activities();
  const pages: PaymentLedgerPageResult[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await a.importPaymentLedgerPage({ tenant: 'demo', connection: 'paypal', from, to, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page);
    if (page.cursor === undefined) return { pages, ...(page.coveredTo === undefined ? {} : { coveredTo: page.coveredTo }) };
    cursor = page.cursor;
  }
}

const total = (pages: PaymentLedgerPageResult[], key: 'lines' | 'inserted' | 'unchanged' | 'failed') => pages.reduce((n, p) => n + p[key], 0);

describe('PayPal transactions into the ledger', () => {
  it('reads 40 days through the stand-in into the ledger, every visible transaction once; again: nothing new', async () => {
    const now = Date.now();
    const from = new Date(now - 40 * DAY).toISOString();
    const to = new Date(now).toISOString();
    const first = await sync(from, to);
    const refreshedTo = Date.parse(first.coveredTo!);
    expect(now - refreshedTo).toBeGreaterThanOrEqual(3 * 3600_000 - 5000);
    const expected = sandbox.transactions().filter((t) => t.atMs >= Date.parse(from) && t.atMs < refreshedTo);
    expect(total(first.pages, 'failed')).toBe(0);
    expect(total(first.pages, 'lines')).toBe(expected.length);
    expect(total(first.pages, 'inserted')).toBe(expected.length);
    expect(await countLedgerLines(db, { tenant: 'demo', source: 'paypal' })).toBe(expected.length);
    expect(sandbox.stats().tooLarge).toBeGreaterThan(0);

    const again = await sync(from, first.coveredTo!);
    expect([total(again.pages, 'inserted'), total(again.pages, 'unchanged')]).toEqual([0, expected.length]);
  });
});

describe('page mappers', () => {
  it('PayPal: a row that is no transaction detail is a failure naming its place; good rows map', () => {
    const page = JSON.parse(readFileSync(new URL('../fixtures/paypal/transaction-search/airbyte_sandbox_page_1.json', import.meta.url), 'utf8')) as { transaction_details: unknown[] };
    const results = PAYMENT_LEDGER_MAPPERS['paypal']!([...page.transaction_details, { transaction_info: { transaction_id: 'X1', transaction_event_code: 'T0006' } }]);
    expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
    const bad = results[3]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('transaction_details.3.transaction_info.transaction_amount');
  });

  it('Amazon: the Finances 2024-06-19 model example maps, lines without an id told apart by their repeats', () => {
    const body = JSON.parse(readFileSync(new URL('../fixtures/amazon/finances/listTransactions.model-example.json', import.meta.url), 'utf8')) as { payload: { transactions: unknown[] } };
    const results = PAYMENT_LEDGER_MAPPERS['amazon']!([...body.payload.transactions, ...body.payload.transactions]);
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = results.flatMap((r) => (r.ok ? [r.value.lineId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Stripe: a real balance transaction maps to its line; a record missing its amount is refused naming the field', () => {
    const bt = JSON.parse(readFileSync(new URL('../fixtures/stripe/objects-djstripe/balance_transaction_txn_fake_ch_fakefakefakefakefake0001.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const [good, bad] = PAYMENT_LEDGER_MAPPERS['stripe']!([bt, { ...bt, amount: undefined }]);
    expect(good!.ok).toBe(true);
    if (good!.ok) expect(good!.value.lineId).toContain(String(bt['id']));
    expect(bad!.ok).toBe(false);
    if (!bad!.ok) expect(bad!.error.message).toContain('data.1.amount');
  });
});
