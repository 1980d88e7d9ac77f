/** `caravan catalog …` and `caravan inventory …`: registration only; the commands live in ../commands/catalog.ts. */
import { InvalidArgumentError, type Command } from 'commander';
import { positiveInt, type Out } from '../arguments.js';
import { createCliContext } from '../context.js';
import {
  catalogImportCommand,
  catalogListCommand,
  catalogShowCommand,
  formatImportSummary,
  importExitCode,
  inventoryImportCommand,
  inventoryShowCommand,
  type CatalogDeps,
  type ImportOptions,
  type ImportSummary,
} from '../commands/catalog.js';
import { inventoryPlanCommand } from '../commands/inventory-plan.js';

const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a sequence number (0 or more)');
  return n;
};

async function withCatalog<T>(fn: (deps: CatalogDeps) => Promise<T>): Promise<T> {
  const ctx = createCliContext();
  const config = ctx.config();
  const db = await ctx.db();
  try {
    return await fn({ db, config });
  } finally {
    await db.destroy();
  }
}

const importOptions = (c: Command) =>
  c
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--charset <name>', 'read the file in this charset instead of detecting it (utf-8, windows-1252, shift_jis …)')
    .option('--strict', 'check the whole file first; if any row is rejected, write nothing and exit 1')
    .option('--dry-run', 'check the whole file and report, write nothing');

function report(out: Out, summary: ImportSummary, what: string, strict: boolean): void {
  out(formatImportSummary(summary, what));
  const code = importExitCode(summary, strict);
  if (code !== 0) process.exitCode = code;
}

export function registerCatalogCommands(program: Command, out: Out): void {
  const catalog = program.command('catalog').description('the seller\'s product catalogue in the hub (per tenant, versioned)');
  importOptions(
    catalog
      .command('import')
      .description('import products from a CSV or JSON file (columns: docs/catalogue-import.md); bad rows are listed by line and column, the rest imported')
      .argument('<file>', 'products.csv (streamed) or products.json (an array of canonical products)')
      .option('--format <csv|json>', 'the file\'s format (default: from its extension)'),
  ).action(async (file: string, o: ImportOptions) => {
    const summary = await withCatalog((deps) => catalogImportCommand(deps, file, o));
    report(out, summary, 'product', !!o.strict);
  });
  catalog
    .command('list')
    .description('products by SKU, or those changed after a catalogue sequence number')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--changed-since <seq>', 'products inserted or changed after this sequence number, in sequence order', nonNegativeInt)
    .option('--category <category>')
    .option('--after <sku>', 'the page after this SKU (SKU order)')
    .option('--limit <n>', 'how many', positiveInt, 100)
    .option('--json', 'print JSON with the whole products')
    .action(async (o: { tenant?: string; changedSince?: number; category?: string; after?: string; limit: number; json?: boolean }) => {
      out(await withCatalog((deps) => catalogListCommand(deps, o)));
    });
  catalog
    .command('show')
    .description('one product as stored, with its version and sequence number (JSON)')
    .argument('<sku>')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .action(async (sku: string, o: { tenant?: string }) => {
      out(await withCatalog((deps) => catalogShowCommand(deps, sku, o)));
    });

  const inventory = program.command('inventory').description('stock per SKU and location (own warehouse, overseas warehouse, marketplace fulfilment)');
  importOptions(
    inventory
      .command('import')
      .description('import stock levels from a CSV file (columns: docs/catalogue-import.md)')
      .argument('<file>', 'stock.csv (streamed)'),
  ).action(async (file: string, o: ImportOptions) => {
    const summary = await withCatalog((deps) => inventoryImportCommand(deps, file, o));
    report(out, summary, 'stock', !!o.strict);
  });
  inventory
    .command('show')
    .description('stock levels, of one SKU or all')
    .argument('[sku]')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--json', 'print JSON with the whole levels')
    .action(async (sku: string | undefined, o: { tenant?: string; json?: boolean }) => {
      out(await withCatalog((deps) => inventoryShowCommand(deps, sku, o)));
    });
  // ---- inventory plan (the stock push's allocation, from the hub) ----
  inventory
    .command('plan')
    .description('what each channel and marketplace would be promised now: free stock per location, shares, buffers, caps, the quantity last sent (hub only, no vendor calls)')
    .option('--sku <sku>', 'one SKU')
    .option('--tenant <tenant>', 'tenant id from the config file (default: the only tenant)')
    .option('--limit <n>', 'SKUs planned (SKU order)', positiveInt, 100)
    .option('--json', 'print the plans as JSON')
    .action(async (o: { sku?: string; tenant?: string; limit: number; json?: boolean }) => {
      out(await withCatalog((deps) => inventoryPlanCommand(deps, o)));
    });
}
