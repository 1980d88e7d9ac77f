import { describe, expect, it } from 'vitest';
import { planStock, targetKey, type ChannelTarget, type OrderDemand } from '../../../engines/inventory/index.js';

const DE = 'A1PA6795UKMFR9';
const US = 'ATVPDKIKX0DER';
const COUNTED = '2026-12-01T08:00:00Z';
const targets: ChannelTarget[] = [
  { channel: 'amazon-eu', marketplaceId: DE, locations: ['DE-HAM'] },
  { channel: 'amazon-na', marketplaceId: US, locations: ['US-NJ', 'DE-HAM'] },
];

const order = (channel: string, marketplaceId: string, status: string, updatedAt: string, quantity: number, extra: Partial<OrderDemand> = {}, quantityShipped?: number): OrderDemand => ({
  channel,
  marketplaceId,
  status,
  updatedAt,
  fulfilment: 'merchant',
  lines: [{ sku: 'MUG-1', quantity, ...(quantityShipped === undefined ? {} : { quantityShipped }) }],
  ...extra,
});

const quantities = (plan: ReturnType<typeof planStock>): Record<string, number> => Object.fromEntries(plan[0]!.allocations.map((a) => [targetKey(a.channel, a.marketplaceId), a.quantity]));

describe('planStock', () => {
  it('takes open orders and shipments since the count off the shelf, not shipments before it nor FBA orders', () => {
    const plan = planStock(
      [{ sku: 'MUG-1', locationId: 'DE-HAM', onHand: 20, countedAt: COUNTED }],
      [
        order('amazon-eu', DE, 'unshipped', '2026-11-30T10:00:00Z', 2),
        order('amazon-eu', DE, 'partially_shipped', '2026-12-02T10:00:00Z', 3, {}, 1),
        order('amazon-eu', DE, 'shipped', '2026-12-02T11:00:00Z', 4),
        order('amazon-eu', DE, 'shipped', '2026-11-30T11:00:00Z', 5),
        order('amazon-eu', DE, 'cancelled', '2026-12-02T11:00:00Z', 6),
        order('amazon-eu', DE, 'unshipped', '2026-12-02T11:00:00Z', 7, { fulfilment: 'marketplace' }),
      ],
      [targets[0]!],
    );
    // 2 open + 3 (2 open, 1 shipped since) + 4 shipped since = 9.
    expect(plan[0]!.committed).toEqual({ 'DE-HAM': 9 });
    expect(plan[0]!.free).toEqual({ 'DE-HAM': 11 });
    expect(quantities(plan)).toEqual({ [targetKey('amazon-eu', DE)]: 11 });
  });

  it("charges an order to its channel's locations in order", () => {
    const plan = planStock(
      [
        { sku: 'MUG-1', locationId: 'US-NJ', onHand: 2, countedAt: COUNTED },
        { sku: 'MUG-1', locationId: 'DE-HAM', onHand: 10, countedAt: COUNTED },
      ],
      [order('amazon-na', US, 'unshipped', '2026-12-02T10:00:00Z', 5)],
      targets,
    );
    expect(plan[0]!.committed).toEqual({ 'US-NJ': 2, 'DE-HAM': 3 });
    expect(plan[0]!.free).toEqual({ 'US-NJ': 0, 'DE-HAM': 7 });
    expect(quantities(plan)).toEqual({ [targetKey('amazon-eu', DE)]: 4, [targetKey('amazon-na', US)]: 3 });
  });

  it('race: two regions selling one warehouse at once never sell more than it holds', () => {
    // Each channel may sell what it was last promised; syncs and sales interleave at random.
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const sharedTargets: ChannelTarget[] = [
      { channel: 'amazon-eu', marketplaceId: DE, locations: ['DE-HAM'], safetyBuffer: 0 },
      { channel: 'amazon-na', marketplaceId: US, locations: ['DE-HAM'] },
    ];
    for (let round = 0; round < 300; round++) {
      const onHand = rnd(12);
      const orders: OrderDemand[] = [];
      const promised = new Map<string, number>();
      const soldSincePush = new Map<string, number>();
      const sync = (): void => {
        const plan = planStock([{ sku: 'MUG-1', locationId: 'DE-HAM', onHand, countedAt: COUNTED }], orders, sharedTargets);
        for (const a of plan[0]!.allocations) {
          promised.set(a.channel, a.quantity);
          soldSincePush.set(a.channel, 0);
        }
      };
      sync();
      for (let step = 0; step < 40; step++) {
        if (rnd(4) === 0) {
          sync();
          continue;
        }
        // Both channels try to sell in the same instant, each against its own last promise.
        for (const t of sharedTargets) {
          const left = (promised.get(t.channel) ?? 0) - (soldSincePush.get(t.channel) ?? 0);
          const want = 1 + rnd(3);
          if (want <= left) {
            orders.push(order(t.channel, t.marketplaceId, 'unshipped', '2026-12-02T10:00:00Z', want));
            soldSincePush.set(t.channel, (soldSincePush.get(t.channel) ?? 0) + want);
          }
        }
        const sold = orders.reduce((s, o) => s + o.lines[0]!.quantity, 0);
        expect(sold).toBeLessThanOrEqual(onHand);
      }
    }
  });

  it('plans each SKU on its own, in SKU order', () => {
    const plan = planStock(
      [
        { sku: 'TS-2', locationId: 'DE-HAM', onHand: 1, countedAt: COUNTED },
        { sku: 'MUG-1', locationId: 'DE-HAM', onHand: 4, countedAt: COUNTED },
      ],
      [],
      [targets[0]!],
    );
    expect(plan.map((p) => [p.sku, p.allocations[0]!.quantity])).toEqual([
      ['MUG-1', 4],
      ['TS-2', 1],
    ]);
  });
});
