import { afterEach, describe, expect, it } from 'vitest';
import { renderPdf, startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { dutiableShipment, myDhl, testClock } from './dhl-client.js';
import { pdfProblems, pdfStrings } from './pdf-check.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<DhlSandbox> {
  sandbox = await startDhlSandbox({ clock: testClock().now });
  return sandbox;
}

interface Created {
  shipmentTrackingNumber: string;
  trackingUrl: string;
  packages: { referenceNumber: number; trackingNumber: string }[];
  documents: { imageFormat: string; content: string; typeCode: string }[];
  shipmentCharges: { currencyType: string; priceCurrency: string; price: number }[];
  estimatedDeliveryDate: { estimatedDeliveryDate: string; estimatedDeliveryType: string };
}

/** A deep copy of the request with one field changed or removed (undefined). */
function changed(reference: string, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const body = structuredClone(dutiableShipment(reference));
  let node: Record<string | number, unknown> = body;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return body;
}

describe('tiny PDF', () => {
  it('is a valid PDF: header, xref offsets pointing at "n 0 obj", trailer, %%EOF, and escaped text', () => {
    const pdf = renderPdf({ title: 'DHL EXPRESS', lines: ['WAYBILL 1234567890', 'a (bracketed) back\\slash', 'Zürich'] });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    expect(pdfProblems(pdf)).toEqual([]);
    expect(pdfStrings(pdf)).toEqual(['DHL EXPRESS', 'WAYBILL 1234567890', 'a (bracketed) back\\slash', 'Z?rich']);
    expect(pdf.length).toBeLessThan(2000);
  });

  it('the checker itself catches a shifted offset', () => {
    const pdf = renderPdf({ lines: ['x'] });
    const broken = Buffer.from(pdf.toString('latin1').replace('%PDF-1.4\n', '%PDF-1.4\n\n'), 'latin1');
    expect(pdfProblems(broken).length).toBeGreaterThan(0);
  });
});

describe('POST /shipments', () => {
  it('creates a dutiable shipment: 10-digit waybill, piece IDs, a PDF label with the waybill, and the commercial invoice', async () => {
    const sb = await start();
    const r = await myDhl<Created>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-1001') });
    expect(r.status).toBe(201);
    expect(r.headers.get('message-reference')).toHaveLength(36);
    const { shipmentTrackingNumber: waybill } = r.body;
    expect(waybill).toMatch(/^\d{10}$/);
    expect(r.body.trackingUrl).toBe(`${sb.url}/mydhlapi/test/shipments/${waybill}/tracking`);
    expect(r.body.packages).toEqual([{ referenceNumber: 1, trackingNumber: `JD0146${waybill}0001`, trackingUrl: `${r.body.trackingUrl}?pieceTrackingNumber=JD0146${waybill}0001` }]);
    expect(r.body.documents.map((d) => [d.typeCode, d.imageFormat])).toEqual([['label', 'PDF'], ['invoice', 'PDF']]);
    const label = Buffer.from(r.body.documents[0]!.content, 'base64');
    expect(pdfProblems(label)).toEqual([]);
    expect(pdfStrings(label)).toContain(`WAYBILL ${waybill}`);
    const invoice = Buffer.from(r.body.documents[1]!.content, 'base64');
    expect(pdfProblems(invoice)).toEqual([]);
    expect(pdfStrings(invoice)).toEqual(expect.arrayContaining(['COMMERCIAL INVOICE', 'Invoice INV-2026-0001 of 2026-03-16', '1. Ceramic mug x6 HS 691200 15 EUR', '2. Green tea x1 HS 090210 30 EUR']));
    expect(r.body.shipmentCharges).toEqual([{ currencyType: 'BILLC', priceCurrency: 'EUR', price: 85.08 }]);
    expect(r.body.estimatedDeliveryDate).toEqual({ estimatedDeliveryDate: '2026-03-19T23:59:00Z', estimatedDeliveryType: 'QDDC' });
  });

  it('returns the same shipment for the same customer reference, and counts one label for it', async () => {
    const sb = await start();
    const first = await myDhl<Created>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-1002') });
    const again = await myDhl<Created>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-1002') });
    const other = await myDhl<Created>(sb.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-1003') });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(other.body.shipmentTrackingNumber).not.toBe(first.body.shipmentTrackingNumber);
    const stats = sb.stats();
    expect(stats.shipments).toBe(2);
    expect(stats.requestsByReference).toEqual({ 'ORDER-1002': 2, 'ORDER-1003': 1 });
    expect(stats.labelsByReference).toEqual({ 'ORDER-1002': 1, 'ORDER-1003': 1 });
    const admin = (await (await fetch(`${sb.url}/_sandbox/stats`)).json()) as { labelsByReference: Record<string, number>; calls: Record<string, number> };
    expect(admin.labelsByReference['ORDER-1002']).toBe(1);
    expect(admin.calls.createShipment).toBe(3);
  });

  it.each([
    [['content', 'exportDeclaration', 'lineItems', 1, 'commodityCodes'], undefined, 400, '#/content/exportDeclaration/lineItems/1/commodityCodes: commodity code (HS code) is required for every line item of a dutiable shipment'],
    [['content', 'exportDeclaration', 'lineItems', 0, 'quantity'], undefined, 422, '#/content/exportDeclaration/lineItems/0: required key [quantity] not found'],
    [['content', 'exportDeclaration', 'lineItems', 0, 'quantity', 'value'], 0, 422, '#/content/exportDeclaration/lineItems/0/quantity/value: 0 is not greater or equal to 1'],
    [['content', 'exportDeclaration', 'lineItems', 0, 'price'], undefined, 422, '#/content/exportDeclaration/lineItems/0: required key [price] not found'],
    [['content', 'exportDeclaration', 'lineItems', 1, 'manufacturerCountry'], undefined, 422, '#/content/exportDeclaration/lineItems/1: required key [manufacturerCountry] not found'],
    [['content', 'exportDeclaration'], undefined, 400, '#/content/exportDeclaration: export declaration is required for a dutiable shipment (isCustomsDeclarable true)'],
    [['content', 'declaredValue'], undefined, 400, '#/content/declaredValue: declared value is required for a dutiable shipment (isCustomsDeclarable true)'],
    [['content', 'exportDeclaration', 'invoice', 'date'], undefined, 422, '#/content/exportDeclaration/invoice: required key [date] not found'],
    [['customerDetails', 'receiverDetails', 'postalAddress', 'countryCode'], undefined, 422, '#/customerDetails/receiverDetails/postalAddress: required key [countryCode] not found'],
    [['productCode'], undefined, 422, '#: required key [productCode] not found'],
    [['customerDetails', 'shipperDetails', 'postalAddress', 'postalCode'], undefined, 422, '#/customerDetails/shipperDetails/postalAddress: required key [postalCode] not found'],
    [['content', 'packages', 0, 'dimensions', 'height'], undefined, 422, '#/content/packages/0/dimensions: required key [height] not found'],
    [['content', 'incoterm'], 'XXX', 422, '#/content/incoterm: XXX is not a valid enum value'],
  ] as const)('refuses %j = %j with %i naming the field', async (path, value, status, detail) => {
    const sb = await start();
    const r = await myDhl(sb.url, 'POST', '/shipments', { body: changed('ORDER-BAD', path, value) });
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ instance: '/expressapi/shipments', detail, title: status === 422 ? 'Validation error' : 'Bad request', message: status === 422 ? 'Unprocessable Entity' : 'Bad request', status: String(status) });
    expect(sb.stats().shipments).toBe(0);
    expect(sb.stats().labelsByReference).toEqual({});
  });

  it('needs no declaration for a document shipment (nor package dimensions), and refuses a product the lane does not offer', async () => {
    const sb = await start();
    const docs = changed('DOCS-1', ['content', 'isCustomsDeclarable'], false);
    delete ((docs.content as { packages: Record<string, unknown>[] }).packages[0] as Record<string, unknown>).dimensions;
    (docs as { productCode: string }).productCode = 'D';
    delete (docs.content as Record<string, unknown>).exportDeclaration;
    (docs.outputImageProperties as { imageOptions: unknown[] }).imageOptions = [];
    const r = await myDhl<Created>(sb.url, 'POST', '/shipments', { body: docs });
    expect(r.status).toBe(201);
    expect(r.body.documents.map((d) => d.typeCode)).toEqual(['label']);
    const wrong = await myDhl(sb.url, 'POST', '/shipments', { body: changed('ORDER-N', ['productCode'], 'N') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/^Product N is not available between DE and US/);
  });

  it('asks paperless trade for an invoice image or a generated invoice', async () => {
    const sb = await start();
    const plt = changed('PLT-1', ['valueAddedServices'], [{ serviceCode: 'WY' }]);
    (plt.outputImageProperties as { imageOptions: unknown[] }).imageOptions = [];
    const refused = await myDhl(sb.url, 'POST', '/shipments', { body: plt });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/^#\/documentImages: paperless trade/);
    plt.documentImages = [{ typeCode: 'INV', imageFormat: 'PDF', content: renderPdf({ lines: ['invoice'] }).toString('base64') }];
    expect((await myDhl(sb.url, 'POST', '/shipments', { body: plt })).status).toBe(201);
  });
});
