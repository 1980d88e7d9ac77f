/**
 * Temporal constants shared by workflows, activities, the worker and the CLI.
 * Plain data only: workflow code imports this file, so it must stay free of I/O.
 */
import { defineSearchAttributeKey, SearchAttributeType, type ActivityOptions } from '@temporalio/common';

export const DEFAULT_NAMESPACE = 'default';

export const TASK_QUEUES = {
  /** Marketplace order imports and other sync flows. */
  sync: 'caravan-sync',
} as const;

/** Flow names, also the value of the CaravanFlow search attribute. */
export const FLOWS = {
  ordersSync: 'orders-sync',
  fxRefresh: 'fx-refresh',
  fxBackfill: 'fx-backfill',
  deadLettersReplay: 'dead-letters-replay',
  shipmentConfirm: 'shipment-confirm',
  ordersBackfill: 'orders-backfill',
  inventorySync: 'inventory-sync',
  listingsPublish: 'listings-publish',
  trackShipment: 'track-shipment',
  reconcile: 'reconcile',
  fulfilOrder: 'fulfil-order',
  settlementsImport: 'settlements-import',
  paymentLedgerSync: 'payment-ledger-sync',
} as const;
export type FlowName = (typeof FLOWS)[keyof typeof FLOWS];

/**
 * Custom search attributes, registered at start-up (dev server flags and the operator
 * API for other clusters). Admins filter on them in the Web UI, e.g.
 * `CaravanTenant = "demo" AND CaravanFlow = "orders-sync"`.
 */
export const SEARCH_ATTRIBUTES = {
  tenant: { name: 'CaravanTenant', type: 'Keyword' },
  channel: { name: 'CaravanChannel', type: 'Keyword' },
  flow: { name: 'CaravanFlow', type: 'Keyword' },
  /** Running totals, upserted as a sync progresses, so the UI can filter e.g. on dead letters > 0. */
  recordsImported: { name: 'CaravanRecordsImported', type: 'Int' },
  recordsUpdated: { name: 'CaravanRecordsUpdated', type: 'Int' },
  deadLetters: { name: 'CaravanDeadLetters', type: 'Int' },
  /** Parcel tracking: admins find a shipment by its carrier tracking number or its order id. */
  trackingNumber: { name: 'CaravanTrackingNumber', type: 'Keyword' },
  orderId: { name: 'CaravanOrderId', type: 'Keyword' },
  /** The parcel's canonical tracking status, or `stalled` while a stall exception stands. */
  trackingStatus: { name: 'CaravanTrackingStatus', type: 'Keyword' },
} as const;

/** Typed keys for the attributes above (workflows upsert them, the CLI filters on them). */
export const searchAttributeKeys = {
  tenant: defineSearchAttributeKey(SEARCH_ATTRIBUTES.tenant.name, SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey(SEARCH_ATTRIBUTES.channel.name, SearchAttributeType.KEYWORD),
  flow: defineSearchAttributeKey(SEARCH_ATTRIBUTES.flow.name, SearchAttributeType.KEYWORD),
  recordsImported: defineSearchAttributeKey(SEARCH_ATTRIBUTES.recordsImported.name, SearchAttributeType.INT),
  recordsUpdated: defineSearchAttributeKey(SEARCH_ATTRIBUTES.recordsUpdated.name, SearchAttributeType.INT),
  deadLetters: defineSearchAttributeKey(SEARCH_ATTRIBUTES.deadLetters.name, SearchAttributeType.INT),
  trackingNumber: defineSearchAttributeKey(SEARCH_ATTRIBUTES.trackingNumber.name, SearchAttributeType.KEYWORD),
  orderId: defineSearchAttributeKey(SEARCH_ATTRIBUTES.orderId.name, SearchAttributeType.KEYWORD),
  trackingStatus: defineSearchAttributeKey(SEARCH_ATTRIBUTES.trackingStatus.name, SearchAttributeType.KEYWORD),
} as const;

/** Rates are shared by every tenant: one refresh per source. */
export function fxRefreshWorkflowId(source: string): string {
  return `${FLOWS.fxRefresh}/${source}`;
}

export function fxBackfillWorkflowId(source: string, from: string, to: string): string {
  return `${FLOWS.fxBackfill}/${source}/${from}..${to}`;
}

/** Workflow IDs are readable and unique per business key. */
export function ordersSyncWorkflowId(tenant: string, channel: string): string {
  return `${FLOWS.ordersSync}/${tenant}/${channel}`;
}

/**
 * A replay of a tenant's dead letters; `scope` is the channel selector, or `all`, and `n`
 * numbers the replays of that scope (1, 2, …).
 */
export function deadLettersReplayWorkflowId(tenant: string, scope: string, n: number): string {
  return `${FLOWS.deadLettersReplay}/${tenant}/${scope}/${n}`;
}

export const DEAD_LETTERS_REPLAY = {
  /** Letters read, mapped and written per activity. */
  pageSize: 100,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

export const ORDERS_SYNC = {
  /** Re-read this much before the stored cursor so late-arriving updates are not missed. */
  cursorOverlapMs: 10 * 60 * 1000,
  /** First sync of a channel with no cursor and no --since looks back this far. */
  initialLookbackMs: 30 * 24 * 60 * 60 * 1000,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

/** Activity options per kind of work. Temporal owns retries; connectors only retry briefly in-process. */
export const ACTIVITY_OPTIONS: Record<'store' | 'vendorPage', ActivityOptions> = {
  /** Bookkeeping against the store: quick, retried often. */
  store: {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
  },
  /**
   * One vendor page: fetch, map, write. It may wait on rate limits, so it heartbeats and
   * gets a generous start-to-close; a dead worker is noticed by the heartbeat timeout.
   */
  vendorPage: {
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '30 seconds',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: 50,
      nonRetryableErrorTypes: ['auth', 'validation', 'not_found', 'contract', 'config'],
    },
  },
};

// ---- report download (child workflow) ----------------------------------------------------

export const REPORT_DOWNLOAD_FLOW = 'report-download';

/**
 * One report requested and downloaded per workflow: `report-download/<tenant>/<connection>/<key>`,
 * the key naming the business purpose (e.g. `GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL/2026-03-01`).
 */
export function reportDownloadWorkflowId(tenant: string, connection: string, key: string): string {
  return `${REPORT_DOWNLOAD_FLOW}/${tenant}/${connection}/${key}`;
}

/**
 * How getReport is polled: durable timers between polls (not activity retries), growing from
 * `firstPollMs` by `factor` up to `maxPollMs`; after `giveUpAfterMs` without an end the report
 * is `timed_out`. Amazon builds most reports in minutes, large ones in hours; getReport allows
 * 2 requests a second (burst 15), so the polls are bounded by patience, not by the quota.
 */
export const REPORT_DOWNLOAD = {
  firstPollMs: 15_000,
  factor: 1.5,
  maxPollMs: 5 * 60_000,
  giveUpAfterMs: 12 * 60 * 60_000,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

export interface ReportPollSchedule {
  readonly firstPollMs: number;
  readonly factor: number;
  readonly maxPollMs: number;
  readonly giveUpAfterMs: number;
}

/** The wait after poll `n` (0-based) of a report (or a parcel). Pure. */
export function reportPollDelayMs(n: number, schedule: Pick<ReportPollSchedule, 'firstPollMs' | 'factor' | 'maxPollMs'> = REPORT_DOWNLOAD): number {
  return Math.min(schedule.maxPollMs, Math.round(schedule.firstPollMs * schedule.factor ** Math.max(0, n)));
}

// ---- shipment confirmation -----------------------------------------------------------------

/**
 * One workflow ID per order: `shipment-confirm/<tenant>/<channel>/<orderId>`; each package of the
 * order is a run under it. Started with the reuse policy ALLOW_DUPLICATE (a further package, or
 * a retry of a failed confirmation, is a new run) and the conflict policy FAIL (a confirmation
 * still running is never doubled): the CLI compares a request with the latest run's memo, so an
 * identical request is a no-op and a different tracking number for the same package an error.
 */
export function shipmentConfirmWorkflowId(tenant: string, channel: string, orderId: string): string {
  return `${FLOWS.shipmentConfirm}/${tenant}/${channel}/${orderId}`;
}

/**
 * The one call that confirms a shipment on a channel: short, and retried a few times only on
 * transient failures (a retry first checks whether its predecessor went through; see
 * activities/shipment-confirm.ts). Refusals by the channel (validation) are final.
 */
export const SHIPMENT_CONFIRM_SEND: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['auth', 'validation', 'not_found', 'conflict', 'contract', 'config'],
  },
};
// ---- orders backfill through order reports -----------------------------------------------

/** One backfill per tenant, channel and range: `orders-backfill/<tenant>/<channel>/<from>..<to>`. */
export function ordersBackfillWorkflowId(tenant: string, channel: string, from: string, to: string): string {
  return `${FLOWS.ordersBackfill}/${tenant}/${channel}/${from}..${to}`;
}

export const ORDERS_BACKFILL = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  /**
   * The longest period one orders report may cover: Amazon answers a longer one with
   * "Date range exceeded. Report can be requested only upto 30 days" (amzn/selling-partner-api-models#2591).
   */
  maxWindowDays: 30,
  /**
   * Windows requested at a time. createReport refills at 0.0167/s (one a minute, burst 15):
   * two keep a report building while the other is imported, without spending the burst.
   */
  concurrentWindows: 2,
  /** Report rows read per activity call (rows of one order never split across calls). */
  batchRows: 1000,
  /** Rows mapped and written per store transaction inside a call; progress is heartbeated after each. */
  writeRows: 250,
  continueAsNewAfterEvents: 2000,
} as const;

// ---- inventory sync ----------------------------------------------------------------------

/** One stock push per tenant and channel at a time. */
export function inventorySyncWorkflowId(tenant: string, channel: string): string {
  return `${FLOWS.inventorySync}/${tenant}/${channel}`;
}

/**
 * A quantities feed is polled like a report (durable timers, growing waits): Amazon processes
 * a listings feed in minutes. A feed still unfinished after `giveUpAfterMs` leaves its sends
 * pending; the next sync resends nothing unchanged, and the verdict, if it comes, is not read.
 */
export const INVENTORY_SYNC = {
  feedPoll: { firstPollMs: 10_000, factor: 1.5, maxPollMs: 2 * 60_000, giveUpAfterMs: 2 * 60 * 60_000 },
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;
// ---- listings publish ----------------------------------------------------------------------

/** One publish of a tenant's catalogue to one channel at a time: `listings-publish/<tenant>/<channel>`. */
export function listingsPublishWorkflowId(tenant: string, channel: string): string {
  return `${FLOWS.listingsPublish}/${tenant}/${channel}`;
}

export const LISTINGS_FEED_FLOW = 'listings-feed';

/** The child that waits for one submitted feed and records its verdicts: `listings-feed/<tenant>/<channel>/<feedId>`. */
export function listingsFeedWorkflowId(tenant: string, channel: string, feedId: string): string {
  return `${LISTINGS_FEED_FLOW}/${tenant}/${channel}/${feedId}`;
}

export const LISTINGS_PUBLISH = {
  /** Products read, mapped and checked per activity (SKU order). */
  pageSize: 500,
  /**
   * At most this many SKU×marketplace changes per run go one by one through Listings Items
   * (synchronous verdicts); more go as JSON_LISTINGS_FEED feeds. Overridden per connection by
   * `listings.feedThreshold`.
   */
  feedThreshold: 20,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

/**
 * How getFeed is polled: durable timers, growing like a report's. Amazon processes a listings
 * feed in minutes (hours when busy); getFeed allows 2 requests a second, burst 15.
 */
export const LISTINGS_FEED_POLL: ReportPollSchedule = {
  firstPollMs: 30_000,
  factor: 1.5,
  maxPollMs: 5 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};
// ---- parcel tracking -----------------------------------------------------------------------

/**
 * One tracking workflow per parcel: `track-shipment/<carrier>/<trackingNumber>` (a carrier's
 * tracking numbers are unique to it), so starting it again for the same parcel finds the running one.
 */
export function trackShipmentWorkflowId(carrier: string, trackingNumber: string): string {
  return `${FLOWS.trackShipment}/${carrier}/${trackingNumber}`;
}

export interface TrackingPollSchedule {
  readonly firstPollMs: number;
  readonly factor: number;
  readonly maxPollMs: number;
}

/**
 * A parcel is polled on durable timers, the wait growing from an hour to twelve while nothing
 * changes and starting over when an event arrives (tenants may set their own: shipping.trackingPoll).
 * The calls go through the connector pipeline's limiter, so thousands of parcels share the
 * carrier's quota (FedEx: per-project transactions per 10 s and the organisation's daily quota;
 * a daily-quota refusal waits for 00:00 GMT as its Retry-After says).
 */
export const TRACK_SHIPMENT = {
  poll: { firstPollMs: 60 * 60_000, factor: 2, maxPollMs: 12 * 60 * 60_000 } satisfies TrackingPollSchedule,
  /** Stall threshold of a lane the tenants file does not name. */
  defaultStallThresholdMs: 72 * 60 * 60_000,
  /** Pushed updates handled per activity call. */
  pushedPerCall: 20,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

// ---- reconciliation ------------------------------------------------------------------------

/** One reconciliation per tenant and period: `reconcile/<tenant>/<from>..<to>`. */
export function reconcileWorkflowId(tenant: string, from: string, to: string): string {
  return `${FLOWS.reconcile}/${tenant}/${from}..${to}`;
}

/** The tenant's nightly Schedule; its runs are `reconcile/<tenant>/nightly-<scheduled time>`. */
export function reconcileScheduleId(tenant: string): string {
  return `${FLOWS.reconcile}/${tenant}`;
}

/**
 * Signal a waiting reconcile run with, when data it waits for may have arrived (a payout
 * event, a bank statement imported): it re-reads and re-runs at once instead of at its next
 * deadline. Payload: an optional ReconcileLateData (what arrived, for the run's progress).
 */
export const RECONCILE_LATE_DATA_SIGNAL = 'lateData';

export interface ReconcileLateData {
  source?: string;
  /** The payout, order or statement that arrived. */
  reference?: string;
}

export const RECONCILE = {
  /** A run waits at most this long for late data; what is still pending then stays pending in its report. */
  maxWaitMs: 14 * 24 * 60 * 60_000,
  /** Woken this long after a deadline, so the re-run's clock is past it. */
  wakeMarginMs: 1000,
  /** Continue-as-new once history passes this many events (or when the server suggests it). */
  continueAsNewAfterEvents: 2000,
} as const;

// ---- payment events (webhooks in) ---------------------------------------------------------

export const PAYMENT_EVENT_FLOW = 'payment-event';

/**
 * One workflow per provider event: `payment-event/<tenant>/<provider>/<event id>`. Started with
 * a reuse policy that rejects a second start of the same id, so a delivery repeated by the
 * provider (or by the intake after a crash) starts nothing new.
 */
export function paymentEventWorkflowId(tenant: string, provider: string, eventId: string): string {
  return `${PAYMENT_EVENT_FLOW}/${tenant}/${provider}/${eventId}`;
}

/**
 * What a payment event tells the tenant's running reconcile workflows when it concerns a payout
 * (its lines name one): they get RECONCILE_LATE_DATA_SIGNAL with `source` the provider and event
 * type and `reference` the payouts; none running is fine.
 */
export interface PaymentEventSignal {
  tenant: string;
  provider: string;
  eventId: string;
  /** The provider's event type (`payout.paid`, `PAYMENT.CAPTURE.REFUNDED`). */
  type: string;
  /** Payouts the event's ledger lines belong to. */
  payoutIds: string[];
  /** Ledger lines the event added or changed. */
  linesChanged: number;
}
/** One reconciliation pass reads a period of the store and writes two files: minutes at most. */
export const RECONCILE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '15 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes: ['config', 'validation'] },
};

// ---- order fulfilment (labels) -------------------------------------------------------------

/** One fulfilment per order: `fulfil-order/<tenant>/<channel>/<orderId>`; a rerun after a void is a new run under it. */
export function fulfilOrderWorkflowId(tenant: string, channel: string, orderId: string): string {
  return `${FLOWS.fulfilOrder}/${tenant}/${channel}/${orderId}`;
}

/**
 * Carrier calls of fulfilOrder (rates, label purchase, cancellation): retried on transient
 * failures only. A retried purchase looks its predecessor up first (activities/fulfil-order.ts),
 * so a retry never buys a second label; refusals are final.
 */
export const FULFIL_ORDER_CARRIER: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 6,
    nonRetryableErrorTypes: ['auth', 'validation', 'not_found', 'conflict', 'contract', 'config', 'ShippingPlanError', 'RateShoppingError', 'FxConversionError', 'MappingError'],
  },
};

/** Amazon settlement reports into the ledger: one workflow per connection, `settlements-import/<tenant>/<connection>`. */
export function settlementsImportWorkflowId(tenant: string, connection: string): string {
  return `${FLOWS.settlementsImport}/${tenant}/${connection}`;
}

export const SETTLEMENTS_IMPORT = {
  /** Amazon closes a settlement about every 14 days; a few looks a day find a new one soon enough. */
  pollEveryMs: 6 * 3600_000,
  continueAsNewAfterEvents: 2_000,
} as const;

/** A payment provider's transactions of a period into the ledger: `payment-ledger-sync/<tenant>/<connection>/<from>..<to>`. */
export function paymentLedgerSyncWorkflowId(tenant: string, connection: string, from: string, to: string): string {
  return `${FLOWS.paymentLedgerSync}/${tenant}/${connection}/${from}..${to}`;
}

/** The Schedule of a connection's ledger imports (`ledger.schedule`): `payment-ledger-sync/<tenant>/<connection>`; its runs add `/scheduled-<time>`. */
export function paymentLedgerSyncScheduleId(tenant: string, connection: string): string {
  return `${FLOWS.paymentLedgerSync}/${tenant}/${connection}`;
}

export const PAYMENT_LEDGER_SYNC = { continueAsNewAfterEvents: 2_000 } as const;
