/** Public surface of the Amazon SP-API sandbox (Orders v0 + LWA). */
export {
  startAmazonSandbox,
  SANDBOX_OPERATIONS,
  type AmazonSandbox,
  type AmazonSandboxOptions,
  type FaultSpec,
  type OperationStats,
  type SandboxOperation,
  type SandboxStats,
} from './server.js';
export {
  generateAmazonSeed,
  seedSummary,
  CURATED_ORDER_IDS,
  KNOWN_MALFORMED_ORDERS,
  type AmazonSeed,
  type GenerateAmazonSeedOptions,
  type KnownMalformedOrder,
  type SandboxOrder,
  type SeedSummary,
} from './seed.js';
export { SANDBOX_DEMO_CREDENTIALS, type LwaCredential } from './lwa.js';
export { USAGE_PLANS, formatRateLimit } from './rate-limits.js';
export { MARKETPLACES, type MarketplaceCode, type MarketplaceInfo } from './seed-data.js';
export type { OrderPatch } from './order-store.js';
export type * from './wire.js';
export { AMAZON_ORDER_STATUSES } from './wire.js';
// Listings, product types, feeds, reports, FBA inventory, tokens, confirmShipment.
export { SANDBOX_SELLER_ID, type CatalogueStats } from './catalogue-api.js';
export { API_OPERATIONS, API_USAGE_PLANS, type ApiOperation } from './api-operations.js';
export { DEFAULT_JOB_TIMING, type JobTiming } from './jobs.js';
export { PRODUCT_TYPES } from './product-types.js';
export type { PlantedSettlement } from './reports-api.js';
