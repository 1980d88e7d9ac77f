/**
 * Peer check (`npm run check:peers`): the engine's standard, reduced and super-reduced rates of
 * every EU member state, on every day a rate changed since 2021-07-01 (and the day before),
 * against a copy of ibericode/vat-rates (test/fixtures/ibericode-vat-rates, SOURCE.md says
 * which commit). Each difference the copy is known to have is listed below with its reason;
 * any other difference fails, naming country, day, field and both values. A listed difference
 * that no longer occurs fails too, so the list cannot go stale.
 *
 * Fields compared (the category definitions are in engines/tax/data/vat-rates-eu.ts):
 * - `standard` ↔ category `standard`;
 * - `reduced` (or `reduced1`, the lowest) ↔ category `reduced`;
 * - `super_reduced` ↔ category `super-reduced` (absent ↔ no row: the category falls back to standard);
 * - `reduced2` ↔ some reduced row of the engine at that rate on that day (a second reduced
 *   rate may have no category of its own).
 * `parking` and the `exceptions` (regions outside EU VAT or on own rates) are not compared.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EU_MEMBER_STATES, VAT_RATE_TABLE, vatRate } from '../../../engines/tax/index.js';
import type { TaxCategory } from '../../../mappings/canonical/tax.js';

const FROM = '2021-07-01';
/** The day the copy was taken (SOURCE.md): the check runs through it, whatever today is. */
const THROUGH = '2026-12-05';

interface PeerPeriod {
  effective_from: string;
  rates: Record<string, number>;
}
const dataset = JSON.parse(
  readFileSync(new URL('../../fixtures/ibericode-vat-rates/vat-rates.json', import.meta.url), 'utf8'),
) as { version: number; items: Record<string, PeerPeriod[]> };

type Field = 'standard' | 'reduced' | 'super_reduced' | 'reduced2';

interface KnownDifference {
  country: string;
  field: Field;
  /** Days (inclusive) on which the difference is expected. */
  from: string;
  to: string;
  dataset: string | undefined;
  engine: string | undefined;
  reason: string;
}

/** Every difference the copied dataset is known to have, and why the engine is right. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    country: 'EE', field: 'reduced', from: '2022-08-01', to: '2023-12-31', dataset: '9', engine: '5',
    reason: 'dataset lags the law: Estonia taxed press publications at 5% from 2022-08-01 (emta.ee); the dataset adds the 5% only from 2024-01-01',
  },
  {
    country: 'EE', field: 'reduced', from: '2025-07-01', to: THROUGH, dataset: '13', engine: '9',
    reason: "dataset's layout: from 2025-07-01 it files 9% under `press_publications` and gives accommodation's 13% as `reduced`, but 9% still applies to books and medicines as well as the press (Value Added Tax Act § 15(2)), so the lowest reduced rate is 9%",
  },
  {
    country: 'CY', field: 'super_reduced', from: '2023-07-21', to: THROUGH, dataset: undefined, engine: '3',
    reason: 'dataset lags the law: Cyprus introduced a 3% rate (books, press, medical devices) from 2023-07-21 (VAT (Amendment) Law, Official Gazette 21 July 2023); the dataset has no super-reduced rate for CY',
  },
  {
    country: 'AT', field: 'super_reduced', from: '2026-07-01', to: THROUGH, dataset: undefined, engine: '4.9',
    reason: 'dataset lags the law: Austria taxes a basket of basic foodstuffs at 4.9% from 2026-07-01 (UStG 1994 § 10 as amended); the copy dates from 2025-08-12',
  },
  {
    country: 'FI', field: 'reduced2', from: '2026-01-01', to: THROUGH, dataset: '14', engine: '10, 13.5',
    reason: 'dataset lags the law: Finland lowered the 14% rate to 13.5% from 2026-01-01 (vero.fi); the copy dates from 2025-08-12',
  },
  {
    country: 'LT', field: 'reduced2', from: '2026-01-01', to: THROUGH, dataset: '9', engine: '5, 12',
    reason: 'dataset lags the law: Lithuania abolished the 9% rate from 2026-01-01 (books to 5%, accommodation, transport and culture to 12%: Law XV-287); the copy dates from 2025-08-12',
  },
];

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The dataset's period in force on `day` (periods are listed newest first). */
function peerRatesOn(country: string, day: string): Record<string, number> | undefined {
  const periods = [...(dataset.items[country] ?? [])].sort((a, b) => b.effective_from.localeCompare(a.effective_from));
  return periods.find((p) => p.effective_from <= day)?.rates;
}

/** The engine's rate for a category, or undefined when the category has no row and falls back to standard. */
function engineRate(country: string, category: TaxCategory, day: string): string | undefined {
  const r = vatRate(country, category, day);
  if (r === undefined) return undefined;
  if (category !== 'standard' && r.rule.id.startsWith(`${country}/vat/standard-`)) return undefined;
  return r.ratePercent;
}

/** Rates of every reduced row (kind not standard) of the country in force on the day, with or without a category. */
function engineReducedRates(country: string, day: string): string[] {
  const rates = VAT_RATE_TABLE.filter(
    (r) =>
      r.country === country && r.subdivision === undefined && r.kind !== 'standard' && r.kind !== 'zero' &&
      r.effectiveFrom <= day && (r.effectiveTo === undefined || day <= r.effectiveTo),
  ).map((r) => r.ratePercent);
  return [...new Set(rates)].sort((a, b) => Number(a) - Number(b));
}

const str = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n));

/** Days to compare for a country: every change in the dataset or the engine within the window, the day before it, and both ends. */
function daysToCompare(country: string): string[] {
  const starts = [
    ...(dataset.items[country] ?? []).map((p) => p.effective_from),
    ...VAT_RATE_TABLE.filter((r) => r.country === country && r.subdivision === undefined).flatMap((r) =>
      r.effectiveTo ? [r.effectiveFrom, addDays(r.effectiveTo, 1)] : [r.effectiveFrom],
    ),
  ];
  const days = new Set<string>([FROM, THROUGH]);
  for (const s of starts) {
    if (s > FROM && s <= THROUGH) {
      days.add(s);
      days.add(addDays(s, -1));
    }
  }
  return [...days].sort();
}

interface Difference {
  country: string;
  day: string;
  field: Field;
  dataset: string | undefined;
  engine: string | undefined;
}

function compare(): { compared: number; differences: Difference[] } {
  const differences: Difference[] = [];
  let compared = 0;
  for (const country of EU_MEMBER_STATES) {
    for (const day of daysToCompare(country)) {
      const peer = peerRatesOn(country, day);
      if (!peer) throw new Error(`ibericode has no period for ${country} on ${day}`);
      const pairs: Array<[Field, string | undefined, string | undefined]> = [
        ['standard', str(peer.standard), engineRate(country, 'standard', day)],
        ['reduced', str(peer.reduced ?? peer.reduced1), engineRate(country, 'reduced', day)],
        ['super_reduced', str(peer.super_reduced), engineRate(country, 'super-reduced', day)],
      ];
      if (peer.reduced2 !== undefined) {
        const known = engineReducedRates(country, day);
        const want = String(peer.reduced2);
        pairs.push(['reduced2', want, known.includes(want) ? want : known.join(', ')]);
      }
      for (const [field, theirs, ours] of pairs) {
        compared += 1;
        if (theirs !== ours) differences.push({ country, day, field, dataset: theirs, engine: ours });
      }
    }
  }
  return { compared, differences };
}

const explains = (k: KnownDifference, d: Difference): boolean =>
  k.country === d.country && k.field === d.field && k.from <= d.day && d.day <= k.to && k.dataset === d.dataset && k.engine === d.engine;

describe('peer check: engine EU VAT rates against ibericode/vat-rates', () => {
  const { compared, differences } = compare();

  it('the copy is the format read here and covers all 27 member states', () => {
    expect(dataset.version).toBe(4);
    for (const country of EU_MEMBER_STATES) expect(dataset.items[country], country).toBeDefined();
    expect(compared).toBeGreaterThan(300); // 364 comparisons (country × change day × field) with the 2025-08-12 copy
  });

  it('differs only where a known difference explains it', () => {
    const unexplained = differences.filter((d) => !KNOWN_DIFFERENCES.some((k) => explains(k, d)));
    const lines = unexplained.map(
      (d) => `${d.country} ${d.day} ${d.field}: ibericode ${d.dataset ?? '(none)'}, engine ${d.engine ?? '(none)'}`,
    );
    expect(lines, 'unexplained differences (fix the row with its legal source, or list a dataset lag with its reason)').toEqual([]);
  });

  it('every known difference still occurs (a fixed dataset removes its entry)', () => {
    const stale = KNOWN_DIFFERENCES.filter((k) => !differences.some((d) => explains(k, d)));
    expect(stale.map((k) => `${k.country} ${k.field} ${k.from}..${k.to}`)).toEqual([]);
  });

  it('agrees on every standard rate since 2021-07-01', () => {
    expect(differences.filter((d) => d.field === 'standard')).toEqual([]);
  });
});
