import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryTableMarkdown } from '../../../engines/tax/category-table.js';
import { vatRate } from '../../../engines/tax/index.js';

/** The day the document's table is rendered for; move it (and rerun with WRITE_DOCS=1) when rates change. */
const DOC_DATE = '2026-12-05';
const DOC = new URL('../../../docs/tax-categories.md', import.meta.url);
const START = '<!-- generated:start -->';
const END = '<!-- generated:end -->';

describe('docs/tax-categories.md', () => {
  it('holds the table generated from the rate rows (WRITE_DOCS=1 rewrites it)', () => {
    const text = readFileSync(DOC, 'utf8');
    const from = text.indexOf(START);
    const to = text.indexOf(END);
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const expected = `\n${categoryTableMarkdown(DOC_DATE)}\n`;
    if (process.env.WRITE_DOCS === '1') {
      writeFileSync(DOC, text.slice(0, from + START.length) + expected + text.slice(to));
      return;
    }
    expect(text.slice(from + START.length, to)).toBe(expected);
  });

  it('the table cells are vatRate answers for that day', () => {
    const table = categoryTableMarkdown(DOC_DATE);
    expect(table).toContain(`| LV | 21 | 5 | (21) |`);
    expect(vatRate('LV', 'reduced', DOC_DATE)?.ratePercent).toBe('5');
    expect(vatRate('LV', 'super-reduced', DOC_DATE)?.rule.id).toBe('LV/vat/standard-21@2012-07-01');
  });
});
