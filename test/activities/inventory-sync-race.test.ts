/**
 * Two regions selling one warehouse's stock at the same moment must not oversell. One
 * warehouse DE-HAM holds N units; amazon-eu (DE) and amazon-na (US) both ship from it. Both
 * channels plan (concurrently), then both sell their whole promise at once (orders written by
 * two concurrent upsertOrders), then plan again concurrently: at every step the units sold
 * plus the units promised never exceed N, and once N are sold nothing is promised. Repeated
 * with random N, random partial sales and random interleavings, on SQLite and PostgreSQL.
 * Were every channel promised the whole stock, the first step already fails (Σ promises = 2N).
 */
import { expect, it } from 'vitest';
import { planChannelPage } from '../../activities/inventory-sync.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { InventoryLevel } from '../../mappings/canonical/inventory.js';
import type { Product } from '../../mappings/canonical/product.js';
import { upsertInventoryLevels, upsertOrders, upsertProducts } from '../../store/index.js';
import { makeLine, makeOrder } from '../store/order-fixtures.js';
import { describeOnEachDialect, storeTargets } from '../store/store-targets.js';
import { prng } from '../support/prng.js';

const targets = await storeTargets();

const DE = 'A1PA6795UKMFR9';
const US = 'ATVPDKIKX0DER';
const SKU = 'CRV-MUG-01';
const secrets = { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } };
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        inventory: { rule: 'share' },
        connections: {
          'amazon-eu': { vendor: 'amazon', settings: { region: 'eu', marketplaceIds: [DE] }, secrets, inventory: { locations: ['DE-HAM'] } },
          'amazon-na': { vendor: 'amazon', settings: { region: 'na', marketplaceIds: [US] }, secrets, inventory: { locations: ['DE-HAM'] } },
        },
      },
    },
  },
  {},
);

const product: Product = { sku: SKU, category: 'mug', title: { 'en-GB': 'Mug' }, attributes: {}, basePrice: { amountMinor: 1290, currency: 'EUR' } };
const stock = (n: number): InventoryLevel => ({
  vendor: 'seller-file',
  sku: SKU,
  location: { type: 'own-warehouse', id: 'DE-HAM' },
  quantities: { available: n },
  observedAt: '2026-03-01T08:00:00Z',
  refs: {},
});

const CHANNELS = [
  { channel: 'amazon-eu', marketplace: { id: DE, country: 'DE', name: 'Amazon.de' } },
  { channel: 'amazon-na', marketplace: { id: US, country: 'US', name: 'Amazon.com' } },
] as const;

describeOnEachDialect('inventory sync: two channels on one warehouse', targets, (store) => {
  let orderNo = 0;
  const sell = async (channel: (typeof CHANNELS)[number], units: number, minute: number) => {
    if (units === 0) return;
    const n = ++orderNo;
    const order = makeOrder(n, {
      channel: channel.channel,
      marketplace: channel.marketplace,
      updatedAt: `2026-03-01T10:${String(minute % 60).padStart(2, '0')}:00Z`,
      lines: [makeLine(`o-${n}`, 1, { sku: SKU, quantity: units })],
    });
    await upsertOrders(store.db(), 'acme', [order]);
  };
  const promises = async (): Promise<number[]> => {
    // Both channels plan at once, as two flows would.
    const pages = await Promise.all(CHANNELS.map((c) => planChannelPage(store.db(), config, 'acme', c.channel)));
    return pages.map((p) => p.quantities.find((q) => q.sku === SKU)?.quantity ?? 0);
  };

  it('whole promises sold at once never oversell, and a sold-out SKU is promised nowhere', async () => {
    const N = 7;
    await upsertProducts(store.db(), 'acme', [product]);
    await upsertInventoryLevels(store.db(), 'acme', [stock(N)]);
    const first = await promises();
    expect(first[0]! + first[1]!).toBeLessThanOrEqual(N);
    expect(first[0]! + first[1]!).toBe(N);
    // Both regions sell everything they were promised in the same instant.
    await Promise.all(CHANNELS.map((c, i) => sell(c, first[i]!, 1)));
    expect(await promises()).toEqual([0, 0]);
  });

  it('random stock, random partial sales, random interleavings: sold + promised ≤ N at every step', async () => {
    const seed = 20261205;
    const random = prng(seed);
    await upsertProducts(store.db(), 'acme', [product]);
    for (let trial = 0; trial < 6; trial++) {
      const N = 1 + Math.floor(random() * 15);
      // A fresh count per trial: only orders after it (and open ones) count against it.
      await store.db()('orders').delete();
      await store.db()('order_lines').delete();
      await upsertInventoryLevels(store.db(), 'acme', [{ ...stock(N), observedAt: `2026-03-01T0${trial}:00:00Z` }]);
      let sold = 0;
      for (let round = 0; round < 20; round++) {
        const promised = await promises();
        const where = `seed ${seed}, trial ${trial}, N ${N}, round ${round}, sold ${sold}, promised ${promised.join('+')}`;
        expect(sold + promised[0]! + promised[1]!, where).toBeLessThanOrEqual(N);
        if (sold === N) {
          expect(promised, where).toEqual([0, 0]);
          break;
        }
        // Each channel sells up to its promise (the first round all of it), in a random order, concurrently.
        const sales = promised.map((p) => (round === 0 ? p : Math.floor(random() * (p + 1))));
        const order = random() < 0.5 ? [0, 1] : [1, 0];
        await Promise.all(order.map((i) => sell(CHANNELS[i]!, sales[i]!, round)));
        sold += sales[0]! + sales[1]!;
        expect(sold, where).toBeLessThanOrEqual(N);
        if (sales[0]! + sales[1]! === 0 && promised[0]! + promised[1]! > 0) {
          // Nothing sold this round: sell everything promised so the trial ends.
          await Promise.all(CHANNELS.map((c, i) => sell(c, promised[i]!, round)));
          sold += promised[0]! + promised[1]!;
        }
      }
      expect(sold, `seed ${seed}, trial ${trial}`).toBe(N);
    }
  });
});
