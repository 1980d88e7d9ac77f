import { expect, it } from 'vitest';
import { stockDemand, upsertOrders } from '../../store/index.js';
import { makeOrder, T0 } from './order-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

describeOnEachDialect('stock demand', targets, (store) => {
  it('returns open orders and orders shipped after the count, with the lines of the SKUs asked for', async () => {
    const db = store.db();
    const open = makeOrder(1);
    const shippedAfter = makeOrder(2, { status: 'shipped', rawStatus: 'Shipped', updatedAt: '2026-03-05T10:00:00Z', fulfilment: 'marketplace' });
    const shippedBefore = makeOrder(3, { status: 'shipped', rawStatus: 'Shipped', updatedAt: '2026-03-01T10:00:00Z' });
    const cancelled = makeOrder(4, { status: 'cancelled', rawStatus: 'Canceled' });
    const partial = makeOrder(5, { status: 'partially_shipped', rawStatus: 'PartiallyShipped', channel: 'amazon-na', lines: [{ ...makeOrder(5).lines[1]!, quantityShipped: 1 }] });
    await upsertOrders(db, 'acme', [open, shippedAfter, shippedBefore, cancelled], { now: T0 });
    await upsertOrders(db, 'acme', [partial], { now: T0 });
    await upsertOrders(db, 'other', [makeOrder(6)], { now: T0 });

    const demand = await stockDemand(db, 'acme', ['CRV-MUG-02'], '2026-03-04T00:00:00Z');
    expect(demand).toEqual([
      { channel: 'amazon-eu', externalId: open.externalId, marketplaceId: 'A1PA6795UKMFR9', status: 'unshipped', fulfilment: 'merchant', updatedAt: '2026-03-01T10:01:00.123Z', lines: [{ sku: 'CRV-MUG-02', quantity: 2, quantityShipped: 0 }] },
      { channel: 'amazon-eu', externalId: shippedAfter.externalId, marketplaceId: 'A1PA6795UKMFR9', status: 'shipped', fulfilment: 'marketplace', updatedAt: '2026-03-05T10:00:00.000Z', lines: [{ sku: 'CRV-MUG-02', quantity: 2, quantityShipped: 0 }] },
      { channel: 'amazon-na', externalId: partial.externalId, marketplaceId: 'A1PA6795UKMFR9', status: 'partially_shipped', fulfilment: 'merchant', updatedAt: '2026-03-01T10:05:00.123Z', lines: [{ sku: 'CRV-MUG-02', quantity: 2, quantityShipped: 1 }] },
    ]);
    expect(await stockDemand(db, 'acme', ['NO-SUCH-SKU'], T0)).toEqual([]);
  });
});
