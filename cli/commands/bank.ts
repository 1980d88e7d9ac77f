/**
 * `caravan bank import FILE`: a bank statement (ISO 20022 camt.053 XML, or a bank's CSV export)
 * into the hub's bank_statement_lines, where reconciliation looks for the payouts. XML is read
 * whole (statements are a day's or a month's entries), CSV streamed; either way the readers of
 * mappings/bank name each bad entry by its place (Stmt[0].Ntry[3], line 7) and field, and the
 * rest is imported. Pending and information-only camt entries are counted, not stored: only
 * booked money reaches the account.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { Parser, processors } from 'xml2js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { CharsetError, decodeDocument } from '../../connectors/http/charset.js';
import type { BankStatementFormat, BankStatementLine, MappingResult } from '../../mappings/canonical/index.js';
import { camt053ToBankLines, csvStatementToBankLines, CSV_STATEMENT_FIELDS, type CsvRow, type CsvStatementField, type CsvStatementOptions } from '../../mappings/bank/index.js';
import { upsertBankStatementLines, type UpsertBankLinesResult } from '../../store/index.js';
import { csvRecords, detectEncoding, sniffDelimiter } from '../catalogue-files.js';
import { signalReconcileLateData } from '../../worker/reconcile-signaller.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';

/** A camt.053 file is parsed whole: a year of daily entries is a few MiB. */
export const MAX_CAMT_BYTES = 64 * 1024 * 1024;

export interface BankImportOptions {
  tenant?: string;
  format?: string;
  /** IBAN: required for CSV; for camt.053, the account the statements must be for. */
  account?: string;
  /** CSV: the currency of every amount when the file has no currency column. */
  currency?: string;
  /** CSV: amounts use a decimal comma. */
  decimalComma?: boolean;
  /** CSV: `field=Header` pairs naming the file's columns (date, amount, currency, description, reference …). */
  column?: string[];
  /** CSV: dmy or mdy for slash dates. */
  slashDates?: string;
  charset?: string;
  dryRun?: boolean;
}

export interface BankEntryError {
  /** The entry's place in the file and the field: `Stmt[0].Ntry[3].Amt`, `line 7.Betrag`. */
  field: string;
  message: string;
}

export interface BankImportSummary {
  file: string;
  format: BankStatementFormat;
  /** camt.053 version from the namespace (`001.02`, `001.08`). */
  version?: string;
  tenant: string;
  entries: number;
  /** Pending or information-only entries (camt Sts PDNG / INFO): not money on the account yet. */
  notBooked: number;
  written?: UpsertBankLinesResult;
  errors: BankEntryError[];
  dryRun: boolean;
  /** The tenant's running reconcile runs told of the statement (wakeReconcileRuns). */
  reconcileRunsWoken?: string[];
  /** Why none could be told (Temporal not reachable). */
  wakeSkipped?: string;
}

/** Parses camt XML with element prefixes stripped and every child as an array (what mappings/bank reads). */
export async function parseCamtXml(text: string): Promise<unknown> {
  return new Parser({
    explicitArray: true,
    explicitRoot: true,
    tagNameProcessors: [processors.stripPrefix],
    attrNameProcessors: [processors.stripPrefix],
    trim: true,
    strict: true,
  }).parseStringPromise(text.replace(/^\uFEFF/, ''));
}

function formatOf(file: string, given: string | undefined): BankStatementFormat {
  if (given !== undefined) {
    if (given === 'camt053' || given === 'csv') return given;
    throw new CliError(`--format must be camt053 or csv, got "${given}"`, 2);
  }
  const ext = extname(file.replace(/\.gz$/i, '')).toLowerCase();
  if (ext === '.xml' || ext === '.053') return 'camt053';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  throw new CliError(`${basename(file)}: say which format it is (--format camt053|csv)`, 2);
}

function csvOptions(opts: BankImportOptions): CsvStatementOptions {
  if (opts.account === undefined || opts.account.trim() === '') throw new CliError('a CSV statement needs the account it is for: --account IBAN', 2);
  const columns: Partial<Record<CsvStatementField, string>> = {};
  for (const pair of opts.column ?? []) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(pair);
    const field = m?.[1] as CsvStatementField | undefined;
    if (!m || field === undefined || !CSV_STATEMENT_FIELDS.includes(field)) {
      throw new CliError(`--column ${pair}: expected FIELD=Header with FIELD one of ${CSV_STATEMENT_FIELDS.join(', ')}`, 2);
    }
    columns[field] = m[2]!;
  }
  if (opts.slashDates !== undefined && opts.slashDates !== 'dmy' && opts.slashDates !== 'mdy') throw new CliError(`--slash-dates must be dmy or mdy, got "${opts.slashDates}"`, 2);
  return {
    account: opts.account,
    columns,
    ...(opts.decimalComma ? { decimalComma: true } : {}),
    ...(opts.currency === undefined ? {} : { currency: opts.currency }),
    ...(opts.slashDates === undefined ? {} : { slashDates: opts.slashDates as 'dmy' | 'mdy' }),
  };
}

async function readCamt(file: string, opts: BankImportOptions): Promise<{ version?: string; results: readonly MappingResult<BankStatementLine>[] }> {
  if (statSync(file).size > MAX_CAMT_BYTES) throw new CliError(`${basename(file)} is over ${MAX_CAMT_BYTES / 1024 / 1024} MiB: split the statements`, 1);
  let text: string;
  try {
    text = decodeDocument(readFileSync(file), opts.charset === undefined ? {} : { charset: opts.charset }).text;
  } catch (e) {
    if (e instanceof CharsetError) throw new CliError(`${basename(file)}: ${e.message}`, 1);
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = await parseCamtXml(text);
  } catch (e) {
    throw new CliError(`${basename(file)} is not well-formed XML: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`, 1);
  }
  const read = camt053ToBankLines(parsed, opts.account === undefined ? {} : { account: opts.account });
  if ('error' in read) throw new CliError(`${basename(file)}: ${read.error.message}`, 1);
  return { ...(read.version === undefined ? {} : { version: read.version }), results: read.lines };
}

async function readCsv(file: string, opts: BankImportOptions): Promise<readonly MappingResult<BankStatementLine>[]> {
  const options = csvOptions(opts);
  const encoding = await detectEncoding(file, opts.charset);
  const delimiter = sniffDelimiter(encoding.sampleText.split('\n')[0] ?? '');
  const rows: CsvRow[] = [];
  for await (const record of csvRecords(file, encoding, delimiter)) rows.push(record);
  const read = csvStatementToBankLines(rows, options);
  if (!read.ok) throw new CliError(`${basename(file)}: ${read.error.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, 1);
  return read.lines;
}

export async function bankImportCommand(deps: { db: Knex; config: TenantsConfig }, file: string, opts: BankImportOptions, now?: Date): Promise<BankImportSummary> {
  const tenant = pickTenant(deps.config, opts.tenant);
  const format = formatOf(file, opts.format);
  const read = format === 'camt053' ? await readCamt(file, opts) : { results: await readCsv(file, opts) };
  const errors: BankEntryError[] = [];
  const booked: BankStatementLine[] = [];
  let notBooked = 0;
  for (const r of read.results) {
    if (!r.ok) {
      for (const issue of r.error.issues) errors.push({ field: issue.field, message: issue.message });
      continue;
    }
    if (r.value.status === 'booked') booked.push(r.value);
    else notBooked += 1;
  }
  const summary: BankImportSummary = {
    file: basename(file),
    format,
    ...('version' in read && read.version !== undefined ? { version: read.version } : {}),
    tenant,
    entries: read.results.length,
    notBooked,
    errors,
    dryRun: opts.dryRun === true,
  };
  if (!opts.dryRun) summary.written = await upsertBankStatementLines(deps.db, tenant, booked, now === undefined ? {} : { now });
  return summary;
}

/** Whether the import wrote what a waiting reconcile run may be waiting for: new or corrected entries. */
export function bankImportWroteEntries(s: BankImportSummary): boolean {
  return s.written !== undefined && s.written.inserted + s.written.updated > 0;
}

/**
 * A statement's new entries are the late data a reconcile run may be waiting for (a payout's
 * bank credit, inside its grace days): the tenant's running reconcile runs get the lateData
 * signal and look again now rather than at their deadline. Returns the runs told.
 */
export async function wakeReconcileRuns(client: Client, s: BankImportSummary): Promise<string[]> {
  if (!bankImportWroteEntries(s)) return [];
  return signalReconcileLateData(client, s.tenant, { source: 'bank statement', reference: s.file });
}

export function formatBankImportSummary(s: BankImportSummary): string {
  const what = s.format === 'camt053' ? `camt.053${s.version === undefined ? '' : `.${s.version}`}` : 'CSV';
  const lines = [`${s.file} (${what}) for tenant ${s.tenant}: ${s.entries} entr${s.entries === 1 ? 'y' : 'ies'} read`];
  if (s.written) lines.push(`  ${s.written.inserted} new, ${s.written.updated} corrected, ${s.written.unchanged} already imported`);
  else if (s.dryRun) lines.push('  dry run: nothing written');
  if (s.notBooked > 0) lines.push(`  ${s.notBooked} pending or information-only entr${s.notBooked === 1 ? 'y' : 'ies'} not imported`);
  if (s.reconcileRunsWoken !== undefined && s.reconcileRunsWoken.length > 0) {
    lines.push(`  woke ${s.reconcileRunsWoken.length} waiting reconcile run${s.reconcileRunsWoken.length === 1 ? '' : 's'}: ${s.reconcileRunsWoken.join(', ')}`);
  }
  if (s.wakeSkipped !== undefined) lines.push(`  no waiting reconcile run was told: ${s.wakeSkipped}`);
  if (s.errors.length > 0) {
    lines.push(`  ${s.errors.length} entr${s.errors.length === 1 ? 'y' : 'ies'} rejected:`);
    for (const e of s.errors) lines.push(`    ${e.field}: ${e.message}`);
  }
  return lines.join('\n');
}

/** 0 when every entry was read, 1 when some were rejected (the rest is imported). */
export const bankImportExitCode = (s: BankImportSummary): number => (s.errors.length > 0 ? 1 : 0);
