/**
 * getInventorySummaries (FBA Inventory API v1) — GET /fba/inventory/v1/summaries: the query
 * as the model lists it (details, granularityType/Id, marketplaceIds, sellerSkus csv,
 * startDateTime, nextToken with every parameter again), the page read with its raw summaries,
 * the error reply typed, the usage plan on the bucket; and the inventorySource capability.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AMAZON_CONNECTOR } from '../../../connectors/amazon/index.js';
import { AmazonInventorySummarySchema } from '../../../connectors/amazon/schemas/fba-inventory.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { requireCapability } from '../../../connectors/registry.js';
import { answer, CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, SETTINGS, type SeenRequest } from './amazon-test-kit.js';

const PATH = '/fba/inventory/v1/summaries';
const DIR = new URL('../../fixtures/amazon/inventory/', import.meta.url);
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, unknown>;

isolateNetworkPerTest();

describe('getInventorySummaries', () => {
  it('asks for details of one marketplace and reads the page raw, with its nextToken, on the 2/s burst 2 bucket', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    const reply = fixture('getInventorySummaries.details.json');
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, reply, { 'x-amzn-requestid': 'rid-inv' }));
    const { client, limiter } = makeKit();

    const page = await client.getInventorySummaries({ marketplaceId: 'ATVPDKIKX0DER', sellerSkus: ['MUG-WHITE-L', 'MUG-BLACK-M'] });

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      `GET ${PATH}?details=true&granularityType=Marketplace&granularityId=ATVPDKIKX0DER&sellerSkus=MUG-WHITE-L,MUG-BLACK-M&marketplaceIds=ATVPDKIKX0DER`,
    ]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    const payload = reply.payload as { inventorySummaries: unknown[]; granularity: unknown };
    expect(page).toEqual({
      granularity: payload.granularity,
      summaries: payload.inventorySummaries,
      nextToken: (reply.pagination as { nextToken: string }).nextToken,
      requestId: 'rid-inv',
    });
    expect(page.summaries.every((s) => AmazonInventorySummarySchema.safeParse(s).success)).toBe(true);
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'getInventorySummaries', scope: 'eu' })).toMatchObject({ rate: 2, burst: 2 });
  });

  it('sends startDateTime, details=false and the nextToken together with the rest of the query', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, fixture('getInventorySummaries.no-details.json')));
    const { client } = makeKit();
    const page = await client.getInventorySummaries({ marketplaceId: 'A1PA6795UKMFR9', details: false, startDateTime: '2026-03-01T00:00:00Z', nextToken: 'seed+/=' });
    expect(seen[0]?.path).toBe(
      `${PATH}?details=false&granularityType=Marketplace&granularityId=A1PA6795UKMFR9&startDateTime=2026-03-01T00%3A00%3A00Z&nextToken=seed%2B%2F%3D&marketplaceIds=A1PA6795UKMFR9`,
    );
    // lastUpdatedTime "" (amzn/selling-partner-api-models#2275) still parses.
    expect(page.summaries.every((s) => AmazonInventorySummarySchema.safeParse(s).success)).toBe(true);
  });

  it.each([
    [{ marketplaceId: '' }, 'marketplaceId must be a non-empty string'],
    [{ marketplaceId: 'ATVPDKIKX0DER', sellerSkus: Array.from({ length: 51 }, (_, i) => `S${i}`) }, 'sellerSkus takes at most 50 values, got 51'],
    [{ marketplaceId: 'ATVPDKIKX0DER', nextToken: '' }, 'nextToken must be a non-empty string'],
  ])('refuses %j locally', async (params, message) => {
    const { client } = makeKit();
    const error = await rejection(client.getInventorySummaries(params));
    expect(error.message).toBe(`Amazon getInventorySummaries: ${message}`);
    expect(client.stats().requests).toBe(0);
  });

  it('answers the model ErrorList (400 InvalidInput) as validation, and a 200 without payload as contract', async () => {
    mockLwa();
    nock(EU_ENDPOINT).get(PATH).query(true).reply(400, fixture('getInventorySummaries.error.json'));
    nock(EU_ENDPOINT).get(PATH).query(true).reply(200, { inventorySummaries: [] });
    const { client } = makeKit();
    expect(await rejection(client.getInventorySummaries({ marketplaceId: 'XX' }))).toMatchObject({ kind: 'validation', vendorCode: 'InvalidInput', status: 400 });
    const contract = await rejection(client.getInventorySummaries({ marketplaceId: 'XX' }));
    expect(contract.kind).toBe('contract');
    expect(contract.message).toContain('response is not a GetInventorySummariesResponse');
  });

  it('is the inventorySource of an Amazon connection: records raw, the cursor from nextToken', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    const reply = fixture('getInventorySummaries.details.json');
    nock(EU_ENDPOINT).get(PATH).query(true).reply(answer(seen, 200, reply));
    const connector = AMAZON_CONNECTOR.connect({ tenant: 'acme', settings: SETTINGS, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
    const source = requireCapability(connector, 'inventorySource', 'acme/amazon-eu');
    const page = await source.listInventory({ marketplaceId: 'ATVPDKIKX0DER', changedSince: '2026-03-01T00:00:00Z', cursor: 'next-1' });
    expect(seen[0]?.path).toBe(`${PATH}?details=true&granularityType=Marketplace&granularityId=ATVPDKIKX0DER&startDateTime=2026-03-01T00%3A00%3A00Z&nextToken=next-1&marketplaceIds=ATVPDKIKX0DER`);
    expect(page).toEqual({ records: (reply.payload as { inventorySummaries: unknown[] }).inventorySummaries, cursor: (reply.pagination as { nextToken: string }).nextToken });
  });
});
