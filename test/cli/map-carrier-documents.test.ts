/**
 * `caravan map` on the carriers' other replies: proof of delivery (documents by reference, no
 * content printed), courier pickups (MyDHL JSON, namespaced DHL XML, FedEx), FedEx shipment
 * cancellation and ETD uploads; their error replies exit 1 with the carrier's code and message.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const DHL = join(FIX, 'dhl', 'carrier');
const FEDEX = join(FIX, 'fedex');
const write = scratchFiles('caravan-map-carrier-documents-');
/** A tiny valid PDF, base64: what a MyDHL ePOD `content` holds (the description's example is prose). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n').toString('base64');

afterEach(() => {
  process.exitCode = undefined;
});

async function records(kind: string, file: string): Promise<Record<string, unknown>[]> {
  const { code, stdout, stderr } = await caravanMap(kind, file);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).not.toMatch(/JVBERi0|iVBORw0/);
  return JSON.parse(stdout) as Record<string, unknown>[];
}

describe('proof of delivery', () => {
  it('fedex.proof-of-delivery: the signature proof of delivery by reference', async () => {
    const [pod, ...rest] = await records('fedex.proof-of-delivery', join(FEDEX, 'samples', 'tracking__ProofOfDeliveryResponse.json'));
    expect(rest).toEqual([]);
    expect(pod).toMatchObject({ recordType: 'proof-of-delivery', carrier: 'fedex', documentType: 'SIGNATURE_PROOF_OF_DELIVERY', notes: [{ code: 'VIRTUAL.RESPONSE', message: 'This is a Virtual Response.' }] });
    expect((pod!.documents as unknown[])[0]).toMatchObject({ type: 'signature_proof_of_delivery', format: 'PDF', encoding: 'base64', path: 'output.documents[0]' });
    expect(((pod!.documents as { sizeBytes: number }[])[0]!).sizeBytes).toBeGreaterThan(1000);
  });

  it('dhl.proof-of-delivery: the MyDHL ePOD reply as its description gives it', async () => {
    const file = write('epod.json', { documents: [{ encodingFormat: 'PDF', content: PDF, typeCode: 'POD' }] });
    const [pod] = await records('dhl.proof-of-delivery', file);
    expect(pod).toEqual({
      recordType: 'proof-of-delivery',
      carrier: 'dhl',
      documentType: 'POD',
      documents: [{ type: 'pod', format: 'PDF', encoding: 'base64', path: 'documents[0].content', base64Length: PDF.length, sizeBytes: Buffer.from(PDF, 'base64').length }],
      notes: [],
    });
  });

  it('dhl.proof-of-delivery: a reply without documents is refused naming the field; DHL\'s problem document is its error', async () => {
    const empty = await caravanMap('dhl.proof-of-delivery', write('epod-empty.json', { documents: [] }));
    expect(empty.code).toBe(1);
    expect(empty.stdout + empty.stderr).toContain('documents');
    const problem = write('epod-404.json', { instance: '/expressapi/shipments/1234567890/proof-of-delivery', detail: 'ePOD not found', title: 'Not Found', message: 'Not Found', status: '404' });
    const { code, stderr } = await caravanMap('dhl.proof-of-delivery', problem);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from DHL, code 404');
  });
});

describe('pickups', () => {
  it.each([
    ['dhl.pickup', join(DHL, 'mydhl', 'pickup__PickupResponse.json'), { action: 'booked', confirmationNumbers: ['PRG999123456', 'PRG999123457'], readyByTime: '09:00', nextPickupDate: '2024-01-15' }],
    ['dhl.pickup', join(DHL, 'mydhl', 'pickup__PickupUpdateResponse.json'), { action: 'changed', confirmationNumbers: ['PRG999123456'], nextPickupDate: '2024-01-16' }],
    ['dhl.pickup', join(DHL, 'mydhl', 'pickup__PickupCancelResponse.json'), { action: 'cancelled', confirmationNumbers: ['PRG999123456'] }],
    ['dhl.pickup', join(DHL, 'xml', 'pickup__PickupResponseXML.xml'), { action: 'booked', confirmationNumbers: ['3674'], readyByTime: '10:30:00', callInTime: '08:30:00', location: 'BEL', message: 'Success', notes: [{ code: 'PU021' }] }],
    ['dhl.pickup', join(DHL, 'xml', 'pickup__ModifyPUResponseXML.xml'), { action: 'changed', confirmationNumbers: ['100629'], location: 'JCC' }],
    ['dhl.pickup', join(DHL, 'xml', 'pickup__CancelPUResponseXML.xml'), { action: 'cancelled', confirmationNumbers: ['100129'], location: 'GB' }],
    ['fedex.pickup', join(FEDEX, 'samples', 'pickup__PickupResponse.json'), { action: 'booked', confirmationNumbers: ['3001'], location: 'COSA', message: 'Courier on the way', notes: [{ code: 'SHIP.RECIPIENT.POSTALCITY.MISMATCH', type: 'NOTE' }] }],
    ['fedex.pickup', join(FEDEX, 'doc-examples', 'cancel_pickup_response.json'), { action: 'cancelled', confirmationNumbers: ['NQAA97'], message: 'Requested pickup has been cancelled Successfully.' }],
  ])('%s %s', async (kind, file, expected) => {
    const [pickup, ...rest] = await records(kind, file);
    expect(rest).toEqual([]);
    expect(pickup).toMatchObject({ recordType: 'pickup', carrier: kind.split('.')[0], ...expected });
  });

  it('dhl.pickup: MyDHL\'s pickup error reply exits 1 with DHL\'s code', async () => {
    const { code, stderr } = await caravanMap('dhl.pickup', join(DHL, 'mydhl', 'pickup__ErrorResponse.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from DHL, code 400, not a DHL pickup reply');
  });

  it('dhl.pickup: the XML reply of another service is named', async () => {
    const { code, stderr } = await caravanMap('dhl.pickup', join(DHL, 'xml', 'tracking__TrackingResponseXML.xml'));
    expect(code).toBe(1);
    expect(stderr).toContain('dhl.tracking');
  });
});

describe('FedEx cancellation and ETD upload', () => {
  it.each([join(FEDEX, 'samples', 'shipment__ShipmentCancelResponse.json'), join(FEDEX, 'doc-examples', 'cancel_response.json')])('fedex.cancel %s', async (file) => {
    expect(await records('fedex.cancel', file)).toEqual([
      { recordType: 'shipment-cancellation', carrier: 'fedex', cancelled: true, historyCancelled: true, message: 'Success', notes: [{ code: 'SHIP.RECIPIENT.POSTALCITY.MISMATCH', type: 'NOTE', message: 'Recipient Postal-City Mismatch.' }] },
    ]);
  });

  it('fedex.cancel: booleans as text, and an alerts string (as FedEx sends in some replies)', async () => {
    const file = write('cancel-text.json', { transactionId: 't', output: { cancelledShipment: 'false', successMessage: '', alerts: 'Shipment already tendered' } });
    expect(await records('fedex.cancel', file)).toEqual([{ recordType: 'shipment-cancellation', carrier: 'fedex', cancelled: false, notes: [{ message: 'Shipment already tendered' }] }]);
  });

  it('fedex.document-upload: the ETD document id a shipment then names', async () => {
    expect(await records('fedex.document-upload', join(FEDEX, 'samples', 'document__DocumentUploadResponse.json'))).toEqual([
      { recordType: 'trade-document', carrier: 'fedex', documentId: '090493e181586308', documentType: 'CO', folderIds: ['0b0493e1812f8921'] },
    ]);
  });

  it.each(['fedex.cancel', 'fedex.pickup', 'fedex.document-upload', 'fedex.proof-of-delivery'])('%s: FedEx\'s errors envelope exits 1 with its code', async (kind) => {
    const file = write(`err-${kind}.json`, { transactionId: 'x', errors: [{ code: 'SHIPMENT.CANCEL.NOTALLOWED', message: 'Shipment cannot be cancelled.' }] });
    const { code, stderr } = await caravanMap(kind, file);
    expect(code).toBe(1);
    expect(stderr).toContain('is an error reply from FedEx, code SHIPMENT.CANCEL.NOTALLOWED');
  });

  it('a FedEx proof of delivery given as tracking says which kind maps it', async () => {
    const { code, stderr } = await caravanMap('fedex.tracking', join(FEDEX, 'samples', 'tracking__ProofOfDeliveryResponse.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('try `caravan map fedex.proof-of-delivery');
  });
});
