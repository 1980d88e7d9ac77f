/**
 * settlementsImport against the run's Temporal dev server and the real workflow bundle, with
 * scripted settlement activities (the activities are unit-tested on SQLite in
 * test/activities/settlements.test.ts): every listed page read, new reports imported oldest
 * first, a report already imported at the boundary time not imported again, an unreadable report
 * named while the others go on, and the position carried across polls.
 */
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportSettlementReportInput, ListSettlementReportsInput, SettlementActivities, SettlementReportRef } from '../../activities/settlements-types.js';
import { settlementsImportWorkflowId } from '../../temporal.config.js';
import type { SettlementsImportResult } from '../../workflows/settlements-import.js';
import { quietTemporalRuntime } from './harness.js';

const report = (reportId: string, createdTime: string): SettlementReportRef => ({ reportId, reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', documentId: `doc-${reportId}`, createdTime });

/** Reports "published" so far; listing honours createdSince (inclusive) and pages by two. */
const published: SettlementReportRef[] = [report('S2', '2026-02-17T08:00:00Z'), report('S1', '2026-02-03T08:00:00Z'), report('BAD', '2026-02-10T08:00:00Z')];
const imports: string[] = [];
const listQueries: ListSettlementReportsInput[] = [];
const activities: SettlementActivities = {
  async listSettlementReports(input) {
    listQueries.push(input);
    const matching = published.filter((r) => input.createdSince === undefined || r.createdTime >= input.createdSince);
    const start = input.cursor === undefined ? 0 : Number(input.cursor);
    const page = matching.slice(start, start + 2);
    return { reports: page, ...(start + 2 < matching.length ? { cursor: String(start + 2) } : {}) };
  },
  async importSettlementReport(input: ImportSettlementReportInput) {
    imports.push(input.reportId);
    if (input.reportId === 'BAD') throw ApplicationFailure.nonRetryable('not a settlement report: the header line lacks settlement-id', 'SettlementReportFormatError');
    return { reportId: input.reportId, settlementId: `sid-${input.reportId}`, rows: 11, lines: 10, inserted: 10, updated: 0, unchanged: 0, failed: 0, unconverted: 0 };
  },
};

let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `it-settlements-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  quietTemporalRuntime();
  const address = inject('temporalAddress');
  connection = await Connection.connect({ address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address });
  worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') }, activities });
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
});

describe('settlementsImport', () => {
  it('imports every new settlement report once, oldest first, names an unreadable one, and keeps its position between polls', async () => {
    const handle = await client.workflow.start('settlementsImport', {
      taskQueue,
      workflowId: `${settlementsImportWorkflowId('acme', 'amazon-eu')}/${Math.random().toString(36).slice(2, 8)}`,
      args: [{ tenant: 'acme', connection: 'amazon-eu', createdSince: '2026-01-01T00:00:00Z', pollEveryMs: 1500 }],
    });
    // A report published while the workflow sleeps, and one at the boundary time already imported.
    await new Promise((r) => setTimeout(r, 700));
    published.push(report('S3', '2026-03-03T08:00:00Z'));
    await new Promise((r) => setTimeout(r, 2500));
    await handle.terminate('test done');
    expect(imports).toEqual(['S1', 'BAD', 'S2', 'S3']);
    // The second pass lists from the newest report imported, not from the start.
    expect(listQueries.some((q) => q.createdSince === '2026-02-17T08:00:00Z')).toBe(true);
  });

  it('one pass without pollEveryMs: totals and the unreadable report in the result', async () => {
    imports.length = 0;
    const result = (await client.workflow.execute('settlementsImport', {
      taskQueue,
      workflowId: `${settlementsImportWorkflowId('acme', 'amazon-eu')}/${Math.random().toString(36).slice(2, 8)}`,
      args: [{ tenant: 'acme', connection: 'amazon-eu', createdSince: '2026-02-17T08:00:00Z', seen: ['S2'] }],
    })) as SettlementsImportResult;
    expect(imports).toEqual(['S3']);
    expect(result).toMatchObject({ reports: 1, lines: 10, inserted: 10, passes: 1, createdSince: '2026-03-03T08:00:00Z', failedReports: [] });
  });
});
