/** A canonical shipment confirmation → the Alibaba.com shipment notice: carrier name, tracking number, ship day; whole orders only. */
import { describe, expect, it } from 'vitest';
import { shipmentConfirmationToAlibaba } from '../../../mappings/alibaba/index.js';
import type { Order, ShipmentConfirmation } from '../../../mappings/canonical/index.js';

const order = {
  vendor: 'alibaba',
  externalId: '234193410001028893',
  lines: [
    { lineId: '106117950042', quantity: 2 },
    { lineId: '106117950043', quantity: 1, quantityShipped: 1 },
  ],
} as unknown as Order;

const confirmation = (lines: { lineId: string; quantity: number }[]): ShipmentConfirmation => ({
  channel: 'alibaba',
  externalOrderId: '234193410001028893',
  carrier: { code: 'other', name: '顺丰速运' },
  trackingNumber: 'SF1234567890',
  shipDate: '2026-03-02T23:30:00Z',
  packageReference: '1',
  lines,
});

describe('shipmentConfirmationToAlibaba', () => {
  it('builds the notice from the carrier name, the tracking number and the UTC day', () => {
    expect(shipmentConfirmationToAlibaba(confirmation([{ lineId: '106117950042', quantity: 2 }]), order)).toEqual({
      ok: true,
      value: { logistics_company: '顺丰速运', tracking_number: 'SF1234567890', ship_date: '2026-03-02' },
    });
  });

  it('refuses a partial shipment, another vendor\'s order and another order, naming the field', () => {
    const partial = shipmentConfirmationToAlibaba(confirmation([{ lineId: '106117950042', quantity: 1 }]), order);
    expect(partial).toMatchObject({ ok: false, error: { issues: [{ field: 'lines', value: '106117950042' }] } });
    const other = shipmentConfirmationToAlibaba(confirmation([{ lineId: '106117950042', quantity: 2 }]), { ...order, vendor: 'amazon', externalId: '1' } as Order);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.issues.map((i) => i.field)).toEqual(['vendor', 'externalOrderId']);
  });
});
