/**
 * The listings a product becomes on a channel's marketplaces: the one place that turns the
 * connection's listing rules, the stored FX rates and (when given) the product type schemas
 * into previews. `caravan map --preview listing` and the listingsPublish activities both call
 * it, so what ops preview is what gets sent.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { TenantsConfig } from '../config/tenants-config.js';
import type { ListingsConfig } from '../config/listing-mapping.js';
import { createProductTypeValidator, previewListing, type ListingPreview, type ProductTypeSchemaKey, type ProductTypeValidator } from '../engines/listing/index.js';
import type { FxRateTable } from '../mappings/canonical/fx-rate-table.js';
import type { Product } from '../mappings/canonical/product.js';
import { createFxService } from './fx.js';

/** A marketplace as the channel's table knows it. */
export interface ListingMarketplaceInfo {
  readonly id: string;
  readonly country: string;
  readonly currency: string;
}

/** A product type's schema to check the attributes against, with its cache key. */
export interface ProductTypeSchemaFor {
  readonly schema: object;
  readonly key?: ProductTypeSchemaKey;
}

export interface ProductListingsInput {
  readonly config: TenantsConfig;
  readonly listings: ListingsConfig;
  readonly product: Product;
  readonly marketplaceIds: readonly string[];
  /** The channel's marketplace table (Amazon: mappings/amazon/marketplaces.ts); undefined for an unknown id. */
  marketplace(id: string): ListingMarketplaceInfo | undefined;
  /** YYYY-MM-DD: the date prices are computed for. */
  readonly onDate: string;
  /** The stored rates of `source` around `onDate` (read, never fetched). */
  fxTable(onDate: string, source: string): Promise<FxRateTable>;
  /** Tables already read, by source: shared across the products of a page. */
  readonly fxTables?: Map<string, FxRateTable>;
  /** The schema of a product type on a marketplace; absent: no schema check. */
  schemaFor?(productType: string, marketplaceId: string): Promise<ProductTypeSchemaFor | undefined>;
  readonly validator?: ProductTypeValidator;
}

/** The product type the channel's rules give the product's category (undefined: not mapped here). */
export function productTypeOf(listings: ListingsConfig, product: Product): string | undefined {
  return product.category === undefined ? undefined : listings.productTypes[product.category]?.productType;
}

/** One preview per marketplace, in the order given. ListingMappingError (no or unmapped category) propagates. */
export async function previewProductListings(input: ProductListingsInput): Promise<ListingPreview[]> {
  const tables = input.fxTables ?? new Map<string, FxRateTable>();
  const validator = input.validator ?? createProductTypeValidator();
  const productType = productTypeOf(input.listings, input.product);
  const previews: ListingPreview[] = [];
  for (const id of input.marketplaceIds) {
    const market = input.marketplace(id);
    if (market === undefined) throw new Error(`marketplace ${id} is not in the channel's marketplace table`);
    const rule = input.listings.marketplaces[id]?.price;
    let fx: { table: FxRateTable; onDate: string } | undefined;
    if (rule?.rule === 'convert') {
      const source = rule.source ?? input.config.fx.default;
      let table = tables.get(source);
      if (table === undefined) {
        table = await input.fxTable(input.onDate, source);
        tables.set(source, table);
      }
      fx = { table, onDate: input.onDate };
    }
    const schema = productType === undefined || input.schemaFor === undefined ? undefined : await input.schemaFor(productType, id);
    previews.push(
      await previewListing({
        product: input.product,
        listings: input.listings,
        marketplace: { id, country: market.country, currency: market.currency },
        ...(fx === undefined ? {} : { fx }),
        ...(schema === undefined ? {} : { productTypeSchema: schema.schema, validator, ...(schema.key === undefined ? {} : { productTypeSchemaKey: schema.key }) }),
      }),
    );
  }
  return previews;
}

/** The stored rate tables, as the CLI and the activities read them (never fetching). */
export function storedFxTables(deps: { db: Knex; config: TenantsConfig; logger: Logger }): (onDate: string, source: string) => Promise<FxRateTable> {
  const fx = createFxService(deps);
  return (onDate, source) => fx.rateTableFor(onDate, { source, fetchIfMissing: false });
}
