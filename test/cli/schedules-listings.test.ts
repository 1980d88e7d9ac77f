/**
 * `caravan schedules apply` for listingsPublish: a connection whose `listings:` section has a
 * schedule gets one, named like the flow's workflow ids; one without gets none.
 */
import { describe, expect, it } from 'vitest';
import { desiredSchedules } from '../../cli/commands/schedules.js';
import { listingChannels } from '../../cli/commands/sync.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';

const connection = (listings: Record<string, unknown>) => ({
  vendor: 'amazon',
  settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
  secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
  listings: {
    marketplaces: { A1PA6795UKMFR9: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } } },
    productTypes: { tshirt: { productType: 'SHIRT', attributes: { condition_type: { fixed: 'new_new' } } } },
    ...listings,
  },
});

describe('desiredSchedules: listings', () => {
  it('one schedule per connection with listings.schedule', () => {
    const config = parseTenantsConfig(
      { tenants: { acme: { connections: { 'amazon-eu': connection({ schedule: { every: '1d', paused: true } }), 'amazon-uk': connection({}) } } } },
      {},
    );
    expect(desiredSchedules(config).filter((d) => d.kind === 'listings')).toEqual([
      { kind: 'listings', scheduleId: 'listings-publish/acme/amazon-eu', tenant: 'acme', channel: 'amazon-eu', flow: 'listings-publish', every: '1d', paused: true },
    ]);
    // `caravan sync listings --channel amazon` publishes to every Amazon connection with listings.
    expect(listingChannels(config, 'acme', 'amazon')).toEqual(['amazon-eu', 'amazon-uk']);
    expect(listingChannels(config, 'acme', 'amazon-uk')).toEqual(['amazon-uk']);
  });

  it('a schedule interval is checked where the file says it', () => {
    expect(() => parseTenantsConfig({ tenants: { acme: { connections: { 'amazon-eu': connection({ schedule: { every: 'daily' } }) } } } }, {})).toThrow(/listings\.schedule\.every/);
  });
});
