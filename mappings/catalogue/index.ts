export { CatalogueFileError, describeRejection, readCsvRows } from './rows.js';
export type { CatalogueRejection, CatalogueRow, CellIssue, CsvLayout, CsvRecord, RowCells } from './rows.js';
export { PRODUCT_CSV_COLUMNS, PRODUCT_CSV_LAYOUT, productFromCsvCells, readProductCsv } from './product-csv.js';
export { INVENTORY_CSV_COLUMNS, INVENTORY_CSV_LAYOUT, inventoryLevelFromCsvCells, readInventoryCsv, SELLER_FILE_VENDOR } from './inventory-csv.js';
export { readProductJson } from './product-json.js';
