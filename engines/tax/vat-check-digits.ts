/**
 * Check digits of VAT registration numbers, one function per issuing country. Pure, no
 * dependencies. Each function takes the part after the country prefix, upper case, with
 * spaces, dots and hyphens removed, already matching the country's format
 * (data/vat-number-formats.ts), and says whether its check digits hold.
 *
 * Sources (public descriptions of the algorithms, implemented here independently):
 * - European Commission, "VIES – VAT number validation: algorithms" (the member states'
 *   check-digit rules as published for the VIES interface; TAXUD/C4);
 * - python-stdnum (github.com/arthurdejong/python-stdnum, module per country: at/uid,
 *   be/vat, bg/vat, bg/egn, bg/pnf, cy/vat, cz/dic, cz/rc, de/vat, dk/cvr, ee/kmkr, es/nif,
 *   es/cif, es/nie, fi/alv, fr/tva, gb/vat, gr/vat, hr/oib, hu/anum, ie/vat, it/iva,
 *   lt/pvm, lu/tva, lv/pvn, mt/vat, nl/btw, no/orgnr, pl/nip, pt/nif, ro/cui, se/vat,
 *   si/ddv, sk/dph, ch/uid) read as descriptions only;
 * - national descriptions where they exist: HMRC VAT Notice 700/1 and the "9755" range
 *   (GB), Brønnøysund Register Centre "organisasjonsnummer" (NO, MOD 11), Swiss Federal
 *   Statistical Office UID ordinance (CH, MOD 11), ISO 7064 (HR, DE: MOD 11,10; NL
 *   sole traders since 2020: MOD 97-10).
 *
 * Every EU member state, GB/XI, NO and CH have an algorithm here. Countries without a
 * published algorithm in this module (NZ, SG) are accepted on format alone; the ABN (AU)
 * check lives in vat-number.ts.
 */

type Check = (n: string) => boolean;

const isDigits = (s: string): boolean => /^\d+$/.test(s);
const digitsOf = (s: string): number[] => [...s].map(Number);

/** Σ wᵢ·dᵢ over the shorter of the two. */
function weighted(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length && i < digits.length; i++) sum += weights[i]! * Number(digits[i]);
  return sum;
}

/** Luhn (ISO/IEC 7812-1): true when the whole string, check digit included, sums to 0 mod 10. */
export function luhnValid(digits: string): boolean {
  if (!isDigits(digits)) return false;
  let sum = 0;
  const ds = digitsOf(digits).reverse();
  ds.forEach((d, i) => {
    const v = i % 2 === 1 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return sum % 10 === 0;
}

/** ISO 7064 MOD 11,10 (hybrid system): true when the string, check digit included, is consistent. */
export function mod11_10Valid(digits: string): boolean {
  if (!isDigits(digits)) return false;
  let product = 10;
  for (const d of digitsOf(digits).slice(0, -1)) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10 === Number(digits[digits.length - 1]);
}

/** ISO 7064 MOD 97-10 over letters (A=10 … Z=35) and digits: the value mod 97 is 1. */
export function mod97_10Valid(text: string): boolean {
  let rest = 0;
  for (const ch of text) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const c of v) rest = (rest * 10 + Number(c)) % 97;
  }
  return rest === 1;
}

/** Remainder of a long decimal string modulo m (beyond 2^53). */
function modOf(digits: string, m: number): number {
  let rest = 0;
  for (const c of digits) rest = (rest * 10 + Number(c)) % m;
  return rest;
}

function isDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// ——— member states ———

/** AT: U + 8 digits; digits 2, 4, 6 doubled (digit sum), check = (10 − (Σ + 4) mod 10) mod 10. */
const AT: Check = (n) => {
  const d = n.slice(1);
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const v = Number(d[i]) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(v / 10) + (v % 10);
  }
  return (10 - ((sum + 4) % 10)) % 10 === Number(d[7]);
};

/**
 * BE: enterprise number, 10 digits starting 0 or 1 (old 9-digit numbers take a leading 0);
 * the last two = 97 − (first eight mod 97). Numbers start 02…09 or 1 (none start 00).
 */
const BE: Check = (n) => {
  const d = n.length === 9 ? `0${n}` : n;
  return !d.startsWith('00') && 97 - (Number(d.slice(0, 8)) % 97) === Number(d.slice(8));
};

/** BG legal entities (9 digits): weights 1…8, mod 11; a remainder of 10 retries with weights 3…10; 10 again → 0. */
function bgLegal(n: string): boolean {
  let check = weighted(n, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
  if (check === 10) check = weighted(n, [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
  return check % 10 === Number(n[8]);
}
/** BG physical persons (EGN): birth date (month +20 for 1800s, +40 for 2000s), weights 2,4,8,5,10,9,7,3,6 mod 11 mod 10. */
function bgPerson(n: string): boolean {
  let year = 1900 + Number(n.slice(0, 2));
  let month = Number(n.slice(2, 4));
  const day = Number(n.slice(4, 6));
  if (month > 40) {
    year += 100;
    month -= 40;
  } else if (month > 20) {
    year -= 100;
    month -= 20;
  }
  return isDate(year, month, day) && (weighted(n, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11) % 10 === Number(n[9]);
}
/** BG foreigners (LNCh): weights 21,19,17,13,11,9,7,3,1 mod 10. */
const bgForeigner = (n: string): boolean => weighted(n, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 === Number(n[9]);
/** BG others: weights 4,3,2,7,6,5,4,3,2; check = 11 − Σ mod 11 (11 → 0, 10 invalid). */
const bgOther = (n: string): boolean => (11 - (weighted(n, [4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11 === Number(n[9]);
const BG: Check = (n) => (n.length === 9 ? bgLegal(n) : bgPerson(n) || bgForeigner(n) || bgOther(n));

/** CY: 8 digits + letter; digits in odd positions mapped 0→1,1→0,2→5,3→7,4→9,5→13,6→15,7→17,8→19,9→21, even positions as is; Σ mod 26 → A…Z. The prefix 12 is not issued. */
const CY_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
const CY: Check = (n) => {
  if (n.startsWith('12')) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += i % 2 === 0 ? CY_ODD[Number(n[i])]! : Number(n[i]);
  return String.fromCharCode(65 + (sum % 26)) === n[8];
};

/** CZ birth number (rodné číslo): a date (month +50 women, +20/+70 since 2004); 10 digits since 1954, number mod 11 (remainder 10 → check 0). */
function czBirthNumber(n: string): boolean {
  let year = 1900 + Number(n.slice(0, 2));
  const month = (Number(n.slice(2, 4)) % 50) % 20;
  const day = Number(n.slice(4, 6));
  if (n.length === 9) {
    if (year >= 1980) year -= 100;
    if (year > 1953) return false;
  } else if (year < 1954) {
    year += 100;
  }
  if (!isDate(year, month, day)) return false;
  return n.length === 9 || modOf(n.slice(0, 9), 11) % 10 === Number(n[9]);
}
/** CZ: legal entities 8 digits (weights 8…2, check = 11 − Σ mod 11; 10 → 0, 11 → 1; never starting 9); 9 digits starting 6 (individuals without a birth number: weights 8…2 on digits 2–8); else a birth number. */
const CZ: Check = (n) => {
  if (n.length === 8) {
    if (n.startsWith('9')) return false;
    const check = (11 - (weighted(n, [8, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    return (check === 0 ? 1 : check) % 10 === Number(n[7]);
  }
  if (n.length === 9 && n.startsWith('6')) {
    const sum = weighted(n.slice(1), [8, 7, 6, 5, 4, 3, 2]) % 11;
    return (((8 - ((10 - sum) % 11)) % 10) + 10) % 10 === Number(n[8]);
  }
  return czBirthNumber(n);
};

/** DE: ISO 7064 MOD 11,10 over 9 digits; never starting 0. */
const DE: Check = (n) => !n.startsWith('0') && mod11_10Valid(n);

/** DK: weights 2,7,6,5,4,3,2,1, Σ mod 11 = 0; never starting 0. */
const DK: Check = (n) => !n.startsWith('0') && weighted(n, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;

/** EE: weights 3,7,1,3,7,1,3,7,1, Σ mod 10 = 0. */
const EE: Check = (n) => weighted(n, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0;

/** EL (GR): weights 256,128,…,2 on the first 8 digits, Σ mod 11 mod 10 = the 9th. */
const GR: Check = (n) => (weighted(n, [256, 128, 64, 32, 16, 8, 4, 2]) % 11) % 10 === Number(n[8]);

/** ES: DNI/NIF of persons (8 digits + letter of number mod 23), NIE (X/Y/Z → 0/1/2), K/L/M (letter over digits), CIF of entities (Luhn-style digit, or letter J,A…I). */
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function cifCheck(body7: string): { digit: string; letter: string } {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(body7[i]);
    if (i % 2 === 0) {
      const v = d * 2;
      sum += Math.floor(v / 10) + (v % 10);
    } else {
      sum += d;
    }
  }
  const c = (10 - (sum % 10)) % 10;
  return { digit: String(c), letter: 'JABCDEFGHI'[c]! };
}
const ES: Check = (n) => {
  const first = n[0]!;
  const last = n[8]!;
  if (/\d/.test(first)) return DNI_LETTERS[Number(n.slice(0, 8)) % 23] === last;
  if ('XYZ'.includes(first)) return DNI_LETTERS[Number(`${'XYZ'.indexOf(first)}${n.slice(1, 8)}`) % 23] === last;
  if ('KLM'.includes(first)) return DNI_LETTERS[Number(n.slice(1, 8)) % 23] === last;
  if ('ABCDEFGHJNPQRSUVW'.includes(first)) {
    const { digit, letter } = cifCheck(n.slice(1, 8));
    return last === digit || last === letter;
  }
  return false;
};

/** FI: weights 7,9,10,5,8,4,2,1, Σ mod 11 = 0. */
const FI: Check = (n) => weighted(n, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 === 0;

/**
 * FR: 2-character key + SIREN (9 digits, Luhn unless it starts 000). Numeric key =
 * (12 + 3·(SIREN mod 97)) mod 97. New-style alphanumeric keys (alphabet 0-9, A-Z without I, O):
 * a key whose first character is a digit gives c = 24·v₁ + v₂ − 10, else c = 34·v₁ + v₂ − 100;
 * valid when (SIREN + 1 + ⌊c / 11⌋) mod 11 = c mod 11.
 */
const FR_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const FR: Check = (n) => {
  const siren = n.slice(2);
  if (!siren.startsWith('000') && !luhnValid(siren)) return false;
  const key = n.slice(0, 2);
  if (isDigits(key)) return Number(key) === modOf(`${siren}12`, 97);
  const v1 = FR_ALPHABET.indexOf(key[0]!);
  const v2 = FR_ALPHABET.indexOf(key[1]!);
  if (v1 < 0 || v2 < 0) return false;
  const c = isDigits(key[0]!) ? v1 * 24 + v2 - 10 : v1 * 34 + v2 - 100;
  return (Number(siren) + 1 + Math.floor(c / 11)) % 11 === c % 11;
};

/** HR: ISO 7064 MOD 11,10 over the 11-digit OIB. */
const HR: Check = (n) => mod11_10Valid(n);

/** HU: weights 9,7,3,1,9,7,3,1, Σ mod 10 = 0. */
const HU: Check = (n) => weighted(n, [9, 7, 3, 1, 9, 7, 3, 1]) % 10 === 0;

/**
 * IE: check letter = (Σ of 7 digits × 8…2 + 9 × value of the second letter) mod 23 over
 * W,A,B,…,V (W = 0). New style: 7 digits + check letter + optional second letter (A, H;
 * W counts as none). Old style (digit, letter or + or *, 5 digits, check letter): read as
 * 0 + the 5 digits + the first digit.
 */
const IE_ALPHABET = 'WABCDEFGHIJKLMNOPQRSTUV';
function ieCheckLetter(seven: string, second: string): string {
  return IE_ALPHABET[(weighted(seven, [8, 7, 6, 5, 4, 3, 2]) + 9 * Math.max(0, IE_ALPHABET.indexOf(second))) % 23]!;
}
const IE: Check = (n) => {
  if (isDigits(n.slice(0, 7))) {
    const second = n[8] ?? 'W';
    if (!IE_ALPHABET.includes(second)) return false;
    return ieCheckLetter(n.slice(0, 7), second) === n[7];
  }
  return ieCheckLetter(`0${n.slice(2, 7)}${n[0]}`, 'W') === n[7];
};

/** IT: Luhn over 11 digits; the company number (first 7) is not 0; the office code (digits 8–10) is 001–100, 120, 121, 888 or 999. */
const IT: Check = (n) => {
  const office = n.slice(7, 10);
  const officeOk = (office >= '001' && office <= '100') || ['120', '121', '888', '999'].includes(office);
  return Number(n.slice(0, 7)) > 0 && officeOk && luhnValid(n);
};

/**
 * LT: weights 1,2,…,9,1,2 mod 11 (remainder 10 → weights 3,4,…,9,1,2,3,4; 10 again → 0).
 * 9-digit (legal entities) have 1 in the 8th place, 12-digit (temporary taxpayers) in the 11th.
 */
const LT: Check = (n) => {
  if (n[n.length - 2] !== '1') return false;
  const body = n.slice(0, -1);
  let check = weighted(body, [...body].map((_, i) => 1 + (i % 9))) % 11;
  if (check === 10) check = weighted(body, [...body].map((_, i) => 1 + ((i + 2) % 9))) % 11;
  return check % 10 === Number(n[n.length - 1]);
};

/** LU: the first six digits mod 89 = the last two. */
const LU: Check = (n) => Number(n.slice(0, 6)) % 89 === Number(n.slice(6));

/**
 * LV: legal entities (first digit above 3): weights 9,1,4,8,3,10,2,5,7,6,1, Σ mod 11 = 3.
 * Individuals: personal code DDMMYY + century digit (0 = 1800s, 1 = 1900s, 2 = 2000s) + 3
 * digits + check (1 + Σ weights 10,5,8,4,2,1,6,3,7,9) mod 11 mod 10. New-style personal codes
 * issued since July 2017 start 32 and carry no birth date and no check digit: format only.
 */
const LV: Check = (n) => {
  if (Number(n[0]) > 3) return weighted(n, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 === 3;
  if (n.startsWith('32')) return true;
  const year = 1800 + 100 * Number(n[6]) + Number(n.slice(4, 6));
  if (!isDate(year, Number(n.slice(2, 4)), Number(n.slice(0, 2)))) return false;
  return ((1 + weighted(n, [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11) % 10 === Number(n[10]);
};

/** MT: weights 3,4,6,7,8,9,10,1, Σ mod 37 = 0; never starting 0. */
const MT: Check = (n) => !n.startsWith('0') && weighted(n, [3, 4, 6, 7, 8, 9, 10, 1]) % 37 === 0;

/**
 * NL: 9 digits + B + 2 digits. Legal entities (and sole traders before 2020): the 9 digits pass
 * the mod 11 "elfproef" (weights 9…2, −1). Sole traders' numbers since 2020: the whole
 * "NL" + number passes ISO 7064 MOD 97-10. The suffix after B is never 00.
 */
const NL: Check = (n) => {
  if (n.slice(10) === '00' || Number(n.slice(0, 9)) === 0) return false;
  const elf = weighted(n, [9, 8, 7, 6, 5, 4, 3, 2]) - Number(n[8]);
  return elf % 11 === 0 || mod97_10Valid(`NL${n}`);
};

/** PL: weights 6,5,7,2,3,4,5,6,7, Σ mod 11 = the 10th digit (10 never issued). */
const PL: Check = (n) => weighted(n, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === Number(n[9]);

/** PT: weights 9…2, check = (11 − Σ mod 11), 10 and 11 → 0; never starting 0. */
const PT: Check = (n) => !n.startsWith('0') && ((11 - (weighted(n, [9, 8, 7, 6, 5, 4, 3, 2]) % 11)) % 11) % 10 === Number(n[8]);

/** RO (CUI/CIF, 2–10 digits): body right-aligned on weights 7,5,3,2,1,7,5,3,2; check = (10·Σ mod 11) mod 10. */
const RO: Check = (n) => {
  const body = n.slice(0, -1).padStart(9, '0');
  return ((10 * weighted(body, [7, 5, 3, 2, 1, 7, 5, 3, 2])) % 11) % 10 === Number(n[n.length - 1]);
};

/** SE: the 10-digit organisation or personal number passes Luhn, followed by 01. */
const SE: Check = (n) => luhnValid(n.slice(0, 10)) && n.endsWith('01');

/** SI: weights 8…2, check = 11 − Σ mod 11 (10 → 0, 11 invalid); never starting 0. */
const SI: Check = (n) => {
  const check = 11 - (weighted(n, [8, 7, 6, 5, 4, 3, 2]) % 11);
  return check !== 11 && check % 10 === Number(n[7]);
};

/**
 * SK: the 10-digit number is divisible by 11; never starting 0, third digit 2, 3, 4, 7, 8 or 9.
 * A number that is a valid birth number (rodné číslo, as in CZ) is accepted too.
 */
const SK: Check = (n) => czBirthNumber(n) || (!n.startsWith('0') && '234789'.includes(n[2]!) && modOf(n, 11) === 0);

// ——— outside the EU ———

/**
 * GB / XI: weights 8,7,6,5,4,3,2 on the first 7 digits plus the 2 check digits as a number:
 * Σ mod 97 = 0 (the original scheme) or, for numbers from 100 000 000, Σ + 55 mod 97 = 0 (the
 * "9755" scheme used since 2010). 12-digit numbers are a 9-digit number + a 3-digit branch
 * code (not checked). Government departments (GD000–GD499) and health authorities
 * (HA500–HA999) have no check digits.
 */
const GB: Check = (n) => {
  if (n.startsWith('GD') || n.startsWith('HA')) return true;
  const nine = n.slice(0, 9);
  if (Number(nine) === 0) return false;
  const sum = weighted(nine, [8, 7, 6, 5, 4, 3, 2]) + Number(nine.slice(7));
  return sum % 97 === 0 || (Number(nine.slice(0, 3)) >= 100 && (sum + 55) % 97 === 0);
};

/** NO: organisation number, weights 3,2,7,6,5,4,3,2, check = 11 − Σ mod 11 (11 → 0, 10 never issued); then MVA. */
const NO: Check = (n) => {
  const check = (11 - (weighted(n, [3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
  return check === Number(n[8]);
};

/** CH: UID (CHE + 9 digits), weights 5,4,3,2,7,6,5,4, check = 11 − Σ mod 11 (11 → 0, 10 never issued); then MWST/TVA/IVA. */
const CH: Check = (n) => {
  const check = (11 - (weighted(n, [5, 4, 3, 2, 7, 6, 5, 4]) % 11)) % 11;
  return check === Number(n[8]);
};

const CHECKS: Readonly<Record<string, Check>> = {
  AT, BE, BG, CY, CZ, DE, DK, EE, GR, ES, FI, FR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK,
  GB, XI: GB, NO, CH,
};

/** Countries with a check-digit algorithm here (GR for EL numbers, XI for Northern Ireland). */
export const CHECK_DIGIT_COUNTRIES: readonly string[] = Object.keys(CHECKS);

/**
 * The check digits of a well-formed number of `country` (the part after the prefix):
 * 'pass', 'fail', or 'none' when this module knows no algorithm for the country.
 */
export function checkVatCheckDigits(country: string, number: string): 'pass' | 'fail' | 'none' {
  const check = CHECKS[country];
  if (!check) return 'none';
  return check(number) ? 'pass' : 'fail';
}
