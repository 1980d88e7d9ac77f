/**
 * Alibaba.com has no feed API. The capabilities' feed methods send their messages one by one and
 * record the per-SKU replies here as one synthetic feed, done as soon as it is made: its status
 * and results are then read like any channel's feed (feedStatus → done, feedResults → the
 * replies). Kept in this client's memory only, for the flows' poll that follows the submission;
 * a feed this process does not know (a worker restart in between) is reported fatal, so its
 * SKUs are marked rejected and sent again by the next run rather than taken as accepted.
 */

/** Feeds kept at most; the oldest go first. */
const KEPT = 256;

export type LocalFeedKind = 'listings' | 'quantities';

export interface LocalFeed {
  readonly feedId: string;
  readonly kind: LocalFeedKind;
  /** Epoch ms when it was sent. */
  readonly sentAt: number;
  /** One reply per message, in the order sent. */
  readonly results: readonly unknown[];
}

export class LocalFeeds {
  private readonly feeds = new Map<string, LocalFeed>();
  private count = 0;

  constructor(private readonly clock: { now(): number }) {}

  record(kind: LocalFeedKind, results: readonly unknown[]): LocalFeed {
    this.count += 1;
    const sentAt = this.clock.now();
    const feed: LocalFeed = { feedId: `alibaba-${kind}-${sentAt}-${this.count}`, kind, sentAt, results: [...results] };
    this.feeds.set(feed.feedId, feed);
    while (this.feeds.size > KEPT) this.feeds.delete(this.feeds.keys().next().value!);
    return feed;
  }

  get(feedId: string): LocalFeed | undefined {
    return this.feeds.get(feedId);
  }
}
