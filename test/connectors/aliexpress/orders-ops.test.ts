/**
 * order.info.get, order.receiptinfo.get, order.fulfill and logistics.redefining.listlogisticsservice
 * through the client: each request's method, every form parameter and its signature, the real
 * reply parsed (retailcrm samples and constructed replies, test/fixtures/aliexpress/SOURCE.md),
 * and each API's error inside HTTP 200 typed.
 */
import { describe, expect, it } from 'vitest';
import { isolateNetworkPerTest, rejection } from '../nock-kit.js';
import { businessParams, fixture, makeClient, syncEndpoint, type Form } from './sync-harness.js';

isolateNetworkPerTest();

describe('AliExpress order operations', () => {
  it('order.info.get: param1 carries the order id as an exact JSON number; the order parses with its big ids', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('constructed/aliexpress.solution.order.info.get__result_data.json'));
    const { order } = await client.getOrder('8123456789012345678');
    expect(businessParams(seen[0]!, 'aliexpress.solution.order.info.get', clock.nowMs)).toEqual({ param1: '{"order_id":8123456789012345678}' });
    expect(order.id ?? order.order_id).toMatch(/^\d{16,}$/);
  });

  it('order.receiptinfo.get: the buyer address of the real reply', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_order_receipt_info_get.json'));
    const { address } = await client.getOrderReceipt('1160045860056286');
    expect(businessParams(seen[0]!, 'aliexpress.solution.order.receiptinfo.get', clock.nowMs)).toEqual({ param1: '{"order_id":1160045860056286}' });
    expect(address).toMatchObject({ country: 'RU', city: 'Babenki', zip: '400120', contact_person: 'Mark' });
  });

  it('order.fulfill: every parameter sent, out_ref the order id, the real reply accepted', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_solution_order_fulfill.json'));
    await client.fulfillOrder('8123456789012345678', { service_name: 'OTHER_US', logistics_no: 'LX123456789CN', send_type: 'part', tracking_website: 'https://t.17track.net', description: '第一个包裹' });
    expect(businessParams(seen[0]!, 'aliexpress.solution.order.fulfill', clock.nowMs)).toEqual({
      service_name: 'OTHER_US',
      out_ref: '8123456789012345678',
      send_type: 'part',
      logistics_no: 'LX123456789CN',
      tracking_website: 'https://t.17track.net',
      description: '第一个包裹',
    });
  });

  it('order.fulfill: a confirmation missing a field is refused before sending, naming the field', async () => {
    const { client } = makeClient();
    const e = await rejection(client.fulfillOrder('8123456789012345678', { service_name: 'DHL', send_type: 'all' }));
    expect(e).toMatchObject({ kind: 'validation' });
    expect(e.message).toContain('logistics_no');
    const bad = await rejection(client.fulfillOrder('8123456789012345678', { service_name: 'DHL', send_type: 'some', logistics_no: '1' }));
    expect(bad.message).toContain('send_type');
  });

  it('order.fulfill: result.result_success=false is a validation error with the platform code and text', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.solution.order.fulfill__result_success_false.json'));
    const e = await rejection(client.fulfillOrder('8123456789012345678', { service_name: 'NOPE', send_type: 'all', logistics_no: 'X1' }));
    expect(e).toMatchObject({ kind: 'validation', vendorCode: 'SERVICE_NAME_INVALID' });
    expect(e.message).toContain('service_name is not a logistics service');
  });

  it('listlogisticsservice: no business parameters; the carriers of the real reply (result_success=true despite error_desc)', async () => {
    const { client, clock } = makeClient();
    const seen: Form[] = [];
    syncEndpoint(seen, fixture('retailcrm-top-client/aliexpress_logistics_redefining_list_logistics_service.json'));
    const { services } = await client.listLogisticsServices();
    expect(businessParams(seen[0]!, 'aliexpress.logistics.redefining.listlogisticsservice', clock.nowMs)).toEqual({});
    expect(services).toEqual([expect.objectContaining({ service_name: 'CPAM', display_name: 'China Post Registered Air Mail', logistics_company: 'CPAM', min_process_day: '1', max_process_day: '5' })]);
  });

  it('listlogisticsservice: result_success=false is an error carrying error_desc', async () => {
    const { client } = makeClient();
    syncEndpoint([], fixture('constructed/aliexpress.logistics.redefining.listlogisticsservice__result_success_false.json'));
    const e = await rejection(client.listLogisticsServices());
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('System error');
  });
});
