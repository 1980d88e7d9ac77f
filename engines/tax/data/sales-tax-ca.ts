/**
 * Canada: federal GST, harmonized HST (replaces GST in ON, NB, NL, NS, PE), and the
 * provincial taxes added to GST (QST in Quebec, PST in BC and SK, RST in Manitoba).
 * Provinces and territories without a row here (AB, NT, NU, YT) levy GST only.
 */
import { rateRow, type RateEntry } from './rate-entry.js';

const CRA = 'Canada Revenue Agency (canada.ca): GST/HST rates by province (NB and NL 13% → 15% on 1 July 2016, PE 14% → 15% on 1 October 2016), Excise Tax Act Part IX and Schedule VI (zero-rated supplies)';
const CRA_NS = 'Canada Revenue Agency (canada.ca): Nova Scotia HST 14% from 1 April 2025 (Nova Scotia Department of Finance, Budget 2024–25)';
const CRA_POS = 'Canada Revenue Agency (canada.ca): point-of-sale rebates of the provincial part of HST on printed books (and, in ON, NS, PE, children\'s clothing)';
const RQ = 'Revenu Québec (revenuquebec.ca): QST 9.975% from 1 January 2013; zero-rated basic groceries, prescription drugs and printed books';
const BC = 'BC Ministry of Finance (gov.bc.ca): Provincial Sales Tax Act, PST 7% from 1 April 2013; food, books, children\'s clothing, prescription drugs exempt';
const SK = 'Saskatchewan Ministry of Finance (saskatchewan.ca): Provincial Sales Tax Act, PST 5% until 22 March 2017, 6% from 23 March 2017; food, books, children\'s clothing exempt';
const MB = 'Manitoba Finance (gov.mb.ca): Retail Sales Tax Act, RST 8% from 1 July 2013, 7% from 1 July 2019; food, books, children\'s clothing exempt';

const HOLIDAY_SOURCE =
  'Department of Finance Canada (canada.ca): temporary GST/HST relief on qualifying items from 14 December 2024 to 15 February 2025 (Bill C-78, Tax Break for All Canadians Act)';
/** The GST/HST holiday: children's clothing and footwear, printed books and newspapers (among other items) bore no GST/HST. */
const HOLIDAY = { from: '2024-12-14', to: '2025-02-15' };
const HOLIDAY_CATEGORIES = ['childrens-clothing', 'books', 'newspapers'] as const;
const HST_PROVINCES = ['ON', 'NS', 'NB', 'NL', 'PE'] as const;

const ZERO_GROCERIES = ['food', 'pharmaceuticals', 'medical'] as const;

/**
 * Canadian rows are complete from the day British Columbia left the HST (2013-04-01) and
 * Prince Edward Island joined it; the engine's Canadian rules start on that day too.
 */
export const COVERAGE_FROM_CA = '2013-04-01'; // = RATE_COVERAGE_FROM.CA

function hst(province: string, rate: string, dates: { from: string; to?: string }, source = CRA): RateEntry[] {
  const sub = { subdivision: province, stacking: 'replaces' as const };
  return [
    rateRow('CA', 'HST', 'standard', rate, ['standard'], dates, `HST ${rate}% in ${province} (5% federal + provincial part)`, source, sub),
    rateRow('CA', 'HST', 'zero', '0', [...ZERO_GROCERIES], dates,
      `HST zero-rated in ${province}: basic groceries, prescription drugs, medical devices`, CRA, sub),
  ];
}

function hstPosRebate(province: string, categories: Parameters<typeof rateRow>[4], dates: { from: string; to?: string }, what: string): RateEntry {
  return rateRow('CA', 'HST', 'point-of-sale rebate', '5', categories, dates,
    `HST in ${province} on ${what}: provincial part rebated at the point of sale, 5% remains`, CRA_POS,
    { subdivision: province, stacking: 'replaces' });
}

export const CA_SALES_TAX_RATES: readonly RateEntry[] = [
  // Holiday rows override the lasting rows (zero-rating, point-of-sale rebates) for their dates.
  rateRow('CA', 'GST', 'holiday', '0', [...HOLIDAY_CATEGORIES], HOLIDAY,
    "GST holiday: children's clothing and footwear, printed books and newspapers relieved of GST", HOLIDAY_SOURCE, { overrides: true }),
  ...HST_PROVINCES.map((province) =>
    rateRow('CA', 'HST', 'holiday', '0', [...HOLIDAY_CATEGORIES], HOLIDAY,
      `HST holiday in ${province}: children's clothing and footwear, printed books and newspapers relieved of the whole HST`, HOLIDAY_SOURCE,
      { subdivision: province, stacking: 'replaces', overrides: true }),
  ),
  rateRow('CA', 'GST', 'standard', '5', ['standard'], { from: '2008-01-01' }, 'Canada GST 5% (federal)', CRA),
  rateRow('CA', 'GST', 'zero', '0', [...ZERO_GROCERIES], { from: '2008-01-01' },
    'Canada GST zero-rated: basic groceries, prescription drugs, medical devices', CRA),

  ...hst('ON', '13', { from: '2010-07-01' }),
  hstPosRebate('ON', ['books', 'newspapers', 'childrens-clothing'], { from: '2010-07-01' }, "printed books, newspapers and children's clothing"),
  ...hst('NS', '15', { from: '2010-07-01', to: '2025-03-31' }),
  ...hst('NS', '14', { from: '2025-04-01' }, CRA_NS),
  hstPosRebate('NS', ['books', 'childrens-clothing'], { from: '2010-07-01' }, "printed books and children's clothing"),
  ...hst('NB', '13', { from: COVERAGE_FROM_CA, to: '2016-06-30' }),
  ...hst('NB', '15', { from: '2016-07-01' }),
  hstPosRebate('NB', ['books'], { from: COVERAGE_FROM_CA }, 'printed books'),
  ...hst('NL', '13', { from: COVERAGE_FROM_CA, to: '2016-06-30' }),
  ...hst('NL', '15', { from: '2016-07-01' }),
  hstPosRebate('NL', ['books'], { from: COVERAGE_FROM_CA }, 'printed books'),
  ...hst('PE', '14', { from: '2013-04-01', to: '2016-09-30' }),
  ...hst('PE', '15', { from: '2016-10-01' }),
  hstPosRebate('PE', ['books', 'childrens-clothing'], { from: '2013-04-01' }, "printed books and children's clothing"),

  rateRow('CA', 'QST', 'standard', '9.975', ['standard'], { from: '2013-01-01' }, 'Quebec sales tax (QST) 9.975%, added to GST', RQ,
    { subdivision: 'QC', stacking: 'adds' }),
  rateRow('CA', 'QST', 'zero', '0', [...ZERO_GROCERIES, 'books'], { from: '2013-01-01' },
    'QST zero-rated: basic groceries, prescription drugs, medical devices, printed books', RQ, { subdivision: 'QC', stacking: 'adds' }),

  rateRow('CA', 'PST', 'standard', '7', ['standard'], { from: '2013-04-01' }, 'British Columbia PST 7%, added to GST', BC,
    { subdivision: 'BC', stacking: 'adds' }),
  rateRow('CA', 'PST', 'exempt', '0', [...ZERO_GROCERIES, 'books', 'newspapers', 'childrens-clothing'], { from: '2013-04-01' },
    "British Columbia PST exempt: food, prescription drugs, medical devices, books, newspapers, children's clothing", BC,
    { subdivision: 'BC', stacking: 'adds' }),

  rateRow('CA', 'PST', 'standard', '5', ['standard'], { from: COVERAGE_FROM_CA, to: '2017-03-22' }, 'Saskatchewan PST 5%, added to GST', SK,
    { subdivision: 'SK', stacking: 'adds' }),
  rateRow('CA', 'PST', 'standard', '6', ['standard'], { from: '2017-03-23' }, 'Saskatchewan PST 6% from 2017-03-23, added to GST', SK,
    { subdivision: 'SK', stacking: 'adds' }),
  rateRow('CA', 'PST', 'exempt', '0', [...ZERO_GROCERIES, 'books', 'newspapers', 'childrens-clothing'], { from: COVERAGE_FROM_CA },
    "Saskatchewan PST exempt: food, prescription drugs, medical devices, books, newspapers, children's clothing", SK,
    { subdivision: 'SK', stacking: 'adds' }),

  rateRow('CA', 'RST', 'standard', '7', ['standard'], { from: COVERAGE_FROM_CA, to: '2013-06-30' }, 'Manitoba retail sales tax (RST) 7%, added to GST', MB,
    { subdivision: 'MB', stacking: 'adds' }),
  rateRow('CA', 'RST', 'standard', '8', ['standard'], { from: '2013-07-01', to: '2019-06-30' }, 'Manitoba retail sales tax (RST) 8%, added to GST', MB,
    { subdivision: 'MB', stacking: 'adds' }),
  rateRow('CA', 'RST', 'standard', '7', ['standard'], { from: '2019-07-01' }, 'Manitoba retail sales tax (RST) 7% from 2019-07-01, added to GST', MB,
    { subdivision: 'MB', stacking: 'adds' }),
  rateRow('CA', 'RST', 'exempt', '0', [...ZERO_GROCERIES, 'books', 'newspapers', 'childrens-clothing'], { from: COVERAGE_FROM_CA },
    "Manitoba RST exempt: food, prescription drugs, medical devices, books, newspapers, children's clothing", MB,
    { subdivision: 'MB', stacking: 'adds' }),
];

/** Provinces and territories of Canada (ISO 3166-2:CA codes without the prefix). */
export const CA_PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
