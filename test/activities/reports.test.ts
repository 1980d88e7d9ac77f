/**
 * Report activities against nock'd SP-API and S3: createReport, getReportStatus (typed
 * statuses), downloadReportDocument to a file under the data folder with heartbeats, and
 * failures as Temporal failures typed by the ConnectorError kind. The Temporal context is
 * injected (heartbeat spy, cancellation signal); the polling workflow is tested against a
 * real dev server (test/integration/report-download.test.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createReportActivities, reportFilePath, type ReportActivityContext } from '../../activities/reports.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { reportPollDelayMs, REPORT_DOWNLOAD } from '../../temporal.config.js';
import { createLogger } from '../../worker/logger.js';
import { CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, mockLwa } from '../connectors/amazon/amazon-test-kit.js';

const REPORTS = '/reports/2021-06-30/reports';
const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const logger = createLogger({ level: 'silent' });
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          'amazon-eu': {
            vendor: 'amazon',
            settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
            secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
          },
          vies: { vendor: 'vies' },
        },
      },
    },
  },
  {},
);
const env = { A: CREDENTIALS.clientId, B: CREDENTIALS.clientSecret, C: CREDENTIALS.refreshToken };
const ref = { tenant: 'acme', connection: 'amazon-eu' };

isolateNetworkPerTest();

function kit() {
  const heartbeats: unknown[] = [];
  const controller = new AbortController();
  const context: ReportActivityContext = { heartbeat: (d) => void heartbeats.push(d), cancellationSignal: controller.signal };
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-reports-'));
  const activities = createReportActivities({ vendors: createVendorClients({ config, logger, env }), logger, dataDir, context: () => context });
  return { activities, heartbeats, dataDir, controller };
}

describe('report activities', () => {
  it('createReport asks the connection for the report and returns its id only', async () => {
    mockLwa();
    let body: unknown;
    nock(EU_ENDPOINT).post(REPORTS, (b: unknown) => ((body = b), true)).reply(202, { reportId: 'R1' });
    const { activities } = kit();
    expect(await activities.createReport({ ...ref, reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', dataStartTime: '2026-03-01T00:00:00Z' })).toEqual({ reportId: 'R1' });
    expect(body).toEqual({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['A1PA6795UKMFR9'], dataStartTime: '2026-03-01T00:00:00Z' });
  });

  it('getReportStatus returns the typed status: pending, done, cancelled, fatal with its error document', async () => {
    mockLwa();
    const base = { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', createdTime: '2026-03-01T00:00:00Z' };
    nock(EU_ENDPOINT).get(`${REPORTS}/R1`).reply(200, { ...base, reportId: 'R1', processingStatus: 'IN_QUEUE' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R1`).reply(200, { ...base, reportId: 'R1', processingStatus: 'DONE', reportDocumentId: 'D1' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R2`).reply(200, { ...base, reportId: 'R2', processingStatus: 'CANCELLED' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R3`).reply(200, { ...base, reportId: 'R3', processingStatus: 'FATAL', reportDocumentId: 'E3' });
    const { activities } = kit();
    expect(await activities.getReportStatus({ ...ref, reportId: 'R1' })).toEqual({ status: 'pending' });
    expect(await activities.getReportStatus({ ...ref, reportId: 'R1' })).toEqual({ status: 'done', documentId: 'D1' });
    expect(await activities.getReportStatus({ ...ref, reportId: 'R2' })).toEqual({ status: 'cancelled' });
    expect(await activities.getReportStatus({ ...ref, reportId: 'R3' })).toEqual({ status: 'fatal', errorDocumentId: 'E3' });
  });

  it('downloadReportDocument streams the document under <data>/reports/<tenant>/<connection>/ and heartbeats', async () => {
    mockLwa();
    const bytes = readFileSync(new URL('../fixtures/amazon/reports/GET_MERCHANT_LISTINGS_ALL_DATA.de.windows-1252.tsv', import.meta.url));
    nock(EU_ENDPOINT).get('/reports/2021-06-30/documents/D1').reply(200, { reportDocumentId: 'D1', url: `${S3}/D1?X-Amz-Signature=abc` });
    nock(S3).get('/D1').query(true).reply(200, bytes, { 'content-type': 'text/plain; charset=Cp1252' });
    const { activities, heartbeats, dataDir } = kit();
    const file = await activities.downloadReportDocument({ ...ref, reportId: 'R1', documentId: 'D1', purpose: 'report' });
    expect(file).toMatchObject({ path: join(dataDir, 'reports', 'acme', 'amazon-eu', 'R1.txt'), bytes: bytes.length, charset: 'windows-1252', contentType: 'text/plain' });
    expect(readFileSync(file.path).equals(bytes)).toBe(true);
    expect(heartbeats).toContainEqual({ reportId: 'R1', phase: 'download' });
    // Only the reference travels: no URL, no content.
    expect(JSON.stringify(file)).not.toContain('X-Amz-Signature');
  });

  it('failures become typed Temporal failures: a bad request is non-retryable, an expired URL retryable', async () => {
    mockLwa();
    nock(EU_ENDPOINT).post(REPORTS).reply(400, { errors: [{ code: 'InvalidInput', message: 'Invalid reportType' }] });
    nock(EU_ENDPOINT).get('/reports/2021-06-30/documents/D1').reply(200, { reportDocumentId: 'D1', url: `${S3}/D1?X-Amz-Signature=abc` });
    nock(S3).get('/D1').query(true).reply(403, '<Error><Code>AccessDenied</Code></Error>');
    const { activities } = kit();
    const refused = await activities.createReport({ ...ref, reportType: 'NOT_A_REPORT' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'validation', nonRetryable: true });
    const expired = await activities.downloadReportDocument({ ...ref, reportId: 'R1', documentId: 'D1', purpose: 'report' }).catch((e: unknown) => e);
    expect(expired).toMatchObject({ type: 'transient', nonRetryable: false });
  });

  it('a connection that offers no reports is a config failure naming who does', async () => {
    const { activities } = kit();
    const error = await activities.getReportStatus({ tenant: 'acme', connection: 'vies', reportId: 'R1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'config', nonRetryable: true });
    expect((error as Error).message).toContain('reportSource');
  });
});

describe('report file paths and the polling schedule', () => {
  it('keeps ids inside their folder', () => {
    expect(reportFilePath('/data', { tenant: 'acme', connection: 'amazon-eu', reportId: '50039018754', purpose: 'report' })).toBe('/data/reports/acme/amazon-eu/50039018754.txt');
    expect(reportFilePath('/data', { tenant: '..', connection: 'a/b', reportId: '../x', purpose: 'error' })).toBe('/data/reports/_/a_b/.._x.error.txt');
  });

  it('waits 15 s, then 1.5× longer each poll, never more than 5 minutes', () => {
    expect([0, 1, 2, 3, 10].map((n) => reportPollDelayMs(n))).toEqual([15_000, 22_500, 33_750, 50_625, 300_000]);
    expect(REPORT_DOWNLOAD.giveUpAfterMs).toBe(12 * 3600_000);
  });
});
