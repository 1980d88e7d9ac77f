/** FedEx Track, Rate and Ship replies → canonical carrier records, on every real sample and the deviations FedEx is known for. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FedexRateResponseSchema, FedexShipResponseSchema, FedexTrackResponseSchema } from '../../../connectors/fedex/index.js';
import { CarrierShipmentSchema, RateQuoteSchema, TrackingResultSchema, type MappingResult } from '../../../mappings/canonical/index.js';
import {
  FEDEX_TRACKING_CODES,
  fedexCodeStatus,
  fedexRateResponseToQuotes,
  fedexShipResponseToCarrierShipments,
  fedexTrackResponseToTracking,
  fedexTransitDays,
} from '../../../mappings/fedex/index.js';

const F = join(import.meta.dirname, '..', '..', 'fixtures', 'fedex');
const json = (p: string): unknown => JSON.parse(readFileSync(join(F, p), 'utf8'));
function value<T>(r: MappingResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('FedEx tracking code table', () => {
  it.each([
    ['PU', 'in_transit'],
    ['IT', 'in_transit'],
    ['OD', 'out_for_delivery'],
    ['DL', 'delivered'],
    ['DE', 'exception'],
    ['SE', 'exception'],
    ['RS', 'returned'],
    ['CA', 'cancelled'],
    ['OC', 'pre_transit'],
    ['ZZ', undefined],
  ])('%s → %s', (code, status) => expect(fedexCodeStatus(code)).toBe(status));

  it('every row has FedEx\'s description', () => expect(Object.values(FEDEX_TRACKING_CODES).every((r) => r.description.length > 0)).toBe(true));
});

describe('fedex.tracking', () => {
  it.each(['samples/tracking__TrackingResponse.json', 'doc-examples/tracking_response.json'])('%s: the found number maps, the unknown one keeps FedEx\'s code as carrierError', (file) => {
    const results = fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(json(file)));
    expect(results).toHaveLength(2);
    const t = value(results[0]!);
    expect(TrackingResultSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({ carrier: 'fedex', trackingNumber: '128667043726', status: 'in_transit', carrierStatusCode: 'PU', carrierStatusDescription: 'Picked up', service: { code: 'FEDEX_FREIGHT_ECONOMY' } });
    expect(t.events).toEqual([
      {
        status: 'in_transit',
        carrierCode: 'PU',
        carrierDescription: 'Picked Up',
        timestamp: '2018-02-02T19:01:00Z',
        location: { city: 'SEATTLE', postcode: '98101', countryCode: 'US', region: 'WA', code: 'SEA' },
        exception: { code: 'A25', description: 'Package available for clearance' },
      },
    ]);
    // deliveryDetails.receivedByName "Reciever" names no one here: no scan is a delivery.
    expect(t.events.some((e) => e.signedBy !== undefined)).toBe(false);
    // No ESTIMATED_DELIVERY in dateAndTimes (only ACTUAL_DELIVERY): the window's end, which has an offset.
    expect(t.estimatedDelivery).toEqual({ timestamp: '2021-10-15T06:00:00Z' });
    expect(value(results[1]!)).toEqual({
      recordType: 'tracking',
      carrier: 'fedex',
      trackingNumber: '39936862321',
      status: 'unknown',
      events: [],
      carrierError: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' },
    });
  });

  it('an OD scan FedEx derives as IT is out for delivery; "" exception codes and ESTIMATED_DELIVERY with offset read (karrioapi/karrio#659)', () => {
    // Shape and values from the real reply quoted in karrioapi/karrio#659.
    const reply = {
      transactionId: 't',
      output: {
        completeTrackResults: [
          {
            trackingNumber: '270000000000',
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber: '270000000000', carrierCode: 'FDXG' },
                latestStatusDetail: { code: 'OD', derivedCode: 'OD', statusByLocale: 'On FedEx vehicle for delivery', description: 'On FedEx vehicle for delivery' },
                dateAndTimes: [{ type: 'ESTIMATED_DELIVERY', dateTime: '2024-08-28T00:00:00-06:00' }],
                scanEvents: [
                  { date: '2024-08-28T04:44:00-05:00', eventType: 'OD', eventDescription: 'On FedEx vehicle for delivery', exceptionCode: '', exceptionDescription: '', scanLocation: { streetLines: [''], city: 'MANKATO', stateOrProvinceCode: 'MN', postalCode: '56001', countryCode: 'US', residential: false }, locationId: '0560', locationType: 'VEHICLE', derivedStatusCode: 'IT', derivedStatus: 'In transit' },
                  { date: '2024-08-28T04:32:00-05:00', eventType: 'AR', eventDescription: 'At local FedEx facility', exceptionCode: '', derivedStatusCode: 'IT', derivedStatus: 'In transit' },
                ],
              },
            ],
          },
        ],
      },
    };
    const t = value(fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(reply))[0]!);
    expect(t.status).toBe('out_for_delivery');
    expect(t.events.map((e) => [e.carrierCode, e.status, e.timestamp])).toEqual([
      ['OD', 'out_for_delivery', '2024-08-28T09:44:00Z'],
      ['AR', 'in_transit', '2024-08-28T09:32:00Z'],
    ]);
    expect(t.estimatedDelivery).toEqual({ timestamp: '2024-08-28T06:00:00Z' });
  });

  it('trackResults[].error is never dropped: beside empty shells it is the result\'s carrierError; beside data it is a note on the mapped result', () => {
    const reply = json('samples/tracking__TrackingResponse.json') as { output: { completeTrackResults: { trackResults: Record<string, unknown>[] }[] } };
    const [found, notFound] = reply.output.completeTrackResults.map((c) => c.trackResults[0]!);
    Object.assign(notFound!, { latestStatusDetail: { scanLocation: {} }, scanEvents: [] });
    expect(found!.error).toMatchObject({ code: 'TRACKING.TRACKINGNUMBER.EMPTY' }); // as recorded: an error beside the found number's data
    const [a, b] = fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(reply)).map(value);
    expect(b).toMatchObject({ trackingNumber: '39936862321', status: 'unknown', events: [], carrierError: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
    // karrio's ParsedTrackingResponse reports it too (a message for 128667043726) beside the mapped details.
    expect(a).toMatchObject({ trackingNumber: '128667043726', status: 'in_transit', notes: [{ code: 'TRACKING.TRACKINGNUMBER.EMPTY', type: 'ERROR', message: 'Please provide tracking number.' }] });
    expect(a!.carrierError).toBeUndefined(); // found: the parcel's tracking goes on
    expect(a!.events).toHaveLength(1);
  });

  it('a scan event without a date is kept, without a time (no time is invented)', () => {
    const reply = { output: { completeTrackResults: [{ trackingNumber: '1', trackResults: [{ trackingNumberInfo: { trackingNumber: '1' }, scanEvents: [{ eventType: 'OC', eventDescription: 'Shipment information sent to FedEx', derivedStatusCode: 'IN' }] }] }] } };
    const t = value(fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(reply))[0]!);
    expect(t.events).toEqual([{ status: 'pre_transit', carrierCode: 'OC', carrierDescription: 'Shipment information sent to FedEx' }]);
    expect(t.status).toBe('pre_transit');
  });

  it('a numeric tracking number and postal code are read as text', () => {
    const reply = { output: { completeTrackResults: [{ trackingNumber: 794953535000, trackResults: [{ trackingNumberInfo: { trackingNumber: 794953535000 }, latestStatusDetail: { code: 'DL' }, scanEvents: [{ date: '2024-01-02T10:00:00Z', eventType: 'DL', scanLocation: { city: 'X', postalCode: 98101 } }] }] }] } };
    const t = value(fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(reply))[0]!);
    expect([t.trackingNumber, t.status, t.events[0]!.location]).toEqual(['794953535000', 'delivered', { city: 'X', postcode: '98101' }]);
  });
});

describe('fedex.rate', () => {
  it('karrio\'s reply: account and preferred-currency rates stay distinct quotes, each in its currency', () => {
    const quotes = fedexRateResponseToQuotes(FedexRateResponseSchema.parse(json('samples/rate__RateResponse.json'))).map(value);
    quotes.forEach((q) => expect(RateQuoteSchema.parse(q)).toEqual(q));
    expect(quotes.map((q) => [q.service.code, q.rateType, q.total])).toEqual([
      ['FEDEX_EXPRESS_SAVER', 'ACCOUNT', { amountMinor: 3854, currency: 'USD' }],
      ['FEDEX_EXPRESS_SAVER', 'PREFERRED_CURRENCY', { amountMinor: 5276, currency: 'CAD' }],
    ]);
    expect(quotes[0]).toMatchObject({
      base: { amountMinor: 2920, currency: 'USD' },
      surcharges: [{ code: 'FUEL', description: 'Fuel Surcharge', amount: { amountMinor: 431, currency: 'USD' } }],
      taxes: [{ code: 'HST', description: 'Canada HST', amount: { amountMinor: 503, currency: 'USD' } }],
    });
  });

  it('the documented replies (an array of two): every service and rate type', () => {
    const replies = json('doc-examples/rating_responses.json') as unknown[];
    const quotes = replies.flatMap((r) => fedexRateResponseToQuotes(FedexRateResponseSchema.parse(r))).map(value);
    expect(quotes).toHaveLength(16);
    expect(quotes[0]).toMatchObject({ service: { code: 'INTERNATIONAL_ECONOMY' }, rateType: 'ACCOUNT', total: { amountMinor: 95417, currency: 'USD' }, base: { amountMinor: 88788, currency: 'USD' } });
    const withCommit = quotes.find((q) => q.transitDays !== undefined);
    expect(withCommit).toMatchObject({ transitDays: 4, delivery: { localTime: '2024-07-25T23:59:00' } });
    expect(new Set(quotes.map((q) => q.rateType))).toEqual(new Set(['ACCOUNT', 'LIST', 'PREFERRED_INCENTIVE', 'PREFERRED_CURRENCY']));
  });

  it('amounts as text read the same as numbers; a float-looking amount is exact', () => {
    const reply = { output: { rateReplyDetails: [{ serviceType: 'FEDEX_GROUND', ratedShipmentDetails: [{ rateType: 'PAYOR_LIST_PACKAGE', currency: 'USD', totalNetCharge: '12.35', totalBaseCharge: 10.1, shipmentRateDetail: { surCharges: [{ type: 'FUEL', amount: '2.25' }] } }] }] } };
    const q = value(fedexRateResponseToQuotes(FedexRateResponseSchema.parse(reply))[0]!);
    expect([q.total, q.base, q.surcharges[0]!.amount]).toEqual([
      { amountMinor: 1235, currency: 'USD' },
      { amountMinor: 1010, currency: 'USD' },
      { amountMinor: 225, currency: 'USD' },
    ]);
  });

  it('an empty deliveryDate falls back to commitDate (karrio\'s FedEx rate reply: "deliveryDate": "", "commitDate": "2019-07-22T08:30:00")', () => {
    const reply = { output: { rateReplyDetails: [{ serviceType: 'INTERNATIONAL_FIRST', operationalDetail: { deliveryDate: '', commitDate: '2019-07-22T08:30:00', transitTime: 'THREE_DAYS', originLocationIds: 'COSA' }, ratedShipmentDetails: [{ rateType: 'ACCOUNT', currency: 'CAD', totalNetCharge: 445.54 }] }] } };
    const q = value(fedexRateResponseToQuotes(FedexRateResponseSchema.parse(reply))[0]!);
    expect([q.delivery, q.transitDays, q.total]).toEqual([{ localTime: '2019-07-22T08:30:00' }, 3, { amountMinor: 44554, currency: 'CAD' }]);
  });

  it('FedEx transit-time words', () => {
    expect([fedexTransitDays('ONE_DAY'), fedexTransitDays('FOUR_DAYS'), fedexTransitDays('UNKNOWN'), fedexTransitDays(undefined)]).toEqual([1, 4, undefined, undefined]);
  });
});

describe('fedex.shipment', () => {
  it('karrio\'s international reply (≈700 KB): tracking numbers, labels by reference only, charges per rate type', () => {
    const [s] = fedexShipResponseToCarrierShipments(FedexShipResponseSchema.parse(json('samples/shipment__IntlShipmentResponse.json'))).map(value);
    expect(CarrierShipmentSchema.parse(s)).toEqual(s);
    expect(s!.trackingNumber).toBe('794791341818');
    expect(s!.charges.map((c) => [c.rateType, c.total])).toEqual([
      ['PAYOR_ACCOUNT_SHIPMENT', { amountMinor: 444819, currency: 'USD' }],
      ['PAYOR_LIST_SHIPMENT', { amountMinor: 444819, currency: 'USD' }],
    ]);
    expect(s!.documents[0]).toMatchObject({ type: 'label', format: 'PDF', encoding: 'base64', pieceTrackingNumber: '794791341818' });
    expect(s!.documents.every((d) => d.encoding === 'url' || (d.base64Length! > 0 && d.sizeBytes! > 0))).toBe(true);
    expect(JSON.stringify(s)).not.toContain('JVBERi0');
    expect(JSON.stringify(s).length).toBeLessThan(10_000);
  });

  it('the documented reply: a breakdown line whose amount is the placeholder "string" is kept as unreadAmount; the total maps', () => {
    const [s] = fedexShipResponseToCarrierShipments(FedexShipResponseSchema.parse(json('samples/shipment__ShipmentResponse.json'))).map(value);
    expect(s).toMatchObject({ trackingNumber: '794953535000', service: { code: 'STANDARD_OVERNIGHT', name: 'FedEx 2 Day Freight' }, estimatedDelivery: { date: '2001-04-05' } });
    expect(s!.charges[0]).toMatchObject({ rateType: 'RATED_ACCOUNT_SHIPMENT', total: { amountMinor: 378, currency: 'USD' } });
    expect(s!.charges[0]!.breakdown![0]).toEqual({ description: 'description', unreadAmount: 'string' });
  });

  it('the documented replies (an array of two) all map', () => {
    const replies = json('doc-examples/shipping_responses.json') as unknown[];
    const all = replies.flatMap((r) => fedexShipResponseToCarrierShipments(FedexShipResponseSchema.parse(r)));
    expect(all.map((r) => (r.ok ? r.value.trackingNumber : r.error.message))).toEqual(['794953535000', '794791341818']);
  });
});
