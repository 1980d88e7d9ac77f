/**
 * VAT/GST registration number formats, after the country prefix, with spaces, dots and
 * hyphens removed. A format match says the number is well-formed, not that it is
 * registered: that is VIES's (or the national register's) answer.
 */

export interface VatNumberFormat {
  /** ISO 3166-1 alpha-2 of the issuing country ('XI' for Northern Ireland). */
  readonly country: string;
  /** Prefix written before the number ('EL' for Greece, 'CHE' for Switzerland). */
  readonly prefix: string;
  /** Pattern of the part after the prefix. */
  readonly pattern: RegExp;
  /** The format in words, for messages. */
  readonly shape: string;
}

const EC_VIES = "European Commission, VIES 'VAT number validation' FAQ (format of VAT numbers per member state)";

export const VAT_NUMBER_FORMATS_SOURCE = `${EC_VIES}; HMRC (GB/XI); Brønnøysund Register Centre (NO); Swiss UID register (CH); ABR (AU); IRD (NZ); IRAS (SG)`;

export const VAT_NUMBER_FORMATS: readonly VatNumberFormat[] = [
  { country: 'AT', prefix: 'AT', pattern: /^U\d{8}$/, shape: 'U + 8 digits' },
  { country: 'BE', prefix: 'BE', pattern: /^[01]\d{9}$/, shape: '10 digits starting 0 or 1' },
  { country: 'BG', prefix: 'BG', pattern: /^\d{9,10}$/, shape: '9 or 10 digits' },
  { country: 'HR', prefix: 'HR', pattern: /^\d{11}$/, shape: '11 digits' },
  { country: 'CY', prefix: 'CY', pattern: /^\d{8}[A-Z]$/, shape: '8 digits + 1 letter' },
  { country: 'CZ', prefix: 'CZ', pattern: /^\d{8,10}$/, shape: '8 to 10 digits' },
  { country: 'DK', prefix: 'DK', pattern: /^\d{8}$/, shape: '8 digits' },
  { country: 'EE', prefix: 'EE', pattern: /^10\d{7}$/, shape: '9 digits starting 10' },
  { country: 'FI', prefix: 'FI', pattern: /^\d{8}$/, shape: '8 digits' },
  { country: 'FR', prefix: 'FR', pattern: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, shape: '2 characters (digits or letters but I/O) + 9 digits (SIREN)' },
  { country: 'DE', prefix: 'DE', pattern: /^\d{9}$/, shape: '9 digits' },
  { country: 'GR', prefix: 'EL', pattern: /^\d{9}$/, shape: '9 digits (prefix EL)' },
  { country: 'HU', prefix: 'HU', pattern: /^\d{8}$/, shape: '8 digits' },
  { country: 'IE', prefix: 'IE', pattern: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, shape: '7 digits + 1 or 2 letters (or the old digit-letter-5 digits-letter form)' },
  { country: 'IT', prefix: 'IT', pattern: /^\d{11}$/, shape: '11 digits' },
  { country: 'LV', prefix: 'LV', pattern: /^\d{11}$/, shape: '11 digits' },
  { country: 'LT', prefix: 'LT', pattern: /^(?:\d{9}|\d{12})$/, shape: '9 or 12 digits' },
  { country: 'LU', prefix: 'LU', pattern: /^\d{8}$/, shape: '8 digits' },
  { country: 'MT', prefix: 'MT', pattern: /^\d{8}$/, shape: '8 digits' },
  { country: 'NL', prefix: 'NL', pattern: /^\d{9}B\d{2}$/, shape: '9 digits + B + 2 digits' },
  { country: 'PL', prefix: 'PL', pattern: /^\d{10}$/, shape: '10 digits' },
  { country: 'PT', prefix: 'PT', pattern: /^\d{9}$/, shape: '9 digits' },
  { country: 'RO', prefix: 'RO', pattern: /^[1-9]\d{1,9}$/, shape: '2 to 10 digits, no leading zero' },
  { country: 'SK', prefix: 'SK', pattern: /^[1-9]\d{9}$/, shape: '10 digits' },
  { country: 'SI', prefix: 'SI', pattern: /^[1-9]\d{7}$/, shape: '8 digits' },
  { country: 'ES', prefix: 'ES', pattern: /^(?:[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/, shape: 'letter + 7 digits + letter or digit, or 8 digits + letter' },
  { country: 'SE', prefix: 'SE', pattern: /^\d{10}01$/, shape: '10 digits + 01' },
  { country: 'GB', prefix: 'GB', pattern: /^(?:\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, shape: '9 or 12 digits (or GD/HA + 3 digits)' },
  { country: 'XI', prefix: 'XI', pattern: /^(?:\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/, shape: '9 or 12 digits (or GD/HA + 3 digits)' },
  { country: 'NO', prefix: 'NO', pattern: /^\d{9}(?:MVA)?$/, shape: '9 digits (organisation number) + MVA' },
  { country: 'CH', prefix: 'CHE', pattern: /^\d{9}(?:MWST|TVA|IVA)?$/, shape: '9 digits (UID) + MWST/TVA/IVA' },
  { country: 'AU', prefix: 'AU', pattern: /^\d{11}$/, shape: '11-digit ABN' },
  { country: 'NZ', prefix: 'NZ', pattern: /^\d{8,9}$/, shape: '8 or 9-digit GST/IRD number' },
  { country: 'SG', prefix: 'SG', pattern: /^(?:\d{8,9}[A-Z]|[RST]\d{2}[A-Z]{2}\d{4}[A-Z]|M[0-9]\d{7}[A-Z])$/, shape: 'UEN (8-9 digits + letter, or T/S/R + 2 digits + 2 letters + 4 digits + letter) or M + 8 digits + letter' },
];
