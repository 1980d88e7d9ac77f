/**
 * Transaction Search as a resumable listing over any period, page by page:
 *
 * - windows of at most 31 days (PayPal's range limit), walked oldest first;
 * - a window PayPal answers with RESULTSET_TOO_LARGE (too many rows for one query,
 *   airbytehq/airbyte#70968) is halved until it fits, and its other half becomes the next window;
 * - three years back at most ("This call lists transaction for the previous three years"):
 *   an older start is refused with PaypalSearchHorizonError before any request;
 * - `last_refreshed_datetime`: rows reach the search up to three hours late (a sync that moved
 *   its cursor to the time it ran lost them, airbytehq/airbyte#37385), and PayPal says how far
 *   its data is complete. A window reaching past that instant is shortened to it before any of
 *   its rows is returned, and the listing ends there (`coveredTo`): the next listing starts at
 *   `coveredTo`, so no period is closed before PayPal has its data. A start PayPal has no data
 *   for yet is answered `INVALID_REQUEST` "Data for the given start date is not available."
 *   (paypal/PayPal-node-SDK#452): the listing then ends at its start, with nothing read.
 *
 * Windows are half-open [start, end): end_date is sent as end − 1 ms (PayPal takes both dates
 * inclusively; its rows carry whole seconds), so consecutive windows share no row.
 * The cursor is opaque text carrying the window, the page and the listing's end.
 */
import { ConnectorError, type ConnectorErrorDetails } from '../http/errors.js';
import type { CallOptions, Send } from '../http/pipeline.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { PAYPAL, PAYPAL_MAX_PAGE_SIZE } from './config.js';
import { PAYPAL_MAX_SEARCH_RANGE_MS, SEARCH_TRANSACTIONS_OPERATION, searchTransactions } from './operations/search-transactions.js';

export const PAYPAL_SEARCH_HORIZON_YEARS = 3;
/** Rows carry whole seconds: a one-second window still too large cannot be split further. */
export const PAYPAL_MIN_SPLIT_MS = 1000;
export const PAYPAL_RESULTSET_TOO_LARGE = 'RESULTSET_TOO_LARGE';

/** A start date beyond Transaction Search's three-year horizon. */
export class PaypalSearchHorizonError extends ConnectorError {
  constructor(
    readonly from: string,
    readonly earliest: string,
    details: ConnectorErrorDetails,
  ) {
    super('validation', `PayPal ${details.operation}: ${from} is more than ${PAYPAL_SEARCH_HORIZON_YEARS} years back; Transaction Search starts at ${earliest}`, details);
  }
}

interface CursorState {
  readonly v: 1;
  /** Epoch ms: the window [start, end), the page within it, the listing's end. */
  readonly start: number;
  readonly end: number;
  readonly page: number;
  readonly to: number;
}

export interface PaypalListingQuery {
  /** ISO 8601; the listing covers [from, to). Ignored when a cursor is given. */
  readonly from: string;
  readonly to: string;
  readonly cursor?: string;
  readonly pageSize?: number;
}

export interface PaypalListingPage {
  /** `transaction_details[]` rows as PayPal sent them (checked by the mapping, row by row). */
  readonly records: unknown[];
  /** Continues the listing; absent when it is done. */
  readonly cursor?: string;
  /** Once done: the listing covers [from, coveredTo) — before `to` when PayPal's data is not refreshed that far. */
  readonly coveredTo?: string;
  /** PayPal's last_refreshed_datetime of the last reply, normalised to UTC. */
  readonly lastRefreshed?: string;
  /** Windows halved on RESULTSET_TOO_LARGE while reading this page. */
  readonly splits: number;
}

const site = siteOf(PAYPAL, SEARCH_TRANSACTIONS_OPERATION);

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorState {
  try {
    const s = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
    const ok = s.v === 1 && [s.start, s.end, s.page, s.to].every((n) => typeof n === 'number' && Number.isInteger(n)) && s.start! <= s.end! && s.end! <= s.to! && s.page! >= 1;
    if (ok) return s as CursorState;
  } catch {
    // fall through: not our cursor
  }
  throw refuse(site, 'cursor is not a PayPal transaction listing cursor');
}

/** PayPal writes offsets without a colon (`+0000`); Date.parse wants `+00:00`. */
export function paypalInstant(text: string): number {
  return Date.parse(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The earliest start Transaction Search serves at `nowMs`: the same instant three years before. */
export function paypalSearchHorizon(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear() - PAYPAL_SEARCH_HORIZON_YEARS, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function firstState(query: PaypalListingQuery, nowMs: number): CursorState {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw refuse(site, `from/to must be ISO 8601 date-times, got ${query.from} – ${query.to}`);
  if (to < from) throw refuse(site, `to ${query.to} is before from ${query.from}`);
  const earliest = paypalSearchHorizon(nowMs);
  if (from < earliest) {
    throw new PaypalSearchHorizonError(query.from, new Date(earliest).toISOString(), { vendor: PAYPAL.vendor, operation: SEARCH_TRANSACTIONS_OPERATION });
  }
  // Nothing is reported for the future: the listing ends now at the latest.
  const end = Math.max(from, Math.min(to, nowMs));
  return { v: 1, start: from, end: Math.min(end, from + PAYPAL_MAX_SEARCH_RANGE_MS), page: 1, to: end };
}

/** A window's midpoint on a whole second, so both halves stay non-empty. */
function halve(state: CursorState): number {
  const mid = state.start + Math.floor((state.end - state.start) / 2 / 1000) * 1000;
  return mid > state.start ? mid : state.start + PAYPAL_MIN_SPLIT_MS;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** PayPal's answer to a start after its refreshed data: INVALID_REQUEST with this message and no details. */
export const PAYPAL_START_NOT_AVAILABLE = /data for the given start date is not available/i;

function isStartNotAvailable(error: unknown): boolean {
  return error instanceof ConnectorError && error.vendorCode === 'INVALID_REQUEST' && PAYPAL_START_NOT_AVAILABLE.test(error.message);
}

/**
 * Where the reply says PayPal's data ends (exclusive), if it says so: last_refreshed_datetime,
 * or the reply's end_date ("the last date when the data can be served"), which PayPal gives to
 * the whole second and inclusively — hence the second added.
 */
function servedUntil(lastRefreshed: string | undefined, endDate: string | undefined): number | undefined {
  const bounds = [lastRefreshed === undefined ? NaN : paypalInstant(lastRefreshed), endDate === undefined ? NaN : paypalInstant(endDate) + 1000].filter(Number.isFinite);
  return bounds.length === 0 ? undefined : Math.min(...bounds);
}

/**
 * The next page of the listing. Empty windows are skipped within one call, so a page is either
 * rows or the end of the listing.
 */
export async function listPaypalTransactions(send: Send, query: PaypalListingQuery, nowMs: number, options?: CallOptions): Promise<PaypalListingPage> {
  let state = query.cursor === undefined ? firstState(query, nowMs) : decodeCursor(query.cursor);
  const pageSize = query.pageSize ?? PAYPAL_MAX_PAGE_SIZE;
  let splits = 0;
  let lastRefreshed: string | undefined;
  const done = (records: unknown[], to: number): PaypalListingPage => ({ records, coveredTo: iso(to), splits, ...(lastRefreshed === undefined ? {} : { lastRefreshed }) });
  for (;;) {
    if (state.start >= state.to) return done([], state.to);
    let reply;
    try {
      reply = await searchTransactions(send, { startDate: iso(state.start), endDate: iso(state.end - 1), page: state.page, pageSize }, options);
    } catch (error) {
      if (state.page === 1 && isStartNotAvailable(error)) return done([], state.start);
      const tooLarge = error instanceof ConnectorError && error.vendorCode === PAYPAL_RESULTSET_TOO_LARGE;
      // Only a first page is split: rows of earlier pages were returned already and would come again.
      if (tooLarge && state.page === 1 && state.end - state.start > PAYPAL_MIN_SPLIT_MS) {
        state = { ...state, end: halve(state) };
        splits += 1;
        continue;
      }
      throw error;
    }
    const refreshed = servedUntil(reply.last_refreshed_datetime, reply.end_date);
    if (reply.last_refreshed_datetime !== undefined) lastRefreshed = iso(paypalInstant(reply.last_refreshed_datetime));
    if (refreshed !== undefined && refreshed < state.end) {
      // PayPal's data stops before this window does: read no row past it; the listing ends there.
      const to = Math.max(state.start, Math.floor(refreshed / 1000) * 1000);
      if (state.page !== 1 || to === state.start) return done([], to);
      state = { ...state, end: to, to };
      continue;
    }
    const rows = reply.transaction_details;
    const totalPages = reply.total_pages ?? (rows.length >= pageSize ? state.page + 1 : state.page);
    let next: CursorState | undefined;
    if (state.page < totalPages) next = { ...state, page: state.page + 1 };
    else if (state.end < state.to) next = { v: 1, start: state.end, end: Math.min(state.to, state.end + PAYPAL_MAX_SEARCH_RANGE_MS), page: 1, to: state.to };
    if (next === undefined) return done(rows, state.to);
    if (rows.length === 0) {
      state = next;
      continue;
    }
    return { records: rows, cursor: encodeCursor(next), splits, ...(lastRefreshed === undefined ? {} : { lastRefreshed }) };
  }
}
