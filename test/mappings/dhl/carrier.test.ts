/** DHL carrier replies (MyDHL JSON, Unified Tracking JSON, legacy XML-PI) → canonical carrier records, on every real sample. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DhlUnifiedTrackingResponseSchema,
  MyDhlRatesResponseSchema,
  MyDhlRateProductSchema,
  MyDhlShipmentResponseSchema,
  MyDhlTrackingResponseSchema,
} from '../../../connectors/dhl/schemas/carrier-json.js';
import { DhlXmlDctResponseSchema, DhlXmlTrackingResponseSchema, DhlXmlShipmentResponseSchema, parseDhlXml } from '../../../connectors/dhl/schemas/xml.js';
import { CarrierShipmentSchema, RateQuoteSchema, TrackingResultSchema, type MappingResult } from '../../../mappings/canonical/index.js';
import {
  DHL_EXPRESS_STATUS_CODES,
  dhlExpressStatus,
  dhlUnifiedShipmentToTracking,
  dhlXmlAwbToTracking,
  dhlXmlQuoteToRateQuote,
  dhlXmlShipmentToCarrierShipment,
  myDhlProductToRateQuotes,
  myDhlShipmentToCarrierShipment,
  myDhlShipmentToTracking,
} from '../../../mappings/dhl/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const F = join(ROOT, 'test', 'fixtures', 'dhl', 'carrier');
const json = (p: string): unknown => JSON.parse(readFileSync(join(F, p), 'utf8'));
const xml = async (p: string) => {
  const r = await parseDhlXml(readFileSync(join(F, p), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return r;
};
function value<T>(r: MappingResult<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('DHL status list (data copied from DHL\'s list)', () => {
  it('holds exactly the express rows of the CSV, each mapped to a canonical status', () => {
    const csv = readFileSync(join(ROOT, 'mappings', 'dhl', 'tracking-status-codes.csv'), 'latin1');
    const express = csv
      .split(/\r?\n/)
      .map((l) => l.split(';'))
      .filter((c) => c[0] === 'express')
      .map((c) => ({ code: c[1], description: c[2], remark: c[3] ?? '' }));
    expect(DHL_EXPRESS_STATUS_CODES.map(({ code, description, remark }) => ({ code, description, remark }))).toEqual(express);
    expect(express).toHaveLength(44);
  });

  it.each([
    ['OK', 'delivered'],
    ['WC', 'out_for_delivery'],
    ['PU', 'in_transit'],
    ['RT', 'returned'],
    ['BA', 'exception'],
    ['104', 'pre_transit'],
    ['ok', 'delivered'],
    ['PO', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (code, status) => expect(dhlExpressStatus(code)).toBe(status));
});

describe('dhl.tracking — MyDHL', () => {
  it('maps karrio\'s recorded reply: events through the status list, local times kept (no GMTOffset given)', () => {
    const reply = MyDhlTrackingResponseSchema.parse(json('mydhl/tracking__TrackingResponse.json'));
    const t = value(myDhlShipmentToTracking(reply.shipments[0]!));
    expect(TrackingResultSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({ carrier: 'dhl', trackingNumber: '9356579890', status: 'delivered', carrierStatusCode: 'OK', service: { code: 'P' } });
    expect(t.service).toEqual({ code: 'P' }); // `description` is the contents, not the product name
    expect(t.estimatedDelivery).toEqual({ localTime: '2024-01-15T17:00:00' });
    expect(t.events.map((e) => [e.carrierCode, e.status, e.localTime, e.timestamp])).toEqual([
      ['OK', 'delivered', '2024-01-15T17:00:00', undefined],
      ['PU', 'in_transit', '2024-01-15T08:00:00', undefined],
    ]);
    expect(t.events[0]!.location).toEqual({ code: 'NYC', description: 'New York, NY' });
  });

  it('with GMTOffset, events are UTC instants (karrioapi/karrio#115: DHL event dates without and with zones)', () => {
    const raw = json('mydhl/tracking__TrackingResponse.json') as { shipments: { events: Record<string, unknown>[] }[] };
    raw.shipments[0]!.events[0]!.GMTOffset = '-05:00';
    raw.shipments[0]!.events[1]!.GMTOffset = null; // null as absent
    const t = value(myDhlShipmentToTracking(MyDhlTrackingResponseSchema.parse(raw).shipments[0]!));
    expect(t.events[0]).toMatchObject({ timestamp: '2024-01-15T22:00:00Z' });
    expect(t.events[0]!.localTime).toBeUndefined();
    expect(t.events[1]).toMatchObject({ localTime: '2024-01-15T08:00:00' });
  });

  it('with only piece-level events, the pieces\' events are the history, each naming its piece; "GMT+02:00" offsets read', () => {
    const reply = MyDhlTrackingResponseSchema.parse({
      shipments: [
        {
          shipmentTrackingNumber: 1234567890,
          status: 'Success',
          pieces: [{ number: 1, trackingNumber: 'JD014600003889040170', events: [{ date: '2024-03-01', time: '09:15:00', GMTOffset: 'GMT+02:00', typeCode: 'WC', description: 'With delivering courier' }] }],
        },
      ],
    });
    const t = value(myDhlShipmentToTracking(reply.shipments[0]!));
    expect(t).toMatchObject({ trackingNumber: '1234567890', status: 'out_for_delivery', pieceTrackingNumbers: ['JD014600003889040170'] });
    expect(t.events).toEqual([{ status: 'out_for_delivery', carrierCode: 'WC', carrierDescription: 'With delivering courier', timestamp: '2024-03-01T07:15:00Z', pieceTrackingNumber: 'JD014600003889040170' }]);
  });

  it('names the record and field of an impossible event date', () => {
    const raw = json('mydhl/tracking__TrackingResponse.json') as { shipments: { events: Record<string, unknown>[] }[] };
    raw.shipments[0]!.events[1]!.date = '2024-02-30';
    const r = myDhlShipmentToTracking(MyDhlTrackingResponseSchema.parse(raw).shipments[0]!);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.recordType, r.error.recordId, r.error.field]).toEqual(['dhl.tracking', '9356579890', 'shipments[0].events[1].date']);
  });
});

describe('dhl.tracking — MyDHL signer', () => {
  it('the description\'s example: signedBy "" and the signer in the delivery text ("Delivered : ALBY H") — the delivery event names ALBY H, no other event a signer', () => {
    const reply = MyDhlTrackingResponseSchema.parse(JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'dhl', 'shipments', 'tracking-response-200.spec-example.json'), 'utf8')));
    const t = value(myDhlShipmentToTracking(reply.shipments[0]!));
    expect(t.events.filter((e) => e.signedBy !== undefined).map((e) => [e.carrierCode, e.signedBy])).toEqual([['OK', 'ALBY H']]);
  });
});

describe('dhl.tracking — Unified Shipment Tracking', () => {
  it('maps karrio\'s recorded reply: statusCode → canonical, zoned timestamps in UTC, zone-less ones local', () => {
    const reply = DhlUnifiedTrackingResponseSchema.parse(json('unified/tracking__TrackingResponseJSON.json'));
    const t = value(dhlUnifiedShipmentToTracking(reply.shipments[0]!));
    expect(TrackingResultSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({ trackingNumber: '7777777770', status: 'pre_transit', carrierStatusCode: 'pre-transit', carrierStatusDescription: 'DELIVERED' });
    expect(t.estimatedDelivery).toEqual({ timestamp: '2018-08-03T00:00:00Z' });
    expect(t.events[0]).toMatchObject({ localTime: '2018-03-02T07:53:47', location: { postcode: '1043 AG', countryCode: 'NL' } });
    expect(t.pieceTrackingNumbers).toHaveLength(11);
  });

  it('reads nanosecond timestamps with an offset (karrioapi/karrio#439: "T15:27:20.331986369+01:00")', () => {
    const raw = json('unified/tracking__TrackingResponseJSON.json') as { shipments: { events: Record<string, unknown>[]; status: Record<string, unknown> }[] };
    raw.shipments[0]!.events[0]!.timestamp = '2023-11-20T15:27:20.331986369+01:00';
    raw.shipments[0]!.status.statusCode = 'transit';
    const t = value(dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse(raw).shipments[0]!));
    expect(t.events[0]!.timestamp).toBe('2023-11-20T14:27:20.331986369Z');
    expect(t.status).toBe('in_transit');
  });

  it('a status whose location has no address maps without a location (itsvic-dev/deliveries#211); an estimated time frame stands in for a missing estimate (its end)', () => {
    const raw = json('unified/tracking__TrackingResponseJSON.json') as { shipments: Record<string, unknown>[] };
    const s = raw.shipments[0]!;
    (s.status as Record<string, unknown>).location = {};
    delete s.estimatedTimeOfDelivery;
    s.estimatedDeliveryTimeFrame = { estimatedFrom: '2018-08-03T00:00:00Z', estimatedThrough: '2018-08-03T22:00:00Z' };
    const t = value(dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse(raw).shipments[0]!));
    expect(t.estimatedDelivery).toEqual({ timestamp: '2018-08-03T22:00:00Z' });
    expect(t.carrierStatusCode).toBe('pre-transit');
  });

  it('the signer of details.proofOfDelivery (a schema.org Person, as karrio\'s dhl_universal reads it) is on the delivery event only', () => {
    const raw = json('unified/tracking__TrackingResponseJSON.json') as { shipments: { events: Record<string, unknown>[]; status: Record<string, unknown>; details: { proofOfDelivery: { signed: Record<string, unknown> } } }[] };
    const s = raw.shipments[0]!;
    s.events = [{ ...s.events[0], statusCode: 'transit' }, { ...s.events[0], timestamp: '2018-03-03T10:00:00Z', statusCode: 'delivered' }];
    s.status.statusCode = 'delivered';
    const t = value(dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse(raw).shipments[0]!));
    expect(t.status).toBe('delivered');
    expect(t.events.map((e) => e.signedBy)).toEqual([undefined, 'John Doe']);
    // Only `name` given: that name.
    s.details.proofOfDelivery.signed = { name: 'JESSICA' };
    expect(value(dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse(raw).shipments[0]!)).events[1]!.signedBy).toBe('JESSICA');
    // The recorded reply as it is (no delivery event): no one signed anything.
    const asRecorded = value(dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse(json('unified/tracking__TrackingResponseJSON.json')).shipments[0]!));
    expect(asRecorded.events.some((e) => e.signedBy !== undefined)).toBe(false);
  });
});

describe('dhl.tracking — legacy XML-PI TrackingResponse (namespaced, req: prefix)', () => {
  it('maps every AWBInfo of karrio\'s recorded reply', async () => {
    const { root, doc } = await xml('xml/tracking__TrackingResponseXML.xml');
    expect(root).toBe('TrackingResponse');
    const reply = DhlXmlTrackingResponseSchema.parse(doc);
    const results = reply.AWBInfo.map((a, i) => value(dhlXmlAwbToTracking(a, i)));
    expect(results.map((r) => [r.trackingNumber, r.status, r.events.length])).toEqual([
      ['3180831640', 'delivered', 16],
      ['7740842550', 'in_transit', 1],
      ['1815115363', expect.any(String), expect.any(Number)],
    ]);
    const first = results[0]!;
    expect(first.events[0]).toEqual({ status: 'in_transit', carrierCode: 'PU', carrierDescription: 'Shipment picked up', localTime: '2009-08-28T13:26:00', location: { code: 'BCN', description: 'Barcelona - Spain' } });
    // Signatory on events other than the delivery is no signatory: the shipper's account number (PU), a time (PO), a weight (RW).
    expect(results.flatMap((r) => r.events).filter((e) => e.signedBy !== undefined).map((e) => [e.carrierCode, e.signedBy])).toEqual([['OK', 'CAMPAGNA']]);
    // Codes outside DHL's list stay unknown, raw code kept; wrapped descriptions are collapsed.
    expect(first.events[1]).toMatchObject({ status: 'unknown', carrierCode: 'PO' });
    expect(first.events.find((e) => e.carrierCode === 'AF')!.carrierDescription).toBe('Arrived at DHL facility in Barcelona - Spain');
    expect(first.events.at(-1)).toMatchObject({ carrierCode: 'OK', signedBy: 'CAMPAGNA' });
    expect(first.origin).toEqual({ code: 'BCN', description: 'Barcelona - Spain' });
  });

  it('an AWB DHL did not find, beside found ones, keeps DHL\'s condition as carrierError (status unknown, no events)', async () => {
    // The not-found AWBInfo of karrio's tracking__TrackingSingleNotFound.xml (AWBNumber empty, the number in ConditionData).
    const { doc } = await xml('xml/tracking__TrackingSingleNotFound.xml');
    const awb = DhlXmlTrackingResponseSchema.parse(doc).AWBInfo[0]!;
    expect(value(dhlXmlAwbToTracking(awb, 2))).toEqual({
      recordType: 'tracking',
      carrier: 'dhl',
      trackingNumber: '123456789',
      status: 'unknown',
      events: [],
      carrierError: { code: '103', message: 'No Shipments Found for AWBNumber 123456789' },
    });
    const r = dhlXmlAwbToTracking({ AWBNumber: undefined, Status: { ActionStatus: 'No Shipments Found', Condition: [] }, Pieces: undefined, ShipmentInfo: undefined }, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('AWBInfo[2].Status.ActionStatus');
  });

  it('reads EstDlvyDate with its GMT offset (sailrish/shipit#43 quotes the element)', () => {
    const r = value(dhlXmlAwbToTracking({ AWBNumber: '2628987793', Status: { ActionStatus: 'success', Condition: [] }, Pieces: undefined, ShipmentInfo: { ShipmentEvent: [], EstDlvyDate: '2019-02-01 23:59:00 GMT+08:00' } }));
    expect(r.estimatedDelivery).toEqual({ timestamp: '2019-02-01T15:59:00Z' });
  });
});

describe('dhl.shipment', () => {
  it('MyDHL: karrio\'s reply with shipmentTrackingNumber as a JSON number; the label by reference, not its content', () => {
    const s = value(myDhlShipmentToCarrierShipment(MyDhlShipmentResponseSchema.parse(json('mydhl/shipment__ShipmentResponse.json'))));
    expect(CarrierShipmentSchema.parse(s)).toEqual(s);
    expect(s).toEqual({
      recordType: 'carrier-shipment',
      carrier: 'dhl',
      service: {},
      trackingNumber: '9356579890',
      pieces: [{ trackingNumber: '9356579890', reference: '1' }],
      documents: [{ type: 'label', format: 'PDF', encoding: 'base64', path: 'documents[0].content', base64Length: 300, sizeBytes: 223 }],
      charges: [],
      trackingUrl: 'https://www.dhl.com/tracking?trackingNumber=9356579890',
    });
    expect(JSON.stringify(s)).not.toContain('JVBERi0');
  });

  it('MyDHL: charges per currency role as Money, breakdown kept', () => {
    const s = value(
      myDhlShipmentToCarrierShipment(
        MyDhlShipmentResponseSchema.parse({
          shipmentTrackingNumber: '123',
          shipmentCharges: [{ currencyType: 'BILLC', priceCurrency: 'JPY', price: 1980, serviceBreakdown: [{ name: 'FUEL SURCHARGE', price: 200, typeCode: 'FF' }] }],
          estimatedDeliveryDate: { estimatedDeliveryDate: '2024-01-15', estimatedDeliveryType: 'QDDC' },
        }),
      ),
    );
    expect(s.charges).toEqual([{ rateType: 'BILLC', total: { amountMinor: 1980, currency: 'JPY' }, breakdown: [{ code: 'FF', description: 'FUEL SURCHARGE', amount: { amountMinor: 200, currency: 'JPY' } }] }]);
    expect(s.estimatedDelivery).toEqual({ date: '2024-01-15' });
  });

  it('legacy XML ShipmentResponse: AWB, licence plates, label reference, charge per currency role', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?><res:ShipmentResponse xmlns:res='http://www.dhl.com'>
      <AirwayBillNumber>0044650491</AirwayBillNumber><CurrencyCode>USD</CurrencyCode><ShippingCharge>155.160</ShippingCharge>
      <GlobalProductCode>P</GlobalProductCode><ProductShortName>EXPRESS WORLDWIDE</ProductShortName>
      <Pieces><Piece><PieceNumber>1</PieceNumber><LicensePlate>JD013036538168309350</LicensePlate></Piece></Pieces>
      <LabelImage><OutputFormat>PDF</OutputFormat><OutputImage>JVBERi0xLjQK</OutputImage></LabelImage>
      <QtdSInAdCur><CurrencyCode>USD</CurrencyCode><CurrencyRoleTypeCode>BILLC</CurrencyRoleTypeCode><ShippingCharge>155.160</ShippingCharge></QtdSInAdCur>
      <QtdSInAdCur><CurrencyCode>EUR</CurrencyCode><CurrencyRoleTypeCode>BASEC</CurrencyRoleTypeCode><ShippingCharge>131.07</ShippingCharge></QtdSInAdCur>
    </res:ShipmentResponse>`;
    // Element values as in karrio's dhl_express test_shipment.py ShipmentResponseXml (trimmed).
    const parsed = await parseDhlXml(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const s = value(dhlXmlShipmentToCarrierShipment(DhlXmlShipmentResponseSchema.parse(parsed.doc)));
    expect(s).toEqual({
      recordType: 'carrier-shipment',
      carrier: 'dhl',
      service: { code: 'P', name: 'EXPRESS WORLDWIDE' },
      trackingNumber: '0044650491',
      pieces: [{ trackingNumber: 'JD013036538168309350', reference: '1' }],
      documents: [{ type: 'label', format: 'PDF', encoding: 'base64', path: 'LabelImage.OutputImage', base64Length: 12, sizeBytes: 9 }],
      charges: [
        { rateType: 'BILLC', total: { amountMinor: 15516, currency: 'USD' } },
        { rateType: 'BASEC', total: { amountMinor: 13107, currency: 'EUR' } },
      ],
    });
  });
});

describe('dhl.rate', () => {
  it('MyDHL: karrio\'s reply, one quote per product in its billing currency', () => {
    const reply = MyDhlRatesResponseSchema.parse(json('mydhl/rate__RateResponse.json'));
    const quotes = reply.products.flatMap((p, i) => myDhlProductToRateQuotes(p, i)).map(value);
    quotes.forEach((q) => expect(RateQuoteSchema.parse(q)).toEqual(q));
    expect(quotes.map((q) => [q.service.code, q.rateType, q.total, q.base, q.delivery])).toEqual([
      ['P', 'BILLC', { amountMinor: 2599, currency: 'USD' }, { amountMinor: 2350, currency: 'USD' }, { localTime: '2024-01-15T17:00:00' }],
      ['Y', 'BILLC', { amountMinor: 3599, currency: 'USD' }, undefined, { localTime: '2024-01-14T12:00:00' }],
    ]);
  });

  it('MyDHL (sonnenglas): roles without a currency and a zero price are skipped; taxes and surcharges kept', () => {
    const q = myDhlProductToRateQuotes(MyDhlRateProductSchema.parse(json('mydhl/rate.json'))).map(value);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      service: { code: '1', name: 'EXPRESS DOMESTIC 12:00' },
      rateType: 'BILLC',
      total: { amountMinor: 1664, currency: 'EUR' },
      base: { amountMinor: 1170, currency: 'EUR' },
      taxes: [{ code: 'STTXA', amount: { amountMinor: 266, currency: 'EUR' } }],
      surcharges: [
        { code: 'YK', description: '12:00 PREMIUM', amount: { amountMinor: 357, currency: 'EUR' } },
        { code: 'FF', description: 'FUEL SURCHARGE', amount: { amountMinor: 137, currency: 'EUR' } },
      ],
    });
    const all = MyDhlRatesResponseSchema.parse(json('mydhl/get_rates.json')).products.flatMap((p, i) => myDhlProductToRateQuotes(p, i));
    expect(all.every((r) => r.ok)).toBe(true);
    const values = all.map(value);
    expect(values.map((v) => [v.service.code, v.priced, v.total?.amountMinor, v.transitDays])).toEqual([
      ['C', true, 5325, 1],
      ['I', true, 3869, 1],
      ['O', true, 2572, 1],
      ['1', true, 1664, 1],
      ['7', false, undefined, 1],
    ]);
  });

  it('legacy XML DCTResponse: doubles printed at full precision ("208.02000000000001") read as the amount DHL meant', async () => {
    const { doc } = await xml('xml/rate__RateResponseXML.xml');
    const reply = DhlXmlDctResponseSchema.parse(doc);
    const quotes = reply.GetQuoteResponse.BkgDetails[0]!.QtdShp.map((q, i) => value(dhlXmlQuoteToRateQuote(q, `QtdShp[${i}]`)));
    expect(quotes[0]).toEqual({
      recordType: 'rate-quote',
      carrier: 'dhl',
      service: { code: 'D', name: 'EXPRESS WORLDWIDE' },
      total: { amountMinor: 20802, currency: 'CAD' },
      priced: true,
      base: { amountMinor: 19532, currency: 'CAD' },
      surcharges: [{ code: 'FF', description: 'FUEL SURCHARGE', amount: { amountMinor: 1270, currency: 'CAD' } }],
      taxes: [],
      transitDays: 5,
      delivery: { timestamp: '2018-06-26T11:59:00Z' },
    });
    expect(quotes[1]).toMatchObject({ service: { code: '7' }, total: { amountMinor: 21347, currency: 'CAD' } });
  });

  it('legacy XML: a product quoted with neither currency nor charge is kept as unpriced', async () => {
    const { doc } = await xml('xml/rate__RateResponseXML.xml');
    const q0 = DhlXmlDctResponseSchema.parse(doc).GetQuoteResponse.BkgDetails[0]!.QtdShp[0]!;
    const r = value(dhlXmlQuoteToRateQuote({ ...q0, CurrencyCode: undefined, ShippingCharge: '0.000', WeightCharge: undefined, QtdShpExChrg: [] }, 'QtdShp[0]'));
    expect(r).toMatchObject({ service: { code: 'D' }, priced: false, transitDays: 5 });
    expect(r.total).toBeUndefined();
  });

  it('a real amount with too many decimals is still refused, naming the field', async () => {
    const { doc } = await xml('xml/rate__RateResponseXML.xml');
    const reply = DhlXmlDctResponseSchema.parse(doc);
    const q = { ...reply.GetQuoteResponse.BkgDetails[0]!.QtdShp[0]!, ShippingCharge: '208.025' };
    const r = dhlXmlQuoteToRateQuote(q, 'QtdShp[0]');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.recordId, r.error.field]).toEqual(['D', 'QtdShp[0].ShippingCharge']);
  });
});
