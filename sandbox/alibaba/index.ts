/** Public surface of the Alibaba.com Open Platform sandbox (seller orders, ICBU products, tokens). */
export { startAlibabaSandbox, type AlibabaSandbox, type AlibabaSandboxOptions, type AlibabaSandboxStats, type PathStats } from './server.js';
export { SANDBOX_ALIBABA_CREDENTIALS, type AlibabaSandboxCredentials } from './credentials.js';
export { CATEGORIES as ALIBABA_SANDBOX_CATEGORIES, type CategoryInfo, type ProductSchema } from './category-schemas.js';
