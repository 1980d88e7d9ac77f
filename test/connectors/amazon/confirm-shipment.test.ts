/**
 * confirmShipment (Orders API v0) — POST /orders/v0/orders/{orderId}/shipmentConfirmation:
 * the model sandbox body sent as is, the 204 accepted, its 400s typed (the model's own
 * "Invalid Input" code, Amazon's packageReferenceId refusal checked locally first), not resent
 * after a transient failure; and the shipmentConfirmer capability.
 */
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AMAZON_CONNECTOR, type AmazonConfirmShipmentRequest } from '../../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { requireCapability } from '../../../connectors/registry.js';
import { CREDENTIALS, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, SETTINGS, type SeenRequest } from './amazon-test-kit.js';
import { sandboxCase } from './model-sandbox.js';

const MODEL = 'ordersV0.json';
const ORDER_ID = '902-1106328-1059050';
const PATH = `/orders/v0/orders/${ORDER_ID}/shipmentConfirmation`;

isolateNetworkPerTest();

function mock204(seen: SeenRequest[]): void {
  nock(EU_ENDPOINT)
    .post(PATH)
    .reply(function (path, body) {
      seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, body });
      return [204, '', { 'x-amzn-requestid': 'rid-confirm', 'x-amzn-ratelimit-limit': '2.0' }];
    });
}

const sample = sandboxCase(MODEL, 'confirmShipment', '204');
const confirmation = sample.request.parameters.body!.value as AmazonConfirmShipmentRequest;

describe('confirmShipment', () => {
  it('posts the model sandbox confirmation and accepts the 204, on the 2/s burst 10 bucket', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    mock204(seen);
    const { client, limiter } = makeKit();
    expect(sample.request.parameters.orderId!.value).toBe(ORDER_ID);

    expect(await client.confirmShipment(ORDER_ID, confirmation)).toEqual({ requestId: 'rid-confirm' });

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([`POST ${PATH}`]);
    expect(seen[0]?.headers['x-amz-access-token']).toBe('FILTERED');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.body).toEqual(confirmation);
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'confirmShipment', scope: 'eu' })).toMatchObject({ rate: 2, burst: 10 });
  });

  it("answers the model's 400 (code \"Invalid Input\" with a space, not in the table) as validation by its status", async () => {
    mockLwa();
    const bad = sandboxCase(MODEL, 'confirmShipment', '400');
    nock(EU_ENDPOINT).post(PATH).reply(400, bad.response as Record<string, unknown>, { 'x-amzn-requestid': 'rid-400' });
    const { client } = makeKit();
    // The model's 400 case sends shipDate "02/21/2022", which we would refuse: send a valid body to reach the reply.
    const error = await rejection(client.confirmShipment(ORDER_ID, confirmation));
    expect(error).toMatchObject({ kind: 'validation', status: 400, vendorCode: 'Invalid Input', requestId: 'rid-400' });
  });

  it.each([
    ["the model 400 case's shipDate", { shipDate: '02/21/2022' }, 'packageDetail.shipDate: must be an ISO 8601 date-time'],
    // Amazon: "PackageReferenceId: is invalid, must be a positive numeric value." (jlevers/selling-partner-api#489)
    ['a non-numeric packageReferenceId', { packageReferenceId: 'PKG-1' }, 'packageDetail.packageReferenceId: must be a positive number (as text)'],
    ['packageReferenceId 0', { packageReferenceId: '0' }, 'packageDetail.packageReferenceId: must be a positive number (as text)'],
    ['carrierCode Other without carrierName', { carrierCode: 'Other', carrierName: undefined }, 'packageDetail.carrierName: carrierName is required when carrierCode is "Other"'],
    ['no items', { orderItems: [] }, 'packageDetail.orderItems: Too small: expected array to have >=1 items'],
    ['quantity 0', { orderItems: [{ orderItemId: '79039765272157', quantity: 0 }] }, 'packageDetail.orderItems[0].quantity: Too small: expected number to be >0'],
  ])('refuses %s locally, naming the order and the field', async (_, change, message) => {
    const { client } = makeKit();
    const packageDetail = { ...confirmation.packageDetail, ...change };
    const error = await rejection(client.confirmShipment(ORDER_ID, { ...confirmation, packageDetail } as AmazonConfirmShipmentRequest));
    expect(error.kind).toBe('validation');
    expect(error.message).toBe(`Amazon confirmShipment: shipment confirmation of order ${ORDER_ID} invalid: ${message}`);
    expect(client.stats().requests).toBe(0);
  });

  it('is not resent after a 500 (POST); a 404 is not_found', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .post(PATH)
      .times(3)
      .reply(function (path) {
        seen.push({ method: 'POST', path, headers: {} });
        return [500, { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' }] }];
      });
    nock(EU_ENDPOINT).post('/orders/v0/orders/000-0000000-0000000/shipmentConfirmation').reply(404, { errors: [{ code: 'NotFound', message: 'Order not found' }] });
    const { client } = makeKit();
    expect((await rejection(client.confirmShipment(ORDER_ID, confirmation))).kind).toBe('transient');
    expect(seen).toHaveLength(1);
    expect((await rejection(client.confirmShipment('000-0000000-0000000', confirmation))).kind).toBe('not_found');
  });

  it('is the shipmentConfirmer of an Amazon connection', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    mock204(seen);
    const connector = AMAZON_CONNECTOR.connect({ tenant: 'acme', settings: SETTINGS, credentials: { ...CREDENTIALS }, limiter: new RateLimiterRegistry(), logger: pino({ level: 'silent' }) });
    const confirmer = requireCapability(connector, 'shipmentConfirmer', 'acme/amazon-eu');
    expect(await confirmer.confirmShipment(ORDER_ID, confirmation)).toEqual({ requestId: 'rid-confirm' });
    expect(seen[0]?.body).toEqual(confirmation);
  });
});

describe('updateShipmentStatus', () => {
  it('posts the status (with items) to /shipment and accepts the 204, on the 5/s burst 15 bucket; an unknown status is refused locally', async () => {
    mockLwa();
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT)
      .post(`/orders/v0/orders/${ORDER_ID}/shipment`)
      .reply(function (path, body) {
        seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, body });
        return [204, '', { 'x-amzn-requestid': 'rid-status' }];
      });
    const { client, limiter } = makeKit();
    const update = { marketplaceId: 'A1VC38T7YXB528', shipmentStatus: 'ReadyForPickup' as const, orderItems: [{ orderItemId: '79039765272157', quantity: 1 }] };
    expect(await client.updateShipmentStatus(ORDER_ID, update)).toEqual({ requestId: 'rid-status' });
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([['POST', `/orders/v0/orders/${ORDER_ID}/shipment`, update]]);
    expect(limiter.stats({ tenant: 'acme', vendor: 'amazon', operation: 'updateShipmentStatus', scope: 'eu' })).toMatchObject({ rate: 5, burst: 15 });
    const bad = await rejection(client.updateShipmentStatus(ORDER_ID, { marketplaceId: 'A1VC38T7YXB528', shipmentStatus: 'Delivered' as 'PickedUp' }));
    expect(bad.message).toBe(`Amazon updateShipmentStatus: shipment status of order ${ORDER_ID} invalid: shipmentStatus: Invalid option: expected one of "ReadyForPickup"|"PickedUp"|"RefusedPickup"`);
  });
});
