/** The canonical InventoryLevel: strict, counts are non-negative integers, a warehouse level needs no FBA fields. */
import { describe, expect, it } from 'vitest';
import { InventoryLevelSchema } from '../../../mappings/canonical/index.js';

const own = {
  vendor: 'caravan',
  sku: 'MUG-WHITE-L',
  location: { type: 'own-warehouse', id: 'wh-berlin', name: 'Berlin', country: 'DE' },
  quantities: { available: 12, reserved: { total: 2 }, total: 14 },
  observedAt: '2026-03-02T10:15:00Z',
  refs: {},
};

describe('InventoryLevelSchema', () => {
  it('an own-warehouse and an overseas-warehouse level (AliExpress/Alibaba-style stock: available only) are valid', () => {
    expect(InventoryLevelSchema.safeParse(own).success).toBe(true);
    expect(InventoryLevelSchema.safeParse({ ...own, location: { type: 'overseas-warehouse', id: 'ae-cainiao-es', country: 'ES' }, quantities: { available: 3 } }).success).toBe(true);
  });

  it.each([
    ['a negative count', { ...own, quantities: { available: -1 } }],
    ['a fractional count', { ...own, quantities: { total: 1.5 } }],
    ['a negative reason count', { ...own, quantities: { unfulfillable: { byReason: { expired: -2 } } } }],
    ['an unknown location type', { ...own, location: { type: 'shop', id: 'x' } }],
    ['an unknown field (strict)', { ...own, warehouseName: 'Berlin' }],
    ['an unknown quantity (strict)', { ...own, quantities: { onHand: 3 } }],
    ['a time that is not UTC', { ...own, observedAt: '2026-03-02T10:15:00+01:00' }],
    ['a country that is not ISO 3166-1', { ...own, location: { ...own.location, country: 'UK' } }],
  ])('rejects %s', (_what, level) => {
    expect(InventoryLevelSchema.safeParse(level).success).toBe(false);
  });
});
