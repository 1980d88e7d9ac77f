/** Alibaba.com (ICBU) open platform: public surface (error recogniser, wire schemas). Signing is the IOP REST kind of connectors/aliexpress/signing.ts. */
export { ALIBABA_ERROR_KINDS, ALIBABA_VENDOR, recogniseAlibabaErrorReply, unwrapAlibabaSample } from './errors.js';
export * from './schemas/order.js';
