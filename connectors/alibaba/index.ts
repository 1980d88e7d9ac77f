/** Alibaba.com (ICBU) Open Platform: public surface (error recogniser, wire schemas, config, session, client, descriptor). */
export { ALIBABA_ERROR_KINDS, ALIBABA_VENDOR, recogniseAlibabaErrorReply, unwrapAlibabaSample } from './errors.js';
export * from './schemas/order.js';
export * from './schemas/product.js';
export * from './schemas/buyer.js';
export type * from './schemas/submission.js';
export * from './config.js';
export { AlibabaSession, ALIBABA_TOKEN_CREATE_PATH, ALIBABA_TOKEN_REFRESH_PATH, type AlibabaToken } from './auth.js';
export { alibabaErrors, createAlibabaClient, type AlibabaClient, type CreateAlibabaClientOptions } from './client.js';
export { ALIBABA_CONNECTOR } from './descriptor.js';
export { AlibabaShipmentNoticeSchema, ALIBABA_SHIPMENT_NOTIFY_PATH, type ShipmentNotice } from './operations/shipment.js';
