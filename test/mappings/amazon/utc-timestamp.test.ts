import { describe, expect, it } from 'vitest';
import { normaliseUtcTimestamp } from '../../../mappings/amazon/index.js';
import { UtcTimestampSchema } from '../../../mappings/canonical/order.js';

describe('normaliseUtcTimestamp', () => {
  it.each([
    // Amazon's own forms
    ['2017-01-20T19:49:35Z', '2017-01-20T19:49:35Z'],
    ['2019-05-07T15:42:57.058Z', '2019-05-07T15:42:57.058Z'],
    // offsets converted; the fraction carried over digit for digit
    ['2026-03-02T19:15:00+09:00', '2026-03-02T10:15:00Z'],
    ['2026-03-02T19:15:00.5+09:00', '2026-03-02T10:15:00.5Z'],
    ['2026-03-02T10:15:00+0530', '2026-03-02T04:45:00Z'],
    ['2026-03-02T10:15:00-03', '2026-03-02T13:15:00Z'],
    ['2026-03-02T10:15:00-00:00', '2026-03-02T10:15:00Z'],
    ['2026-01-01T08:30:00+09:30', '2025-12-31T23:00:00Z'],
    ['2025-12-31T22:00:00-05:00', '2026-01-01T03:00:00Z'],
    ['2024-02-28T23:30:00-01:00', '2024-02-29T00:30:00Z'],
    ['2026-03-02T10:15:00.123456789Z', '2026-03-02T10:15:00.123456789Z'],
    // RFC 3339 lower case separators, and minutes-only precision
    ['2026-03-02t10:15:00z', '2026-03-02T10:15:00Z'],
    ['2026-03-02T10:15Z', '2026-03-02T10:15:00Z'],
    // leap day, and years below 100 are not shifted into the 1900s
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00Z'],
    ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00Z'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseUtcTimestamp(raw)).toStrictEqual({ ok: true, value: expected });
    expect(UtcTimestampSchema.safeParse(expected).success).toBe(true);
  });

  it.each([
    ['2026-02-30T10:00:00Z', '"2026-02-30T10:00:00Z" has day 30, which 2026-02 does not have'],
    ['2025-02-29T10:00:00Z', '"2025-02-29T10:00:00Z" has day 29, which 2025-02 does not have'],
    ['1900-02-29T10:00:00Z', '"1900-02-29T10:00:00Z" has day 29, which 1900-02 does not have'],
    ['2026-04-31T10:00:00Z', '"2026-04-31T10:00:00Z" has day 31, which 2026-04 does not have'],
    ['2026-00-10T10:00:00Z', '"2026-00-10T10:00:00Z" has month 00, outside 01–12'],
    ['2026-13-01T10:00:00Z', '"2026-13-01T10:00:00Z" has month 13, outside 01–12'],
    ['2026-03-02T25:61:00Z', '"2026-03-02T25:61:00Z" has an impossible time of day'],
    ['2026-03-02T24:00:00Z', '"2026-03-02T24:00:00Z" has an impossible time of day'],
    ['2026-03-02T23:59:60Z', '"2026-03-02T23:59:60Z" has an impossible time of day'],
    ['2026-03-02T10:15:00+19:00', '"2026-03-02T10:15:00+19:00" has an impossible UTC offset'],
    ['2026-03-02T10:15:00+05:60', '"2026-03-02T10:15:00+05:60" has an impossible UTC offset'],
    ['2026-03-02T10:15:00.1234567890Z', '"2026-03-02T10:15:00.1234567890Z" has more than 9 fractional second digits'],
    ['0000-01-01T00:30:00+01:00', '"0000-01-01T00:30:00+01:00" falls outside years 0000–9999 in UTC'],
  ])('%s is rejected', (raw, message) => {
    expect(normaliseUtcTimestamp(raw)).toStrictEqual({ ok: false, message });
  });

  it.each([
    '2026-03-02T10:15:00', // no zone: names no instant
    '2026-03-02',
    '2026-03-02 10:15:00Z',
    '02/03/2026 10:15',
    '1.569521782042E9', // the sandbox's CreatedBefore epoch form
    ' 2026-03-02T10:15:00Z',
    '',
  ])('%j is not an ISO 8601 date-time with a zone', (raw) => {
    const r = normaliseUtcTimestamp(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(`"${raw}" is not an ISO 8601 date-time with a zone (e.g. 2026-03-02T10:15:00Z or 2026-03-02T19:15:00+09:00)`);
  });
});
