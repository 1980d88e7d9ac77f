/**
 * A seller's stock CSV → canonical InventoryLevels, one per row (SKU × location; columns in
 * docs/catalogue-import.md). Counts are whole units; an empty optional count is "not
 * stated", never zero. Each issue is named by the column it came from.
 */
import { InventoryLevelSchema, InventoryLocationTypeSchema, type InventoryLevel } from '../canonical/inventory.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';
import { issuesToColumns, readCsvRows, type CatalogueRow, type CellIssue, type CsvLayout, type CsvRecord, type RowCells } from './rows.js';

/** The `vendor` of levels read from a seller's own stock file. */
export const SELLER_FILE_VENDOR = 'seller-file';

const COUNT_COLUMNS = ['available', 'reserved', 'inbound_working', 'inbound_shipped', 'inbound_receiving', 'unfulfillable', 'total'] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

export const INVENTORY_CSV_COLUMNS = ['sku', 'location', 'location_type', 'location_name', 'country', 'as_of', 'condition', ...COUNT_COLUMNS] as const;
const REQUIRED = ['sku', 'location', 'location_type', 'available'] as const;

function checkInventoryHeader(columns: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push(`column ${column} appears twice in the header`);
    seen.add(column);
    if (!(INVENTORY_CSV_COLUMNS as readonly string[]).includes(column)) {
      problems.push(`column ${JSON.stringify(column)} is not a stock column (known: ${INVENTORY_CSV_COLUMNS.join(', ')})`);
    }
  }
  for (const column of REQUIRED) if (!seen.has(column)) problems.push(`the header has no ${column} column`);
  return problems;
}

const WHOLE = /^\d+$/;

/** The record path each column fills, to name the column of a schema issue. */
const COLUMN_OF_PATH: ReadonlyArray<readonly [string, string]> = [
  ['location.type', 'location_type'],
  ['location.id', 'location'],
  ['location.name', 'location_name'],
  ['location.country', 'country'],
  ['quantities.available', 'available'],
  ['quantities.reserved', 'reserved'],
  ['quantities.inbound.working', 'inbound_working'],
  ['quantities.inbound.shipped', 'inbound_shipped'],
  ['quantities.inbound.receiving', 'inbound_receiving'],
  ['quantities.unfulfillable', 'unfulfillable'],
  ['quantities.total', 'total'],
  ['observedAt', 'as_of'],
  ['sku', 'sku'],
  ['condition', 'condition'],
];

function columnOfPath(path: readonly PropertyKey[]): string | undefined {
  const dotted = path.map(String).join('.');
  return COLUMN_OF_PATH.find(([prefix]) => dotted === prefix || dotted.startsWith(`${prefix}.`))?.[1];
}

/** Builds an InventoryLevel from one row's non-empty cells (by header name). */
export function inventoryLevelFromCsvCells(cells: RowCells): { record: InventoryLevel } | { issues: CellIssue[] } {
  const issues: CellIssue[] = [];
  for (const column of REQUIRED) if (cells.get(column) === undefined) issues.push({ column, message: 'is required' });
  const counts: Partial<Record<CountColumn, number>> = {};
  for (const column of COUNT_COLUMNS) {
    const cell = cells.get(column);
    if (cell === undefined) continue;
    if (!WHOLE.test(cell) || !Number.isSafeInteger(Number(cell))) issues.push({ column, message: 'must be a whole number of units such as 12 (no sign, no decimals)' });
    else counts[column] = Number(cell);
  }
  const type = cells.get('location_type')?.toLowerCase();
  if (type !== undefined && !InventoryLocationTypeSchema.safeParse(type).success) {
    issues.push({ column: 'location_type', message: `must be one of ${InventoryLocationTypeSchema.options.join(', ')}` });
  }
  // A warehouse may stamp its count in local time with an offset: the record holds UTC.
  const asOf = cells.get('as_of');
  const observedAt = asOf === undefined ? undefined : normaliseUtcTimestamp(asOf);
  if (observedAt?.ok === false) issues.push({ column: 'as_of', message: observedAt.message });

  const inbound = { working: counts.inbound_working, shipped: counts.inbound_shipped, receiving: counts.inbound_receiving };
  const draft = {
    vendor: SELLER_FILE_VENDOR,
    sku: cells.get('sku'),
    location: {
      type,
      id: cells.get('location'),
      name: cells.get('location_name'),
      country: cells.get('country')?.toUpperCase(),
    },
    quantities: {
      available: counts.available,
      reserved: counts.reserved === undefined ? undefined : { total: counts.reserved },
      inbound: Object.values(inbound).every((v) => v === undefined) ? undefined : inbound,
      unfulfillable: counts.unfulfillable === undefined ? undefined : { total: counts.unfulfillable },
      total: counts.total,
    },
    condition: cells.get('condition'),
    observedAt: observedAt?.ok ? observedAt.value : undefined,
    refs: {},
  };
  const parsed = InventoryLevelSchema.safeParse(withoutUndefined(draft));
  if (!parsed.success) {
    // The checks above already named their cells (the draft leaves those values out).
    for (const issue of issuesToColumns(parsed.error, columnOfPath)) if (!issues.some((i) => i.column === issue.column)) issues.push(issue);
  }
  return issues.length > 0 || !parsed.success ? { issues } : { record: parsed.data };
}

/** The draft without absent members, so the canonical record holds only what the row stated. */
function withoutUndefined(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}

export const INVENTORY_CSV_LAYOUT: CsvLayout<InventoryLevel> = {
  checkHeader: checkInventoryHeader,
  mapRow: inventoryLevelFromCsvCells,
  keyOf: (l) => ({ key: `${l.sku}\u0000${l.location.id}`, label: `sku ${l.sku} at location ${l.location.id}` }),
};

/** Streams a stock CSV's records (header first) into InventoryLevels or rejections, one row at a time. */
export function readInventoryCsv(records: AsyncIterable<CsvRecord>, file: string): AsyncGenerator<CatalogueRow<InventoryLevel>> {
  return readCsvRows(records, file, INVENTORY_CSV_LAYOUT);
}
