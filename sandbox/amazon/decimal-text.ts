/** Decimal amounts as text ↔ bigint minor units, so that no money passes through a float. */

/** Minor units of a decimal text such as "12.30" or "-0.5"; 0 for anything else (an absent amount). */
export function toMinor(text: string | undefined, exponent: number): bigint {
  if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text)) return 0n;
  const negative = text.startsWith('-');
  const [int, frac = ''] = text.replace('-', '').split('.');
  const v = BigInt(`${int}${frac.padEnd(exponent, '0').slice(0, exponent)}`);
  return negative ? -v : v;
}

export function fromMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  const body = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${body}` : body;
}
