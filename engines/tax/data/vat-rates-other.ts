/**
 * VAT/GST/consumption-tax rates outside the EU: United Kingdom, Norway, Switzerland,
 * Australia, New Zealand, Singapore, Japan. Same conventions as vat-rates-eu.ts.
 */
import { COVERAGE_FROM, rateRow, type RateEntry } from './rate-entry.js';

const HMRC = 'HMRC, VAT rates on different goods and services (gov.uk/guidance/rates-of-vat-on-different-goods-and-services)';
const SKATTEETATEN = 'Skatteetaten (skatteetaten.no): VAT rates, Merverdiavgiftsloven § 5-1 (15%), § 5-2 (12%), § 6-1 ff. (zero rate)';
const ESTV = 'Swiss Federal Tax Administration (ESTV/AFC): VAT rates from 1 January 2024, MWSTG art. 25 (AHV 21 financing)';
const ESTV_2018 = 'Swiss Federal Tax Administration (ESTV/AFC): VAT rates 1 January 2018 to 31 December 2023, MWSTG art. 25';
const ATO = 'Australian Taxation Office (ato.gov.au): A New Tax System (Goods and Services Tax) Act 1999, GST 10%; GST-free food (s 38-2) and health (s 38-7 ff.)';
const IRD = 'Inland Revenue (ird.govt.nz): Goods and Services Tax Act 1985 s 8, GST 15% from 1 October 2010';
const IRAS = 'IRAS (iras.gov.sg): GST rate change 2023 and 2024, Goods and Services Tax Act 1993';
const NTA = 'National Tax Agency of Japan (nta.go.jp): consumption tax 10% and reduced 8% from 1 October 2019 (Consumption Tax Act art. 29)';

const COV = { from: COVERAGE_FROM };

export const OTHER_VAT_RATES: readonly RateEntry[] = [
  // United Kingdom (Northern Ireland uses the same rates: see vat-rates.ts, country 'XI')
  rateRow('GB', 'VAT', 'standard', '20', ['standard'], { from: '2011-01-04' }, 'United Kingdom standard VAT rate', HMRC),
  rateRow('GB', 'VAT', 'reduced', '5', ['reduced'], COV, 'United Kingdom reduced rate 5% (e.g. children\'s car seats, domestic energy)', HMRC),
  rateRow('GB', 'VAT', 'zero', '0', ['food', 'books', 'newspapers', 'childrens-clothing', 'pharmaceuticals'], COV,
    "United Kingdom zero rate: most food, printed books and newspapers, children's clothing and footwear, dispensed medicines", HMRC),
  rateRow('GB', 'VAT', 'zero', '0', ['ebooks'], { from: '2020-05-01' }, 'United Kingdom: e-publications zero-rated from 2020-05-01', HMRC),

  // Norway
  rateRow('NO', 'VAT', 'standard', '25', ['standard'], { from: '2005-01-01' }, 'Norway general VAT rate 25%', SKATTEETATEN),
  rateRow('NO', 'VAT', 'reduced', '15', ['reduced', 'food'], { from: '2012-01-01' }, 'Norway reduced rate 15%: foodstuffs', SKATTEETATEN),
  rateRow('NO', 'VAT', 'low', '12', ['super-reduced'], COV, 'Norway low rate 12% (passenger transport, accommodation, cinema)', SKATTEETATEN),
  rateRow('NO', 'VAT', 'zero', '0', ['books', 'newspapers'], COV, 'Norway zero rate: books and newspapers', SKATTEETATEN),
  rateRow('NO', 'VAT', 'zero', '0', ['ebooks'], { from: '2019-07-01' }, 'Norway zero rate: electronic books and periodicals from 2019-07-01', SKATTEETATEN),

  // Switzerland — 2024-01-01: 7.7 → 8.1, 2.5 → 2.6
  rateRow('CH', 'VAT', 'standard', '7.7', ['standard'], { from: '2018-01-01', to: '2023-12-31' }, 'Switzerland normal VAT rate 7.7%', ESTV_2018),
  rateRow('CH', 'VAT', 'standard', '8.1', ['standard'], { from: '2024-01-01' }, 'Switzerland normal VAT rate 8.1% from 2024-01-01', ESTV),
  rateRow('CH', 'VAT', 'reduced', '2.5', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], { from: '2018-01-01', to: '2023-12-31' },
    'Switzerland reduced rate 2.5%: foodstuffs, books, newspapers, medicines', ESTV_2018),
  rateRow('CH', 'VAT', 'reduced', '2.6', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], { from: '2024-01-01' },
    'Switzerland reduced rate 2.6% from 2024-01-01: foodstuffs, books, newspapers, medicines', ESTV),

  // Australia
  rateRow('AU', 'GST', 'standard', '10', ['standard'], { from: '2000-07-01' }, 'Australia GST 10%', ATO),
  rateRow('AU', 'GST', 'gst-free', '0', ['food', 'medical', 'pharmaceuticals'], { from: '2000-07-01' },
    'Australia GST-free: basic food, medical aids and appliances, prescription medicines', ATO),

  // New Zealand
  rateRow('NZ', 'GST', 'standard', '15', ['standard'], { from: '2010-10-01' }, 'New Zealand GST 15% (no reduced rates)', IRD),

  // Singapore — 7% → 8% on 2023-01-01 → 9% on 2024-01-01
  rateRow('SG', 'GST', 'standard', '7', ['standard'], { from: '2007-07-01', to: '2022-12-31' }, 'Singapore GST 7%', IRAS),
  rateRow('SG', 'GST', 'standard', '8', ['standard'], { from: '2023-01-01', to: '2023-12-31' }, 'Singapore GST 8% from 2023-01-01', IRAS),
  rateRow('SG', 'GST', 'standard', '9', ['standard'], { from: '2024-01-01' }, 'Singapore GST 9% from 2024-01-01', IRAS),

  // Japan — 10% (7.8% national + 2.2% local), reduced 8% (6.24% + 1.76%)
  rateRow('JP', 'consumption tax', 'standard', '10', ['standard'], { from: '2019-10-01' }, 'Japan consumption tax 10% (national 7.8% + local 2.2%)', NTA),
  rateRow('JP', 'consumption tax', 'reduced', '8', ['reduced', 'food', 'newspapers'], { from: '2019-10-01' },
    'Japan reduced consumption tax 8%: food and beverages (not alcohol, not dining in), newspapers by subscription published twice a week or more', NTA),
];
