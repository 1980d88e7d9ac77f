/**
 * The XML feeds' ProcessingReport (AmazonEnvelope) through `caravan map amazon.feed-report`:
 * held-out reports of interchange/Amazon-MWS (test/fixtures/amazon/heldout/SOURCE.md) and
 * minimal edits of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmazonXmlProcessingReport } from '../../../connectors/amazon/schemas/feed-processing-report-xml.js';
import type { ListingFeedOutcome, ListingFeedSummary } from '../../../mappings/canonical/index.js';
import { caravanMap, scratchFiles } from '../../cli/map-harness.js';

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');
const fixture = (name: string) => join(HELDOUT, name);
const write = scratchFiles('caravan-feed-xml-');

async function records(file: string): Promise<(ListingFeedOutcome | ListingFeedSummary | { error: { field: string; message: string } })[]> {
  const { code, stderr, stdout } = await caravanMap('amazon.feed-report', file);
  expect(stderr).toBe('');
  expect(code === 0 || code === 1).toBe(true);
  return JSON.parse(stdout) as (ListingFeedOutcome | ListingFeedSummary)[];
}

describe('XML ProcessingReport → feed outcomes + summary', () => {
  it('six brand-gating errors (6024/6025/6026): a rejected outcome per message with its SKU; message 5 is counted accepted', async () => {
    const out = await records(fixture('feed-processing-report.brand-errors.xml'));
    expect(out).toHaveLength(7);
    expect(out[0]).toEqual({
      channel: 'amazon',
      vendor: 'amazon',
      feedId: '123412341234',
      messageId: 1,
      sku: '16414',
      outcome: 'rejected',
      issues: [{ code: '6024', severity: 'error', message: 'Seller is not authorized to list products by this brand name in this product line or category. For more details, see http://sellercentral.amazon.de/gp/errorcode/6024' }],
      refs: {},
    });
    expect(out.slice(0, 6).map((o) => [(o as ListingFeedOutcome).messageId, (o as ListingFeedOutcome).sku])).toEqual([
      [1, '16414'],
      [2, '12110'],
      [3, '12112'],
      [4, '14742'],
      [6, '12194'],
      [7, '16415'],
    ]);
    expect(out[6]).toEqual({ channel: 'amazon', vendor: 'amazon', feedId: '123412341234', messagesProcessed: 7, messagesAccepted: 1, messagesInvalid: 6, errors: 6, warnings: 0, refs: { sellerId: '_MERCHANT_ID_' } });
  });

  it('a Warning result (entities &apos; decoded) is accepted-with-warnings', async () => {
    const [outcome, summary] = await records(fixture('feed-processing-report.warning.xml'));
    expect(outcome).toMatchObject({ messageId: 1, sku: '16446', outcome: 'accepted-with-warnings', issues: [{ code: '5000', severity: 'warning', message: "The update for Sku '16446' was skipped because it is identical to the update in feed 'xxxxx'." }] });
    expect(summary).toMatchObject({ messagesAccepted: 1, errors: 0, warnings: 1 });
  });

  it('an order-fulfillment feed result names the order (AdditionalInfo.AmazonOrderID) in refs', async () => {
    const out = await records(fixture('feed-processing-report.order-fulfillment.xml'));
    expect(out.slice(0, 3).map((o) => [(o as ListingFeedOutcome).messageId, (o as ListingFeedOutcome).refs])).toEqual([
      [1, { amazonOrderId: '302-6666666-6666666' }],
      [2, { amazonOrderId: '302-5555555-5555555' }],
      [4, { amazonOrderId: '305-4444444-4444444' }],
    ]);
    expect((out[0] as ListingFeedOutcome).sku).toBeUndefined();
  });

  const edited = (from: string | RegExp, to: string) => readFileSync(fixture('feed-processing-report.warning.xml'), 'utf8').replace(from, to);

  it('MessageID 0 (an XML parsing error, code 5000) is the feed itself: one outcome without messageId; a Success result is no issue', async () => {
    const xml = edited('<MessageID>1</MessageID>\n\t\t\t\t<ResultCode>Warning</ResultCode>', '<MessageID>0</MessageID>\n\t\t\t\t<ResultCode>Error</ResultCode>').replace(
      '</ProcessingReport>',
      '<Result><MessageID>1</MessageID><ResultCode>Success</ResultCode></Result></ProcessingReport>',
    );
    const [feed, summary] = await records(write('feed-level.xml', xml));
    expect(feed).toMatchObject({ feedId: '12341234', outcome: 'rejected', issues: [{ code: '5000', severity: 'error' }] });
    expect((feed as ListingFeedOutcome).messageId).toBeUndefined();
    expect(summary).toMatchObject({ errors: 1, warnings: 0 });
  });

  it('a count that is no number and a result without its description are rejected naming the XML element', async () => {
    const badCount = await parseAmazonXmlProcessingReport(edited('<MessagesProcessed>1</MessagesProcessed>', '<MessagesProcessed>one</MessagesProcessed>'));
    expect(badCount).toMatchObject({ ok: false, issues: [{ path: 'ProcessingReport.ProcessingSummary.MessagesProcessed' }] });
    const noDescription = await records(write('no-description.xml', edited(/<ResultDescription>[^<]*<\/ResultDescription>/, '')));
    expect(noDescription).toMatchObject([{ error: { field: 'ProcessingReport.Result[0].ResultDescription' } }]);
  });

  it('XML that is not well-formed is one rejection, not a crash', async () => {
    expect(await parseAmazonXmlProcessingReport('<AmazonEnvelope><MessageType>ProcessingReport</MessageType><Message>')).toMatchObject({ ok: false, issues: [{ path: '', message: expect.stringMatching(/^not well-formed XML/) }] });
  });

  it('given to amazon.order, the report says which kind maps it', async () => {
    const file = fixture('feed-processing-report.warning.xml');
    const { code, stderr } = await caravanMap('amazon.order', file);
    expect(code).toBe(1);
    expect(stderr).toContain('this is an Amazon XML feed processing report (AmazonEnvelope ProcessingReport)');
    expect(stderr).toContain('try `caravan map amazon.feed-report');
  });
});
