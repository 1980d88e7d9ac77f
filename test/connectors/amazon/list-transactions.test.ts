/**
 * Finances 2024-06-19 listTransactions: the request (dates, nextToken with the same arguments),
 * the model's example reply parsed (transactions kept as sent, mapped by mappings/amazon), its
 * 400 example as a validation error, and the paymentLedgerSource listing: 180-day windows, empty
 * pages followed, and no window closed within Amazon's 48 hours of lag.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { amazonLedgerSource, AMAZON_FINANCES_LAG_MS } from '../../../connectors/amazon/index.js';
import { amazonTransactionToLine } from '../../../mappings/amazon/finances.js';
import { answer, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, type SeenRequest } from './amazon-test-kit.js';

isolateNetworkPerTest();

const PATH = '/finances/2024-06-19/transactions';
const example = (name: string) => readFileSync(new URL(`../../fixtures/amazon/finances/${name}`, import.meta.url), 'utf8');
const DAY = 86_400_000;

describe('listTransactions (Finances 2024-06-19)', () => {
  it('sends the period and parses the model example; the transactions map to settlement lines', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, example('listTransactions.model-example.json'), { 'x-amzn-RequestId': 'rq-1' }));
    const { client } = makeKit();
    const page = await client.listTransactions({ postedAfter: '2026-01-01T00:00:00.000Z', postedBefore: '2026-02-01T00:00:00.000Z' });
    expect(seen[0]?.path).toBe(`${PATH}?postedAfter=2026-01-01T00%3A00%3A00.000Z&postedBefore=2026-02-01T00%3A00%3A00.000Z`);
    expect(page.nextToken).toBe('Next token value');
    expect(page.transactions.length).toBeGreaterThan(0);
    expect(page.transactions.every((t, i) => amazonTransactionToLine(t, `transactions[${i}]`, (key) => `${key}:${i}`).ok)).toBe(true);
  });

  it('the 400 example is a validation error with Amazon\'s code', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(400, example('listTransactions.400.model-example.json'), { 'content-type': 'application/json' });
    const { client } = makeKit();
    const failure = await rejection(client.listTransactions({ postedAfter: '2026-01-01T00:00:00Z' }));
    expect([failure.kind, failure.vendorCode]).toEqual(['validation', 'InvalidInput']);
  });

  it('refuses a range Amazon would answer with an empty page, and a call without a start', async () => {
    const { client } = makeKit();
    expect((await rejection(client.listTransactions({ postedAfter: '2025-01-01T00:00:00Z', postedBefore: '2025-07-01T00:00:01Z' }))).message).toContain('180 days');
    expect((await rejection(client.listTransactions({}))).message).toContain('postedAfter is required');
  });
});

describe('Amazon as a paymentLedgerSource', () => {
  const now = Date.parse('2026-03-15T12:00:00Z');
  const tx = (id: string) => ({ transactionId: id });

  it('walks 180-day windows, follows nextToken with the same dates, skips empty pages, and ends 48 hours before now', async () => {
    const calls: Record<string, string | undefined>[] = [];
    const pages: Record<string, { transactions: unknown[]; nextToken?: string }> = {
      'w1/': { transactions: [tx('a')], nextToken: 'n1' },
      'w1/n1': { transactions: [], nextToken: 'n2' },
      'w1/n2': { transactions: [tx('b')] },
      'w2/': { transactions: [tx('c')] },
    };
    const source = amazonLedgerSource(
      {
        async listTransactions(params) {
          calls.push({ ...params });
          const key = `${params.postedAfter === '2025-06-01T00:00:00.000Z' ? 'w1' : 'w2'}/${params.nextToken ?? ''}`;
          const page = pages[key]!;
          return { transactions: page.transactions, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
        },
      },
      () => now,
    );
    const ids: unknown[] = [];
    let cursor: string | undefined;
    let coveredTo: string | undefined;
    do {
      const page = await source.listTransactions({ from: '2025-06-01T00:00:00Z', to: '2026-03-15T12:00:00Z', ...(cursor === undefined ? {} : { cursor }) });
      ids.push(...page.records.map((r) => (r as { transactionId: string }).transactionId));
      cursor = page.cursor;
      coveredTo = page.coveredTo;
    } while (cursor !== undefined);
    expect(ids).toEqual(['a', 'b', 'c']);
    const end = new Date(now - AMAZON_FINANCES_LAG_MS).toISOString();
    expect(coveredTo).toBe(end);
    expect(calls).toEqual([
      { postedAfter: '2025-06-01T00:00:00.000Z', postedBefore: '2025-11-28T00:00:00.000Z' },
      { postedAfter: '2025-06-01T00:00:00.000Z', postedBefore: '2025-11-28T00:00:00.000Z', nextToken: 'n1' },
      { postedAfter: '2025-06-01T00:00:00.000Z', postedBefore: '2025-11-28T00:00:00.000Z', nextToken: 'n2' },
      { postedAfter: '2025-11-28T00:00:00.000Z', postedBefore: end },
    ]);
    expect(Date.parse(calls[0]!.postedBefore!) - Date.parse(calls[0]!.postedAfter!)).toBe(180 * DAY);
  });

  it('a period wholly within the lag answers nothing and covers nothing', async () => {
    const source = amazonLedgerSource({ listTransactions: () => Promise.reject(new Error('not called')) }, () => now);
    expect(await source.listTransactions({ from: '2026-03-14T00:00:00Z', to: '2026-03-15T00:00:00Z' })).toEqual({ records: [], coveredTo: '2026-03-14T00:00:00.000Z' });
  });
});
