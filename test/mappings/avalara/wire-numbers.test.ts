/** AvaTax JSON numbers ⇄ exact decimals, and the totality of the transaction reader. */
import type { AvalaraTransaction } from '../../../connectors/avalara/schemas.js';
import { describe, expect, it } from 'vitest';
import {
  avalaraTransactionToTaxQuote,
  decimalFromJsonNumber,
  jsonNumberFromDecimal,
  moneyFromJsonNumber,
  percentFromRate,
} from '../../../mappings/avalara/index.js';
import { Decimal } from '../../../mappings/canonical/decimal.js';
import { recordedTransaction, recordingNames, recordingText } from './fixtures.js';

describe('JSON numbers as decimals', () => {
  it.each([
    [0.8, '0.8'],
    [13.89, '13.89'],
    [-0.8, '-0.8'],
    [0.0625, '0.0625'],
    [110, '110'],
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%s reads as %s', (n, text) => {
    expect(decimalFromJsonNumber(n)?.toString()).toBe(text);
  });

  it('every amount and rate literal in the recordings reads back as the exact literal', () => {
    const literal = /"(tax|taxableAmount|totalTax|totalTaxable|totalAmount|lineAmount|rate|taxCalculated|nonTaxableAmount)":\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g;
    let checked = 0;
    for (const name of recordingNames()) {
      for (const m of recordingText(name).matchAll(literal)) {
        const text = m[2]!;
        expect(decimalFromJsonNumber(Number(text))?.eq(Decimal.parse(text))).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(887);
  });

  it('money at the currency precision, never rounded silently', () => {
    expect(moneyFromJsonNumber(13.89, 'USD')).toEqual({ ok: true, money: { amountMinor: 1389, currency: 'USD' } });
    expect(moneyFromJsonNumber(1980, 'JPY')).toEqual({ ok: true, money: { amountMinor: 1980, currency: 'JPY' } });
    expect(moneyFromJsonNumber(1.25, 'KWD')).toEqual({ ok: true, money: { amountMinor: 1250, currency: 'KWD' } });
    expect(moneyFromJsonNumber(0.625, 'USD')).toEqual({ ok: false, message: '0.625 has more decimals than USD allows (2)' });
    expect(moneyFromJsonNumber(10.5, 'JPY')).toEqual({ ok: false, message: '10.5 has more decimals than JPY allows (0)' });
    expect(moneyFromJsonNumber('10.0', 'USD')).toEqual({ ok: false, message: 'must be a finite JSON number' });
    expect(moneyFromJsonNumber(Number.NaN, 'USD')).toEqual({ ok: false, message: 'must be a finite JSON number' });
  });

  it('decimals go out as doubles only when the double carries them exactly', () => {
    expect(jsonNumberFromDecimal(Decimal.parse('11.01'))).toBe(11.01);
    expect(jsonNumberFromDecimal(Decimal.parse('-10.00'))).toBe(-10);
    expect(jsonNumberFromDecimal(Decimal.parse('12345678901234.56'))).toBe(12345678901234.56);
    expect(jsonNumberFromDecimal(Decimal.parse('90071992547409.91'))).toBeUndefined();
  });

  it('rates become exact percentages', () => {
    expect([0.06, 0.02, 0.0625, 0.05, 0, 0.07725].map((r) => percentFromRate(decimalFromJsonNumber(r)!))).toEqual(['6', '2', '6.25', '5', '0', '7.725']);
  });
});

describe('the transaction reader is total: bad input is a typed error naming the field', () => {
  const good = recordedTransaction('transactions__create__vat__europe_to_us');

  function issues(tx: unknown): { field: string; message: string }[] {
    const result = avalaraTransactionToTaxQuote(tx as AvalaraTransaction);
    if (result.ok) throw new Error('expected a mapping error');
    expect(result.error.recordType).toBe('avalara.transaction');
    return result.error.issues.map(({ field, message }) => ({ field, message }));
  }

  it('not an object', () => {
    expect(issues('<html>')).toEqual([{ field: '(record)', message: 'must be a TransactionModel object' }]);
  });

  it('amounts as strings (as Spree sends them in requests), an unknown currency, a bad date', () => {
    const line = good.lines![0]!;
    const tx = { ...good, date: '20.09.2019', lines: [{ ...line, tax: '0.8', details: [{ ...line.details![0]!, rate: null }] }] };
    expect(issues(tx)).toEqual([
      { field: 'date', message: 'must be a date YYYY-MM-DD' },
      { field: 'lines[0].tax', message: 'must be a finite JSON number' },
      { field: 'lines[0].details[0].rate', message: 'is missing' },
    ]);
    expect(issues({ ...good, currencyCode: 'XYZ' })).toEqual([{ field: 'currencyCode', message: 'is not an ISO 4217 currency code' }]);
  });

  it('a transaction without lines (answered with $include=SummaryOnly)', () => {
    const { lines: _lines, ...withoutLines } = good;
    expect(issues(withoutLines)).toEqual([
      { field: 'lines', message: 'is missing (ask AvaTax for lines and details: $include=Lines,Details or the default)' },
    ]);
  });

  it('an amount finer than the currency', () => {
    expect(issues({ ...good, totalTax: 0.805 })).toEqual([{ field: 'totalTax', message: '0.805 has more decimals than USD allows (2)' }]);
  });

  it('a currency that differs from the request', () => {
    const result = avalaraTransactionToTaxQuote(good, {
      reference: 'r',
      date: '2019-09-20',
      seller: { country: 'GB', registrations: {}, viaMarketplace: false },
      shipFrom: { lines: [], country: 'GB' },
      shipTo: { lines: [], country: 'US' },
      buyer: { isBusiness: false },
      currency: 'EUR',
      pricesIncludeTax: false,
      lines: [{ id: 'a', quantity: 1, amount: { amountMinor: 1, currency: 'EUR' }, taxCategory: 'standard' }],
    });
    expect(result.ok ? undefined : result.error.message).toBe('avalara.transaction R010728950: currencyCode: AvaTax answered in USD, the request is in EUR');
  });
});
