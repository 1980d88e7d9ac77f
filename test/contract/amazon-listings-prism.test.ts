/**
 * Contract test: the connector's Listings Items, Product Type Definitions and Feeds requests
 * checked against Amazon's own models (test/fixtures/amazon/models/, see SOURCE.md). One Stoplight
 * Prism per model, `prism mock --errors`: a request that breaks the model is answered 4xx with
 * `sl-violations`, which the recording proxy keeps for the asserts. Prism answers with the model's
 * examples (or bodies generated from its schemas), which the connector must then parse.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmazonClient } from '../../connectors/amazon/index.js';
import { contractAmazonClient, startLwaStandIn, type LwaStandIn } from '../support/amazon-contract.js';
import { startPrism, startPrismRecorder, type PrismExchange, type RunningPrism, type RunningRecorder } from '../support/prism.js';

const model = (name: string): string => fileURLToPath(new URL(`../fixtures/amazon/models/${name}`, import.meta.url));

let lwa: LwaStandIn | undefined;

beforeAll(async () => {
  lwa = await startLwaStandIn();
});

afterAll(async () => {
  await lwa?.stop();
});

/** Prism on one model, a recorder in front, and a client pointed at it; `exchanges` holds what Prism answered. */
function prismFor(modelFile: string): { client: () => AmazonClient; exchanges: PrismExchange[]; call: <T>(fn: () => Promise<T>) => Promise<T>; expectAllValid: (count: number) => void } {
  let prism: RunningPrism | undefined;
  let proxy: RunningRecorder | undefined;
  let client: AmazonClient | undefined;
  const exchanges: PrismExchange[] = [];
  beforeAll(async () => {
    prism = await startPrism({ mode: 'mock', spec: model(modelFile), startTimeoutMs: 60_000 });
    proxy = await startPrismRecorder(prism.url, (exchange) => exchanges.push(exchange));
    client = contractAmazonClient(proxy.url, lwa!.tokenEndpoint, { sellerId: 'A3SELLERCONTRACT' });
  }, 90_000);
  afterAll(async () => {
    await Promise.all([prism?.stop(), proxy?.stop()]);
  });
  return {
    client: () => client!,
    exchanges,
    async call(fn) {
      exchanges.length = 0;
      try {
        return await fn();
      } catch (error) {
        const seen = exchanges.map((e) => `${e.method} ${e.url} → ${e.status} ${e.violations ?? ''}`).join('\n');
        throw new Error(`${(error as Error).message}\nPrism exchanges:\n${seen}`, { cause: error });
      }
    },
    expectAllValid(count) {
      expect(exchanges).toHaveLength(count);
      for (const e of exchanges) expect({ url: e.url, success: e.status >= 200 && e.status < 300, violations: e.violations }).toEqual({ url: e.url, success: true, violations: undefined });
    },
  };
}

describe('Listings Items 2021-08-01 requests against the official model (Prism --errors)', () => {
  const prism = prismFor('listingsItems_2021-08-01.json');
  const body = { productType: 'LUGGAGE', requirements: 'LISTING', attributes: { item_name: [{ value: 'Hardside Carry-On Spinner Suitcase', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }] } };

  it('getListingsItem with every includedData and issueLocale, for a SKU with a space, a slash, a hash and Japanese', async () => {
    const { item } = await prism.call(() =>
      prism.client().getListingsItem({ sku: 'GM ZD/PI#9B4E-赤', issueLocale: 'en_US', includedData: ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'] }),
    );
    prism.expectAllValid(1);
    expect(prism.exchanges[0]?.url).toBe(
      '/listings/2021-08-01/items/A3SELLERCONTRACT/GM%20ZD%2FPI%239B4E-%E8%B5%A4?marketplaceIds=ATVPDKIKX0DER&issueLocale=en_US' +
        '&includedData=summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes',
    );
    expect(item.sku).toBe('GM-ZDPI-9B4E');
  });

  it('putListingsItem, plain and in VALIDATION_PREVIEW with identifiers', async () => {
    const applied = await prism.call(() => prism.client().putListingsItem({ sku: 'GM-ZDPI-9B4E', body, issueLocale: 'en_US' }));
    prism.expectAllValid(1);
    expect(applied.submission.sku).toBe('GM-ZDPI-9B4E');
    await prism.call(() => prism.client().putListingsItem({ sku: 'GM-ZDPI-9B4E', body, mode: 'VALIDATION_PREVIEW', includedData: ['identifiers', 'issues'] }));
    prism.expectAllValid(1);
  });

  it('patchListingsItem with replace, merge and delete operations, and in VALIDATION_PREVIEW', async () => {
    const patch = {
      productType: 'LUGGAGE',
      patches: [
        { op: 'replace', path: '/attributes/item_name', value: [{ value: 'Spinner Suitcase', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }] },
        { op: 'merge', path: '/attributes/purchasable_offer', value: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: '99.99' }] }] }] },
        { op: 'delete', path: '/attributes/bullet_point', value: [{ marketplace_id: 'ATVPDKIKX0DER' }] },
      ],
    };
    await prism.call(() => prism.client().patchListingsItem({ sku: 'GM-ZDPI-9B4E', body: patch, includedData: ['issues'] }));
    prism.expectAllValid(1);
    await prism.call(() => prism.client().patchListingsItem({ sku: 'GM-ZDPI-9B4E', body: patch, mode: 'VALIDATION_PREVIEW' }));
    prism.expectAllValid(1);
  });

  it('deleteListingsItem', async () => {
    const { submission } = await prism.call(() => prism.client().deleteListingsItem({ sku: 'GM-ZDPI-9B4E', issueLocale: 'en_US' }));
    prism.expectAllValid(1);
    expect(submission.status).toBe('ACCEPTED');
  });
});

describe('Product Type Definitions 2020-09-01 requests against the official model (Prism --errors)', () => {
  const prism = prismFor('definitionsProductTypes_2020-09-01.json');

  it('getDefinitionsProductType with the defaults and with every option', async () => {
    const { definition } = await prism.call(() => prism.client().getDefinitionsProductType({ productType: 'LUGGAGE' }));
    prism.expectAllValid(1);
    expect(definition.productType).toBe('LUGGAGE');
    await prism.call(() =>
      prism.client().getDefinitionsProductType({ productType: 'LUGGAGE', productTypeVersion: 'U8L4Fm6NmqF0=', requirements: 'LISTING_OFFER_ONLY', requirementsEnforced: 'NOT_ENFORCED', locale: 'ja_JP', parentageLevel: 'PARENT' }),
    );
    prism.expectAllValid(1);
  });

  it('searchDefinitionsProductTypes by keywords and by itemName', async () => {
    const { list } = await prism.call(() => prism.client().searchDefinitionsProductTypes({ keywords: ['luggage', 'suitcase'], locale: 'en_US', searchLocale: 'en_US' }));
    prism.expectAllValid(1);
    expect(list.productTypes[0]?.name).toBe('LUGGAGE');
    await prism.call(() => prism.client().searchDefinitionsProductTypes({ itemName: 'Hardside Carry-On Spinner Suitcase' }));
    prism.expectAllValid(1);
  });
});

describe('Feeds 2021-06-30 requests against the official model (Prism --errors)', () => {
  const prism = prismFor('feeds_2021-06-30.json');

  it('createFeedDocument for a JSON feed and createFeed JSON_LISTINGS_FEED', async () => {
    const { document } = await prism.call(() => prism.client().createFeedDocument('application/json; charset=UTF-8'));
    prism.expectAllValid(1);
    const { feedId } = await prism.call(() => prism.client().createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: document.feedDocumentId, feedOptions: { note: 'contract' } }));
    prism.expectAllValid(1);
    expect(feedId).not.toBe('');
  });

  it('getFeed, cancelFeed, getFeedDocument', async () => {
    const { feed } = await prism.call(() => prism.client().getFeed('50014019222'));
    prism.expectAllValid(1);
    expect(feed.processingStatus).not.toBe('');
    await prism.call(() => prism.client().cancelFeed('50014019222'));
    prism.expectAllValid(1);
    const { document } = await prism.call(() => prism.client().getFeedDocument('amzn1.tortuga.4.na.0356cf79'));
    prism.expectAllValid(1);
    expect(document.url).not.toBe('');
  });

  it('getFeeds with every filter, then with the nextToken alone', async () => {
    await prism.call(() =>
      prism.client().getFeeds({
        feedTypes: ['JSON_LISTINGS_FEED'],
        marketplaceIds: ['ATVPDKIKX0DER'],
        pageSize: 100,
        processingStatuses: ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'],
        createdSince: '2026-03-01T00:00:00Z',
        createdUntil: '2026-03-02T00:00:00Z',
      }),
    );
    prism.expectAllValid(1);
    await prism.call(() => prism.client().getFeeds({ nextToken: 'VGhpcyB0b2tlbiBpcyBvcGFxdWU=' }));
    prism.expectAllValid(1);
  });
});
