/** Alibaba.com listing publish and stock verdicts: the product document of a payload, the feed message, verdicts from the connector's per-SKU replies. */
import { describe, expect, it } from 'vitest';
import type { AlibabaFeedResults, AlibabaListingReply, AlibabaQuantityReply } from '../../../connectors/alibaba/index.js';
import {
  alibabaFeedVerdicts,
  alibabaListingFeedMessage,
  alibabaListingMarketplace,
  alibabaListingSubmissionVerdict,
  alibabaListingWriteRequest,
  alibabaQuantityFeedVerdicts,
  alibabaQuantityVerdict,
} from '../../../mappings/alibaba/index.js';

const payload = { productType: '100009031', attributes: { subject: '不锈钢保温杯', wholesale_trade: { price: '12.50' } } };

describe('Alibaba.com listing adapter', () => {
  it('knows the one marketplace, and no other', () => {
    expect(alibabaListingMarketplace('ALIBABA')).toEqual({ id: 'ALIBABA', country: 'CN', currency: 'USD' });
    expect(alibabaListingMarketplace('ALIEXPRESS')).toBeUndefined();
  });

  it('writes the attributes with the category id and the SKU; a SKU list of the attributes is left as given', () => {
    expect(alibabaListingWriteRequest('FLASK-1', payload)).toEqual({ subject: '不锈钢保温杯', wholesale_trade: { price: '12.50' }, sku_code: 'FLASK-1', category_id: 100009031 });
    const withSkus = { productType: '100009031', attributes: { subject: 'x', product_sku: { skus: [{ sku_code: 'FLASK-1' }] } } };
    expect(alibabaListingWriteRequest('FLASK-1', withSkus)).not.toHaveProperty('sku_code');
    expect(alibabaListingFeedMessage('FLASK-1', payload)).toEqual({ sku: 'FLASK-1', product: alibabaListingWriteRequest('FLASK-1', payload) });
  });

  it('reads a reply: accepted, valid, rejected with the platform code; an unreadable reply is a rejection', () => {
    const reply = (o: Partial<AlibabaListingReply>): AlibabaListingReply => ({ sku: 'A', operation: 'add', status: 'accepted', issues: [], ...o });
    expect(alibabaListingSubmissionVerdict(reply({ requestId: 'r1' }), 'c')).toEqual({ status: 'accepted', issues: [], submissionId: 'r1' });
    expect(alibabaListingSubmissionVerdict(reply({ operation: 'validate', status: 'valid' }), 'c')).toEqual({ status: 'valid', issues: [] });
    expect(alibabaListingSubmissionVerdict(reply({ status: 'rejected', issues: [{ code: 'PRODUCT_SUBJECT_INVALID', message: '标题含违禁词' }] }), 'c')).toEqual({
      status: 'rejected',
      issues: [{ code: 'PRODUCT_SUBJECT_INVALID', message: '标题含违禁词', severity: 'error' }],
    });
    expect(alibabaListingSubmissionVerdict({ nope: true }, 'c')).toMatchObject({ status: 'rejected', issues: [{ code: 'unreadable_reply' }] });
  });

  it('reads a feed: one verdict per SKU sent, a SKU the results miss rejected', () => {
    const report: AlibabaFeedResults = {
      feedId: 'f',
      kind: 'listings',
      results: [
        { sku: 'A', operation: 'update', status: 'accepted', issues: [] },
        { sku: 'B', operation: 'add', status: 'rejected', issues: [{ code: 'X', message: 'bad' }] },
      ],
    };
    const v = alibabaFeedVerdicts(report, [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }], 'c');
    expect(v.feedIssues).toEqual([]);
    expect(v.verdicts.map((x) => [x.sku, x.status])).toEqual([
      ['A', 'accepted'],
      ['B', 'rejected'],
      ['C', 'rejected'],
    ]);
    expect(alibabaFeedVerdicts('garbage', [{ sku: 'A' }], 'c').feedIssues).toMatchObject([{ code: 'unreadable_report' }]);
  });
});

describe('Alibaba.com stock verdicts', () => {
  const q = (o: Partial<AlibabaQuantityReply>): AlibabaQuantityReply => ({ sku: 'A', quantity: 3, status: 'accepted', issues: [], ...o });

  it('reads one reply, or says why not', () => {
    expect(alibabaQuantityVerdict(q({ requestId: 'r' }))).toEqual({ status: 'accepted', issues: [], submissionId: 'r' });
    expect(alibabaQuantityVerdict(q({ status: 'rejected', issues: [{ code: 'sku_not_listed', message: 'no product' }] }))).toMatchObject({ status: 'rejected', issues: [{ code: 'sku_not_listed', severity: 'error' }] });
    expect(alibabaQuantityVerdict(undefined)).toMatchObject({ unreadable: expect.stringContaining('not an Alibaba.com stock reply') });
  });

  it('reads a quantities feed for the SKUs asked', () => {
    const report: AlibabaFeedResults = { feedId: 'f', kind: 'quantities', results: [q({ sku: 'A' }), q({ sku: 'B', status: 'rejected', issues: [{ message: 'locked' }] }), q({ sku: 'Z' })] };
    const m = alibabaQuantityFeedVerdicts(report, ['A', 'B', 'C']);
    expect([...m.keys()]).toEqual(['A', 'B']);
    expect(m.get('B')).toEqual({ status: 'rejected', issues: [{ message: 'locked', severity: 'error' }] });
  });
});
