import { describe, expect, it } from 'vitest';
import { checkVatNumberFormat, isValidAbn } from '../../../engines/tax/index.js';

describe('checkVatNumberFormat: well-formed numbers (27 member states, GB/XI, NO, CH, AU, NZ, SG)', () => {
  it.each([
    ['ATU12345678', 'AT', 'U12345678'],
    ['BE0123456789', 'BE', '0123456789'],
    ['BG123456789', 'BG', '123456789'],
    ['BG1234567890', 'BG', '1234567890'],
    ['HR12345678901', 'HR', '12345678901'],
    ['CY12345678X', 'CY', '12345678X'],
    ['CZ12345678', 'CZ', '12345678'],
    ['DK12345678', 'DK', '12345678'],
    ['EE101234567', 'EE', '101234567'],
    ['FI12345678', 'FI', '12345678'],
    ['FR40303265045', 'FR', '40303265045'],
    ['DE 123 456 789', 'DE', '123456789'],
    ['EL123456789', 'GR', '123456789'],
    ['HU12345678', 'HU', '12345678'],
    ['IE1234567T', 'IE', '1234567T'],
    ['IE1234567TW', 'IE', '1234567TW'],
    ['IE1A23456T', 'IE', '1A23456T'],
    ['IT12345678901', 'IT', '12345678901'],
    ['LV12345678901', 'LV', '12345678901'],
    ['LT123456789', 'LT', '123456789'],
    ['LT123456789012', 'LT', '123456789012'],
    ['LU12345678', 'LU', '12345678'],
    ['MT12345678', 'MT', '12345678'],
    ['nl123456789b01', 'NL', '123456789B01'],
    ['PL1234567890', 'PL', '1234567890'],
    ['PT123456789', 'PT', '123456789'],
    ['RO1234567890', 'RO', '1234567890'],
    ['SK1234567890', 'SK', '1234567890'],
    ['SI12345678', 'SI', '12345678'],
    ['ESX1234567X', 'ES', 'X1234567X'],
    ['ES12345678Z', 'ES', '12345678Z'],
    ['SE123456789001', 'SE', '123456789001'],
    ['GB123456789', 'GB', '123456789'],
    ['GB123456789012', 'GB', '123456789012'],
    ['GBGD001', 'GB', 'GD001'],
    ['XI123456789', 'XI', '123456789'],
    ['NO 123 456 789 MVA', 'NO', '123456789MVA'],
    ['CHE-123.456.789 MWST', 'CH', '123456789MWST'],
  ])('%s → %s %s', (input, country, number) => {
    expect(checkVatNumberFormat(input)).toMatchObject({ formatValid: true, country, number });
  });

  it('reads a number without prefix as one of the presumed country', () => {
    expect(checkVatNumberFormat('51 824 753 556', 'AU')).toMatchObject({ formatValid: true, country: 'AU', number: '51824753556' });
    expect(checkVatNumberFormat('123456789', 'NZ')).toMatchObject({ formatValid: true, country: 'NZ' });
    expect(checkVatNumberFormat('M90312345A', 'SG')).toMatchObject({ formatValid: true, country: 'SG' });
  });
});

describe('checkVatNumberFormat: badly formatted numbers, with the reason', () => {
  it.each([
    ['DE12345678', 'DE12345678 does not match the DE format (DE + 9 digits)'],
    ['ATU1234567', 'ATU1234567 does not match the AT format (AT + U + 8 digits)'],
    ['NL123456789A01', 'NL123456789A01 does not match the NL format (NL + 9 digits + B + 2 digits)'],
    ['SE1234567890', 'SE1234567890 does not match the SE format (SE + 10 digits + 01)'],
    ['BE2123456789', 'BE2123456789 does not match the BE format (BE + 10 digits starting 0 or 1)'],
    ['FRIO303265045', 'FRIO303265045 does not match the FR format (FR + 2 characters (digits or letters but I/O) + 9 digits (SIREN))'],
    ['GB12345', 'GB12345 does not match the GB format (GB + 9 or 12 digits (or GD/HA + 3 digits))'],
    ['GR123456789', 'Greek VAT numbers carry the prefix EL, not GR'],
    ['123456789', '123456789 has no known country prefix (expected e.g. DE, FR, EL, XI, GB, NO, CHE)'],
    ['', 'the VAT number is empty'],
  ])('%s: %s', (input, reason) => {
    const r = checkVatNumberFormat(input);
    expect(r.formatValid).toBe(false);
    expect(r.reason).toBe(reason);
  });
});

describe('isValidAbn (ABR check digits)', () => {
  it('accepts the ATO example ABN and refuses a changed digit', () => {
    expect(isValidAbn('51824753556')).toBe(true);
    expect(isValidAbn('51824753557')).toBe(false);
    expect(isValidAbn('5182475355')).toBe(false);
    expect(checkVatNumberFormat('51824753557', 'AU')).toMatchObject({ formatValid: false, reason: 'ABN 51824753557 fails the ABN check digits' });
  });
});
