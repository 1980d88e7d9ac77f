/**
 * What the Alibaba.com capabilities answer for listing and stock writes. The platform writes
 * one product at a time and has no feed or dry-run API, so the connector reports each write in
 * this one shape (per SKU), whether it was sent alone or as part of the hub's one-by-one "feed"
 * (local-feeds.ts). The listing and inventory mappings read these.
 */

/** A refusal or remark of the platform on one write. */
export interface AlibabaWriteIssue {
  /** The platform's error code, verbatim. */
  readonly code?: string;
  readonly message: string;
}

/** One listing write: the product added or updated for a SKU, or why not. */
export interface AlibabaListingReply {
  readonly sku: string;
  /** `validate`: checked locally only (there is no dry-run API). */
  readonly operation: 'add' | 'update' | 'validate';
  readonly status: 'accepted' | 'rejected' | 'valid';
  readonly productId?: string;
  readonly requestId?: string;
  readonly issues: readonly AlibabaWriteIssue[];
}

/** One SKU's stock write. */
export interface AlibabaQuantityReply {
  readonly sku: string;
  readonly quantity: number;
  readonly status: 'accepted' | 'rejected';
  readonly productId?: string;
  readonly requestId?: string;
  readonly issues: readonly AlibabaWriteIssue[];
}

/** A one-by-one feed's results (ListingTarget.feedResults). */
export interface AlibabaFeedResults {
  readonly feedId: string;
  readonly kind: 'listings' | 'quantities';
  readonly results: readonly (AlibabaListingReply | AlibabaQuantityReply)[];
}
