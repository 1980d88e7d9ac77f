/** AvaTax dates as AvaTax sends them: midnight date-times read as their date; impossible dates are issues. */
import type { AvalaraTransaction } from '../../../connectors/avalara/schemas.js';
import { describe, expect, it } from 'vitest';
import { avalaraTransactionToTaxQuote } from '../../../mappings/avalara/index.js';
import { recordedTransaction } from './fixtures.js';

const base = recordedTransaction('transactions__create__complete_order_success');

function withDates(date: string, taxDate: string): AvalaraTransaction {
  const lines = (base.lines ?? []).map((l) => ({ ...l, taxDate }));
  return { ...base, date, lines } as AvalaraTransaction;
}

describe('AvaTax dates', () => {
  // The recorded AvaTax answers in shared/vendor/avalara/samples carry "taxDate": "2019-09-20T00:00:00"
  // next to "date": "2019-09-20"; AvaTax-REST-V2-DotNet-SDK#130 quotes the same form.
  it('date and line taxDate as midnight date-times (AvaTax-REST-V2-DotNet-SDK#130) read as dates', () => {
    const plain = avalaraTransactionToTaxQuote(withDates('2019-09-20', '2019-09-20'));
    const midnight = avalaraTransactionToTaxQuote(withDates('2019-09-20T00:00:00', '2019-09-20T00:00:00'));
    expect(plain.ok).toBe(true);
    expect(midnight).toEqual(plain);
  });

  it('an impossible date or a date-time that is not midnight is still an issue naming the field', () => {
    const r = avalaraTransactionToTaxQuote(withDates('2019-02-30', '2019-09-20T13:45:00'));
    expect(r.ok ? [] : r.error.issues.map((i) => [i.field, i.message])).toEqual([
      ['date', 'must be a date YYYY-MM-DD'],
      ...(base.lines ?? []).map((_l, i) => [`lines[${i}].taxDate`, 'must be a date YYYY-MM-DD']),
    ]);
  });
});
