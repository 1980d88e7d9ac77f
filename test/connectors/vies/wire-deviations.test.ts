/** VIES answers as reported in the wild: each is read, and what cannot be read is still refused. */
import { describe, expect, it } from 'vitest';
import { ViesCheckVatResponseSchema } from '../../../connectors/vies/index.js';

describe('CheckVatResponse deviations', () => {
  // laravel/vat-calculator#90 and snowcap/vat-validation#2: requestDate as a date with an offset, name and address '---'.
  it('requestDate "2020-01-22+01:00" with name and address "---" (laravel/vat-calculator#90) is accepted', () => {
    const r = ViesCheckVatResponseSchema.safeParse({ countryCode: 'ES', vatNumber: 'B75149773', requestDate: '2020-01-22+01:00', valid: true, name: '---', address: '---' });
    expect(r.success && r.data).toMatchObject({ requestDate: '2020-01-22+01:00', valid: true, name: '---' });
  });

  // arthurdejong/python-stdnum#496: the REST answer, requestDate with milliseconds.
  it('the REST form "2026-05-19T12:25:12.544Z" (arthurdejong/python-stdnum#496) is accepted', () => {
    const r = ViesCheckVatResponseSchema.safeParse({ countryCode: 'FR', vatNumber: '60815004395', requestDate: '2026-05-19T12:25:12.544Z', valid: true });
    expect(r.success).toBe(true);
  });

  // taxjar/ex_vatcheck#3: name and address absent (nil) rather than "".
  it('null name, address and requestIdentifier (taxjar/ex_vatcheck#3) are accepted', () => {
    const r = ViesCheckVatResponseSchema.safeParse({ countryCode: 'NL', vatNumber: '85187947B01', requestDate: '2024-04-09T08:00:00Z', valid: false, name: null, address: null, requestIdentifier: null });
    expect(r.success).toBe(true);
  });

  it('valid as the text "false" reads as false; an impossible date or "yes" is still refused', () => {
    const ok = ViesCheckVatResponseSchema.safeParse({ countryCode: 'DE', vatNumber: '813495027', requestDate: '2026-03-02+01:00', valid: 'false' });
    expect(ok.success && ok.data.valid).toBe(false);
    const bad = ViesCheckVatResponseSchema.safeParse({ countryCode: 'DE', vatNumber: '813495027', requestDate: '2026-02-30+01:00', valid: 'yes' });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['requestDate', 'expected an ISO 8601 date-time'],
      ['valid', 'Invalid input: expected boolean, received string'],
    ]);
  });
});
