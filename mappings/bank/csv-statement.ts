/**
 * A bank's CSV export → canonical BankStatementLines, one per data row. Columns are found by
 * header name: the names given in `columns`, else the usual ones (date, amount, currency,
 * description, reference …, case and spacing ignored). Amounts are signed decimals ("-12.50");
 * a decimal comma ("-12,50", "1.234,56") only when `decimalComma` is declared, since "1,234" is
 * one thousand two hundred and thirty-four in one bank's file and 1.234 in another's. Dates are
 * YYYY-MM-DD, DD.MM.YYYY or DD.MM.YY; DD/MM/YYYY and MM/DD/YYYY only with the order declared.
 * The header row may follow a few lines about the account (ING, DKB); an amount header may name
 * the currency (`Betrag (EUR)`); a status column marks entries not booked yet (`Umsatz vorgemerkt`).
 * Input: the rows as csv-parse gives them (cells as text), the header first, each with its line number.
 */
import { currencyInfo, MappingError, parseDecimalMoney, type BankStatementLine, type MappingIssue, type MappingResult } from '../canonical/index.js';
import { normaliseAccount } from './camt053.js';

export const CSV_STATEMENT_RECORD_TYPE = 'bank.csv';

export const CSV_STATEMENT_FIELDS = ['date', 'valueDate', 'amount', 'currency', 'description', 'reference', 'counterparty', 'endToEndId', 'creditDebit', 'status'] as const;
export type CsvStatementField = (typeof CSV_STATEMENT_FIELDS)[number];

/** Header names recognised without configuration, compared lower-case with spaces, dashes and underscores removed. */
const KNOWN_HEADERS: Readonly<Record<CsvStatementField, readonly string[]>> = {
  // `buchung`, `valuta`: ING; `valutadatum`, `waehrung`, `kundenreferenz (end-to-end)`, `info`: Sparkasse CSV-CAMT; `datum`: N26.
  date: ['date', 'bookingdate', 'bookeddate', 'transactiondate', 'postingdate', 'buchungstag', 'buchungsdatum', 'buchung', 'datum'],
  valueDate: ['valuedate', 'valuta', 'valutadatum', 'wertstellung'],
  amount: ['amount', 'betrag', 'montant', 'importe'],
  currency: ['currency', 'ccy', 'wahrung', 'währung', 'waehrung', 'devise'],
  description: ['description', 'details', 'remittanceinformation', 'remittanceinfo', 'memo', 'narrative', 'verwendungszweck', 'libelle'],
  reference: ['reference', 'ref', 'bankreference', 'transactionid', 'referenz'],
  counterparty: ['counterparty', 'payer', 'payee', 'name', 'beguenstigterzahlungspflichtiger', 'auftraggeberempfänger', 'auftraggeberempfaenger'],
  endToEndId: ['endtoendid', 'endtoendreference', 'e2eid', 'kundenreferenz(endtoend)'],
  creditDebit: ['creditdebit', 'cdtdbtind', 'dc', 'sollhaben'],
  status: ['status', 'info', 'buchungsstatus'],
};

/** An amount header naming its currency: `Betrag (EUR)` (DKB, N26), `Amount (USD)`, `Betrag (€)`. */
const AMOUNT_WITH_CURRENCY = /^(amount|betrag|montant|importe)\((\w{3}|€|£)\)$/;
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { '€': 'EUR', '£': 'GBP' };

/** Status words (`Info` of Sparkasse: "Umsatz vorgemerkt"; DKB `Status`: "Vorgemerkt"); anything else is booked. */
const PENDING_STATUS = /^(umsatz\s+)?vorgemerkt$|^pending$|^pdng$/i;

/** How far down a file the header row is looked for: ING and DKB exports open with account lines before it. */
const HEADER_SEARCH_ROWS = 30;

const squash = (s: string): string => s.toLowerCase().replace(/[\s_\-/.]+/g, '');

export interface CsvStatementOptions {
  /** The account the file is for (a CSV export rarely names it). */
  readonly account: string;
  /** Header names of the file's columns, where they are not the usual ones. */
  readonly columns?: Partial<Record<CsvStatementField, string>>;
  /** Amounts use a decimal comma ("12,50", "1.234,56"). */
  readonly decimalComma?: boolean;
  /** The currency of every amount, when the file has no currency column. */
  readonly currency?: string;
  /** How slash dates are written: day first (31/01/2026) or month first (01/31/2026). */
  readonly slashDates?: 'dmy' | 'mdy';
}

export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvStatementResult = { readonly ok: true; readonly lines: readonly MappingResult<BankStatementLine>[] } | { readonly ok: false; readonly error: MappingError };

/** Finds the columns in the header row; a missing required column (date, amount, a currency) fails the file. */
function columnIndexes(header: CsvRow, options: CsvStatementOptions): { indexes: Partial<Record<CsvStatementField, number>>; issues: MappingIssue[]; impliedCurrency?: string } {
  const names = header.cells.map(squash);
  const indexes: Partial<Record<CsvStatementField, number>> = {};
  const issues: MappingIssue[] = [];
  for (const field of CSV_STATEMENT_FIELDS) {
    const configured = options.columns?.[field];
    if (configured !== undefined) {
      const i = names.indexOf(squash(configured));
      if (i < 0) issues.push({ field: `line ${header.line}.${configured}`, message: `the header has no column "${configured}" (configured for ${field})` });
      else indexes[field] = i;
      continue;
    }
    const i = names.findIndex((n) => KNOWN_HEADERS[field].includes(n));
    if (i >= 0) indexes[field] = i;
  }
  let impliedCurrency: string | undefined;
  if (indexes.amount === undefined && options.columns?.amount === undefined) {
    const i = names.findIndex((n) => AMOUNT_WITH_CURRENCY.test(n));
    if (i >= 0) {
      indexes.amount = i;
      const sign = AMOUNT_WITH_CURRENCY.exec(names[i]!)![2]!;
      impliedCurrency = CURRENCY_SIGNS[sign] ?? sign.toUpperCase();
    }
  }
  for (const required of ['date', 'amount'] as const) {
    if (indexes[required] === undefined && options.columns?.[required] === undefined) {
      issues.push({ field: `line ${header.line}`, message: `no ${required} column found in the header (${header.cells.join(', ')}); name it with --column ${required}=HEADER` });
    }
  }
  if (indexes.currency === undefined && options.currency === undefined && impliedCurrency === undefined) {
    issues.push({ field: `line ${header.line}`, message: 'no currency column and no currency given (--currency)' });
  }
  return { indexes, issues, ...(impliedCurrency === undefined ? {} : { impliedCurrency }) };
}

/** The header row: the first of the opening rows in which a date and an amount column are found (else the first row, whose error says what is missing). */
function headerRowIndex(rows: readonly CsvRow[], options: CsvStatementOptions): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const { indexes, issues } = columnIndexes(rows[i]!, options);
    if (indexes.date !== undefined && indexes.amount !== undefined && issues.length === 0) return i;
  }
  return 0;
}

/** "1.234,56" → "1234.56" with a decimal comma; "1,234.56" → "1234.56" without. Grouping must be in threes. */
function plainDecimal(raw: string, decimalComma: boolean): string | undefined {
  const t = raw.replace(/\s+/g, '').replace(/^\+/, '');
  const [group, point] = decimalComma ? ['.', ','] : [',', '.'];
  const pattern = new RegExp(`^(-?)(\\d{1,3}(?:\\${group}\\d{3})+|\\d+)(?:\\${point}(\\d+))?$`);
  const m = pattern.exec(t);
  if (!m) return undefined;
  return `${m[1]}${m[2]!.split(group).join('')}${m[3] === undefined ? '' : `.${m[3]}`}`;
}

function dateOf(raw: string, slashDates: CsvStatementOptions['slashDates']): { ok: true; date: string } | { ok: false; message: string } {
  const t = raw.trim();
  let y: string | undefined;
  let mo: string | undefined;
  let d: string | undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (m) [, y, mo, d] = m;
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [, d, mo, y] = m;
  // DD.MM.YY: the Buchungstag of Sparkasse's CSV exports; a statement's year is this century's.
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/.exec(t))) [d, mo, y] = [m[1], m[2], `20${m[3]}`];
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) {
    if (slashDates === undefined) return { ok: false, message: `"${raw}": say whether slash dates are day first or month first (--slash-dates dmy|mdy)` };
    [, y] = [m[0], m[3]];
    [d, mo] = slashDates === 'dmy' ? [m[1], m[2]] : [m[2], m[1]];
  } else return { ok: false, message: `"${raw}" is not a date (YYYY-MM-DD, DD.MM.YYYY, DD.MM.YY, or slash dates with their order declared)` };
  const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) return { ok: false, message: `"${raw}" is not a calendar date` };
  return { ok: true, date };
}

const CREDIT_WORDS = new Set(['c', 'cr', 'crdt', 'credit', 'h', 'haben']);
const DEBIT_WORDS = new Set(['d', 'dr', 'dbit', 'debit', 's', 'soll']);

/** Reads the header and every data row; a bad row is a MappingError naming its line and column, the others still map. */
export function csvStatementToBankLines(rows: readonly CsvRow[], options: CsvStatementOptions): CsvStatementResult {
  const start = headerRowIndex(rows, options);
  const header = rows[start];
  const data = rows.slice(start + 1);
  if (header === undefined) return { ok: false, error: new MappingError(CSV_STATEMENT_RECORD_TYPE, undefined, [{ field: 'line 1', message: 'the file is empty (no header row)' }]) };
  const { indexes, issues, impliedCurrency } = columnIndexes(header, options);
  const account = normaliseAccount(options.account);
  if (account === '') issues.push({ field: 'account', message: 'give the account the file is for (--account IBAN)' });
  if (options.currency !== undefined && currencyInfo(options.currency.toUpperCase()) === undefined) {
    issues.push({ field: 'currency', message: `"${options.currency}" is not an ISO 4217 currency code` });
  }
  if (issues.length > 0) return { ok: false, error: new MappingError(CSV_STATEMENT_RECORD_TYPE, undefined, issues) };
  const headerName = (field: CsvStatementField) => header.cells[indexes[field]!] ?? field;
  const lines = data
    .filter((row) => row.cells.some((c) => c.trim() !== ''))
    .map((row) => rowToLine(row, account, indexes, headerName, impliedCurrency === undefined || options.currency !== undefined ? options : { ...options, currency: impliedCurrency }));
  return { ok: true, lines };
}

function rowToLine(
  row: CsvRow,
  account: string,
  indexes: Partial<Record<CsvStatementField, number>>,
  headerName: (field: CsvStatementField) => string,
  options: CsvStatementOptions,
): MappingResult<BankStatementLine> {
  const position = `line ${row.line}`;
  const issues: MappingIssue[] = [];
  const cell = (field: CsvStatementField): string | undefined => {
    const i = indexes[field];
    const v = i === undefined ? undefined : row.cells[i]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const field = (f: CsvStatementField) => `${position}.${headerName(f)}`;

  const rawDate = cell('date');
  let bookingDate: string | undefined;
  if (rawDate === undefined) issues.push({ field: field('date'), message: 'missing' });
  else {
    const r = dateOf(rawDate, options.slashDates);
    if (r.ok) bookingDate = r.date;
    else issues.push({ field: field('date'), message: r.message, value: rawDate });
  }
  let valueDate: string | undefined;
  const rawValueDate = cell('valueDate');
  if (rawValueDate !== undefined) {
    const r = dateOf(rawValueDate, options.slashDates);
    if (r.ok) valueDate = r.date;
    else issues.push({ field: field('valueDate'), message: r.message, value: rawValueDate });
  }
  const currency = (cell('currency') ?? options.currency ?? '').toUpperCase();
  if (currencyInfo(currency) === undefined) issues.push({ field: indexes.currency === undefined ? 'currency' : field('currency'), message: `"${currency}" is not an ISO 4217 currency code`, value: currency });
  const rawAmount = cell('amount');
  let amountMinor: number | undefined;
  if (rawAmount === undefined) issues.push({ field: field('amount'), message: 'missing' });
  else if (currencyInfo(currency) !== undefined) {
    const plain = plainDecimal(rawAmount, options.decimalComma === true);
    const r = plain === undefined ? undefined : parseDecimalMoney(plain, currency);
    if (r === undefined) {
      const hint = options.decimalComma === true ? 'a decimal comma was declared: "1.234,56"' : 'a decimal comma needs --decimal-comma';
      issues.push({ field: field('amount'), message: `"${rawAmount}" is not an amount (${hint})`, value: rawAmount });
    } else if (!r.ok) issues.push({ field: field('amount'), message: r.message, value: rawAmount });
    else amountMinor = r.money.amountMinor;
  }
  const rawIndicator = cell('creditDebit');
  if (rawIndicator !== undefined && amountMinor !== undefined) {
    const w = rawIndicator.toLowerCase();
    // A direction column with unsigned amounts: the column decides the sign.
    if (CREDIT_WORDS.has(w)) amountMinor = Math.abs(amountMinor);
    else if (DEBIT_WORDS.has(w)) amountMinor = -Math.abs(amountMinor);
    else issues.push({ field: field('creditDebit'), message: `"${rawIndicator}" is neither credit nor debit (C/D, CRDT/DBIT, credit/debit)`, value: rawIndicator });
  }
  if (issues.length > 0 || bookingDate === undefined || amountMinor === undefined) {
    return { ok: false, error: new MappingError(CSV_STATEMENT_RECORD_TYPE, position, issues) };
  }
  const line: BankStatementLine = {
    account,
    position,
    bookingDate,
    ...(valueDate === undefined ? {} : { valueDate }),
    amount: { amountMinor, currency },
    creditDebit: amountMinor < 0 ? 'debit' : 'credit',
    status: PENDING_STATUS.test(cell('status') ?? '') ? 'pending' : 'booked',
  };
  const description = cell('description');
  if (description !== undefined) line.remittanceInfo = description;
  const reference = cell('reference');
  if (reference !== undefined) line.bankReference = reference;
  const counterparty = cell('counterparty');
  if (counterparty !== undefined) line.counterpartyName = counterparty;
  const e2e = cell('endToEndId');
  // NOTPROVIDED is the SEPA placeholder for "the payer gave none" (as camt053.ts reads it).
  if (e2e !== undefined && e2e !== 'NOTPROVIDED') line.endToEndId = e2e;
  return { ok: true, value: line };
}
