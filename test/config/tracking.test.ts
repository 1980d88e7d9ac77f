import { describe, expect, it } from 'vitest';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { DurationTextSchema, stallThresholdFor } from '../../config/tracking.js';

const H = 3_600_000;

describe('tracking settings (shipping in the tenants file)', () => {
  it('reads durations with their unit', () => {
    expect(['96h', '4d', '30m', '90s', '500ms'].map((t) => DurationTextSchema.parse(t))).toEqual([96 * H, 96 * H, 30 * 60_000, 90_000, 500]);
    for (const bad of ['96', '0h', '1.5h', '-2h', '2w', '']) expect(DurationTextSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('picks the exact lane, then the origin, then the destination, then the tenant default, then the built-in', () => {
    const t = { 'DE-US': 96 * H, 'DE-*': 72 * H, '*-US': 120 * H, default: 48 * H };
    expect(stallThresholdFor(t, { origin: 'DE', destination: 'US' }, 1)).toEqual({ ms: 96 * H, rule: 'DE-US' });
    expect(stallThresholdFor(t, { origin: 'DE', destination: 'FR' }, 1)).toEqual({ ms: 72 * H, rule: 'DE-*' });
    expect(stallThresholdFor(t, { origin: 'CN', destination: 'US' }, 1)).toEqual({ ms: 120 * H, rule: '*-US' });
    expect(stallThresholdFor(t, { origin: 'CN', destination: 'FR' }, 1)).toEqual({ ms: 48 * H, rule: 'default' });
    expect(stallThresholdFor(t, {}, 1)).toEqual({ ms: 48 * H, rule: 'default' });
    expect(stallThresholdFor(undefined, { origin: 'DE', destination: 'US' }, 7)).toEqual({ ms: 7, rule: 'built-in' });
  });

  it('refuses a bad lane, duration or poll schedule, naming the field', () => {
    const parse = (shipping: unknown) => () => parseTenantsConfig({ tenants: { acme: { shipping } } }, {});
    expect(parse({ stallThresholds: { 'DE-US': '96h' }, trackingPoll: { first: '1h', max: '12h' } })).not.toThrow();
    expect(parseTenantsConfig({ tenants: { acme: { shipping: { trackingPoll: { first: '1h', max: '12h' } } } } }, {}).tenants.acme!.shipping).toMatchObject({ trackingPoll: { first: H, max: 12 * H, factor: 2 } });
    expect(parse({ stallThresholds: { 'DEU-US': '96h' } })).toThrow(/tenants\.acme\.shipping\.stallThresholds\.DEU-US.*lane ORIGIN-DESTINATION/);
    expect(parse({ stallThresholds: { 'DE-US': '4 days' } })).toThrow(/tenants\.acme\.shipping\.stallThresholds\.DE-US.*whole number with a unit/);
    expect(parse({ trackingPoll: { first: '12h', max: '1h' } })).toThrow(/tenants\.acme\.shipping\.trackingPoll\.max.*must not be shorter than first/);
    expect(parse({ stallThreshold: {} })).toThrow(/tenants\.acme\.shipping/);
  });
});
