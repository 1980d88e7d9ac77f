/**
 * AliExpress capabilities against nock: the listing target (SKU → product resolved through
 * product.list.get / product.info.get and cached, instance.post for a new SKU, full.update for a
 * known one, refusals as rejected submissions, feeds split by operation, job status and results,
 * the category schema), the inventory target (SKUs of one product in one entry, unknown SKUs
 * answered, stock feeds) and the shipment confirmer (order.fulfill through the registry's connection).
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ALIEXPRESS_CONNECTOR } from '../../../connectors/aliexpress/descriptor.js';
import { aliexpressInventoryTarget } from '../../../connectors/aliexpress/descriptor-inventory.js';
import { aliexpressListingTarget } from '../../../connectors/aliexpress/descriptor-listings.js';
import { batchCallsOf } from '../../../connectors/aliexpress/operations/stock.js';
import { AliexpressConnectionSettingsSchema } from '../../../connectors/aliexpress/config.js';
import type { AliexpressListingSubmission, AliexpressQuantitySubmission } from '../../../connectors/aliexpress/schemas/catalog.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { aliexpressQuantityVerdict } from '../../../mappings/aliexpress/inventory-update.js';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { ACCESS, APP_SECRET, fixture, makeClient, productPage, REFRESH, syncRouter, type Form } from './sync-harness.js';

isolateNetworkPerTest();

const PRODUCT_ID = '1005004638293060123';
const INFO = fixture('constructed/aliexpress.solution.product.info.get__bigid_zh.json');
const EMPTY = productPage([]);
const doc = (sku: string) => ({ category_id: 200000346, title_multi_language_list: [{ locale: 'zh_CN', title: '蓝牙耳机' }], sku_info_list: [{ sku_code: sku, price: '19.90', inventory: 3 }] });
const methods = (seen: Form[]) => seen.map((f) => f.method);
const listQuery = (f: Form) => JSON.parse(f.aeop_a_e_product_list_query!) as Record<string, unknown>;

describe('AliExpress listing target', () => {
  it('posts a SKU the seller does not have (after looking in every status), then updates it by the id it got', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': EMPTY,
      'aliexpress.solution.schema.product.instance.post': fixture('constructed/aliexpress.solution.schema.product.instance.post.json'),
      'aliexpress.solution.schema.product.full.update': fixture('constructed/aliexpress.solution.schema.product.full.update.json'),
    });
    const target = aliexpressListingTarget(client);
    const first = (await target.putListing({ sku: 'NEW-1', request: doc('NEW-1') })) as AliexpressListingSubmission;
    expect(first).toEqual({ sku: 'NEW-1', operation: 'instance.post', success: true, productId: '1005006000000000001', requestId: '0ba2887315178178177751045' });
    expect(seen.slice(0, 4).map(listQuery)).toEqual(
      ['onSelling', 'offline', 'auditing', 'editingRequired'].map((product_status_type) => ({ current_page: 1, page_size: 20, product_status_type, sku_code: 'NEW-1' })),
    );
    expect(JSON.parse(seen[4]!.product_instance_request!)).toEqual(doc('NEW-1'));

    const second = (await target.putListing({ sku: 'NEW-1', request: doc('NEW-1') })) as AliexpressListingSubmission;
    expect(second).toMatchObject({ operation: 'full.update', success: true, productId: '1005006000000000001' });
    expect(methods(seen).slice(5)).toEqual(['aliexpress.solution.schema.product.full.update']);
    expect(seen[5]!.schema_full_update_request).toBe(`${JSON.stringify(doc('NEW-1')).slice(0, -1)},"product_id":1005006000000000001}`);
  });

  it('finds a listed product’s SKUs with product.info.get and fully updates it; a refusal is a rejected submission', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': productPage([{ product_id: PRODUCT_ID, subject: '蓝牙耳机' }]),
      'aliexpress.solution.product.info.get': INFO,
      'aliexpress.solution.schema.product.full.update': fixture('constructed/aliexpress.solution.schema.product.instance.post__success_false.json'),
    });
    const target = aliexpressListingTarget(client);
    const reply = (await target.putListing({ sku: 'EAR-WHT', request: doc('EAR-WHT') })) as AliexpressListingSubmission;
    expect(methods(seen)).toEqual(['aliexpress.solution.product.list.get', 'aliexpress.solution.product.info.get', 'aliexpress.solution.schema.product.full.update']);
    expect(seen[1]!.product_id).toBe(PRODUCT_ID);
    expect(reply).toMatchObject({ sku: 'EAR-WHT', operation: 'full.update', success: false, productId: PRODUCT_ID, errorCode: 'F00-00-10007-007' });
    expect(reply.errorMessage).toContain('duplicate sku_code');
  });

  it('validateListing writes nothing: a document with a numeric category is valid, anything else is not', async () => {
    const { client } = makeClient();
    const target = aliexpressListingTarget(client);
    await expect(target.validateListing({ sku: 'A', request: doc('A') })).resolves.toEqual({ sku: 'A', operation: 'validate', success: true });
    await expect(target.validateListing({ sku: 'A', request: { title: 'x' } })).resolves.toMatchObject({ success: false, errorCode: 'category_id' });
    await expect(target.validateListing({ sku: 'A', request: 'x' })).resolves.toMatchObject({ success: false, errorCode: 'not_a_document' });
  });

  it('submits new SKUs as PRODUCT_CREATE and known ones as PRODUCT_FULL_UPDATE with their product id', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': (f) => (listQuery(f).sku_code === 'EAR-BLK' ? productPage([{ product_id: PRODUCT_ID }]) : EMPTY),
      'aliexpress.solution.product.info.get': INFO,
      'aliexpress.solution.feed.submit': fixture('retailcrm-top-client/aliexpress_solution_feed_submit.json'),
    });
    const target = aliexpressListingTarget(client);
    const messages = [
      { item_content_id: 'NEW-2', item_content: JSON.stringify(doc('NEW-2')) },
      { item_content_id: 'EAR-BLK', item_content: JSON.stringify(doc('EAR-BLK')) },
    ];
    const submission = await target.submitListingsFeed(messages);
    const submits = seen.filter((f) => f.method === 'aliexpress.solution.feed.submit');
    expect(submits.map((f) => f.operation_type)).toEqual(['PRODUCT_CREATE', 'PRODUCT_FULL_UPDATE']);
    expect(JSON.parse(submits[0]!.item_list!)).toEqual([messages[0]]);
    const [update] = JSON.parse(submits[1]!.item_list!) as { item_content_id: string; item_content: string }[];
    expect(update!.item_content_id).toBe('EAR-BLK');
    expect(update!.item_content).toBe(`{"product_id":${PRODUCT_ID},${JSON.stringify(doc('EAR-BLK')).slice(1)}`);
    expect(submission.feeds).toEqual([
      { feedId: '200000000060024475', skus: ['NEW-2'], messages: 1 },
      { feedId: '200000000060024475', skus: ['EAR-BLK'], messages: 1 },
    ]);
  });

  it('feedStatus reads the job’s status from feed.list.get, and asks feed.query about a job no longer listed', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.feed.list.get': fixture('retailcrm-top-client/aliexpress_solution_feed_list_get.json'),
      'aliexpress.solution.feed.query': fixture('retailcrm-top-client/aliexpress_solution_feed_query.json'),
    });
    const target = aliexpressListingTarget(client);
    await expect(target.feedStatus('2000000000123456')).resolves.toMatchObject({ feedId: '2000000000123456', state: 'in_progress', rawStatus: 'PROCESSING' });
    expect(seen[0]).toMatchObject({ current_page: '1', page_size: '50' });
    const old = await target.feedStatus('200000000060054475');
    expect(old).toMatchObject({ state: 'done', rawStatus: 'FINISH', resultDocumentId: '200000000060054475' });
    expect(methods(seen).at(-1)).toBe('aliexpress.solution.feed.query');
    const results = await target.feedResults('200000000060054475');
    expect(results).toMatchObject({ job_id: '200000000060054475', result_list: [{ item_content_id: 'A00000000Y1' }] });
  });

  it('splits a feed at 2000 items per job; a listed product carrying its SKUs indexes them all in one call', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    const skus = Array.from({ length: 2001 }, (_, i) => `S-${i}`);
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': productPage([{ product_id: PRODUCT_ID, aeop_ae_product_s_k_us: skus.map((sku_code) => ({ sku_code })) }]),
      'aliexpress.solution.feed.submit': fixture('retailcrm-top-client/aliexpress_solution_feed_submit.json'),
    });
    const submission = await aliexpressListingTarget(client).submitListingsFeed(skus.map((sku) => ({ item_content_id: sku, item_content: JSON.stringify(doc(sku)) })));
    expect(methods(seen)).toEqual(['aliexpress.solution.product.list.get', 'aliexpress.solution.feed.submit', 'aliexpress.solution.feed.submit']);
    expect(submission.feeds.map((f) => f.messages)).toEqual([2000, 1]);
    expect(seen.slice(1).map((f) => f.operation_type)).toEqual(['PRODUCT_FULL_UPDATE', 'PRODUCT_FULL_UPDATE']);
  });

  it('a SKU added to a known product since is found on the miss (the product is read again)', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    let infoReads = 0;
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': productPage([{ product_id: PRODUCT_ID }]),
      'aliexpress.solution.product.info.get': () => {
        infoReads++;
        // First read: the fixture's two SKUs; then a third has been added.
        return infoReads === 1 ? INFO : INFO.replace('"sku_code": "EAR-WHT"', '"sku_code": "EAR-WHT" }, { "sku_code": "EAR-RED"');
      },
      'aliexpress.solution.batch.product.inventory.update': fixture('retailcrm-top-client/aliexpress_solution_batch_product_inventory_update.json'),
    });
    const target = aliexpressInventoryTarget(client);
    await target.setQuantities([{ sku: 'EAR-BLK', marketplaceId: 'ALIEXPRESS', quantity: 1 }]);
    const [red] = await target.setQuantities([{ sku: 'EAR-RED', marketplaceId: 'ALIEXPRESS', quantity: 2 }]);
    expect(infoReads).toBe(2);
    expect(red!.submission).toMatchObject({ sku: 'EAR-RED', productId: PRODUCT_ID });
  });

  it('feed states: QUEUEING is queued, FINISH is done with the job as its result document', async () => {
    const { client } = makeClient();
    const jobs = { aliexpress_solution_feed_list_get_response: { job_list: { batch_operation_job_dto: [{ job_id: 11, status: 'QUEUEING' }, { job_id: 12, status: 'FINISH' }, { job_id: 13, status: 'PAUSED' }] }, total_page: 1 } };
    syncRouter([], { 'aliexpress.solution.feed.list.get': JSON.stringify(jobs) });
    const target = aliexpressListingTarget(client);
    await expect(target.feedStatus('11')).resolves.toMatchObject({ state: 'queued', rawStatus: 'QUEUEING' });
    await expect(target.feedStatus('12')).resolves.toMatchObject({ state: 'done', resultDocumentId: '12' });
    const unknown = await target.feedStatus('13');
    expect(unknown.state).toBeUndefined();
    expect(unknown.rawStatus).toBe('PAUSED');
  });

  it('productTypeSchema is the category’s schema from product.schema.get', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, { 'aliexpress.solution.product.schema.get': fixture('constructed/aliexpress.solution.product.schema.get__category_200000346.json') });
    const { schema } = await aliexpressListingTarget(client).productTypeSchema!('200000346', 'ALIEXPRESS');
    expect(seen[0]!.aliexpress_category_id).toBe('200000346');
    expect(schema).toMatchObject({ properties: { category_id: { const: 200000346 } } });
  });
});

describe('AliExpress inventory target', () => {
  it('groups the SKUs of one product into one entry and answers a SKU without a product', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': (f) => (String(listQuery(f).sku_code).startsWith('EAR-') ? productPage([{ product_id: PRODUCT_ID }]) : EMPTY),
      'aliexpress.solution.product.info.get': INFO,
      'aliexpress.solution.batch.product.inventory.update': fixture('retailcrm-top-client/aliexpress_solution_batch_product_inventory_update.json'),
    });
    const replies = await aliexpressInventoryTarget(client).setQuantities([
      { sku: 'EAR-BLK', marketplaceId: 'ALIEXPRESS', quantity: 5 },
      { sku: 'GONE', marketplaceId: 'ALIEXPRESS', quantity: 1 },
      { sku: 'EAR-WHT', marketplaceId: 'ALIEXPRESS', quantity: 0 },
    ]);
    // EAR-WHT came with EAR-BLK's product: no second lookup.
    expect(methods(seen).filter((m) => m === 'aliexpress.solution.product.info.get')).toHaveLength(1);
    const batch = seen.find((f) => f.method === 'aliexpress.solution.batch.product.inventory.update')!;
    expect(batch.mutiple_product_update_list).toBe(`[{"product_id":${PRODUCT_ID},"multiple_sku_update_list":[{"sku_code":"EAR-BLK","inventory":5},{"sku_code":"EAR-WHT","inventory":0}]}]`);
    expect(replies.map((r) => r.sku)).toEqual(['GONE', 'EAR-BLK', 'EAR-WHT']);
    expect(replies[0]!.submission).toMatchObject({ sku: 'GONE', errorCode: 'no_product_for_sku' });
    const ok = replies[1]!.submission as AliexpressQuantitySubmission;
    expect(ok).toMatchObject({ sku: 'EAR-BLK', productId: PRODUCT_ID, result: { update_success: true } });
  });

  it('a refused batch answers each of its SKUs with the code; stock feeds carry one item per SKU', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    syncRouter(seen, {
      'aliexpress.solution.product.list.get': productPage([{ product_id: PRODUCT_ID }]),
      'aliexpress.solution.product.info.get': INFO,
      'aliexpress.solution.batch.product.inventory.update': fixture('constructed/aliexpress.solution.batch.product.inventory.update__update_success_false.json'),
      'aliexpress.solution.feed.submit': fixture('retailcrm-top-client/aliexpress_solution_feed_submit.json'),
    });
    const target = aliexpressInventoryTarget(client);
    const [refused] = await target.setQuantities([{ sku: 'EAR-BLK', marketplaceId: 'ALIEXPRESS', quantity: 5 }]);
    expect(refused!.submission).toMatchObject({ sku: 'EAR-BLK', errorCode: 'F00-00-10000-001' });
    const feed = await target.submitQuantitiesFeed([{ sku: 'EAR-BLK', marketplaceId: 'ALIEXPRESS', quantity: 4 }, { sku: 'EAR-WHT', marketplaceId: 'ALIEXPRESS', quantity: 2 }]);
    const submit = seen.find((f) => f.method === 'aliexpress.solution.feed.submit')!;
    expect(submit.operation_type).toBe('PRODUCT_STOCKS_UPDATE');
    expect(JSON.parse(submit.item_list!)).toEqual([
      { item_content_id: 'EAR-BLK', item_content: `{"aliexpress_product_id":${PRODUCT_ID},"multiple_sku_update_list":[{"sku_code":"EAR-BLK","inventory":4}]}` },
      { item_content_id: 'EAR-WHT', item_content: `{"aliexpress_product_id":${PRODUCT_ID},"multiple_sku_update_list":[{"sku_code":"EAR-WHT","inventory":2}]}` },
    ]);
    expect(feed.feeds).toEqual([{ feedId: '200000000060024475', marketplaceId: 'ALIEXPRESS', skus: ['EAR-BLK', 'EAR-WHT'], messages: 2 }]);
  });
});

describe('AliExpress inventory target: calls within the batch limits', () => {
  const BIG = '1005000000000000001';
  const small = (i: number) => `10050000000000001${String(i).padStart(2, '0')}`;
  type Entry = { product_id: string; multiple_sku_update_list: { sku_code: string; inventory: number }[] };
  // Large ids as the platform writes them: bare JSON numbers, read back as text.
  const entriesOf = (f: Form) => JSON.parse(f.mutiple_product_update_list!.replace(/"product_id":(\d+)/g, '"product_id":"$1"')) as Entry[];

  it('a product of 450 SKUs goes as slices of 200 under its id in separate calls, 21 others in calls of 20; each SKU gets its own call’s verdict', async () => {
    const { client } = makeClient();
    const seen: Form[] = [];
    const bigSkus = Array.from({ length: 450 }, (_, i) => `BIG-${i}`);
    let calls = 0;
    syncRouter(seen, {
      // One page names every product with its SKUs, so one lookup indexes them all (and the test stays under the rate limit).
      'aliexpress.solution.product.list.get': productPage([
        { product_id: BIG, aeop_ae_product_s_k_us: bigSkus.map((sku_code) => ({ sku_code })) },
        ...Array.from({ length: 21 }, (_, i) => ({ product_id: small(i), aeop_ae_product_s_k_us: [{ sku_code: `S-${i}` }] })),
      ]),
      'aliexpress.solution.batch.product.inventory.update': (f) => {
        calls++;
        const ids = entriesOf(f).map((e) => e.product_id);
        // The second call (BIG's second slice) is refused for that product; the rest succeed.
        const failed = calls === 2 ? [{ product_id: BIG, error_code: 'F00-00-10000-002', error_message: 'sku inventory out of range' }] : [];
        const successful = ids.filter((id) => calls !== 2 || id !== BIG).map((product_id) => ({ product_id }));
        return `{"aliexpress_solution_batch_product_inventory_update_response":{"update_success":${calls !== 2},"update_failed_list":{"synchronize_product_response_dto":${JSON.stringify(failed)}},"update_successful_list":{"synchronize_product_response_dto":${JSON.stringify(successful)}},"request_id":"call-${calls}"}}`.replace(/"product_id":"(\d+)"/g, '"product_id":$1');
      },
    });
    const updates = [...bigSkus.map((sku, i) => ({ sku, marketplaceId: 'ALIEXPRESS', quantity: i % 7 })), ...Array.from({ length: 21 }, (_, i) => ({ sku: `S-${i}`, marketplaceId: 'ALIEXPRESS', quantity: 3 }))];
    const replies = await aliexpressInventoryTarget(client).setQuantities(updates);

    const batches = seen.filter((f) => f.method === 'aliexpress.solution.batch.product.inventory.update').map(entriesOf);
    expect(batches.map((b) => b.map((e) => `${e.product_id}×${e.multiple_sku_update_list.length}`))).toEqual([
      [`${BIG}×200`],
      [`${BIG}×200`],
      [`${BIG}×50`, ...Array.from({ length: 19 }, (_, i) => `${small(i)}×1`)],
      [`${small(19)}×1`, `${small(20)}×1`],
    ]);
    expect(batches.flatMap((b) => b.filter((e) => e.product_id === BIG).flatMap((e) => e.multiple_sku_update_list))).toEqual(bigSkus.map((sku_code, i) => ({ sku_code, inventory: i % 7 })));
    expect(batches.every((b) => b.length <= 20 && b.every((e) => e.multiple_sku_update_list.length <= 200))).toBe(true);

    expect(replies.map((r) => r.sku)).toEqual(updates.map((u) => u.sku));
    const verdicts = replies.map((r) => aliexpressQuantityVerdict(r.submission as AliexpressQuantitySubmission));
    expect(verdicts.slice(0, 200).every((v) => 'status' in v && v.status === 'accepted' && v.submissionId === 'call-1')).toBe(true);
    expect(verdicts.slice(200, 400).every((v) => 'status' in v && v.status === 'rejected' && v.issues[0]?.code === 'F00-00-10000-002' && v.submissionId === 'call-2')).toBe(true);
    expect(verdicts.slice(400, 450).every((v) => 'status' in v && v.status === 'accepted' && v.submissionId === 'call-3')).toBe(true);
    expect(verdicts.slice(450).map((v) => ('status' in v ? `${v.status}/${v.submissionId}` : v.unreadable))).toEqual([...Array<string>(19).fill('accepted/call-3'), 'accepted/call-4', 'accepted/call-4']);
  });

  it('batchCallsOf keeps a product once per call, at most 20 entries and 200 SKUs each, in order', () => {
    const sku = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}-${i}`);
    const calls = batchCallsOf([
      { productId: '1', skus: sku(1, 'a') },
      { productId: '2', skus: sku(401, 'b') },
      { productId: '3', skus: sku(200, 'c') },
    ]);
    expect(calls.map((c) => c.map((e) => [e.productId, e.skus.length]))).toEqual([
      [['1', 1], ['2', 200]],
      [['2', 200]],
      [['2', 1], ['3', 200]],
    ]);
    expect(calls.flat().flatMap((e) => e.skus)).toEqual([...sku(1, 'a'), ...sku(401, 'b'), ...sku(200, 'c')]);
    expect(batchCallsOf([])).toEqual([]);
  });
});

describe('AliExpress shipment confirmer', () => {
  function connect() {
    return ALIEXPRESS_CONNECTOR.connect({
      tenant: 'acme',
      settings: AliexpressConnectionSettingsSchema.parse({ appKey: '123456' }),
      credentials: { appSecret: APP_SECRET, accessToken: ACCESS, refreshToken: REFRESH },
      limiter: new RateLimiterRegistry(),
      logger: pino({ level: 'silent' }),
    });
  }

  it('sends order.fulfill with the confirmation’s parameters and the order id as out_ref', async () => {
    const seen: Form[] = [];
    syncRouter(seen, { 'aliexpress.solution.order.fulfill': fixture('retailcrm-top-client/aliexpress_solution_order_fulfill.json') });
    const confirmer = connect().capability('shipmentConfirmer')!;
    await confirmer.confirmShipment('8123456789012345678', { service_name: 'DHL', logistics_no: '1234567890', send_type: 'all' });
    expect(seen[0]).toMatchObject({ method: 'aliexpress.solution.order.fulfill', service_name: 'DHL', logistics_no: '1234567890', send_type: 'all', out_ref: '8123456789012345678' });
  });

  it('refuses a confirmation that is not order.fulfill’s parameters, naming the field, before sending', async () => {
    const confirmer = connect().capability('shipmentConfirmer')!;
    const e = await rejection(confirmer.confirmShipment('8123456789012345678', { service_name: 'DHL', logistics_no: '1', send_type: 'all', tracking_website: 'not a url' }));
    expect(e).toMatchObject({ kind: 'validation' });
    expect(e.message).toContain('tracking_website');
  });
});
