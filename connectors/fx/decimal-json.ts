/**
 * JSON with every number kept as its literal text. XE sends rates as JSON numbers with up
 * to 10 decimals (`"mid": 0.6817819473`); JSON.parse would turn them into binary floats.
 * Here each number token outside a string is quoted before JSON.parse sees it, so
 * `0.6817819473` arrives as the string "0.6817819473", exactly as published.
 */

import { parseQuoted, quoteNumberLiterals } from '../http/lossless-json.js';

export type DecimalJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text, returning numbers as their decimal text; never throws. */
export function readDecimalJson(text: string): DecimalJsonResult {
  return parseQuoted(quoteNumberLiterals(text, () => true));
}
