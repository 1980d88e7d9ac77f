/**
 * JSON_LISTINGS_FEED documents: what buildListingsFeed/splitListingsFeed produce validates
 * against Amazon's own listings-feed-schema-v2.json (draft-07, Ajv), a message the schema
 * refuses is refused naming its SKU, and messages split into the fewest feeds that fit
 * 25,000 messages and 10 MiB.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildListingsFeed, LISTINGS_FEED_MAX_BYTES, LISTINGS_FEED_MAX_MESSAGES, splitListingsFeed } from '../../../connectors/amazon/index.js';
import { ConnectorError } from '../../../connectors/http/errors.js';
import { feedsFixture, feedsFixtureText, listingsFixture } from './listings-test-kit.js';

const schema = feedsFixture('listings-feed-schema-v2.json');
const ajv = new Ajv({ allErrors: true, strict: false });
const validateFeed = ajv.compile(schema);

/** peddler's real JSON_LISTINGS_FEED message (UPDATE, LISTING_OFFER_ONLY), without its messageId. */
const { messageId: _ignored, ...UPDATE } = (JSON.parse(feedsFixtureText('upload-feed.peddler.json')) as { messages: Record<string, unknown>[] }).messages[0]!;
const PATCH = { sku: 'SKU 2/B', operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] }] };
const PARTIAL = { sku: '商品-赤', operationType: 'PARTIAL_UPDATE', productType: 'LUGGAGE', attributes: { item_name: [{ value: 'スーツケース', language_tag: 'ja_JP', marketplace_id: 'A1VC38T7YXB528' }] } };
const DELETE = { sku: 'OLD#1', operationType: 'DELETE' };

function thrown(fn: () => unknown): ConnectorError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a ConnectorError');
}

describe('buildListingsFeed', () => {
  it('builds a feed of every operation type that Amazon’s schema accepts: header version 2.0, issueLocale, report, numbered messages', () => {
    const feed = buildListingsFeed({ sellerId: 'A34PPN1ZLYCOGT', issueLocale: 'en_US', reportIncludedData: ['issues', 'summaries'] }, [UPDATE, PATCH, PARTIAL, DELETE]);
    expect(validateFeed(feed), JSON.stringify(validateFeed.errors)).toBe(true);
    expect(feed.header).toEqual({ sellerId: 'A34PPN1ZLYCOGT', version: '2.0', issueLocale: 'en_US', report: { includedData: ['issues', 'summaries'], apiVersion: '2021-08-01' } });
    expect(feed.messages.map((m) => [m.messageId, m.sku, m.operationType])).toEqual([
      [1, 'SKU123', 'UPDATE'],
      [2, 'SKU 2/B', 'PATCH'],
      [3, '商品-赤', 'PARTIAL_UPDATE'],
      [4, 'OLD#1', 'DELETE'],
    ]);
  });

  it('rebuilds peddler’s recorded upload byte for byte', () => {
    const feed = buildListingsFeed({ sellerId: 'A34PPN1ZLYCOGT', issueLocale: 'en_US' }, [UPDATE]);
    expect(JSON.stringify(feed)).toBe(feedsFixtureText('upload-feed.peddler.json'));
  });

  it('the schema’s own example messages, rebuilt, still validate', () => {
    const example = listingsFixture('listings-feed-schema-v2.example.json') as { messages: Record<string, unknown>[] };
    const feed = buildListingsFeed({ sellerId: 'AXXXXXXXXXXXX' }, example.messages.map(({ messageId: _id, ...m }) => m));
    expect(validateFeed(feed), JSON.stringify(validateFeed.errors)).toBe(true);
    expect(feed.messages).toEqual(example.messages);
  });

  it.each([
    [{ ...UPDATE, patches: PATCH.patches }, 'message 0 (SKU SKU123): (root): Unrecognized key: "patches"'],
    [{ sku: 'A', operationType: 'UPDATE', productType: 'P', attributes: {} }, 'message 0 (SKU A): attributes: attributes needs at least one attribute'],
    [{ sku: 'A', operationType: 'PATCH', productType: 'P', patches: [] }, 'message 0 (SKU A): patches: Too small'],
    [{ sku: 'A', operationType: 'DELETE', productType: 'P' }, 'message 0 (SKU A): (root): Unrecognized key: "productType"'],
    [{ sku: 'A', operationType: 'PARTIAL_UPDATE', productType: 'P', requirements: 'LISTING', attributes: { a: 1 } }, 'message 0 (SKU A): (root): Unrecognized key: "requirements"'],
    [{ sku: '', operationType: 'DELETE' }, 'message 0 (SKU ): sku: Too small'],
    [{ sku: 'A', operationType: 'REPLACE' }, 'message 0 (SKU A): operationType:'],
  ])('refuses what the schema refuses: %j', (message, expected) => {
    const error = thrown(() => buildListingsFeed({ sellerId: 'S' }, [message]));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain(`Amazon buildListingsFeed: ${expected}`);
    // The schema agrees: the same message, numbered, does not validate.
    expect(validateFeed({ header: { sellerId: 'S', version: '2.0' }, messages: [{ messageId: 1, ...message }] })).toBe(false);
  });

  it('refuses an empty feed and a blank sellerId', () => {
    expect(thrown(() => buildListingsFeed({ sellerId: 'S' }, [])).message).toBe('Amazon buildListingsFeed: a listings feed needs at least one message');
    expect(thrown(() => buildListingsFeed({ sellerId: ' ' }, [DELETE])).message).toBe('Amazon buildListingsFeed: header sellerId must be a non-empty string');
    expect(thrown(() => buildListingsFeed({ sellerId: 'S', reportIncludedData: ['identifiers' as never] }, [DELETE])).message).toBe(
      'Amazon buildListingsFeed: header reportIncludedData: "identifiers" is not one of summaries, attributes, issues, offers, fulfillmentAvailability, procurement, relationships, productTypes',
    );
  });
});

describe('splitListingsFeed', () => {
  it('uses Amazon’s limits: 25,000 messages (the schema’s maxItems) and 10 MiB', () => {
    expect(LISTINGS_FEED_MAX_MESSAGES).toBe((schema as { properties: { messages: { maxItems: number } } }).properties.messages.maxItems);
    expect(LISTINGS_FEED_MAX_BYTES).toBe(10_485_760);
  });

  it('one feed when everything fits; its content is the JSON of the document', () => {
    const [part, ...rest] = splitListingsFeed({ sellerId: 'S' }, [UPDATE, DELETE]);
    expect(rest).toEqual([]);
    expect(JSON.parse(part!.content)).toEqual(part!.feed);
    expect(part!.bytes).toBe(Buffer.byteLength(part!.content));
    expect(part!.skus).toEqual(['SKU123', 'OLD#1']);
  });

  it('25,001 small messages make two feeds: 25,000 and 1, ids continuing, each valid', () => {
    const messages = Array.from({ length: 25_001 }, (_, i) => ({ sku: `SKU-${i}`, operationType: 'DELETE' }));
    const parts = splitListingsFeed({ sellerId: 'S' }, messages);
    expect(parts.map((p) => p.feed.messages.length)).toEqual([25_000, 1]);
    expect(parts[1]!.feed.messages[0]).toEqual({ messageId: 25_001, sku: 'SKU-25000', operationType: 'DELETE' });
    for (const p of parts) expect(validateFeed(p.feed)).toBe(true);
  });

  it('by bytes: each feed stays within the limit and is filled before the next starts (multi-byte text counted in UTF-8)', () => {
    const message = (i: number) => ({ ...PARTIAL, sku: `商品-${i}`, attributes: { item_name: [{ value: 'ス'.repeat(300), language_tag: 'ja_JP' }] } });
    const messages = Array.from({ length: 40 }, (_, i) => message(i));
    const one = Buffer.byteLength(JSON.stringify({ messageId: 10, ...message(10) }));
    const frame = Buffer.byteLength(JSON.stringify({ header: { sellerId: 'S', version: '2.0' }, messages: [] }));
    // Room for exactly 7 messages (and their commas).
    const maxBytes = frame + 7 * one + 6 + 5;
    const parts = splitListingsFeed({ sellerId: 'S' }, messages, { maxBytes });
    expect(parts.map((p) => p.feed.messages.length)).toEqual([7, 7, 7, 7, 7, 5]);
    for (const p of parts) {
      expect(p.bytes).toBeLessThanOrEqual(maxBytes);
      expect(validateFeed(p.feed)).toBe(true);
    }
    // Fewest feeds: 40 messages at most 7 per feed need ⌈40 / 7⌉ = 6.
    expect(parts).toHaveLength(Math.ceil(40 / 7));
    expect(parts.flatMap((p) => p.feed.messages.map((m) => m.messageId))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a message larger than a whole feed is refused, naming its SKU', () => {
    const error = thrown(() => splitListingsFeed({ sellerId: 'S' }, [DELETE, UPDATE], { maxBytes: 200 }));
    expect(error.message).toMatch(/^Amazon buildListingsFeed: message 1 \(SKU SKU123\) is \d+ bytes: no feed of at most 200 bytes holds it$/);
  });
});
