/**
 * Amazon settlement reports into the ledger. Amazon generates a settlement report when a
 * settlement closes; it cannot be requested, only found with getReports (one report type — V2 by
 * default — and createdSince). Each is one activity: download the document to a file (the reportSource
 * capability: gzip, charset), stream its rows at constant memory (activities/settlement-lines.ts),
 * convert each batch to the tenant's currency at the stored rate of its posting date and upsert
 * it by the line's identity (`<settlement-id>:<line>`): reading a report again adds nothing.
 * The activity heartbeats its progress; a retry starts over and rewrites nothing unchanged.
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import type { FxRateTable } from '../engines/fx/index.js';
import { SettlementReportFormatError } from '../connectors/amazon/reports/settlement-stream.js';
import { MappingError } from '../mappings/canonical/index.js';
import { upsertSettlementLines, upsertSettlements } from '../store/index.js';
import { asActivity } from './failures.js';
import { createLedgerEntryConverter } from './ledger-entries.js';
import { reportFilePath, type ReportActivityContext } from './reports.js';
import { settlementLineBatches } from './settlement-lines.js';
import { DEFAULT_SETTLEMENT_REPORT_TYPE, SETTLEMENT_REPORT_TYPES, type ImportSettlementReportResult, type SettlementActivities, type SettlementReportRef } from './settlements-types.js';
import type { VendorClients } from './vendor-clients.js';

export interface SettlementActivitiesDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  /** The worker's data folder; documents go under `reports/`. */
  dataDir: string;
  /** Stored rates by posting date (activities/fx.ts createFxService). */
  fx: { rateTableFor(onDate: string, opts: { fetchIfMissing: false }): Promise<FxRateTable> };
  context?: () => ReportActivityContext;
  /** Rows per mapped and written batch. */
  batchRows?: number;
}

export function createSettlementActivities(deps: SettlementActivitiesDeps): SettlementActivities {
  const context = deps.context ?? (() => Context.current());
  const sourceOf = (tenant: string, connection: string) => deps.vendors.capability(tenant, connection, 'reportSource').capability;

  return {
    async listSettlementReports(input) {
      const ctx = context();
      return asActivity(async () => {
        const page = await sourceOf(input.tenant, input.connection).listReports(
          { reportTypes: [input.reportType ?? DEFAULT_SETTLEMENT_REPORT_TYPE], ...(input.createdSince === undefined ? {} : { createdSince: input.createdSince }), ...(input.cursor === undefined ? {} : { cursor: input.cursor }) },
          { signal: ctx.cancellationSignal },
        );
        const reports = page.reports
          .flatMap((r): SettlementReportRef[] =>
            r.status.status === 'done' && (SETTLEMENT_REPORT_TYPES as readonly string[]).includes(r.reportType)
              ? [{ reportId: r.reportId, reportType: r.reportType, documentId: r.status.documentId, createdTime: r.createdTime, ...(r.dataStartTime === undefined ? {} : { dataStartTime: r.dataStartTime }), ...(r.dataEndTime === undefined ? {} : { dataEndTime: r.dataEndTime }) }]
              : [],
          )
          .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.reportId.localeCompare(b.reportId));
        return { reports, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
      });
    },

    async importSettlementReport(input) {
      const ctx = context();
      return asActivity(async () => {
        const { tenant, connection, reportId } = input;
        const path = reportFilePath(deps.dataDir, { tenant, connection, reportId, purpose: 'report' });
        ctx.heartbeat({ reportId, phase: 'download' });
        const file = await sourceOf(tenant, connection).downloadReport(input.documentId, path, { signal: ctx.cancellationSignal });
        const converter = createLedgerEntryConverter(deps.fx, findTenant(deps.config, tenant).currency ?? 'EUR');
        const result: ImportSettlementReportResult = { reportId, rows: 0, lines: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, unconverted: 0 };
        for await (const batch of settlementLineBatches(file, deps.batchRows)) {
          ctx.cancellationSignal.throwIfAborted();
          if (batch.settlement !== undefined && result.settlementId === undefined) {
            // The header is the payout reconciliation expects the bank to credit.
            result.settlementId = batch.settlement.settlementId;
            await upsertSettlements(deps.db, tenant, [batch.settlement]);
          }
          const { entries, unconverted, firstFxProblem } = await converter.entriesFor(batch.lines);
          const counts = await upsertSettlementLines(deps.db, tenant, entries);
          result.rows = batch.rowsRead;
          result.lines += batch.lines.length;
          result.inserted += counts.inserted;
          result.updated += counts.updated;
          result.unchanged += counts.unchanged;
          result.failed += batch.failures.length;
          result.unconverted += unconverted;
          if (result.firstFailure === undefined && batch.failures[0] !== undefined) result.firstFailure = batch.failures[0].message;
          if (result.firstFxProblem === undefined && firstFxProblem !== undefined) result.firstFxProblem = firstFxProblem;
          ctx.heartbeat({ reportId, phase: 'import', rows: result.rows });
        }
        deps.logger.info({ tenant, connection, reportId, settlementId: result.settlementId, lines: result.lines, inserted: result.inserted, failed: result.failed }, 'settlement report imported');
        return result;
      }, [MappingError, SettlementReportFormatError]);
    },
  };
}
