/**
 * Feeds 2021-06-30 for JSON_LISTINGS_FEED: feed documents uploaded to a presigned URL,
 * feeds processed on the sandbox clock (jobs.ts) against the same ListingsStore and
 * validation as the Listings Items API, and a processing report in the official JSON
 * format (listings-feed-processing-report-schema-v2.json) as the result document.
 * Planted behaviour: a header sellerId other than the seller's, or a feed that is not
 * JSON, ends FATAL with a result document carrying the fatal error; plan('CANCELLED')
 * makes the next created feed end CANCELLED.
 */
import type { DocumentStore } from './documents.js';
import { invalidInput, isRecord, jsonBody, notFound, type ApiReply, type ApiRequest } from './api-types.js';
import { formatIsoMs } from './iso-date.js';
import { listJobs } from './job-lists.js';
import { jobClock, jobId, jobPhase, type JobClock, type JobStatus, type JobTiming } from './jobs.js';
import { applyPatches, hasErrors, REQUIREMENTS, validateListing, type Attributes, type ListingIssue, type ListingsStore, type Requirements } from './listings.js';
import { KNOWN_MARKETPLACE_IDS } from './seed-data.js';

export const FEED_TYPES = ['JSON_LISTINGS_FEED'] as const;

interface FeedRecord {
  readonly feedId: string;
  readonly feedType: string;
  readonly marketplaceIds: string[];
  readonly createdMs: number;
  readonly inputFeedDocumentId: string;
  readonly clock: JobClock;
  readonly planned?: 'CANCELLED';
  /** Set once the feed has ended (DONE, CANCELLED or FATAL). */
  final?: JobStatus;
  endedMs?: number;
  resultFeedDocumentId?: string;
}

export interface FeedsContext {
  readonly sellerId: string;
  readonly listings: ListingsStore;
  readonly documents: DocumentStore;
  readonly baseUrl: () => string;
  readonly timing: JobTiming;
  readonly timeScale: number;
}

const RESULT_TYPE = 'application/json; charset=UTF-8';
/**
 * Issue codes of real processing reports: 4002006 for a header attribute that does not match
 * (selling-partner-api-docs#1133), 4002008 for a message that fails the feed schema (#1098).
 */
const HEADER_MISMATCH = '4002006';
const MESSAGE_SCHEMA = '4002008';

export class FeedsService {
  private feeds = new Map<string, FeedRecord>();
  private counter = 0;
  private planned: 'CANCELLED' | undefined;

  constructor(private readonly ctx: FeedsContext) {}

  reset(): void {
    this.feeds = new Map();
    this.counter = 0;
    this.planned = undefined;
  }

  /** The next created feed ends with this status instead of being processed. */
  plan(status: 'CANCELLED'): void {
    this.planned = status;
  }

  get size(): number {
    return this.feeds.size;
  }

  createFeedDocument(req: ApiRequest): ApiReply {
    const body = jsonBody(req.body);
    if (!body.ok) return body.reply;
    const { contentType } = body.value;
    if (typeof contentType !== 'string' || contentType.trim() === '') return invalidInput("Missing required field 'contentType'.");
    const doc = this.ctx.documents.create('feed', contentType);
    return { status: 201, body: { feedDocumentId: doc.id, url: this.ctx.documents.presignedUrl(this.ctx.baseUrl(), 'upload', doc, req.nowMs) } };
  }

  createFeed(req: ApiRequest): ApiReply {
    const body = jsonBody(req.body);
    if (!body.ok) return body.reply;
    const { feedType, marketplaceIds, inputFeedDocumentId } = body.value;
    if (typeof feedType !== 'string') return invalidInput("Missing required field 'feedType'.");
    if (!(FEED_TYPES as readonly string[]).includes(feedType)) return invalidInput(`Invalid feedType: ${feedType}.`, `The sandbox processes ${FEED_TYPES.join(', ')} only.`);
    if (!Array.isArray(marketplaceIds) || marketplaceIds.length === 0 || !marketplaceIds.every((m) => typeof m === 'string')) {
      return invalidInput("Missing required field 'marketplaceIds'.");
    }
    const badMp = (marketplaceIds as string[]).find((m) => !KNOWN_MARKETPLACE_IDS.has(m));
    if (badMp !== undefined) return invalidInput(`Invalid marketplaceIds value: ${badMp}.`);
    if (marketplaceIds.length > 1) return invalidInput('JSON_LISTINGS_FEED accepts exactly one marketplaceIds value.');
    if (typeof inputFeedDocumentId !== 'string') return invalidInput("Missing required field 'inputFeedDocumentId'.");
    const doc = this.ctx.documents.get(inputFeedDocumentId);
    if (!doc || doc.kind !== 'feed') return invalidInput(`Invalid inputFeedDocumentId: ${inputFeedDocumentId}.`);
    this.counter++;
    const feedId = jobId(50_001, this.counter);
    const record: FeedRecord = {
      feedId,
      feedType,
      marketplaceIds: marketplaceIds as string[],
      createdMs: req.nowMs,
      inputFeedDocumentId,
      clock: jobClock(req.nowMs, this.ctx.timing, this.ctx.timeScale),
      ...(this.planned ? { planned: this.planned } : {}),
    };
    this.planned = undefined;
    this.feeds.set(feedId, record);
    return { status: 202, body: { feedId } };
  }

  getFeed(req: ApiRequest): ApiReply {
    const feed = this.feeds.get(req.params[0] as string);
    if (!feed) return notFound(`Feed ${req.params[0] ?? ''} not found.`);
    return { status: 200, body: this.render(feed, req.nowMs) };
  }

  cancelFeed(req: ApiRequest): ApiReply {
    const feed = this.feeds.get(req.params[0] as string);
    if (!feed) return notFound(`Feed ${req.params[0] ?? ''} not found.`);
    const status = this.status(feed, req.nowMs);
    if (status !== 'IN_QUEUE') {
      return invalidInput(`The feed ${feed.feedId} cannot be cancelled: its processingStatus is ${status}.`, 'Only feeds IN_QUEUE can be cancelled.');
    }
    feed.final = 'CANCELLED';
    feed.endedMs = req.nowMs;
    return { status: 200 };
  }

  getFeeds(req: ApiRequest): ApiReply {
    return listJobs(req, 'feeds', [...this.feeds.values()], (f) => ({ id: f.feedId, type: f.feedType, createdMs: f.createdMs, marketplaceIds: f.marketplaceIds, status: this.status(f, req.nowMs) }), (f) => this.render(f, req.nowMs));
  }

  getFeedDocument(req: ApiRequest): ApiReply {
    const id = req.params[0] as string;
    const doc = this.ctx.documents.get(id);
    if (!doc || (doc.kind !== 'feed' && doc.kind !== 'feedResult')) return notFound(`Feed document ${id} not found.`);
    return {
      status: 200,
      body: { feedDocumentId: doc.id, url: this.ctx.documents.presignedUrl(this.ctx.baseUrl(), 'download', doc, req.nowMs), ...(doc.gzip ? { compressionAlgorithm: 'GZIP' } : {}) },
    };
  }

  private status(feed: FeedRecord, nowMs: number): JobStatus {
    if (feed.final) return feed.final;
    const phase = jobPhase(feed.clock, nowMs);
    if (phase !== 'DONE') return phase;
    // finish() sets final; a fresh reference drops the narrowing to undefined above.
    const ended: FeedRecord = feed;
    this.finish(ended);
    return ended.final ?? 'FATAL';
  }

  private render(feed: FeedRecord, nowMs: number): Record<string, unknown> {
    const status = this.status(feed, nowMs);
    const started = status !== 'IN_QUEUE' && !(status === 'CANCELLED' && (feed.endedMs ?? 0) < feed.clock.startMs);
    return {
      feedId: feed.feedId,
      feedType: feed.feedType,
      marketplaceIds: feed.marketplaceIds,
      createdTime: formatIsoMs(feed.createdMs),
      processingStatus: status,
      ...(started ? { processingStartTime: formatIsoMs(feed.clock.startMs) } : {}),
      ...(feed.final ? { processingEndTime: formatIsoMs(feed.endedMs ?? feed.clock.endMs) } : {}),
      ...(feed.resultFeedDocumentId ? { resultFeedDocumentId: feed.resultFeedDocumentId } : {}),
    };
  }

  /** Processes the feed at the end of IN_PROGRESS. */
  private finish(feed: FeedRecord): void {
    feed.endedMs = feed.clock.endMs;
    if (feed.planned === 'CANCELLED') {
      feed.final = 'CANCELLED';
      return;
    }
    const header = { sellerId: this.ctx.sellerId, version: '2.0', feedId: feed.feedId };
    const fatal = (message: string, code = '4000001'): void => {
      feed.final = 'FATAL';
      this.writeResult(feed, { header, issues: [{ code, severity: 'ERROR', message }], summary: summary(0, 0, 0, 1, 0) });
    };
    const raw = this.ctx.documents.get(feed.inputFeedDocumentId)?.body;
    if (!raw) return fatal('The feed document was never uploaded.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      return fatal(`The feed is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isRecord(parsed) || !isRecord(parsed.header) || !Array.isArray(parsed.messages)) {
      return fatal("The feed does not follow the JSON_LISTINGS_FEED schema: 'header' and 'messages' are required.");
    }
    if (parsed.header.sellerId !== this.ctx.sellerId) {
      return fatal(`The sellerId '${String(parsed.header.sellerId)}' in the feed header does not match the submitting selling partner.`, HEADER_MISMATCH);
    }
    if (parsed.header.version !== '2.0') return fatal("The 'version' attribute does not match the required value.", HEADER_MISMATCH);
    const marketplaceId = feed.marketplaceIds[0] as string;
    const issues: Record<string, unknown>[] = [];
    let accepted = 0;
    let invalid = 0;
    for (const message of parsed.messages as unknown[]) {
      const result = this.applyMessage(message, marketplaceId, feed.endedMs, typeof parsed.header.issueLocale === 'string' ? parsed.header.issueLocale : undefined);
      const m = isRecord(message) ? message : {};
      for (const issue of result) {
        issues.push({
          messageId: typeof m.messageId === 'number' ? m.messageId : 0,
          ...(typeof m.sku === 'string' ? { sku: m.sku } : {}),
          code: issue.code,
          severity: issue.severity,
          message: issue.message,
          ...(issue.attributeNames?.[0] !== undefined ? { attributeName: issue.attributeNames[0] } : {}),
        });
      }
      if (hasErrors(result)) invalid++;
      else accepted++;
    }
    const errors = issues.filter((i) => i.severity === 'ERROR').length;
    const warnings = issues.filter((i) => i.severity === 'WARNING').length;
    feed.final = 'DONE';
    this.writeResult(feed, { header, issues, summary: summary(accepted + invalid, accepted, invalid, errors, warnings) });
  }

  /** Applies one message to the listings store; its issues. */
  private applyMessage(message: unknown, marketplaceId: string, nowMs: number, locale: string | undefined): ListingIssue[] {
    const bad = (text: string): ListingIssue[] => [{ code: MESSAGE_SCHEMA, message: text, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }];
    if (!isRecord(message) || typeof message.messageId !== 'number' || typeof message.sku !== 'string') {
      return bad('The provided message did not meet the schema validation requirements for a feed message.');
    }
    const { sku, operationType, productType, requirements = 'LISTING', attributes, patches } = message;
    const seller = this.ctx.sellerId;
    const current = this.ctx.listings.get(seller, sku, marketplaceId);
    switch (operationType) {
      case 'DELETE':
        this.ctx.listings.delete(seller, sku, marketplaceId);
        return [];
      case 'UPDATE':
      case 'PARTIAL_UPDATE': {
        if (typeof productType !== 'string') return bad("'productType' is required for UPDATE and PARTIAL_UPDATE.");
        if (!isRecord(attributes)) return bad("'attributes' is required for UPDATE and PARTIAL_UPDATE.");
        if (!REQUIREMENTS.includes(requirements as Requirements)) return bad(`Invalid requirements value: ${String(requirements)}.`);
        const merged = (operationType === 'PARTIAL_UPDATE' && current ? { ...current.attributes, ...attributes } : attributes) as Attributes;
        const issues = validateListing(productType, requirements as Requirements, merged, marketplaceId, sku, locale);
        if (!hasErrors(issues)) this.ctx.listings.put(seller, sku, marketplaceId, productType, merged, issues, nowMs);
        return issues;
      }
      case 'PATCH': {
        if (!current) return bad(`The SKU '${sku}' has no listing in the Amazon store ${marketplaceId} to patch.`);
        const patched = applyPatches(current.attributes, patches);
        if (hasErrors(patched.issues)) return patched.issues;
        const issues = validateListing(current.productType, 'LISTING', patched.attributes, marketplaceId, sku, locale);
        if (!hasErrors(issues)) this.ctx.listings.put(seller, sku, marketplaceId, current.productType, patched.attributes, issues, nowMs);
        return issues;
      }
      default:
        return bad(`Invalid operationType: ${String(operationType)}.`);
    }
  }

  private writeResult(feed: FeedRecord, report: unknown): void {
    const doc = this.ctx.documents.create('feedResult', RESULT_TYPE, Buffer.from(JSON.stringify(report), 'utf8'), true);
    feed.resultFeedDocumentId = doc.id;
  }
}

function summary(processed: number, accepted: number, invalid: number, errors: number, warnings: number): Record<string, number> {
  return { errors, warnings, messagesProcessed: processed, messagesAccepted: accepted, messagesInvalid: invalid };
}
