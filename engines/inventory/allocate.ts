/**
 * Stock allocation across sales channels: how many units of one SKU each channel (one
 * marketplace of one connection) may promise, so that the promises together never exceed
 * the stock that exists.
 *
 * Why a partition and not "every channel sees all the stock": two marketplaces selling the
 * last unit in the same minute both succeed when both were promised it, and one order cannot
 * be shipped. When each unit is promised to one channel at most, every sale a channel can
 * make is covered, however the sales interleave; the next sync moves units between channels
 * as they sell. The price is that low stock is not offered everywhere (one unit goes to one
 * channel), which is what a seller who must not oversell wants.
 *
 * Per location, the free units (on hand minus what open orders already hold) are split
 * among the channels that ship from it:
 * - `share` (the default): in proportion to each channel's weight, by the largest-remainder
 *   method, ties to the higher weight, then to the channel key (deterministic);
 * - `priority`: channels in their priority order, each up to its cap (the last takes the rest).
 * Then each channel's safety buffer is held back from its total and its cap applied; units so
 * held back are not handed to another channel (a buffer is stock kept out of every promise).
 * Pure and integer-only.
 */

export interface StockPool {
  /** The location's id in the hub (e.g. `DE-HAM`). */
  readonly locationId: string;
  /** Units free to promise: on hand and sellable, minus units held for open orders. Negative counts as zero. */
  readonly free: number;
}

export interface AllocationTarget {
  /** The channel and marketplace, e.g. `amazon-eu/A1PA6795UKMFR9`. */
  readonly key: string;
  /** Locations this channel ships from. */
  readonly locations: readonly string[];
  /** Share weight (`share` rule); a positive integer, 1 by default. */
  readonly weight?: number;
  /** Fill order (`priority` rule): lower first; ties by key. */
  readonly priority?: number;
  /** Units held back from this channel's total. */
  readonly safetyBuffer?: number;
  /** The most this channel is promised. */
  readonly maxUnits?: number;
}

export type AllocationRule = 'share' | 'priority';

export interface Allocation {
  readonly key: string;
  /** Units the channel may promise. */
  readonly quantity: number;
  /** Units given by each location before buffer and cap. */
  readonly fromLocations: Readonly<Record<string, number>>;
  /** Units held back by the safety buffer. */
  readonly heldBack: number;
  /** Units cut by maxUnits. */
  readonly capped: number;
}

export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
}

function nonNegativeInt(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new AllocationInputError(`${what} must be a whole number of units, got ${n}`);
  return Math.max(0, n);
}

function checkTargets(targets: readonly AllocationTarget[]): void {
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.key)) throw new AllocationInputError(`allocation target ${t.key} is listed twice`);
    seen.add(t.key);
    if (t.weight !== undefined && (!Number.isSafeInteger(t.weight) || t.weight < 1)) {
      throw new AllocationInputError(`allocation target ${t.key}: weight must be a positive whole number, got ${t.weight}`);
    }
    if (t.safetyBuffer !== undefined) nonNegativeInt(t.safetyBuffer, `allocation target ${t.key}: safetyBuffer`);
    if (t.maxUnits !== undefined) nonNegativeInt(t.maxUnits, `allocation target ${t.key}: maxUnits`);
  }
}

const byKey = (a: AllocationTarget, b: AllocationTarget): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Splits `units` among `targets` in proportion to their weights (largest remainder; integer arithmetic only). */
function splitByWeight(units: number, targets: readonly AllocationTarget[]): Map<string, number> {
  const out = new Map<string, number>();
  const weights = targets.map((t) => t.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const remainders: { target: AllocationTarget; weight: number; remainder: number }[] = [];
  let given = 0;
  targets.forEach((target, i) => {
    const weight = weights[i]!;
    // units × weight stays far below 2^53 for any real stock count and weight.
    const whole = Math.floor((units * weight) / total);
    out.set(target.key, whole);
    given += whole;
    remainders.push({ target, weight, remainder: (units * weight) % total });
  });
  remainders.sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || byKey(a.target, b.target));
  for (let i = 0; given < units && i < remainders.length; i++, given++) {
    const key = remainders[i]!.target.key;
    out.set(key, out.get(key)! + 1);
  }
  return out;
}

/** Fills targets in priority order, each up to its cap; the last one without a cap takes the rest. */
function splitByPriority(units: number, targets: readonly AllocationTarget[], alreadyGiven: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const ordered = [...targets].sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER) || byKey(a, b));
  let left = units;
  for (const t of ordered) {
    const room = t.maxUnits === undefined ? left : Math.max(0, t.maxUnits + (t.safetyBuffer ?? 0) - (alreadyGiven.get(t.key) ?? 0));
    const take = Math.min(left, room);
    out.set(t.key, take);
    left -= take;
  }
  return out;
}

/**
 * The units of one SKU each target may promise. Σ quantity ≤ Σ free over the pools, and per
 * location the units given never exceed its free units, whatever the targets ask.
 */
export function allocateStock(pools: readonly StockPool[], targets: readonly AllocationTarget[], rule: AllocationRule = 'share'): Allocation[] {
  checkTargets(targets);
  const gross = new Map<string, Record<string, number>>(targets.map((t) => [t.key, {}]));
  const givenSoFar = new Map<string, number>();
  const seenLocations = new Set<string>();
  for (const pool of pools) {
    if (seenLocations.has(pool.locationId)) throw new AllocationInputError(`stock pool ${pool.locationId} is listed twice`);
    seenLocations.add(pool.locationId);
    const free = nonNegativeInt(pool.free, `stock pool ${pool.locationId}: free`);
    const drawing = targets.filter((t) => t.locations.includes(pool.locationId));
    if (free === 0 || drawing.length === 0) continue;
    const split = rule === 'priority' ? splitByPriority(free, drawing, givenSoFar) : splitByWeight(free, drawing);
    for (const [key, units] of split) {
      if (units === 0) continue;
      gross.get(key)![pool.locationId] = units;
      givenSoFar.set(key, (givenSoFar.get(key) ?? 0) + units);
    }
  }
  return targets.map((t) => {
    const fromLocations = gross.get(t.key)!;
    const total = Object.values(fromLocations).reduce((a, b) => a + b, 0);
    const heldBack = Math.min(total, t.safetyBuffer ?? 0);
    const afterBuffer = total - heldBack;
    const quantity = t.maxUnits === undefined ? afterBuffer : Math.min(afterBuffer, t.maxUnits);
    return { key: t.key, quantity, fromLocations, heldBack, capped: afterBuffer - quantity };
  });
}
