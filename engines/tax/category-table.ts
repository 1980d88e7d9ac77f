/**
 * The EU category table of docs/tax-categories.md, rendered from the rate rows so the document
 * cannot drift from the data: test/engines/tax/tax-categories-doc.test.ts compares the
 * document's generated block with this output (WRITE_DOCS=1 rewrites the block).
 */
import { TaxCategorySchema, type TaxCategory } from '../../mappings/canonical/tax.js';
import { COVERAGE_FROM, type RateEntry } from './data/rate-entry.js';
import { EU_MEMBER_STATES, EU_VAT_RATES } from './data/vat-rates-eu.js';
import { vatRate } from './vat-rates.js';

/** Categories shown as columns: every category a rate row can carry ('zero' and 'exempt' are declared by the caller). */
export const TABLE_CATEGORIES: readonly TaxCategory[] = TaxCategorySchema.options.filter((c) => c !== 'zero' && c !== 'exempt');

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function inForce(row: RateEntry, date: string): boolean {
  return row.effectiveFrom <= date && (row.effectiveTo === undefined || date <= row.effectiveTo);
}

/** "throughout", "until 2023-12-31", "from 2025-07-01", "2022-08-01 – 2024-12-31" (rows begun by 2021-07-01 have no start shown). */
function dates(row: RateEntry): string {
  const early = row.effectiveFrom <= COVERAGE_FROM;
  if (row.effectiveTo === undefined) return early ? `throughout since ${COVERAGE_FROM}` : `from ${row.effectiveFrom}`;
  return early ? `until ${row.effectiveTo}` : `${row.effectiveFrom} – ${row.effectiveTo}`;
}

/**
 * Markdown: a country × category table of the rates in force on `date` (a rate in brackets
 * is the standard rate taken for want of a row of that category; "other" lists rates no
 * category takes), then per country every row in force on or after 2021-07-01 with its
 * dates, categories, what it covers and its source.
 */
export function categoryTableMarkdown(date: string): string {
  const out: string[] = [];
  out.push(`Rates in force on ${date}. (21) = no rate of that category: the standard rate applies.`, '');
  out.push(`| Country | ${TABLE_CATEGORIES.join(' | ')} | other |`);
  out.push(`|---|${TABLE_CATEGORIES.map(() => '---').join('|')}|---|`);
  for (const country of EU_MEMBER_STATES) {
    const cells = TABLE_CATEGORIES.map((category) => {
      const r = vatRate(country, category, date);
      if (r === undefined) return '?';
      const fallback = category !== 'standard' && r.rule.id.startsWith(`${country}/vat/standard-`);
      return fallback ? `(${r.ratePercent})` : r.ratePercent;
    });
    const other = EU_VAT_RATES.filter((r) => r.country === country && r.categories.length === 0 && inForce(r, date)).map(
      (r) => r.ratePercent,
    );
    out.push(`| ${country} | ${cells.join(' | ')} | ${other.join(', ')} |`);
  }
  out.push('', `Every rate row since ${COVERAGE_FROM}: dates, categories, what it covers, source.`);
  for (const country of EU_MEMBER_STATES) {
    out.push('', `### ${country}`, '');
    const rows = EU_VAT_RATES.filter((r) => r.country === country && (r.effectiveTo === undefined || r.effectiveTo >= COVERAGE_FROM));
    for (const r of rows) {
      const cats = r.categories.length === 0 ? 'no category' : r.categories.join(', ');
      out.push(`- **${r.ratePercent}%** ${r.kind} (${cats}), ${dates(r)}: ${cell(r.description)}. Source: ${cell(r.source)}.`);
    }
  }
  return out.join('\n');
}
