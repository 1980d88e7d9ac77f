/** Public surface of the AliExpress Open Platform sandbox (IOP gateway: `/sync` business APIs, `/rest/auth/token/*`). */
export {
  startAliexpressSandbox,
  SANDBOX_ALIEXPRESS_CREDENTIALS,
  type AliexpressSandbox,
  type AliexpressSandboxOptions,
  type AliexpressSandboxStats,
} from './server.js';
export { CATEGORIES, productSchema, type Category, type JsonSchema } from './categories.js';
export { DEMO_SKUS, generateAliexpressSeed, type Seed, type SeedOptions } from './seed.js';
export { LOGISTICS_SERVICES, type LogisticsService } from './orders-api.js';
export { DEFAULT_CALL_LIMIT, type CallLimit } from './quotas.js';
export { DEFAULT_FEED_TIMING, type FeedTiming } from './feeds-api.js';
export { stringToSign, expectedSign } from './signing.js';
