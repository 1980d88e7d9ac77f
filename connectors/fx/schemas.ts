/**
 * Wire formats of the rate sources as this connector reads them.
 *
 * ECB: XML parsed with xml2js, namespace-aware (`xmlns: true`), so `gesmes:Envelope` is
 * recognised by namespace whatever its prefix; both quote styles, one-line files and
 * pretty-printed ones parse the same. The rates are read by mappings/fx (ecbXmlToFxRates).
 *
 * XE: JSON read with readDecimalJson (numbers as their literal text), so the envelope below
 * has `amount` and `mid` as decimal strings. Objects are loose: fields XE adds pass through.
 */
import { Parser, type ParserOptions } from 'xml2js';
import { z } from 'zod';

/** xml2js options whose output ecbXmlToFxRates reads. */
export const ECB_XML_PARSER_OPTIONS: ParserOptions = {
  xmlns: true,
  explicitArray: true,
  explicitRoot: true,
  strict: true,
  async: false,
};

export type EcbXmlParseResult = { ok: true; doc: unknown } | { ok: false; message: string };

/**
 * Parses an ECB reference-rate file; never throws. A truncated file, an HTML page that is not
 * well-formed XML, or text without a root element comes back as `{ ok: false, message }`.
 */
export async function parseEcbXml(text: string): Promise<EcbXmlParseResult> {
  // A UTF-8 byte-order mark is legal before the XML declaration but trips sax's "text before the first tag".
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, message: 'the body is empty' };
  try {
    const doc: unknown = await new Parser(ECB_XML_PARSER_OPTIONS).parseStringPromise(body);
    if (doc === null || doc === undefined) return { ok: false, message: 'the document has no root element' };
    return { ok: true, doc };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not well-formed XML (${message.replace(/\s+/g, ' ').trim()})` };
  }
}

const DecimalText = z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'must be a JSON number');

/** convert_from.json and historic_rate.json (as readDecimalJson returns them). */
export const XeRatesResponseSchema = z.looseObject({
  terms: z.string().optional(),
  privacy: z.string().optional(),
  from: z.string(),
  amount: DecimalText,
  timestamp: z.string(),
  to: z.array(z.looseObject({ quotecurrency: z.string(), mid: DecimalText })),
});
export type XeRatesResponse = z.infer<typeof XeRatesResponseSchema>;
