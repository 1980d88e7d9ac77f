/**
 * Amazon's Finances API 2024-06-19 as a payment ledger source: transactions posted in [from, to),
 * page by page, in windows of at most 180 days (Amazon answers a wider range with an empty page).
 * Amazon says financial events may miss orders of the last 48 hours: the listing ends 48 hours
 * before now at the latest (`coveredTo`), so no period is closed before Amazon has its data, and
 * the next listing starts there. The cursor carries the window and Amazon's nextToken.
 */
import type { PaymentLedgerSource } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import type { AmazonClient } from './client.js';
import { AMAZON } from './config.js';
import { AMAZON_TRANSACTIONS_MAX_RANGE_MS, LIST_TRANSACTIONS_OPERATION } from './operations/list-transactions.js';

/** "Financial events might not include orders from the last 48 hours" (listTransactions). */
export const AMAZON_FINANCES_LAG_MS = 48 * 3600_000;

interface FinancesCursor {
  readonly v: 1;
  readonly start: number;
  readonly end: number;
  readonly to: number;
  readonly nextToken?: string;
}

const site = siteOf(AMAZON, LIST_TRANSACTIONS_OPERATION);
const iso = (ms: number) => new Date(ms).toISOString();

function decode(cursor: string): FinancesCursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as FinancesCursor;
    if (c.v === 1 && [c.start, c.end, c.to].every(Number.isInteger) && c.start < c.end && c.end <= c.to) return c;
  } catch {
    // not ours
  }
  throw refuse(site, 'cursor is not an Amazon transactions listing cursor');
}

const encode = (c: FinancesCursor) => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

export function amazonLedgerSource(client: Pick<AmazonClient, 'listTransactions'>, now: () => number = Date.now): PaymentLedgerSource {
  return {
    async listTransactions(query, options) {
      let c: FinancesCursor;
      if (query.cursor !== undefined) c = decode(query.cursor);
      else {
        const from = Date.parse(query.from);
        const requested = Date.parse(query.to);
        if (!Number.isFinite(from) || !Number.isFinite(requested)) throw refuse(site, `from/to must be ISO 8601 date-times, got ${query.from} – ${query.to}`);
        if (requested < from) throw refuse(site, `to ${query.to} is before from ${query.from}`);
        const to = Math.max(from, Math.min(requested, now() - AMAZON_FINANCES_LAG_MS));
        if (to === from) return { records: [], coveredTo: iso(from) };
        c = { v: 1, start: from, end: Math.min(to, from + AMAZON_TRANSACTIONS_MAX_RANGE_MS), to };
      }
      for (;;) {
        const page = await client.listTransactions(
          { postedAfter: iso(c.start), postedBefore: iso(c.end), ...(c.nextToken === undefined ? {} : { nextToken: c.nextToken }) },
          options?.signal ? { signal: options.signal } : {},
        );
        let next: FinancesCursor | undefined;
        if (page.nextToken !== undefined) next = { v: 1, start: c.start, end: c.end, to: c.to, nextToken: page.nextToken };
        else if (c.end < c.to) next = { v: 1, start: c.end, end: Math.min(c.to, c.end + AMAZON_TRANSACTIONS_MAX_RANGE_MS), to: c.to };
        if (next === undefined) return { records: [...page.transactions], coveredTo: iso(c.to) };
        // Amazon may answer empty pages with a nextToken: they are followed, not handed back.
        if (page.transactions.length === 0) {
          c = next;
          continue;
        }
        return { records: [...page.transactions], cursor: encode(next) };
      }
    },
  };
}
