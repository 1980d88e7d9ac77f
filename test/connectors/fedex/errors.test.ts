/** recogniseFedexErrorReply: FedEx's `errors` envelope at any status, Track replies holding only errors, alerts as warnings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseFedexErrorReply } from '../../../connectors/fedex/index.js';

const F = join(import.meta.dirname, '..', '..', 'fixtures', 'fedex');
const json = (p: string): unknown => JSON.parse(readFileSync(join(F, p), 'utf8'));

/** The error body every FedEx API documents (ErrorResponseVO, e.g. track.json 401 example). */
const unauthorized = { transactionId: '624deea6-b709-470c-8c39-4b5511281492', errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Access token expired. Please modify your request and try again.' }] };
const badRequest = { transactionId: 'c1', customerTransactionId: 'AnyCo', errors: [{ code: 'SHIPMENT.USER.UNAUTHORIZED', message: 'Requested user is not authorized to perform the operation.', parameterList: [] }] };

describe('recogniseFedexErrorReply', () => {
  it('names an error envelope with its status: kind from FedEx\'s code, transactionId as request id', () => {
    const e = recogniseFedexErrorReply(unauthorized, { operation: 'trackByTrackingNumber', status: 401 })!;
    expect([e.kind, e.status, e.vendorCode, e.requestId, e.vendor]).toEqual(['auth', 401, 'NOT.AUTHORIZED.ERROR', '624deea6-b709-470c-8c39-4b5511281492', 'fedex']);
    expect(e.message).toBe('FedEx trackByTrackingNumber: HTTP 401 NOT.AUTHORIZED.ERROR: Access token expired. Please modify your request and try again.');
  });

  it('claims the envelope without a status (a file), kind from the code, else validation', () => {
    expect(recogniseFedexErrorReply(unauthorized, { operation: 'rateQuotes' })).toMatchObject({ kind: 'auth', vendorCode: 'NOT.AUTHORIZED.ERROR' });
    expect(recogniseFedexErrorReply(badRequest, { operation: 'createShipment' })).toMatchObject({ kind: 'validation', vendorCode: 'SHIPMENT.USER.UNAUTHORIZED' });
  });

  it('a 200 Track reply whose every result is only an error is an error reply (not found)', () => {
    const body = { transactionId: 't1', output: { completeTrackResults: [{ trackingNumber: '39936862321', trackResults: [{ trackingNumberInfo: { trackingNumber: '39936862321', trackingNumberUniqueId: '', carrierCode: '' }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found. Please correct the tracking number and try again.' } }] }], alerts: 'TRACKING.DATA.NOTFOUND -  Tracking data unavailable' } };
    const e = recogniseFedexErrorReply(body, { operation: 'trackByTrackingNumber', status: 200 })!;
    expect([e.kind, e.vendorCode, e.requestId]).toEqual(['not_found', 'TRACKING.TRACKINGNUMBER.NOTFOUND', 't1']);
    // The same result with the empty shells FedEx fills every result with (latestStatusDetail with only an empty scanLocation, no scans): still no data.
    const shells = structuredClone(body);
    Object.assign(shells.output.completeTrackResults[0]!.trackResults[0]!, { latestStatusDetail: { scanLocation: {} }, scanEvents: [] });
    expect(recogniseFedexErrorReply(shells, { operation: 'trackByTrackingNumber', status: 200 })?.vendorCode).toBe('TRACKING.TRACKINGNUMBER.NOTFOUND');
  });

  it.each(['samples/tracking__TrackingResponse.json', 'samples/rate__RateResponse.json', 'samples/shipment__ShipmentResponse.json', 'doc-examples/tracking_response.json'])(
    'the real success reply %s is no error (its output.alerts are warnings)',
    (file) => {
      expect(recogniseFedexErrorReply(json(file), { operation: 'x', status: 200 })).toBeUndefined();
      expect(recogniseFedexErrorReply(json(file), { operation: 'x' })).toBeUndefined();
    },
  );

  it('any failure status is an error whatever the body; an HTML page is described', () => {
    const e = recogniseFedexErrorReply('<html><head><title>503 Service Unavailable</title></head></html>', { operation: 'rateQuotes', status: 503 })!;
    expect([e.kind, e.vendorCode]).toEqual(['transient', undefined]);
  });

  it('does not claim another vendor\'s errors without a status (Amazon\'s errors list has no dotted codes)', () => {
    expect(recogniseFedexErrorReply({ errors: [{ code: 'InvalidInput', message: 'Invalid input', details: '' }] }, { operation: 'x' })).toBeUndefined();
  });
});
