import { beforeEach, expect, it } from 'vitest';
import type { TrackingEvent } from '../../mappings/canonical/carrier.js';
import {
  findTrackingShipments,
  finishTrackingShipment,
  getTrackingShipment,
  listTrackingEvents,
  recordTrackingEvents,
  recordTrackingException,
  startTrackingShipment,
  StoreInputError,
  trackingEventKey,
} from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const T0 = new Date('2026-03-02T08:00:00Z');
const T1 = new Date('2026-03-02T20:00:00Z');
const T2 = new Date('2026-03-05T09:00:00Z');
const KEY = { carrier: 'dhl', trackingNumber: '1234567890' };
const START = { ...KEY, tenant: 'acme', channel: 'dhl-express', orderId: '302-1111111-1111111', originCountry: 'DE', destinationCountry: 'US' };

const pickedUp: TrackingEvent = { status: 'in_transit', carrierCode: 'PU', carrierDescription: 'Shipment picked up', timestamp: '2026-03-02T10:00:00Z', location: { city: 'LEIPZIG', countryCode: 'DE', code: 'LEJ' } };
const departed: TrackingEvent = { status: 'in_transit', carrierCode: 'DF', carrierDescription: 'Departed Facility in LEIPZIG-DE', timestamp: '2026-03-02T14:00:00Z', location: { city: 'LEIPZIG', countryCode: 'DE', code: 'LEJ' } };
// A wall-clock time without a zone, as MyDHL gives it.
const delivered: TrackingEvent = { status: 'delivered', carrierCode: 'OK', carrierDescription: 'Delivered', localTime: '2026-03-04T11:30:00', signedBy: 'J SMITH', location: { city: 'NEW YORK', countryCode: 'US' } };

describeOnEachDialect('parcel tracking', targets, (store) => {
  beforeEach(async () => {
    await store.db()('tracking_events').delete();
    await store.db()('tracking_shipments').delete();
  });

  it('starts tracking once: a second start fills in what the first did not know and changes nothing else', async () => {
    const db = store.db();
    const first = await startTrackingShipment(db, { ...KEY, tenant: 'acme', channel: 'dhl-express' }, { now: T0 });
    expect(first).toEqual({ ...KEY, tenant: 'acme', channel: 'dhl-express', status: 'unknown', progressAt: T0.toISOString(), eventsCount: 0, stalled: false, startedAt: T0.toISOString(), updatedAt: T0.toISOString() });
    const again = await startTrackingShipment(db, START, { now: T1 });
    expect(again).toMatchObject({ orderId: START.orderId, originCountry: 'DE', destinationCountry: 'US', startedAt: T0.toISOString(), status: 'unknown' });
    await expect(startTrackingShipment(db, { ...START, tenant: 'other' })).rejects.toThrow('dhl 1234567890 is tracked for tenant "acme", not "other"');
    await expect(startTrackingShipment(db, { ...START, trackingNumber: '999', destinationCountry: 'USA' })).rejects.toThrow('dhl 999: destinationCountry "USA" is not an ISO 3166-1 alpha-2 code');
  });

  it('records each event once, whether it comes from a poll or a pushed update, and moves the status and stall clock on', async () => {
    const db = store.db();
    await startTrackingShipment(db, START, { now: T0 });
    const polled = await recordTrackingEvents(db, { ...KEY, source: 'poll', events: [departed, pickedUp], status: { status: 'in_transit', carrierStatusCode: 'transit' } }, { now: T1 });
    expect(polled.added).toBe(2);
    expect(polled.shipment).toMatchObject({ status: 'in_transit', carrierStatusCode: 'transit', lastEventAt: '2026-03-02T14:00:00Z', progressAt: '2026-03-02T14:00:00.000Z', eventsCount: 2 });

    // The same scan pushed twice (description reworded), then polled again: nothing new.
    const reworded = { ...pickedUp, carrierDescription: 'Picked up' };
    expect((await recordTrackingEvents(db, { ...KEY, source: 'push', events: [reworded] }, { now: T1 })).added).toBe(0);
    expect((await recordTrackingEvents(db, { ...KEY, source: 'push', events: [reworded, reworded] }, { now: T1 })).added).toBe(0);
    expect((await recordTrackingEvents(db, { ...KEY, source: 'poll', events: [departed, pickedUp] }, { now: T1 })).shipment.eventsCount).toBe(2);

    // A pushed delivery without a shipment status: the latest event gives it.
    const pushed = await recordTrackingEvents(db, { ...KEY, source: 'push', events: [delivered] }, { now: T2 });
    expect(pushed).toMatchObject({ added: 1, shipment: { status: 'delivered', carrierStatusCode: 'OK', lastEventAt: '2026-03-04T11:30:00', progressAt: '2026-03-04T11:30:00.000Z', eventsCount: 3 } });
    // An older event arriving late does not turn the status back.
    const late: TrackingEvent = { status: 'in_transit', carrierCode: 'AF', timestamp: '2026-03-03T02:00:00Z' };
    expect((await recordTrackingEvents(db, { ...KEY, source: 'push', events: [late] }, { now: T2 })).shipment).toMatchObject({ status: 'delivered', eventsCount: 4 });

    const events = await listTrackingEvents(db, KEY);
    expect(events.map((e) => [e.event.carrierCode, e.source])).toEqual([['PU', 'poll'], ['DF', 'poll'], ['AF', 'push'], ['OK', 'push']]);
    expect(events[0]!.event).toEqual(pickedUp);
    expect(events[3]!.eventKey).toBe(trackingEventKey(delivered));
  });

  it('never puts progress in the future when the carrier clock runs ahead', async () => {
    const db = store.db();
    await startTrackingShipment(db, START, { now: T0 });
    const ahead: TrackingEvent = { status: 'in_transit', carrierCode: 'PU', timestamp: '2026-03-09T00:00:00Z' };
    expect((await recordTrackingEvents(db, { ...KEY, source: 'poll', events: [ahead] }, { now: T1 })).shipment.progressAt).toBe(T1.toISOString());
  });

  it('flags a stalled parcel once, clears the flag when it moves again, and finishes once', async () => {
    const db = store.db();
    await startTrackingShipment(db, START, { now: T0 });
    await recordTrackingEvents(db, { ...KEY, source: 'poll', events: [pickedUp] }, { now: T0 });
    const flagged = await recordTrackingException(db, KEY, 'no movement for 96 h on lane DE-US', { now: T1 });
    expect(flagged).toMatchObject({ stalled: true, exception: { at: T1.toISOString(), reason: 'no movement for 96 h on lane DE-US' } });
    expect((await recordTrackingException(db, KEY, 'again', { now: T2 })).exception).toEqual({ at: T1.toISOString(), reason: 'no movement for 96 h on lane DE-US' });
    expect((await findTrackingShipments(db, { tenant: 'acme', stalled: true })).map((s) => s.trackingNumber)).toEqual(['1234567890']);

    const moved = await recordTrackingEvents(db, { ...KEY, source: 'poll', events: [departed] }, { now: T2 });
    expect(moved.shipment).toMatchObject({ stalled: false, exception: { at: T1.toISOString() } });
    expect(await findTrackingShipments(db, { tenant: 'acme', stalled: true })).toEqual([]);

    expect((await finishTrackingShipment(db, KEY, { now: T1 })).finishedAt).toBe(T1.toISOString());
    expect((await finishTrackingShipment(db, KEY, { now: T2 })).finishedAt).toBe(T1.toISOString());
  });

  it('finds parcels by order id and tracking number; refuses unknown parcels and bad input naming the field', async () => {
    const db = store.db();
    await startTrackingShipment(db, START, { now: T0 });
    await startTrackingShipment(db, { ...START, carrier: 'fedex', trackingNumber: '794843185271' }, { now: T1 });
    await startTrackingShipment(db, { ...START, trackingNumber: '555', orderId: 'other' }, { now: T1 });
    expect((await findTrackingShipments(db, { tenant: 'acme', orderId: START.orderId })).map((s) => `${s.carrier}:${s.trackingNumber}`)).toEqual(['dhl:1234567890', 'fedex:794843185271']);
    expect((await findTrackingShipments(db, { tenant: 'acme', trackingNumber: '555' })).map((s) => s.orderId)).toEqual(['other']);
    expect(await getTrackingShipment(db, { carrier: 'fedex', trackingNumber: 'nope' })).toBeUndefined();
    await expect(recordTrackingEvents(db, { carrier: 'fedex', trackingNumber: 'nope', source: 'poll', events: [] })).rejects.toThrow('fedex nope is not tracked: start tracking it first');
    await expect(startTrackingShipment(db, { ...START, trackingNumber: '' })).rejects.toBeInstanceOf(StoreInputError);
    await expect(recordTrackingException(db, KEY, ' ')).rejects.toThrow('dhl 1234567890: an exception needs a reason');
  });
});
