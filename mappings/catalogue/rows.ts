/**
 * What the catalogue readers share: a rejection that names the file, the line (or the JSON
 * element) and the column at fault, and the streaming walk over a CSV file's records that
 * reads the header once, maps each row and refuses a repeated key. The readers are pure:
 * they take records a CSV parser already split (cli/catalogue-files.ts streams the file
 * through csv-parse) and never see the bytes.
 */
import type { z } from 'zod';

/** One CSV record: its cells and the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** One reason a row (or a JSON element) was not imported. */
export interface CatalogueRejection {
  readonly file: string;
  /** `line 14` for CSV, `products[3]` for JSON. */
  readonly where: string;
  /** The CSV column (as its header names it) or the JSON field path; absent for the whole row. */
  readonly column?: string;
  /** The offending cell as written, when there is one. */
  readonly value?: string;
  readonly message: string;
}

/** `products.csv line 14 column weight ("0,45"): must be a decimal such as 0.45 …` */
export function describeRejection(r: CatalogueRejection): string {
  const column = r.column === undefined ? '' : ` column ${r.column}`;
  const value = r.value === undefined ? '' : ` (${JSON.stringify(r.value.length > 60 ? `${r.value.slice(0, 57)}...` : r.value)})`;
  return `${r.file} ${r.where}${column}${value}: ${r.message}`;
}

export type CatalogueRow<T> =
  | { readonly ok: true; readonly where: string; readonly record: T }
  | { readonly ok: false; readonly where: string; readonly rejections: readonly CatalogueRejection[] };

/** The header of a file is wrong (an unknown or repeated column, a required one missing): nothing of it is read. */
export class CatalogueFileError extends Error {
  override readonly name = 'CatalogueFileError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** A cell problem found while building a record, before the canonical schema sees it. */
export interface CellIssue {
  readonly column: string;
  readonly message: string;
}

/**
 * A header cell as the layouts name columns: trimmed, and the name before the first `.` in
 * lower case (`SKU` → `sku`, `Title.de-DE` → `title.de-DE`; locales and attribute names stay
 * as written).
 */
export function normaliseColumn(cell: string): string {
  const name = cell.trim();
  const dot = name.indexOf('.');
  return dot === -1 ? name.toLowerCase() : name.slice(0, dot).toLowerCase() + name.slice(dot);
}

/** A row's cells by column name (normalised header), empty cells left out. */
export type RowCells = ReadonlyMap<string, string>;

export interface CsvLayout<T> {
  /** Checks the header cells (normalised: normaliseColumn); returns the problems, none when the header is usable. */
  checkHeader(columns: readonly string[]): string[];
  /** Builds the record from a row's cells, or the cells at fault. */
  mapRow(cells: RowCells): { record: T } | { issues: CellIssue[] };
  /** The key a second row must not repeat (the SKU, or SKU and location), and how to name it. */
  keyOf(record: T): { key: string; label: string };
}

/**
 * Reads a CSV file's records one at a time: the first is the header; each later row yields the
 * record or its rejections. Blank rows are skipped. A row repeating an earlier row's key is
 * rejected (the earlier one stands): a file states each product once. The keys seen are the
 * only memory kept across rows.
 */
export async function* readCsvRows<T>(records: AsyncIterable<CsvRecord>, file: string, layout: CsvLayout<T>): AsyncGenerator<CatalogueRow<T>> {
  let header: string[] | undefined;
  const seen = new Map<string, number>();
  for await (const { line, cells } of records) {
    if (header === undefined) {
      header = cells.map(normaliseColumn);
      const problems = layout.checkHeader(header);
      if (problems.length > 0) throw new CatalogueFileError(file, problems);
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    const where = `line ${line}`;
    const byColumn = new Map<string, string>();
    const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      yield { ok: false, where, rejections: [{ file, where, value: extra[0], message: `has ${cells.length} cells but the header names ${header.length} columns` }] };
      continue;
    }
    header.forEach((column, i) => {
      const cell = cells[i]?.trim() ?? '';
      if (cell !== '') byColumn.set(column, cell);
    });
    const mapped = layout.mapRow(byColumn);
    if ('issues' in mapped) {
      // In the file's column order, as a reader scans the row.
      const columns = header;
      const position = (column: string) => (columns.indexOf(column) + columns.length + 1) % (columns.length + 1);
      const issues = [...mapped.issues].sort((a, b) => position(a.column) - position(b.column));
      yield { ok: false, where, rejections: issues.map((i) => cellRejection(file, where, byColumn, i)) };
      continue;
    }
    const { key, label } = layout.keyOf(mapped.record);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      yield { ok: false, where, rejections: [{ file, where, message: `${label} is already on line ${earlier}; a file states it once` }] };
      continue;
    }
    seen.set(key, line);
    yield { ok: true, where, record: mapped.record };
  }
  if (header === undefined) throw new CatalogueFileError(file, ['the file is empty (no header line)']);
}

function cellRejection(file: string, where: string, cells: RowCells, issue: CellIssue): CatalogueRejection {
  const value = cells.get(issue.column);
  return { file, where, column: issue.column, ...(value === undefined ? {} : { value }), message: issue.message };
}

/**
 * The zod issues of a record built from a row, each named by the column its value came from
 * (`columnOf` maps the issue path back; the record's own field path when no column fits), the
 * first issue of each column only.
 */
export function issuesToColumns(error: z.ZodError, columnOf: (path: readonly PropertyKey[]) => string | undefined): CellIssue[] {
  const issues: CellIssue[] = [];
  for (const issue of error.issues) {
    const column = columnOf(issue.path) ?? issue.path.map(String).join('.');
    // One message a cell: a value that fails its pattern fails the checks after it too.
    if (!issues.some((i) => i.column === column)) issues.push({ column, message: issue.message });
  }
  return issues;
}

/** Splits a `|`-separated cell into its trimmed, non-empty parts. */
export function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
