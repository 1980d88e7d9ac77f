/**
 * How Amazon encodes flat-file report documents, by marketplace region: Japanese
 * marketplace reports are Shift_JIS (Amazon labels them `charset=windows-31j`, i.e. CP932),
 * European ones `charset=Cp1252`, where Amazon replaces a character CP1252 lacks with "?"
 * (selling-partner-api-models issues 1517, 2748, 4031, 4955), North American ones UTF-8.
 * Node has no encoders for the legacy charsets: the Shift_JIS table is the inverse of Node's
 * decoder, built once on first use.
 */
import type { MarketplaceInfo } from './seed-data.js';

export interface ReportEncoding {
  /** The charset label of the Content-Type Amazon serves the document with. */
  readonly label: 'windows-31j' | 'Cp1252' | 'UTF-8';
  encode(text: string): Buffer;
}

let sjisTable: Map<string, number> | undefined;
let cp1252Table: Map<string, number> | undefined;

function buildSjis(): Map<string, number> {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number>();
  const leads = [...Array.from({ length: 0x1f }, (_, i) => 0x81 + i), ...Array.from({ length: 0x1d }, (_, i) => 0xe0 + i)];
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      // First mapping wins: CP932 has duplicate codes (NEC/IBM extensions) for some characters.
      if (ch.length >= 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return table;
}

/**
 * windows-1252's bytes 0x80–0x9f, in order (undefined ones as their C1 control). Written out
 * because Node 20's TextDecoder('windows-1252') decodes them as Latin-1 C1 controls.
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function buildCp1252(): Map<string, number> {
  const table = new Map<string, number>();
  [...CP1252_80_9F].forEach((ch, i) => table.set(ch, 0x80 + i));
  for (let b = 0xa0; b <= 0xff; b++) table.set(String.fromCharCode(b), b);
  return table;
}

function encodeWith(text: string, lookup: (ch: string) => number | undefined): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    const mapped = code < 0x80 ? code : lookup(ch);
    const value = mapped ?? 0x3f; // '?', as Amazon writes an unmappable character
    if (value > 0xff) out.push(value >> 8, value & 0xff);
    else out.push(value);
  }
  return Buffer.from(out);
}

export const SHIFT_JIS: ReportEncoding = {
  label: 'windows-31j',
  encode: (text) => {
    sjisTable ??= buildSjis();
    const table = sjisTable;
    return encodeWith(text, (ch) => table.get(ch));
  },
};

export const CP1252: ReportEncoding = {
  label: 'Cp1252',
  encode: (text) => {
    cp1252Table ??= buildCp1252();
    const table = cp1252Table;
    return encodeWith(text, (ch) => table.get(ch));
  },
};

export const UTF8: ReportEncoding = { label: 'UTF-8', encode: (text) => Buffer.from(text, 'utf8') };

export function reportEncoding(mp: MarketplaceInfo | undefined): ReportEncoding {
  if (mp?.code === 'JP') return SHIFT_JIS;
  if (mp?.region === 'EU' && mp.code !== 'AE') return CP1252;
  return UTF8;
}
