/** Pins every row of the DHL Express status list's canonical mapping, and the Unified API's statusCode enum. */
import { describe, expect, it } from 'vitest';
import { DHL_EXPRESS_STATUS_CODES, DHL_UNIFIED_STATUS_CODES, dhlExpressStatus } from '../../../mappings/dhl/index.js';
import type { TrackingStatus } from '../../../mappings/canonical/index.js';

const EXPECTED: ReadonlyArray<readonly [string, TrackingStatus]> = [
  ['101', 'delivered'], ['102', 'in_transit'], ['103', 'exception'], ['104', 'pre_transit'],
  ['AD', 'in_transit'], ['AF', 'in_transit'], ['AR', 'in_transit'], ['BA', 'exception'], ['BN', 'in_transit'],
  ['BR', 'in_transit'], ['CA', 'exception'], ['CC', 'in_transit'], ['CD', 'exception'], ['CM', 'exception'],
  ['CR', 'in_transit'], ['CS', 'exception'], ['DD', 'delivered'], ['DF', 'in_transit'], ['DS', 'exception'],
  ['FD', 'in_transit'], ['HP', 'exception'], ['IC', 'in_transit'], ['MC', 'exception'], ['MD', 'exception'],
  ['MS', 'exception'], ['ND', 'exception'], ['NH', 'exception'], ['OH', 'exception'], ['OK', 'delivered'],
  ['PD', 'in_transit'], ['PL', 'in_transit'], ['PU', 'in_transit'], ['RD', 'exception'], ['RR', 'in_transit'],
  ['RT', 'returned'], ['SA', 'in_transit'], ['SC', 'in_transit'], ['SS', 'exception'], ['TP', 'in_transit'],
  ['TR', 'in_transit'], ['UD', 'exception'], ['WC', 'out_for_delivery'], ['PY', 'in_transit'], ['SM', 'in_transit'],
];

describe('DHL Express status list → canonical (every row pinned)', () => {
  it.each(EXPECTED)('%s → %s', (code, status) => expect(dhlExpressStatus(code)).toBe(status));

  it('pins every row of the list, in order', () => expect(DHL_EXPRESS_STATUS_CODES.map((r) => r.code)).toEqual(EXPECTED.map(([c]) => c)));

  it('every row names its source', () => {
    for (const r of DHL_EXPRESS_STATUS_CODES) expect(r.source).toMatch(/karrio|shipit|DHL list/);
  });
});

describe('DHL Unified statusCode (dhl-shipment-tracking-unified-1.4.1.yaml enum)', () => {
  it('maps exactly the five enum values', () =>
    expect(DHL_UNIFIED_STATUS_CODES).toEqual({ 'pre-transit': 'pre_transit', transit: 'in_transit', delivered: 'delivered', failure: 'exception', unknown: 'unknown' }));
});
