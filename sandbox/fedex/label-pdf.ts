/**
 * FedEx labels (STOCK_4X6, 288 × 432 pt) and commercial invoices as one-page PDF 1.4 files:
 * a few lines of Helvetica, a cross-reference table with the byte offset of every object,
 * the trailer and %%EOF. (The DHL stand-in has its own: sandboxes share no code.)
 */

/** Bytes of a PDF whose body holds `objects` (numbered from 1, the first one the catalog). */
function assemble(objects: readonly string[]): Buffer {
  const parts: string[] = ['%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'];
  const offsets: number[] = [];
  let length = Buffer.byteLength(parts[0] as string, 'latin1');
  for (const [i, object] of objects.entries()) {
    const chunk = `${i + 1} 0 obj\n${object}\nendobj\n`;
    offsets.push(length);
    parts.push(chunk);
    length += Buffer.byteLength(chunk, 'latin1');
  }
  const table = offsets.map((offset) => `${offset.toString().padStart(10, '0')} 00000 n \n`).join('');
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}`);
  parts.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

/** Text as a PDF literal: printable ASCII, with backslash and parentheses escaped. */
const literal = (s: string): string => `(${s.replace(/[^ -~]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`)})`;

export function fedexDocumentPdf(lines: readonly string[], size: 'label' | 'letter' = 'label'): Buffer {
  const [w, h] = size === 'label' ? [288, 432] : [612, 792];
  const stream = `BT\n/F1 10 Tf\n13 TL\n20 ${h - 30} Td\n${lines.map((l) => `${literal(l)} '`).join('\n')}\nET`;
  return assemble([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}
