/**
 * Reports API 2021-06-30 — createReport, getReport, getReports, cancelReport, getReportDocument
 * and the document download: each request as the model describes it (its static-sandbox
 * requests), its replies parsed into typed outcomes, its errors typed, its usage plan on the
 * bucket; the document streamed to disk with its charset recorded, and the known deviations
 * (gzip without compressionAlgorithm, gzip served with Content-Encoding, no charset) accepted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AMAZON_CONNECTOR, openReportText, readReportProcessingError } from '../../../connectors/amazon/index.js';
import { decodeDocument } from '../../../connectors/http/charset.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { requireCapability } from '../../../connectors/registry.js';
import { answer, CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, SETTINGS, type SeenRequest } from './amazon-test-kit.js';
import { sandboxCase } from './model-sandbox.js';

const MODEL = 'reports_2021-06-30.json';
const REPORTS = '/reports/2021-06-30/reports';
const S3 = 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com';
const SIGNED = '/doc-1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=caravan-presigned-signature';
const REPORT_FIXTURES = new URL('../../fixtures/amazon/reports/', import.meta.url);
const reportFixture = (name: string): Buffer => readFileSync(new URL(name, REPORT_FIXTURES));
const key = (operation: string) => ({ tenant: 'acme', vendor: 'amazon', operation, scope: 'eu' });
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'caravan-report-'));
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

isolateNetworkPerTest();

describe('createReport', () => {
  it('posts the model sandbox specification with the access token and reads the reportId of the 202', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    let body: unknown;
    const sample = sandboxCase(MODEL, 'createReport', '202');
    nock(EU_ENDPOINT)
      .post(REPORTS, (b: unknown) => ((body = b), true))
      .reply(answer(seen, 202, sample.response as Record<string, unknown>, { 'x-amzn-requestid': 'rid-create' }));
    const { client, limiter } = makeKit();

    const spec = sample.request.parameters.body!.value as { reportType: string; dataStartTime: string; marketplaceIds: string[] };
    const result = await client.createReport(spec);

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`POST ${REPORTS}`]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(body).toEqual({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['A1PA6795UKMFR9', 'ATVPDKIKX0DER'], dataStartTime: '2024-03-10T20:11:24.000Z' });
    expect(result).toEqual({ reportId: 'ID323', requestId: 'rid-create' });
    // Usage plan of createReport in the model: 0.0167/s, burst 15.
    expect(limiter.stats(key('createReport'))).toMatchObject({ rate: 0.0167, burst: 15 });
  });

  it('sends dataEndTime and reportOptions, and the connection marketplaces when none are given', async () => {
    mockLwa();
    let body: unknown;
    nock(EU_ENDPOINT).post(REPORTS, (b: unknown) => ((body = b), true)).reply(202, { reportId: '50039018754' });
    const { client } = makeKit();
    await client.createReport({
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      dataStartTime: '2026-03-01T00:00:00Z',
      dataEndTime: '2026-03-02T00:00:00Z',
      reportOptions: { dateGranularity: 'DAY' },
    });
    expect(body).toEqual({
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'],
      dataStartTime: '2026-03-01T00:00:00Z',
      dataEndTime: '2026-03-02T00:00:00Z',
      reportOptions: { dateGranularity: 'DAY' },
    });
  });

  it.each([
    [{ reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' }, 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 cannot be requested: Amazon makes settlement reports on its own schedule; list them with getReports'],
    [{ reportType: '' }, 'reportType must be a non-empty string'],
    [{ reportType: 'GET_AFN_INVENTORY_DATA', marketplaceIds: Array.from({ length: 26 }, (_, i) => `M${i}`) }, 'marketplaceIds takes at most 25 values, got 26'],
    [{ reportType: 'GET_AFN_INVENTORY_DATA', dataStartTime: '2026-03-02T00:00:00Z', dataEndTime: '2026-03-01T00:00:00Z' }, 'dataStartTime 2026-03-02T00:00:00Z is after dataEndTime 2026-03-01T00:00:00Z'],
    [{ reportType: 'GET_AFN_INVENTORY_DATA', dataStartTime: 'yesterday' }, 'dataStartTime is not an ISO 8601 date-time: yesterday'],
  ])('refuses %j locally, before any request', async (params, message) => {
    const { client } = makeKit();
    const error = await rejection(client.createReport(params));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(`Amazon createReport: ${message}`);
    expect(client.stats().requests).toBe(0);
  });

  it("answers the model's 400 (code \"400\", not in the error table) as validation by its status", async () => {
    mockLwa();
    const sample = sandboxCase(MODEL, 'createReport', '400');
    nock(EU_ENDPOINT).post(REPORTS).reply(400, sample.response as Record<string, unknown>, { 'x-amzn-requestid': 'rid-400' });
    const { client } = makeKit();
    const error = await rejection(client.createReport({ reportType: 'BAD_FEE_DISCOUNTS_REPORT' }));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: '400', requestId: 'rid-400' });
    expect(error.message).toBe('Amazon createReport: HTTP 400 400: Invalid input (Invalid input)');
  });

  it('is not resent after a 503: a second request would build a second report', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).post(REPORTS).times(3).reply(answer(seen, 503, { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable' }] }));
    const { client } = makeKit();
    const error = await rejection(client.createReport({ reportType: 'GET_AFN_INVENTORY_DATA' }));
    expect(error.kind).toBe('transient');
    expect(seen).toHaveLength(1);
  });
});

describe('getReport', () => {
  it('reads the model sandbox report (IN_PROGRESS) as pending, on the getReport bucket (2/s, burst 15)', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    const sample = sandboxCase(MODEL, 'getReport', '200');
    nock(EU_ENDPOINT).get(`${REPORTS}/ID323`).reply(answer(seen, 200, sample.response as Record<string, unknown>, { 'x-amzn-requestid': 'rid-get' }));
    const { client, limiter } = makeKit();
    const result = await client.getReport('ID323');
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`GET ${REPORTS}/ID323`]);
    expect(result.outcome).toEqual({ status: 'pending', processingStatus: 'IN_PROGRESS' });
    expect(result.report).toMatchObject({ reportId: 'ReportId1', reportType: 'FEE_DISCOUNTS_REPORT', processingStatus: 'IN_PROGRESS' });
    expect(result.requestId).toBe('rid-get');
    expect(limiter.stats(key('getReport'))).toMatchObject({ rate: 2, burst: 15 });
  });

  const report = { reportId: '123318018934', reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', createdTime: '2026-03-01T09:52:55+00:00' };

  it.each([
    [{ ...report, processingStatus: 'IN_QUEUE' }, { status: 'pending', processingStatus: 'IN_QUEUE' }],
    [{ ...report, processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.eu.doc-1' }, { status: 'done', reportDocumentId: 'amzn1.spdoc.1.4.eu.doc-1' }],
    // FATAL with a document holding the error details (amzn/selling-partner-api-models#2952).
    [{ ...report, processingStatus: 'FATAL', reportDocumentId: 'amzn1.spdoc.1.4.eu.err-1' }, { status: 'fatal', reportDocumentId: 'amzn1.spdoc.1.4.eu.err-1' }],
    [{ ...report, processingStatus: 'FATAL' }, { status: 'fatal' }],
  ])('reads %j as a typed outcome', async (reply, outcome) => {
    mockLwa();
    nock(EU_ENDPOINT).get(`${REPORTS}/123318018934`).reply(200, reply);
    const { client } = makeKit();
    expect((await client.getReport('123318018934')).outcome).toEqual(outcome);
  });

  it('reads a CANCELLED report as it really comes: no document, offsets instead of Z (amzn/selling-partner-api-docs#1604)', async () => {
    mockLwa();
    // The reply quoted in the issue.
    const cancelled = {
      marketplaceIds: ['ATVPDKIKX0DER'],
      reportId: '123318018934',
      reportType: 'GET_FBA_FULFILLMENT_CURRENT_INVENTORY_DATA',
      dataStartTime: '2021-11-02T09:33:12+00:00',
      dataEndTime: '2021-11-03T09:48:12+00:00',
      createdTime: '2021-11-03T09:52:55+00:00',
      processingStatus: 'CANCELLED',
      processingStartTime: '2021-11-03T09:53:01+00:00',
      processingEndTime: '2021-11-03T09:53:09+00:00',
    };
    nock(EU_ENDPOINT).get(`${REPORTS}/123318018934`).reply(200, cancelled);
    const { client } = makeKit();
    const result = await client.getReport('123318018934');
    expect(result.outcome).toEqual({ status: 'cancelled' });
    expect(result.report.reportDocumentId).toBeUndefined();
  });

  it('a DONE report without a reportDocumentId, or an unknown status, is a contract error', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(`${REPORTS}/1`).reply(200, { ...report, reportId: '1', processingStatus: 'DONE' });
    nock(EU_ENDPOINT).get(`${REPORTS}/2`).reply(200, { ...report, reportId: '2', processingStatus: 'DONE_NO_DATA' });
    const { client } = makeKit();
    const done = await rejection(client.getReport('1'));
    expect(done.kind).toBe('contract');
    expect(done.message).toBe('Amazon getReport: report 1 is DONE without a reportDocumentId');
    const unknown = await rejection(client.getReport('2'));
    expect(unknown.kind).toBe('contract');
    expect(unknown.message).toContain('response is not a Report (processingStatus:');
  });

  it("answers the model's 400 for a bad id as validation, and a 404 as not_found", async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(`${REPORTS}/badReportId1`).reply(400, sandboxCase(MODEL, 'getReport', '400').response as Record<string, unknown>);
    nock(EU_ENDPOINT).get(`${REPORTS}/gone`).reply(404, { errors: [{ code: 'NotFound', message: 'Report not found' }] });
    const { client } = makeKit();
    expect((await rejection(client.getReport('badReportId1'))).kind).toBe('validation');
    expect(await rejection(client.getReport('gone'))).toMatchObject({ kind: 'not_found', vendorCode: 'NotFound' });
  });
});

describe('getReports', () => {
  it('sends the model sandbox filters as csv and reads the page with its nextToken; the token goes alone', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    const sample = sandboxCase(MODEL, 'getReports', '200');
    const page = sample.response as { nextToken: string; reports: unknown[] };
    nock(EU_ENDPOINT).get(REPORTS).query(true).twice().reply(answer(seen, 200, { ...page }));
    const { client, limiter } = makeKit();

    const first = await client.getReports({ reportTypes: ['FEE_DISCOUNTS_REPORT', 'GET_AFN_INVENTORY_DATA'], processingStatuses: ['IN_QUEUE', 'IN_PROGRESS'] });
    await client.getReports({ nextToken: first.nextToken! });

    expect(seen.map((s) => s.path)).toEqual([
      `${REPORTS}?reportTypes=FEE_DISCOUNTS_REPORT,GET_AFN_INVENTORY_DATA&processingStatuses=IN_QUEUE,IN_PROGRESS`,
      `${REPORTS}?nextToken=${encodeURIComponent(page.nextToken)}`,
    ]);
    expect(first.nextToken).toBe(page.nextToken);
    expect(first.reports.map((r) => [r.reportId, r.processingStatus])).toEqual(page.reports.map((r) => [(r as { reportId: string }).reportId, (r as { processingStatus: string }).processingStatus]));
    expect(limiter.stats(key('getReports'))).toMatchObject({ rate: 0.0222, burst: 10 });
  });

  it('lists settlement reports (which cannot be requested) with every filter', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(REPORTS).query(true).reply(answer(seen, 200, { reports: [] }));
    const { client } = makeKit();
    expect(
      await client.getReports({
        reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'],
        processingStatuses: ['DONE'],
        marketplaceIds: ['A1PA6795UKMFR9'],
        pageSize: 100,
        createdSince: '2026-01-01T00:00:00Z',
        createdUntil: '2026-03-01T00:00:00Z',
      }),
    ).toEqual({ reports: [] });
    expect(seen[0]?.path).toBe(
      `${REPORTS}?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&processingStatuses=DONE&marketplaceIds=A1PA6795UKMFR9&pageSize=100` +
        '&createdSince=2026-01-01T00%3A00%3A00Z&createdUntil=2026-03-01T00%3A00%3A00Z',
    );
  });

  it.each([
    [{}, 'reportTypes is required unless nextToken is given'],
    [{ reportTypes: ['A'], pageSize: 0 }, 'pageSize must be an integer from 1 to 100, got 0'],
    [{ reportTypes: ['A'], processingStatuses: ['BAD_VALUE'] }, 'processingStatuses: "BAD_VALUE" is not one of IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL'],
    [{ reportTypes: Array.from({ length: 11 }, (_, i) => `T${i}`) }, 'reportTypes takes at most 10 values, got 11'],
  ])('refuses %j locally', async (params, message) => {
    const { client } = makeKit();
    const error = await rejection(client.getReports(params as never));
    expect(error.message).toBe(`Amazon getReports: ${message}`);
    expect(client.stats().requests).toBe(0);
  });
});

describe('cancelReport', () => {
  it('sends DELETE and accepts the model 200 without a body', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .delete(`${REPORTS}/ID`)
      .reply(function (path) {
        seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers } });
        return [200, '', { 'x-amzn-requestid': 'rid-cancel' }];
      });
    const { client, limiter } = makeKit();
    expect(await client.cancelReport('ID')).toEqual({ requestId: 'rid-cancel' });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`DELETE ${REPORTS}/ID`]);
    expect(limiter.stats(key('cancelReport'))).toMatchObject({ rate: 0.0222, burst: 10 });
  });

  it('an error body in the 200 is still an error', async () => {
    mockLwa();
    nock(EU_ENDPOINT).delete(`${REPORTS}/ID`).reply(200, { errors: [{ code: 'InvalidInput', message: 'The report is already IN_PROGRESS' }] });
    const { client } = makeKit();
    expect(await rejection(client.cancelReport('ID'))).toMatchObject({ kind: 'validation', vendorCode: 'InvalidInput' });
  });
});

describe('getReportDocument and the download', () => {
  const DOCS = '/reports/2021-06-30/documents';

  function mockDocument(id: string, document: Record<string, unknown>): void {
    nock(EU_ENDPOINT).get(`${DOCS}/${id}`).reply(200, { reportDocumentId: id, url: `${S3}${SIGNED}`, ...document });
  }

  function mockDownload(seen: SeenRequest[], status: number, body: Buffer | string, headers: Record<string, string>): void {
    nock(S3)
      .get('/doc-1')
      .query(true)
      .reply(function (path) {
        seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers } });
        return [status, body, headers];
      });
  }

  it('reads the model sandbox document', async () => {
    mockLwa();
    const sample = sandboxCase(MODEL, 'getReportDocument', '200');
    nock(EU_ENDPOINT).get(`${DOCS}/0356cf79-b8b0-4226-b4b9-0ee058ea5760`).reply(200, sample.response as Record<string, unknown>);
    const { client, limiter } = makeKit();
    const { document } = await client.getReportDocument('0356cf79-b8b0-4226-b4b9-0ee058ea5760');
    expect(document).toEqual(sample.response);
    expect(limiter.stats(key('getReportDocument'))).toMatchObject({ rate: 0.0167, burst: 15 });
  });

  it('streams a Cp1252 document to disk without the SP-API token, records its charset, and reads back as the same text', async () => {
    mockLwa();
    const bytes = reportFixture('GET_MERCHANT_LISTINGS_ALL_DATA.de.windows-1252.tsv');
    mockDocument('doc-1', {});
    const seen: SeenRequest[] = [];
    // The Content-Type Amazon sends for EU listings reports (amzn/selling-partner-api-models#2748).
    mockDownload(seen, 200, bytes, { 'content-type': 'text/plain; charset=Cp1252' });
    const { client, logs } = makeKit();
    const path = join(tempDir(), 'nested', 'listings.tsv');

    const file = await client.downloadReport('doc-1', path);

    expect(file).toEqual({ path, bytes: bytes.length, sha256: sha256(bytes), contentType: 'text/plain', charset: 'windows-1252', charsetLabel: 'Cp1252', inflated: false });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['x-amz-access-token']).toBeUndefined();
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(readdirSync(join(path, '..'))).toEqual(['listings.tsv']);
    // The presigned URL is a credential: not in any log line.
    expect(logs.text()).not.toContain('caravan-presigned-signature');

    const text = await openReportText(file);
    let read = '';
    for await (const chunk of text.chunks) read += chunk;
    expect(text.by).toBe('given');
    expect(read).toBe(decodeDocument(bytes, { charset: 'windows-1252' }).text);
    expect(read).toContain('€');
  });

  it('inflates a GZIP Shift_JIS (windows-31j) document while streaming it', async () => {
    mockLwa();
    const gz = reportFixture('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv.gz');
    const plain = reportFixture('GET_MERCHANT_LISTINGS_ALL_DATA.jp.shift_jis.tsv');
    mockDocument('doc-1', { compressionAlgorithm: 'GZIP' });
    mockDownload([], 200, gz, { 'content-type': 'text/plain;charset=windows-31j' });
    const { client } = makeKit();
    const file = await client.downloadReport('doc-1', join(tempDir(), 'jp.tsv'));
    expect(file).toMatchObject({ bytes: plain.length, sha256: sha256(plain), charset: 'shift_jis', charsetLabel: 'windows-31j', inflated: true });
    expect(readFileSync(file.path).equals(plain)).toBe(true);
    const text = await openReportText(file);
    let read = '';
    for await (const chunk of text.chunks) read += chunk;
    expect(read).toContain('出品者SKU');
  });

  it('inflates a gzip document whose compressionAlgorithm is null (amzn/selling-partner-api-models#1280)', async () => {
    mockLwa();
    const plain = reportFixture('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv');
    mockDocument('doc-1', { compressionAlgorithm: null });
    mockDownload([], 200, gzipSync(plain), { 'content-type': 'text/plain; charset=UTF-8' });
    const { client } = makeKit();
    const file = await client.downloadReport('doc-1', join(tempDir(), 'orders.tsv'));
    expect(file).toMatchObject({ bytes: plain.length, sha256: sha256(plain), charset: 'utf-8', inflated: true });
  });

  it('inflates exactly once a GZIP document also served with Content-Encoding: gzip (amzn/selling-partner-api-docs#3200)', async () => {
    mockLwa();
    const plain = reportFixture('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL.us.utf-8.tsv');
    mockDocument('doc-1', { compressionAlgorithm: 'GZIP' });
    const seen: SeenRequest[] = [];
    mockDownload(seen, 200, gzipSync(plain), { 'content-type': 'text/plain; charset=UTF-8', 'content-encoding': 'gzip' });
    const { client } = makeKit();
    const file = await client.downloadReport('doc-1', join(tempDir(), 'orders.tsv'));
    expect(readFileSync(file.path).equals(plain)).toBe(true);
    expect(seen[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('leaves the charset out when the download names none (amzn/selling-partner-api-docs#2338); the reader detects it', async () => {
    mockLwa();
    const bytes = reportFixture('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL.de.windows-1252.tsv');
    mockDocument('doc-1', {});
    mockDownload([], 200, bytes, { 'content-type': 'text/plain' });
    const { client } = makeKit();
    const file = await client.downloadReport('doc-1', join(tempDir(), 'settlement.tsv'));
    expect(file.charset).toBeUndefined();
    expect(file.charsetLabel).toBeUndefined();
    const text = await openReportText(file);
    expect([text.charset, text.by]).toEqual(['windows-1252', 'fallback']);
  });

  it('an expired URL (403) is transient and leaves no file; a gzip that does not inflate is a contract error', async () => {
    mockLwa(['FILTERED']);
    mockDocument('doc-1', {});
    mockDownload([], 403, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', { 'content-type': 'application/xml' });
    mockDocument('doc-1', { compressionAlgorithm: 'GZIP' });
    mockDownload([], 200, gzipSync(Buffer.from('a\tb\n'.repeat(1000))).subarray(0, 40), { 'content-type': 'text/plain; charset=UTF-8' });
    const { client } = makeKit();
    const dir = tempDir();

    const expired = await rejection(client.downloadReport('doc-1', join(dir, 'a.tsv')));
    expect(expired).toMatchObject({ kind: 'transient', status: 403, operation: 'downloadReportDocument' });
    expect(expired.message).toBe('Amazon downloadReportDocument: HTTP 403 (the presigned URL expires after 5 minutes: fetch the document again)');
    expect(expired.message).not.toContain('caravan-presigned-signature');

    const truncated = await rejection(client.downloadReport('doc-1', join(dir, 'b.tsv')));
    expect(truncated.kind).toBe('contract');
    expect(truncated.message).toContain('the document is gzip but does not inflate');
    expect(existsSync(join(dir, 'a.tsv')) || existsSync(join(dir, 'b.tsv')) || existsSync(join(dir, 'b.tsv.part'))).toBe(false);
  });
});

describe('the reportSource capability of an Amazon connection', () => {
  it('requests, polls (cancelled and fatal as outcomes), downloads to a file and lists with a cursor', async () => {
    mockLwa();
    const base = { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', createdTime: '2026-03-01T00:00:00Z' };
    nock(EU_ENDPOINT).post(REPORTS).reply(202, { reportId: 'R1' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R1`).reply(200, { ...base, reportId: 'R1', processingStatus: 'DONE', reportDocumentId: 'doc-1' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R2`).reply(200, { ...base, reportId: 'R2', processingStatus: 'CANCELLED' });
    nock(EU_ENDPOINT).get(`${REPORTS}/R3`).reply(200, { ...base, reportId: 'R3', processingStatus: 'FATAL', reportDocumentId: 'err-1' });
    nock(EU_ENDPOINT).get('/reports/2021-06-30/documents/doc-1').reply(200, { reportDocumentId: 'doc-1', url: `${S3}${SIGNED}` });
    nock(S3).get('/doc-1').query(true).reply(200, 'sku\tprice\n', { 'content-type': 'text/plain; charset=UTF-8' });
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .get(REPORTS)
      .query(true)
      .twice()
      .reply(answer(seen, 200, { reports: [{ ...base, reportId: 'S1', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', processingStatus: 'DONE', reportDocumentId: 'sdoc-1' }], nextToken: 'n1' }));
    const connector = AMAZON_CONNECTOR.connect({ tenant: 'acme', settings: SETTINGS, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
    const source = requireCapability(connector, 'reportSource', 'acme/amazon-eu');

    expect(await source.requestReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' })).toEqual({ reportId: 'R1' });
    expect(await source.reportStatus('R1')).toEqual({ status: 'done', documentId: 'doc-1' });
    expect(await source.reportStatus('R2')).toEqual({ status: 'cancelled' });
    expect(await source.reportStatus('R3')).toEqual({ status: 'fatal', errorDocumentId: 'err-1' });
    const path = join(tempDir(), 'r1.tsv');
    expect(await source.downloadReport('doc-1', path)).toEqual({ path, bytes: 10, sha256: sha256(Buffer.from('sku\tprice\n')), contentType: 'text/plain', charset: 'utf-8' });
    const page = await source.listReports({ reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], createdSince: '2026-01-01T00:00:00Z' });
    expect(page).toEqual({
      reports: [{ reportId: 'S1', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', createdTime: '2026-03-01T00:00:00Z', status: { status: 'done', documentId: 'sdoc-1' } }],
      cursor: 'n1',
    });
    await source.listReports({ reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'], cursor: 'n1' });
    expect(seen.map((s) => s.path)).toEqual([
      `${REPORTS}?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&pageSize=100&createdSince=2026-01-01T00%3A00%3A00Z`,
      `${REPORTS}?nextToken=n1`,
    ]);
  });
});

describe('a document URL that is none', () => {
  it('is a contract error before any download', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get('/reports/2021-06-30/documents/doc-x').reply(200, { reportDocumentId: 'doc-x', url: 'string' });
    const { client } = makeKit();
    const error = await rejection(client.downloadReport('doc-x', join(tempDir(), 'x.tsv')));
    expect(error).toMatchObject({ kind: 'contract', message: 'Amazon downloadReportDocument: the document URL is not an http(s) URL' });
  });
});

describe("a FATAL report's error document", () => {
  it('reads errorDetails of the JSON document, or the plain text Amazon writes (amzn/selling-partner-api-models#2952)', async () => {
    const dir = tempDir();
    const json = join(dir, 'e1.txt');
    writeFileSync(json, reportFixture('report-processing-error.synthetic.json'));
    const expected = (JSON.parse(reportFixture('report-processing-error.synthetic.json').toString('utf8')) as { errorDetails: string }).errorDetails;
    expect(await readReportProcessingError({ path: json })).toBe(expected);
    const plain = join(dir, 'e2.txt');
    writeFileSync(plain, 'The requested data is unavailable. Please try a different date range\n');
    expect(await readReportProcessingError({ path: plain, charset: 'utf-8' })).toBe('The requested data is unavailable. Please try a different date range');
  });
});
