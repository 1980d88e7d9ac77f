/**
 * Regional VAT rates that replace the national ones in a part of a member state, dated.
 * A row has `subdivision` (ISO 3166-2 without the country: PT-30 Madeira, PT-20 Azores,
 * FR-971 Guadeloupe …) and `stacking: 'replaces'`: inside the region its rows are the
 * whole rate table (a category without a regional row takes the regional standard rate,
 * never the mainland one). Which address belongs to which region: special-territories.ts.
 *
 * Same conventions as vat-rates-eu.ts: rows whose real start is not recorded begin at
 * COVERAGE_FROM (2021-07-01). Rates with no product category of ours (the Portuguese
 * intermediate rate, lista II) are kept for the record with an empty category list.
 */
import { COVERAGE_FROM, rateRow, type RateEntry } from './rate-entry.js';

const CIVA = 'Código do IVA art. 18(3)';
const MADEIRA_2012 = `${CIVA}(b) as amended by Lei n.º 14-A/2012 de 30 de março (Madeira 5 % / 12 % / 22 % from 1 April 2012)`;
const MADEIRA_2024 =
  'Decreto Legislativo Regional n.º 6/2024/M de 29 de julho (Orçamento da Região Autónoma da Madeira para 2024) art. 21: Madeira reduced rate 4 % from 1 October 2024';
const AZORES_2014 = 'Lei n.º 83-C/2013 (Orçamento do Estado para 2014): Azores standard rate 16 % → 18 % from 1 January 2014';
const AZORES_2021 =
  "Azores standard rate 18 % → 16 % from 1 July 2021 (Plano e Orçamento da Região Autónoma dos Açores para 2021); Despacho n.º 194/2021-XXII of the Secretário de Estado dos Assuntos Fiscais and AT Ofício-Circulado n.º 30237 of 22 June 2021";
const AZORES_RATES = `${CIVA}(a): Azores reduced 4 % and intermediate 9 %`;
const FR_DOM = 'Code général des impôts art. 296 (BOFiP BOI-TVA-GEO-10-10): VAT in Guadeloupe, Martinique and La Réunion, 8.5 % normal, 2.1 % reduced, 1.05 % particular';

const ILCCI =
  "Legge 27 dicembre 2019 n. 160 art. 1 commi 559-572 and DM 16 dicembre 2020 art. 19 (ILCCI of Campione d'Italia at the Swiss VAT rates); MEF (finanze.gov.it) 'Imposta locale sul consumo di Campione d'Italia – Linee guida' (30.12.2019)";
const ILCCI_2024 =
  "ILCCI aligned on the Swiss VAT rates of 1 January 2024 (8.1 % / 3.8 % / 2.6 %), with effect from 2024-01-01 (MEF decree published in the Gazzetta Ufficiale; reported by laRegione, 'Imposta Campione consumo', 2024)";

const LIST_I = ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals', 'medical'] as const;

const pt = (
  region: '30' | '20',
  kind: string,
  rate: string,
  categories: Parameters<typeof rateRow>[4],
  dates: { from: string; to?: string },
  description: string,
  source: string,
): RateEntry => rateRow('PT', 'VAT', kind, rate, categories, dates, description, source, { subdivision: region, stacking: 'replaces' });

function dom(department: '971' | '972' | '974', name: string): RateEntry[] {
  const sub = { subdivision: department, stacking: 'replaces' as const };
  const from = { from: COVERAGE_FROM };
  return [
    rateRow('FR', 'VAT', 'standard', '8.5', ['standard'], from, `${name}: VAT normal rate 8.5% (overseas department, CGI art. 296)`, FR_DOM, sub),
    rateRow('FR', 'VAT', 'reduced', '2.1', ['reduced', 'food', 'books', 'ebooks', 'medical'], from,
      `${name}: VAT reduced rate 2.1% on the goods taxed at the reduced rates in mainland France (foodstuffs, books, certain medical equipment)`, FR_DOM, sub),
    rateRow('FR', 'VAT', 'particular', '1.05', ['super-reduced', 'newspapers', 'pharmaceuticals'], from,
      `${name}: VAT particular rate 1.05% (press publications, reimbursable medicines)`, FR_DOM, sub),
  ];
}

function ilcci(standard: string, special: string, reduced: string, dates: { from: string; to?: string }, source: string): RateEntry[] {
  const sub = { subdivision: 'CAMPIONE', stacking: 'replaces' as const };
  return [
    rateRow('IT', 'ILCCI', 'standard', standard, ['standard'], dates, `Campione d'Italia ILCCI normal rate ${standard}% (= Swiss VAT normal rate)`, source, sub),
    rateRow('IT', 'ILCCI', 'special', special, [], dates, `Campione d'Italia ILCCI special rate ${special}% (accommodation; = Swiss special rate); no product category of ours maps to it`, source, sub),
    rateRow('IT', 'ILCCI', 'reduced', reduced, ['reduced', 'food', 'books', 'ebooks', 'newspapers', 'pharmaceuticals'], dates,
      `Campione d'Italia ILCCI reduced rate ${reduced}% (foodstuffs, books, newspapers, medicines; = Swiss reduced rate)`, source, sub),
  ];
}

export const REGIONAL_VAT_RATES: readonly RateEntry[] = [
  // Portugal — Madeira (PT-30)
  pt('30', 'standard', '22', ['standard'], { from: '2012-04-01' }, 'Madeira standard VAT rate 22% (mainland 23%)', MADEIRA_2012),
  pt('30', 'intermediate', '12', [], { from: '2012-04-01' },
    'Madeira intermediate rate 12% (CIVA lista II: e.g. restaurant services, some foodstuffs and wines); no product category of ours maps to it', MADEIRA_2012),
  pt('30', 'reduced', '5', [...LIST_I], { from: '2012-04-01', to: '2024-09-30' },
    'Madeira reduced rate 5% (CIVA lista I: basic foodstuffs, books, newspapers, medicines, medical devices)', MADEIRA_2012),
  pt('30', 'reduced', '4', [...LIST_I], { from: '2024-10-01' },
    'Madeira reduced rate 4% from 2024-10-01 (CIVA lista I: basic foodstuffs, books, newspapers, medicines, medical devices)', MADEIRA_2024),

  // Portugal — Azores (PT-20)
  pt('20', 'standard', '18', ['standard'], { from: '2014-01-01', to: '2021-06-30' }, 'Azores standard VAT rate 18%', AZORES_2014),
  pt('20', 'standard', '16', ['standard'], { from: '2021-07-01' }, 'Azores standard VAT rate 16% from 2021-07-01', AZORES_2021),
  pt('20', 'intermediate', '9', [], { from: COVERAGE_FROM },
    'Azores intermediate rate 9% (CIVA lista II); start before 2021-07-01 not recorded; no product category of ours maps to it', AZORES_RATES),
  pt('20', 'reduced', '4', [...LIST_I], { from: COVERAGE_FROM },
    'Azores reduced rate 4% (CIVA lista I: basic foodstuffs, books, newspapers, medicines, medical devices); start before 2021-07-01 not recorded', AZORES_RATES),

  // Italy — Campione d'Italia: ILCCI (local consumption tax, outside the EU VAT territory), Swiss rates
  ...ilcci('7.7', '3.7', '2.5', { from: '2020-01-01', to: '2023-12-31' }, ILCCI),
  ...ilcci('8.1', '3.8', '2.6', { from: '2024-01-01' }, ILCCI_2024),

  // France — overseas departments where VAT applies (outside the EU VAT territory: charged on import and on local supplies)
  ...dom('971', 'Guadeloupe'),
  ...dom('972', 'Martinique'),
  ...dom('974', 'La Réunion'),
];
