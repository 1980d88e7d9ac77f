import { describe, expect, it } from 'vitest';
import type { FxRate } from '../../../mappings/canonical/fx.js';
import { FxRateSchema } from '../../../mappings/canonical/fx.js';
import { ecbXmlToFxRates, type FxRateBatch } from '../../../mappings/fx/index.js';
import {
  ECB_90D_2018_06_11,
  ECB_90D_2019_11_29,
  ECB_CURRENCIES_2018,
  ECB_DAILY_2018_06_11,
  ECB_HIST_2019_12_17_TO_2020_01_28,
  ecbDoc,
  fxFixtureText,
} from './fx-fixtures.js';

async function mapFile(path: string): Promise<FxRateBatch> {
  const result = ecbXmlToFxRates(await ecbDoc(fxFixtureText(path)));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function rateOf(rates: readonly FxRate[], date: string, quote: string): string | undefined {
  return rates.find((r) => r.date === date && r.quote === quote)?.rate;
}

const dates = (rates: readonly FxRate[]): string[] => [...new Set(rates.map((r) => r.date))];

describe('ECB sample files → exact published rates', () => {
  it('daily file 2018-06-11 (tab-indented, single quotes): 32 rates with the text as published', async () => {
    const { rates, skipped } = await mapFile(ECB_DAILY_2018_06_11);
    expect(skipped).toEqual([]);
    expect(rates).toHaveLength(32);
    expect(rates.map((r) => r.quote)).toEqual(ECB_CURRENCIES_2018);
    expect(rates[0]).toEqual({ source: 'ecb', base: 'EUR', quote: 'USD', date: '2018-06-11', rate: '1.1790' });
    // Trailing zeros kept: the daily file writes 0.88180 and 10.2530.
    expect(rateOf(rates, '2018-06-11', 'GBP')).toBe('0.88180');
    expect(rateOf(rates, '2018-06-11', 'SEK')).toBe('10.2530');
    expect(rateOf(rates, '2018-06-11', 'JPY')).toBe('129.62');
    expect(rateOf(rates, '2018-06-11', 'IDR')).toBe('16477.11');
    expect(rateOf(rates, '2018-06-11', 'ZAR')).toBe('15.4991');
    for (const rate of rates) expect(FxRateSchema.safeParse(rate).success).toBe(true);
  });

  it('90-day file to 2018-06-11 (one line per day, double quotes): 61 days × 32 currencies', async () => {
    const { rates, skipped } = await mapFile(ECB_90D_2018_06_11);
    expect(skipped).toEqual([]);
    expect(rates).toHaveLength(61 * 32);
    const days = dates(rates);
    expect(days).toHaveLength(61);
    expect([days[0], days.at(-1)]).toEqual(['2018-06-11', '2018-03-14']);
    // The 90-day file drops trailing zeros of the same figures (1.1790 → 1.179).
    expect(rateOf(rates, '2018-06-11', 'USD')).toBe('1.179');
    expect(rateOf(rates, '2018-06-11', 'GBP')).toBe('0.8818');
    expect(rateOf(rates, '2018-04-27', 'USD')).toBe('1.207');
    expect(rateOf(rates, '2018-04-27', 'RUB')).toBe('75.4175');
    expect(rateOf(rates, '2018-03-14', 'USD')).toBe('1.2369');
    expect(rateOf(rates, '2018-03-14', 'IDR')).toBe('16981.4');
  });

  it('90-day file to 2019-11-29: 65 days × 32 currencies, integers kept as integers', async () => {
    const { rates } = await mapFile(ECB_90D_2019_11_29);
    expect(rates).toHaveLength(65 * 32);
    const days = dates(rates);
    expect([days.length, days[0], days.at(-1)]).toEqual([65, '2019-11-29', '2019-09-02']);
    expect(rateOf(rates, '2019-11-29', 'USD')).toBe('1.0982');
    expect(rateOf(rates, '2019-11-29', 'GBP')).toBe('0.85225');
    expect(rateOf(rates, '2019-11-29', 'ISK')).toBe('134');
    expect(rateOf(rates, '2019-10-16', 'JPY')).toBe('119.9');
    expect(rateOf(rates, '2019-09-02', 'HRK')).toBe('7.4006');
  });

  it('history cut 2019-12-17 … 2020-01-28 (pretty-printed): 28 days, none on 25–26 Dec and 1 Jan', async () => {
    const { rates } = await mapFile(ECB_HIST_2019_12_17_TO_2020_01_28);
    expect(rates).toHaveLength(28 * 32);
    const days = dates(rates);
    expect(days).toHaveLength(28);
    expect(days).not.toContain('2019-12-25');
    expect(days).not.toContain('2019-12-26');
    expect(days).not.toContain('2020-01-01');
    expect(rateOf(rates, '2020-01-28', 'GBP')).toBe('0.84603');
    expect(rateOf(rates, '2020-01-08', 'IDR')).toBe('15441.51');
    expect(rateOf(rates, '2019-12-24', 'USD')).toBe('1.108');
    expect(rateOf(rates, '2019-12-17', 'CHF')).toBe('1.0946');
    // Withdrawn codes still in the ISO table (HRK, until Croatia's euro) are kept.
    expect(rateOf(rates, '2020-01-28', 'HRK')).toBe('7.441');
  });
});

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><gesmes:subject>Reference rates</gesmes:subject>';

async function mapXml(xml: string) {
  return ecbXmlToFxRates(await ecbDoc(xml));
}

function issuesOf(result: Awaited<ReturnType<typeof mapXml>>): Array<[string, string]> {
  if (result.ok) throw new Error('expected a mapping error');
  expect(result.error.recordType).toBe('fx.ecb');
  return result.error.issues.map((i) => [i.field, i.message]);
}

describe('ECB documents that are not reference rates → typed errors naming the field', () => {
  it('an XHTML error page: wrong root element', async () => {
    const result = await mapXml('<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>503 Service Unavailable</h1></body></html>');
    expect(issuesOf(result)).toEqual([['(root)', 'root element is <html>, expected gesmes:Envelope: not an ECB reference-rate file']]);
  });

  it('an Envelope in another namespace', async () => {
    const result = await mapXml('<x:Envelope xmlns:x="urn:other"><Cube/></x:Envelope>');
    expect(issuesOf(result)).toEqual([['(root)', 'is in namespace "urn:other", expected "http://www.gesmes.org/xml/2002-08-01"']]);
  });

  it('an empty Cube', async () => {
    expect(issuesOf(await mapXml(`${ENVELOPE_OPEN}<Cube></Cube></gesmes:Envelope>`))).toEqual([['Cube', 'is empty: no dated Cube (no rates published)']]);
    expect(issuesOf(await mapXml(`${ENVELOPE_OPEN}</gesmes:Envelope>`))).toEqual([['Cube', 'is missing: the envelope holds no rates']]);
  });

  it('a day without rates, a bad date, a non-decimal rate and a missing currency, all listed', async () => {
    const xml =
      `${ENVELOPE_OPEN}<Cube>` +
      `<Cube time="2026-03-02"><Cube currency="USD" rate="1,0876"/><Cube currency="JPY" rate="N/A"/><Cube rate="1.2"/><Cube currency="GBP" rate="-0.8"/></Cube>` +
      `<Cube time="2026-02-30"><Cube currency="USD" rate="1.08"/></Cube>` +
      `<Cube time="2026-02-27"></Cube>` +
      `</Cube></gesmes:Envelope>`;
    expect(issuesOf(await mapXml(xml))).toEqual([
      ['Cube.Cube[time=2026-03-02].Cube[currency=USD]@rate', 'is not a positive decimal number'],
      ['Cube.Cube[time=2026-03-02].Cube[currency=JPY]@rate', 'is not a positive decimal number'],
      ['Cube.Cube[time=2026-03-02].Cube[2]@currency', 'is missing'],
      ['Cube.Cube[time=2026-03-02].Cube[currency=GBP]@rate', 'is not a positive decimal number'],
      ['Cube.Cube[1]@time', 'is not a calendar date YYYY-MM-DD'],
      ['Cube.Cube[time=2026-02-27]', 'is empty: no currency Cube on that day'],
    ]);
  });

  it('a rate in exponent notation or zero is refused; the offending value is kept for the dead letter', async () => {
    const result = await mapXml(`${ENVELOPE_OPEN}<Cube><Cube time="2026-03-02"><Cube currency="USD" rate="1.08E0"/><Cube currency="JPY" rate="0.000"/></Cube></Cube></gesmes:Envelope>`);
    if (result.ok) throw new Error('expected an error');
    expect(result.error.issues).toEqual([
      { field: 'Cube.Cube[time=2026-03-02].Cube[currency=USD]@rate', message: 'is not a positive decimal number', value: '1.08E0' },
      { field: 'Cube.Cube[time=2026-03-02].Cube[currency=JPY]@rate', message: 'is not a positive decimal number', value: '0.000' },
    ]);
  });

  it('the same currency twice on a day with different rates', async () => {
    const xml = `${ENVELOPE_OPEN}<Cube><Cube time="2026-03-02"><Cube currency="USD" rate="1.08"/><Cube currency="USD" rate="1.09"/></Cube></Cube></gesmes:Envelope>`;
    expect(issuesOf(await mapXml(xml))).toEqual([['Cube.Cube[time=2026-03-02].Cube[currency=USD]', 'appears twice on 2026-03-02 with different rates (1.08 and 1.09)']]);
  });

  it('lists at most 20 issues and counts the rest', async () => {
    const cubes = Array.from({ length: 30 }, (_, i) => `<Cube currency="U${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}" rate="x"/>`).join('');
    const result = await mapXml(`${ENVELOPE_OPEN}<Cube><Cube time="2026-03-02">${cubes}</Cube></Cube></gesmes:Envelope>`);
    if (result.ok) throw new Error('expected an error');
    expect(result.error.issues).toHaveLength(21);
    expect(result.error.issues[20]).toEqual({ field: '(more)', message: '10 further issue(s) not listed' });
  });

  it('non-documents: null, a string, two roots', () => {
    for (const [doc, message] of [
      [null, 'is empty (no root element)'],
      ['<gesmes:Envelope/>', 'is not a parsed XML document'],
      [{ a: {}, b: {} }, 'expected one root element, found 2'],
    ] as const) {
      const result = ecbXmlToFxRates(doc);
      expect(result.ok ? undefined : result.error.issues[0]?.message).toBe(message);
    }
  });
});

describe('ECB documents with codes outside the ISO 4217 table', () => {
  it('keeps withdrawn ISO codes (ROL) and lists codes outside the table as skipped, naming the entry', async () => {
    // eurofxref-hist.xml carries ROL and TRL until 2005; both are ISO 4217 withdrawn codes.
    const xml = `${ENVELOPE_OPEN}<Cube><Cube time="2004-12-31"><Cube currency="USD" rate="1.3621"/><Cube currency="ROL" rate="39390"/><Cube currency="QQQ" rate="2.5"/><Cube currency="CYP" rate="0.5804"/></Cube></Cube></gesmes:Envelope>`;
    const result = await mapXml(xml);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rates).toEqual([
      { source: 'ecb', base: 'EUR', quote: 'USD', date: '2004-12-31', rate: '1.3621' },
      { source: 'ecb', base: 'EUR', quote: 'ROL', date: '2004-12-31', rate: '39390' },
      { source: 'ecb', base: 'EUR', quote: 'CYP', date: '2004-12-31', rate: '0.5804' },
    ]);
    expect(result.value.skipped).toEqual([
      {
        field: 'Cube.Cube[time=2004-12-31].Cube[currency=QQQ]@currency',
        message: 'QQQ is not in the ISO 4217 table (withdrawn before it or not a currency): left out',
        value: 'QQQ',
      },
    ]);
  });
});

describe('ECB XML variants', () => {
  it('reads Cube elements under any prefix bound to the eurofxref namespace', async () => {
    const xml =
      '<e:Envelope xmlns:e="http://www.gesmes.org/xml/2002-08-01" xmlns:r="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">' +
      "<r:Cube><r:Cube time='2026-03-02'><r:Cube currency='USD' rate='1.0876'/></r:Cube></r:Cube></e:Envelope>";
    const result = await mapXml(xml);
    expect(result.ok && result.value.rates).toEqual([{ source: 'ecb', base: 'EUR', quote: 'USD', date: '2026-03-02', rate: '1.0876' }]);
  });

  it('refuses Cubes in another namespace', async () => {
    const xml = '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"><Cube><Cube time="2026-03-02"><Cube currency="USD" rate="1.0876"/></Cube></Cube></gesmes:Envelope>';
    expect(issuesOf(await mapXml(xml))).toEqual([['Cube', 'is in namespace "", expected "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"']]);
  });

  it('reads a document parsed without namespaces (plain xml2js) by local names', () => {
    const doc = {
      'gesmes:Envelope': {
        $: { 'xmlns:gesmes': 'http://www.gesmes.org/xml/2002-08-01' },
        'gesmes:subject': ['Reference rates'],
        Cube: [{ Cube: [{ $: { time: '2026-03-02' }, Cube: [{ $: { currency: 'JPY', rate: '162.41' } }] }] }],
      },
    };
    const result = ecbXmlToFxRates(doc);
    expect(result.ok && result.value.rates).toEqual([{ source: 'ecb', base: 'EUR', quote: 'JPY', date: '2026-03-02', rate: '162.41' }]);
  });
});
