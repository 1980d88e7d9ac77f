/** Fixtures for the DHL mapping tests: the description's landed-cost examples and their canonical twin. */
import { readFileSync } from 'node:fs';
import type { Shipment } from '../../../mappings/canonical/shipment.js';

const FIXTURES = new URL('../../fixtures/dhl/landed-cost/', import.meta.url);

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/**
 * The canonical shipment behind the description's request example
 * (components.examples.nonDocInternationalShipmentLandedCost): Los Angeles → Melbourne, two
 * pairs at AUD 2,500, insured for AUD 10, duties and taxes paid by the shipper (isDTPRequested).
 */
export const SPEC_EXAMPLE_SHIPMENT: Shipment = {
  id: 'shp-spec-example',
  shipFrom: { lines: ['1 Main St'], city: 'LOS ANGELES', postalCode: '90011', country: 'US' },
  shipTo: { lines: ['1 Collins St'], city: 'MELBOURNE', postalCode: '1021', country: 'AU' },
  incoterm: 'DDP',
  currency: 'AUD',
  items: [
    {
      id: 'line-1',
      sku: '12345555',
      description: 'KNITWEAR 100% COTTON REDUCTION PRICE FALL COLLECTION',
      hsCode: '640391',
      originCountry: 'US',
      quantity: 2,
      value: { amountMinor: 500000, currency: 'AUD' },
      weightKg: '5',
    },
  ],
  insurance: { amountMinor: 1000, currency: 'AUD' },
  refs: {},
};
