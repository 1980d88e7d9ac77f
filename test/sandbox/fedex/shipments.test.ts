import { afterEach, describe, expect, it } from 'vitest';
import { startFedexSandbox, type FedexSandbox } from '../../../sandbox/fedex/index.js';
import { pdfProblems, pdfStrings } from '../dhl/pdf-check.js';
import { testClock } from '../dhl/dhl-client.js';
import { fedex, shipRequest, token, type FedexErrorBody } from './fedex-client.js';

let sandbox: FedexSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<{ sb: FedexSandbox; t: string }> {
  sandbox = await startFedexSandbox({ clock: testClock().now });
  return { sb: sandbox, t: await token(sandbox.url) };
}

interface PieceResponse {
  masterTrackingNumber: string;
  trackingNumber: string;
  packageSequenceNumber: number;
  packageDocuments: { contentType: string; docType: string; encodedLabel: string; trackingNumber: string }[];
}
interface ShipReply {
  transactionId: string;
  output: {
    transactionShipments: {
      masterTrackingNumber: string;
      serviceType: string;
      pieceResponses: PieceResponse[];
      shipmentDocuments: { contentType: string; encodedLabel: string }[];
      completedShipmentDetail: { shipmentRating: { shipmentRateDetails: { totalNetCharge: number; currency: string }[] } };
    }[];
  };
}

/** The request with one commodity field changed or removed (undefined). */
function withCommodity(reference: string, index: number, field: string, value: unknown): Record<string, unknown> {
  const body = shipRequest(reference) as { requestedShipment: { customsClearanceDetail: { commodities: Record<string, unknown>[] } } };
  const item = body.requestedShipment.customsClearanceDetail.commodities[index]!;
  if (value === undefined) delete item[field];
  else item[field] = value;
  return body;
}

describe('POST /ship/v1/shipments', () => {
  it('ships with a 12-digit master tracking number, a PDF label per package and the commercial invoice', async () => {
    const { sb, t } = await start();
    const r = await fedex<ShipReply>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-2001', 2));
    expect(r.status).toBe(200);
    const shipment = r.body.output.transactionShipments[0]!;
    expect(shipment.masterTrackingNumber).toMatch(/^\d{12}$/);
    expect(shipment.serviceType).toBe('INTERNATIONAL_PRIORITY');
    expect(shipment.pieceResponses.map((p) => p.packageSequenceNumber)).toEqual([1, 2]);
    expect(shipment.pieceResponses[0]!.trackingNumber).toBe(shipment.masterTrackingNumber);
    expect(shipment.pieceResponses[1]!.trackingNumber).toMatch(/^\d{12}$/);
    expect(shipment.pieceResponses[1]!.trackingNumber).not.toBe(shipment.masterTrackingNumber);
    for (const piece of shipment.pieceResponses) {
      const doc = piece.packageDocuments[0]!;
      expect(doc).toMatchObject({ contentType: 'LABEL', docType: 'PDF', trackingNumber: piece.trackingNumber });
      const pdf = Buffer.from(doc.encodedLabel, 'base64');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfProblems(pdf)).toEqual([]);
      expect(pdfStrings(pdf)).toContain(`TRK# ${piece.trackingNumber}`);
    }
    const invoice = Buffer.from(shipment.shipmentDocuments[0]!.encodedLabel, 'base64');
    expect(shipment.shipmentDocuments[0]!.contentType).toBe('COMMERCIAL_INVOICE');
    expect(pdfProblems(invoice)).toEqual([]);
    expect(pdfStrings(invoice)).toEqual(['COMMERCIAL INVOICE', `AWB ${shipment.masterTrackingNumber}`, '1. Cotton T-shirt x3 HS 610910 12.5 USD', '2. Leather belt x1 HS 420330 40 USD']);
    // Two packages of 1.2 kg (1.0 kg dimensional): 5 half kilos on zone C, 8470 + 18 % fuel.
    expect(shipment.completedShipmentDetail.shipmentRating.shipmentRateDetails[0]).toMatchObject({ totalNetCharge: 99.95, currency: 'USD' });
  });

  it('returns the same shipment for the same customer reference, counting one label for it', async () => {
    const { sb, t } = await start();
    const first = await fedex<ShipReply>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-2002'));
    const again = await fedex<ShipReply>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-2002'));
    expect(again.body).toEqual(first.body);
    await fedex<ShipReply>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-2003'));
    expect(sb.stats()).toMatchObject({ shipments: 2, requestsByReference: { 'ORDER-2002': 2, 'ORDER-2003': 1 }, labelsByReference: { 'ORDER-2002': 1, 'ORDER-2003': 1 } });
  });

  it.each([
    [0, 'harmonizedCode', undefined, 'requestedShipment.customsClearanceDetail.commodities[0].harmonizedCode'],
    [1, 'quantity', 0, 'requestedShipment.customsClearanceDetail.commodities[1].quantity'],
    [0, 'customsValue', undefined, 'requestedShipment.customsClearanceDetail.commodities[0].customsValue'],
    [1, 'countryOfManufacture', undefined, 'requestedShipment.customsClearanceDetail.commodities[1].countryOfManufacture'],
  ] as const)('refuses commodity %i without a valid %s, naming it', async (index, field, value, path) => {
    const { sb, t } = await start();
    const r = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, withCommodity('BAD', index, field, value));
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'INVALID.INPUT.EXCEPTION', parameterList: [{ key: 'FIELD', value: path }] });
    expect(r.body.errors[0]!.message).toContain(path);
    expect(sb.stats().shipments).toBe(0);
  });

  it('requires what the model requires of a shipment: totalWeight, labelStockType, the commercial invoice detail', async () => {
    const { sb, t } = await start();
    const fieldOf = async (change: (r: { requestedShipment: Record<string, Record<string, unknown>> }) => void): Promise<string | undefined> => {
      const body = shipRequest('REQ') as { requestedShipment: Record<string, Record<string, unknown>> };
      change(body);
      const r = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, body);
      expect(r.status).toBe(400);
      return r.body.errors[0]?.parameterList?.[0]?.value;
    };
    expect(await fieldOf((b) => delete b.requestedShipment.totalWeight)).toBe('requestedShipment.totalWeight');
    expect(await fieldOf((b) => delete b.requestedShipment.labelSpecification!.labelStockType)).toBe('requestedShipment.labelSpecification.labelStockType');
    expect(await fieldOf((b) => delete b.requestedShipment.customsClearanceDetail!.commercialInvoice)).toBe('requestedShipment.customsClearanceDetail.commercialInvoice');
    expect(await fieldOf((b) => delete (b.requestedShipment.recipients as unknown as Record<string, Record<string, unknown>>[])[0]!.contact!.phoneNumber)).toBe('requestedShipment.recipients[0].contact.phoneNumber');
  });

  it('requires a customs clearance detail for an international parcel and refuses a service the lane lacks', async () => {
    const { sb, t } = await start();
    const body = shipRequest('NO-CUSTOMS') as { requestedShipment: Record<string, unknown> };
    delete body.requestedShipment.customsClearanceDetail;
    const r = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, body);
    expect(r.status).toBe(400);
    expect(r.body.errors[0]!.parameterList).toEqual([{ key: 'FIELD', value: 'requestedShipment.customsClearanceDetail' }]);
    const ground = shipRequest('GROUND') as { requestedShipment: Record<string, unknown> };
    ground.requestedShipment.serviceType = 'FEDEX_GROUND';
    const g = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, ground);
    expect(g.status).toBe(400);
    expect(g.body.errors[0]!.code).toBe('SERVICE.UNAVAILABLE.ERROR');
  });
});

describe('PUT /ship/v1/shipments/cancel', () => {
  it('cancels once; a second cancellation and an unknown number are errors', async () => {
    const { sb, t } = await start();
    const shipped = await fedex<ShipReply>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-2004'));
    const trackingNumber = shipped.body.output.transactionShipments[0]!.masterTrackingNumber;
    const cancel = { accountNumber: { value: '740561073' }, deletionControl: 'DELETE_ALL_PACKAGES', trackingNumber };
    const first = await fedex<{ output: { cancelledShipment: boolean } }>(sb.url, 'PUT', '/ship/v1/shipments/cancel', t, cancel);
    expect(first.status).toBe(200);
    expect(first.body.output).toEqual({ cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' });
    const second = await fedex<FedexErrorBody>(sb.url, 'PUT', '/ship/v1/shipments/cancel', t, cancel);
    expect(second.status).toBe(404);
    expect(second.body.errors[0]!.code).toBe('NOT.FOUND.ERROR');
    const unknown = await fedex<FedexErrorBody>(sb.url, 'PUT', '/ship/v1/shipments/cancel', t, { ...cancel, trackingNumber: '999999999999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]!.code).toBe('TRACKING.TRACKINGNUMBER.NOTFOUND');
    expect(sb.stats().cancellations).toBe(1);
  });
});

describe('POST /documents/v1/etds/upload', () => {
  function form(document: unknown, attachment: Buffer | undefined): FormData {
    const data = new FormData();
    if (document !== undefined) data.append('document', JSON.stringify(document));
    if (attachment !== undefined) data.append('attachment', new Blob([attachment], { type: 'application/pdf' }), 'invoice.pdf');
    return data;
  }
  const DOCUMENT = {
    workflowName: 'ETDPostshipment',
    carrierCode: 'FDXE',
    name: 'invoice.pdf',
    contentType: 'application/pdf',
    meta: { shipDocumentType: 'COMMERCIAL_INVOICE', trackingNumber: '794791292805', shipmentDate: '2026-03-16T00:00:00', originCountryCode: 'US', destinationCountryCode: 'DE' },
  };

  it('takes the multipart document and answers 201 with a docId', async () => {
    const { sb, t } = await start();
    const res = await fetch(`${sb.url}/documents/v1/etds/upload`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'x-customer-transaction-id': 'etd-1' }, body: form(DOCUMENT, Buffer.from('%PDF-1.4 invoice')) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { output: { meta: { documentType: string; docId: string; folderId: string[] } }; customerTransactionId: string };
    expect(body.output.meta.documentType).toBe('CI');
    expect(body.output.meta.docId).toMatch(/^[0-9a-f]{16}$/);
    expect(body.output.meta.folderId[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(body.customerTransactionId).toBe('etd-1');
    expect(sb.stats().etdUploads).toBe(1);
  });

  it('lets a shipment name a pre-shipment document it uploaded, and refuses one it did not', async () => {
    const { sb, t } = await start();
    const pre = { ...DOCUMENT, workflowName: 'ETDPreshipment', meta: { shipDocumentType: 'COMMERCIAL_INVOICE', originCountryCode: 'US', destinationCountryCode: 'DE' } };
    const res = await fetch(`${sb.url}/documents/v1/etds/upload`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, body: form(pre, Buffer.from('%PDF-1.4 invoice')) });
    expect(res.status).toBe(201);
    const { docId } = ((await res.json()) as { output: { meta: { docId: string } } }).output.meta;
    const withDocs = (reference: string, documentId: string) => {
      const body = shipRequest(reference) as { requestedShipment: Record<string, unknown> };
      body.requestedShipment.shipmentSpecialServices = { specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'], etdDetail: { attachedDocuments: [{ documentType: 'COMMERCIAL_INVOICE', documentReference: 'DocumentReference', description: 'invoice', documentId }] } };
      return body;
    };
    expect((await fedex(sb.url, 'POST', '/ship/v1/shipments', t, withDocs('ETD-OK', docId))).status).toBe(200);
    const unknown = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, withDocs('ETD-BAD', '090493e1ffffffff'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]!.parameterList).toEqual([{ key: 'FIELD', value: 'requestedShipment.shipmentSpecialServices.etdDetail.attachedDocuments[0].documentId' }]);
  });

  it('refuses a missing attachment or a post-shipment document without tracking number (400 code 1001), and a bad token with its own code', async () => {
    const { sb, t } = await start();
    const post = (body: FormData, bearer = t) => fetch(`${sb.url}/documents/v1/etds/upload`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body });
    const noFile = await post(form(DOCUMENT, undefined));
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toEqual({ errors: [{ code: '1001', message: 'Invalid request: invalid input : Invalid document details' }] });
    const noNumber = await post(form({ ...DOCUMENT, meta: { shipDocumentType: 'COMMERCIAL_INVOICE' } }, Buffer.from('x')));
    expect(noNumber.status).toBe(400);
    const badToken = await post(form(DOCUMENT, Buffer.from('x')), 'nope');
    expect(badToken.status).toBe(401);
    expect(await badToken.json()).toEqual({ errors: [{ code: 'AUTHENTICATION.TOKEN.INVALID', message: 'Invalid token passed in the request' }] });
  });
});
