/**
 * A listing preview: what the hub would send a channel for one product on one marketplace,
 * without sending it. The connection's listing rules give the product type and the
 * attributes, its price rule the price (engines/pricing), the product type's schema (when
 * given) the findings. The payload is the body of an Amazon Listings Items put
 * (productType, requirements, attributes); every attribute says where it came from.
 */
import type { FxRateTable } from '../../mappings/canonical/fx-rate-table.js';
import type { ListingIssue } from '../../mappings/canonical/listing.js';
import { formatMoney } from '../../mappings/canonical/money.js';
import type { Product } from '../../mappings/canonical/product.js';
import { priceFor, PriceRuleError, type PriceResult, type PriceRule } from '../pricing/price-rules.js';
import {
  ListingMappingError,
  mapListingAttributes,
  type AttributeExplanation,
  type ListingMappingRules,
  type ListingPrice,
  type ListingRequirements,
} from './mapping.js';
import { createProductTypeValidator, type ProductTypeSchemaKey, type ProductTypeValidator } from './product-type-schema.js';

/** A marketplace of the connection: its language tag and price rule. */
export interface MarketplaceListingRules {
  /** The channel's language tag for texts on this marketplace (Amazon: de_DE, en_GB, ja_JP). */
  readonly languageTag: string;
  readonly price: PriceRule;
}

/** A connection's listing rules: the mapping per category plus the marketplaces it lists on. */
export interface ChannelListingRules extends ListingMappingRules {
  readonly marketplaces: Readonly<Record<string, MarketplaceListingRules>>;
}

export interface PreviewListingInput {
  readonly product: Product;
  readonly listings: ChannelListingRules;
  /** The marketplace as the channel's table knows it. */
  readonly marketplace: { readonly id: string; readonly country: string; readonly currency: string };
  /** Rates for convert rules, and the date prices are computed for (YYYY-MM-DD). */
  readonly fx?: { readonly table: FxRateTable; readonly onDate: string };
  /** The product type's schema document (Product Type Definitions), to check the attributes against. */
  readonly productTypeSchema?: object;
  readonly productTypeSchemaKey?: ProductTypeSchemaKey;
  /** Shares compiled schemas between previews; a fresh one otherwise. */
  readonly validator?: ProductTypeValidator;
}

/** The body of an Amazon Listings Items put (ListingsItemPutRequest). */
export interface ListingPutPayload {
  readonly productType: string;
  readonly requirements: ListingRequirements;
  readonly attributes: Record<string, unknown>;
}

export interface ListingPreview {
  readonly sku: string;
  readonly marketplaceId: string;
  readonly payload: ListingPutPayload;
  /** Absent when the price rule failed (see issues). */
  readonly price?: PriceResult;
  readonly explanation: readonly AttributeExplanation[];
  /** Price, mapping and schema findings; empty when the listing is ready to send. */
  readonly issues: readonly ListingIssue[];
}

/** The price as expressions read it: decimal text, minor units, and a JSON number for Amazon's number fields. */
export function listingPriceOf(result: PriceResult): ListingPrice {
  const amount = formatMoney(result.price);
  return { currency: result.price.currency, amount, amountMinor: result.price.amountMinor, value: Number(amount) };
}

export async function previewListing(input: PreviewListingInput): Promise<ListingPreview> {
  const { product, listings, marketplace } = input;
  const market = listings.marketplaces[marketplace.id];
  if (market === undefined) {
    throw new ListingMappingError(
      'unmapped_marketplace',
      product.sku,
      `marketplace ${marketplace.id} has no listing rules on this connection (configured: ${Object.keys(listings.marketplaces).join(', ') || '(none)'})`,
    );
  }
  const issues: ListingIssue[] = [];
  let price: PriceResult | undefined;
  try {
    price = priceFor({
      sku: product.sku,
      ...(product.basePrice === undefined ? {} : { basePrice: product.basePrice }),
      marketplaceId: marketplace.id,
      rule: market.price,
      ...(input.fx === undefined ? {} : { fx: input.fx }),
    });
    if (price.price.currency !== marketplace.currency) {
      issues.push({ code: 'price_currency', message: `the price rule prices in ${price.price.currency}, marketplace ${marketplace.id} sells in ${marketplace.currency}`, severity: 'error', attributeNames: ['purchasable_offer'] });
    }
  } catch (e) {
    if (!(e instanceof PriceRuleError)) throw e;
    issues.push({ code: `price_${e.code}`, message: e.message, severity: 'error', attributeNames: ['purchasable_offer'] });
  }
  const mapped = await mapListingAttributes({
    product,
    marketplace: { ...marketplace, languageTag: market.languageTag },
    ...(price === undefined ? {} : { price: listingPriceOf(price) }),
    rules: listings,
  });
  for (const e of mapped.errors) {
    issues.push({ code: `mapping_${e.code}`, message: e.message, severity: 'error', ...(e.attribute === undefined ? {} : { attributeNames: [e.attribute] }) });
  }
  if (input.productTypeSchema !== undefined) {
    const validator = input.validator ?? createProductTypeValidator();
    issues.push(...validator.validate(input.productTypeSchema, mapped.attributes, input.productTypeSchemaKey));
  }
  return {
    sku: product.sku,
    marketplaceId: marketplace.id,
    payload: { productType: mapped.productType, requirements: mapped.requirements, attributes: mapped.attributes },
    ...(price === undefined ? {} : { price }),
    explanation: mapped.explanations,
    issues,
  };
}
