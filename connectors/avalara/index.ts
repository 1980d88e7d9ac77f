/** Avalara AvaTax REST v2 connector: public surface. */
export {
  AVALARA_OPERATIONS,
  AVALARA_USER_AGENT,
  createAvalaraClient,
  type AvalaraClient,
  type AvalaraOperation,
  type AvalaraRequest,
  type CreateAvalaraClientOptions,
} from './client.js';
export {
  AVALARA_BASE_URLS,
  AVALARA_ENVIRONMENTS,
  AvalaraConnectionSettingsSchema,
  AvalaraCredentialsSchema,
  DEFAULT_AVALARA_RATE_LIMIT,
  avalaraBaseUrl,
  type AvalaraConnectionSettings,
  type AvalaraCredentials,
  type AvalaraEnvironment,
} from './config.js';
export { AVALARA_API_DESCRIPTION_VERSION, avalaraClientHeader } from './auth.js';
export { AVALARA_ALREADY_DONE_CODES, AVALARA_ERROR_CODE_KINDS, AVALARA_VENDOR, parseAvalaraError, recogniseAvalaraErrorReply, type AvalaraErrorBody } from './errors.js';
export {
  AVALARA_TRANSACTION_CODE_MAX_LENGTH,
  transactionCodeFor,
  type TransactionCodeKind,
  type TransactionCodeReference,
} from './transaction-code.js';
export {
  AVALARA_ADJUSTMENT_REASONS,
  AVALARA_DOCUMENT_TYPES,
  AVALARA_REFUND_TYPES,
  AVALARA_VOID_REASONS,
  AvalaraCreateTransactionModelSchema,
  AvalaraTransactionSchema,
  type AvalaraAddresses,
  type AvalaraAddressLocationInfo,
  type AvalaraAdjustmentReason,
  type AvalaraCreateOrAdjustTransactionModel,
  type AvalaraCreateTransactionModel,
  type AvalaraDocumentType,
  type AvalaraLineItem,
  type AvalaraPingResult,
  type AvalaraRefundTransactionModel,
  type AvalaraRefundType,
  type AvalaraTransaction,
  type AvalaraVoidReason,
} from './schemas.js';
export type { AvalaraTransactionResult, AvalaraWriteResult } from './operations/transaction-result.js';
export type { AvalaraAdjustment } from './operations/create-or-adjust-transaction.js';
export type { CommitTransactionParams } from './operations/commit-transaction.js';
export type { VoidTransactionParams } from './operations/void-transaction.js';
export type { RefundTransactionParams } from './operations/refund-transaction.js';
export type { GetTransactionByCodeParams } from './operations/get-transaction-by-code.js';
export type { AvalaraPingOutcome } from './operations/ping.js';
export { encodeAvalaraPathSegment } from './operations/transaction-path.js';
export * from './descriptor.js';
