import { describe, expect, it } from 'vitest';
import { FxRateSchema } from '../../../mappings/canonical/fx.js';
import { xeBodyToFxRates, xeConvertFromToFxRates, xeConvertToToFxRates, xeHistoricRateToFxRates } from '../../../mappings/fx/index.js';
import { fxFixtureText, xeBody } from './fx-fixtures.js';

describe('XE sample bodies → exact published rates', () => {
  it('convert_from.json: CAD→EUR 0.6817819473 dated by the timestamp, which is kept', () => {
    const result = xeConvertFromToFxRates(xeBody(fxFixtureText('xe/convert_from.json')));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({
      rates: [{ source: 'xe', base: 'CAD', quote: 'EUR', date: '2016-04-12', rate: '0.6817819473', timestamp: '2016-04-12T13:24:00Z' }],
      skipped: [],
    });
    expect(FxRateSchema.safeParse(result.value.rates[0]).success).toBe(true);
  });

  it('historic_rate.json: two rates of 2011-03-05 (a Saturday: XE publishes every day)', () => {
    const result = xeHistoricRateToFxRates(xeBody(fxFixtureText('xe/historic_rate.json')));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates).toEqual([
      { source: 'xe', base: 'CAD', quote: 'JPY', date: '2011-03-05', rate: '84.6018121206', timestamp: '2011-03-05T17:00:00Z' },
      { source: 'xe', base: 'CAD', quote: 'EUR', date: '2011-03-05', rate: '0.7353659267', timestamp: '2011-03-05T17:00:00Z' },
    ]);
  });

  it('a convert_to body given as convert_from is refused, naming the fields', () => {
    const result = xeConvertFromToFxRates(xeBody(fxFixtureText('xe/convert_to.json')));
    expect(result.ok ? [] : result.error.issues.map((i) => [i.field, i.message])).toEqual([
      ['from', 'expected a currency code, got an array'],
      ['to', 'expected an array, got a string'],
    ]);
  });
});

const envelope = (to: string, extra = ''): string =>
  `{"terms":"http://www.xe.com/legal/dfs.php","from":"USD","amount":1,"timestamp":"2026-03-02T00:00:00Z"${extra},"to":${to}}`;

describe('XE mapping rules', () => {
  it('keeps 10 decimals that a float would change, and expands exponent notation exactly', () => {
    // 1234567.1234567891 has 17 significant digits: as a double it would read back as …892.
    const body = xeBody(envelope('[{"quotecurrency":"EUR","mid":0.9234567891},{"quotecurrency":"VND","mid":1234567.1234567891},{"quotecurrency":"KWD","mid":3.0771E-1}]'));
    const result = xeConvertFromToFxRates(body);
    expect(result.ok && result.value.rates.map((r) => [r.quote, r.rate])).toEqual([
      ['EUR', '0.9234567891'],
      ['VND', '1234567.1234567891'],
      ['KWD', '0.30771'],
    ]);
  });

  it('refuses a mid that went through JSON.parse (a JS number)', () => {
    const result = xeConvertFromToFxRates(JSON.parse(envelope('[{"quotecurrency":"EUR","mid":0.9234567891}]')));
    expect(result.ok ? [] : result.error.issues).toEqual([
      { field: 'to[0].mid', message: 'is a JS number (it went through a float): read the raw body with readDecimalJson', value: 0.9234567891 },
    ]);
  });

  it('lists XAU and BTC (not ISO 4217 currencies) and the from→from identity as skipped', () => {
    const result = xeConvertFromToFxRates(
      xeBody(envelope('[{"quotecurrency":"XAU","mid":0.00034},{"quotecurrency":"USD","mid":1},{"quotecurrency":"JPY","mid":149.73},{"quotecurrency":"BTC","mid":0.0000151}]')),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates.map((r) => `${r.base}/${r.quote} ${r.rate}`)).toEqual(['USD/JPY 149.73']);
    expect(result.value.skipped.map((s) => [s.field, s.value])).toEqual([
      ['to[0].quotecurrency', 'XAU'],
      ['to[1].quotecurrency', 'USD'],
      ['to[3].quotecurrency', 'BTC'],
    ]);
  });

  it('dates a rate by the UTC date of its timestamp, offsets included', () => {
    const result = xeHistoricRateToFxRates(xeBody('{"from":"USD","amount":1,"timestamp":"2026-03-02T01:30:00+09:00","to":[{"quotecurrency":"JPY","mid":149.73}]}'));
    expect(result.ok && result.value.rates[0]).toEqual({ source: 'xe', base: 'USD', quote: 'JPY', date: '2026-03-01', rate: '149.73', timestamp: '2026-03-01T16:30:00Z' });
  });

  it('names every bad field: amount ≠ 1, bad timestamp, bad codes, bad and missing mids, empty list', () => {
    const bad = xeConvertFromToFxRates(
      xeBody('{"from":"usd","amount":55,"timestamp":"2026-02-30T00:00:00Z","to":[{"quotecurrency":"EU","mid":1},{"quotecurrency":"JPY","mid":-1},{"quotecurrency":"GBP"},"x"]}'),
    );
    expect(bad.ok ? [] : bad.error.issues.map((i) => [i.field, i.message])).toEqual([
      ['from', 'is not an ISO 4217 currency code'],
      ['amount', 'must be 1: rates are read from amount=1 answers'],
      ['timestamp', 'has a date (2026-02-30) that is not a calendar date'],
      ['to[0].quotecurrency', 'is not a three-letter currency code'],
      ['to[1].mid', 'is not a positive decimal number'],
      ['to[2].mid', 'is required but missing'],
      ['to[3]', 'expected an object, got a string'],
    ]);
    const empty = xeHistoricRateToFxRates(xeBody(envelope('[]')));
    expect(empty.ok ? undefined : [empty.error.recordType, empty.error.issues[0]?.field, empty.error.issues[0]?.message]).toEqual([
      'fx.xe.historic-rate',
      'to',
      'is empty: no rates in the answer',
    ]);
    expect(xeConvertFromToFxRates([]).ok).toBe(false);
  });

  it('accepts amount written 1.0 and timestamps without seconds', () => {
    const result = xeConvertFromToFxRates(xeBody('{"from":"GBP","amount":1.0,"timestamp":"2026-03-02T13:27Z","to":[{"quotecurrency":"KWD","mid":0.3871234567}]}'));
    expect(result.ok && result.value.rates[0]).toEqual({ source: 'xe', base: 'GBP', quote: 'KWD', date: '2026-03-02', rate: '0.3871234567', timestamp: '2026-03-02T13:27:00Z' });
  });
});

describe('XE envelopes recognised by shape (caravan map fx.xe)', () => {
  it('convert_to.json: 1 CAD = 0.6817375664 EUR, read from the to side', () => {
    const result = xeBodyToFxRates(xeBody(fxFixtureText('xe/convert_to.json')));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates).toEqual([
      { source: 'xe', base: 'CAD', quote: 'EUR', date: '2016-04-12', rate: '0.6817375664', timestamp: '2016-04-12T13:25:00Z' },
    ]);
    expect(xeConvertToToFxRates(xeBody(fxFixtureText('xe/convert_from.json'))).ok).toBe(false);
  });

  it('convert_from and historic_rate bodies go through unchanged', () => {
    const direct = xeConvertFromToFxRates(xeBody(fxFixtureText('xe/convert_from.json')));
    expect(xeBodyToFxRates(xeBody(fxFixtureText('xe/convert_from.json')))).toEqual(direct);
    const historic = xeBodyToFxRates(xeBody(fxFixtureText('xe/historic_rate.json')));
    expect(historic.ok && historic.value.rates.map((r) => [r.quote, r.rate])).toEqual([
      ['JPY', '84.6018121206'],
      ['EUR', '0.7353659267'],
    ]);
  });

  const period = (to: string, from = 'USD') =>
    xeBody(`{"terms":"http://www.xe.com/legal/dfs.php","privacy":"http://www.xe.com/privacy.php","from":"${from}","amount":1.0,"to":${to}}`);

  it('historic_rate/period.json: one rate per currency and UTC date, in date order, digits kept', () => {
    const result = xeBodyToFxRates(
      period(`{"CAD":[{"mid":1.3251234567,"timestamp":"2026-03-02T00:00:00Z"},{"mid":1.3249000001,"timestamp":"2026-03-03T00:00:00Z"}],
               "JPY":[{"mid":149.12345678901,"timestamp":"2026-03-03T00:00:00Z"},{"mid":150.5,"timestamp":"2026-03-02T00:00:00Z"}]}`),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates.map((r) => [r.base, r.quote, r.date, r.rate, r.timestamp])).toEqual([
      ['USD', 'CAD', '2026-03-02', '1.3251234567', '2026-03-02T00:00:00Z'],
      ['USD', 'CAD', '2026-03-03', '1.3249000001', '2026-03-03T00:00:00Z'],
      ['USD', 'JPY', '2026-03-02', '150.5', '2026-03-02T00:00:00Z'],
      ['USD', 'JPY', '2026-03-03', '149.12345678901', '2026-03-03T00:00:00Z'],
    ]);
    expect(result.value.skipped).toEqual([]);
    for (const r of result.value.rates) expect(FxRateSchema.safeParse(r).success).toBe(true);
  });

  it('keeps the latest of several rates on one date (hourly interval) and lists the others', () => {
    const result = xeBodyToFxRates(
      period('{"EUR":[{"mid":0.91,"timestamp":"2026-03-02T10:00:00Z"},{"mid":0.92,"timestamp":"2026-03-02T23:00:00Z"},{"mid":0.915,"timestamp":"2026-03-02T12:00:00Z"}],"XAU":[{"mid":0.0004,"timestamp":"2026-03-02T00:00:00Z"}]}'),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates.map((r) => [r.quote, r.rate, r.timestamp])).toEqual([['EUR', '0.92', '2026-03-02T23:00:00Z']]);
    expect(result.value.skipped.map((s) => s.field)).toEqual(['to.EUR[0]', 'to.EUR[2]', 'to.XAU']);
    expect(result.value.skipped[0]?.message).toBe('EUR 0.91 at 2026-03-02T10:00:00Z: a later rate of 2026-03-02 (2026-03-02T23:00:00Z) is kept');
  });

  it('names every broken field of a period body', () => {
    const result = xeBodyToFxRates(
      period('{"CAD":[{"mid":-1,"timestamp":"2026-03-02T00:00:00Z"},{"mid":1.2}],"eur":[],"GBP":{"mid":1}}', 'US'),
    );
    expect(result.ok ? [] : [result.error.recordType, ...result.error.issues.map((i) => [i.field, i.message])]).toEqual([
      'fx.xe.historic-rate-period',
      ['from', 'is not an ISO 4217 currency code'],
      ['to.CAD[0].mid', 'is not a positive decimal number'],
      ['to.CAD[1].timestamp', 'is required but missing'],
      ['to.eur', 'is not a three-letter currency code'],
      ['to.GBP', 'expected an array of rates, got an object'],
    ]);
  });

  it('refuses monthly_average.json: an average is not the rate of a day', () => {
    const result = xeBodyToFxRates(xeBody(fxFixtureText('xe/monthly_average.json')));
    expect(result.ok ? undefined : [result.error.recordType, result.error.issues[0]?.message]).toEqual([
      'fx.xe.monthly-average',
      'monthly_average.json holds monthly averages, not daily rates: Caravan stores no average as a rate of a day',
    ]);
  });
});
