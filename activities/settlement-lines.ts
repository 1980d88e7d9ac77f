/**
 * A downloaded Amazon settlement report → canonical SettlementLines, batch by batch at constant
 * memory: the rows come streamed (connectors/amazon/reports/settlement-stream.ts) and each batch
 * is mapped with the same mapping `caravan map amazon.settlement-report` uses, the settlement's
 * totals row given with every batch so each line carries its settlement id and currency.
 */
import type { ReportFile } from '../connectors/capabilities.js';
import { readSettlementReportBatches } from '../connectors/amazon/reports/settlement-stream.js';
import type { AmazonSettlementReport } from '../connectors/amazon/schemas/settlement-report.js';
import { amazonSettlementReportToRecords } from '../mappings/amazon/settlement.js';
import { reportFileRef } from './orders-backfill-file.js';
import { MappingError, type Settlement, type SettlementLine } from '../mappings/canonical/index.js';

export interface SettlementLineBatch {
  /** The settlement (totals row): in the first batch, when the file has one. */
  readonly settlement?: Settlement;
  readonly lines: readonly SettlementLine[];
  /** Rows that do not map, each naming its line and field. */
  readonly failures: readonly MappingError[];
  /** Data rows read so far. */
  readonly rowsRead: number;
}

type Row = AmazonSettlementReport['rows'][number];

export async function* settlementLineBatches(file: Pick<ReportFile, 'path' | 'charset'>, batchRows?: number): AsyncGenerator<SettlementLineBatch> {
  let totals: Row | undefined;
  let first = true;
  let rowsRead = 0;
  for await (const report of readSettlementReportBatches(reportFileRef(file), batchRows)) {
    let rows = report.rows;
    rowsRead += rows.length;
    let settlement: Settlement | undefined;
    if (first) {
      first = false;
      const head = amazonSettlementReportToRecords({ ...report, rows: rows.slice(0, 1) }).header;
      if (head !== undefined) {
        // A totals row that does not map leaves every line without its settlement: the file is refused.
        if (!head.ok) throw head.error;
        settlement = head.value;
        totals = rows[0];
        rows = rows.slice(1);
      }
    }
    const mapped = amazonSettlementReportToRecords({ ...report, rows: totals === undefined ? rows : [totals, ...rows] });
    const lines: SettlementLine[] = [];
    const failures: MappingError[] = [];
    for (const r of mapped.lines) {
      if (r.ok) lines.push(r.value);
      else failures.push(r.error);
    }
    yield { ...(settlement === undefined ? {} : { settlement }), lines, failures, rowsRead };
  }
}
