import { describe, expect, it } from 'vitest';
import { parseTenantsConfig } from '../../config/tenants-config.js';

const connections = {
  'dhl-express': { vendor: 'dhl', settings: { environment: 'test', accountNumber: '950000001' }, secrets: { username: { env: 'DHL_USER' }, password: { env: 'DHL_PASS' } } },
  fedex: { vendor: 'fedex', settings: { environment: 'sandbox', accountNumber: '740561073' }, secrets: { clientId: { env: 'F_ID' }, clientSecret: { env: 'F_SECRET' } } },
  'amazon-eu': {
    vendor: 'amazon',
    settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
    secrets: { clientId: { env: 'A_ID' }, clientSecret: { env: 'A_SECRET' }, refreshToken: { env: 'A_RT' } },
  },
};
const shipFrom = { name: 'Lena Vogel', lines: ['Friedrichstrasse 10'], city: 'Berlin', postalCode: '10117', country: 'DE', phone: '+49301234567' };

describe('tenants file: shipping', () => {
  it('reads carriers, rule, ship-from and defaults', () => {
    const c = parseTenantsConfig({ tenants: { acme: { connections, shipping: { carriers: ['dhl-express', 'fedex'], rule: { cheapestWithin: 3 }, shipFrom } } } });
    expect(c.tenants['acme']!.shipping).toEqual({
      carriers: ['dhl-express', 'fedex'],
      rule: { cheapestWithin: 3 },
      shipFrom,
      defaultIncoterm: 'DAP',
      invoicePrefix: 'INV-',
      paperlessTrade: true,
      maxParcelKg: '30',
      packagingKg: '0',
    });
    expect(parseTenantsConfig({ tenants: { acme: { connections, shipping: { carriers: ['fedex'], rule: 'fastest', shipFrom } } } }).tenants['acme']!.shipping!.rule).toBe('fastest');
  });

  it('refuses a carrier that is no carrier connection and an unknown rule, naming the field', () => {
    expect(() => parseTenantsConfig({ tenants: { acme: { connections, shipping: { carriers: ['amazon-eu'], shipFrom } } } })).toThrow(/tenants\.acme\.shipping\.carriers\.0: must be one of the tenant's .*dhl.*fedex/);
    expect(() => parseTenantsConfig({ tenants: { acme: { connections, shipping: { carriers: ['fedex'], rule: 'slowest', shipFrom } } } })).toThrow(/tenants\.acme\.shipping\.rule/);
  });
});
