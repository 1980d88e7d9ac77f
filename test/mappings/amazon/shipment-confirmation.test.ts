/**
 * Shipment confirmations on the SP-API sandbox's own Unshipped MFN order (getOrder +
 * getOrderItems TEST_CASE_200, mapped as the import maps it): which lines a confirmation
 * carries by default, what it refuses (marketplace-fulfilled, not shippable, unknown line, too
 * many units), and the confirmShipment body Amazon gets, checked against the connector's schema.
 */
import { describe, expect, it } from 'vitest';
import { mapAmazonOrderRecord } from '../../../activities/amazon-records.js';
import { AmazonConfirmShipmentRequestSchema } from '../../../connectors/amazon/operations/confirm-shipment.js';
import { shipmentConfirmationToAmazon } from '../../../mappings/amazon/shipment-confirmation.js';
import { shipmentConfirmationFor, shippingCarrier, type Order, type ShipmentConfirmationRequest } from '../../../mappings/canonical/index.js';
import { loadJson, type OrderItemsPage, type OrderPayload } from './fixtures.js';

const rawOrder = loadJson<OrderPayload>('ordersV0.getOrder.200.sandbox.TEST_CASE_200.json').payload as Record<string, unknown>;
const rawItems = loadJson<OrderItemsPage>('ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json').payload.OrderItems;

function order(patch: Record<string, unknown> = {}, items: unknown[] = rawItems): Order {
  const mapped = mapAmazonOrderRecord({ ...rawOrder, ...patch }, items, 'amazon-us');
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.rejection));
  return mapped.order;
}

const request: ShipmentConfirmationRequest = {
  carrier: shippingCarrier('fedex')!,
  service: 'FedEx Ground',
  trackingNumber: ' 112345678 ',
  shipDate: '2026-03-02T10:15:00Z',
};

describe('carriers as operators type them', () => {
  it('reads codes and known names in any case, and any other name as "other" with that name', () => {
    expect(shippingCarrier('Royal Mail')).toEqual({ code: 'royal-mail', name: 'Royal Mail' });
    expect(shippingCarrier('ROYAL_MAIL')).toEqual({ code: 'royal-mail', name: 'Royal Mail' });
    expect(shippingCarrier('dhl')).toEqual({ code: 'dhl', name: 'DHL' });
    expect(shippingCarrier('  Speedy Kurier  ')).toEqual({ code: 'other', name: 'Speedy Kurier' });
    expect(shippingCarrier('  ')).toBeUndefined();
  });
});

describe('shipmentConfirmationFor', () => {
  it('confirms every unshipped unit by default, package 1, tracking number trimmed', () => {
    const r = shipmentConfirmationFor(order(), request);
    expect(r).toEqual({
      ok: true,
      value: {
        channel: 'amazon-us',
        externalOrderId: '902-1845936-5435065',
        carrier: { code: 'fedex', name: 'FedEx' },
        service: 'FedEx Ground',
        trackingNumber: '112345678',
        shipDate: '2026-03-02T10:15:00Z',
        packageReference: '1',
        lines: [{ lineId: '05015851154158', sku: 'NABetaASINB00551Q3CS', quantity: 1 }],
      },
    });
  });

  it('leaves out lines shipped already and ships only what is left of a partly shipped line', () => {
    const items = [
      { ...(rawItems[0] as object), QuantityOrdered: 3, QuantityShipped: 1 },
      { ...(rawItems[0] as object), OrderItemId: '05015851154159', QuantityOrdered: 1, QuantityShipped: 1 },
    ];
    const r = shipmentConfirmationFor(order({ OrderStatus: 'PartiallyShipped' }, items), request);
    expect(r.ok && r.value.lines).toEqual([{ lineId: '05015851154158', sku: 'NABetaASINB00551Q3CS', quantity: 2 }]);
  });

  it('refuses an order Amazon fulfils (FBA) and one that is shipped or cancelled, naming the field', () => {
    const fba = shipmentConfirmationFor(order({ FulfillmentChannel: 'AFN' }), request);
    expect(!fba.ok && fba.error.message).toBe(
      'shipment-confirmation 902-1845936-5435065: fulfilment: the marketplace fulfils this order itself: only merchant-fulfilled orders are confirmed by the seller',
    );
    const cancelled = shipmentConfirmationFor(order({ OrderStatus: 'Canceled' }), request);
    expect(!cancelled.ok && cancelled.error.message).toBe(
      'shipment-confirmation 902-1845936-5435065: status: the order is cancelled (Canceled): only unshipped or partially shipped orders can be confirmed',
    );
    const shipped = shipmentConfirmationFor(order({ OrderStatus: 'Shipped' }), request);
    expect(!shipped.ok && shipped.error.field).toBe('status');
  });

  it('refuses a line the order lacks, more units than are left, and a package reference that is no positive number', () => {
    const r = shipmentConfirmationFor(order(), { ...request, lines: [{ lineId: 'nope', quantity: 1 }, { lineId: '05015851154158', quantity: 2 }] });
    expect(!r.ok && r.error.issues).toEqual([
      { field: 'lines[0].lineId', message: 'the order has no line nope', value: 'nope' },
      { field: 'lines[1].quantity', message: '2 is more than the 1 unit(s) left to ship', value: 2 },
    ]);
    const pkg = shipmentConfirmationFor(order(), { ...request, packageReference: '0' });
    expect(!pkg.ok && pkg.error.issues[0]).toEqual({ field: 'packageReference', message: 'must be a positive whole number' });
  });
});

describe('shipmentConfirmationToAmazon', () => {
  it('builds the model sample\'s shape: marketplace from the order, orderItemId from the line refs; the connector schema accepts it', () => {
    const stored = order();
    const confirmation = shipmentConfirmationFor(stored, request);
    if (!confirmation.ok) throw confirmation.error;
    const body = shipmentConfirmationToAmazon(confirmation.value, stored);
    expect(body).toEqual({
      ok: true,
      value: {
        marketplaceId: 'ATVPDKIKX0DER',
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'FedEx',
          shippingMethod: 'FedEx Ground',
          trackingNumber: '112345678',
          shipDate: '2026-03-02T10:15:00Z',
          orderItems: [{ orderItemId: '05015851154158', quantity: 1 }],
        },
      },
    });
    expect(AmazonConfirmShipmentRequestSchema.safeParse(body.ok && body.value).success).toBe(true);
  });

  it('sends a carrier missing from Amazon\'s list as "Other" with its name, and Hermes under Amazon\'s own code', () => {
    const stored = order();
    const bodyFor = (carrier: string) => {
      const c = shipmentConfirmationFor(stored, { ...request, carrier: shippingCarrier(carrier)! });
      if (!c.ok) throw c.error;
      const b = shipmentConfirmationToAmazon(c.value, stored);
      if (!b.ok) throw b.error;
      expect(AmazonConfirmShipmentRequestSchema.safeParse(b.value).success).toBe(true);
      return [b.value.packageDetail.carrierCode, b.value.packageDetail.carrierName];
    };
    expect(bodyFor('Evri')).toEqual(['Other', 'Evri']);
    expect(bodyFor('Speedy Kurier')).toEqual(['Other', 'Speedy Kurier']);
    expect(bodyFor('hermes')).toEqual(['Hermes Logistik Gruppe', undefined]);
  });

  it('refuses a confirmation of another order or of a line the stored order lacks', () => {
    const stored = order();
    const c = shipmentConfirmationFor(stored, request);
    if (!c.ok) throw c.error;
    const other = shipmentConfirmationToAmazon({ ...c.value, externalOrderId: '111-0000000-0000000', lines: [{ lineId: 'x', quantity: 1 }] }, stored);
    expect(!other.ok && other.error.issues.map((i) => i.field)).toEqual(['externalOrderId', 'lines[0].lineId']);
  });
});
