/** `caravan map` on carrier replies: every DHL and FedEx sample prints canonical records, or exits 1 naming the vendor's code and message. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';
import { RECORD_KINDS } from '../../cli/record-kinds.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const DHL = join(FIX, 'dhl', 'carrier');
const FEDEX = join(FIX, 'fedex');
const write = scratchFiles('caravan-map-carriers-');

const caravan = caravanMap;

afterEach(() => {
  process.exitCode = undefined;
});

describe('carrier kinds are listed', () => {
  it('has the six carrier kinds', () => {
    expect(Object.keys(RECORD_KINDS)).toEqual(expect.arrayContaining(['dhl.shipment', 'dhl.tracking', 'dhl.rate', 'fedex.rate', 'fedex.tracking', 'fedex.shipment']));
  });
});

describe('every success sample maps (exit 0, canonical JSON on stdout)', () => {
  it.each([
    ['dhl.tracking', join(DHL, 'mydhl', 'tracking__TrackingResponse.json'), 1, { trackingNumber: '9356579890', status: 'delivered' }],
    ['dhl.tracking', join(DHL, 'unified', 'tracking__TrackingResponseJSON.json'), 1, { trackingNumber: '7777777770', status: 'pre_transit' }],
    ['dhl.tracking', join(DHL, 'xml', 'tracking__TrackingResponseXML.xml'), 3, { trackingNumber: '3180831640', status: 'delivered' }],
    ['dhl.shipment', join(DHL, 'mydhl', 'shipment__ShipmentResponse.json'), 1, { trackingNumber: '9356579890', carrier: 'dhl' }],
    ['dhl.rate', join(DHL, 'mydhl', 'rate__RateResponse.json'), 2, { service: { code: 'P' }, total: { amountMinor: 2599, currency: 'USD' } }],
    ['dhl.rate', join(DHL, 'mydhl', 'get_rates.json'), 5, { service: { code: 'C' }, total: { amountMinor: 5325, currency: 'EUR' } }],
    ['dhl.rate', join(DHL, 'mydhl', 'rate.json'), 1, { service: { code: '1' }, total: { amountMinor: 1664, currency: 'EUR' } }],
    ['dhl.rate', join(DHL, 'xml', 'rate__RateResponseXML.xml'), 2, { service: { code: 'D' }, total: { amountMinor: 20802, currency: 'CAD' } }],
    ['fedex.rate', join(FEDEX, 'samples', 'rate__RateResponse.json'), 2, { rateType: 'ACCOUNT', total: { amountMinor: 3854, currency: 'USD' } }],
    ['fedex.rate', join(FEDEX, 'doc-examples', 'rating_responses.json'), 16, { rateType: 'ACCOUNT', total: { amountMinor: 95417, currency: 'USD' } }],
    ['fedex.shipment', join(FEDEX, 'samples', 'shipment__ShipmentResponse.json'), 1, { trackingNumber: '794953535000' }],
    ['fedex.shipment', join(FEDEX, 'samples', 'shipment__IntlShipmentResponse.json'), 1, { trackingNumber: '794791341818' }],
    ['fedex.shipment', join(FEDEX, 'doc-examples', 'shipping_responses.json'), 2, { trackingNumber: '794953535000' }],
  ])('%s %s', async (kind, file, count, first) => {
    const { code, stdout, stderr } = await caravan(kind, file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as unknown[];
    expect(records).toHaveLength(count);
    expect(records[0]).toMatchObject(first);
    expect(stdout).not.toMatch(/JVBERi0|iVBORw0/); // no label content in the printed records
  });

  it('fedex.tracking on the Track samples: the found number maps, the unknown one carries FedEx\'s error (exit 0)', async () => {
    for (const file of [join(FEDEX, 'samples', 'tracking__TrackingResponse.json'), join(FEDEX, 'doc-examples', 'tracking_response.json')]) {
      const { code, stdout } = await caravan('fedex.tracking', file);
      expect(code).toBe(0);
      const records = JSON.parse(stdout) as Record<string, unknown>[];
      expect(records[0]).toMatchObject({ carrier: 'fedex', trackingNumber: '128667043726', status: 'in_transit' });
      expect(records[1]).toMatchObject({ trackingNumber: '39936862321', status: 'unknown', carrierError: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
    }
  });
});

describe('error replies exit 1 with the vendor\'s code and message', () => {
  it.each([
    ['dhl.tracking', join(DHL, 'xml', 'tracking__TrackingSingleNotFound.xml'), 'is an error reply from DHL, code 103, not a DHL tracking reply: DHL Express tracking failed: 103: No Shipments Found for AWBNumber 123456789'],
    ['dhl.shipment', join(DHL, 'xml', 'shipment__ShipmentMissingArgsError.xml'), 'is an error reply from DHL, code 152, not a DHL create-shipment reply: DHL Express createShipment failed: 152: Shipment Details segment Contents Conditional Required Error'],
    ['dhl.shipment', join(DHL, 'xml', 'shipment__ShipmentParsingError.xml'), 'is an error reply from DHL, code PLT006, not a DHL create-shipment reply: DHL Express createShipment failed: PLT006: Paperless shipment service is not allowed'],
    ['dhl.rate', join(DHL, 'xml', 'rate__RateMissingArgsError.xml'), 'is an error reply from DHL, code 340004, not a DHL rates reply: DHL Express rates failed: 340004: The location information is missing.'],
    ['dhl.rate', join(DHL, 'mydhl', 'rate__ErrorResponse.json'), 'is an error reply from DHL, code 400, not a DHL rates reply: DHL Express rates failed: HTTP 400 Bad Request: Invalid postal code provided'],
    ['dhl.shipment', join(DHL, 'mydhl', 'address__ErrorResponse.json'), 'is an error reply from DHL, code 400, not a DHL create-shipment reply'],
    ['dhl.tracking', join(DHL, 'mydhl', 'pickup__ErrorResponse.json'), 'is an error reply from DHL, code 400, not a DHL tracking reply'],
  ])('%s %s', async (kind, file, message) => {
    const { code, stderr, stdout } = await caravan(kind, file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('the Unified Tracking API\'s 404 problem document (as CaptnCodr/dhl-cli records it) is DHL\'s not-found', async () => {
    const file = write('utapi-404.json', { status: 404, title: 'No result found', detail: 'No shipment with given tracking number found.' });
    const { code, stderr } = await caravan('dhl.tracking', file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from DHL, code 404, not a DHL tracking reply: DHL Express tracking failed: HTTP 404 No result found: No shipment with given tracking number found.');
  });

  it('an XML-PI ErrorResponse, prefixed elements and an empty ConditionData included', async () => {
    // DHL XML-PI's generic error reply (res:ErrorResponse, err-res.xsd); the code alone names it when ConditionData is empty.
    const file = write(
      'xml-error.xml',
      `<?xml version="1.0" encoding="UTF-8"?><res:ErrorResponse xmlns:res="http://www.dhl.com"><Response><ServiceHeader><MessageTime>2019-01-01T10:00:00+01:00</MessageTime></ServiceHeader><res:Status><res:ActionStatus>Error</res:ActionStatus><res:Condition><res:ConditionCode>111</res:ConditionCode><res:ConditionData>Error in parsing request XML</res:ConditionData></res:Condition><Condition><ConditionCode>112</ConditionCode><ConditionData/></Condition></res:Status></Response></res:ErrorResponse>`,
    );
    const { code, stderr } = await caravan('dhl.tracking', file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from DHL, code 111, not a DHL tracking reply: DHL Express tracking failed: 111: Error in parsing request XML; 112');
  });

  it.each(['fedex.tracking', 'fedex.rate', 'fedex.shipment'])('%s: FedEx\'s errors envelope', async (kind) => {
    const file = write(`fedex-error-${kind}.json`, { transactionId: '624deea6-b709-470c-8c39-4b5511281492', errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Access token expired. Please modify your request and try again.' }] });
    const { code, stderr } = await caravan(kind, file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from FedEx, code NOT.AUTHORIZED.ERROR');
    expect(stderr).toContain('Access token expired. Please modify your request and try again.');
  });

  it('fedex.tracking: a 200 reply whose only result is TRACKING.TRACKINGNUMBER.NOTFOUND', async () => {
    const file = write('fedex-nf.json', { transactionId: 't', output: { completeTrackResults: [{ trackingNumber: '1', trackResults: [{ trackingNumberInfo: { trackingNumber: '1' }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' } }] }] } });
    const { code, stderr } = await caravan('fedex.tracking', file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from FedEx, code TRACKING.TRACKINGNUMBER.NOTFOUND, not a FedEx Track API reply');
  });
});

describe('a reply of another kind says what it is', () => {
  it.each([
    ['fedex.rate', join(FEDEX, 'samples', 'shipment__ShipmentResponse.json'), 'this looks like a FedEx Ship API reply, not a FedEx Rate API reply; try `caravan map fedex.shipment'],
    ['dhl.shipment', join(DHL, 'xml', 'tracking__TrackingResponseXML.xml'), 'this looks like a DHL Express XML TrackingResponse, not a DHL create-shipment reply; try `caravan map dhl.tracking'],
    ['dhl.tracking', join(DHL, 'mydhl', 'rate__RateResponse.json'), 'this looks like a MyDHL rates reply, not a DHL tracking reply; try `caravan map dhl.rate'],
    ['dhl.tracking', join(FEDEX, 'samples', 'tracking__TrackingResponse.json'), 'this looks like a FedEx Track API reply, not a DHL tracking reply; try `caravan map fedex.tracking'],
  ])('%s %s', async (kind, file, message) => {
    const { code, stderr } = await caravan(kind, file);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });
});
