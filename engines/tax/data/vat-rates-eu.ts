/**
 * VAT rates of the 27 EU member states by product tax category, dated.
 *
 * What each category means, the same in every member state (docs/tax-categories.md has the
 * table per country, checked against these rows by test/engines/tax/tax-categories-doc.test.ts):
 * - `standard`: the standard rate.
 * - `reduced`: the LOWEST reduced rate of 5 % or more, i.e. the lowest figure in the
 *   "reduced rate" column of the European Commission's table 'VAT rates applied in the Member
 *   States' (ibericode's `reduced` or `reduced1`). Latvia: 5 % (books, press), not 12 %.
 *   A second reduced rate that no product category covers (AT 13 %, FR 10 % …) is a row with
 *   no categories: it is documented and compared with peers, never picked.
 * - `super-reduced`: the EC table's super-reduced rate, below 5 % (ES 4, FR 2.1, IE 4.8, IT 4,
 *   LU 3, CY 3 from 2023-07-21, AT 4.9 from 2026-07-01). A country without one has no row: the category then takes
 *   the standard rate like any category without a row (vat-rates.ts) — the quote says which
 *   rule it used.
 * - `food`: the rate of most foodstuffs for home consumption (staples on another rate are
 *   named in the description); `books` printed books; `ebooks` electronically supplied books;
 *   `newspapers` newspapers and periodicals; `pharmaceuticals` medicines for human use (the
 *   reimbursable or prescription ones where the law splits them); `medical` medical devices
 *   and aids; `childrens-clothing` children's clothing and footwear.
 * - A category without a row (`digital-services` everywhere) takes the standard rate.
 *
 * Rows whose real start is not recorded begin at COVERAGE_FROM (2021-07-01).
 */
import { COVERAGE_FROM, rateRow, type RateEntry } from './rate-entry.js';

const EC =
  "European Commission (DG TAXUD), 'VAT rates applied in the Member States of the European Union', situation at 1 January 2025";
const EC_2023 =
  "European Commission (DG TAXUD), 'VAT rates applied in the Member States of the European Union', situation at 1 January 2023";

const COV = { from: COVERAGE_FROM };

export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

const v = (
  country: string,
  kind: string,
  rate: string,
  categories: Parameters<typeof rateRow>[4],
  dates: { from: string; to?: string },
  description: string,
  source: string = EC,
): RateEntry => rateRow(country, 'VAT', kind, rate, categories, dates, description, source);

export const EU_VAT_RATES: readonly RateEntry[] = [
  // Austria — Umsatzsteuergesetz 1994 § 10
  v('AT', 'standard', '20', ['standard'], { from: '1984-01-01' }, 'Austria standard VAT rate'),
  v('AT', 'reduced', '10', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], COV,
    'Austria reduced rate 10%: foodstuffs, books and e-books, newspapers, medicines (listed staples 4.9% from 2026-07-01)'),
  // Below 5%, so the EC table's super-reduced slot; 'food' (most foodstuffs: meat, cheese, oils …) stays at 10%.
  v('AT', 'super-reduced', '4.9', ['super-reduced'], { from: '2026-07-01' },
    'Austria super-reduced rate 4.9% from 2026-07-01: listed basic foodstuffs (milk, yoghurt, butter, eggs, fresh and frozen vegetables, edible fruit, rice, wheat flour and semolina, uncooked pasta, bread, table salt)',
    'Austrian Federal Ministry of Finance (bmf.gv.at): amendment of Umsatzsteuergesetz 1994 § 10, 4.9% on a basket of basic foodstuffs from 1 July 2026 (government decision of 14 January 2026, bundeskanzleramt.gv.at)'),
  v('AT', 'reduced', '13', [], COV,
    'Austria second reduced rate 13%: live plants and flowers, cultural and sporting events, domestic passenger flights, wine sold by the grower (no category of its own)'),

  // Belgium — Code TVA, Royal Decree no. 20
  v('BE', 'standard', '21', ['standard'], { from: '1996-01-01' }, 'Belgium standard VAT rate'),
  v('BE', 'reduced', '6', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], COV,
    'Belgium reduced rate 6%: foodstuffs, books, newspapers, medicines, medical devices'),
  v('BE', 'reduced', '12', [], COV,
    'Belgium intermediate rate 12%: restaurant and catering services (drinks excluded), social housing, certain fuels (no category of its own)'),

  // Bulgaria
  v('BG', 'standard', '20', ['standard'], COV, 'Bulgaria standard VAT rate'),
  v('BG', 'reduced', '9', ['reduced', 'books', 'ebooks', 'newspapers'], COV,
    'Bulgaria reduced rate 9%: books and periodicals, baby food'),

  // Croatia
  v('HR', 'standard', '25', ['standard'], { from: '2012-03-01' }, 'Croatia standard VAT rate'),
  v('HR', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], COV,
    'Croatia reduced rate 5%: books, newspapers, prescription medicines, medical devices'),
  v('HR', 'reduced', '13', [], COV,
    'Croatia second reduced rate 13%: accommodation, catering, certain utilities and foodstuffs listed in the VAT Act (see the food rows)'),
  // 'food' here is fresh staples; sugar, sweets and most processed food take the standard 25%.
  v('HR', 'reduced', '13', ['food'], { from: COVERAGE_FROM, to: '2022-03-31' },
    'Croatia reduced rate 13%: meat, fish, fruit, vegetables, eggs, edible oils, baby food (bread and milk 5%; processed food 25%)', EC_2023),
  v('HR', 'reduced', '5', ['food'], { from: '2022-04-01' },
    'Croatia reduced rate 5% extended from 13% to meat, fish, fruit, vegetables, eggs, edible oils and baby food from 2022-04-01 (processed food 25%)',
    'Porezna uprava (porezna-uprava.gov.hr): amendments to the VAT Act of March 2022, reduced rates from 1 April 2022'),

  // Cyprus
  v('CY', 'standard', '19', ['standard'], { from: '2014-01-13' }, 'Cyprus standard VAT rate'),
  v('CY', 'reduced', '5', ['reduced', 'food', 'pharmaceuticals'], COV,
    'Cyprus reduced rate 5%: foodstuffs, medicines (selected essentials temporarily 0% in 2022–24)'),
  v('CY', 'reduced', '5', ['books', 'ebooks', 'newspapers', 'medical'], { from: COVERAGE_FROM, to: '2023-07-20' },
    'Cyprus reduced rate 5%: books, newspapers and periodicals, medical devices, until the 3% rate', EC_2023),
  v('CY', 'super-reduced', '3', ['super-reduced', 'books', 'ebooks', 'newspapers', 'medical'], { from: '2023-07-21' },
    'Cyprus super-reduced rate 3% from 2023-07-21: books, newspapers and magazines (print and electronic), medical and orthopaedic devices, aids for people with disabilities',
    'Cyprus Tax Department (mof.gov.cy/tax): VAT (Amendment) Law of July 2023 transposing Directive (EU) 2022/542, published in the Official Gazette on 21 July 2023'),
  v('CY', 'reduced', '9', [], COV,
    'Cyprus second reduced rate 9%: accommodation, restaurant and catering services, passenger transport (no category of its own)'),

  // Czech Republic — Act 235/2004 Coll.; consolidation package (Act 349/2023 Coll.) from 2024-01-01
  v('CZ', 'standard', '21', ['standard'], { from: '2013-01-01' }, 'Czech Republic standard VAT rate'),
  v('CZ', 'reduced', '15', ['food'], { from: COVERAGE_FROM, to: '2023-12-31' }, 'Czech Republic first reduced rate 15%: foodstuffs', EC_2023),
  v('CZ', 'reduced', '10', ['reduced', 'books', 'ebooks', 'pharmaceuticals', 'medical'], { from: COVERAGE_FROM, to: '2023-12-31' },
    'Czech Republic second reduced rate 10%: books, medicines, medical devices', EC_2023),
  v('CZ', 'reduced', '12', ['reduced', 'food', 'newspapers', 'pharmaceuticals', 'medical'], { from: '2024-01-01' },
    'Czech Republic single reduced rate 12% (15% and 10% merged) from 2024-01-01: foodstuffs, newspapers, medicines, medical devices'),
  v('CZ', 'zero', '0', ['books', 'ebooks'], { from: '2024-01-01' },
    'Czech Republic: books and e-books exempt with right of deduction (0%) from 2024-01-01'),

  // Denmark — Momsloven: one rate; newspapers zero-rated
  v('DK', 'standard', '25', ['standard'], { from: '1992-01-01' }, 'Denmark standard VAT rate (no reduced rates)'),
  v('DK', 'zero', '0', ['newspapers'], COV, 'Denmark: newspapers zero-rated'),

  // Estonia — Käibemaksuseadus § 15; rate changes announced by the Estonian Tax and Customs Board (emta.ee)
  v('EE', 'standard', '20', ['standard'], { from: '2009-07-01', to: '2023-12-31' }, 'Estonia standard VAT rate 20%', EC_2023),
  v('EE', 'standard', '22', ['standard'], { from: '2024-01-01', to: '2025-06-30' }, 'Estonia standard VAT rate 22% from 2024-01-01',
    'Estonian Tax and Customs Board (emta.ee): standard VAT rate 22% from 1 January 2024 (Value Added Tax Act § 15(1))'),
  v('EE', 'standard', '24', ['standard'], { from: '2025-07-01' }, 'Estonia standard VAT rate 24% from 2025-07-01',
    'Estonian Tax and Customs Board (emta.ee): standard VAT rate 24% from 1 July 2025 (Value Added Tax Act § 15(1))'),
  v('EE', 'reduced', '9', ['books', 'ebooks', 'pharmaceuticals', 'medical'], COV,
    'Estonia reduced rate 9%: books, medicines, medical equipment (and accommodation until 2024-12-31)'),
  // The lowest reduced rate ('reduced') was the press rate while that was 5%.
  v('EE', 'reduced', '9', ['reduced', 'newspapers'], { from: COVERAGE_FROM, to: '2022-07-31' }, 'Estonia reduced rate 9%: press publications', EC_2023),
  v('EE', 'reduced', '5', ['reduced', 'newspapers'], { from: '2022-08-01', to: '2024-12-31' }, 'Estonia reduced rate 5%: press publications from 2022-08-01',
    'Estonian Tax and Customs Board (emta.ee): 5% VAT on press publications from 1 August 2022'),
  v('EE', 'reduced', '9', ['reduced', 'newspapers'], { from: '2025-01-01' }, 'Estonia: press publications back to 9% from 2025-01-01 (9% is again the lowest reduced rate)',
    'Estonian Tax and Customs Board (emta.ee): press publications 9% from 1 January 2025'),
  v('EE', 'reduced', '13', [], { from: '2025-01-01' }, 'Estonia reduced rate 13% from 2025-01-01: accommodation services (were 9%; no category of its own)',
    'Estonian Tax and Customs Board (emta.ee): VAT on accommodation services 13% from 1 January 2025'),

  // Finland — Arvonlisäverolaki § 84–85a; Finnish Tax Administration (vero.fi)
  v('FI', 'standard', '24', ['standard'], { from: '2013-01-01', to: '2024-08-31' }, 'Finland standard VAT rate 24%', EC_2023),
  v('FI', 'standard', '25.5', ['standard'], { from: '2024-09-01' }, 'Finland standard VAT rate 25.5% from 2024-09-01',
    'Finnish Tax Administration (vero.fi): general VAT rate 25.5% from 1 September 2024'),
  v('FI', 'reduced', '14', ['food'], { from: '2013-01-01', to: '2025-12-31' }, 'Finland reduced rate 14%: foodstuffs', EC),
  v('FI', 'reduced', '13.5', ['food', 'books', 'ebooks', 'pharmaceuticals'], { from: '2026-01-01' },
    'Finland reduced rate 13.5% (was 14%) from 2026-01-01: foodstuffs, books, medicines',
    'Finnish Tax Administration (vero.fi): reduced VAT rate 14% lowered to 13.5% from 1 January 2026'),
  v('FI', 'reduced', '10', ['books', 'ebooks', 'pharmaceuticals'], { from: COVERAGE_FROM, to: '2024-12-31' },
    'Finland reduced rate 10%: books, medicines', EC),
  v('FI', 'reduced', '14', ['books', 'ebooks', 'pharmaceuticals'], { from: '2025-01-01', to: '2025-12-31' },
    'Finland: books and medicines moved from 10% to 14% on 2025-01-01',
    'Finnish Tax Administration (vero.fi): books, medicines and other supplies moved to the 14% rate from 1 January 2025'),
  v('FI', 'reduced', '10', ['reduced', 'newspapers'], COV, 'Finland reduced rate 10%: newspapers and periodicals'),

  // France — Code général des impôts art. 278 ff.
  v('FR', 'standard', '20', ['standard'], { from: '2014-01-01' }, 'France standard VAT rate (mainland)'),
  v('FR', 'reduced', '5.5', ['reduced', 'food', 'books', 'ebooks', 'medical'], COV,
    'France reduced rate 5.5%: foodstuffs, books and e-books, certain medical equipment'),
  v('FR', 'super-reduced', '2.1', ['super-reduced', 'newspapers', 'pharmaceuticals'], COV,
    'France super-reduced rate 2.1%: press publications, reimbursable medicines'),
  v('FR', 'reduced', '10', [], COV,
    'France intermediate rate 10%: restaurant and catering, passenger transport, non-reimbursable medicines, accommodation (no category of its own)'),

  // Germany — UStG § 12
  v('DE', 'standard', '19', ['standard'], { from: '2021-01-01' }, 'Germany standard VAT rate (back to 19% after the 2020 temporary 16%)'),
  v('DE', 'reduced', '7', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'medical'], { from: '2021-01-01' },
    'Germany reduced rate 7% (UStG § 12(2)): foodstuffs, books and e-books, newspapers, certain medical aids; medicines take 19%'),

  // Greece
  v('GR', 'standard', '24', ['standard'], { from: '2016-06-01' }, 'Greece standard VAT rate (mainland)'),
  v('GR', 'reduced', '13', ['food'], COV, 'Greece reduced rate 13%: foodstuffs'),
  v('GR', 'reduced', '6', ['reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], COV,
    'Greece reduced rate 6%: books, newspapers, medicines'),

  // Hungary
  v('HU', 'standard', '27', ['standard'], { from: '2012-01-01' }, 'Hungary standard VAT rate'),
  // Most foodstuffs take 27%; listed staples take 18% (dairy, cereal products) or 5% (pork, poultry, fish, eggs, milk; more staples from 2025-09-01).
  v('HU', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], COV,
    'Hungary reduced rate 5%: books, newspapers, medicines, listed basic foodstuffs (food in general stays at the standard 27%)'),
  v('HU', 'reduced', '18', [], COV, 'Hungary reduced rate 18%: milk products, cereal-based products, commercial accommodation (no category of its own)'),

  // Ireland — VATCA 2010 Schedules 2–3; Revenue (revenue.ie) VAT rates database
  v('IE', 'standard', '23', ['standard'], { from: '2021-03-01' }, 'Ireland standard VAT rate (back to 23% after the 2020–21 temporary 21%)'),
  v('IE', 'zero', '0', ['food', 'books', 'childrens-clothing', 'pharmaceuticals', 'medical'], COV,
    "Ireland zero rate: most foodstuffs, printed books, children's clothing and footwear, oral medicines, certain medical equipment"),
  v('IE', 'reduced', '9', ['ebooks'], { from: COVERAGE_FROM, to: '2022-04-30' }, 'Ireland reduced rate 9%: e-books', EC_2023),
  v('IE', 'zero', '0', ['ebooks'], { from: '2022-05-01' }, 'Ireland: e-books and audiobooks zero-rated from 2022-05-01',
    'Revenue (revenue.ie): Finance Act 2021, zero rate for e-books and audiobooks from 1 May 2022'),
  v('IE', 'reduced', '9', ['newspapers'], { from: COVERAGE_FROM, to: '2022-12-31' }, 'Ireland reduced rate 9%: newspapers', EC_2023),
  v('IE', 'zero', '0', ['newspapers'], { from: '2023-01-01' }, 'Ireland: newspapers (print and digital) zero-rated from 2023-01-01',
    'Revenue (revenue.ie): Finance Act 2022, zero rate for newspapers from 1 January 2023'),
  v('IE', 'reduced', '9', ['reduced'], COV, 'Ireland second reduced rate 9% (the lowest reduced rate): e.g. sporting facilities, newspapers until 2022'),
  v('IE', 'reduced', '13.5', [], COV, 'Ireland reduced rate 13.5%: fuel, building services, repairs, certain foodstuffs (no category of its own)'),
  v('IE', 'super-reduced', '4.8', ['super-reduced'], COV, 'Ireland livestock rate 4.8%'),

  // Italy — DPR 633/1972, Tabella A
  v('IT', 'standard', '22', ['standard'], { from: '2013-10-01' }, 'Italy standard VAT rate'),
  v('IT', 'reduced', '10', ['food', 'pharmaceuticals'], COV,
    'Italy reduced rate 10%: most foodstuffs (staples such as bread, milk, fruit and vegetables 4%), medicines'),
  v('IT', 'reduced', '5', ['reduced'], COV, 'Italy reduced rate 5%'),
  v('IT', 'super-reduced', '4', ['super-reduced', 'books', 'ebooks', 'newspapers'], COV,
    'Italy super-reduced rate 4%: books, e-books, newspapers'),

  // Latvia — Pievienotās vērtības nodokļa likums art. 42
  v('LV', 'standard', '21', ['standard'], { from: '2012-07-01' }, 'Latvia standard VAT rate (most foodstuffs included)'),
  v('LV', 'reduced', '12', ['pharmaceuticals', 'medical'], COV,
    'Latvia reduced rate 12%: medicines, medical devices, infant food; fresh fruit, berries and vegetables from 2024-01-01 (5% until 2023-12-31); not the lowest reduced rate: 5% is'),
  // Listed staples only: 'food' (most foodstuffs) stays at the standard 21%.
  v('LV', 'reduced', '12', [], { from: '2026-07-01', to: '2027-06-30' },
    'Latvia temporary 12% on staple foods (bread, fresh milk, fresh poultry, eggs), 2026-07-01 to 2027-06-30; most other food 21%',
    "State Revenue Service of Latvia (vid.gov.lv): VAT Law amendments of 2025, transitional 12% rate for selected foodstuffs"),
  // Latvia's 5% is a reduced rate of the EC table (reduced column "5/12"), not a super-reduced one.
  v('LV', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers'], COV,
    'Latvia reduced rate 5% (the lowest reduced rate): books and press publications (from 2026-01-01 only in Latvian, Latgalian, Livonian and official EU/EEA/OECD languages; others 21%); fresh fruit, berries and vegetables until 2023-12-31'),

  // Lithuania — PVM įstatymas art. 19; Law XV-287 from 2026-01-01
  v('LT', 'standard', '21', ['standard'], { from: '2009-09-01' }, 'Lithuania standard VAT rate'),
  // Newspapers and periodicals take the standard rate (the 9% for the press of 2013 is no longer in the law's list).
  v('LT', 'reduced', '9', ['books', 'ebooks'], { from: COVERAGE_FROM, to: '2025-12-31' }, 'Lithuania reduced rate 9%: printed and electronic books and non-periodical publications'),
  v('LT', 'reduced', '5', ['books', 'ebooks'], { from: '2026-01-01' },
    'Lithuania: books and non-periodical publications 5% from 2026-01-01 (9% rate abolished)',
    'State Tax Inspectorate of Lithuania (vmi.lt): Law XV-287 amending VAT Law art. 19, in force 1 January 2026'),
  v('LT', 'reduced', '5', ['reduced', 'pharmaceuticals', 'medical'], COV, 'Lithuania reduced rate 5%: reimbursed medicines and medical aids'),
  v('LT', 'reduced', '12', [], { from: '2026-01-01' },
    'Lithuania reduced rate 12% from 2026-01-01: accommodation, passenger transport on regular routes, cultural events (were 9%; no category of its own)',
    'State Tax Inspectorate of Lithuania (vmi.lt): Law XV-287 amending VAT Law art. 19, in force 1 January 2026'),

  // Luxembourg — temporary one-point cut of all rates but 3% in 2023 (law of 26 October 2022)
  v('LU', 'standard', '17', ['standard'], { from: '2015-01-01', to: '2022-12-31' }, 'Luxembourg standard VAT rate 17%', EC_2023),
  v('LU', 'standard', '16', ['standard'], { from: '2023-01-01', to: '2023-12-31' }, 'Luxembourg standard VAT rate 16% (temporary, 2023)',
    "Administration de l'enregistrement, des domaines et de la TVA (AED): law of 26 October 2022, rates lowered by one point for 2023"),
  v('LU', 'standard', '17', ['standard'], { from: '2024-01-01' }, 'Luxembourg standard VAT rate 17% restored from 2024-01-01',
    "Administration de l'enregistrement, des domaines et de la TVA (AED): 17% standard rate from 1 January 2024"),
  v('LU', 'reduced', '8', ['reduced'], { from: COVERAGE_FROM, to: '2022-12-31' }, 'Luxembourg reduced rate 8%', EC_2023),
  v('LU', 'reduced', '7', ['reduced'], { from: '2023-01-01', to: '2023-12-31' }, 'Luxembourg reduced rate 7% (temporary, 2023)',
    "Administration de l'enregistrement, des domaines et de la TVA (AED): law of 26 October 2022"),
  v('LU', 'reduced', '8', ['reduced'], { from: '2024-01-01' }, 'Luxembourg reduced rate 8%'),
  v('LU', 'super-reduced', '3', ['super-reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'childrens-clothing'], COV,
    "Luxembourg super-reduced rate 3%: foodstuffs, books, newspapers, medicines, children's clothing"),

  // Malta
  v('MT', 'standard', '18', ['standard'], { from: '2004-01-01' }, 'Malta standard VAT rate'),
  v('MT', 'zero', '0', ['food', 'pharmaceuticals'], COV, 'Malta zero rate: foodstuffs (not catering), medicines'),
  v('MT', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers', 'medical'], COV, 'Malta reduced rate 5%: books, newspapers, medical equipment'),
  v('MT', 'reduced', '7', [], COV, 'Malta reduced rate 7%: accommodation (no category of its own)'),

  // Netherlands — Wet OB 1968 Tabel I
  v('NL', 'standard', '21', ['standard'], { from: '2012-10-01' }, 'Netherlands standard VAT rate'),
  v('NL', 'reduced', '9', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], { from: '2019-01-01' },
    'Netherlands reduced rate 9% (6% until 2018): foodstuffs, books, newspapers, medicines, medical aids'),

  // Poland — Ustawa o VAT; anti-inflation shield 0% on basic food 2022-02-01 to 2024-03-31
  v('PL', 'standard', '23', ['standard'], { from: '2011-01-01' }, 'Poland standard VAT rate'),
  v('PL', 'reduced', '5', ['food'], { from: COVERAGE_FROM, to: '2022-01-31' }, 'Poland reduced rate 5%: basic foodstuffs', EC_2023),
  v('PL', 'zero', '0', ['food'], { from: '2022-02-01', to: '2024-03-31' }, 'Poland: basic foodstuffs 0% (anti-inflation shield), 2022-02-01 to 2024-03-31',
    'Ministry of Finance of Poland (podatki.gov.pl): anti-inflation shield, 0% VAT on basic food until 31 March 2024'),
  v('PL', 'reduced', '5', ['food'], { from: '2024-04-01' }, 'Poland: basic foodstuffs back to 5% from 2024-04-01',
    'Ministry of Finance of Poland (podatki.gov.pl): 5% VAT on basic food from 1 April 2024'),
  v('PL', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers'], COV, 'Poland reduced rate 5%: books, e-books, periodicals'),
  v('PL', 'reduced', '8', ['pharmaceuticals', 'medical'], COV, 'Poland reduced rate 8%: medicines, medical devices'),

  // Portugal — Código do IVA, Lista I (mainland; Madeira and the Azores have own rates)
  v('PT', 'standard', '23', ['standard'], { from: '2011-01-01' }, 'Portugal standard VAT rate (mainland)'),
  v('PT', 'reduced', '6', ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], COV,
    'Portugal reduced rate 6% (mainland): foodstuffs, books, newspapers, medicines, medical devices (essential foods 0% from 2023-04-18 to 2024-01-04 not recorded)'),
  v('PT', 'reduced', '13', [], COV, 'Portugal intermediate rate 13% (mainland): restaurant services, certain foodstuffs and wine (no category of its own)'),

  // Romania — Codul fiscal art. 291; Law 141/2025 from 2025-08-01
  v('RO', 'standard', '19', ['standard'], { from: '2017-01-01', to: '2025-07-31' }, 'Romania standard VAT rate 19%', EC),
  v('RO', 'standard', '21', ['standard'], { from: '2025-08-01' }, 'Romania standard VAT rate 21% from 2025-08-01',
    'ANAF (anaf.ro): Law 141/2025 amending Fiscal Code art. 291, standard rate 21% from 1 August 2025'),
  v('RO', 'reduced', '9', ['food', 'pharmaceuticals', 'medical'], { from: COVERAGE_FROM, to: '2025-07-31' },
    'Romania reduced rate 9%: foodstuffs, medicines, medical devices', EC),
  v('RO', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers'], { from: COVERAGE_FROM, to: '2025-07-31' },
    'Romania reduced rate 5%: books, newspapers', EC),
  v('RO', 'reduced', '11', ['reduced', 'food', 'pharmaceuticals', 'medical', 'books', 'ebooks', 'newspapers'], { from: '2025-08-01' },
    'Romania single reduced rate 11% (5% and 9% merged) from 2025-08-01',
    'ANAF (anaf.ro): Law 141/2025 amending Fiscal Code art. 291, reduced rate 11% from 1 August 2025'),

  // Slovakia — Zákon 222/2004 o DPH; consolidation package from 2025-01-01
  v('SK', 'standard', '20', ['standard'], { from: '2011-01-01', to: '2024-12-31' }, 'Slovakia standard VAT rate 20%', EC_2023),
  v('SK', 'standard', '23', ['standard'], { from: '2025-01-01' }, 'Slovakia standard VAT rate 23% from 2025-01-01',
    'Financial Administration of the Slovak Republic (financnasprava.sk): VAT Act amendment, standard rate 23% from 1 January 2025'),
  // Until 2024 most foodstuffs took the standard 20%; listed basics (bread, milk, butter, meat, fish) 10%.
  v('SK', 'reduced', '10', ['reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], { from: COVERAGE_FROM, to: '2024-12-31' },
    'Slovakia reduced rate 10%: books, newspapers, medicines, medical devices, listed basic foodstuffs (other food 20%)', EC_2023),
  v('SK', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'], { from: '2025-01-01' },
    'Slovakia reduced rate 5% from 2025-01-01: books, newspapers, medicines, medical devices, listed basic foodstuffs (meat, milk products, bread, fruit, vegetables)',
    'Financial Administration of the Slovak Republic (financnasprava.sk): reduced rates 19% and 5% from 1 January 2025'),
  v('SK', 'reduced', '19', ['food'], { from: '2025-01-01' },
    'Slovakia reduced rate 19% from 2025-01-01: foodstuffs not listed for 5% (listed basics take 5%)',
    'Financial Administration of the Slovak Republic (financnasprava.sk): reduced rates 19% and 5% from 1 January 2025'),

  // Slovenia
  v('SI', 'standard', '22', ['standard'], { from: '2013-07-01' }, 'Slovenia standard VAT rate'),
  v('SI', 'reduced', '9.5', ['food', 'pharmaceuticals', 'medical'], COV, 'Slovenia reduced rate 9.5%: foodstuffs, medicines, medical devices'),
  v('SI', 'reduced', '5', ['reduced', 'books', 'ebooks', 'newspapers'], COV, 'Slovenia reduced rate 5%: books, newspapers'),

  // Spain — Ley 37/1992 art. 91 (peninsula and Balearics; the Canary Islands, Ceuta and Melilla are outside EU VAT)
  v('ES', 'standard', '21', ['standard'], { from: '2012-09-01' }, 'Spain standard VAT rate'),
  v('ES', 'reduced', '10', ['reduced', 'food', 'medical'], COV,
    'Spain reduced rate 10%: most foodstuffs (staples such as bread, milk, eggs, fruit 4%), medical equipment'),
  v('ES', 'super-reduced', '4', ['super-reduced', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], COV,
    'Spain super-reduced rate 4%: books, newspapers, medicines for human use'),

  // Sweden — Mervärdesskattelag (2023:200) ch. 9; temporary food cut 2026-04-01 to 2027-12-31
  v('SE', 'standard', '25', ['standard'], { from: '1990-07-01' }, 'Sweden standard VAT rate'),
  v('SE', 'reduced', '12', ['food'], { from: COVERAGE_FROM, to: '2026-03-31' }, 'Sweden reduced rate 12%: foodstuffs'),
  v('SE', 'reduced', '6', ['food'], { from: '2026-04-01', to: '2027-12-31' },
    'Sweden temporary 6% on foodstuffs (not alcohol), 2026-04-01 to 2027-12-31',
    'Skatteverket (skatteverket.se): Prop. 2025/26:55, temporary reduction of VAT on food from 12% to 6%'),
  v('SE', 'reduced', '12', [], { from: '2026-04-01' },
    'Sweden reduced rate 12% from 2026-04-01: restaurant and catering services, hotel accommodation (foodstuffs moved to 6%; no category of its own)',
    'Skatteverket (skatteverket.se): Prop. 2025/26:55, temporary reduction of VAT on food from 12% to 6%'),
  v('SE', 'reduced', '6', ['reduced', 'books', 'ebooks', 'newspapers'], COV, 'Sweden reduced rate 6%: books, newspapers'),
  v('SE', 'zero', '0', ['pharmaceuticals'], COV, 'Sweden: prescription medicines zero-rated'),
];
