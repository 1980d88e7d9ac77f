/** Stripe wire numbers: integer minor units as numbers or digit strings, never past 2^53. */
import { describe, expect, it } from 'vitest';
import { stripeIntLike } from '../../../connectors/stripe/schemas/index.js';

describe('stripeIntLike', () => {
  it('reads integer minor units given as a number or as digits', () => {
    expect(stripeIntLike.parse(1999)).toBe(1999);
    expect(stripeIntLike.parse('-250')).toBe(-250);
  });

  it('refuses a fraction and an amount past 2^53 (it could not be exact)', () => {
    expect(stripeIntLike.safeParse(19.99).success).toBe(false);
    // zod's int() holds to the safe-integer range.
    expect(stripeIntLike.safeParse('9007199254740993').success).toBe(false);
  });
});
