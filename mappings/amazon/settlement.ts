/**
 * Amazon settlement report rows → canonical Settlement (the first data row: period, deposit date,
 * total) and SettlementLines (one per amount). A line's identity is
 * `<settlement-id>:<line number in the file>` (plus `:<amount column>` in the older layout, where
 * one row carries several amounts): a settlement's report is generated once, when the
 * settlement closes, so its row order is fixed.
 *
 * Kinds (the report's own words kept in rawType `transaction-type/amount-type/amount-description`):
 * - a description or type naming a reserve (`Current Reserve Amount`, `Previous Reserve Amount Balance`) → reserve;
 * - transaction-type `Order`: item fees (`ItemFees`, `*-fee-*` columns) → fee, everything else (price, promotion) → sale;
 * - `Refund`: fees → fee (fees given back), everything else → refund;
 * - `Chargeback Refund`, `A-to-z Guarantee Claim` (claims against the seller) → chargeback;
 * - `Transfer` / `Disbursement` (money sent to the seller's bank) → payout; `Adjustment`, `Reimbursement` → adjustment;
 * - tax the marketplace withholds (amount-type `ItemWithheldTax`) → other;
 * - service fees (`ServiceFee`, `Storage Fee`, `Subscription Fee`, `Cost of Advertising`, `other-transaction` fees) → fee; anything else → other.
 * Sources: the layouts as ../shared/vendor/amazon/SOURCE.md documents them and the airbyte
 * fixture (test/fixtures/amazon/settlement); the transaction-type words are those Amazon's
 * reports use. No real V2 report was available: the table is deliberately coarse, rawType keeps
 * the detail, and an unknown type maps to `other`, never to an error.
 */
import type { AmazonSettlementReport, AmazonSettlementRow } from '../../connectors/amazon/schemas/settlement-report.js';
import {
  currencyInfo,
  MappingError,
  normaliseUtcTimestamp,
  parseDecimalMoney,
  settlementIdempotencyKey,
  type MappingIssue,
  type MappingResult,
  type Money,
  type Settlement,
  type SettlementLine,
  type SettlementLineKind,
} from '../canonical/index.js';
import { readReportMoney, readReportTimestamp, ZONE_OFFSETS } from './report-values.js';

export const AMAZON_SETTLEMENT_RECORD_TYPE = 'amazon.settlement-report';

/** Older layout: amount column → its type column (when it has one). */
const FLAT_FILE_AMOUNTS: readonly (readonly [amount: string, type: string | undefined, fee: boolean])[] = [
  ['price-amount', 'price-type', false],
  ['promotion-amount', 'promotion-type', false],
  ['shipment-fee-amount', 'shipment-fee-type', true],
  ['order-fee-amount', 'order-fee-type', true],
  ['item-related-fee-amount', 'item-related-fee-type', true],
  ['misc-fee-amount', undefined, true],
  ['other-fee-amount', 'other-fee-reason-description', true],
  ['direct-payment-amount', 'direct-payment-type', false],
  ['other-amount', undefined, false],
];

/** transaction-type → kind, for amounts that are not fees. Lower-cased keys. */
export const AMAZON_SETTLEMENT_TRANSACTION_KINDS: Readonly<Record<string, SettlementLineKind>> = {
  order: 'sale',
  refund: 'refund',
  'chargeback refund': 'chargeback',
  chargeback: 'chargeback',
  'a-to-z guarantee claim': 'chargeback',
  transfer: 'payout',
  disbursement: 'payout',
  adjustment: 'adjustment',
  reimbursement: 'adjustment',
  'fba inventory reimbursement': 'adjustment',
  servicefee: 'fee',
  'service fee': 'fee',
  'storage fee': 'fee',
  'subscription fee': 'fee',
};

export function amazonSettlementKind(transactionType: string, amountType: string, description: string, isFeeColumn: boolean): SettlementLineKind {
  const t = transactionType.toLowerCase();
  if (/reserve/i.test(description) || /reserve/i.test(amountType) || /reserve/i.test(t)) return 'reserve';
  // Tax the marketplace withholds (ItemWithheldTax: MarketplaceFacilitatorTax-…) is neither the seller's sale nor a fee, as the Finances mapping reads it.
  if (/withheld/i.test(amountType)) return 'other';
  const fee = isFeeColumn || /fee|advertising/i.test(amountType);
  if ((t === 'order' || t === 'refund') && fee) return 'fee';
  if (Object.hasOwn(AMAZON_SETTLEMENT_TRANSACTION_KINDS, t)) return AMAZON_SETTLEMENT_TRANSACTION_KINDS[t]!;
  if (fee || /fee/i.test(description)) return 'fee';
  return 'other';
}

/** Plain decimal text, as US/UK/JP reports write it: the common case, read without the localized reader. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Amazon's decimal text: "19.99", "-3.22", or as localized reports write it (report-values readReportMoney: "19,99", "1.234,56", "1 234,56", "1,980"). Never a float. */
function amountOf(issues: MappingIssue[], field: string, raw: string, currency: string): Money | undefined {
  if (PLAIN_DECIMAL.test(raw)) {
    const r = parseDecimalMoney(raw, currency);
    if (r.ok) return r.money;
    issues.push({ field, message: r.message, value: raw });
    return undefined;
  }
  const r = readReportMoney(raw, currency);
  if (r.ok) return r.value;
  issues.push({ field, message: r.message, value: raw });
  return undefined;
}

/**
 * Report dates: `2023-01-01 00:00:00 UTC` (with a zone name), ISO 8601 with an offset
 * (`posted-date-time`), day first (`19.03.2018 23:00:25 UTC`, DE) or with slashes (`2018/03/19 23:00:25 JST`),
 * or a date only (`2023-01-03`, `03.01.2023`, `2023/01/03`), kept as a date.
 */
export function amazonReportDate(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  // Day-first dates (`03.01.2023`, as EU marketplaces write them) are turned around first, JP's `2023/01/03` dashed.
  const trimmed = raw.trim();
  // Only a `.` at 2 or a `/` at 4 asks for a rewrite: ISO dates (the common case) pass untouched.
  const text = trimmed.charCodeAt(2) === 0x2e ? trimmed.replace(/^(\d{2})\.(\d{2})\.(\d{4})/, '$3-$2-$1') : trimmed.charCodeAt(4) === 0x2f ? trimmed.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3') : trimmed;
  const named = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([A-Z]{3,4})$/.exec(text);
  if (named) {
    // UTC as `Z`: the benchmarked path (every posted-date-time of a US/EU report), which normaliseUtcTimestamp reads fastest.
    const zone = named[3] === 'UTC' || named[3] === 'GMT' ? 'Z' : ZONE_OFFSETS[named[3]!];
    if (zone === undefined) return { ok: false, message: `"${raw}" names a time zone (${named[3]}) this reader does not know` };
    return normaliseUtcTimestamp(`${named[1]}T${named[2]}${zone}`);
  }
  const offset = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{2}:?\d{2}|Z)$/.exec(text);
  if (offset) return normaliseUtcTimestamp(`${offset[1]}T${offset[2]}${offset[3]}`);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
  if (date !== undefined) {
    const d = new Date(`${date}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? { ok: false, message: `"${raw}" is not a calendar date` } : { ok: true, value: date };
  }
  const r = normaliseUtcTimestamp(text.replace(' ', 'T'));
  if (r.ok) return r;
  // Other local forms with a zone: year first with slashes (JP: 2018/03/19 23:00:25 JST), day or month first with slashes.
  const local = readReportTimestamp(raw.trim());
  return local.ok ? local : { ok: false, message: `"${raw}" is not a date Amazon's reports write (2023-01-01 00:00:00 UTC, 2023-01-01T00:00:00+00:00, 2023-01-01, 01.01.2023)` };
}

function dateAt(issues: MappingIssue[], field: string, raw: string): string | undefined {
  if (raw === '') return undefined;
  const r = amazonReportDate(raw);
  if (r.ok) return r.value;
  issues.push({ field, message: r.message, value: raw });
  return undefined;
}

export interface AmazonSettlementMapping {
  readonly header: MappingResult<Settlement> | undefined;
  readonly lines: readonly MappingResult<SettlementLine>[];
}

const cell = (row: AmazonSettlementRow, column: string): string => row[column] ?? '';

/** The header row (total) and one line per amount of every other row. Each result names its row on failure. */
export function amazonSettlementReportToRecords(report: AmazonSettlementReport): AmazonSettlementMapping {
  // The totals row: a total and no transaction type (the first data row in Amazon's reports).
  const first = report.rows.find((r) => cell(r.cells, 'total-amount') !== '' && cell(r.cells, 'transaction-type') === '');
  const rest = report.rows.filter((r) => r !== first);
  if (first === undefined) {
    // Without a totals row (a cut or re-exported file) every row still maps, with its own settlement id and currency.
    return { header: undefined, lines: rest.flatMap((row) => rowLines(report, row, cell(row.cells, 'settlement-id'), cell(row.cells, 'currency'))) };
  }
  const issues: MappingIssue[] = [];
  const settlementId = cell(first.cells, 'settlement-id');
  const currency = cell(first.cells, 'currency').toUpperCase();
  if (settlementId === '') issues.push({ field: `line ${first.line}.settlement-id`, message: 'missing' });
  if (currencyInfo(currency) === undefined) issues.push({ field: `line ${first.line}.currency`, message: `"${currency}" is not an ISO 4217 currency code`, value: currency });
  const total = currencyInfo(currency) === undefined ? undefined : amountOf(issues, `line ${first.line}.total-amount`, cell(first.cells, 'total-amount'), currency);
  const startAt = dateAt(issues, `line ${first.line}.settlement-start-date`, cell(first.cells, 'settlement-start-date'));
  const endAt = dateAt(issues, `line ${first.line}.settlement-end-date`, cell(first.cells, 'settlement-end-date'));
  const depositAt = dateAt(issues, `line ${first.line}.deposit-date`, cell(first.cells, 'deposit-date'));
  const header: MappingResult<Settlement> =
    issues.length > 0 || total === undefined
      ? { ok: false, error: new MappingError(AMAZON_SETTLEMENT_RECORD_TYPE, settlementId || undefined, issues) }
      : {
          ok: true,
          value: {
            source: 'amazon',
            settlementId,
            idempotencyKey: settlementIdempotencyKey('amazon', settlementId),
            ...(startAt === undefined ? {} : { startAt }),
            ...(endAt === undefined ? {} : { endAt }),
            ...(depositAt === undefined ? {} : { depositAt }),
            total,
            currency,
          },
        };
  if (!header.ok) return { header, lines: [] };
  const lines = rest.flatMap((row) => rowLines(report, row, settlementId, currency));
  return { header, lines };
}

function rowLines(report: AmazonSettlementReport, row: AmazonSettlementReport['rows'][number], settlementId: string, settlementCurrency: string): MappingResult<SettlementLine>[] {
  const c = row.cells;
  const at = (col: string) => `line ${row.line}.${col}`;
  const rowCurrency = (cell(c, 'currency') || settlementCurrency).toUpperCase();
  const issues: MappingIssue[] = [];
  if (currencyInfo(rowCurrency) === undefined) issues.push({ field: at('currency'), message: `"${rowCurrency}" is not an ISO 4217 currency code` });
  const rawPosted = cell(c, 'posted-date-time') || cell(c, 'posted-date');
  const postedAt = dateAt(issues, at(cell(c, 'posted-date-time') ? 'posted-date-time' : 'posted-date'), rawPosted);
  if (rawPosted === '') issues.push({ field: at('posted-date'), message: 'missing' });
  const transactionType = cell(c, 'transaction-type');
  const amounts: { column: string; type: string; description: string; raw: string; fee: boolean }[] =
    report.layout === 'flat-file-v2'
      ? [{ column: 'amount', type: cell(c, 'amount-type'), description: cell(c, 'amount-description'), raw: cell(c, 'amount'), fee: false }]
      : FLAT_FILE_AMOUNTS.filter(([amount]) => cell(c, amount) !== '').map(([amount, type, fee]) => ({ column: amount, type: type === undefined ? amount.replace(/-amount$/, '') : cell(c, type), description: cell(c, 'other-fee-reason-description'), raw: cell(c, amount), fee }));
  const id = (column: string) => `${settlementId}:${row.line}${report.layout === 'flat-file' ? `:${column}` : ''}`;
  // The older layout gives each order item a row of its own with the quantity and no amount (the real
  // 2015 report in test/fixtures/amazon/heldout-pay): it moves no money, so it has no line.
  if (amounts.length === 0 && report.layout === 'flat-file') return [];
  if (amounts.length === 0 || amounts.every((a) => a.raw === '')) {
    return [{ ok: false, error: new MappingError(AMAZON_SETTLEMENT_RECORD_TYPE, `${settlementId}:${row.line}`, [{ field: at(report.layout === 'flat-file-v2' ? 'amount' : 'price-amount'), message: 'the row states no amount' }]) }];
  }
  return amounts.map((a): MappingResult<SettlementLine> => {
    const lineIssues = [...issues];
    const gross = currencyInfo(rowCurrency) === undefined ? undefined : amountOf(lineIssues, at(a.column), a.raw, rowCurrency);
    if (lineIssues.length > 0 || gross === undefined || postedAt === undefined) return { ok: false, error: new MappingError(AMAZON_SETTLEMENT_RECORD_TYPE, id(a.column), lineIssues) };
    const orderId = cell(c, 'order-id');
    const merchantOrderId = cell(c, 'merchant-order-id');
    const sku = cell(c, 'sku');
    return {
      ok: true,
      value: {
        source: 'amazon',
        lineId: id(a.column),
        idempotencyKey: settlementIdempotencyKey('amazon', id(a.column)),
        kind: amazonSettlementKind(transactionType, a.type, a.description, a.fee),
        rawType: [transactionType, a.type, report.layout === 'flat-file-v2' ? a.description : ''].filter((x) => x !== '').join('/'),
        currency: gross.currency,
        gross,
        postedAt,
        ...(a.description && report.layout === 'flat-file-v2' ? { description: a.description } : {}),
        refs: {
          settlementId,
          ...(orderId ? { orderId } : {}),
          ...(merchantOrderId ? { merchantOrderId } : {}),
          ...(sku ? { sku } : {}),
        },
      },
    };
  });
}
