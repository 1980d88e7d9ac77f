import { describe, expect, it } from 'vitest';
import { inventoryTargetsOf, InventorySyncSettingsSchema } from '../../config/inventory-sync.js';

describe('inventory settings', () => {
  it('applies defaults and per-marketplace overrides, and skips switched-off marketplaces', () => {
    const s = InventorySyncSettingsSchema.parse({
      locations: ['DE-HAM'],
      safetyBuffer: 2,
      marketplaces: { A1F83G8C2ARO7P: { locations: ['UK-LON', 'DE-HAM'], weight: 3 }, A2VIGQ35RCS4UG: false },
    });
    expect(s).toMatchObject({ weight: 1, readMarketplaceStock: false, feedThreshold: 20 });
    expect(inventoryTargetsOf('amazon-eu', ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P', 'A2VIGQ35RCS4UG'], s)).toEqual([
      { channel: 'amazon-eu', marketplaceId: 'A1PA6795UKMFR9', locations: ['DE-HAM'], safetyBuffer: 2, weight: 1 },
      { channel: 'amazon-eu', marketplaceId: 'A1F83G8C2ARO7P', locations: ['UK-LON', 'DE-HAM'], safetyBuffer: 2, weight: 3 },
    ]);
  });

  it('names the field at fault', () => {
    const r = InventorySyncSettingsSchema.safeParse({ locations: ['DE HAM'], marketplaces: { X: { weight: 0 } }, extra: 1 });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain('locations.0: must be a location id such as DE-HAM (letters, digits, . _ : -)');
    expect(issues.some((i) => i.startsWith('marketplaces.X'))).toBe(true);
    expect(issues.some((i) => i.includes('extra'))).toBe(true);
  });
});
