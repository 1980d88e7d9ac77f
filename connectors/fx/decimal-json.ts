/**
 * JSON with every number kept as its literal text. XE sends rates as JSON numbers with up
 * to 10 decimals (`"mid": 0.6817819473`); JSON.parse would turn them into binary floats.
 * Here each number token outside a string is quoted before JSON.parse sees it, so
 * `0.6817819473` arrives as the string "0.6817819473", exactly as published.
 */

export type DecimalJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

// RFC 8259 §6 number grammar.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text, returning numbers as their decimal text; never throws. */
export function readDecimalJson(text: string): DecimalJsonResult {
  let out = '';
  // A UTF-8 byte-order mark may precede the JSON text (RFC 8259 §8.1 lets parsers ignore it).
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let copiedFrom = i;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string, escapes included; JSON.parse checks it afterwards.
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
      if (m === null) return { ok: false, message: `invalid number at offset ${i}` };
      out += `${text.slice(copiedFrom, i)}"${m[0]}"`;
      i += m[0].length;
      copiedFrom = i;
      continue;
    }
    i += 1;
  }
  out += text.slice(copiedFrom);
  try {
    return { ok: true, value: JSON.parse(out) as unknown };
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
