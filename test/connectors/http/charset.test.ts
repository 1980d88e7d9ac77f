/**
 * connectors/http/charset.ts: a report document's bytes decode to the same text whatever the
 * charset Amazon wrote it in (fixtures: test/fixtures/amazon/reports/charsets, one text per
 * language written in each charset), detected or forced, gzip or not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { charsetOf, charsetOfContentType, CharsetError, createChunkDecoder, decodeDocument } from '../../../connectors/http/charset.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'reports', 'charsets');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const DE = 'Größe L – weiß, Bügeleisen für Äpfel & Öl: 12,99 € (Maß)\n';
const DE_LATIN1 = 'Größe L, weiß, Bügeleisen für Äpfel & Öl (Maß)\n';
const JP = '全角ＡＢＣ１２３ ｶﾀｶﾅ ひらがな カタカナ 漢字：商品名「歯ブラシ」\n';

describe('decodeDocument: detection', () => {
  it.each([
    ['de.utf-8.txt', DE, 'utf-8', 'utf-8 valid'],
    ['de.utf-8-bom.txt', DE, 'utf-8', 'bom'],
    ['de.utf-16le-bom.txt', DE, 'utf-16le', 'bom'],
    ['de.utf-16be-bom.txt', DE, 'utf-16be', 'bom'],
    // Cp1252, as Amazon EU/NA listings reports declare (amzn/selling-partner-api-models#2748): € is 0x80, – is 0x96.
    ['de.windows-1252.txt', DE, 'windows-1252', 'fallback'],
    ['jp.utf-8.txt', JP, 'utf-8', 'utf-8 valid'],
    // Shift_JIS, as Amazon's JP flat files come (amzn/selling-partner-api-models#2293, saleweaver/python-amazon-sp-api#769).
    ['jp.shift_jis.txt', JP, 'shift_jis', 'japanese text'],
    ['jp.utf-16le-bom.txt', JP, 'utf-16le', 'bom'],
  ])('%s decodes to the same text', (file, text, charset, by) => {
    const d = decodeDocument(bytes(file));
    expect(d).toEqual({ text, charset, by, gzip: false });
  });

  it('the windows-1252 bytes are what Cp1252 says (€ = 0x80, ß = 0xdf, – = 0x96)', () => {
    const b = bytes('de.windows-1252.txt');
    expect(b.includes(0x80)).toBe(true);
    expect(b.includes(0xdf)).toBe(true);
    expect(b.includes(0x96)).toBe(true);
  });

  it('gzip (1f 8b, getReportDocument compressionAlgorithm GZIP) is inflated, then detected', () => {
    expect(decodeDocument(bytes('jp.shift_jis.txt.gz'))).toEqual({ text: JP, charset: 'shift_jis', by: 'japanese text', gzip: true });
    expect(decodeDocument(gzipSync(bytes('de.windows-1252.txt')))).toMatchObject({ text: DE, charset: 'windows-1252', gzip: true });
  });

  it('windows-1252 German that is also valid Shift_JIS byte pairs (än = e4 6e) is not taken for Japanese', () => {
    const b = new Uint8Array([0x42, 0xe4, 0x6e, 0x64, 0x65, 0x72, 0x20, 0x47, 0x72, 0xf6, 0xdf, 0x65]); // "Bänder Größe"
    expect(decodeDocument(b)).toMatchObject({ text: 'Bänder Größe', charset: 'windows-1252' });
  });

  it('Shift_JIS kanji and half-width kana without full-width kana: a byte windows-1252 leaves undefined (81 of 【) decides', () => {
    // 商品名【ｾｯﾄ】東京都渋谷区 in Shift_JIS
    const b = new Uint8Array([0x8f, 0xa4, 0x95, 0x69, 0x96, 0xbc, 0x81, 0x79, 0xbe, 0xaf, 0xc4, 0x81, 0x7a, 0x93, 0x8c, 0x8b, 0x9e, 0x93, 0x73, 0x8f, 0x61, 0x92, 0x4a, 0x8b, 0xe6]);
    expect(decodeDocument(b)).toMatchObject({ text: '商品名【ｾｯﾄ】東京都渋谷区', charset: 'shift_jis', by: 'japanese text' });
  });

  it('EUC-JP is not guessed (it is never what Amazon sends) but decodes when named', () => {
    expect(decodeDocument(bytes('jp.euc-jp.txt'), { charset: 'EUC-JP' }).text).toBe(JP);
  });
});

describe('decodeDocument: a forced charset', () => {
  it.each([
    ['de.windows-1252.txt', 'Cp1252', DE],
    ['de.windows-1252.txt', 'windows-1252', DE],
    ['de.iso-8859-1.txt', 'iso-8859-1', DE_LATIN1],
    ['de.utf-8.txt', 'UTF-8', DE],
    ['de.utf-16le-bom.txt', 'utf-16le', DE],
    ['jp.shift_jis.txt', 'windows-31j', JP],
    ['jp.shift_jis.txt', 'cp932', JP],
    ['jp.shift_jis.txt', 'Shift_JIS', JP],
    ['jp.shift_jis.txt.gz', 'shift_jis', JP],
  ])('%s as %s', (file, charset, text) => {
    expect(decodeDocument(bytes(file), { charset })).toMatchObject({ text, by: 'given' });
  });

  it('iso-8859-1 is byte for byte (0x80 is U+0080, not € as in windows-1252)', () => {
    expect(decodeDocument(new Uint8Array([0x80, 0x41]), { charset: 'iso-8859-1' }).text).toBe('\u0080A');
    expect(decodeDocument(new Uint8Array([0x80, 0x41]), { charset: 'cp1252' }).text).toBe('€A');
  });

  it('bytes invalid in the forced charset, an unknown name, and a broken gzip are CharsetErrors', () => {
    expect(() => decodeDocument(bytes('de.windows-1252.txt'), { charset: 'utf-8' })).toThrow(new CharsetError('the document is not valid utf-8'));
    expect(() => decodeDocument(bytes('de.utf-8.txt'), { charset: 'klingon' })).toThrow(/unknown charset "klingon"/);
    expect(() => decodeDocument(new Uint8Array([0x1f, 0x8b, 0x00]))).toThrow(/starts like gzip \(1f 8b\) but does not inflate/);
  });
});

describe('charset names', () => {
  it('aliases and Content-Type parameters', () => {
    expect(charsetOf('Cp1252')).toBe('windows-1252');
    expect(charsetOf('MS932')).toBe('shift_jis');
    expect(charsetOf('x-unknown')).toBeUndefined();
    // The download's header as Amazon sends it (amzn/selling-partner-api-models#2748).
    expect(charsetOfContentType('text/plain; charset=Cp1252')).toBe('Cp1252');
    expect(charsetOfContentType('text/plain;charset="UTF-8"')).toBe('UTF-8');
    expect(charsetOfContentType('text/plain')).toBeUndefined();
  });
});

describe('createChunkDecoder', () => {
  /** Feeds the bytes in pieces of `size` (splitting multi-byte characters) and joins the text. */
  function decodeInPieces(name: string, charset: string, size: number): string {
    const decoder = createChunkDecoder(charset)!;
    const all = bytes(name);
    let out = '';
    for (let i = 0; i < all.length; i += size) out += decoder.write(all.subarray(i, i + size));
    return out + decoder.end();
  }

  it.each([
    ['de.windows-1252.txt', 'Cp1252'],
    ['de.utf-8-bom.txt', 'UTF-8'],
    ['de.iso-8859-1.txt', 'ISO-8859-1'],
    ['jp.shift_jis.txt', 'windows-31j'],
    ['jp.euc-jp.txt', 'EUC-JP'],
    ['jp.utf-8.txt', 'utf8'],
  ])('decodes %s (%s) piece by piece as whole', (name, charset) => {
    const whole = decodeDocument(bytes(name), { charset }).text;
    for (const size of [1, 2, 3, 7, 4096]) expect(decodeInPieces(name, charset, size)).toBe(whole);
  });

  it('is undefined for a charset it does not know', () => {
    expect(createChunkDecoder('x-mac-roman')).toBeUndefined();
  });
});
