/**
 * Named input and result types of the inventory-sync activities. Workflows import these
 * types only (never the implementations), so they stay free of I/O.
 */

export interface InventoryRunKey {
  tenant: string;
  channel: string;
  workflowId: string;
  /** The first run id of the sync. */
  runId: string;
}

export interface InventorySyncCounts {
  /** Marketplace-held (FBA) stock records read, and levels of them new or changed in the hub. */
  marketplaceStockRead: number;
  marketplaceStockChanged: number;
  /** Marketplace stock records the hub could not take (named in the log). */
  marketplaceStockRejected: number;
  /** SKUs with own-warehouse stock planned. */
  skusPlanned: number;
  /** Quantities of this channel whose value is the one last sent. */
  unchanged: number;
  /** Quantities not sent: the listing's product type is not known (no listings mapping for its category). */
  skipped: number;
  sent: number;
  accepted: number;
  rejected: number;
  /** Sent in a feed whose verdict has not come (yet). */
  pending: number;
}

export interface StartInventorySyncResult {
  startedAt: string;
  /** Marketplaces whose own stock (FBA) is read back; empty when readMarketplaceStock is off. */
  readMarketplaces: string[];
  /** Above this many changed quantities in a plan page, a feed carries them. */
  feedThreshold: number;
}

export interface ReadMarketplaceStockPageInput extends InventoryRunKey {
  marketplaceId: string;
  cursor?: string;
}

export interface ReadMarketplaceStockPageResult {
  cursor?: string;
  read: number;
  changed: number;
  rejected: number;
}

/** What the allocation gave one marketplace of the channel: the basis recorded with the send. */
export interface QuantityBasis {
  /** Units each location gave before buffer and cap. */
  fromLocations: Record<string, number>;
  heldBack: number;
  capped: number;
  /** Free units per location after open and recently shipped orders, and the units those orders hold. */
  free: Record<string, number>;
  committed: Record<string, number>;
  rule: 'share' | 'priority';
}

export interface QuantityToPush {
  sku: string;
  marketplaceId: string;
  quantity: number;
  productType?: string;
  /** The channel's handling time for the marketplace, sent with the quantity (config handlingDays). */
  handlingDays?: number;
  reason: string;
  basis: QuantityBasis;
}

export interface PlanInventoryPageInput extends InventoryRunKey {
  /** The last SKU of the previous page. */
  afterSku?: string;
  pageSize?: number;
}

export interface PlanInventoryPageResult {
  push: QuantityToPush[];
  /** Absent on the last page. */
  nextAfterSku?: string;
  skusPlanned: number;
  unchanged: number;
  skipped: number;
}

export interface PushQuantitiesInput extends InventoryRunKey {
  push: QuantityToPush[];
}

export interface PushQuantitiesResult {
  sent: number;
  accepted: number;
  rejected: number;
  pending: number;
}

export interface QuantitiesFeed {
  feedId: string;
  marketplaceId: string;
  skus: string[];
}

export interface SubmitQuantitiesFeedResult {
  feeds: QuantitiesFeed[];
  sent: number;
}

export interface CheckQuantitiesFeedInput extends InventoryRunKey {
  feed: QuantitiesFeed;
}

export interface CheckQuantitiesFeedResult {
  /** `waiting`: poll again later; otherwise the verdicts are recorded. */
  state: 'waiting' | 'done' | 'failed';
  accepted: number;
  rejected: number;
}

export interface FinishInventorySyncInput extends InventoryRunKey {
  startedAt: string;
  pages: number;
  totals: InventorySyncCounts;
  status: 'completed' | 'failed' | 'cancelled';
  error?: string;
}

export interface FinishInventorySyncResult {
  finishedAt: string;
  durationMs: number;
}

export interface InventorySyncActivities {
  startInventorySync(input: InventoryRunKey): Promise<StartInventorySyncResult>;
  readMarketplaceStockPage(input: ReadMarketplaceStockPageInput): Promise<ReadMarketplaceStockPageResult>;
  planInventoryPage(input: PlanInventoryPageInput): Promise<PlanInventoryPageResult>;
  /** Few quantities: one call per SKU and marketplace, verdicts recorded at once. */
  pushQuantities(input: PushQuantitiesInput): Promise<PushQuantitiesResult>;
  /** Many: feeds, their sends recorded pending until checkQuantitiesFeed reads the verdicts. */
  submitQuantitiesFeed(input: PushQuantitiesInput): Promise<SubmitQuantitiesFeedResult>;
  checkQuantitiesFeed(input: CheckQuantitiesFeedInput): Promise<CheckQuantitiesFeedResult>;
  finishInventorySync(input: FinishInventorySyncInput): Promise<FinishInventorySyncResult>;
}
