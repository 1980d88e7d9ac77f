/**
 * Reports 2021-06-30: createReport / getReport / getReports / cancelReport /
 * getReportDocument, reports processed on the sandbox clock (jobs.ts) and their documents
 * generated from the sandbox's orders, listings and FBA stock (report-builders.ts), served
 * gzipped with the charset of the marketplace (report-charset.ts).
 * Planted behaviour: an orders report for a period without orders ends CANCELLED (no
 * document), as Amazon's do; one for more than 30 days, or an FBA inventory report for a
 * marketplace without FBA stock, ends FATAL with an error document; V2 settlement reports exist from the start, DONE,
 * and cannot be requested (Amazon schedules them itself).
 * With `plantDiscrepancies` (the demo's seeding), the newest settlement of the first EUR
 * marketplace with orders carries three anomalies (plantedSettlement() names them) and the
 * settlements leave out the curated malformed orders, which a hub refuses (dead letters) and
 * would otherwise report as settled orders it does not hold.
 */
import type { FbaStock } from './catalogue-seed.js';
import { invalidInput, isRecord, jsonBody, notFound, type ApiReply, type ApiRequest } from './api-types.js';
import type { DocumentStore } from './documents.js';
import { formatIsoMs, parseIsoDate } from './iso-date.js';
import { listJobs } from './job-lists.js';
import { jobClock, jobId, jobPhase, type JobClock, type JobStatus, type JobTiming } from './jobs.js';
import type { ListingsStore } from './listings.js';
import type { OrderStore } from './order-store.js';
import { reportEncoding } from './report-charset.js';
import { KNOWN_MALFORMED_ORDERS } from './curated-orders.js';
import { fromMinor } from './decimal-text.js';
import type { SandboxOrder } from './order-builder.js';
import { fbaInventoryReport, listingsReport, ordersReport, fullRefundMinor, settledOrders, settlementReport, settlementReportV2, type SettlementPeriod, type SettlementPlan } from './report-builders.js';
import { KNOWN_MARKETPLACE_IDS, MARKETPLACE_BY_ID, MARKETPLACES } from './seed-data.js';

export const ORDERS_REPORT = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
export const LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';
export const FBA_INVENTORY_REPORT = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';
export const SETTLEMENT_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE';
export const SETTLEMENT_REPORT_V2 = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/** Settlement report types, which only Amazon schedules, by the type number its refusal names. */
const SETTLEMENT_TYPE_NUMBERS: Readonly<Record<string, number>> = { [SETTLEMENT_REPORT]: 1117, [SETTLEMENT_REPORT_V2]: 1118 };
export const REQUESTABLE_REPORT_TYPES = [ORDERS_REPORT, LISTINGS_REPORT, FBA_INVENTORY_REPORT] as const;

interface ReportRecord {
  readonly reportId: string;
  readonly reportType: string;
  readonly marketplaceIds: string[];
  readonly createdMs: number;
  readonly dataStartMs?: number;
  readonly dataEndMs?: number;
  readonly clock: JobClock;
  final?: JobStatus;
  endedMs?: number;
  reportDocumentId?: string;
}

export interface ReportsContext {
  readonly sellerId: string;
  readonly orders: OrderStore;
  readonly listings: ListingsStore;
  readonly fbaStock: () => readonly FbaStock[];
  readonly documents: DocumentStore;
  readonly baseUrl: () => string;
  readonly timing: JobTiming;
  readonly timeScale: number;
  /** Plant the demo's anomalies in one settlement (see the top of this file). Default false. */
  readonly plantDiscrepancies?: boolean;
}

/** The settlement with planted anomalies and what was planted (for tests and the demo's expectations); amounts are decimal text. */
export interface PlantedSettlement {
  readonly settlementId: string;
  /** The V2 flat file's report id. */
  readonly reportId: string;
  readonly reportCreatedTime: string;
  readonly marketplaceId: string;
  readonly currency: string;
  /** ISO 8601 instants: the settlement covers [start, end). */
  readonly startTime: string;
  readonly endTime: string;
  readonly depositTime: string;
  /** Paid `amount` over its total. */
  readonly overpaid: { readonly orderId: string; readonly amount: string };
  /** Charged `amount` of commission over the rate (15 % of the sale). */
  readonly overcharged: { readonly orderId: string; readonly amount: string };
  /** Refunded in full twice: each refund row's amount (negative) and adjustment ids. */
  readonly refundedTwice: { readonly orderId: string; readonly amount: string; readonly adjustmentIds: readonly [string, string] };
}

const DAY = 86_400_000;
/** The longest period an orders report may cover; a longer one ends FATAL. */
const MAX_ORDERS_REPORT_DAYS = 30;

export class ReportsService {
  private reports = new Map<string, ReportRecord>();
  private counter = 0;
  private planted: PlantedSettlement | undefined;

  constructor(
    private readonly ctx: ReportsContext,
    private readonly startMs: number,
  ) {
    this.reset();
  }

  /** Back to the pre-seeded settlement reports only. */
  reset(): void {
    this.reports = new Map();
    this.counter = 0;
    this.seedSettlements();
  }

  /** The settlement with the planted anomalies; undefined without plantDiscrepancies (or without three orders to plant them on). */
  plantedSettlement(): PlantedSettlement | undefined {
    return this.planted;
  }

  get size(): number {
    return this.reports.size;
  }

  /** Two closed fortnightly settlement periods per marketplace that has orders, the later ending three days before start. */
  private seedSettlements(): void {
    const lastEnd = Math.floor((this.startMs - 3 * DAY) / DAY) * DAY;
    const all = this.ctx.orders.ordered('created').map((o) => o.record);
    const withOrders = new Set(all.map((o) => o.order.MarketplaceId));
    const leftOut = new Set(this.ctx.plantDiscrepancies === true ? KNOWN_MALFORMED_ORDERS.map((o) => o.amazonOrderId) : []);
    const plantIn = this.ctx.plantDiscrepancies === true ? MARKETPLACES.find((mp) => mp.currency === 'EUR' && withOrders.has(mp.marketplaceId)) : undefined;
    const plans = new Map<string, SettlementPlan>();
    this.planted = undefined;
    for (const mp of MARKETPLACES) {
      if (!withOrders.has(mp.marketplaceId)) continue;
      for (const back of [1, 0]) {
        const endMs = lastEnd - back * 14 * DAY;
        this.counter++;
        const period: SettlementPeriod = {
          settlementId: String(11_000_000_000 + this.counter),
          marketplace: mp,
          startMs: endMs - 14 * DAY,
          endMs,
          depositMs: endMs + 2 * DAY,
        };
        const plan = back === 0 && mp === plantIn ? this.plan(period, all, leftOut) : undefined;
        if (plan !== undefined) plans.set(period.settlementId, plan);
        const encoding = reportEncoding(mp);
        const doc = this.ctx.documents.create('report', `text/plain; charset=${encoding.label}`, encoding.encode(settlementReport(period, all, plan, leftOut)), true);
        const createdMs = endMs + DAY;
        this.reports.set(period.settlementId, {
          reportId: jobId(40_000, this.counter),
          reportType: SETTLEMENT_REPORT,
          marketplaceIds: [mp.marketplaceId],
          createdMs,
          dataStartMs: period.startMs,
          dataEndMs: period.endMs,
          clock: { startMs: createdMs, endMs: createdMs },
          final: 'DONE',
          endedMs: createdMs,
          reportDocumentId: doc.id,
        });
      }
    }
    // Amazon publishes each settlement in both layouts: the V2 reports come after, so the ids above stay as they were.
    for (const [settlementId, older] of [...this.reports]) {
      const mp = MARKETPLACE_BY_ID.get(older.marketplaceIds[0]!)!;
      const period: SettlementPeriod = { settlementId, marketplace: mp, startMs: older.dataStartMs!, endMs: older.dataEndMs!, depositMs: older.dataEndMs! + 2 * DAY };
      const encoding = reportEncoding(mp);
      const plan = plans.get(settlementId);
      const doc = this.ctx.documents.create('report', `text/plain; charset=${encoding.label}`, encoding.encode(settlementReportV2(period, all, plan, leftOut)), true);
      this.counter++;
      const reportId = jobId(40_000, this.counter);
      this.reports.set(`${settlementId}/v2`, { ...older, reportId, reportType: SETTLEMENT_REPORT_V2, reportDocumentId: doc.id });
      if (plan?.overpaid !== undefined && plan.overcharged !== undefined && plan.refundedTwice !== undefined) {
        const e = mp.exponent;
        this.planted = {
          settlementId,
          reportId,
          reportCreatedTime: formatIsoMs(older.createdMs),
          marketplaceId: mp.marketplaceId,
          currency: mp.currency,
          startTime: formatIsoMs(period.startMs),
          endTime: formatIsoMs(period.endMs),
          depositTime: formatIsoMs(period.depositMs),
          overpaid: { orderId: plan.overpaid.orderId, amount: fromMinor(plan.overpaid.minor, e) },
          overcharged: { orderId: plan.overcharged.orderId, amount: fromMinor(plan.overcharged.minor, e) },
          refundedTwice: { orderId: plan.refundedTwice.orderId, amount: fromMinor(-fullRefundMinor(all.find((o) => o.order.AmazonOrderId === plan.refundedTwice!.orderId)?.items ?? [], mp), e), adjustmentIds: plan.refundedTwice.adjustmentIds },
        };
      }
    }
    // Keyed by reportId from here on.
    this.reports = new Map([...this.reports.values()].map((r) => [r.reportId, r]));
  }

  /**
   * The anomalies of the planted settlement, on three of its merchant-fulfilled orders (by order
   * id, so the same seed plants on the same orders): 5.00 paid over the first's total, 3.00 of
   * commission over the rate on the second, the third refunded in full twice on the
   * settlement's last day, after its sale was posted. Undefined when it has fewer than three.
   */
  private plan(period: SettlementPeriod, orders: readonly SandboxOrder[], leftOut: ReadonlySet<string>): SettlementPlan | undefined {
    const refundsFrom = period.endMs - 3 * 3_600_000;
    const candidates = settledOrders(period, orders, leftOut)
      .filter(({ order, items }) => order.FulfillmentChannel !== 'AFN' && items.every((i) => /^\d+(\.\d+)?$/.test(i.ItemPrice?.Amount ?? '')))
      .sort((a, b) => (a.order.AmazonOrderId < b.order.AmazonOrderId ? -1 : 1));
    const refunded = candidates.find(({ order }) => Date.parse(order.LastUpdateDate) < refundsFrom);
    const [first, second] = candidates.filter((o) => o !== refunded);
    if (refunded === undefined || first === undefined || second === undefined) return undefined;
    const scale = 10n ** BigInt(period.marketplace.exponent);
    const id = refunded.order.AmazonOrderId;
    return {
      overpaid: { orderId: first.order.AmazonOrderId, minor: 5n * scale },
      overcharged: { orderId: second.order.AmazonOrderId, minor: 3n * scale },
      refundedTwice: { orderId: id, adjustmentIds: [`${period.settlementId}-R1`, `${period.settlementId}-R2`], postedMs: [refundsFrom + 3_600_000, refundsFrom + 2 * 3_600_000] },
    };
  }

  createReport(req: ApiRequest): ApiReply {
    const body = jsonBody(req.body);
    if (!body.ok) return body.reply;
    const { reportType, marketplaceIds, dataStartTime, dataEndTime, reportOptions } = body.value;
    if (typeof reportType !== 'string') return invalidInput("Missing required field 'reportType'.");
    const settlementTypeNumber = SETTLEMENT_TYPE_NUMBERS[reportType];
    if (settlementTypeNumber !== undefined) {
      // Amazon's answer names its internal report type number (selling-partner-api-models#1265, #2010).
      return invalidInput(`Request for report type ${settlementTypeNumber} is not allowed at this time`);
    }
    if (!(REQUESTABLE_REPORT_TYPES as readonly string[]).includes(reportType)) return invalidInput(`Invalid reportType: ${reportType}.`);
    if (!Array.isArray(marketplaceIds) || marketplaceIds.length === 0 || !marketplaceIds.every((m) => typeof m === 'string')) {
      return invalidInput("Missing required field 'marketplaceIds'.");
    }
    const badMp = (marketplaceIds as string[]).find((m) => !KNOWN_MARKETPLACE_IDS.has(m));
    if (badMp !== undefined) return invalidInput(`Invalid marketplaceIds value: ${badMp}.`);
    if (reportOptions !== undefined && !isRecord(reportOptions)) return invalidInput("'reportOptions' must be an object of strings.");
    const start = typeof dataStartTime === 'string' ? parseIsoDate(dataStartTime) : undefined;
    const end = typeof dataEndTime === 'string' ? parseIsoDate(dataEndTime) : undefined;
    if (dataStartTime !== undefined && start === undefined) return invalidInput(`dataStartTime is not a valid ISO 8601 date: ${String(dataStartTime)}.`);
    if (dataEndTime !== undefined && end === undefined) return invalidInput(`dataEndTime is not a valid ISO 8601 date: ${String(dataEndTime)}.`);
    if (start !== undefined && end !== undefined && end < start) return invalidInput('dataEndTime must be after dataStartTime.');
    this.counter++;
    const reportId = jobId(50_000, this.counter);
    this.reports.set(reportId, {
      reportId,
      reportType,
      marketplaceIds: marketplaceIds as string[],
      createdMs: req.nowMs,
      // Amazon defaults an orders report's period to the 30 days before the request.
      ...(reportType === ORDERS_REPORT ? { dataStartMs: start ?? req.nowMs - 30 * DAY, dataEndMs: end ?? req.nowMs } : {}),
      ...(reportType !== ORDERS_REPORT && start !== undefined ? { dataStartMs: start } : {}),
      ...(reportType !== ORDERS_REPORT && end !== undefined ? { dataEndMs: end } : {}),
      clock: jobClock(req.nowMs, this.ctx.timing, this.ctx.timeScale),
    });
    return { status: 202, body: { reportId } };
  }

  getReport(req: ApiRequest): ApiReply {
    const report = this.reports.get(req.params[0] as string);
    if (!report) return notFound(`Report ${req.params[0] ?? ''} not found.`);
    return { status: 200, body: this.render(report, req.nowMs) };
  }

  cancelReport(req: ApiRequest): ApiReply {
    const report = this.reports.get(req.params[0] as string);
    if (!report) return notFound(`Report ${req.params[0] ?? ''} not found.`);
    const status = this.status(report, req.nowMs);
    if (status !== 'IN_QUEUE') return invalidInput(`The report ${report.reportId} cannot be cancelled: its processingStatus is ${status}.`, 'Only reports IN_QUEUE can be cancelled.');
    report.final = 'CANCELLED';
    report.endedMs = req.nowMs;
    return { status: 200 };
  }

  getReports(req: ApiRequest): ApiReply {
    return listJobs(req, 'reports', [...this.reports.values()], (r) => ({ id: r.reportId, type: r.reportType, createdMs: r.createdMs, marketplaceIds: r.marketplaceIds, status: this.status(r, req.nowMs) }), (r) => this.render(r, req.nowMs));
  }

  getReportDocument(req: ApiRequest): ApiReply {
    const id = req.params[0] as string;
    const doc = this.ctx.documents.get(id);
    if (!doc || doc.kind !== 'report') return notFound(`Report document ${id} not found.`);
    return {
      status: 200,
      body: { reportDocumentId: doc.id, url: this.ctx.documents.presignedUrl(this.ctx.baseUrl(), 'download', doc, req.nowMs), ...(doc.gzip ? { compressionAlgorithm: 'GZIP' } : {}) },
    };
  }

  private status(report: ReportRecord, nowMs: number): JobStatus {
    if (report.final) return report.final;
    const phase = jobPhase(report.clock, nowMs);
    if (phase !== 'DONE') return phase;
    // finish() sets final; a fresh reference drops the narrowing to undefined above.
    const ended: ReportRecord = report;
    this.finish(ended);
    return ended.final ?? 'FATAL';
  }

  private render(r: ReportRecord, nowMs: number): Record<string, unknown> {
    const status = this.status(r, nowMs);
    const started = status !== 'IN_QUEUE' && !(status === 'CANCELLED' && (r.endedMs ?? 0) < r.clock.startMs);
    return {
      reportId: r.reportId,
      reportType: r.reportType,
      marketplaceIds: r.marketplaceIds,
      ...(r.dataStartMs !== undefined ? { dataStartTime: formatIsoMs(r.dataStartMs) } : {}),
      ...(r.dataEndMs !== undefined ? { dataEndTime: formatIsoMs(r.dataEndMs) } : {}),
      createdTime: formatIsoMs(r.createdMs),
      processingStatus: status,
      ...(started ? { processingStartTime: formatIsoMs(r.clock.startMs) } : {}),
      ...(r.final ? { processingEndTime: formatIsoMs(r.endedMs ?? r.clock.endMs) } : {}),
      ...(r.reportDocumentId ? { reportDocumentId: r.reportDocumentId } : {}),
    };
  }

  /** FATAL, with the {"errorDetails": …} document Amazon points a failed report to. */
  private fail(r: ReportRecord, errorDetails: string): void {
    r.final = 'FATAL';
    r.reportDocumentId = this.ctx.documents.create('report', 'application/json; charset=UTF-8', Buffer.from(JSON.stringify({ errorDetails }), 'utf8'), true).id;
  }

  /** Generates the document at the end of IN_PROGRESS from the data as it is then. */
  private finish(r: ReportRecord): void {
    r.endedMs = r.clock.endMs;
    const mpId = r.marketplaceIds[0] as string;
    const encoding = reportEncoding(MARKETPLACE_BY_ID.get(mpId));
    const mps = new Set(r.marketplaceIds);
    let text: string;
    if (r.reportType === ORDERS_REPORT) {
      if ((r.dataEndMs ?? r.createdMs) - (r.dataStartMs ?? 0) > MAX_ORDERS_REPORT_DAYS * DAY) {
        return this.fail(r, `Report request is not allowed: the date range exceeds ${MAX_ORDERS_REPORT_DAYS} days.`);
      }
      const orders = this.ctx.orders
        .ordered('updated')
        .filter((o) => o.updatedMs >= (r.dataStartMs ?? 0) && o.updatedMs <= (r.dataEndMs ?? r.createdMs) && mps.has(o.record.order.MarketplaceId ?? ''))
        .map((o) => o.record);
      if (orders.length === 0) {
        r.final = 'CANCELLED';
        return;
      }
      text = ordersReport(orders);
    } else if (r.reportType === LISTINGS_REPORT) {
      text = listingsReport(r.marketplaceIds.flatMap((m) => this.ctx.listings.list(this.ctx.sellerId, m)), MARKETPLACE_BY_ID.get(mpId)?.code === 'JP');
    } else {
      const stock = this.ctx.fbaStock().filter((s) => mps.has(s.marketplaceId));
      if (stock.length === 0) {
        return this.fail(r, `No FBA inventory in marketplace ${[...mps].join(', ')}: the selling partner is not registered for Fulfillment by Amazon there.`);
      }
      text = fbaInventoryReport(stock, (sku, m) => this.ctx.listings.get(this.ctx.sellerId, sku, m));
    }
    r.final = 'DONE';
    r.reportDocumentId = this.ctx.documents.create('report', `text/plain; charset=${encoding.label}`, encoding.encode(text), true).id;
  }
}

