import { describe, expect, it } from 'vitest';
import { findTariffRate, quoteLandedCost, TariffTableSchema, type TariffTable } from '../../../engines/duty/index.js';
import { DATE, figures, FX, outcomeOf, shipment, tariff } from './duty-test-kit.js';

const TABLE: TariffTable = [
  tariff('EU', '64', '5'),
  tariff('EU', '6403', '8'),
  tariff('EU', '640391', '3.5'),
  tariff('EU', '6402', '16.9'),
  tariff('EU', '6402', '0', { origin: 'VN', source: 'EU-Vietnam FTA preferential rate' }),
  tariff('DE', '6402', '12'),
  tariff('EU', '4202', '3', { effectiveTo: '2025-12-31' }),
  tariff('EU', '4202', '2.7', { effectiveFrom: '2026-01-01' }),
  tariff('GB', '6403', '8'),
];

const find = (destination: string, hsCode: string, origin = 'CN', date = DATE) =>
  findTariffRate(TABLE, { destination, hsCode, origin, date })?.id;

describe('findTariffRate', () => {
  it('the longest matching HS prefix wins', () => {
    expect(find('FR', '6403919100')).toBe('tariff:EU:640391');
    expect(find('FR', '6403110000')).toBe('tariff:EU:6403');
    expect(find('FR', '640520')).toBe('tariff:EU:64');
  });

  it("at equal length an entry for the item's origin beats one for any origin", () => {
    expect(find('FR', '640299', 'VN')).toBe('tariff:EU:6402:VN');
    expect(find('FR', '640299', 'CN')).toBe('tariff:EU:6402');
  });

  it("a country's own entry beats the EU's at equal length and origin, but not an origin-specific one", () => {
    expect(find('DE', '640299', 'CN')).toBe('tariff:DE:6402');
    expect(find('DE', '640299', 'VN')).toBe('tariff:EU:6402:VN');
  });

  it('a longer general prefix beats a shorter origin-specific one', () => {
    const table = [tariff('EU', '64', '0', { origin: 'VN' }), tariff('EU', '6403', '8')];
    expect(findTariffRate(table, { destination: 'IT', hsCode: '640391', origin: 'VN', date: DATE })?.id).toBe('tariff:EU:6403');
  });

  it('EU entries cover member states only; dated entries apply in their period', () => {
    expect(find('CH', '640391')).toBeUndefined();
    expect(find('GB', '640391')).toBe('tariff:GB:6403');
    expect(findTariffRate(TABLE, { destination: 'NL', hsCode: '420221', origin: 'CN', date: '2025-12-31' })?.entry.ratePercent).toBe('3');
    expect(findTariffRate(TABLE, { destination: 'NL', hsCode: '420221', origin: 'CN', date: '2026-01-01' })?.entry.ratePercent).toBe('2.7');
  });

  it('no entry: undefined (the engine then reports the duty unknown)', () => {
    expect(find('FR', '850440')).toBeUndefined();
    expect(findTariffRate(undefined, { destination: 'FR', hsCode: '640391', origin: 'CN', date: DATE })).toBeUndefined();
  });

  it('the schema a tenant file is read with refuses dotted prefixes and unknown destinations', () => {
    const bad = TariffTableSchema.safeParse([
      { destination: 'EU', hsPrefix: '6403.91', ratePercent: '8', effectiveFrom: '2026-01-01', source: 'x' },
      { destination: 'XX', hsPrefix: '6403', ratePercent: '8', effectiveFrom: '2026-01-01', source: 'x' },
      { destination: 'DE', hsPrefix: '6403', ratePercent: '8%', effectiveFrom: '2026-01-01', source: 'x' },
    ]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['0.hsPrefix', '1.destination', '2.ratePercent']);
    expect(TariffTableSchema.safeParse(TABLE).success).toBe(true);
  });
});

describe('the engine with the tariff table', () => {
  const context = { date: DATE, fx: FX, sellerCurrency: 'EUR', tariff: TABLE };

  it('applies the longest prefix and names the entry', () => {
    const q = quoteLandedCost(shipment({ to: 'FR', currency: 'EUR', items: [{ value: '200.00', hs: '6403919100' }] }), context);
    // 3.5% × 200.00 = 7.00; VAT 20% × 207.00 = 41.40
    expect(figures(q)).toMatchObject({ duty: 700, importTax: 4140 });
    expect(q.items[0]?.dutyRatePercent).toBe('3.5');
    expect(outcomeOf(q, 'tariff:EU:640391')).toBe('duty rate 3.5% for a');
    expect(q.rules.find((r) => r.rule.id === 'tariff:EU:640391')?.rule).toEqual({
      id: 'tariff:EU:640391',
      description: 'Duty 3.5% for HS 640391* into EU',
      source: 'test tariff EU 640391',
      effectiveFrom: '2020-01-01',
    });
  });

  it('states an unknown duty instead of a silent 0, and leaves it out of the total', () => {
    const q = quoteLandedCost(
      shipment({ to: 'DE', currency: 'EUR', items: [{ value: '200.00', hs: '850440', description: 'Power supply' }, { value: '100.00' }] }),
      context,
    );
    // a: duty unknown, VAT 19% × 200.00 = 38.00; b: 3.5% × 100.00 = 3.50, VAT 19% × 103.50 = 19.665 → 19.66 (half-even)
    expect(q.items.map((i) => [i.itemId, i.dutyRatePercent, i.duty.amountMinor, i.importTax.amountMinor])).toEqual([
      ['a', '0', 0, 3800],
      ['b', '3.5', 350, 1966],
    ]);
    expect(q.items[0]?.explanation).toContain('Duty UNKNOWN: no tariff entry for HS 850440 into DE; not included (never taken as 0).');
    expect(q.notes).toContain('Duty unknown for a (HS 850440, origin CN): no tariff entry for DE on 2026-03-02; the duty total leaves them out.');
    expect(figures(q)).toMatchObject({ duty: 350, importTax: 5766 });
  });
});
