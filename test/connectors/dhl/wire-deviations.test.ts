/**
 * MyDHL landed-cost answers. No public report of a deviation was found for this operation; the
 * one leniency is the shared one: `null` for an absent optional member reads as absent.
 */
import { describe, expect, it } from 'vitest';
import { DhlLandedCostResponseSchema } from '../../../connectors/dhl/index.js';

describe('landed-cost answer', () => {
  it('null optional members read as absent; a price as text is still refused, naming the field', () => {
    const answer = {
      products: [
        {
          productName: 'EXPRESS WORLDWIDE',
          productCode: 'P',
          pricingDate: null,
          totalPrice: [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: 42.5 }],
          items: [{ number: 1, breakdown: [{ name: 'DUTY', typeCode: 'DUTY', price: 12.3, priceCurrency: 'EUR', tariffRateFormula: null }] }],
        },
      ],
      warnings: null,
    };
    const r = DhlLandedCostResponseSchema.safeParse(answer);
    expect(r.success && r.data.warnings).toBeUndefined();
    expect(r.success && r.data.products[0]?.items?.[0]?.breakdown?.[0]?.tariffRateFormula).toBeUndefined();

    const bad = DhlLandedCostResponseSchema.safeParse({ products: [{ ...answer.products[0], totalPrice: [{ price: '42,50' }] }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['products.0.totalPrice.0.price']);
  });
});
