/**
 * Contract test: the connector's Reports API 2021-06-30, Tokens API 2021-03-01, FBA Inventory
 * v1 and Orders v0 confirmShipment requests checked against Amazon's own models. Stoplight
 * Prism serves each model (test/fixtures/amazon/models/) with --errors, so a request that
 * breaks the model is answered 4xx with `sl-violations`; a recording proxy keeps every status
 * and violation header for the asserts. Prism answers from the models' schemas.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AmazonClient } from '../../connectors/amazon/index.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { contractAmazonClient, startLwaStandIn, type LwaStandIn } from '../support/amazon-contract.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const MODELS = ['reports_2021-06-30.json', 'tokens_2021-03-01.json', 'fbaInventory.json', 'ordersV0.json'] as const;
type ModelFile = (typeof MODELS)[number];

interface Served {
  readonly prism: RunningPrism;
  readonly proxy: RunningRecorder;
  readonly client: AmazonClient;
}

const served = new Map<ModelFile, Served>();
let lwa: LwaStandIn | undefined;
let exchanges: PrismExchange[] = [];

beforeAll(async () => {
  const tokenEndpoint = (lwa = await startLwaStandIn()).tokenEndpoint;
  // One after the other: the machine is small and each Prism parses its whole model first.
  for (const model of MODELS) {
    const prism = await startPrism({ mode: 'mock', spec: fileURLToPath(new URL(`../fixtures/amazon/models/${model}`, import.meta.url)), startTimeoutMs: 60_000 });
    const proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
    const client = contractAmazonClient(proxy.url, tokenEndpoint);
    served.set(model, { prism, proxy, client });
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([...served.values()].flatMap((s) => [s.prism.stop(), s.proxy.stop()]));
  await lwa?.stop();
});

beforeEach(() => {
  exchanges = [];
});

const clientOf = (model: ModelFile): AmazonClient => served.get(model)!.client;

/** Runs a call; a failure message lists what Prism saw. A contract error is returned, for the test to assert. */
async function call<T>(fn: () => Promise<T>): Promise<T | ConnectorError> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === 'contract') return error;
    const seen = exchanges.map((e) => `${e.method} ${e.url} → ${e.status} ${e.violations ?? ''}`).join('\n');
    throw new Error(`${(error as Error).message}\nPrism exchanges:\n${seen}`, { cause: error });
  }
}

function expectAllValid(count: number, status = 200): void {
  expect(exchanges).toHaveLength(count);
  for (const e of exchanges) expect({ url: e.url, status: e.status, violations: e.violations }).toEqual({ url: e.url, status, violations: undefined });
}

describe('Amazon Reports API 2021-06-30 requests against the official model (Prism --errors)', () => {
  it('createReport with every field', async () => {
    const result = await call(() =>
      clientOf('reports_2021-06-30.json').createReport({
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
        dataStartTime: '2026-03-01T00:00:00Z',
        dataEndTime: '2026-03-02T00:00:00Z',
        reportOptions: { dateGranularity: 'DAY' },
      }),
    );
    expectAllValid(1, 202);
    expect(result).toMatchObject({ reportId: expect.any(String) });
  });

  it('getReport, getReports (filters, then nextToken alone), cancelReport and getReportDocument', async () => {
    const client = clientOf('reports_2021-06-30.json');
    const report = await call(() => client.getReport('ID323'));
    expect(report).not.toBeInstanceOf(ConnectorError);
    await call(() =>
      client.getReports({
        reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_AFN_INVENTORY_DATA'],
        processingStatuses: ['DONE', 'CANCELLED', 'FATAL'],
        marketplaceIds: ['ATVPDKIKX0DER'],
        pageSize: 100,
        createdSince: '2026-01-01T00:00:00Z',
        createdUntil: '2026-03-01T00:00:00Z',
      }),
    );
    const next = await call(() => client.getReports({ nextToken: 'VGhpcyB0b2tlbiBpcyBvcGFxdWU=' }));
    const cancelled = await call(() => client.cancelReport('ID323'));
    const document = await call(() => client.getReportDocument('0356cf79-b8b0-4226-b4b9-0ee058ea5760'));
    expectAllValid(5);
    // Prism answers from the schemas: every reply parses (its processingStatus is the enum's first, CANCELLED).
    expect(report).toMatchObject({ outcome: { status: 'cancelled' } });
    expect(next).toMatchObject({ nextToken: 'string' });
    expect(cancelled).not.toBeInstanceOf(ConnectorError);
    expect(document).toMatchObject({ document: { url: 'string' } });
  });
});

describe('Amazon Tokens API 2021-03-01 requests against the official model (Prism --errors)', () => {
  it('createRestrictedDataToken for the Orders v0 generic resources with data elements', async () => {
    const client = clientOf('tokens_2021-03-01.json');
    await call(() =>
      client.createRestrictedDataToken([
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
        { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
      ]),
    );
    expectAllValid(1);
  });
});

describe('Amazon FBA Inventory v1 requests against the official model (Prism --errors)', () => {
  it('getInventorySummaries with details, SKUs and a nextToken', async () => {
    const client = clientOf('fbaInventory.json');
    await call(() => client.getInventorySummaries({ marketplaceId: 'ATVPDKIKX0DER', sellerSkus: ['MUG-WHITE-L', 'MUG-BLACK-M'] }));
    await call(() => client.getInventorySummaries({ marketplaceId: 'ATVPDKIKX0DER', startDateTime: '2026-03-01T00:00:00Z', nextToken: 'seed' }));
    expectAllValid(2);
  });
});

describe('Amazon Orders v0 confirmShipment and updateShipmentStatus against the official model (Prism --errors)', () => {
  it('confirmShipment with every PackageDetail field is answered 204', async () => {
    const result = await call(() =>
      clientOf('ordersV0.json').confirmShipment('902-1106328-1059050', {
        marketplaceId: 'ATVPDKIKX0DER',
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'FedEx',
          carrierName: 'FedEx',
          shippingMethod: 'FedEx Ground',
          trackingNumber: '112345678',
          shipDate: '2026-03-01T01:00:00.000Z',
          shipFromSupplySourceId: '057d3fcc-b750-419f-bbcd-4d340c60c430',
          orderItems: [{ orderItemId: '79039765272157', quantity: 1, transparencyCodes: ['09876543211234567890'] }],
        },
      }),
    );
    expect(result).not.toBeInstanceOf(ConnectorError);
    expectAllValid(1, 204);
  });

  it('updateShipmentStatus with items is answered 204', async () => {
    const result = await call(() =>
      clientOf('ordersV0.json').updateShipmentStatus('902-1106328-1059050', {
        marketplaceId: 'A1VC38T7YXB528',
        shipmentStatus: 'ReadyForPickup',
        orderItems: [{ orderItemId: '79039765272157', quantity: 1 }],
      }),
    );
    expect(result).not.toBeInstanceOf(ConnectorError);
    expectAllValid(1, 204);
  });
});
