/**
 * `caravan map KIND FILE [--items FILE] [--shipment FILE]`: what a vendor payload maps to, or why it cannot.
 * `caravan map --preview listing SKU --channel C`: the listing a product becomes on a channel.
 */
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { previewProductListings, storedFxTables } from '../../activities/listings-publish-preview.js';
import type { CliContext } from '../context.js';
import { createLogger } from '../../worker/logger.js';
import { findConnection, type TenantsConfig } from '../../config/tenants-config.js';
import { ListingMappingError, type ListingPreview } from '../../engines/listing/index.js';
import { amazonMarketplace } from '../../mappings/amazon/marketplaces.js';
import { amazonMarketplaceFor } from '../../mappings/amazon/report-marketplaces.js';
import type { FxRateTable } from '../../mappings/canonical/fx-rate-table.js';
import { ProductSchema, type Product } from '../../mappings/canonical/product.js';
import { pickTenant, readCanonical } from './quotes.js';
import { looksLike, RECORD_KINDS, repliesIn, vcrCassetteReplies, type Look, type MapInputFile, type MappedRecord, type RecordKind } from '../record-kinds.js';
import { CharsetError, decodeDocument } from '../../connectors/http/charset.js';
import { CliError } from '../output.js';
import { getProduct } from '../../store/index.js';

/**
 * The file's bytes, decoded: gzip inflated, the charset from a BOM, valid UTF-8, Shift_JIS
 * Japanese or else windows-1252 (connectors/http/charset.ts), or the one `--charset` names.
 */
function readInput(path: string, charsetName?: string): MapInputFile {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let text: string;
  let charset: string;
  try {
    ({ text, charset } = decodeDocument(bytes, charsetName === undefined ? {} : { charset: charsetName }));
  } catch (e) {
    if (e instanceof CharsetError) throw new CliError(`${path}: ${e.message}`, charsetName !== undefined && e.message.startsWith('unknown charset') ? 2 : 1);
    throw e;
  }
  // A VCR cassette: every reply is checked for errors, the last one (the API call after the token) is mapped.
  const replies = vcrCassetteReplies(text);
  if (replies !== undefined) {
    const last = replies[replies.length - 1]!.body;
    text = typeof last === 'string' ? last : JSON.stringify(last);
  }
  return {
    ...(replies === undefined ? {} : { replies }),
    file: path,
    bytes,
    charset,
    text,
    json() {
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
      }
    },
  };
}

export async function mapCommand(
  kind: string,
  file: string,
  opts: { items?: string; shipment?: string; feed?: string; channel?: string; charset?: string; marketplace?: string },
): Promise<{ results: MappedRecord[]; output: string }> {
  const k = RECORD_KINDS[kind];
  if (!k) {
    throw new CliError(`unknown record kind "${kind}". Known kinds:\n${listKinds()}`);
  }
  const input = readInput(file, opts.charset);
  const extra = {
    ...(opts.items ? { items: readInput(opts.items) } : {}),
    ...(opts.shipment ? { shipment: readInput(opts.shipment) } : {}),
    ...(opts.feed ? { feed: readInput(opts.feed) } : {}),
  };
  // A request file is no reply: it is read whole, whatever its text looks like.
  if (k.readsRequests !== true) refuseWhatIsNotARecord(kind, k, input);
  if (extra.items) refuseWhatIsNotARecord('amazon.order-item', RECORD_KINDS['amazon.order-item']!, extra.items, kind);
  let results: MappedRecord[];
  try {
    results = await k.map(input, extra, {
      channel: opts.channel ?? kind.split('.')[0]!,
      ...(opts.channel === undefined ? {} : { channelGiven: true }),
      ...(opts.marketplace === undefined ? {} : { marketplace: opts.marketplace }),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const output = JSON.stringify(
    results.map((r) => (r.ok ? r.record : { error: r.error })),
    null,
    2,
  );
  return { results, output };
}

const VENDOR_LABELS: Readonly<Record<string, string>> = { amazon: 'Amazon', avalara: 'AvaTax', dhl: 'DHL', ecb: 'ECB', xe: 'XE', vies: 'VIES', mailchimp: 'Mailchimp', fedex: 'FedEx', stripe: 'Stripe', paypal: 'PayPal', aliexpress: 'AliExpress', alibaba: 'Alibaba.com' };

function vendorLabel(vendor: string): string {
  return VENDOR_LABELS[vendor] ?? vendor;
}

/**
 * Another vendor's error body (an LWA error given to fx.xe …), named by that vendor's
 * recogniser. DHL reads any RFC 7807 problem document as its own, so a vendor that claims
 * a body by something only it sends (Mailchimp's glossary link) wins over DHL.
 */
function otherVendorsError(k: RecordKind, body: unknown): Look | undefined {
  const claims = [...new Set(Object.values(RECORD_KINDS).map((x) => x.recogniseError))]
    .filter((other) => other !== k.recogniseError)
    .map((other) => other(body, { operation: 'reply' }))
    .filter((error) => error?.vendorCode !== undefined);
  const error = claims.find((e) => e!.vendor !== 'dhl') ?? claims[0];
  return error === undefined ? undefined : { what: `this is an error reply from ${vendorLabel(error.vendor)} (code ${error.vendorCode}: ${error.message})` };
}

/**
 * Before mapping: the vendor's own recogniser names an error reply (code, message, status when
 * the file records it), and a file of another kind says what it looks like. Both exit 1.
 */
function refuseWhatIsNotARecord(kindName: string, k: RecordKind, input: MapInputFile, forKind = kindName): void {
  for (const reply of input.replies ?? repliesIn(input.text)) {
    const error = k.recogniseError(reply.body, {
      operation: k.operation,
      ...(reply.status === undefined ? {} : { status: reply.status }),
      ...(reply.headers === undefined ? {} : { headers: reply.headers }),
    });
    // Our vendor's recogniser names any failure status; another vendor's code in the body says whose reply it really is.
    const othersCode = error !== undefined && error.vendorCode === undefined ? otherVendorsError(k, reply.body) : undefined;
    const looks = othersCode ?? looksLike(reply.body) ?? otherVendorsError(k, reply.body);
    const otherKind = looks !== undefined && looks.kind !== kindName;
    // An "error" with neither status nor vendor code is a file of the wrong shape (ECB: JSON where XML belongs).
    if (error !== undefined && othersCode === undefined && (error.status !== undefined || error.vendorCode !== undefined || !otherKind)) {
      const code = error.vendorCode === undefined ? '' : `, code ${error.vendorCode}`;
      throw new CliError(`${input.file} is an error reply from ${vendorLabel(error.vendor)}${code}, not ${k.expects}: ${error.message}`, 1);
    }
    if (otherKind) {
      const hint =
        looks.kind === 'amazon.order-item' && kindName === 'amazon.order'
          ? '; pass it with --items beside the order file'
          : looks.kind === undefined
            ? ''
            : `; try \`caravan map ${looks.kind} ${input.file}\``;
      const role = forKind === kindName ? '' : ` (given as ${forKind} --items)`;
      throw new CliError(`${input.file}${role}: ${looks.what}, not ${k.expects}${hint}`, 1);
    }
  }
}

export function listKinds(): string {
  const width = Math.max(...Object.keys(RECORD_KINDS).map((name) => name.length));
  return Object.entries(RECORD_KINDS)
    .map(([name, k]) => `  ${name.padEnd(width)}  ${k.description}`)
    .join('\n');
}

// ---- caravan map --preview listing SKU ---------------------------------------------------

/** The catalogue's product lookup (a function so tests can stand in for the store). */
export type StoredProductLookup = (db: Knex, tenant: string, sku: string) => Promise<{ readonly product: Product } | undefined>;

export interface ListingPreviewDeps {
  config: TenantsConfig;
  /** The stored rates of `source` around `onDate` (a preview reads, it never fetches). */
  fxTable(onDate: string, source: string): Promise<FxRateTable>;
  /** The catalogue's product when no --product file is given; undefined when not wired. */
  storedProduct?: ((tenant: string, sku: string) => Promise<Product | undefined>) | undefined;
  /** Today, YYYY-MM-DD: the default date of the rates. */
  today: string;
}

export interface ListingPreviewOptions {
  channel?: string;
  tenant?: string;
  marketplace?: string;
  product?: string;
  productTypeSchema?: string;
  date?: string;
}

/** A canonical Product from a file: the product itself, or a stored record `{ product: {…} }`. */
function readProductFile(path: string): Product {
  const raw = readCanonical(path);
  const candidate = raw !== null && typeof raw === 'object' && !('sku' in raw) && 'product' in raw ? (raw as { product: unknown }).product : raw;
  const parsed = ProductSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new CliError(`${path} is not a canonical Product:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

/**
 * `caravan map --preview listing SKU --channel C`: the Listings Items put body the channel's
 * listing rules make of the product on each marketplace (or the one `--marketplace` names),
 * with the price and its steps, each attribute's source, and the findings (price, mapping,
 * and the product type's schema when `--product-type-schema` is given). Sends nothing.
 */
export async function listingPreviewCommand(deps: ListingPreviewDeps, sku: string, opts: ListingPreviewOptions): Promise<{ previews: ListingPreview[]; output: string }> {
  if (opts.channel === undefined) throw new CliError('--channel is needed: the connection whose listing rules to use (e.g. amazon-eu)', 2);
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new CliError(`--date "${opts.date}" must be YYYY-MM-DD`, 2);
  const tenant = pickTenant(deps.config, opts.tenant);
  let connection;
  try {
    connection = findConnection(deps.config, tenant, opts.channel);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const listings = connection.listings;
  if (listings === undefined) throw new CliError(`channel "${opts.channel}" of tenant "${tenant}" has no listings section in the config (see amazon-eu in config/caravan.demo.yaml)`);

  let product: Product;
  if (opts.product !== undefined) {
    product = readProductFile(opts.product);
    if (product.sku !== sku) throw new CliError(`${opts.product} is product ${product.sku}, not ${sku}`);
  } else {
    if (deps.storedProduct === undefined) throw new CliError(`no --product FILE given, and this build reads no products from the catalogue store: pass the product as JSON with --product`, 2);
    const stored = await deps.storedProduct(tenant, sku);
    if (stored === undefined) throw new CliError(`tenant "${tenant}" has no product ${sku} in the catalogue (import it with caravan catalog import, or pass it as JSON with --product)`, 1);
    product = stored;
  }

  const ids = Object.keys(listings.marketplaces);
  let selected = ids;
  if (opts.marketplace !== undefined) {
    const named = amazonMarketplaceFor(opts.marketplace);
    if (named === undefined) throw new CliError(`--marketplace "${opts.marketplace}" names no Amazon marketplace (an id such as A1PA6795UKMFR9, a storefront such as amazon.de, or a country)`, 2);
    if (!ids.includes(named.id)) throw new CliError(`marketplace ${named.id} (${named.name}) has no listing rules on channel "${opts.channel}" (configured: ${ids.join(', ')})`);
    selected = [named.id];
  }

  const schema = opts.productTypeSchema === undefined ? undefined : readCanonical(opts.productTypeSchema);
  if (schema !== undefined && (schema === null || typeof schema !== 'object' || !('properties' in schema))) {
    throw new CliError(`${opts.productTypeSchema} is not a product type schema document (a JSON Schema with "properties")`);
  }
  let previews: ListingPreview[];
  try {
    previews = await previewProductListings({
      config: deps.config,
      listings,
      product,
      marketplaceIds: selected,
      marketplace(id) {
        const market = amazonMarketplace(id);
        if (market === undefined) throw new CliError(`marketplace ${id} of channel "${opts.channel}" is not in Caravan's Amazon marketplace table`);
        return { id, country: market.country, currency: market.defaultCurrency };
      },
      onDate: opts.date ?? deps.today,
      fxTable: deps.fxTable,
      ...(schema === undefined ? {} : { schemaFor: async () => ({ schema }) }),
    });
  } catch (e) {
    if (e instanceof ListingMappingError) throw new CliError(e.message, 1);
    throw e;
  }
  return { previews, output: JSON.stringify(previews.length === 1 && opts.marketplace !== undefined ? previews[0] : previews, null, 2) };
}

/** The preview's reads on the CLI's hub database, opened only when a rate or a stored product is needed. */
export function createListingPreviewDeps(ctx: CliContext, now: Date = new Date(), lookup: StoredProductLookup = getProduct): ListingPreviewDeps & { close(): Promise<void> } {
  const config = ctx.config();
  let db: Knex | undefined;
  const open = async (): Promise<Knex> => (db ??= await ctx.db());
  return {
    config,
    today: now.toISOString().slice(0, 10),
    async fxTable(onDate, source) {
      return storedFxTables({ db: await open(), config, logger: createLogger({ level: 'silent' }) })(onDate, source);
    },
    storedProduct: async (tenant, sku) => (await lookup(await open(), tenant, sku))?.product,
    async close() {
      await db?.destroy();
    },
  };
}
