/**
 * The hand-written commercial invoice PDF: a well-formed file (header, every xref offset
 * pointing at its object, startxref at the table), the invoice's facts in its text, the same
 * bytes for the same input, and non-Latin text printed as `?` without breaking the file.
 */
import { describe, expect, it } from 'vitest';
import { commercialInvoicePdf, CommercialInvoiceError, invoiceText } from '../../../engines/shipping/index.js';
import type { Shipment } from '../../../mappings/canonical/index.js';

const SHIPMENT: Shipment = {
  id: 'amazon-eu/302-0000001',
  shipFrom: { name: 'Lena Vogel', company: 'Vogel Leder GmbH', lines: ['Friedrichstraße 10'], city: 'Berlin', postalCode: '10117', country: 'DE', phone: '+49301234567' },
  shipTo: { name: 'Sam (Buyer)', lines: ['350 5th Ave'], city: 'New York', region: 'NY', postalCode: '10118', country: 'US', phone: '+12125550100' },
  incoterm: 'DDP',
  currency: 'EUR',
  items: [
    { id: 'L1', sku: 'BAG-01', description: 'Leather handbag, full-grain calf leather with brass buckle and cotton lining', hsCode: '420221', originCountry: 'IT', quantity: 2, value: { amountMinor: 25000, currency: 'EUR' }, weightKg: '1.6' },
    { id: 'L2', sku: 'SCF-02', description: '丝绸围巾 silk scarf', hsCode: '621410', originCountry: 'CN', quantity: 3, value: { amountMinor: 1000, currency: 'EUR' }, weightKg: '0.3' },
  ],
  parcels: [{ id: '1', weightKg: '2.1', items: [] }],
  orderRef: { channel: 'amazon-eu', externalId: '302-0000001' },
  refs: {},
};
const INVOICE = { invoice: { number: 'INV-302-0000001', date: '2026-03-16' } };

/** The text of every `(…) Tj` in the file, escapes undone. */
function shownText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  return [...s.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) => m[1]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))).replace(/\\(.)/g, '$1')).join('\n');
}

describe('commercial invoice PDF', () => {
  const pdf = commercialInvoicePdf(SHIPMENT, INVOICE);
  const s = pdf.toString('latin1');

  it('is a PDF 1.4 whose cross-reference table points at each object', () => {
    expect(s.startsWith('%PDF-1.4\n')).toBe(true);
    expect(s.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)![1]);
    expect(s.slice(startxref, startxref + 5)).toBe('xref\n');
    const table = /^xref\n0 (\d+)\n/.exec(s.slice(startxref))!;
    const size = Number(table[1]);
    const entries = s.slice(startxref + table[0].length).match(/^(\d{10}) (\d{5}) ([nf])\r\n/gm)!.slice(0, size);
    expect(entries).toHaveLength(size);
    expect(entries[0]).toBe('0000000000 65535 f\r\n');
    // Computed independently: where each `n 0 obj` really starts.
    const found = [...s.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)].map((m) => ({ n: Number(m[1]), at: m.index + (m[0].startsWith('\n') ? 1 : 0) }));
    expect(found.map((f) => f.n)).toEqual(Array.from({ length: size - 1 }, (_, i) => i + 1));
    for (const f of found) expect(Number(entries[f.n]!.slice(0, 10))).toBe(f.at);
    expect(s).toMatch(new RegExp(`trailer\\n<< /Size ${size} /Root 1 0 R /Info ${size - 1} 0 R >>`));
  });

  it('declares each stream by its exact length', () => {
    for (const m of s.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index + m[0].length;
      expect(s.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
    }
  });

  it('shows the invoice number and date, both parties, incoterm, currency, every line and HS code, totals and the declaration', () => {
    const t = shownText(pdf);
    for (const expected of ['COMMERCIAL INVOICE', 'Invoice number: INV-302-0000001', 'Invoice date: 2026-03-16', 'Vogel Leder GmbH', 'Friedrichstraße 10', 'Sam (Buyer)', 'New York', 'Incoterm): DDP', 'Currency: EUR', 'Export reason: Sale of goods', '420221', '621410', 'IT', 'CN', '125', '250.00', '3.333', '10.00', 'Total quantity: 5', 'Total value of goods: 260.00 EUR', 'Total net weight: 1.9 kg', 'Packages: 1, total gross weight 2.1 kg', 'I declare that the information on this invoice is true and correct']) {
      expect(t).toContain(expected);
    }
    // A description too long for its column wraps onto the next row; nothing is cut.
    expect(t).toContain('\nLeather handbag, full-grain calf\n');
    expect(t).toContain('\nleather with brass buckle and cotton\n');
    expect(t).toContain('\nlining\n');
  });

  it('prints text the standard fonts lack as ?, Latin-1 as WinAnsi bytes, and stays ASCII in the file body', () => {
    expect(invoiceText('丝绸 Łódź Ősz')).toBe('?? ?ódz Osz');
    expect(shownText(pdf)).toContain('\n???? silk scarf\n');
    // ß is written as an octal escape: no raw byte above 127 after the binary marker line.
    expect(/[^\x00-\x7f]/.test(s.slice(s.indexOf('\n', 9) + 1))).toBe(false);
    expect(s).toContain('Friedrichstra\\337e 10');
  });

  it('is the same bytes for the same input, other bytes for another invoice', () => {
    expect(commercialInvoicePdf(structuredClone(SHIPMENT), INVOICE).equals(pdf)).toBe(true);
    expect(commercialInvoicePdf(SHIPMENT, { invoice: { ...INVOICE.invoice, date: '2026-03-17' } }).equals(pdf)).toBe(false);
  });

  it('continues on further pages when the lines do not fit one', () => {
    const many = { ...SHIPMENT, items: Array.from({ length: 90 }, (_, i) => ({ ...SHIPMENT.items[0]!, id: `L${i}`, hsCode: String(420200 + i) })) };
    const big = commercialInvoicePdf(many, INVOICE).toString('latin1');
    const count = Number(/\/Type \/Pages \/Kids \[[^\]]+\] \/Count (\d+)/.exec(big)![1]);
    expect(count).toBeGreaterThan(2);
    for (let i = 0; i < 90; i++) expect(big).toContain(`(${420200 + i}) Tj`);
    expect(big).toContain(`(Page ${count} of ${count}) Tj`);
  });

  it('refuses a line in another currency, naming the shipment and field', () => {
    const mixed = { ...SHIPMENT, items: [SHIPMENT.items[0]!, { ...SHIPMENT.items[1]!, value: { amountMinor: 1000, currency: 'USD' } }] };
    expect(() => commercialInvoicePdf(mixed, INVOICE)).toThrow(CommercialInvoiceError);
    expect(() => commercialInvoicePdf(mixed, INVOICE)).toThrow('commercial invoice of shipment amazon-eu/302-0000001: items[1].value.currency is USD');
  });
});
