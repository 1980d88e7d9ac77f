/**
 * reportDownload against the run's Temporal dev server and the real workflow bundle, with
 * scripted report activities (the activities themselves are unit-tested with nock in
 * test/activities/reports.test.ts): getReport polled on durable timers with a growing wait,
 * the typed outcomes downloaded / cancelled / fatal (with its error document) / timed_out,
 * and the report id carried across continue-as-new instead of a second createReport.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { CreateReportInput, DownloadReportDocumentInput, GetReportStatusInput, ReportActivities, ReportFile, ReportStatus } from '../../activities/reports-types.js';
import { reportDownloadWorkflowId } from '../../temporal.config.js';
import type { ReportDownloadResult } from '../../workflows/report-download.js';
import { quietTemporalRuntime } from './harness.js';

/** Polls answer from a script per report id; every call is recorded. */
function scriptedActivities(statuses: Record<string, ReportStatus[]>) {
  const calls: string[] = [];
  let created = 0;
  const activities: ReportActivities = {
    async createReport(input: CreateReportInput) {
      created += 1;
      calls.push(`createReport ${input.reportType}`);
      return { reportId: input.reportType };
    },
    async getReportStatus(input: GetReportStatusInput) {
      calls.push(`getReportStatus ${input.reportId}`);
      const script = statuses[input.reportId]!;
      return script.length > 1 ? script.shift()! : script[0]!;
    },
    async downloadReportDocument(input: DownloadReportDocumentInput): Promise<ReportFile> {
      calls.push(`download ${input.documentId} ${input.purpose}`);
      return { path: `/data/reports/${input.tenant}/${input.connection}/${input.reportId}.txt`, bytes: 10, sha256: 'ab', charset: 'utf-8' };
    },
  };
  return { activities, calls, created: () => created };
}

const FAST = { firstPollMs: 100, factor: 2, maxPollMs: 400, giveUpAfterMs: 2_000 };
const pending: ReportStatus = { status: 'pending' };

let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `it-reports-${Math.random().toString(36).slice(2, 10)}`;
const script = scriptedActivities({
  DONE_AFTER_TWO: [pending, pending, { status: 'done', documentId: 'doc-1' }],
  NO_DATA: [pending, { status: 'cancelled' }],
  FAILED: [{ status: 'fatal', errorDocumentId: 'err-1' }],
  NEVER: [pending],
});

beforeAll(async () => {
  quietTemporalRuntime();
  const address = inject('temporalAddress');
  connection = await Connection.connect({ address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address });
  worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') }, activities: script.activities });
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
});

async function run(reportType: string, extra: Record<string, unknown> = {}): Promise<{ result: ReportDownloadResult; historyEvents: number }> {
  const handle = await client.workflow.start('reportDownload', {
    taskQueue,
    workflowId: reportDownloadWorkflowId('acme', 'amazon-eu', `${reportType}/${Math.random().toString(36).slice(2, 8)}`),
    args: [{ tenant: 'acme', connection: 'amazon-eu', reportType, schedule: FAST, ...extra }],
  });
  const result = (await handle.result()) as ReportDownloadResult;
  const history = await handle.fetchHistory();
  return { result, historyEvents: history.events?.length ?? 0 };
}

describe('reportDownload', () => {
  it('polls on timers until DONE, then downloads the document and returns its reference', async () => {
    const { result, historyEvents } = await run('DONE_AFTER_TWO');
    expect(result).toEqual({ outcome: 'downloaded', reportId: 'DONE_AFTER_TWO', file: { path: '/data/reports/acme/amazon-eu/DONE_AFTER_TWO.txt', bytes: 10, sha256: 'ab', charset: 'utf-8' } });
    expect(script.calls.filter((c) => c.includes('DONE_AFTER_TWO') || c.includes('doc-1'))).toEqual([
      'createReport DONE_AFTER_TWO',
      'getReportStatus DONE_AFTER_TWO',
      'getReportStatus DONE_AFTER_TWO',
      'getReportStatus DONE_AFTER_TWO',
      'download doc-1 report',
    ]);
    expect(historyEvents).toBeGreaterThan(0);
  });

  it('ends CANCELLED (no data for the period) and FATAL (its error document downloaded) as typed outcomes', async () => {
    expect((await run('NO_DATA')).result).toEqual({ outcome: 'cancelled', reportId: 'NO_DATA' });
    expect((await run('FAILED')).result).toEqual({ outcome: 'fatal', reportId: 'FAILED', errorFile: expect.objectContaining({ path: '/data/reports/acme/amazon-eu/FAILED.txt' }) });
    expect(script.calls).toContain('download err-1 error');
  });

  it('gives up as timed_out once the schedule is spent', async () => {
    const { result } = await run('NEVER');
    expect(result).toMatchObject({ outcome: 'timed_out', reportId: 'NEVER' });
    // Waits of 100, 200, 400, 400, 400, 400, 400 ms: after 7 polls 2.3 s have passed, the 8th ends it.
    expect((result as { polls: number }).polls).toBe(8);
  });

  it('a report already requested (carried across continue-as-new) is not requested again', async () => {
    const before = script.created();
    const { result } = await run('DONE_AFTER_TWO', { reportId: 'NO_DATA', polls: 3, waitedMs: 500 });
    expect(result).toEqual({ outcome: 'cancelled', reportId: 'NO_DATA' });
    expect(script.created()).toBe(before);
  });
});
