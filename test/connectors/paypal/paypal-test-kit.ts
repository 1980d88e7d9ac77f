/** Shared set-up for the PayPal connector tests: a client on a fake clock, token replies, fixtures, and a fake Transaction Search over generated rows. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { createPaypalClient, type CreatePaypalClientOptions, type PaypalClient } from '../../../connectors/paypal/index.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';
export { answer, type SeenRequest } from '../dhl/dhl-test-kit.js';

export const SANDBOX = 'https://api-m.sandbox.paypal.com';
/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const CREDENTIALS = { clientId: 'AcaravanPaypalClientId01', clientSecret: 'EcaravanPaypalSecret-Z9' } as const;
export const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;
export const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

const FIXTURES = new URL('../../fixtures/paypal/', import.meta.url);
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

export interface Kit {
  readonly client: PaypalClient;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
}

export function makeKit(overrides: Partial<CreatePaypalClientOptions> = {}): Kit {
  const clock = new FakeClock(NOW);
  const logs = captureLogs();
  const client = createPaypalClient({
    tenant: 'acme',
    connection: 'paypal-eu',
    settings: { environment: 'sandbox', webhookId: '1JE4291016473214C' },
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
  });
  return { client, clock, logs };
}

/** Answers token requests with `tok-1`, `tok-2` … and records (authorization header, body). */
export function tokenEndpoint(seen: { authorization: string; body: string }[], expiresIn = 32400, times = 10): nock.Scope {
  return nock(SANDBOX)
    .post('/v1/oauth2/token')
    .times(times)
    .reply(function (_path, body) {
      seen.push({ authorization: String(this.req.headers['authorization']), body: typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString() });
      return [200, { scope: 'https://uri.paypal.com/services/reporting/search/read', access_token: `tok-${seen.length}`, token_type: 'Bearer', app_id: 'APP-80W284485P519543T', expires_in: expiresIn, nonce: 'n' }, { 'content-type': 'application/json' }];
    });
}

export interface FakeRow {
  readonly id: string;
  readonly atMs: number;
}

/** `count` rows spread evenly over [fromMs, toMs), whole seconds, ids in time order. */
export function generateRows(count: number, fromMs: number, toMs: number): FakeRow[] {
  const step = Math.floor((toMs - fromMs) / count / 1000) * 1000;
  return Array.from({ length: count }, (_, i) => ({ id: `TX${String(i).padStart(8, '0')}`, atMs: fromMs + i * step }));
}

const offset = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

export interface FakeSearchOptions {
  /** More matching rows than this: 400 RESULTSET_TOO_LARGE. */
  readonly maxResults: number;
  /** last_refreshed_datetime of every reply (default: far after every row). */
  readonly refreshedMs?: number;
  /** Rows PayPal would return if asked (those after the refresh are returned too: the client must not ask). */
  readonly rows: readonly FakeRow[];
}

export interface SearchCall {
  readonly start: string;
  readonly end: string;
  readonly page: number;
  readonly pageSize: number;
}

/** Transaction Search over `rows` as PayPal answers it: inclusive dates, pages from 1, the 31-day limit, RESULTSET_TOO_LARGE. */
export function fakeSearch(options: FakeSearchOptions, calls: SearchCall[]): nock.Scope {
  return nock(SANDBOX)
    .get('/v1/reporting/transactions')
    .query(true)
    .times(10_000)
    .reply(function (path) {
      const q = new URL(path, SANDBOX).searchParams;
      const start = q.get('start_date') ?? '';
      const end = q.get('end_date') ?? '';
      const page = Number(q.get('page'));
      const pageSize = Number(q.get('page_size'));
      calls.push({ start, end, page, pageSize });
      const [s, e] = [Date.parse(start), Date.parse(end)];
      if (e - s > 31 * 86_400_000) {
        return [400, { name: 'INVALID_REQUEST', message: 'Request is not well-formed, syntactically incorrect, or violates schema.', debug_id: 'd31', details: [{ field: 'end_date', issue: 'Date range is greater than 31 days' }] }, { 'content-type': 'application/json' }];
      }
      const matches = options.rows.filter((r) => r.atMs >= s && r.atMs <= e);
      if (matches.length > options.maxResults) {
        return [400, { name: 'RESULTSET_TOO_LARGE', message: 'Result set size is greater than the maximum limit. Change the filter criteria and try again.', debug_id: 'dbig' }, { 'content-type': 'application/json', 'paypal-debug-id': 'dbig' }];
      }
      const pageRows = matches.slice((page - 1) * pageSize, page * pageSize);
      const refreshed = options.refreshedMs ?? Date.UTC(2030, 0, 1);
      return [
        200,
        {
          transaction_details: pageRows.map((r) => ({
            transaction_info: { transaction_id: r.id, transaction_event_code: 'T0006', transaction_initiation_date: offset(r.atMs), transaction_amount: { currency_code: 'EUR', value: '10.00' }, fee_amount: { currency_code: 'EUR', value: '-0.59' }, transaction_status: 'S' },
          })),
          account_number: 'C7CYMKZDG8D6E',
          start_date: offset(s),
          end_date: offset(e),
          last_refreshed_datetime: offset(refreshed),
          page,
          total_items: matches.length,
          total_pages: Math.ceil(matches.length / pageSize),
        },
        { 'content-type': 'application/json' },
      ];
    });
}

/** Every row id of a listing, page by page until it ends. */
export async function drain(client: PaypalClient, from: string, to: string, pageSize?: number): Promise<{ ids: string[]; coveredTo?: string; pages: number; splits: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let splits = 0;
  for (;;) {
    const page = await client.listTransactions({ from, to, ...(cursor === undefined ? {} : { cursor }), ...(pageSize === undefined ? {} : { pageSize }) });
    pages += 1;
    splits += page.splits;
    for (const r of page.records) ids.push((r as { transaction_info: { transaction_id: string } }).transaction_info.transaction_id);
    if (page.cursor === undefined) return { ids, pages, splits, ...(page.coveredTo === undefined ? {} : { coveredTo: page.coveredTo }) };
    cursor = page.cursor;
  }
}
