/**
 * ISO 4217 currency table, kept as data: code → minor-unit exponent, whether the code is
 * current, and when a withdrawn code was withdrawn. Amounts are stored in minor units using
 * the currency's own exponent (JPY 0, EUR 2, KWD 3), never an assumed 100.
 * Source: ISO 4217 List One (current) and List Three (historic), as published by SIX; checked
 * against the copy in test/fixtures/iso4217 (test/mappings/canonical/currencies.test.ts).
 *
 * A withdrawn code still parses: old orders, refunds and settlements keep their currency.
 * Using it for an amount dated after its withdrawal is a warning (withdrawnCurrencyWarning),
 * not an error: such records do arrive (a refund of a pre-euro order, a settlement report
 * for an earlier period, the dual-circulation weeks after a changeover) and a real record
 * is never rejected for that.
 */

export interface CurrencyInfo {
  readonly code: string;
  readonly exponent: number;
  /** On List One today (false once withdrawn). */
  readonly active: boolean;
  /**
   * Withdrawn codes: when. YYYY-MM-DD where the changeover day is fixed by law (euro
   * adoptions, XCG), else YYYY-MM as ISO 4217 List Three states it (the code then counts as
   * current through the end of that month).
   */
  readonly withdrawn?: string;
}

// code, exponent — current codes (List One). Funds and precious-metal codes without
// a minor unit (XAU, XDR …) are omitted: no order or settlement is priced in them.
const CURRENT: ReadonlyArray<readonly [string, number]> = [
  ['AED', 2], ['AFN', 2], ['ALL', 2], ['AMD', 2], ['AOA', 2], ['ARS', 2], ['AUD', 2],
  ['AWG', 2], ['AZN', 2], ['BAM', 2], ['BBD', 2], ['BDT', 2], ['BHD', 3], ['BIF', 0],
  ['BMD', 2], ['BND', 2], ['BOB', 2], ['BOV', 2], ['BRL', 2], ['BSD', 2], ['BTN', 2], ['BWP', 2],
  ['BYN', 2], ['BZD', 2], ['CAD', 2], ['CDF', 2], ['CHE', 2], ['CHF', 2], ['CHW', 2], ['CLF', 4],
  ['CLP', 0], ['CNY', 2], ['COP', 2], ['COU', 2], ['CRC', 2], ['CUP', 2], ['CVE', 2], ['CZK', 2],
  ['DJF', 0], ['DKK', 2], ['DOP', 2], ['DZD', 2], ['EGP', 2], ['ERN', 2], ['ETB', 2], ['EUR', 2],
  ['FJD', 2], ['FKP', 2], ['GBP', 2], ['GEL', 2], ['GHS', 2], ['GIP', 2], ['GMD', 2], ['GNF', 0],
  ['GTQ', 2], ['GYD', 2], ['HKD', 2], ['HNL', 2], ['HTG', 2], ['HUF', 2], ['IDR', 2], ['ILS', 2],
  ['INR', 2], ['IQD', 3], ['IRR', 2], ['ISK', 0], ['JMD', 2], ['JOD', 3], ['JPY', 0], ['KES', 2],
  ['KGS', 2], ['KHR', 2], ['KMF', 0], ['KPW', 2], ['KRW', 0], ['KWD', 3], ['KYD', 2], ['KZT', 2],
  ['LAK', 2], ['LBP', 2], ['LKR', 2], ['LRD', 2], ['LSL', 2], ['LYD', 3], ['MAD', 2], ['MDL', 2],
  ['MGA', 2], ['MKD', 2], ['MMK', 2], ['MNT', 2], ['MOP', 2], ['MRU', 2], ['MUR', 2], ['MVR', 2],
  ['MWK', 2], ['MXN', 2], ['MXV', 2], ['MYR', 2], ['MZN', 2], ['NAD', 2], ['NGN', 2], ['NIO', 2],
  ['NOK', 2], ['NPR', 2], ['NZD', 2], ['OMR', 3], ['PAB', 2], ['PEN', 2], ['PGK', 2], ['PHP', 2],
  ['PKR', 2], ['PLN', 2], ['PYG', 0], ['QAR', 2], ['RON', 2], ['RSD', 2], ['RUB', 2], ['RWF', 0],
  ['SAR', 2], ['SBD', 2], ['SCR', 2], ['SDG', 2], ['SEK', 2], ['SGD', 2], ['SHP', 2], ['SLE', 2],
  ['SOS', 2], ['SRD', 2], ['SSP', 2], ['STN', 2], ['SVC', 2], ['SYP', 2], ['SZL', 2], ['THB', 2],
  ['TJS', 2], ['TMT', 2], ['TND', 3], ['TOP', 2], ['TRY', 2], ['TTD', 2], ['TWD', 2], ['TZS', 2],
  ['UAH', 2], ['UGX', 0], ['USD', 2], ['USN', 2], ['UYI', 0], ['UYU', 2], ['UYW', 4], ['UZS', 2],
  ['VED', 2], ['VES', 2], ['VND', 0], ['VUV', 0], ['WST', 2], ['XAD', 2], ['XAF', 0], ['XCD', 2], ['XCG', 2],
  ['XOF', 0], ['XPF', 0], ['YER', 2], ['ZAR', 2], ['ZMW', 2], ['ZWG', 2],
];

// Withdrawn codes still met in old orders, reports and settlements (List Three): code,
// exponent, withdrawal (see CurrencyInfo.withdrawn). Euro changeovers give the adoption day.
const HISTORIC: ReadonlyArray<readonly [string, number, string]> = [
  ['ANG', 2, '2025-03-31'], // Caribbean guilder (XCG) replaced it in Curaçao and Sint Maarten on 2025-03-31 (List Three: 2025-03)
  ['BGN', 2, '2026-01-01'], // Bulgaria adopted the euro on 2026-01-01 (Council decision of 8 July 2025; List Three: 2026-01)
  ['BYR', 0, '2017-01'],
  ['CUC', 2, '2021-06'],
  ['CYP', 2, '2008-01-01'], // euro
  ['EEK', 2, '2011-01-01'], // euro
  ['HRK', 2, '2023-01-01'], // euro (Council Decision (EU) 2022/1211)
  ['LTL', 2, '2015-01-01'], // euro changeover day; List Three records 2014-12 (see the test's exceptions)
  ['LVL', 2, '2014-01-01'], // euro
  ['MRO', 2, '2017-12'],
  ['MTL', 2, '2008-01-01'], // euro
  ['ROL', 2, '2005-06'],
  ['SIT', 2, '2007-01-01'], // euro
  ['SKK', 2, '2009-01-01'], // euro
  ['SLL', 2, '2023-12'],
  ['STD', 2, '2017-12'],
  ['TRL', 0, '2005-12'],
  ['VEF', 2, '2018-08'],
  ['ZWL', 2, '2024-09'],
];

export const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = new Map(
  [
    ...CURRENT.map(([code, exponent]): CurrencyInfo => ({ code, exponent, active: true })),
    ...HISTORIC.map(([code, exponent, withdrawn]): CurrencyInfo => ({ code, exponent, active: false, withdrawn })),
  ].map((c) => [c.code, c] as const),
);

/** The first day a withdrawn code is no longer current: the day given, or the 1st of the month after the month given. */
export function withdrawalDay(info: CurrencyInfo): string | undefined {
  const w = info.withdrawn;
  if (w === undefined) return undefined;
  if (w.length === 10) return w;
  const [year, month] = w.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Whether `code` is a current ISO 4217 code on `date` (YYYY-MM-DD): known and not yet withdrawn. */
export function isActiveOn(code: string, date: string): boolean {
  const info = CURRENCIES.get(code);
  if (!info) return false;
  const day = withdrawalDay(info);
  return day === undefined || date < day;
}

/**
 * A warning for a NEW amount in `code` dated `date` after the code was withdrawn ("BGN was
 * withdrawn on 2026-01-01 …"), else undefined. Not an error: see the note at the top.
 */
export function withdrawnCurrencyWarning(code: string, date: string): string | undefined {
  const info = CURRENCIES.get(code);
  if (!info || isActiveOn(code, date)) return undefined;
  return `${code} is a withdrawn ISO 4217 code (withdrawn ${info.withdrawn!.length === 10 ? 'on' : 'in'} ${info.withdrawn}); an amount dated ${date} in it is kept as given, but new prices should use the successor currency`;
}

export function currencyInfo(code: string): CurrencyInfo | undefined {
  return CURRENCIES.get(code);
}

export function isCurrencyCode(code: string): boolean {
  return CURRENCIES.has(code);
}
