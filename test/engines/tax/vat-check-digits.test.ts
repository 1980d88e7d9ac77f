/**
 * Check digits of VAT numbers against jsvat's published lists (test/fixtures/jsvat, origin in
 * SOURCE.md): every number jsvat lists as valid is accepted, every number it lists as invalid
 * (or valid "only by format") is refused, country by country, except the known differences
 * listed below with their reason. Then: a single mistyped digit is caught.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_DIGIT_COUNTRIES, checkVatCheckDigits, checkVatNumberFormat } from '../../../engines/tax/index.js';

interface JsvatList {
  readonly name: string;
  readonly valid: readonly string[];
  readonly invalid: readonly string[];
  readonly validOnlyByFormat: readonly string[];
}
const LISTS = JSON.parse(readFileSync(new URL('../../fixtures/jsvat/vat-lists.json', import.meta.url), 'utf8')) as Record<string, JsvatList>;

/**
 * Numbers jsvat lists as invalid that this engine accepts, and why jsvat is wrong (or applies a
 * rule that is not a check-digit rule). Any other difference fails the test.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, readonly { readonly numbers: readonly string[]; readonly reason: string }[]>> = {
  BE: [
    {
      numbers: ['BE1602602623', 'BE1400521335', 'BE1400004463'],
      reason:
        'jsvat only knows enterprise numbers starting 0; Belgium issues numbers starting 1 since the 0 range ran out (VIES accepts them) and these pass the mod 97 check',
    },
  ],
  GB: [
    {
      numbers: [
        'GB999000103', 'GB999000201', 'GB999000396001', 'GB999000494005', 'GB999000592', 'GB999000690001', 'GB999000788111',
        'GB999000886', 'GB999000984', 'GB999001002999', 'GB999000103000', 'GB999000201000', 'GB999000396000', 'GB999000494000',
        'GB999000592000', 'GB999000690000', 'GB999000788000', 'GB999000886000', 'GB999000984000', 'GB999001002000',
        'GB010000090', 'GB099999948', 'GB949000138', 'GB959939732', 'GB970000073', 'GB999999973', 'GB100000034',
      ],
      reason:
        "jsvat also refuses number ranges it believes unallocated (999 0001+, 010–099, 949 0001–970 0000, 100 0000); that is HMRC's allocation, not a check-digit rule, and these numbers' check digits hold (mod 97 or 9755)",
    },
  ],
};

/** Numbers jsvat lists as valid that this engine refuses, and why. Any other difference fails the test. */
const KNOWN_REFUSED_VALID: Readonly<Record<string, readonly { readonly numbers: readonly string[]; readonly reason: string }[]>> = {
  FR: [
    {
      numbers: ['FRA0123456789', 'FR0A012345678', 'FRAB012345678'],
      reason:
        'jsvat does not check new-style (alphanumeric) keys at all; these are made-up numbers whose SIREN (123456789, 012345678) fails the Luhn check every SIREN carries, and whose keys fail the new-style key rule',
    },
  ],
};

const known = (country: string): ReadonlySet<string> => new Set((KNOWN_DIFFERENCES[country] ?? []).flatMap((d) => d.numbers));
const COUNTRIES = Object.keys(LISTS).sort();

describe('jsvat lists cover the 27 member states, GB, NO and CH', () => {
  it('has a list for every country with a check-digit algorithm but XI (GB numbers)', () => {
    expect(COUNTRIES).toEqual(CHECK_DIGIT_COUNTRIES.filter((c) => c !== 'XI').sort());
  });
});

describe.each(COUNTRIES)('jsvat %s', (country) => {
  const list = LISTS[country]!;

  it(`accepts all ${list.valid.length} valid numbers`, () => {
    const exceptions = new Set((KNOWN_REFUSED_VALID[country] ?? []).flatMap((d) => d.numbers));
    const refused = list.valid.map((n) => checkVatNumberFormat(n)).filter((r) => !r.formatValid || r.country !== country);
    expect(refused.filter((r) => !exceptions.has(r.input)).map((r) => `${r.input}: ${r.reason}`)).toEqual([]);
    expect([...exceptions].filter((n) => !refused.some((r) => r.input === n))).toEqual([]);
  });

  it(`refuses all ${list.invalid.length + list.validOnlyByFormat.length} invalid numbers but the known differences`, () => {
    const exceptions = known(country);
    const accepted = [...list.invalid, ...list.validOnlyByFormat].filter((n) => checkVatNumberFormat(n).formatValid);
    expect(accepted.filter((n) => !exceptions.has(n))).toEqual([]);
    // A known difference that no longer differs is stale: remove it.
    expect([...exceptions].filter((n) => !accepted.includes(n))).toEqual([]);
  });

  it('accepts the valid numbers written with spaces and hyphens', () => {
    for (const n of list.valid.slice(0, 10)) {
      const spaced = `${n.slice(0, 4)} ${n.slice(4, 7)}-${n.slice(7)}`;
      expect(checkVatNumberFormat(spaced).formatValid, spaced).toBe(true);
    }
  });
});

/**
 * One digit off: every digit covered by the check, of every valid jsvat number, replaced by each
 * other digit. Mutations that break the format (say, a leading 0 where none is allowed) are not
 * counted. Weighted mod 11 with a 10→0 fold, mod 11 mod 10, or two alternative algorithms let a
 * few through; everything else (Luhn, mod 97, ISO 7064, weighted sums with weights prime to the
 * modulus) catches every single-digit error.
 */
const MUST_CATCH: Readonly<Record<string, { readonly fraction: number; readonly why: string }>> = {
  BG: { fraction: 0.95, why: '10-digit numbers are valid under any of three algorithms (EGN, foreigner, other); mod 11 mod 10 folds 10 onto 0' },
  CZ: { fraction: 0.97, why: 'birth numbers are mod 11 mod 10 (remainder 10 → 0); legal entities fold 10 → 0 and 11 → 1' },
  GR: { fraction: 0.98, why: 'mod 11 mod 10: remainder 10 → 0' },
  LT: { fraction: 0.98, why: 'mod 11 mod 10: remainder 10 → 0' },
  LV: { fraction: 0.99, why: 'a first digit turned from 4–9 into 1–3 switches to the personal-code rule' },
  NL: { fraction: 0.8, why: 'two algorithms (mod 11 elfproef, and MOD 97-10 for sole traders since 2020): a number failing one may pass the other' },
  PT: { fraction: 0.98, why: 'check 10 and 11 both fold to 0' },
  RO: { fraction: 0.98, why: '(10·Σ mod 11) mod 10: remainder 10 → 0' },
  GB: { fraction: 0.98, why: 'two schemes (mod 97 and 9755) accept two check values for numbers from 100 000 000' },
};

/** The characters the check digits cover: NL's suffix after B, SE's closing 01 and GB's branch code are not. */
function coveredLength(country: string, number: string): number {
  if (country === 'NL') return 9;
  if (country === 'SE') return 10;
  if (country === 'GB') return 9;
  return number.length;
}

describe.each(COUNTRIES)('one digit off (%s)', (country) => {
  const rule = MUST_CATCH[country] ?? { fraction: 1, why: 'every single-digit error changes the checksum' };
  it(`catches at least ${(rule.fraction * 100).toFixed(0)} % of single-digit errors (${rule.why})`, () => {
    let tried = 0;
    let caught = 0;
    for (const n of LISTS[country]!.valid) {
      const r = checkVatNumberFormat(n);
      if (!r.formatValid) continue; // a known difference (KNOWN_REFUSED_VALID)
      const number = r.number!;
      const prefix = r.normalized.slice(0, r.normalized.length - number.length);
      for (let i = 0; i < coveredLength(country, number); i++) {
        if (!/\d/.test(number[i]!)) continue;
        for (let d = 0; d <= 9; d++) {
          if (String(d) === number[i]) continue;
          const mutated = checkVatNumberFormat(`${prefix}${number.slice(0, i)}${d}${number.slice(i + 1)}`);
          if (!mutated.formatValid && mutated.checkDigitsValid === undefined) continue; // the format already refuses it
          tried++;
          if (!mutated.formatValid) caught++;
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
    expect(caught / tried).toBeGreaterThanOrEqual(rule.fraction);
  });
});

describe('check digits: rules the lists do not show', () => {
  it.each([
    ['BE 123.456.749', 'BE0123456749'],
    ['BE0123456749', 'BE0123456749'],
  ])('normalises an old 9-digit Belgian number with its leading 0: %s → %s', (input, normalized) => {
    expect(checkVatNumberFormat(input)).toMatchObject({ formatValid: true, checkDigitsValid: true, normalized, number: normalized.slice(2) });
  });

  it('refuses a number whose check digits fail whatever its format, with the reason', () => {
    expect(checkVatNumberFormat('DE143454215')).toMatchObject({
      formatValid: false,
      checkDigitsValid: false,
      country: 'DE',
      reason: 'DE143454215: check digits fail (DE check-digit rule)',
    });
  });

  it('checks new-style French keys (letters), python-stdnum documentation examples', () => {
    expect(checkVatNumberFormat('FRK7399859412').formatValid).toBe(true);
    expect(checkVatNumberFormat('FR4Z123456782').formatValid).toBe(true);
    expect(checkVatNumberFormat('FRK7399859413').formatValid).toBe(false);
    expect(checkVatNumberFormat('FRL7399859412').formatValid).toBe(false);
  });

  it('GB: government departments and health authorities have no check digits; a 12-digit number checks its first nine', () => {
    expect(checkVatNumberFormat('GBGD001')).toMatchObject({ formatValid: true, checkDigitsValid: true });
    expect(checkVatNumberFormat('GBHA599')).toMatchObject({ formatValid: true, checkDigitsValid: true });
    expect(checkVatNumberFormat('GB220430231001').formatValid).toBe(true);
    expect(checkVatNumberFormat('GB220430232001').formatValid).toBe(false);
    expect(checkVatNumberFormat('XI220430231').formatValid).toBe(true);
  });

  it('LV: new-style personal codes (32…) carry no check digit; old ones carry a birth date and one', () => {
    expect(checkVatCheckDigits('LV', '32345678901')).toBe('pass');
    expect(checkVatCheckDigits('LV', '07091910933')).toBe('pass');
    expect(checkVatCheckDigits('LV', '07091910934')).toBe('fail');
    expect(checkVatCheckDigits('LV', '32091910933')).toBe('pass');
  });

  it('NL: sole traders since 2020 pass ISO 7064 MOD 97-10 instead of the mod 11 test (python-stdnum documentation example)', () => {
    expect(checkVatCheckDigits('NL', '002455799B11')).toBe('pass');
    expect(checkVatCheckDigits('NL', '002455799B12')).toBe('fail');
    expect(checkVatCheckDigits('NL', '123456789B90')).toBe('fail');
  });

  it('NZ and SG have no algorithm here: format only', () => {
    expect(checkVatCheckDigits('NZ', '123456789')).toBe('none');
    expect(checkVatNumberFormat('123456789', 'NZ')).toMatchObject({ formatValid: true });
    expect(checkVatNumberFormat('123456789', 'NZ').checkDigitsValid).toBeUndefined();
  });
});

/**
 * Real numbers of real companies, each read from a published source found by search (named
 * here). Where the source gives the national register number, the VAT number follows from it
 * by the member state's published rule (stated). Each one must be accepted, and the same number
 * with its last digit changed must be refused.
 */
const REAL_NUMBERS: readonly (readonly [country: string, vat: string, holder: string, source: string])[] = [
  ['CZ', 'CZ00177041', 'ŠKODA AUTO a.s.', 'Obchodní věstník (ov.gov.cz), ŠKODA AUTO filing 2003: "IČO: 00177041"; a legal entity\'s DIČ is CZ + IČO'],
  ['DK', 'DK54562519', 'LEGO A/S', 'Danish Wikipedia (Wikidata) "LEGO": CVR-nummer 54562519; the Danish VAT number is DK + CVR'],
  ['FR', 'FR22424761419', 'OVH SAS', 'OVH general conditions of service: "registered with the RCS Roubaix number B424 761 419" (SIREN); key (12 + 3 × (SIREN mod 97)) mod 97 = 22'],
  ['IE', 'IE6388047V', 'Google Ireland Ltd', "Google AdSense Help, VAT for publishers in Ireland: invoices must carry \"Google Ireland's VAT number (IE6388047V)\""],
  ['LU', 'LU26375245', 'Amazon Europe Core S.à r.l.', 'Amazon Associates (affiliate-program.amazon.co.uk) help topic GDLLSQWWX68YLHEN: "Amazon VAT registration number: LU26375245"'],
  ['PL', 'PL7740001454', 'ORLEN S.A.', 'ORLEN integrated report 2019, basic information: "TAX IDENTIFICATION NUMBER (NIP) 774-00-01-454"'],
  ['PT', 'PT500697256', 'EDP – Energias de Portugal, S.A.', 'EDP prospectus for admission to Euronext Lisbon (2016): "número único de matrícula e de identificação fiscal 500.697.256"'],
  ['SE', 'SE556016068001', 'Telefonaktiebolaget LM Ericsson', 'Ericsson AGM notice 2019 (news.cision.com): "org. nr 556016-0680"; the Swedish VAT number is SE + org. nr + 01'],
  ['CH', 'CHE-109.322.551', '(worked example, not a company)', 'Swiss Federal Statistical Office, UID page "Berechnung der Prüfziffer": example CHE10932255 with check digit 1'],
];

describe.each(REAL_NUMBERS)('real number %s %s', (country, vat, holder, source) => {
  it(`is accepted (${holder}; source: ${source})`, () => {
    expect(checkVatNumberFormat(vat)).toMatchObject({ formatValid: true, checkDigitsValid: true, country });
  });
  it('is refused with its check digit changed', () => {
    const compact = vat.replace(/[-.]/g, '');
    // The check digit is the last digit (for SE the last before the closing 01).
    const at = country === 'SE' ? compact.length - 3 : compact.search(/\d(?=\D*$)/);
    const mutated = `${compact.slice(0, at)}${(Number(compact[at]) + 1) % 10}${compact.slice(at + 1)}`;
    expect(checkVatNumberFormat(mutated)).toMatchObject({ formatValid: false, checkDigitsValid: false });
  });
});
