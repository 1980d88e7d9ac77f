/** Canonical shipments the carrier request builders are tested with (written by hand, no vendor data). */
import type { Shipment } from '../../../mappings/canonical/index.js';

/** A German seller's DDP parcel to New York: two lines with different HS codes and origins. */
export const DDP_TO_US: Shipment = {
  id: 'amazon-eu:302-1111111-2222222',
  shipFrom: { name: 'Lena Vogel', company: 'Vogel Leder GmbH', lines: ['Friedrichstrasse 10'], city: 'Berlin', postalCode: '10117', country: 'DE', phone: '+49301234567', type: 'commercial' },
  shipTo: { name: 'Sam Buyer', lines: ['350 5th Ave', 'Apt 12'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100', type: 'residential' },
  incoterm: 'DDP',
  currency: 'EUR',
  items: [
    { id: 'L1', sku: 'BAG-01', description: 'Leather handbag', hsCode: '420221', originCountry: 'IT', quantity: 2, value: { amountMinor: 25000, currency: 'EUR' }, weightKg: '1.6' },
    { id: 'L2', sku: 'SCF-02', description: 'Silk scarf', hsCode: '621410', originCountry: 'CN', quantity: 1, value: { amountMinor: 3999, currency: 'EUR' }, weightKg: '0.1' },
  ],
  parcels: [{ id: '1', weightKg: '2.05', dimensionsCm: { length: '40', width: '30', height: '12.5' }, items: [{ itemId: 'L1', quantity: 2 }, { itemId: 'L2', quantity: 1 }] }],
  orderRef: { channel: 'amazon-eu', externalId: '302-1111111-2222222' },
  refs: {},
};

export const DAP_TO_US: Shipment = { ...DDP_TO_US, incoterm: 'DAP' };
