/**
 * Named input and result types of the listingsPublish activities. Workflows import these
 * types only (never the implementations), so they stay free of I/O.
 */

/** A run's key in the store (the first run id of the publish, stable across continue-as-new). */
export interface PublishRunKey {
  tenant: string;
  channel: string;
  workflowId: string;
  runId: string;
}

/** What one publish asked for: a whole catalogue, or some SKUs (sent even unchanged when forced). */
export interface PublishScope {
  /** Only these SKUs; the whole catalogue when absent. */
  skus?: string[];
  /** Send even what equals the last send (a replay after a fix on the channel's side). */
  force?: boolean;
}

export interface PublishCounts {
  /** Products read from the catalogue. */
  products: number;
  /** SKU×marketplace listings built (products whose category has a mapping here × marketplaces with rules). */
  candidates: number;
  /** Equal to the last send: not sent again. */
  unchanged: number;
  /** Products whose category has no mapping on this channel. */
  unmapped: number;
  /** Sent (one by one or in feeds). */
  sent: number;
  accepted: number;
  acceptedWithWarnings: number;
  /** By the channel, or before sending (schema, mapping or price errors). */
  rejected: number;
  /** Of `rejected`: found by the hub's own checks, never sent. */
  rejectedLocally: number;
  /** In feeds the channel cancelled: sent again next run. */
  cancelled: number;
  /** Dead letters recorded (one per rejected SKU×marketplace). */
  deadLettered: number;
}

export const ZERO_PUBLISH_COUNTS: PublishCounts = {
  products: 0,
  candidates: 0,
  unchanged: 0,
  unmapped: 0,
  sent: 0,
  accepted: 0,
  acceptedWithWarnings: 0,
  rejected: 0,
  rejectedLocally: 0,
  cancelled: 0,
  deadLettered: 0,
};

export interface StartListingsPublishResult {
  startedAt: string;
  /** Every count at zero: the run's starting totals. */
  totals: PublishCounts;
  /** YYYY-MM-DD: the date prices are computed for, the same for every page of the run. */
  onDate: string;
  feedThreshold: number;
  /** The connection's marketplaces with listing rules. */
  marketplaceIds: string[];
}

/** One SKU×marketplace to send, and why. */
export interface ListingToSend {
  sku: string;
  marketplaceId: string;
  reason: 'new' | 'changed' | 'rejected-before' | 'forced';
}

export interface PlanListingsPageInput extends PublishRunKey, PublishScope {
  onDate: string;
  /** The page starts after this SKU (SKU order); absent for the first page. */
  afterSku?: string;
  pageSize: number;
  /** Return the keys to send only while the run's total stays at or under this (they go one by one then). */
  keepKeysUpTo: number;
  /** Changes found by earlier pages of the run. */
  changesSoFar: number;
}

export interface PlanListingsPageResult {
  /** Where the next page starts; absent after the last page. */
  nextAfterSku?: string;
  counts: PublishCounts;
  /** SKU×marketplace changes on this page (listings to send). */
  changes: number;
  /** The changes themselves, while the run's total is within `keepKeysUpTo`. */
  toSend?: ListingToSend[];
}

export interface PutListingInput extends PublishRunKey {
  onDate: string;
  listing: ListingToSend;
}

export interface PutListingResult {
  status: 'accepted' | 'accepted-with-warnings' | 'rejected' | 'unchanged';
  /** Rejected by VALIDATION_PREVIEW, before the put. */
  rejectedByPreview?: boolean;
  deadLettered: number;
}

export interface StageListingsFeedPageInput extends PublishRunKey, PublishScope {
  onDate: string;
  afterSku?: string;
  pageSize: number;
}

export interface SubmittedFeed {
  feedId: string;
  marketplaceId: string;
  messages: number;
}

export interface StageListingsFeedPageResult {
  nextAfterSku?: string;
  /** Listings of the page recorded for the run's feeds (products etc. were counted by the planning pass). */
  staged: number;
  rejectedLocally: number;
  deadLettered: number;
}

export interface SubmitStagedListingsFeedsResult {
  sent: number;
  feeds: SubmittedFeed[];
}

export interface ListingsFeedStatusInput {
  tenant: string;
  channel: string;
  feedId: string;
}

export interface ListingsFeedStatusResult {
  state: 'queued' | 'in_progress' | 'done' | 'cancelled' | 'fatal' | 'unknown';
  rawStatus: string;
  resultDocumentId?: string;
}

export interface RecordListingsFeedResultsInput extends ListingsFeedStatusInput {
  workflowId: string;
  runId: string;
  /** timed_out: no end within the poll's patience; like cancelled, its SKUs are sent again next run. */
  state: 'done' | 'cancelled' | 'fatal' | 'timed_out';
  resultDocumentId?: string;
}

export interface ListingsFeedVerdictCounts {
  accepted: number;
  acceptedWithWarnings: number;
  rejected: number;
  cancelled: number;
  deadLettered: number;
}

export interface FinishListingsPublishInput extends PublishRunKey {
  startedAt: string;
  pages: number;
  totals: PublishCounts;
  status: 'completed' | 'failed' | 'cancelled';
  error?: string;
}

export interface FinishListingsPublishResult {
  finishedAt: string;
  durationMs: number;
}

export interface ListingsPublishActivities {
  startListingsPublish(input: PublishRunKey): Promise<StartListingsPublishResult>;
  planListingsPage(input: PlanListingsPageInput): Promise<PlanListingsPageResult>;
  putListing(input: PutListingInput): Promise<PutListingResult>;
  stageListingsFeedPage(input: StageListingsFeedPageInput): Promise<StageListingsFeedPageResult>;
  submitStagedListingsFeeds(input: PublishRunKey): Promise<SubmitStagedListingsFeedsResult>;
  getListingsFeedStatus(input: ListingsFeedStatusInput): Promise<ListingsFeedStatusResult>;
  recordListingsFeedResults(input: RecordListingsFeedResultsInput): Promise<ListingsFeedVerdictCounts>;
  finishListingsPublish(input: FinishListingsPublishInput): Promise<FinishListingsPublishResult>;
}
