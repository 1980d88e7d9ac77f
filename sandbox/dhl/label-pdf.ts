/**
 * A one-page PDF with a few lines of text: what the sandbox returns as a label or an invoice.
 * Small but valid (PDF 1.4): catalog, pages, page, Helvetica, one content stream, and a
 * cross-reference table whose offsets point at each `n 0 obj`, so viewers and PDF parsers
 * open it without repairing it.
 */

export interface PdfPage {
  /** Points (1/72 in). DHL's 4×8 in thermal label by default. */
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly lines: readonly string[];
}

/** PDF string literal: ASCII only, with the three characters that must be escaped escaped. */
function pdfText(text: string): string {
  return `(${text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1')})`;
}

export function renderPdf(page: PdfPage): Buffer {
  const width = page.width ?? 288;
  const height = page.height ?? 576;
  const lines = page.title === undefined ? page.lines : [page.title, ...page.lines];
  const content = ['BT', '/F1 11 Tf', '14 TL', `24 ${height - 36} Td`, ...lines.map((line) => `${pdfText(line)} '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  // A binary comment on line 2 tells transfer tools the file is not plain text.
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, space + LF.
  const entries = ['0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)];
  body += `xref\n0 ${objects.length + 1}\n${entries.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
