export { closeDatabase, DEFAULT_SQLITE_FILE, dialectOf, knownMigrations, migrateLatest, migrateRollback, openDatabase } from './db.js';
export type { Dialect, OpenDatabaseOptions } from './db.js';
export {
  countOrderLines,
  countOrders,
  getOrder,
  listOrderLines,
  listOrders,
  ordersByExternalIds,
  ordersSnapshot,
  upsertOrders,
} from './orders-repository.js';
export type { ListOrdersQuery, OrderSnapshotEntry, StoredOrder, StoredOrderLine, UpsertOrdersResult } from './orders-repository.js';
export {
  countOpenDeadLetters,
  getDeadLetter,
  listDeadLetters,
  markDeadLettersReplayed,
  pageOpenDeadLetters,
  recordDeadLetterReplayFailures,
  recordDeadLetters,
  REPLAY_OUTCOMES,
  replayOutcomeCounts,
  resolveDeadLetter,
} from './dead-letters-repository.js';
export type {
  DeadLetter,
  DeadLetterErrorKind,
  DeadLetterInput,
  DeadLetterReplay,
  DeadLetterResolution,
  ListDeadLettersQuery,
  ManualResolution,
  OpenDeadLettersQuery,
  ReplayOutcome,
  ReplayRun,
} from './dead-letters-repository.js';
export { advanceCursor, getCursor, getCursorRecord, resetCursor } from './cursors-repository.js';
export type { AdvanceCursorInput, CursorKey, SyncCursor } from './cursors-repository.js';
export { closeRunRecord, getRun, listRuns, recordRunFinished, recordRunStarted } from './runs-repository.js';
export type { ListRunsQuery, RunCounts, RunFinishedInput, RunKey, RunStartedInput, SyncRun, SyncRunStatus } from './runs-repository.js';
export { StoreDataError, StoreInputError } from './store-errors.js';
export { DEFAULT_FX_LOOKBACK_DAYS, fxRateTableFor, getFxRates, hasFxRates, latestFxRateDate, upsertFxRates, type FxRateTableQuery, type GetFxRatesQuery, type UpsertFxRatesResult } from './fx-repository.js';
export type { WriteOptions } from './write-options.js';
export { stableJson, sha256Hex } from './stable-json.js';
export { toStoredTimestamp } from './sql-values.js';
export { createPostgresBucketStore } from './rate-limit-buckets-repository.js';
export {
  assignListingFeeds,
  listingPayloadHash,
  stagedListingSends,
  listingsToSend,
  listListingPublications,
  listQuantityPublications,
  PUBLICATION_STATUSES,
  quantitiesToSend,
  recordListingOutcomes,
  recordListingSends,
  recordQuantityOutcomes,
  recordQuantitySends,
} from './publications-repository.js';
export type {
  ListingCandidate,
  ListingPublication,
  ListingSend,
  ListPublicationsQuery,
  PublicationIssue,
  PublicationKey,
  PublicationStatus,
  PublicationVia,
  QuantityCandidate,
  QuantityPublication,
  QuantitySend,
  SendReason,
  ToSend,
  ToSendOptions,
  Verdict,
  VerdictSource,
} from './publications-repository.js';
export { stockDemand, type StockDemandOrder } from './stock-demand.js';
export {
  catalogueHighWater,
  countProducts,
  getProduct,
  listProducts,
  listProductsChangedSince,
  skusWithoutProduct,
  upsertProducts,
} from './catalogue-repository.js';
export type { ListProductsQuery, StoredProduct, UpsertProductsResult } from './catalogue-repository.js';
export { getInventoryLevels, listInventoryChangedSince, upsertInventoryLevels } from './inventory-repository.js';
export type { StoredInventoryLevel, UpsertInventoryLevelsResult } from './inventory-repository.js';
export {
  countLedgerLines,
  ledgerLinesByOrder,
  ledgerLinesByPayout,
  ledgerLinesByPeriod,
  ledgerLinesOutsideOrderPages,
  ledgerPayoutId,
  pageLedgerLines,
  pageOrderIdsInPeriod,
  upsertSettlementLines,
} from './ledger-repository.js';
export type { LedgerCursor, LedgerEntryInput, LedgerPeriodQuery, ReportingAmount, StoredLedgerLine, UpsertSettlementLinesResult } from './ledger-repository.js';
export { settlementsDepositedBetween, upsertSettlements, type UpsertSettlementsResult } from './settlements-repository.js';
export { bankEntryKeys, bankLinesByPeriod, countBankStatementLines, upsertBankStatementLines } from './bank-statements-repository.js';
export type { BankLinesQuery, StoredBankLine, UpsertBankLinesResult } from './bank-statements-repository.js';
export { discrepancyAudit, discrepancyResolutions, listDiscrepancies, recordDiscrepancies, reopenDiscrepancy, resolveDiscrepancy } from './discrepancies-repository.js';
export type {
  DiscrepancyRecordInput,
  DiscrepancyResolution,
  ListDiscrepanciesQuery,
  RecordDiscrepanciesResult,
  ResolutionAuditEntry,
  ResolveOutcome,
  StoredDiscrepancy,
} from './discrepancies-repository.js';
export {
  findTrackingShipments,
  finishTrackingShipment,
  getTrackingShipment,
  listTrackingEvents,
  recordTrackingEvents,
  recordTrackingException,
  startTrackingShipment,
  trackingEventKey,
  trackingEventTime,
} from './tracking-repository.js';
export type {
  FindTrackingShipmentsQuery,
  RecordTrackingEventsInput,
  RecordTrackingEventsResult,
  StoredTrackingEvent,
  StoredTrackingShipment,
  TrackingEventSource,
  TrackingKey,
  TrackingShipmentInput,
} from './tracking-repository.js';
export { getWebhookEvent, listWebhookEvents, markWebhookEventProcessed, recordWebhookEvent, WEBHOOK_OUTCOMES, WEBHOOK_PROVIDERS } from './webhook-events-repository.js';
export type { StoredWebhookEvent, WebhookEventInput, WebhookEventKey, WebhookOutcome, WebhookProvider } from './webhook-events-repository.js';
export { findShipmentByTrackingNumber, getShipment, listOrderShipments, listTenantShipments, recordShipmentPurchase, setShipmentState, SHIPMENT_STATES } from './shipments-repository.js';
export type { ShipmentPurchase, ShipmentState, StoredShipment, StoredShipmentDocument } from './shipments-repository.js';
