/**
 * A small seeded generator (SplitMix32 finaliser over a Weyl sequence): the same seed gives the
 * same orders, products and stock on every start. No Math.random.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  fraction(): number;
  /** An integer in [low, high], both included. */
  between(low: number, high: number): number;
  oneOf<T>(items: readonly T[]): T;
  /** `length` decimal digits, the first not 0. */
  digits(length: number): string;
}

export function seededRandom(seed: number): SeededRandom {
  let s = seed | 0;
  const fraction = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
  const between = (low: number, high: number): number => low + Math.floor(fraction() * (high - low + 1));
  return {
    fraction,
    between,
    oneOf: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('oneOf: no items');
      return items[between(0, items.length - 1)] as T;
    },
    digits: (length) => {
      let out = String(between(1, 9));
      while (out.length < length) out += String(between(0, 9));
      return out;
    },
  };
}
