/**
 * `caravan catalog import | list | show` and `caravan inventory import | show`: the seller's
 * product catalogue and stock in the hub. An import streams the file (CSV; product JSON is
 * read whole), writes the good rows in batches of one transaction each, and names every
 * rejected row by line and column. Exit code: 0 when rows were imported, even with some
 * rejected (they are listed); 1 when every row was rejected, or with --strict when any was
 * (and then nothing is written: the file is checked in full first).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Knex } from 'knex';
import type { TenantsConfig } from '../../config/tenants-config.js';
import {
  CatalogueFileError,
  describeRejection,
  readInventoryCsv,
  readProductCsv,
  readProductJson,
  type CatalogueRow,
} from '../../mappings/catalogue/index.js';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import type { Product } from '../../mappings/canonical/product.js';
import {
  catalogueHighWater,
  getInventoryLevels,
  getProduct,
  listProducts,
  listProductsChangedSince,
  skusWithoutProduct,
  upsertInventoryLevels,
  upsertProducts,
  type StoredProduct,
} from '../../store/index.js';
import { csvRecords, detectEncoding, readJsonDocument, sniffDelimiter } from '../catalogue-files.js';
import { CliError, table } from '../output.js';
import { pickTenant } from './quotes.js';

/** Rows per write transaction. */
export const IMPORT_BATCH_SIZE = 500;
/** Rejections printed one by one; past this only their count (a wholly wrong file would flood the terminal). */
const MAX_LISTED_REJECTIONS = 1000;

export interface ImportOptions {
  tenant?: string;
  format?: string;
  charset?: string;
  strict?: boolean;
  dryRun?: boolean;
  now?: Date;
}

export interface ImportSummary {
  tenant: string;
  file: string;
  /** `csv (utf-8, detected …)` or `json`. */
  read: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  highWater: number;
  written: boolean;
  rejections: string[];
  /** Things worth knowing that are not rejections (stock for SKUs the catalogue does not have). */
  notes: string[];
}

interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  highWater: number;
}

interface RowSource<T> {
  read: string;
  rows(): AsyncIterable<CatalogueRow<T>>;
}

async function csvSource<T>(
  file: string,
  charset: string | undefined,
  reader: (records: AsyncIterable<{ line: number; cells: readonly string[] }>, name: string) => AsyncGenerator<CatalogueRow<T>>,
): Promise<RowSource<T>> {
  const encoding = await detectEncoding(file, charset);
  const delimiter = sniffDelimiter(encoding.sampleText.split('\n', 1)[0] ?? '');
  const how = encoding.by === 'given' ? 'as given' : `detected: ${encoding.by}`;
  return {
    read: `csv, ${encoding.charset} (${how})${encoding.gzip ? ', gzip' : ''}, delimiter ${JSON.stringify(delimiter)}`,
    rows: () => reader(csvRecords(file, encoding, delimiter), basename(file)),
  };
}

async function productSource(file: string, opts: ImportOptions): Promise<RowSource<Product>> {
  const format = opts.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  if (format === 'json') {
    return {
      read: 'json',
      rows: async function* () {
        yield* readProductJson(readJsonDocument(file, opts.charset), basename(file));
      },
    };
  }
  if (format !== 'csv') throw new CliError(`--format must be csv or json, not "${format}"`);
  return csvSource(file, opts.charset, readProductCsv);
}

/**
 * One pass over the rows: counts and rejections, and (with `write`) the good rows written in
 * batches. A header the reader refuses fails the whole file.
 */
async function importPass<T>(source: RowSource<T>, write: ((batch: T[]) => Promise<WriteResult>) | undefined, summary: ImportSummary): Promise<void> {
  let batch: T[] = [];
  const flush = async () => {
    if (!write || batch.length === 0) return;
    const r = await write(batch);
    summary.inserted += r.inserted;
    summary.updated += r.updated;
    summary.unchanged += r.unchanged;
    summary.highWater = r.highWater;
    batch = [];
  };
  try {
    for await (const row of source.rows()) {
      summary.rows++;
      if (row.ok) {
        batch.push(row.record);
        if (batch.length >= IMPORT_BATCH_SIZE) await flush();
      } else {
        summary.rejected++;
        for (const r of row.rejections) if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push(describeRejection(r));
      }
    }
    await flush();
  } catch (e) {
    if (e instanceof CatalogueFileError) throw new CliError(`nothing imported: ${e.message}`, 1);
    throw e;
  }
}

async function runImport<T>(
  db: Knex,
  tenant: string,
  file: string,
  source: RowSource<T>,
  upsert: (db: Knex, tenant: string, records: T[], options: { now?: Date }) => Promise<WriteResult>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const fresh = (): ImportSummary => ({
    tenant,
    file: basename(file),
    read: source.read,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    highWater: 0,
    written: false,
    rejections: [],
    notes: [],
  });
  const writeOptions = opts.now ? { now: opts.now } : {};
  // --strict and --dry-run read the whole file before writing anything (the readers stream, so twice costs time, not memory).
  if (opts.strict || opts.dryRun) {
    const check = fresh();
    await importPass(source, undefined, check);
    check.highWater = await catalogueHighWater(db, tenant);
    if (opts.dryRun || check.rejected > 0) return check;
  }
  const summary = fresh();
  summary.highWater = await catalogueHighWater(db, tenant);
  await importPass(source, (batch) => upsert(db, tenant, batch, writeOptions), summary);
  summary.written = true;
  return summary;
}

export function formatImportSummary(s: ImportSummary, what: string): string {
  const lines = [`${s.file} (${s.read}) for tenant ${s.tenant}: ${s.rows} ${what} row${s.rows === 1 ? '' : 's'} read`];
  if (s.written) {
    lines.push(`  inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`);
    lines.push(`  catalogue sequence now ${s.highWater}${s.inserted + s.updated === 0 ? ' (nothing changed)' : ''}`);
  } else {
    lines.push(`  ${s.rows - s.rejected} valid, rejected ${s.rejected}; nothing written`);
  }
  for (const note of s.notes) lines.push(`  note: ${note}`);
  if (s.rejected > 0) {
    lines.push('rejected rows:');
    for (const r of s.rejections) lines.push(`  ${r}`);
    if (s.rejections.length >= MAX_LISTED_REJECTIONS) lines.push(`  … only the first ${MAX_LISTED_REJECTIONS} problems are listed`);
  }
  return lines.join('\n');
}

/** 0 when the import did its work; 1 when every row was rejected, or with --strict when any was. */
export function importExitCode(s: ImportSummary, strict: boolean): number {
  if (s.rows > 0 && s.rejected === s.rows) return 1;
  return strict && s.rejected > 0 ? 1 : 0;
}

export interface CatalogDeps {
  db: Knex;
  config: TenantsConfig;
}

function requireFile(file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`cannot read ${file}: no such file`, 1);
}

export async function catalogImportCommand(deps: CatalogDeps, file: string, opts: ImportOptions): Promise<ImportSummary> {
  const tenant = pickTenant(deps.config, opts.tenant);
  requireFile(file);
  return runImport(deps.db, tenant, file, await productSource(file, opts), upsertProducts, opts);
}

export async function inventoryImportCommand(deps: CatalogDeps, file: string, opts: ImportOptions): Promise<ImportSummary> {
  const tenant = pickTenant(deps.config, opts.tenant);
  if (opts.format !== undefined && opts.format !== 'csv') throw new CliError(`stock files are CSV; --format ${opts.format} is not supported`);
  requireFile(file);
  const source = await csvSource<InventoryLevel>(file, opts.charset, readInventoryCsv);
  // Stock may arrive before its product, so an unknown SKU is imported, and named.
  const unknown = new Set<string>();
  const upsert = async (db: Knex, t: string, levels: InventoryLevel[], options: { now?: Date }) => {
    const result = await upsertInventoryLevels(db, t, levels, options);
    for (const sku of await skusWithoutProduct(db, t, levels.map((l) => l.sku))) unknown.add(sku);
    return result;
  };
  const summary = await runImport(deps.db, tenant, file, source, upsert, opts);
  if (unknown.size > 0) {
    const shown = [...unknown].slice(0, 10);
    summary.notes.push(
      `${unknown.size} SKU${unknown.size === 1 ? '' : 's'} with stock but no product in the catalogue: ${shown.join(', ')}${unknown.size > shown.length ? ', …' : ''}`,
    );
  }
  return summary;
}

/** The title to show: English first, else the first locale the product has. */
function displayTitle(p: Product): string {
  const t = p.title;
  return t['en-GB'] ?? t['en-US'] ?? t.en ?? Object.values(t)[0] ?? '';
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);

export async function catalogListCommand(
  deps: CatalogDeps,
  opts: { tenant?: string; changedSince?: number; category?: string; after?: string; limit: number; json?: boolean },
): Promise<string> {
  const tenant = pickTenant(deps.config, opts.tenant);
  const rows: StoredProduct[] =
    opts.changedSince !== undefined
      ? await listProductsChangedSince(deps.db, tenant, opts.changedSince, opts.limit)
      : await listProducts(deps.db, tenant, { limit: opts.limit, ...(opts.category ? { category: opts.category } : {}), ...(opts.after ? { afterSku: opts.after } : {}) });
  const highWater = await catalogueHighWater(deps.db, tenant);
  if (opts.json) return JSON.stringify({ tenant, highWater, products: rows }, null, 2);
  if (rows.length === 0) {
    return opts.changedSince !== undefined ? `no product of ${tenant} changed after sequence ${opts.changedSince} (now ${highWater})` : `tenant ${tenant} has no products (caravan catalog import FILE)`;
  }
  const lines = [
    table(
      ['SKU', 'CATEGORY', 'VERSION', 'SEQ', 'UPDATED (UTC)', 'TITLE'],
      rows.map((r) => [r.sku, r.product.category ?? '', r.version, r.seq, r.updatedAt.replace('T', ' ').replace(/\.\d{3}Z$/, ''), clip(displayTitle(r.product))]),
    ),
  ];
  if (opts.changedSince !== undefined) {
    const last = rows.at(-1)!.seq;
    lines.push(last < highWater ? `more: caravan catalog list --changed-since ${last}` : `up to date: catalogue sequence ${highWater}`);
  } else if (rows.length === opts.limit) {
    lines.push(`more: caravan catalog list --after ${rows.at(-1)!.sku}${opts.category ? ` --category ${opts.category}` : ''}`);
  }
  return lines.join('\n');
}

export async function catalogShowCommand(deps: CatalogDeps, sku: string, opts: { tenant?: string }): Promise<string> {
  const tenant = pickTenant(deps.config, opts.tenant);
  const stored = await getProduct(deps.db, tenant, sku);
  if (!stored) throw new CliError(`tenant ${tenant} has no product with sku ${JSON.stringify(sku)} (caravan catalog list)`, 1);
  return JSON.stringify(stored, null, 2);
}

export async function inventoryShowCommand(deps: CatalogDeps, sku: string | undefined, opts: { tenant?: string; json?: boolean }): Promise<string> {
  const tenant = pickTenant(deps.config, opts.tenant);
  const levels = await getInventoryLevels(deps.db, tenant, sku);
  if (opts.json) return JSON.stringify({ tenant, levels }, null, 2);
  if (levels.length === 0) return sku ? `tenant ${tenant} has no stock recorded for sku ${sku}` : `tenant ${tenant} has no stock recorded (caravan inventory import FILE)`;
  const n = (v: number | undefined) => (v === undefined ? '' : v);
  return table(
    ['SKU', 'LOCATION', 'TYPE', 'AVAILABLE', 'RESERVED', 'INBOUND', 'AS OF', 'VERSION', 'SEQ'],
    levels.map((l) => {
      const q = l.level.quantities;
      const inbound = q.inbound ? (q.inbound.working ?? 0) + (q.inbound.shipped ?? 0) + (q.inbound.receiving ?? 0) : undefined;
      return [l.sku, l.locationId, l.level.location.type, n(q.available), n(q.reserved?.total), n(inbound), l.level.observedAt ?? '', l.version, l.seq];
    }),
  );
}
