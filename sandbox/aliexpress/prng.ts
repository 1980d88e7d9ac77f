/**
 * The sandbox's own seeded random numbers (splitmix32-style mixing of a counter), so that a
 * seed always gives the same catalogue and orders. No Math.random and no module state.
 */
export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Integer in [low, high], both included. */
  between(low: number, high: number): number;
  oneOf<T>(list: readonly T[]): T;
  /** `digits` decimal digits (leading zeros allowed) as text. */
  digits(count: number): string;
}

export function seededRandom(seed: number): Random {
  let counter = seed >>> 0;
  const float = (): number => {
    counter = (counter + 0x9e3779b9) >>> 0;
    let z = counter;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
    return ((z ^ (z >>> 15)) >>> 0) / 0x1_0000_0000;
  };
  const between = (low: number, high: number): number => low + Math.floor(float() * (high - low + 1));
  return {
    float,
    between,
    oneOf: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError('oneOf needs a non-empty list');
      return list[between(0, list.length - 1)] as T;
    },
    digits: (count) => Array.from({ length: count }, () => String(between(0, 9))).join(''),
  };
}
