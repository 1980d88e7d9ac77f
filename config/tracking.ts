/**
 * Parcel tracking settings of a tenant (`shipping` in the tenants file): how long a parcel may
 * go without a new carrier event before the trackShipment workflow raises a stall exception,
 * per lane (origin → destination country), and how often carriers are polled.
 *
 *   shipping:
 *     stallThresholds: { DE-US: 96h, DE-*: 72h, default: 48h }
 *     trackingPoll: { first: 1h, max: 12h, factor: 2 }
 */
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^([1-9]\d*)(ms|s|m|h|d)$/;

/** A duration such as 96h, 4d, 30m (ms and s for tests and sandboxes), in milliseconds. */
export const DurationTextSchema = z
  .string()
  .regex(DURATION, 'must be a whole number with a unit ms, s, m, h or d, e.g. 96h')
  .transform((text) => {
    const [, n, unit] = DURATION.exec(text)!;
    return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });

/** `DE-US` (exact lane), `DE-*` (from a country), `*-US` (to a country) or `default`. */
const LANE_KEY = /^(?:[A-Z]{2}|\*)-(?:[A-Z]{2}|\*)$|^default$/;

export const StallThresholdsSchema = z.record(z.string(), DurationTextSchema).superRefine((thresholds, ctx) => {
  // Checked here rather than by the record's key schema, whose failure would not say what a key must be.
  for (const key of Object.keys(thresholds)) {
    if (!LANE_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a lane ORIGIN-DESTINATION of ISO country codes (DE-US, DE-*, *-US) or "default"' });
  }
});

export const TrackingPollSchema = z
  .object({
    /** Wait after the first poll. */
    first: DurationTextSchema,
    /** The longest wait between polls. */
    max: DurationTextSchema,
    /** Growth of the wait after each poll without news. */
    factor: z.number().min(1).max(10).default(2),
  })
  .strict()
  .refine((p) => p.max >= p.first, { message: 'max must not be shorter than first', path: ['max'] });

/** The tracking fields of a tenant's `shipping` section (shared with the rate-shopping settings). */
export const SHIPPING_TRACKING_FIELDS = {
  stallThresholds: StallThresholdsSchema.optional(),
  trackingPoll: TrackingPollSchema.optional(),
};


export interface StallThreshold {
  ms: number;
  /** The key it came from (`DE-US`, `DE-*`, `*-US`, `default`), or `built-in`. */
  rule: string;
}

/** The stall threshold of a lane: exact lane, then from-country, then to-country, then the tenant's default, then `builtIn`. */
export function stallThresholdFor(
  thresholds: Readonly<Record<string, number>> | undefined,
  lane: { origin?: string | undefined; destination?: string | undefined },
  builtInMs: number,
): StallThreshold {
  const o = lane.origin;
  const d = lane.destination;
  const candidates = [o && d ? `${o}-${d}` : undefined, o ? `${o}-*` : undefined, d ? `*-${d}` : undefined, 'default'];
  for (const rule of candidates) {
    if (rule !== undefined && thresholds?.[rule] !== undefined) return { ms: thresholds[rule], rule };
  }
  return { ms: builtInMs, rule: 'built-in' };
}
