/** mappings/amazon/report-values.ts: report date-times (ISO with offset, local with a zone abbreviation) and money. */
import { describe, expect, it } from 'vitest';
import { readReportMoney, readReportTimestamp } from '../../../mappings/amazon/index.js';

describe('readReportTimestamp', () => {
  it.each([
    // orders report: ISO 8601 with an offset
    ['2024-01-15T10:20:30+00:00', '2024-01-15T10:20:30Z'],
    ['2024-01-15T10:20:30Z', '2024-01-15T10:20:30Z'],
    ['2024-05-01T09:00:00+09:00', '2024-05-01T00:00:00Z'],
    // listings report open-date: marketplace-local with a zone abbreviation
    ['2023-05-01 10:20:30 PDT', '2023-05-01T17:20:30Z'],
    ['2023-12-24 08:00:00 PST', '2023-12-24T16:00:00Z'],
    ['2023/05/01 10:20:30 JST', '2023-05-01T01:20:30Z'],
    ['2023-06-15 14:30:00 CEST', '2023-06-15T12:30:00Z'],
    ['2023-06-15 14:30:00 MEST', '2023-06-15T12:30:00Z'],
    ['15.06.2023 14:30:00 MESZ', '2023-06-15T12:30:00Z'],
    ['2023-01-10 09:00:00 CET', '2023-01-10T08:00:00Z'],
    ['2023-07-01 12:00:00 BST', '2023-07-01T11:00:00Z'],
    ['2023-01-01 00:30:00 GMT', '2023-01-01T00:30:00Z'],
    ['2023-01-01 05:30:00 IST', '2023-01-01T00:00:00Z'],
    ['2023-01-01 09:00:00 +09:00', '2023-01-01T00:00:00Z'],
    // year last with `/`: month first with an American zone, else day first
    ['04/05/2023 10:00:00 PDT', '2023-04-05T17:00:00Z'],
    ['04/05/2023 10:00:00 BST', '2023-05-04T09:00:00Z'],
    ['25/12/2023 10:00:00 PST', '2023-12-25T18:00:00Z'],
    ['04.05.2023 10:00:00 MESZ', '2023-05-04T08:00:00Z'],
  ])('%s → %s', (raw, utc) => {
    expect(readReportTimestamp(raw)).toEqual({ ok: true, value: utc });
  });

  it('an unknown zone, no zone, an impossible date', () => {
    expect(readReportTimestamp('2024-01-03 09:00:00 XYZ')).toMatchObject({ ok: false, message: expect.stringMatching(/the time zone "XYZ", which Caravan does not know/) });
    expect(readReportTimestamp('2024-01-03 09:00:00')).toMatchObject({ ok: false });
    expect(readReportTimestamp('2023-02-30 09:00:00 PST')).toMatchObject({ ok: false, message: expect.stringMatching(/^"2023-02-30 09:00:00 PST" has day 30/) });
  });
});

describe('readReportMoney', () => {
  it('exponent from the currency, never a float', () => {
    expect(readReportMoney('1980', 'JPY')).toEqual({ ok: true, value: { amountMinor: 1980, currency: 'JPY' } });
    expect(readReportMoney('19.80', 'JPY')).toMatchObject({ ok: false });
    expect(readReportMoney('0.1', 'EUR')).toEqual({ ok: true, value: { amountMinor: 10, currency: 'EUR' } });
    expect(readReportMoney('1.234', 'KWD')).toEqual({ ok: true, value: { amountMinor: 1234, currency: 'KWD' } });
    expect(readReportMoney('-4,50', 'EUR')).toEqual({ ok: true, value: { amountMinor: -450, currency: 'EUR' } });
    expect(readReportMoney('1,980', 'JPY')).toEqual({ ok: true, value: { amountMinor: 1980, currency: 'JPY' } });
    expect(readReportMoney('1,234.56', 'USD')).toEqual({ ok: true, value: { amountMinor: 123456, currency: 'USD' } });
    expect(readReportMoney('1.234,56', 'EUR')).toEqual({ ok: true, value: { amountMinor: 123456, currency: 'EUR' } });
  });
});
