/**
 * The Amazon capabilities for reports, FBA inventory and shipment confirmation, kept apart from
 * descriptor.ts so each capability family stays in its own file.
 */
import type { InventorySource, ReportListing, ReportSource, ReportStatus, ShipmentConfirmer } from '../capabilities.js';
import type { AmazonClient } from './client.js';
import type { AmazonConfirmShipmentRequest } from './operations/confirm-shipment.js';
import { amazonReportOutcome, type AmazonReportOutcome } from './operations/get-report.js';
import type { AmazonReportInfo } from './schemas/reports.js';

function reportStatusOf(outcome: AmazonReportOutcome): ReportStatus {
  switch (outcome.status) {
    case 'pending':
    case 'cancelled':
      return { status: outcome.status };
    case 'done':
      return { status: 'done', documentId: outcome.reportDocumentId };
    case 'fatal':
      return outcome.reportDocumentId === undefined ? { status: 'fatal' } : { status: 'fatal', errorDocumentId: outcome.reportDocumentId };
  }
}

/** A listed report's status; a DONE one without a document is listed as fatal rather than failing the page. */
function listedStatusOf(report: AmazonReportInfo): ReportStatus {
  if (report.processingStatus === 'DONE' && report.reportDocumentId === undefined) return { status: 'fatal' };
  return reportStatusOf(amazonReportOutcome(report));
}

function listingOf(report: AmazonReportInfo): ReportListing {
  return {
    reportId: report.reportId,
    reportType: report.reportType,
    createdTime: report.createdTime,
    status: listedStatusOf(report),
    ...(report.dataStartTime === undefined ? {} : { dataStartTime: report.dataStartTime }),
    ...(report.dataEndTime === undefined ? {} : { dataEndTime: report.dataEndTime }),
  };
}

export function amazonReportSource(client: AmazonClient): ReportSource {
  return {
    async requestReport(request, options) {
      const { reportId } = await client.createReport(request, options);
      return { reportId };
    },
    async reportStatus(reportId, options) {
      return reportStatusOf((await client.getReport(reportId, options)).outcome);
    },
    async downloadReport(documentId, path, options) {
      const file = await client.downloadReport(documentId, path, options);
      return {
        path: file.path,
        bytes: file.bytes,
        sha256: file.sha256,
        ...(file.contentType === undefined ? {} : { contentType: file.contentType }),
        ...(file.charset === undefined ? {} : { charset: file.charset }),
      };
    },
    async listReports(query, options) {
      const page = await client.getReports(
        query.cursor !== undefined
          ? { nextToken: query.cursor }
          : { reportTypes: query.reportTypes, ...(query.createdSince === undefined ? {} : { createdSince: query.createdSince }), pageSize: 100 },
        options,
      );
      return { reports: page.reports.map(listingOf), ...(page.nextToken === undefined ? {} : { cursor: page.nextToken }) };
    },
  };
}

export function amazonInventorySource(client: AmazonClient): InventorySource {
  return {
    async listInventory(query, options) {
      const page = await client.getInventorySummaries(
        {
          marketplaceId: query.marketplaceId,
          ...(query.changedSince === undefined ? {} : { startDateTime: query.changedSince }),
          ...(query.skus === undefined ? {} : { sellerSkus: query.skus }),
          ...(query.cursor === undefined ? {} : { nextToken: query.cursor }),
        },
        options,
      );
      return { records: page.summaries, ...(page.nextToken === undefined ? {} : { cursor: page.nextToken }) };
    },
  };
}

export function amazonShipmentConfirmer(client: AmazonClient): ShipmentConfirmer {
  return {
    // The body is checked against AmazonConfirmShipmentRequestSchema before it is sent.
    confirmShipment: (orderId, confirmation, options) => client.confirmShipment(orderId, confirmation as AmazonConfirmShipmentRequest, options),
  };
}
