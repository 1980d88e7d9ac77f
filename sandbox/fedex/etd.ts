/**
 * Trade Documents Upload (POST /documents/v1/etds/upload): multipart/form-data with a JSON
 * `document` part (ETDUploadRequest: workflowName, name, contentType, meta.shipDocumentType,
 * meta.trackingNumber after shipment) and the file as `attachment`. 201 with the docId to
 * quote in the shipment; a malformed request gets the model's 400 code "1001".
 */
import { FedexError, isRecord } from './errors.js';

export interface FormPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578), by name. */
export function parseMultipart(body: Buffer, contentType: string | undefined): Map<string, FormPart> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const parts = new Map<string, FormPart>();
  if (!boundary || !/^multipart\/form-data/i.test(contentType ?? '')) return parts;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // Between delimiters: CRLF, headers, CRLF CRLF, data, CRLF.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
      if (disposition) {
        parts.set(disposition[1] as string, {
          name: disposition[1] as string,
          ...(disposition[2] !== undefined ? { filename: disposition[2] } : {}),
          ...(type ? { contentType: (type[1] as string).trim() } : {}),
          data: part.subarray(split + 4),
        });
      }
    }
    at = next;
  }
  return parts;
}

/** DocumentMetaOutput: the documentType code returned per shipDocumentType. */
const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  CERTIFICATE_OF_ORIGIN: 'CO',
  COMMERCIAL_INVOICE: 'CI',
  ETD_LABEL: 'AWB',
  USMCA_CERTIFICATE_OF_ORIGIN: 'CO',
  USMCA_COMMERCIAL_INVOICE_CERTIFICATION_OF_ORIGIN: 'CI',
  OTHER: 'OTHER',
  PRO_FORMA_INVOICE: 'PRO',
};

const invalid = (): FedexError => new FedexError(400, '1001', 'Invalid request: invalid input : Invalid document details');

export interface EtdUpload {
  readonly documentType: string;
  readonly workflowName: string;
  readonly trackingNumber?: string;
  readonly name: string;
  readonly bytes: number;
}

export function readEtdUpload(parts: Map<string, FormPart>): EtdUpload {
  const documentPart = parts.get('document');
  const attachment = parts.get('attachment');
  if (!documentPart || !attachment || attachment.data.length === 0) throw invalid();
  let document: unknown;
  try {
    document = JSON.parse(documentPart.data.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!isRecord(document) || !isRecord(document.meta)) throw invalid();
  const { workflowName, name, contentType } = document;
  const { shipDocumentType, trackingNumber } = document.meta;
  if (workflowName !== 'ETDPreshipment' && workflowName !== 'ETDPostshipment') throw invalid();
  if (typeof name !== 'string' || typeof contentType !== 'string' || typeof shipDocumentType !== 'string') throw invalid();
  const documentType = DOCUMENT_TYPES[shipDocumentType];
  if (documentType === undefined) throw invalid();
  if (workflowName === 'ETDPostshipment' && typeof trackingNumber !== 'string') throw invalid();
  return { documentType, workflowName, ...(typeof trackingNumber === 'string' ? { trackingNumber } : {}), name, bytes: attachment.data.length };
}
