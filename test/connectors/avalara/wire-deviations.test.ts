/** AvaTax TransactionModel answers as seen in the wild: read, and what cannot be read still refused. */
import { describe, expect, it } from 'vitest';
import { AvalaraTransactionSchema } from '../../../connectors/avalara/index.js';

// Shaped like the answer quoted in avadev/AvaTax-REST-V2-DotNet-SDK#130 (trimmed).
const answer = {
  id: 0,
  code: '06b1d7ee-87c6-4815-9df3-b2fa1c5e7029',
  date: '2020-03-20',
  status: 'Temporary',
  type: 'SalesOrder',
  currencyCode: 'USD',
  totalAmount: 9.99,
  totalTax: 0.8,
  exchangeRateEffectiveDate: '2020-03-20',
  exchangeRate: 1.0,
  modifiedDate: '2020-03-20T10:54:46.3137384Z',
  taxDate: '2020-03-20T00:00:00',
  lines: [
    {
      lineNumber: '1',
      lineAmount: 9.99,
      tax: 0.8,
      taxableAmount: 9.99,
      reportingDate: '2020-03-20',
      details: [{ country: 'US', region: 'WA', jurisType: 'STA', rateType: 'G', rateTypeCode: 'G', rate: 0.08, tax: 0.8, taxableAmount: 9.99 }],
    },
  ],
};

describe('TransactionModel deviations', () => {
  // avadev/AvaTax-REST-V2-DotNet-SDK#130: a rateType value ("G") an SDK's enum did not know broke deserialisation;
  // the document taxDate is a date-time ("2020-03-20T00:00:00") although the description says date.
  it('an unknown enumeration value and a date-time taxDate (AvaTax-REST-V2-DotNet-SDK#130) are accepted', () => {
    const r = AvalaraTransactionSchema.safeParse(answer);
    expect(r.success && r.data.lines?.[0]?.details?.[0]?.rateType).toBe('G');
    expect(r.success && (r.data as Record<string, unknown>).taxDate).toBe('2020-03-20T00:00:00');
  });

  // Not from a report: SDK re-serialisations (e.g. json_encode of the PHP SDK's answer object,
  // avadev/AvaTax-REST-V2-PHP-SDK#95) write absent members as null.
  it('null for absent optional members reads as absent', () => {
    const r = AvalaraTransactionSchema.safeParse({ ...answer, referenceCode: null, exchangeRateCurrencyCode: null, messages: null, lines: [{ ...answer.lines[0], hsCode: null, taxIncluded: null }] });
    expect(r.success).toBe(true);
    expect(r.success && r.data.referenceCode).toBeUndefined();
  });

  it('an amount as text is still refused, naming the field', () => {
    const r = AvalaraTransactionSchema.safeParse({ ...answer, totalTax: '0,80' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['totalTax']);
  });
});
