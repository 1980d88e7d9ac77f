/**
 * JSON whose integers above 2^53 stay exact. The Alibaba group's platforms send identifiers
 * as JSON numbers past Number.MAX_SAFE_INTEGER (`"number": [8198352049851315]`,
 * `"product_id": 1005004638293060`, order ids such as 8123456789012345678); JSON.parse would
 * round them. Node 20's reviver gets no source text, so a pre-pass quotes every integer
 * literal that is not a safe integer before JSON.parse sees it: those arrive as strings of
 * their exact digits. Other numbers stay numbers; strings (any script) pass untouched.
 */

export type LosslessJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

// RFC 8259 §6 number grammar.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?\d+$/;

/** True for an integer literal a JS number cannot hold exactly. */
function isUnsafeInteger(literal: string): boolean {
  return INTEGER.test(literal) && !Number.isSafeInteger(Number(literal));
}

/** The JSON text with unsafe integer literals quoted (outside strings only). Throws nothing: bad JSON is left for JSON.parse to name. */
export function quoteUnsafeIntegers(text: string): string {
  return quoteNumberLiterals(text, isUnsafeInteger);
}

/**
 * The JSON text with the number literals `quote` picks written as strings of their exact
 * text (outside strings only; a leading byte-order mark dropped). Throws nothing: bad JSON
 * is left for JSON.parse to name.
 */
export function quoteNumberLiterals(text: string, quote: (literal: string) => boolean): string {
  let out = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let copiedFrom = i;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i += 1;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22) {
          i += 1;
          break;
        } else i += 1;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m === null) {
        i += 1;
        continue;
      }
      if (quote(m[0])) {
        out += `${text.slice(copiedFrom, i)}"${m[0]}"`;
        copiedFrom = i + m[0].length;
      }
      i += m[0].length;
      continue;
    }
    i += 1;
  }
  return out + text.slice(copiedFrom);
}

/** Parses JSON text keeping integers above 2^53 exact (as digit strings); never throws. */
export function parseJsonLosslessly(text: string): LosslessJsonResult {
  return parseQuoted(quoteUnsafeIntegers(text));
}

/** JSON.parse of text whose numbers were quoted; never throws. */
export function parseQuoted(text: string): LosslessJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
