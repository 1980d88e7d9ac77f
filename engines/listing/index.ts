/** Listing mapping, product type validation and previews: public surface. */
export {
  compileExpression,
  expressionsOf,
  LISTING_MAPPING_ERROR_CODES,
  LISTING_REQUIREMENTS,
  ListingMappingError,
  localeOfLanguageTag,
  mapListingAttributes,
  type AttributeExplanation,
  type AttributeSource,
  type CompiledExpression,
  type ListingMappingErrorCode,
  type ListingMappingInput,
  type ListingMappingRules,
  type ListingMarketplace,
  type ListingPrice,
  type ListingRequirements,
  type MappedListingAttributes,
  type ProductTypeMapping,
} from './mapping.js';
export {
  AMAZON_PRODUCT_TYPE_META_SCHEMA,
  createProductTypeValidator,
  utf8ByteLength,
  type ProductTypeSchemaKey,
  type ProductTypeValidator,
} from './product-type-schema.js';
export {
  listingPriceOf,
  previewListing,
  type ChannelListingRules,
  type ListingPreview,
  type ListingPutPayload,
  type MarketplaceListingRules,
  type PreviewListingInput,
} from './preview.js';
