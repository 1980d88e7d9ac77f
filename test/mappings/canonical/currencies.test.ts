import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  currencyInfo,
  isActiveOn,
  MoneySchema,
  parseDecimalMoney,
  withdrawalDay,
  withdrawnCurrencyWarning,
} from '../../../mappings/canonical/index.js';

/** test/fixtures/iso4217/codes-all.csv (SOURCE.md): Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate */
function isoRows(): Array<{ code: string; minorUnit: string; withdrawal: string }> {
  const text = readFileSync(new URL('../../fixtures/iso4217/codes-all.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += ch;
      }
      cells.push(cell);
      return { code: cells[2] ?? '', minorUnit: cells[4] ?? '', withdrawal: cells[5] ?? '' };
    })
    .filter((r) => r.code !== '');
}

const rows = isoRows();
const listOne = new Map(rows.filter((r) => r.withdrawal === '').map((r) => [r.code, r.minorUnit]));
const listThree = rows.filter((r) => r.withdrawal !== '');

/** Withdrawn codes whose date here differs from List Three's month, and why. */
const WITHDRAWAL_EXCEPTIONS: Readonly<Record<string, string>> = {
  LTL: 'List Three records 2014-12; the euro replaced the litas on 2015-01-01 (the changeover day is kept)',
};

describe('ISO 4217 table against List One and List Three (datasets/currency-codes copy)', () => {
  const current = [...CURRENCIES.values()].filter((c) => c.active);
  const withdrawn = [...CURRENCIES.values()].filter((c) => !c.active);

  it('every current code is on List One with the same minor unit', () => {
    const wrong = current
      .filter((c) => listOne.get(c.code) !== String(c.exponent))
      .map((c) => `${c.code}: table ${c.exponent}, List One ${listOne.get(c.code) ?? '(absent)'}`);
    expect(wrong).toEqual([]);
  });

  it('every List One code with a minor unit is in the table (funds and metals without one are left out)', () => {
    const missing = [...listOne].filter(([code, unit]) => /^\d+$/.test(unit) && currencyInfo(code)?.active !== true).map(([c]) => c);
    expect(missing).toEqual([]);
  });

  it('every withdrawn code is on List Three, not on List One, with its withdrawal month', () => {
    for (const c of withdrawn) {
      expect(listOne.has(c.code), `${c.code} is still on List One`).toBe(false);
      const months = listThree.filter((r) => r.code === c.code).map((r) => r.withdrawal).sort();
      expect(months.length, `${c.code} on List Three`).toBeGreaterThan(0);
      expect(c.withdrawn, c.code).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      if (WITHDRAWAL_EXCEPTIONS[c.code] !== undefined) continue;
      expect(c.withdrawn!.slice(0, 7), `${c.code}: List Three says ${months.join(', ')}`).toBe(months[months.length - 1]);
    }
    for (const code of Object.keys(WITHDRAWAL_EXCEPTIONS)) expect(currencyInfo(code)?.active).toBe(false);
  });

  it('BGN (euro from 2026-01-01) and ANG (XCG from 2025-03-31) are withdrawn with their dates (issue 8 item 4)', () => {
    expect(currencyInfo('BGN')).toEqual({ code: 'BGN', exponent: 2, active: false, withdrawn: '2026-01-01' });
    expect(currencyInfo('ANG')).toEqual({ code: 'ANG', exponent: 2, active: false, withdrawn: '2025-03-31' });
    expect(currencyInfo('XCG')?.active).toBe(true);
  });
});

describe('withdrawn codes by date', () => {
  it.each([
    ['BGN', '2025-12-31', true],
    ['BGN', '2026-01-01', false],
    ['ANG', '2025-03-30', true],
    ['ANG', '2025-03-31', false],
    ['HRK', '2022-12-31', true],
    ['HRK', '2023-01-01', false],
    // A List Three month: current through the end of that month.
    ['MRO', '2017-12-31', true],
    ['MRO', '2018-01-01', false],
    ['EUR', '2026-12-05', true],
    ['XYZ', '2026-12-05', false],
  ] as const)('%s on %s: current %s', (code, date, active) => {
    expect(isActiveOn(code, date)).toBe(active);
  });

  it('reads the month of a List Three date as through the end of that month', () => {
    expect(withdrawalDay(currencyInfo('TRL')!)).toBe('2006-01-01');
    expect(withdrawalDay(currencyInfo('ZWL')!)).toBe('2024-10-01');
    expect(withdrawalDay(currencyInfo('BGN')!)).toBe('2026-01-01');
    expect(withdrawalDay(currencyInfo('EUR')!)).toBeUndefined();
  });

  it('an old order priced in BGN still parses; a new BGN price after 2026-01-01 is a warning, not an error', () => {
    expect(MoneySchema.safeParse({ amountMinor: 1999, currency: 'BGN' }).success).toBe(true);
    expect(parseDecimalMoney('19.99', 'BGN')).toEqual({ ok: true, money: { amountMinor: 1999, currency: 'BGN' } });
    expect(withdrawnCurrencyWarning('BGN', '2025-12-31')).toBeUndefined();
    expect(withdrawnCurrencyWarning('BGN', '2026-03-02')).toBe(
      'BGN is a withdrawn ISO 4217 code (withdrawn on 2026-01-01); an amount dated 2026-03-02 in it is kept as given, but new prices should use the successor currency',
    );
    expect(withdrawnCurrencyWarning('MRO', '2019-01-01')).toMatch(/withdrawn in 2017-12/);
    expect(withdrawnCurrencyWarning('EUR', '2026-03-02')).toBeUndefined();
  });
});
