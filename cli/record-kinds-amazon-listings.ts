/**
 * `caravan map` kinds for Amazon listings payloads: Listings Items API 2021-08-01 replies
 * (`amazon.listings-item`: getListingsItem / searchListingsItems → canonical Listing per
 * marketplace; `amazon.listings-submission`: put/patch/delete replies → canonical
 * ListingSubmission) and the JSON_LISTINGS_FEED processing report (`amazon.feed-report` →
 * canonical feed outcome per message + summary; `--feed` names the SKU of each messageId).
 * Files may be bare replies, recorded exchanges or VCR cassettes (`caravan map` reads the
 * cassette's last reply into the text). Kept apart from record-kinds.ts; only types come from there.
 */
import { rejectionOf } from './record-kit.js';
import { recordRejection } from '../activities/record-rejections.js';
import { recogniseAmazonErrorReply } from '../connectors/amazon/errors.js';
import { isAmazonXmlProcessingReport, parseAmazonXmlProcessingReport } from '../connectors/amazon/schemas/feed-processing-report-xml.js';
import { AmazonFeedProcessingReportSchema, AmazonListingsFeedSchema, isAmazonFeedProcessingReport, isAmazonListingsFeed, type AmazonFeedProcessingReport } from '../connectors/amazon/schemas/feeds.js';
import {
  isAmazonListingsItem,
  isAmazonListingsSearchReply,
  isAmazonListingsSubmission,
  parseAmazonListingsItem,
  parseAmazonListingsSubmission,
} from '../connectors/amazon/schemas/listings-items-2021-08-01.js';
import { AMAZON_FEED_REPORT_RECORD_TYPE, amazonFeedReportToRecords, unknownFeedMessages } from '../mappings/amazon/feed-report.js';
import { AMAZON_LISTINGS_ITEM_RECORD_TYPE, AMAZON_LISTINGS_SUBMISSION_RECORD_TYPE, amazonListingsItemToListings, amazonListingsSubmissionToRecord } from '../mappings/amazon/listings-item.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import { CliError } from './output.js';
import { refuseDocumentReference } from './record-kinds-reports.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

function mapped<T>(r: MappingResult<T>): MappedRecord {
  if (r.ok) return { ok: true, record: r.value };
  return { ok: false, error: rejectionOf(r.error) };
}

function schemaRejected(recordType: string, id: string | undefined, prefix: string, issues: readonly { path: string; message: string }[]): MappedRecord {
  const at = (p: string) => (prefix === '' ? p || '(root)' : p === '' ? prefix : `${prefix}.${p}`);
  return { ok: false, error: recordRejection(recordType, id, 'schema', issues.map((i) => ({ field: at(i.path), message: i.message }))) };
}

/** The payload: a recorded exchange's body (`{ response: { body } }`), else the document itself. */
function payloadOf(input: MapInputFile): unknown {
  const doc = input.json();
  if (isObject(doc) && isObject(doc.response) && 'body' in doc.response) {
    const body = doc.response.body;
    if (typeof body !== 'string') return body;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  return doc;
}

/** Names a file that belongs to another of these kinds. */
function refuseOtherListingsShapes(input: MapInputFile, doc: unknown, kind: string, expects: string): void {
  const first = Array.isArray(doc) ? doc[0] : doc;
  const other =
    isAmazonListingsSubmission(first) ? ['amazon.listings-submission', 'a Listings Items put/patch/delete reply (ListingsItemSubmissionResponse)']
    : isAmazonListingsSearchReply(first) || isAmazonListingsItem(first) ? ['amazon.listings-item', 'a Listings Items getListingsItem/searchListingsItems reply']
    : isAmazonFeedProcessingReport(first) ? ['amazon.feed-report', 'a JSON_LISTINGS_FEED processing report']
    : isAmazonListingsFeed(first) ? [undefined, 'a submitted JSON_LISTINGS_FEED (give it to amazon.feed-report as --feed beside its processing report)']
    : undefined;
  if (other === undefined || other[0] === kind) return;
  throw new CliError(`${input.file}: this is ${other[1]}, not ${expects}${other[0] === undefined ? '' : `; try \`caravan map ${other[0]} ${input.file}\``}`, 1);
}

function listingsItemsIn(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc.flatMap(listingsItemsIn);
  if (isAmazonListingsSearchReply(doc)) return doc.items;
  return [doc];
}

const LISTINGS_ITEM_EXPECTS = 'an Amazon Listings Items getListingsItem/searchListingsItems reply';
const SUBMISSION_EXPECTS = 'an Amazon Listings Items put/patch/delete reply';
const FEED_REPORT_EXPECTS = 'an Amazon JSON_LISTINGS_FEED processing report';

function readFeed(feed: MapInputFile | undefined) {
  if (feed === undefined) return undefined;
  const parsed = AmazonListingsFeedSchema.safeParse(feed.json());
  if (!parsed.success) {
    throw new CliError(`${feed.file} is not a JSON_LISTINGS_FEED (listings-feed-schema-v2): ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, 1);
  }
  return parsed.data;
}

export const AMAZON_LISTING_RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.listings-item': {
    description:
      'Amazon Listings Items API 2021-08-01 getListingsItem reply, searchListingsItems reply (items[]) or Item array → canonical Listing per marketplace summary (price, quantity, status, issues)',
    expects: LISTINGS_ITEM_EXPECTS,
    operation: 'getListingsItem',
    recogniseError: recogniseAmazonErrorReply,
    map(input, _extra, { channel }) {
      const doc = payloadOf(input);
      refuseOtherListingsShapes(input, doc, 'amazon.listings-item', LISTINGS_ITEM_EXPECTS);
      const items = listingsItemsIn(doc);
      const many = Array.isArray(doc) || isAmazonListingsSearchReply(doc);
      if (items.length === 0 && !many) throw new CliError(`${input.file} holds no listings items: expected ${LISTINGS_ITEM_EXPECTS}`, 1);
      return items.flatMap((raw, i): MappedRecord[] => {
        const parsed = parseAmazonListingsItem(raw);
        if (!parsed.ok) return [schemaRejected(AMAZON_LISTINGS_ITEM_RECORD_TYPE, parsed.id, many ? `items[${i}]` : '', parsed.issues)];
        return amazonListingsItemToListings(parsed.value, { channel }).map(mapped);
      });
    },
  },
  'amazon.listings-submission': {
    description: 'Amazon Listings Items API 2021-08-01 putListingsItem/patchListingsItem/deleteListingsItem reply (ListingsItemSubmissionResponse) → canonical ListingSubmission (accepted/invalid/valid, issues)',
    expects: SUBMISSION_EXPECTS,
    operation: 'patchListingsItem',
    recogniseError: recogniseAmazonErrorReply,
    map(input, _extra, { channel }) {
      const doc = payloadOf(input);
      refuseOtherListingsShapes(input, doc, 'amazon.listings-submission', SUBMISSION_EXPECTS);
      const replies = Array.isArray(doc) ? doc : [doc];
      return replies.map((raw, i): MappedRecord => {
        const parsed = parseAmazonListingsSubmission(raw);
        if (!parsed.ok) return schemaRejected(AMAZON_LISTINGS_SUBMISSION_RECORD_TYPE, parsed.id, Array.isArray(doc) ? `[${i}]` : '', parsed.issues);
        return mapped(amazonListingsSubmissionToRecord(parsed.value, { channel }));
      });
    },
  },
  'amazon.feed-report': {
    description:
      'Amazon JSON_LISTINGS_FEED processing report (listings-feed-processing-report-schema-v2), or an XML feed\'s ProcessingReport (AmazonEnvelope) → canonical feed outcome per message (accepted, accepted-with-warnings, rejected) + summary; --feed takes the submitted feed to name each message\'s SKU',
    expects: FEED_REPORT_EXPECTS,
    operation: 'getFeedDocument',
    recogniseError: recogniseAmazonErrorReply,
    async map(input, extra, { channel }) {
      let parsed: { success: true; data: AmazonFeedProcessingReport } | { success: false; issues: { path: string; message: string }[] };
      if (isAmazonXmlProcessingReport(input.text)) {
        const xml = await parseAmazonXmlProcessingReport(input.text);
        parsed = xml.ok ? { success: true, data: xml.value } : { success: false, issues: xml.issues };
      } else {
        refuseDocumentReference(input, FEED_REPORT_EXPECTS);
        const doc = payloadOf(input);
        refuseOtherListingsShapes(input, doc, 'amazon.feed-report', FEED_REPORT_EXPECTS);
        const json = AmazonFeedProcessingReportSchema.safeParse(doc);
        parsed = json.success ? { success: true, data: json.data } : { success: false, issues: json.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
      }
      if (!parsed.success) return [schemaRejected(AMAZON_FEED_REPORT_RECORD_TYPE, undefined, '', parsed.issues)];
      const feedFile = (extra as { feed?: MapInputFile }).feed;
      const feed = readFeed(feedFile);
      if (feed !== undefined) {
        const unknown = unknownFeedMessages(parsed.data, feed);
        if (unknown.length > 0) throw new CliError(`${input.file}: message id(s) ${unknown.join(', ')} are not in ${feedFile!.file}: is it the feed this report is of?`, 1);
      }
      const outcomes = amazonFeedReportToRecords(parsed.data, { channel, ...(feed === undefined ? {} : { feed }) }).map(mapped);
      // Listings Items the report carries when the feed asked for them (header.report.includedData).
      const items = (parsed.data.items ?? []).flatMap((raw, i): MappedRecord[] => {
        const item = parseAmazonListingsItem(raw);
        if (!item.ok) return [schemaRejected(AMAZON_LISTINGS_ITEM_RECORD_TYPE, item.id, `items[${i}]`, item.issues)];
        return amazonListingsItemToListings(item.value, { channel }).map(mapped);
      });
      return [...outcomes, ...items];
    },
  },
};
