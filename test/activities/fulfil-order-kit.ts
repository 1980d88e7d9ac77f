/**
 * What the fulfilment tests share: DHL and FedEx sandboxes in-process, carrier connections and
 * a shipping section pointing at them, and orders and catalogue products to ship (written by
 * hand: a German seller's parcels to New York and London, several HS codes and currencies).
 */
import type { Order, Product } from '../../mappings/canonical/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox, type DhlSandboxOptions } from '../../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';

export interface CarrierSandboxes {
  dhl: DhlSandbox;
  fedex: FedexSandbox;
  /** Secret values the carrier connections name (environment variables). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startCarrierSandboxes(opts: { dhl?: DhlSandboxOptions } = {}): Promise<CarrierSandboxes> {
  const dhl = await startDhlSandbox({ rateLimits: false, ...opts.dhl });
  const fedex = await startFedexSandbox({ rateLimits: false });
  return {
    dhl,
    fedex,
    env: {
      FO_DHL_USER: SANDBOX_DHL_CREDENTIALS.username,
      FO_DHL_PASS: SANDBOX_DHL_CREDENTIALS.password,
      FO_FEDEX_ID: SANDBOX_FEDEX_CREDENTIALS.clientId,
      FO_FEDEX_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret,
    },
    close: async () => {
      await Promise.all([dhl.close(), fedex.close()]);
    },
  };
}

export const SHIP_FROM = { name: 'Lena Vogel', company: 'Vogel Leder GmbH', lines: ['Friedrichstrasse 10'], city: 'Berlin', postalCode: '10117', country: 'DE', phone: '+49301234567', type: 'commercial' as const };

/** The carrier connections of a tenant and its shipping section (merged into a tenants file). */
export function carrierConnections(s: CarrierSandboxes) {
  return {
    'dhl-express': {
      vendor: 'dhl',
      settings: { environment: 'test', endpoint: `${s.dhl.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber },
      secrets: { username: { env: 'FO_DHL_USER' }, password: { env: 'FO_DHL_PASS' } },
    },
    fedex: {
      vendor: 'fedex',
      settings: { environment: 'sandbox', endpoint: s.fedex.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber },
      secrets: { clientId: { env: 'FO_FEDEX_ID' }, clientSecret: { env: 'FO_FEDEX_SECRET' } },
    },
  };
}

export const shippingSection = (rule: unknown = 'cheapest') => ({ carriers: ['dhl-express', 'fedex'], rule, shipFrom: SHIP_FROM, defaultIncoterm: 'DAP' });

const product = (sku: string, title: string, p: Partial<Product>): Product => ({ sku, title: { en: title }, attributes: {}, ...p });
export const PRODUCTS: Product[] = [
  product('BAG-01', 'Leather handbag', { hsCode: '420221', originCountry: 'IT', weight: { value: '800', unit: 'g' }, dimensions: { length: '40', width: '30', height: '12', unit: 'cm' } }),
  product('SCF-02', 'Silk scarf', { hsCode: '621410', originCountry: 'CN', weight: { value: '0.1', unit: 'kg' } }),
  product('MUG-03', 'Stoneware mug', { hsCode: '691200', originCountry: 'DE', weight: { value: '0.45', unit: 'kg' } }),
  product('NOHS-04', 'Mystery item', { originCountry: 'DE', weight: { value: '0.2', unit: 'kg' } }),
];

const line = (lineId: string, sku: string, quantity: number, amountMinor: number, currency = 'EUR') => ({ lineId, sku, title: undefined, quantity, lineTotal: { amountMinor, currency }, refs: {} });

/** An unshipped order of `channel` to New York (or London) with these lines. */
export function order(channel: string, externalId: string, lines: ReturnType<typeof line>[], to: 'US' | 'GB' = 'US'): Order {
  return {
    channel,
    vendor: 'amazon',
    externalId,
    status: 'unshipped',
    rawStatus: 'Unshipped',
    marketplace: { id: 'A1PA6795UKMFR9' },
    purchasedAt: '2026-03-14T10:00:00Z',
    updatedAt: '2026-03-14T10:00:00Z',
    currency: lines[0]!.lineTotal.currency,
    fulfilment: 'merchant',
    shipTo:
      to === 'US'
        ? { name: 'Sam Buyer', lines: ['350 5th Ave'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100', type: 'residential' }
        : { name: 'Ada Buyer', lines: ['10 Downing Street'], city: 'London', postalCode: 'SW1A 2AA', country: 'GB', phone: '+442079250918', type: 'residential' },
    lines: lines.map(({ title: _t, ...l }) => l),
    refs: {},
  };
}
export { line };
