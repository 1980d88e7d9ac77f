/**
 * A downloaded document's bytes → text, in the document's charset. Pure (no I/O): `caravan map`
 * uses it on a file, and a report download uses it with the charset of its Content-Type.
 *
 * Detection, when no charset is given:
 * 1. gzip (bytes 1f 8b) is inflated first: getReportDocument documents may be GZIP.
 * 2. A byte-order mark decides UTF-8, UTF-16LE or UTF-16BE (and is dropped).
 * 3. Bytes that are valid UTF-8 are UTF-8.
 * 4. Bytes that decode as Shift_JIS (windows-31j) without error, hold full-width kana and no
 *    private-use or C1 control characters are Shift_JIS: Amazon's JP flat files come so
 *    (amzn/selling-partner-api-models#2293). Kanji alone are not enough: windows-1252 German
 *    (`än` = e4 6e) also decodes as kanji, but Japanese text nearly always has kana, whose
 *    lead bytes (82, 83) are rare punctuation in windows-1252. Kanji and half-width kana
 *    without full-width kana count when the bytes hold one windows-1252 leaves undefined
 *    (81, 8d, 8f, 90, 9d: 【】 and many kanji lead with them).
 * 5. Anything else is windows-1252: Amazon's EU/NA listings reports say `charset=Cp1252`
 *    (amzn/selling-partner-api-models#2748). Every byte decodes in windows-1252, so this
 *    never fails; a wrong guess shows as odd letters, never as lost rows.
 */
import { gunzipSync } from 'node:zlib';

export type Charset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'windows-1252' | 'iso-8859-1' | 'euc-jp';

export interface DecodedDocument {
  readonly text: string;
  readonly charset: Charset;
  /** How the charset was known. */
  readonly by: 'given' | 'bom' | 'utf-8 valid' | 'japanese text' | 'fallback';
  readonly gzip: boolean;
}

export class CharsetError extends Error {
  override readonly name = 'CharsetError';
}

/** Names (and aliases) accepted for a given charset, lower case. */
const ALIASES: Readonly<Record<string, Charset>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'euc-jp': 'euc-jp',
  eucjp: 'euc-jp',
};

export const CHARSET_NAMES: readonly string[] = Object.keys(ALIASES);

/** The charset a name means (`Cp1252`, `windows-31j`, `UTF8` …), or undefined for one not supported. */
export function charsetOf(name: string): Charset | undefined {
  const key = name.trim().replace(/^["']|["']$/g, '').toLowerCase();
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** The `charset` parameter of a Content-Type header (`text/plain; charset=Cp1252`), when there is one. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2];
}

/** windows-1252 at 0x80–0x9f (the rest is Latin-1); the five undefined bytes stay C1 controls, as WHATWG maps them. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeSingleByte(bytes: Uint8Array, high?: readonly number[]): string {
  const codes = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = high !== undefined && b >= 0x80 && b <= 0x9f ? high[b - 0x80]! : b;
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 0x8000) out += String.fromCharCode(...codes.slice(i, i + 0x8000));
  return out;
}

/**
 * The decoder for a charset. The single-byte ones are decoded here: Node 20's TextDecoder
 * decodes `windows-1252` as Latin-1 (0x80 becomes U+0080, not €), and `iso-8859-1` is meant
 * byte for byte.
 */
function decode(bytes: Uint8Array, charset: Charset, fatal: boolean): string {
  if (charset === 'iso-8859-1') return decodeSingleByte(bytes);
  if (charset === 'windows-1252') return decodeSingleByte(bytes, CP1252_HIGH);
  return new TextDecoder(charset, { fatal, ignoreBOM: false }).decode(bytes);
}

const BOMS: ReadonlyArray<readonly [readonly number[], Charset]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomOf(bytes: Uint8Array): Charset | undefined {
  return BOMS.find(([bom]) => bom.every((b, i) => bytes[i] === b))?.[1];
}

/** Full-width hiragana or katakana. */
const KANA = /[\u3041-\u30ff]/u;
/** Kanji, half-width katakana or full-width forms: Japanese, though not proof alone. */
const JAPANESE = /[\u4e00-\u9fff\uff01-\uff9f\u3000-\u303f]/u;
/** Bytes windows-1252 leaves undefined: a document holding one is not windows-1252. */
const NOT_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** What Shift_JIS decoding of non-Japanese bytes yields: private-use (user-defined lead bytes f0–f9) and C1 controls. */
const NOT_JAPANESE = /[\u0080-\u009f\ue000-\uf8ff]/u;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function tryDecode(bytes: Uint8Array, charset: Charset): string | undefined {
  try {
    return decode(bytes, charset, true);
  } catch {
    return undefined;
  }
}

/**
 * The document's text. `charset` (any name `charsetOf` knows) forces the charset; an unknown
 * name, a gzip that does not inflate, or bytes that are not valid in a forced charset throw a
 * CharsetError saying so.
 */
export function decodeDocument(input: Uint8Array, options: { charset?: string } = {}): DecodedDocument {
  let bytes = input;
  const gzip = isGzip(bytes);
  if (gzip) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new CharsetError(`the document starts like gzip (1f 8b) but does not inflate: ${(e as Error).message}`);
    }
  }
  if (options.charset !== undefined) {
    const charset = charsetOf(options.charset);
    if (charset === undefined) {
      throw new CharsetError(`unknown charset "${options.charset}" (known: utf-8, utf-16le, utf-16be, shift_jis/windows-31j/cp932, windows-1252/cp1252, iso-8859-1, euc-jp)`);
    }
    const text = tryDecode(bytes, charset);
    if (text === undefined) throw new CharsetError(`the document is not valid ${charset}`);
    return { text: stripBom(text), charset, by: 'given', gzip };
  }
  const bom = bomOf(bytes);
  if (bom !== undefined) return { text: stripBom(decode(bytes, bom, false)), charset: bom, by: 'bom', gzip };
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', by: 'utf-8 valid', gzip };
  const sjis = tryDecode(bytes, 'shift_jis');
  const japanese = sjis !== undefined && !NOT_JAPANESE.test(sjis) && (KANA.test(sjis) || (JAPANESE.test(sjis) && bytes.some((b) => NOT_CP1252.has(b))));
  if (japanese) return { text: sjis, charset: 'shift_jis', by: 'japanese text', gzip };
  return { text: decode(bytes, 'windows-1252', false), charset: 'windows-1252', by: 'fallback', gzip };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes a document piece by piece (a report read from disk), without holding all of it. */
export interface ChunkDecoder {
  /** The text of this chunk; a multi-byte character split across chunks comes out whole with the next. */
  write(chunk: Uint8Array): string;
  /** What is left at the end (an unfinished character becomes U+FFFD). */
  end(): string;
}

/**
 * A ChunkDecoder for a charset (any name `charsetOf` knows); a leading byte-order mark is
 * dropped. Undefined for an unknown name. No gzip here: the download inflates before writing.
 */
export function createChunkDecoder(name: string): ChunkDecoder | undefined {
  const charset = charsetOf(name);
  if (charset === undefined) return undefined;
  let first = true;
  const strip = (text: string): string => {
    if (!first || text === '') return text;
    first = false;
    return stripBom(text);
  };
  if (charset === 'iso-8859-1' || charset === 'windows-1252') {
    const high = charset === 'windows-1252' ? CP1252_HIGH : undefined;
    // One byte, one character: chunks decode on their own.
    return { write: (chunk) => strip(decodeSingleByte(chunk, high)), end: () => '' };
  }
  const decoder = new TextDecoder(charset, { ignoreBOM: true });
  return { write: (chunk) => strip(decoder.decode(chunk, { stream: true })), end: () => strip(decoder.decode()) };
}
