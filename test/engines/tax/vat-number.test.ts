import { describe, expect, it } from 'vitest';
import { checkVatNumberFormat, isValidAbn } from '../../../engines/tax/index.js';

describe('checkVatNumberFormat: well-formed numbers (27 member states, GB/XI, NO, CH, AU, NZ, SG)', () => {
  it.each([
    ['ATU13585627', 'AT', 'U13585627'],
    ['BE0411905847', 'BE', '0411905847'],
    ['BG040683212', 'BG', '040683212'],
    ['BG0041010002', 'BG', '0041010002'],
    ['HR02574432339', 'HR', '02574432339'],
    ['CY10000314J', 'CY', '10000314J'],
    ['CZ00216224', 'CZ', '00216224'],
    ['DK10000009', 'DK', '10000009'],
    ['EE100007796', 'EE', '100007796'],
    ['FI09853608', 'FI', '09853608'],
    ['FR40303265045', 'FR', '40303265045'],
    ['DE 113 298 780', 'DE', '113298780'],
    ['EL000000024', 'GR', '000000024'],
    ['HU10672101', 'HU', '10672101'],
    ['IE6388047V', 'IE', '6388047V'],
    ['IE3628739UA', 'IE', '3628739UA'],
    ['IE8Z49289F', 'IE', '8Z49289F'],
    ['IT00079760328', 'IT', '00079760328'],
    ['LV40003009497', 'LV', '40003009497'],
    ['LT119511515', 'LT', '119511515'],
    ['LT100001410314', 'LT', '100001410314'],
    ['LU10000356', 'LU', '10000356'],
    ['MT10126313', 'MT', '10126313'],
    ['nl010000446b01', 'NL', '010000446B01'],
    ['PL5260250995', 'PL', '5260250995'],
    ['PT100000010', 'PT', '100000010'],
    ['RO11198699', 'RO', '11198699'],
    ['SK2020032377', 'SK', '2020032377'],
    ['SI10693661', 'SI', '10693661'],
    ['ESX2482300W', 'ES', 'X2482300W'],
    ['ES00000001R', 'ES', '00000001R'],
    ['SE556703748501', 'SE', '556703748501'],
    ['GB000472631', 'GB', '000472631'],
    ['GB000472631001', 'GB', '000472631001'],
    ['GBGD001', 'GB', 'GD001'],
    ['XI000472631', 'XI', '000472631'],
    ['NO 923 609 016 MVA', 'NO', '923609016MVA'],
    ['CHE-101.090.265 MWST', 'CH', '101090265MWST'],
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
