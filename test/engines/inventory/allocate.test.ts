import { describe, expect, it } from 'vitest';
import { allocateStock, AllocationInputError, type AllocationTarget, type StockPool } from '../../../engines/inventory/index.js';

const EU_DE = 'amazon-eu/A1PA6795UKMFR9';
const EU_FR = 'amazon-eu/A13V1IB3VIYZZH';
const NA_US = 'amazon-na/ATVPDKIKX0DER';

function quantities(pools: StockPool[], targets: AllocationTarget[], rule?: 'share' | 'priority'): Record<string, number> {
  return Object.fromEntries(allocateStock(pools, targets, rule).map((a) => [a.key, a.quantity]));
}

describe('allocateStock', () => {
  it('splits a warehouse by weight, the remainder to the largest remainders', () => {
    const pools = [{ locationId: 'DE-HAM', free: 10 }];
    expect(quantities(pools, [{ key: EU_DE, locations: ['DE-HAM'], weight: 2 }, { key: EU_FR, locations: ['DE-HAM'], weight: 1 }])).toEqual({ [EU_DE]: 7, [EU_FR]: 3 });
  });

  it('gives the last unit to one channel only', () => {
    const pools = [{ locationId: 'DE-HAM', free: 1 }];
    const q = quantities(pools, [{ key: EU_FR, locations: ['DE-HAM'] }, { key: EU_DE, locations: ['DE-HAM'] }]);
    expect(q[EU_DE]! + q[EU_FR]!).toBe(1);
    // Equal weights and remainders: the tie goes to the lower key, every time.
    expect(q).toEqual({ [EU_FR]: 1, [EU_DE]: 0 });
  });

  it('holds the safety buffer back without handing it to another channel', () => {
    const pools = [{ locationId: 'DE-HAM', free: 10 }];
    const all = allocateStock(pools, [{ key: EU_DE, locations: ['DE-HAM'], safetyBuffer: 2 }, { key: EU_FR, locations: ['DE-HAM'], safetyBuffer: 9 }]);
    expect(all).toEqual([
      { key: EU_DE, quantity: 3, fromLocations: { 'DE-HAM': 5 }, heldBack: 2, capped: 0 },
      { key: EU_FR, quantity: 0, fromLocations: { 'DE-HAM': 5 }, heldBack: 5, capped: 0 },
    ]);
  });

  it('adds the shares of every location a channel ships from', () => {
    const pools = [
      { locationId: 'DE-HAM', free: 6 },
      { locationId: 'US-NJ', free: 4 },
    ];
    const all = allocateStock(pools, [
      { key: EU_DE, locations: ['DE-HAM'] },
      { key: NA_US, locations: ['US-NJ', 'DE-HAM'] },
    ]);
    expect(all.map((a) => [a.key, a.quantity, a.fromLocations])).toEqual([
      [EU_DE, 3, { 'DE-HAM': 3 }],
      [NA_US, 7, { 'DE-HAM': 3, 'US-NJ': 4 }],
    ]);
  });

  it('fills by priority up to each cap (buffer included in the room)', () => {
    const pools = [{ locationId: 'DE-HAM', free: 20 }];
    const q = quantities(
      pools,
      [
        { key: EU_FR, locations: ['DE-HAM'], priority: 2 },
        { key: EU_DE, locations: ['DE-HAM'], priority: 1, maxUnits: 5, safetyBuffer: 1 },
      ],
      'priority',
    );
    expect(q).toEqual({ [EU_DE]: 5, [EU_FR]: 14 });
  });

  it('treats negative free stock (more held by open orders than on hand) as none', () => {
    expect(quantities([{ locationId: 'DE-HAM', free: -3 }], [{ key: EU_DE, locations: ['DE-HAM'] }])).toEqual({ [EU_DE]: 0 });
  });

  it('refuses ambiguous input with a message naming it', () => {
    expect(() => allocateStock([], [{ key: EU_DE, locations: [] }, { key: EU_DE, locations: [] }])).toThrow(new AllocationInputError('allocation target amazon-eu/A1PA6795UKMFR9 is listed twice'));
    expect(() => allocateStock([], [{ key: EU_DE, locations: [], weight: 0.5 }])).toThrow(/weight must be a positive whole number, got 0.5/);
    expect(() => allocateStock([{ locationId: 'X', free: 1.5 }], [])).toThrow(/stock pool X: free must be a whole number/);
    expect(() => allocateStock([{ locationId: 'X', free: 1 }, { locationId: 'X', free: 2 }], [])).toThrow(/stock pool X is listed twice/);
  });

  it('never promises more than a location holds, over 5,000 random cases of both rules', () => {
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const locations = ['A', 'B', 'C'];
    for (let i = 0; i < 5000; i++) {
      const pools = locations.map((l) => ({ locationId: l, free: rnd(30) - 3 }));
      const targets: AllocationTarget[] = Array.from({ length: 1 + rnd(5) }, (_, k) => ({
        key: `c${k}`,
        locations: locations.filter(() => rnd(2) === 1),
        weight: 1 + rnd(4),
        priority: rnd(3),
        safetyBuffer: rnd(3),
        ...(rnd(2) === 1 ? { maxUnits: rnd(15) } : {}),
      }));
      const all = allocateStock(pools, targets, rnd(2) === 1 ? 'priority' : 'share');
      for (const pool of pools) {
        const given = all.reduce((s, a) => s + (a.fromLocations[pool.locationId] ?? 0), 0);
        expect(given).toBeLessThanOrEqual(Math.max(0, pool.free));
      }
      for (const a of all) {
        const t = targets.find((x) => x.key === a.key)!;
        const gross = Object.values(a.fromLocations).reduce((s, n) => s + n, 0);
        expect(a.quantity).toBe(gross - a.heldBack - a.capped);
        expect(a.quantity).toBeGreaterThanOrEqual(0);
        if (t.maxUnits !== undefined) expect(a.quantity).toBeLessThanOrEqual(t.maxUnits);
        for (const l of Object.keys(a.fromLocations)) expect(t.locations).toContain(l);
      }
    }
  });
});
