/** `caravan map` for the money-in record kinds: fx.ecb, fx.xe, avalara.transaction, dhl.landed-cost. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCommand } from '../../cli/commands/map.js';
import type { FxRate, LandedCostQuote, TaxQuote } from '../../mappings/canonical/index.js';
import { SPEC_EXAMPLE_SHIPMENT } from '../mappings/dhl/fixtures.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'caravan-map-money-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const records = <T>(results: { ok: boolean; record?: unknown }[]) => results.map((r) => r.record as T);

describe('caravan map fx.ecb / fx.xe', () => {
  it('fx.ecb: the daily sample gives its 32 rates exactly as published', async () => {
    const { results } = await mapCommand('fx.ecb', join(FIX, 'fx', 'ecb', 'eurofxref-daily_2018-06-11.xml'), {});
    expect(results.every((r) => r.ok)).toBe(true);
    const rates = records<FxRate>(results);
    expect(rates).toHaveLength(32);
    expect(rates.find((r) => r.quote === 'USD')).toMatchObject({ source: 'ecb', base: 'EUR', date: '2018-06-11', rate: '1.1790' });
    expect(rates.find((r) => r.quote === 'JPY')?.rate).toBe('129.62');
  });

  it('fx.ecb: an HTML page is refused as what it is, never a rate', async () => {
    const file = write('ecb.html', '<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>');
    await expect(mapCommand('fx.ecb', file, {})).rejects.toMatchObject({
      exitCode: 1,
      message: `${file}: this is an HTML page (503 Service Unavailable), not an ECB reference-rate XML file`,
    });
  });

  it('fx.xe: convert_from, and a historic_rate/period body', async () => {
    const from = await mapCommand('fx.xe', join(FIX, 'fx', 'xe', 'convert_from.json'), {});
    expect(records<FxRate>(from.results).map((r) => [r.base, r.quote, r.rate])).toEqual([['CAD', 'EUR', '0.6817819473']]);
    const period = write(
      'period.json',
      '{"from":"EUR","amount":1.0,"to":{"KWD":[{"mid":0.3312345678,"timestamp":"2026-03-02T00:00:00Z"},{"mid":0.3320000000,"timestamp":"2026-03-03T00:00:00Z"}]}}',
    );
    const mapped = await mapCommand('fx.xe', period, {});
    expect(records<FxRate>(mapped.results).map((r) => [r.quote, r.date, r.rate])).toEqual([
      ['KWD', '2026-03-02', '0.3312345678'],
      ['KWD', '2026-03-03', '0.3320000000'],
    ]);
  });
});

describe('caravan map avalara.transaction / dhl.landed-cost', () => {
  it('avalara.transaction: a recorded CreateTransaction answer maps to a TaxQuote naming AvaTax', async () => {
    const { results } = await mapCommand('avalara.transaction', join(FIX, 'avalara', 'samples', 'create_tax_adjustments__simple_completed_order.json'), {});
    expect(results.map((r) => r.ok)).toEqual([true]);
    const [quote] = records<TaxQuote>(results);
    expect(quote).toMatchObject({ provider: 'avalara', reference: 'R966011343', date: '2019-09-20' });
  });

  it('dhl.landed-cost: needs --shipment, then maps the description\'s response example', async () => {
    const response = join(FIX, 'dhl', 'landed-cost', 'response-200.spec-example.json');
    await expect(mapCommand('dhl.landed-cost', response, {})).rejects.toThrow(/needs --shipment FILE/);
    const shipment = write('shipment.json', JSON.stringify(SPEC_EXAMPLE_SHIPMENT));
    const { results } = await mapCommand('dhl.landed-cost', response, { shipment });
    const [quote] = records<LandedCostQuote>(results);
    expect(quote).toMatchObject({ provider: 'dhl-express', destination: 'AU', incoterm: 'DDP', currency: 'AUD' });
  });
});
