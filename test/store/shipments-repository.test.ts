import { beforeEach, expect, it } from 'vitest';
import { findShipmentByTrackingNumber, getShipment, listOrderShipments, recordShipmentPurchase, setShipmentState, StoreInputError, type ShipmentPurchase } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();
const T0 = new Date('2026-03-16T10:00:00Z');
const T1 = new Date('2026-03-16T10:05:00Z');

const purchase = (key: string, over: Partial<ShipmentPurchase> = {}): ShipmentPurchase => ({
  idempotencyKey: key,
  tenant: 'acme',
  channel: 'amazon-eu',
  orderId: '302-1111111-2222222',
  connection: 'dhl-express',
  carrier: 'dhl',
  service: 'P',
  trackingNumber: '1234567890',
  incoterm: 'DDP',
  documents: [{ type: 'label', format: 'PDF', sha256: 'a'.repeat(64), bytes: 1234, contentType: 'application/pdf' }],
  charge: { amountMinor: 6500, currency: 'EUR' },
  ...over,
});

describeOnEachDialect('shipments', targets, (store) => {
  beforeEach(async () => {
    await store.db()('shipments').delete();
  });

  it('records a purchase once: the same key again answers the row already there', async () => {
    const db = store.db();
    const first = await recordShipmentPurchase(db, purchase('fo-1'), { now: T0 });
    expect(first).toEqual({ ...purchase('fo-1'), state: 'purchased', createdAt: '2026-03-16T10:00:00.000Z', updatedAt: '2026-03-16T10:00:00.000Z' });
    const again = await recordShipmentPurchase(db, purchase('fo-1', { trackingNumber: '999' }), { now: T1 });
    expect(again).toEqual(first);
    expect((await listOrderShipments(db, 'acme', 'amazon-eu', '302-1111111-2222222')).length).toBe(1);
  });

  it('moves forward through its states with a note; going back is refused; cancelled is final', async () => {
    const db = store.db();
    await recordShipmentPurchase(db, purchase('fo-2'), { now: T0 });
    expect(await setShipmentState(db, 'fo-2', 'recorded', {}, { now: T1 })).toMatchObject({ state: 'recorded', updatedAt: '2026-03-16T10:05:00.000Z' });
    expect(await setShipmentState(db, 'fo-2', 'recorded')).toMatchObject({ state: 'recorded', updatedAt: '2026-03-16T10:05:00.000Z' });
    await expect(setShipmentState(db, 'fo-2', 'purchased')).rejects.toBeInstanceOf(StoreInputError);
    expect(await setShipmentState(db, 'fo-2', 'cancelled', { note: 'waybill 1234567890 unused: never tendered' })).toMatchObject({ state: 'cancelled', note: 'waybill 1234567890 unused: never tendered' });
    await expect(setShipmentState(db, 'fo-2', 'confirmed')).rejects.toThrow('shipment fo-2 is cancelled: it cannot become confirmed');
    expect(await setShipmentState(db, 'unknown', 'recorded')).toBeUndefined();
    expect((await getShipment(db, 'fo-2'))?.state).toBe('cancelled');
  });

  it('lists an order\'s shipments oldest first and finds one by tracking number', async () => {
    const db = store.db();
    await recordShipmentPurchase(db, purchase('fo-b', { trackingNumber: '794953555571', carrier: 'fedex', connection: 'fedex' }), { now: T1 });
    await recordShipmentPurchase(db, purchase('fo-a', { documents: [] }), { now: T0 });
    await recordShipmentPurchase(db, purchase('fo-other', { orderId: 'other', trackingNumber: '5555555555' }), { now: T0 });
    expect((await listOrderShipments(db, 'acme', 'amazon-eu', '302-1111111-2222222')).map((s) => s.idempotencyKey)).toEqual(['fo-a', 'fo-b']);
    expect((await findShipmentByTrackingNumber(db, 'acme', '794953555571'))?.idempotencyKey).toBe('fo-b');
    expect(await findShipmentByTrackingNumber(db, 'other-tenant', '794953555571')).toBeUndefined();
  });
});
