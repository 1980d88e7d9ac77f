/** Pins every sourced row of the FedEx tracking code table (sources: the table's header and `source` column). */
import { describe, expect, it } from 'vitest';
import { FEDEX_TRACKING_CODES, fedexCodeStatus } from '../../../mappings/fedex/index.js';
import type { TrackingStatus } from '../../../mappings/canonical/index.js';

const EXPECTED: ReadonlyArray<readonly [string, TrackingStatus]> = [
  ['AP', 'pre_transit'], ['EP', 'pre_transit'], ['MD', 'pre_transit'], ['OC', 'pre_transit'],
  ['AA', 'in_transit'], ['AC', 'in_transit'], ['AF', 'in_transit'], ['AR', 'in_transit'], ['AX', 'in_transit'],
  ['CC', 'in_transit'], ['CP', 'in_transit'], ['DP', 'in_transit'], ['DS', 'in_transit'], ['EA', 'in_transit'],
  ['EO', 'in_transit'], ['FD', 'in_transit'], ['IT', 'in_transit'], ['IX', 'in_transit'], ['LO', 'in_transit'],
  ['OF', 'in_transit'], ['OW', 'in_transit'], ['OX', 'in_transit'], ['PF', 'in_transit'], ['PL', 'in_transit'],
  ['PM', 'in_transit'], ['PU', 'in_transit'], ['PX', 'in_transit'], ['RR', 'in_transit'], ['SF', 'in_transit'],
  ['TR', 'in_transit'],
  ['AD', 'out_for_delivery'], ['ED', 'out_for_delivery'], ['HL', 'out_for_delivery'], ['HP', 'out_for_delivery'], ['OD', 'out_for_delivery'],
  ['DL', 'delivered'],
  ['CD', 'exception'], ['CH', 'exception'], ['DD', 'exception'], ['DE', 'exception'], ['DY', 'exception'], ['PY', 'exception'], ['SE', 'exception'],
  ['RS', 'returned'], ['RT', 'returned'],
  ['CA', 'cancelled'], ['RD', 'cancelled'],
];

describe('FedEx tracking code table (every row sourced)', () => {
  it.each(EXPECTED)('%s → %s', (code, status) => expect(fedexCodeStatus(code)).toBe(status));

  it('holds exactly the pinned codes', () => expect(Object.keys(FEDEX_TRACKING_CODES).sort()).toEqual(EXPECTED.map(([c]) => c).sort()));

  it('every row has a description and a source', () => {
    for (const r of Object.values(FEDEX_TRACKING_CODES)) {
      expect(r.description.length).toBeGreaterThan(0);
      expect(r.source).toMatch(/karrio|shipit|track\.json/);
    }
  });

  it.each(['AO', 'DR', 'IN', 'LP', 'PD', 'RC', 'RG', 'RM', 'RP', 'SP'])('%s (no public source) is not in the table: unknown to the mapper', (code) =>
    expect(fedexCodeStatus(code)).toBeUndefined());

  it('lookup trims and ignores case (karrio spells OW "Ow")', () => {
    expect(fedexCodeStatus(' ow ')).toBe('in_transit');
    expect(fedexCodeStatus('')).toBeUndefined();
    expect(fedexCodeStatus(undefined)).toBeUndefined();
  });
});
