import type { Knex } from 'knex';
import type { BankStatementLine } from '../mappings/canonical/bank.js';
import { insertRows, onConflictUpdate } from './multi-row-insert.js';
import { canonicalJsonValue, sha256Hex, stableJson } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, storableText, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

export interface UpsertBankLinesResult {
  inserted: number;
  /** Entries with the same bank reference whose content changed (a corrected statement). */
  updated: number;
  unchanged: number;
}

export interface StoredBankLine {
  tenant: string;
  /** `ref:<bank reference>` or `hash:<sha256>`: what makes the entry the same on the next import. */
  entryKey: string;
  line: BankStatementLine;
  importedAt: string;
}

interface BankLineRow {
  tenant: string;
  account: string;
  entry_key: string;
  booking_date: string;
  value_date: string | null;
  currency: string;
  amount_minor: number;
  counterparty_name: string | null;
  remittance_info: string | null;
  end_to_end_id: string | null;
  bank_reference: string | null;
  statement_id: string | null;
  content_hash: string;
  record: string;
  imported_at: string;
}

const KEY_COLUMNS = ['tenant', 'account', 'entry_key'] as const satisfies readonly (keyof BankLineRow)[];
const CONTENT_COLUMNS = [
  'booking_date',
  'value_date',
  'currency',
  'amount_minor',
  'counterparty_name',
  'remittance_info',
  'end_to_end_id',
  'bank_reference',
  'statement_id',
  'content_hash',
  'record',
] as const satisfies readonly (keyof BankLineRow)[];
const COLUMNS = [...KEY_COLUMNS, ...CONTENT_COLUMNS, 'imported_at'] as const satisfies readonly (keyof BankLineRow)[];
const UPSERT = onConflictUpdate(KEY_COLUMNS, CONTENT_COLUMNS) + ' where "bank_statement_lines"."content_hash" <> excluded."content_hash"';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What identifies an entry without a bank reference: its content, not where it sits in a file (daily and monthly statements overlap). */
function entryContent(line: BankStatementLine): string {
  const { position: _position, statementId: _statementId, ...content } = line;
  return stableJson(content);
}

const PLACEHOLDER_REFERENCES = new Set(['NONREF', 'NOTPROVIDED', 'NONE', 'N/A']);

function usableReference(line: BankStatementLine): string | undefined {
  const ref = line.bankReference?.trim();
  return ref === undefined || ref === '' || PLACEHOLDER_REFERENCES.has(ref.toUpperCase()) ? undefined : ref;
}

/**
 * Entry keys for one import (one file): the bank's reference when it gives one; otherwise a hash
 * of the content and of how many identical entries came before it in the same file, so two
 * genuine identical bookings on one day stay two, and importing the file again finds both.
 */
export function bankEntryKeys(lines: readonly BankStatementLine[]): string[] {
  // A reference that is a placeholder (NONREF, as some banks write), or that two different
  // entries of the file share, identifies nothing: those entries are keyed by content.
  const contentsByRef = new Map<string, Set<string>>();
  for (const line of lines) {
    const ref = usableReference(line);
    if (ref !== undefined) contentsByRef.set(ref, (contentsByRef.get(ref) ?? new Set()).add(entryContent(line)));
  }
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const ref = usableReference(line);
    if (ref !== undefined && contentsByRef.get(ref)!.size === 1) return `ref:${ref}`;
    const content = entryContent(line);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return `hash:${sha256Hex(`${content}#${n}`)}`;
  });
}

function toRow(tenant: string, line: BankStatementLine, entryKey: string, now: string): BankLineRow {
  const where = `${line.position} (${line.account})`;
  assertStorableKey(line.account, `${where}: account`);
  assertStorableKey(entryKey, `${where}: bankReference`);
  if (!DATE.test(line.bookingDate)) throw new StoreInputError(`${where}: bookingDate "${line.bookingDate}" is not a date YYYY-MM-DD`);
  if (!Number.isSafeInteger(line.amount.amountMinor)) throw new StoreInputError(`${where}: amount.amountMinor must be a safe integer, got ${line.amount.amountMinor}`);
  const record = JSON.stringify(canonicalJsonValue(line));
  return {
    tenant,
    account: line.account,
    entry_key: entryKey,
    booking_date: line.bookingDate,
    value_date: line.valueDate ?? null,
    currency: line.amount.currency,
    amount_minor: line.amount.amountMinor,
    counterparty_name: storableText(line.counterpartyName),
    remittance_info: storableText(line.remittanceInfo),
    end_to_end_id: storableText(line.endToEndId),
    bank_reference: storableText(line.bankReference),
    statement_id: storableText(line.statementId),
    // Where the entry sat in the file is not content: the same entry in another statement is unchanged.
    content_hash: sha256Hex(entryContent(line)),
    record,
    imported_at: now,
  };
}

/**
 * Stores one file's booked entries (pass the whole file: keys of entries without a bank
 * reference count identical entries within the call). Re-importing the same file, or an
 * overlapping statement, adds nothing.
 */
export async function upsertBankStatementLines(db: Knex, tenant: string, lines: readonly BankStatementLine[], options: WriteOptions = {}): Promise<UpsertBankLinesResult> {
  assertStorableKey(tenant, 'tenant');
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const keys = bankEntryKeys(lines);
  const latest = new Map<string, BankLineRow>();
  lines.forEach((line, i) => {
    const row = toRow(tenant, line, keys[i]!, now);
    const key = `${row.account}\u0000${row.entry_key}`;
    latest.delete(key);
    latest.set(key, row);
  });
  if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  return db.transaction(async (trx) => {
    const existing = new Map<string, string>();
    const byAccount = new Map<string, string[]>();
    for (const row of latest.values()) byAccount.set(row.account, [...(byAccount.get(row.account) ?? []), row.entry_key]);
    for (const [account, entryKeys] of byAccount) {
      for (const part of chunk(entryKeys, IN_LIST_CHUNK)) {
        const rows: Pick<BankLineRow, 'entry_key' | 'content_hash'>[] = await trx('bank_statement_lines').select('entry_key', 'content_hash').where({ tenant, account }).whereIn('entry_key', part);
        for (const r of rows) existing.set(`${account}\u0000${r.entry_key}`, r.content_hash);
      }
    }
    const toWrite: BankLineRow[] = [];
    let inserted = 0;
    let updated = 0;
    for (const [key, row] of latest) {
      const stored = existing.get(key);
      if (stored === undefined) inserted += 1;
      else if (stored !== row.content_hash) updated += 1;
      else continue;
      toWrite.push(row);
    }
    await insertRows(trx, 'bank_statement_lines', COLUMNS, toWrite, UPSERT);
    return { inserted, updated, unchanged: latest.size - inserted - updated };
  });
}

export interface BankLinesQuery {
  tenant: string;
  /** First booking date, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last booking date, YYYY-MM-DD (inclusive). */
  to: string;
  accounts?: readonly string[];
}

/** Entries booked in [from, to], by booking date, account and key (sorted here: the same order on both databases). */
export async function bankLinesByPeriod(db: Knex, query: BankLinesQuery): Promise<StoredBankLine[]> {
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (!DATE.test(value)) throw new StoreInputError(`${field} "${value}" is not a date YYYY-MM-DD`);
  }
  const q = db('bank_statement_lines').select('tenant', 'account', 'entry_key', 'booking_date', 'record', 'imported_at').where({ tenant: query.tenant }).whereBetween('booking_date', [query.from, query.to]);
  if (query.accounts !== undefined) q.whereIn('account', [...query.accounts]);
  const rows: Pick<BankLineRow, 'tenant' | 'account' | 'entry_key' | 'booking_date' | 'record' | 'imported_at'>[] = await q;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .sort((a, b) => cmp(a.booking_date, b.booking_date) || cmp(a.account, b.account) || cmp(a.entry_key, b.entry_key))
    .map((r) => ({ tenant: r.tenant, entryKey: r.entry_key, line: JSON.parse(r.record) as BankStatementLine, importedAt: r.imported_at }));
}

export async function countBankStatementLines(db: Knex, query: { tenant: string; account?: string }): Promise<number> {
  const q = db('bank_statement_lines').count({ n: '*' }).where({ tenant: query.tenant });
  if (query.account !== undefined) q.andWhere({ account: query.account });
  const row = (await q.first()) as { n: unknown } | undefined;
  return toSafeInteger(row?.n ?? 0, 'count(bank_statement_lines)');
}
