import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { charsetOfContentType, decodeDocument } from '../../../connectors/http/charset.js';
import { describe, expect, it } from 'vitest';
import { SANDBOX_SELLER_ID, startAmazonSandbox, type AmazonSandbox } from '../../../sandbox/amazon/index.js';
import { requestToken, spRequest, T0 } from './sandbox-client.js';
import { iso, useSeededSandbox } from './seeded-sandbox.js';
import { loadModel, validateModelResponse } from './swagger-schema.js';

const REPORTS = loadModel('reports_2021-06-30.json');
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const US = 'ATVPDKIKX0DER';
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE';
const SETTLEMENT_HEADER = readFileSync(new URL('../../fixtures/amazon/settlement/GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv', import.meta.url), 'utf8').split('\n')[0];
const DAY = 86_400_000;

let sandbox: AmazonSandbox;
let token: string;
const { seed, clock } = useSeededSandbox({}, (s, t) => {
  sandbox = s;
  token = t;
});

interface Report {
  reportId: string;
  reportType: string;
  processingStatus: string;
  reportDocumentId?: string;
  marketplaceIds: string[];
  dataStartTime?: string;
}

async function create(body: Record<string, unknown>): Promise<string> {
  const r = await spRequest<{ reportId: string }>(sandbox.url, 'POST', '/reports/2021-06-30/reports', token, { body });
  expect(r.status).toBe(202);
  expect(validateModelResponse(REPORTS, 'POST', '/reports/2021-06-30/reports', 202, r.body)).toEqual([]);
  return r.body.reportId;
}

async function getReport(id: string): Promise<Report> {
  const r = await spRequest<Report>(sandbox.url, 'GET', `/reports/2021-06-30/reports/${id}`, token);
  expect(validateModelResponse(REPORTS, 'GET', '/reports/2021-06-30/reports/{reportId}', 200, r.body)).toEqual([]);
  return r.body;
}

/** Downloads and gunzips a report document; its bytes and Content-Type. */
async function download(documentId: string): Promise<{ bytes: Buffer; contentType: string | null }> {
  const doc = await spRequest<{ url: string; compressionAlgorithm?: string }>(sandbox.url, 'GET', `/reports/2021-06-30/documents/${documentId}`, token);
  expect(validateModelResponse(REPORTS, 'GET', '/reports/2021-06-30/documents/{reportDocumentId}', 200, doc.body)).toEqual([]);
  expect(doc.body.compressionAlgorithm).toBe('GZIP');
  const res = await fetch(doc.body.url);
  expect(res.status).toBe(200);
  return { bytes: gunzipSync(Buffer.from(await res.arrayBuffer())), contentType: res.headers.get('content-type') };
}

async function finished(body: Record<string, unknown>): Promise<Report> {
  const id = await create(body);
  expect((await getReport(id)).processingStatus).toBe('IN_QUEUE');
  clock.advanceSeconds(30);
  expect((await getReport(id)).processingStatus).toBe('IN_PROGRESS');
  clock.advanceSeconds(60);
  return getReport(id);
}

const rows = (text: string): string[][] => text.trimEnd().split('\n').map((l) => l.split('\t'));
/** The document's text in the charset its Content-Type names, read the way the connector reads it. */
const text = (doc: { bytes: Buffer; contentType: string | null }): string => decodeDocument(doc.bytes, { charset: charsetOfContentType(doc.contentType ?? '') ?? 'missing' }).text;

describe('orders report', () => {
  it('serves the DE report in Cp1252 with the 33-column header, one row per item updated in the period', async () => {
    const report = await finished({ reportType: ORDERS, marketplaceIds: [DE], dataStartTime: iso(T0 - 20 * DAY), dataEndTime: iso(T0) });
    expect(report.processingStatus).toBe('DONE');
    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.contentType).toBe('text/plain; charset=Cp1252');
    const [header, ...data] = rows(text(doc));
    expect(header).toHaveLength(33);
    expect(header?.slice(0, 4)).toEqual(['amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date']);
    const expected = seed
      .filter((o) => o.order.MarketplaceId === DE && Date.parse(o.order.LastUpdateDate) >= T0 - 20 * DAY && Date.parse(o.order.LastUpdateDate) <= T0)
      .flatMap((o) => o.items.map((i) => `${o.order.AmazonOrderId}/${i.SellerSKU ?? ''}`));
    expect(data.map((r) => `${r[0] ?? ''}/${r[11] ?? ''}`).sort()).toEqual(expected.sort());
    expect(data.every((r) => r.length === 33)).toBe(true);
    expect(data.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/.test(r[2] ?? ''))).toBe(true);
  });

  it('serves the JP report in Shift_JIS labelled windows-31j, Japanese titles intact', async () => {
    const report = await finished({ reportType: ORDERS, marketplaceIds: [JP] });
    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.contentType).toBe('text/plain; charset=windows-31j');
    const titles = new Set(rows(text(doc)).slice(1).map((r) => r[10]));
    const jpTitle = seed.find((o) => o.order.MarketplaceId === JP && Date.parse(o.order.LastUpdateDate) >= T0 - 30 * DAY)?.items[0]?.Title;
    expect(jpTitle).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(titles.has(jpTitle)).toBe(true);
    // Not UTF-8: the same text read as UTF-8 is garbled.
    expect(doc.bytes.toString('utf8')).not.toContain(jpTitle);
  });

  it('ends CANCELLED, without a document, for a period without orders', async () => {
    const report = await finished({ reportType: ORDERS, marketplaceIds: [DE], dataStartTime: '2020-01-01T00:00:00Z', dataEndTime: '2020-01-10T00:00:00Z' });
    expect(report.processingStatus).toBe('CANCELLED');
    expect(report.reportDocumentId).toBeUndefined();
  });

  it('ends FATAL with an errorDetails document for a period over 30 days', async () => {
    const report = await finished({ reportType: ORDERS, marketplaceIds: [DE], dataStartTime: iso(T0 - 60 * DAY), dataEndTime: iso(T0) });
    expect(report.processingStatus).toBe('FATAL');
    const { bytes } = await download(report.reportDocumentId ?? '');
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ errorDetails: 'Report request is not allowed: the date range exceeds 30 days.' });
  });
});

describe('listings and FBA inventory reports', () => {
  it('lists the seller\'s listings, including one just created through the Listings API', async () => {
    await spRequest(sandbox.url, 'PUT', `/listings/2021-08-01/items/${SANDBOX_SELLER_ID}/BAG-1`, token, {
      query: { marketplaceIds: DE },
      body: {
        productType: 'HANDBAG',
        attributes: {
          item_name: [{ value: 'Ledertasche „Lübeck“ – braun' }],
          brand: [{ value: 'Caravan Goods' }],
          color: [{ value: 'Braun' }],
          material: [{ value: 'Leder' }],
          condition_type: [{ value: 'new_new' }],
          purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 89 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }],
        },
      },
    });
    const report = await finished({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.contentType).toBe('text/plain; charset=Cp1252');
    const [header, ...data] = rows(text(doc));
    expect(header).toHaveLength(29);
    expect(header?.[3]).toBe('seller-sku');
    const bag = data.find((r) => r[3] === 'BAG-1');
    expect(bag?.slice(0, 1)).toEqual(['Ledertasche „Lübeck“ – braun']);
    expect(bag?.[4]).toBe('89');
    expect(bag?.[5]).toBe('3');
    expect(data.length).toBeGreaterThan(10);
  });

  it('writes Cp1252 "?" for characters Cp1252 lacks, as Amazon does', async () => {
    await spRequest(sandbox.url, 'PUT', `/listings/2021-08-01/items/${SANDBOX_SELLER_ID}/CUP-JA`, token, {
      query: { marketplaceIds: DE },
      body: {
        productType: 'DRINKING_CUP',
        attributes: {
          item_name: [{ value: 'Becher 湯呑' }],
          brand: [{ value: 'Caravan Goods' }],
          material: [{ value: 'Keramik' }],
          capacity: [{ value: 200, unit: 'milliliters' }],
          condition_type: [{ value: 'new_new' }],
          purchasable_offer: [{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 9.5 }] }] }],
        },
      },
    });
    const report = await finished({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    expect(rows(text(await download(report.reportDocumentId ?? ''))).find((r) => r[3] === 'CUP-JA')?.[0]).toBe('Becher ??');
  });

  it('uses the Japanese header for the JP listings report', async () => {
    const report = await finished({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [JP] });
    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.contentType).toBe('text/plain; charset=windows-31j');
    const [header] = rows(text(doc));
    expect(header?.slice(0, 3)).toEqual(['商品名', '出品ID', '出品者SKU']);
  });

  it('builds the FBA inventory report from the FBA stock that getInventorySummaries serves', async () => {
    const report = await finished({ reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', marketplaceIds: [US] });
    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.contentType).toBe('text/plain; charset=UTF-8');
    const [header, ...data] = rows(text(doc));
    expect(header?.slice(0, 3)).toEqual(['sku', 'fnsku', 'asin']);
    const summaries = await spRequest<{ payload: { inventorySummaries: { sellerSku: string; fnSku: string; inventoryDetails: { fulfillableQuantity: number } }[] } }>(
      sandbox.url,
      'GET',
      '/fba/inventory/v1/summaries',
      token,
      { query: { granularityType: 'Marketplace', granularityId: US, marketplaceIds: US, details: 'true' } },
    );
    const fromApi = summaries.body.payload.inventorySummaries.map((s) => `${s.sellerSku}/${s.fnSku}/${s.inventoryDetails.fulfillableQuantity}`);
    expect(data.map((r) => `${r[0] ?? ''}/${r[1] ?? ''}/${r[10] ?? ''}`).sort()).toEqual(fromApi.sort());
  });
});

describe('settlement reports and report lists', () => {
  it('pre-seeds DONE V2 settlement reports with the sample column set, which cannot be requested', async () => {
    const list = await spRequest<{ reports: Report[] }>(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, { query: { reportTypes: SETTLEMENT, marketplaceIds: DE, pageSize: '100' } });
    expect(validateModelResponse(REPORTS, 'GET', '/reports/2021-06-30/reports', 200, list.body)).toEqual([]);
    expect(list.body.reports).toHaveLength(2);
    expect(list.body.reports.every((r) => r.processingStatus === 'DONE' && r.reportType === SETTLEMENT)).toBe(true);
    const [header, summary, ...data] = rows(text(await download(list.body.reports[0]?.reportDocumentId ?? '')));
    expect(header?.join('\t')).toBe(SETTLEMENT_HEADER);
    expect(summary?.[5]).toBe('EUR');
    expect(data.length).toBeGreaterThan(0);
    // total-amount is the sum of every amount column of the rows (price, item fee, promotion), to the cent.
    const cents = (v: string | undefined): number => (v ? Math.round(Number(v) * 100) : 0);
    const sum = data.reduce((n, r) => n + cents(r[24]) + cents(r[26]) + cents(r[32]), 0);
    expect(cents(summary?.[4])).toBe(sum);

    const refused = await spRequest(sandbox.url, 'POST', '/reports/2021-06-30/reports', token, { body: { reportType: SETTLEMENT, marketplaceIds: [DE] } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ code: 'InvalidInput', message: 'Request for report type 1117 is not allowed at this time', details: '' }] });
    expect(validateModelResponse(REPORTS, 'POST', '/reports/2021-06-30/reports', 400, refused.body)).toEqual([]);
  });

  it('filters by processingStatuses, pages with nextToken and cancels reports IN_QUEUE', async () => {
    const a = await create({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    const b = await create({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    const c = await create({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    expect((await spRequest(sandbox.url, 'DELETE', `/reports/2021-06-30/reports/${b}`, token)).status).toBe(200);
    const queued = await spRequest<{ reports: Report[]; nextToken?: string }>(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, {
      query: { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA', processingStatuses: 'IN_QUEUE', pageSize: '1' },
    });
    expect(queued.body.reports.map((r) => r.reportId)).toEqual([c]);
    const next = await spRequest<{ reports: Report[]; nextToken?: string }>(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, { query: { nextToken: queued.body.nextToken ?? '' } });
    expect(next.body.reports.map((r) => r.reportId)).toEqual([a]);
    expect(next.body.nextToken).toBeUndefined();
    clock.advanceSeconds(90);
    expect((await getReport(b)).processingStatus).toBe('CANCELLED');
    expect((await spRequest(sandbox.url, 'DELETE', `/reports/2021-06-30/reports/${a}`, token)).status).toBe(400);
    const bad = await spRequest(sandbox.url, 'GET', '/reports/2021-06-30/reports', token, { query: { reportTypes: ORDERS, createdSince: iso(T0 - 100 * DAY) } });
    expect(bad.status).toBe(400);
  });

  it('throttles createReport at 0.0167 per second with a burst of 15', async () => {
    const limited = await startAmazonSandbox({ orders: seed, now: clock.now });
    try {
      const t = await requestToken(limited.url);
      const statuses: number[] = [];
      let limit: string | null = null;
      for (let i = 0; i < 16; i++) {
        const r = await spRequest(limited.url, 'POST', '/reports/2021-06-30/reports', t, { body: { reportType: ORDERS, marketplaceIds: [DE] } });
        statuses.push(r.status);
        limit ??= r.headers.get('x-amzn-RateLimit-Limit');
      }
      expect(statuses).toEqual([...Array(15).fill(202), 429]);
      expect(limit).toBe('0.0167');
    } finally {
      await limited.close();
    }
  });
});
