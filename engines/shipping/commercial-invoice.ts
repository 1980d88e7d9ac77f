/**
 * The commercial invoice of a canonical Shipment as a PDF, written by hand (PDF 1.4, no
 * dependency): A4 pages of text in the standard Type1 fonts Helvetica and Helvetica-Bold, one
 * content stream per page, a cross-reference table whose offsets point at every object.
 *
 * Pure and deterministic: the same shipment and invoice give the same bytes (no creation date,
 * no random id; the only date is the invoice's), so the content-addressed document store keeps
 * one file however often a retried activity makes it.
 *
 * Text: the standard fonts cover WinAnsi (Latin-1) only. Accented letters outside it lose their
 * accent (ő → o), other scripts (Chinese, Cyrillic, Arabic …) print as `?`. The exact text is
 * not lost: it travels in the customs declaration data sent with the shipment (DHL lineItems,
 * FedEx commodities), which customs read; the PDF is the human-readable copy.
 */
import type { Address } from '../../mappings/canonical/address.js';
import { Decimal } from '../../mappings/canonical/decimal.js';
import { formatMoney, type Money } from '../../mappings/canonical/money.js';
import type { Shipment } from '../../mappings/canonical/shipment.js';

export interface CommercialInvoiceOptions {
  /** The invoice's number and date (YYYY-MM-DD), as the declaration names them. */
  readonly invoice: { readonly number: string; readonly date: string };
  /** Default "Sale of goods", as the carriers' declarations say. */
  readonly exportReason?: string;
}

export class CommercialInvoiceError extends Error {
  constructor(
    readonly shipmentId: string,
    readonly field: string,
    problem: string,
  ) {
    super(`commercial invoice of shipment ${shipmentId}: ${field} ${problem}`);
    this.name = 'CommercialInvoiceError';
  }
}

/** One run of text at a position; `bold` picks Helvetica-Bold. */
interface Run {
  readonly x: number;
  readonly text: string;
  readonly size: number;
  readonly bold?: boolean;
}
type Row = readonly Run[];

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 40;
const LEADING = 12;
const ROWS_PER_PAGE = Math.floor((PAGE_H - 2 * MARGIN) / LEADING) - 1;
const DESCRIPTION_WIDTH = 38;

// Column x positions of the line table.
const COL = { no: MARGIN, description: 58, hs: 238, origin: 290, qty: 328, unit: 362, value: 430, kg: 510 };

/** Latin-1 as is; other letters without their accent; anything else `?` (see the file comment). */
export function invoiceText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += ch;
    else if (code === 0x09 || code === 0x0a || code === 0x0d) out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length === 1 && base.charCodeAt(0) <= 0xff && base.charCodeAt(0) >= 0x20 ? base : '?';
    }
  }
  return out;
}

/** A PDF literal string, ASCII only: backslash, parentheses and every byte above 0x7e escaped (octal). */
function literal(text: string): string {
  let out = '(';
  for (const ch of invoiceText(text)) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
    else if (code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

/** Words into lines of at most `width` characters; a word longer than that is split. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let w = word;
    while (w.length > width) {
      if (current !== '') lines.push(current);
      current = '';
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (current === '') current = w;
    else if (current.length + 1 + w.length <= width) current += ` ${w}`;
    else {
      lines.push(current);
      current = w;
    }
  }
  if (current !== '') lines.push(current);
  return lines.length === 0 ? [''] : lines;
}

const text = (t: string, opts: { x?: number; size?: number; bold?: boolean } = {}): Row => [{ x: opts.x ?? MARGIN, text: t, size: opts.size ?? 9, ...(opts.bold ? { bold: true } : {}) }];

function party(title: string, a: Address): Row[] {
  const place = [a.postalCode, a.city].filter((p) => p !== undefined && p.trim() !== '').join(' ');
  const lines = [a.company, a.name, ...a.lines, place, [a.district, a.county, a.region].filter((p) => p !== undefined && p !== '').join(', '), a.country, a.phone === undefined ? undefined : `Phone ${a.phone}`];
  return [text(title, { bold: true }), ...lines.filter((l): l is string => l !== undefined && l.trim() !== '').map((l) => text(l, { x: MARGIN + 10 }))];
}

const money = (m: Money): string => `${formatMoney(m)} ${m.currency}`;

function weightOf(shipment: Shipment, i: number): Decimal | undefined {
  const w = shipment.items[i]!.weightKg;
  if (w === undefined) return undefined;
  const d = Decimal.tryParse(w);
  if (d === undefined || d.isNegative()) throw new CommercialInvoiceError(shipment.id, `items[${i}].weightKg`, `is not a weight in kilograms: "${w}"`);
  return d;
}

/** The invoice as rows of text, before pagination. */
function invoiceRows(shipment: Shipment, opts: CommercialInvoiceOptions): Row[] {
  const rows: Row[] = [];
  const blank: Row = [];
  rows.push(text('COMMERCIAL INVOICE', { size: 16, bold: true }), blank);
  rows.push([
    { x: MARGIN, text: `Invoice number: ${opts.invoice.number}`, size: 10, bold: true },
    { x: 330, text: `Invoice date: ${opts.invoice.date}`, size: 10, bold: true },
  ]);
  if (shipment.orderRef !== undefined) rows.push(text(`Order: ${shipment.orderRef.channel} ${shipment.orderRef.externalId}`));
  rows.push(text(`Shipment: ${shipment.id}`), blank);
  rows.push(...party('Exporter (shipper)', shipment.shipFrom), blank, ...party('Consignee', shipment.shipTo), blank);
  rows.push(text(`Terms of sale (Incoterm): ${shipment.incoterm}    Currency: ${shipment.currency}    Export reason: ${opts.exportReason ?? 'Sale of goods'}`), blank);
  rows.push([
    { x: COL.no, text: '#', size: 8, bold: true },
    { x: COL.description, text: 'Description', size: 8, bold: true },
    { x: COL.hs, text: 'HS code', size: 8, bold: true },
    { x: COL.origin, text: 'Origin', size: 8, bold: true },
    { x: COL.qty, text: 'Qty', size: 8, bold: true },
    { x: COL.unit, text: 'Unit value', size: 8, bold: true },
    { x: COL.value, text: 'Line value', size: 8, bold: true },
    { x: COL.kg, text: 'Net kg', size: 8, bold: true },
  ]);
  let total = Decimal.fromInt(0);
  let quantity = 0;
  let netKg = Decimal.fromInt(0);
  let allWeighed = true;
  shipment.items.forEach((item, i) => {
    if (item.value.currency !== shipment.currency) {
      throw new CommercialInvoiceError(shipment.id, `items[${i}].value.currency`, `is ${item.value.currency}, the invoice is in ${shipment.currency}: convert first`);
    }
    const value = Decimal.fromMoney(item.value);
    // Unit values to the currency's minor unit and one more place: 3 × 3.33 shows as 3.333, not a wrong 3.33.
    const exponent = value.toString().split('.')[1]?.length ?? 0;
    const unit = value.div(Decimal.fromInt(item.quantity), exponent + 1, 'half-even').normalize();
    const kg = weightOf(shipment, i);
    total = total.add(value);
    quantity += item.quantity;
    if (kg === undefined) allWeighed = false;
    else netKg = netKg.add(kg);
    const [first, ...more] = wrap(item.description, DESCRIPTION_WIDTH);
    rows.push([
      { x: COL.no, text: String(i + 1), size: 8 },
      { x: COL.description, text: first!, size: 8 },
      { x: COL.hs, text: item.hsCode, size: 8 },
      { x: COL.origin, text: item.originCountry, size: 8 },
      { x: COL.qty, text: String(item.quantity), size: 8 },
      { x: COL.unit, text: unit.toString(), size: 8 },
      { x: COL.value, text: formatMoney(item.value), size: 8 },
      { x: COL.kg, text: kg === undefined ? '-' : kg.toString(), size: 8 },
    ]);
    for (const m of more) rows.push([{ x: COL.description, text: m, size: 8 }]);
  });
  rows.push(blank);
  rows.push(text(`Total quantity: ${quantity}`));
  rows.push(text(`Total value of goods: ${money(total.toMoney(shipment.currency))}`, { bold: true }));
  if (shipment.shipping !== undefined) rows.push(text(`Freight: ${money(shipment.shipping)}`));
  if (shipment.insurance !== undefined) rows.push(text(`Insurance: ${money(shipment.insurance)}`));
  rows.push(text(`Total net weight: ${allWeighed ? `${netKg.toString()} kg` : 'not stated for every line'}`));
  if (shipment.parcels !== undefined) {
    const gross = shipment.parcels.reduce((s, p) => s.add(Decimal.tryParse(p.weightKg) ?? Decimal.fromInt(0)), Decimal.fromInt(0));
    rows.push(text(`Packages: ${shipment.parcels.length}, total gross weight ${gross.toString()} kg`));
  }
  rows.push(blank, text('Declaration', { bold: true }));
  for (const l of wrap('I declare that the information on this invoice is true and correct and that the contents of this shipment are as stated above.', 100)) rows.push(text(l));
  const signer = shipment.shipFrom.name ?? shipment.shipFrom.company;
  rows.push(text(`Exporter: ${[shipment.shipFrom.company, signer === shipment.shipFrom.company ? undefined : signer].filter((s) => s !== undefined).join(', ')}    Date: ${opts.invoice.date}`));
  return rows;
}

/** The content stream of one page: each run placed by its text matrix. */
function pageContent(rows: readonly Row[], page: number, pages: number): string {
  const ops: string[] = [];
  rows.forEach((row, r) => {
    const y = PAGE_H - MARGIN - (r + 1) * LEADING;
    for (const run of row) ops.push(`BT /${run.bold ? 'F2' : 'F1'} ${run.size} Tf 1 0 0 1 ${run.x} ${y} Tm ${literal(run.text)} Tj ET`);
  });
  ops.push(`BT /F1 8 Tf 1 0 0 1 ${PAGE_W - MARGIN - 60} ${MARGIN / 2} Tm ${literal(`Page ${page} of ${pages}`)} Tj ET`);
  return ops.join('\n');
}

/** The PDF file of the objects (numbered from 1 in order) with its xref table and trailer. */
function pdfFile(objects: readonly string[], title: string): Buffer {
  const chunks: string[] = [];
  let at = 0;
  const write = (s: string) => {
    chunks.push(s);
    at += Buffer.byteLength(s, 'latin1');
  };
  // The second line's bytes above 127 mark the file as binary for transfer tools.
  write('%PDF-1.4\n%\u00c7\u00e1\u00f1\u00ef\n');
  const offsets = objects.map((body, i) => {
    const offset = at;
    write(`${i + 1} 0 obj\n${body}\nendobj\n`);
    return offset;
  });
  const info = objects.length + 1;
  offsets.push(at);
  write(`${info} 0 obj\n<< /Title ${literal(title)} /Producer (Caravan) >>\nendobj\n`);
  const xref = at;
  const size = objects.length + 2;
  write(`xref\n0 ${size}\n0000000000 65535 f\r\n`);
  for (const o of offsets) write(`${o.toString().padStart(10, '0')} 00000 n\r\n`);
  write(`trailer\n<< /Size ${size} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.from(chunks.join(''), 'latin1');
}

/** The commercial invoice of `shipment` as PDF bytes; same input, same bytes. */
export function commercialInvoicePdf(shipment: Shipment, opts: CommercialInvoiceOptions): Buffer {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.invoice.date)) throw new CommercialInvoiceError(shipment.id, 'invoice.date', `must be YYYY-MM-DD, got "${opts.invoice.date}"`);
  if (opts.invoice.number.trim() === '') throw new CommercialInvoiceError(shipment.id, 'invoice.number', 'is empty');
  const rows = invoiceRows(shipment, opts);
  const pages: Row[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) pages.push(rows.slice(i, i + ROWS_PER_PAGE));
  // Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, then a page and its content per page.
  const pageIds = pages.map((_, i) => 5 + 2 * i);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((page, i) => {
    const content = pageContent(page, i + 1, pages.length);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
  });
  return pdfFile(objects, `Commercial invoice ${opts.invoice.number}`);
}
