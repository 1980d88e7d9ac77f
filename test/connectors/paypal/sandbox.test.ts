/** The PayPal client end to end against the PayPal stand-in (sandbox/paypal) over real HTTP. */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { createPaypalClient, paypalWebhookVerifier, PaypalSearchHorizonError, PaypalTransactionDetailSchema, type PaypalClient } from '../../../connectors/paypal/index.js';
import { paypalTransactionToLine } from '../../../mappings/paypal/index.js';
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox, type PaypalSandbox } from '../../../sandbox/paypal/index.js';
import { rejection } from '../nock-kit.js';

const START = Date.UTC(2026, 2, 1, 12, 0, 0);
const DAY = 86_400_000;
const LAG_S = 3 * 3600;

let sandbox: PaypalSandbox;
let offsetMs = 0;
const now = () => START + offsetMs;
let client: PaypalClient;

function makeClient(credentials = { clientId: SANDBOX_PAYPAL_CREDENTIALS.clientId, clientSecret: SANDBOX_PAYPAL_CREDENTIALS.clientSecret }): PaypalClient {
  return createPaypalClient({
    tenant: 'demo',
    connection: 'paypal',
    // The stand-in has no IP ban to respect: no client-side throttling in the way.
    settings: { endpoint: sandbox.url, webhookId: SANDBOX_PAYPAL_WEBHOOK_ID, rateLimit: { rate: 1000, burst: 1000 } },
    credentials,
    limiter: new RateLimiterRegistry(),
    logger: pino({ level: 'silent' }),
    clock: { now },
  });
}

async function drain(from: string, to: string): Promise<{ rows: unknown[]; coveredTo?: string; splits: number }> {
  const rows: unknown[] = [];
  let cursor: string | undefined;
  let splits = 0;
  for (;;) {
    const page = await client.listTransactions({ from, to, pageSize: 50, ...(cursor === undefined ? {} : { cursor }) });
    rows.push(...page.records);
    splits += page.splits;
    if (page.cursor === undefined) return { rows, splits, ...(page.coveredTo === undefined ? {} : { coveredTo: page.coveredTo }) };
    cursor = page.cursor;
  }
}

const idOf = (row: unknown) => PaypalTransactionDetailSchema.parse(row).transaction_info.transaction_id;

beforeAll(async () => {
  sandbox = await startPaypalSandbox({ clock: () => new Date(now()), maxResults: 120, refreshLagSeconds: LAG_S, daysBefore: 60, daysAfter: 10 });
  client = makeClient();
});
afterAll(async () => {
  await sandbox.close();
});

describe('PayPal client against the stand-in', () => {
  it('reads 60 days through 31-day windows split on RESULTSET_TOO_LARGE, up to last_refreshed_datetime, every row once and mappable', async () => {
    const from = new Date(START - 60 * DAY).toISOString();
    const result = await drain(from, new Date(START).toISOString());
    const refreshed = START - LAG_S * 1000;
    expect(result.coveredTo).toBe(new Date(refreshed).toISOString());
    expect(result.splits).toBeGreaterThan(0);
    expect(sandbox.stats().tooLarge).toBe(result.splits);
    const expected = sandbox.transactions().filter((t) => t.atMs >= START - 60 * DAY && t.atMs < refreshed).map((t) => t.id);
    const ids = result.rows.map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    const lines = result.rows.map((r) => paypalTransactionToLine(PaypalTransactionDetailSchema.parse(r).transaction_info));
    expect(lines.every((l) => l.ok)).toBe(true);
    const kinds = new Set(lines.flatMap((l) => (l.ok ? [l.value.kind] : [])));
    for (const kind of ['sale', 'refund', 'fx', 'payout']) expect(kinds).toContain(kind);

    // Four hours later PayPal has refreshed past the old end: the next listing reads the rest, once.
    offsetMs += 4 * 3600_000;
    const rest = await drain(result.coveredTo!, new Date(START).toISOString());
    const restIds = rest.rows.map(idOf);
    const all = sandbox.transactions().filter((t) => t.atMs >= START - 60 * DAY && t.atMs < START).map((t) => t.id);
    expect([...ids, ...restIds].sort()).toEqual([...all].sort());
    expect(rest.coveredTo).toBe(new Date(START).toISOString());
  });

  it('a start after PayPal\'s refreshed data ("Data for the given start date is not available.") ends the listing there, with nothing read', async () => {
    const from = new Date(now() - 3600_000).toISOString();
    const page = await client.listTransactions({ from, to: new Date(now()).toISOString() });
    expect([page.records, page.cursor, page.coveredTo]).toEqual([[], undefined, from]);
  });

  it('balances per currency', async () => {
    const reply = await client.listBalances({ currencyCode: 'EUR' });
    expect(reply.balances.map((b) => b.currency)).toEqual(['EUR']);
    expect(reply.balances[0]?.total_balance.value).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('verifies deliveries the stand-in signed; a changed byte or a foreign signature is false', async () => {
    // As delivered: the file without its trailing newline.
    const raw = readFileSync(new URL('../../fixtures/paypal/webhook-events/PAYMENT.CAPTURE.COMPLETED.v2.json', import.meta.url), 'utf8').trim();
    const verify = paypalWebhookVerifier(client);
    const headers = sandbox.signWebhook(raw);
    expect(await verify(headers, raw)).toBe(true);
    // Re-serialised (another whitespace): PayPal's CRC no longer matches.
    expect(await verify(headers, JSON.stringify(JSON.parse(raw)))).toBe(false);
    expect(await verify(sandbox.signWebhook(raw, { webhookId: 'OTHERWEBHOOK1' }), raw)).toBe(false);
    // A body posted with its file's trailing newline is the same event, signed and verified alike.
    expect(await verify(sandbox.signWebhook(`${raw}\n`), `${raw}\n`)).toBe(true);
    expect(sandbox.stats().verifications).toEqual({ success: 2, failure: 2 });
  });

  it('refuses wrong credentials (auth, naming the connection) and starts older than three years', async () => {
    const failure = await rejection(makeClient({ clientId: 'wrong', clientSecret: 'wrong-secret' }).listBalances());
    expect([failure.kind, failure.vendorCode]).toEqual(['auth', 'invalid_client']);
    expect(failure.message).toContain('PayPal connection "paypal" of tenant demo');
    expect(await rejection(client.listTransactions({ from: '2022-01-01T00:00:00Z', to: '2022-01-02T00:00:00Z' }))).toBeInstanceOf(PaypalSearchHorizonError);
  });

  it('answers a range over 31 days as PayPal does', async () => {
    const res = await fetch(`${sandbox.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${SANDBOX_PAYPAL_CREDENTIALS.clientId}:${SANDBOX_PAYPAL_CREDENTIALS.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const search = await fetch(`${sandbox.url}/v1/reporting/transactions?start_date=2026-01-01T00:00:00Z&end_date=2026-02-15T00:00:00Z`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(search.status).toBe(400);
    expect(await search.json()).toMatchObject({ name: 'INVALID_REQUEST', details: [{ field: 'end_date', issue: 'Date range is greater than 31 days' }] });
  });
});
