/**
 * Feed jobs (`aliexpress.solution.feed.submit` / `feed.query` / `feed.list.get`): a job of up
 * to 2,000 items of one operation type moves QUEUEING → PROCESSING → FINISH (the spelling of the
 * official SDKs' feed.list.get `status` documentation) on the sandbox
 * clock (the phase is computed from its submission time when looked at, so a test clock drives
 * it); its items are applied to the catalogue when it finishes, in submission order, each with
 * an execution result as JSON text (`{"productId":…,"success":true}` as in the samples).
 */
import { isRecord, jsonParam, pacificBound, pageOf, ParamError, positiveInt, requiredParam, type Handler } from './api-types.js';
import type { Outcome, ProductCatalogue } from './catalogue.js';
import { idText, parseJsonKeepingIds, writeJson, type JsonOut } from './json-text.js';
import { FEED_OPERATIONS, type FeedItem, type FeedJob, type FeedOperation } from './state.js';

export interface FeedTiming {
  /** Seconds a job waits QUEUEING, then PROCESSING. */
  readonly queueSeconds: number;
  readonly processSeconds: number;
}
export const DEFAULT_FEED_TIMING: FeedTiming = { queueSeconds: 1, processSeconds: 2 };
export const MAX_FEED_ITEMS = 2000;

export type FeedStatus = 'QUEUEING' | 'PROCESSING' | 'FINISH';

export class FeedJobs {
  readonly jobs: FeedJob[] = [];
  private counter = 0;

  constructor(
    private readonly catalogue: ProductCatalogue,
    private readonly timing: FeedTiming,
  ) {}

  statusOf(job: FeedJob, nowMs: number): FeedStatus {
    const waited = nowMs - job.createdMs;
    if (waited < this.timing.queueSeconds * 1000) return 'QUEUEING';
    return waited < (this.timing.queueSeconds + this.timing.processSeconds) * 1000 ? 'PROCESSING' : 'FINISH';
  }

  submit(operation: FeedOperation, items: FeedItem[], nowMs: number): FeedJob {
    this.counter += 1;
    // 18 digits, as the samples' job ids: above 2^53.
    const job: FeedJob = { id: `2000000000${String(this.counter).padStart(8, '0')}`, operation, items, createdMs: nowMs };
    this.jobs.push(job);
    return job;
  }

  /** Runs every job that has finished by `nowMs` and has not run yet, oldest first. */
  settle(nowMs: number): void {
    for (const job of this.jobs) {
      if (job.results !== undefined || this.statusOf(job, nowMs) !== 'FINISH') continue;
      const doneMs = job.createdMs + (this.timing.queueSeconds + this.timing.processSeconds) * 1000;
      job.results = job.items.map((item) => {
        const outcome = this.apply(job.operation, item.content, doneMs);
        const result: JsonOut = outcome.ok
          ? { productId: BigInt(outcome.productId), success: true }
          : { productId: outcome.productId === undefined ? undefined : BigInt(outcome.productId), success: false, errorCode: outcome.code, errorMessage: outcome.message };
        return { contentId: item.contentId, result: writeJson(result), success: outcome.ok };
      });
    }
  }

  private apply(operation: FeedOperation, content: string, nowMs: number): Outcome {
    if (operation === 'PRODUCT_CREATE') return this.catalogue.create(content, nowMs);
    if (operation === 'PRODUCT_FULL_UPDATE') return this.catalogue.fullUpdate(content, nowMs);
    let doc: unknown;
    try {
      doc = parseJsonKeepingIds(content);
    } catch {
      return { ok: false, code: 'PARAM_INVALID', message: 'item_content is not valid JSON' };
    }
    const productId = isRecord(doc) ? doc.aliexpress_product_id : undefined;
    const list = isRecord(doc) ? doc.multiple_sku_update_list : undefined;
    return this.catalogue.updateSkus(productId, list, operation === 'PRODUCT_STOCKS_UPDATE' ? 'inventory' : 'price', nowMs);
  }
}

export function feedHandlers(feeds: FeedJobs): Record<string, Handler> {
  return {
    'aliexpress.solution.feed.submit': (ctx) => {
      const operation = requiredParam(ctx, 'operation_type');
      if (!FEED_OPERATIONS.includes(operation as FeedOperation)) throw new ParamError('InvalidParameter', `operation_type must be one of ${FEED_OPERATIONS.join(', ')}`);
      const list = jsonParam(ctx, 'item_list');
      if (!Array.isArray(list) || list.length === 0) throw new ParamError('InvalidParameter', 'item_list must be a non-empty JSON array');
      if (list.length > MAX_FEED_ITEMS) throw new ParamError('InvalidParameter', `item_list takes at most ${MAX_FEED_ITEMS} items, got ${list.length}`);
      const items = list.map((entry, i): FeedItem => {
        if (!isRecord(entry) || typeof entry.item_content_id !== 'string' || entry.item_content_id === '') throw new ParamError('InvalidParameter', `item_list[${i}].item_content_id is required`);
        const content = entry.item_content;
        if (typeof content !== 'string' && !isRecord(content)) throw new ParamError('InvalidParameter', `item_list[${i}].item_content must be JSON text`);
        return { contentId: entry.item_content_id, content: typeof content === 'string' ? content : JSON.stringify(content) };
      });
      return { job_id: BigInt(feeds.submit(operation as FeedOperation, items, ctx.nowMs).id) };
    },
    'aliexpress.solution.feed.query': (ctx) => {
      const id = idText(requiredParam(ctx, 'job_id'));
      const job = feeds.jobs.find((j) => j.id === id);
      if (job === undefined) throw new ParamError('InvalidParameter', `job_id ${ctx.params.job_id ?? ''} is not a feed job of this seller`);
      const results = job.results ?? [];
      return {
        job_id: BigInt(job.id),
        total_item_count: job.items.length,
        success_item_count: results.filter((r) => r.success).length,
        result_list: ctx.list(
          results.map((r) => ({ item_content_id: r.contentId, item_execution_result: r.result })),
          'single_item_response_dto',
        ),
      };
    },
    'aliexpress.solution.feed.list.get': (ctx) => {
      const status = ctx.params.status;
      const type = ctx.params.feed_type;
      const pageSize = positiveInt(ctx.params.page_size, 'page_size', 20);
      const page = positiveInt(ctx.params.current_page, 'current_page', 1);
      const from = pacificBound(ctx.params, 'feed.list.get', 'submitted_time_start');
      const to = pacificBound(ctx.params, 'feed.list.get', 'submitted_time_end');
      const matching = feeds.jobs
        .filter(
          (j) =>
            (status === undefined || status === '' || feeds.statusOf(j, ctx.nowMs) === status) &&
            (type === undefined || type === '' || j.operation === type) &&
            (from === undefined || j.createdMs >= from) &&
            (to === undefined || j.createdMs <= to),
        )
        .slice()
        .reverse();
      const { items, totalPages } = pageOf(matching, page, pageSize);
      return {
        current_page: page,
        page_size: pageSize,
        total_count: matching.length,
        total_page: totalPages,
        job_list: ctx.list(
          items.map((j) => ({ job_id: BigInt(j.id), operation_type: j.operation, status: feeds.statusOf(j, ctx.nowMs) })),
          'batch_operation_job_dto',
        ),
      };
    },
  };
}
