/**
 * FedEx Ship API: POST /ship/v1/shipments (Full_Schema_Ship) and PUT
 * /ship/v1/shipments/cancel. An international shipment that is not documents only must
 * carry customsClearanceDetail.commodities, each with what customs asks for; a bad field is
 * a 400 naming it. The reply has the 12-digit masterTrackingNumber, per package a PDF
 * label as encodedLabel, and the commercial invoice when shippingDocumentSpecification asks.
 *
 * Idempotency by customer reference (CUSTOMER_REFERENCE on the first package, else on the
 * commercial invoice): the real Ship API has no such guarantee, a second request ships a
 * second time. The sandbox answers a repeated reference with the shipment it made, and
 * counts requests and labels per reference, so a test sees what the caller did.
 */
import { arrayAt, FedexError, invalidInput, isRecord, numberAt, objectAt, stringAt } from './errors.js';
import { fedexDocumentPdf } from './label-pdf.js';
import { laneOf, quoteService, serviceOnLane, wireAmount, type FedexPackage } from './rates.js';

export interface FedexParty {
  readonly countryCode: string;
  readonly city: string;
  readonly postalCode: string;
  readonly personName: string;
}

export interface FedexShipmentRecord {
  readonly masterTrackingNumber: string;
  readonly trackingNumbers: readonly string[];
  readonly createdAtMs: number;
  readonly reference?: string;
  readonly serviceType: string;
  readonly serviceName: string;
  readonly shipper: FedexParty;
  readonly recipient: FedexParty;
  readonly packages: readonly FedexPackage[];
  readonly dutiable: boolean;
  readonly estimatedDelivery: string;
  readonly reply: Record<string, unknown>;
  cancelledAtMs?: number;
}

/**
 * The n-th tracking number of a seed: n ↦ 10¹¹ + (seed + n)·7¹³ mod 9·10¹¹ never repeats
 * (7¹³ is coprime to 9·10¹¹) and its last digit cycles through all ten values, so one in
 * ten ends in 7 (the long customs hold).
 */
export function fedexTrackingNumber(seed: number, n: number): string {
  return String(100_000_000_000 + (((seed + n) * 96_889_010_407) % 900_000_000_000));
}

function partyOf(party: unknown, path: string): FedexParty {
  const address = objectAt(party, 'address', path);
  const contact = isRecord(party) && isRecord(party.contact) ? party.contact : undefined;
  if (!contact) throw invalidInput(`${path}.contact`);
  const countryCode = stringAt(address, 'countryCode', `${path}.address`);
  const city = stringAt(address, 'city', `${path}.address`);
  arrayAt(address, 'streetLines', `${path}.address`);
  stringAt(contact, 'phoneNumber', `${path}.contact`);
  const personName = [contact.personName, contact.companyName].find((n): n is string => typeof n === 'string' && n !== '') ?? '';
  const postalCode = address.postalCode;
  if (postalCode !== undefined && typeof postalCode !== 'string') throw invalidInput(`${path}.address.postalCode`, 'must be a string');
  return { countryCode, city, postalCode: postalCode ?? '', personName };
}

function checkCommodities(customs: Record<string, unknown>): Record<string, unknown>[] {
  const base = 'requestedShipment.customsClearanceDetail';
  return arrayAt(customs, 'commodities', base).map((item, i) => {
    const at = `${base}.commodities[${i}]`;
    if (!isRecord(item)) throw invalidInput(at);
    stringAt(item, 'description', at);
    stringAt(item, 'countryOfManufacture', at);
    numberAt(item, 'quantity', at, 1);
    stringAt(item, 'quantityUnits', at);
    const value = isRecord(item.customsValue) ? item.customsValue : undefined;
    if (!value) throw invalidInput(`${at}.customsValue`);
    numberAt(value, 'amount', `${at}.customsValue`, 0);
    stringAt(value, 'currency', `${at}.customsValue`);
    const weight = isRecord(item.weight) ? item.weight : undefined;
    if (!weight) throw invalidInput(`${at}.weight`);
    numberAt(weight, 'value', `${at}.weight`, 0);
    // Optional in the schema; the sandbox, like customs, wants the HS code of every dutiable line.
    const hs = item.harmonizedCode;
    if (typeof hs !== 'string' || !/^[0-9A-Z.]{6,14}$/.test(hs)) throw invalidInput(`${at}.harmonizedCode`, 'is required (6 to 14 digits) for a dutiable shipment');
    return item;
  });
}

function referenceIn(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const ref = list.find((r) => isRecord(r) && r.customerReferenceType === 'CUSTOMER_REFERENCE' && typeof r.value === 'string');
  return isRecord(ref) ? (ref.value as string) : undefined;
}

export function shipmentReferenceOf(body: unknown): string | undefined {
  const shipment = isRecord(body) && isRecord(body.requestedShipment) ? body.requestedShipment : undefined;
  const first = Array.isArray(shipment?.requestedPackageLineItems) ? shipment.requestedPackageLineItems[0] : undefined;
  const customs = isRecord(shipment?.customsClearanceDetail) ? shipment.customsClearanceDetail : undefined;
  const invoice = isRecord(customs?.commercialInvoice) ? customs.commercialInvoice : undefined;
  return referenceIn(isRecord(first) ? first.customerReferences : undefined) ?? referenceIn(invoice?.customerReferences);
}

export interface FedexShipContext {
  readonly accountNumber: string;
  readonly nowMs: number;
  readonly nextTrackingNumber: () => string;
  readonly transactionId: string;
  readonly customerTransactionId?: string;
  /** Whether an ETD upload returned this docId. */
  readonly uploadedDocument: (docId: string) => boolean;
}

/** What a shipment lists under etdDetail.attachedDocuments, as sent. */
function attachedDocuments(shipment: Record<string, unknown>): unknown[] {
  const services = isRecord(shipment.shipmentSpecialServices) ? shipment.shipmentSpecialServices : undefined;
  const etd = isRecord(services?.etdDetail) ? services.etdDetail : undefined;
  return Array.isArray(etd?.attachedDocuments) ? etd.attachedDocuments : [];
}

/** The ETD document ids a ship request names, for the sandbox's stats. */
export function attachedDocumentIds(body: unknown): string[] {
  const shipment = isRecord(body) && isRecord(body.requestedShipment) ? body.requestedShipment : {};
  return attachedDocuments(shipment).flatMap((d) => (isRecord(d) && typeof d.documentId === 'string' ? [d.documentId] : []));
}

/** Pre-shipment ETD documents the shipment names (etdDetail.attachedDocuments) must have been uploaded. */
function checkAttachedDocuments(shipment: Record<string, unknown>, uploaded: (docId: string) => boolean): void {
  attachedDocuments(shipment).forEach((doc, i) => {
    const field = `requestedShipment.shipmentSpecialServices.etdDetail.attachedDocuments[${i}].documentId`;
    const id = isRecord(doc) ? doc.documentId : undefined;
    if (typeof id !== 'string' || !uploaded(id)) throw invalidInput(field, 'is not a document uploaded through the Trade Documents Upload API');
  });
}

export function createFedexShipment(body: unknown, ctx: FedexShipContext): FedexShipmentRecord {
  if (stringAt(objectAt(body, 'accountNumber'), 'value', 'accountNumber') !== ctx.accountNumber) {
    throw new FedexError(400, 'ACCOUNTNUMBER.REGISTRATION.REQUIRED', 'Please enter a valid 9-digit FedEx account number or register for a new FedEx account number.', 'accountNumber.value');
  }
  if (!isRecord(body) || typeof body.labelResponseOptions !== 'string') throw invalidInput('labelResponseOptions');
  const shipment = objectAt(body, 'requestedShipment');
  objectAt(shipment, 'shippingChargesPayment', 'requestedShipment');
  numberAt(shipment, 'totalWeight', 'requestedShipment', 0.01);
  const shipper = partyOf(shipment.shipper, 'requestedShipment.shipper');
  const recipients = arrayAt(shipment, 'recipients', 'requestedShipment');
  const recipient = partyOf(recipients[0], 'requestedShipment.recipients[0]');
  const serviceType = stringAt(shipment, 'serviceType', 'requestedShipment');
  stringAt(shipment, 'packagingType', 'requestedShipment');
  stringAt(shipment, 'pickupType', 'requestedShipment');
  const labelSpec = objectAt(shipment, 'labelSpecification', 'requestedShipment');
  const imageType = stringAt(labelSpec, 'imageType', 'requestedShipment.labelSpecification');
  stringAt(labelSpec, 'labelStockType', 'requestedShipment.labelSpecification');
  if (imageType !== 'PDF') throw invalidInput('requestedShipment.labelSpecification.imageType', 'must be PDF in the sandbox');
  const lane = laneOf({ requestedShipment: { ...shipment, recipient: recipients[0] } });
  const service = serviceOnLane(serviceType, lane.origin, lane.destination);
  if (!service) throw new FedexError(400, 'SERVICE.UNAVAILABLE.ERROR', `The service ${serviceType} is not available between ${lane.origin} and ${lane.destination}.`, 'requestedShipment.serviceType');

  const international = shipper.countryCode !== recipient.countryCode;
  const customs = isRecord(shipment.customsClearanceDetail) ? shipment.customsClearanceDetail : undefined;
  const documentsOnly = customs?.isDocumentOnly === true;
  let commodities: Record<string, unknown>[] = [];
  if (international && !documentsOnly) {
    if (!customs) throw invalidInput('requestedShipment.customsClearanceDetail', 'is required for an international shipment that is not documents only');
    objectAt(customs, 'commercialInvoice', 'requestedShipment.customsClearanceDetail');
    commodities = checkCommodities(customs);
  }
  checkAttachedDocuments(shipment, ctx.uploadedDocument);
  const docSpec = isRecord(shipment.shippingDocumentSpecification) ? shipment.shippingDocumentSpecification : undefined;
  const withInvoice = Array.isArray(docSpec?.shippingDocumentTypes) && docSpec.shippingDocumentTypes.includes('COMMERCIAL_INVOICE');
  if (withInvoice && commodities.length === 0) throw invalidInput('requestedShipment.customsClearanceDetail.commodities', 'is required to generate a commercial invoice');

  const quote = quoteService(lane, service);
  const trackingNumbers = lane.packages.map(() => ctx.nextTrackingNumber());
  const master = trackingNumbers[0] as string;
  const reference = shipmentReferenceOf(body);
  const shipDate = lane.shipDate || new Date(ctx.nowMs).toISOString().slice(0, 10);
  const net = quote.netMinor;
  const pieceResponses = trackingNumbers.map((trackingNumber, i) => ({
    masterTrackingNumber: master,
    trackingNumber,
    packageSequenceNumber: i + 1,
    deliveryDatestamp: quote.deliveryDate.slice(0, 10),
    trackingIdType: 'FEDEX',
    serviceCategory: 'EXPRESS',
    successful: true,
    ...(reference !== undefined && i === 0 ? { customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: reference }] } : {}),
    packageDocuments: [
      {
        contentType: 'LABEL',
        copiesToPrint: 1,
        docType: 'PDF',
        trackingNumber,
        encodedLabel: fedexDocumentPdf([
          'FedEx',
          service.serviceName.toUpperCase(),
          `TRK# ${trackingNumber}`,
          ...(trackingNumbers.length > 1 ? [`MPS ${i + 1} of ${trackingNumbers.length} MSTR ${master}`] : []),
          `SHIP TO: ${recipient.personName}`,
          `${recipient.city} ${recipient.postalCode} ${recipient.countryCode}`,
          `FROM: ${shipper.personName}, ${shipper.city} ${shipper.countryCode}`,
        ]).toString('base64'),
      },
    ],
  }));
  const shipmentDocuments = withInvoice
    ? [
        {
          contentType: 'COMMERCIAL_INVOICE',
          copiesToPrint: 1,
          docType: 'PDF',
          trackingNumber: master,
          encodedLabel: fedexDocumentPdf(
            [
              'COMMERCIAL INVOICE',
              `AWB ${master}`,
              ...commodities.map((c, i) => {
                const value = c.customsValue as Record<string, unknown>;
                return `${i + 1}. ${String(c.description)} x${String(c.quantity)} HS ${String(c.harmonizedCode)} ${String(value.amount)} ${String(value.currency)}`;
              }),
            ],
            'letter',
          ).toString('base64'),
        },
      ]
    : [];
  const reply = {
    transactionId: ctx.transactionId,
    ...(ctx.customerTransactionId !== undefined ? { customerTransactionId: ctx.customerTransactionId } : {}),
    output: {
      transactionShipments: [
        {
          masterTrackingNumber: master,
          serviceType: service.serviceType,
          serviceName: service.serviceName,
          shipDatestamp: shipDate,
          serviceCategory: 'EXPRESS',
          pieceResponses,
          shipmentDocuments,
          completedShipmentDetail: {
            masterTrackingId: { trackingIdType: 'FEDEX', formId: '0430', trackingNumber: master },
            serviceDescription: { serviceType: service.serviceType, description: service.serviceName },
            shipmentRating: {
              actualRateType: 'PAYOR_ACCOUNT_PACKAGE',
              shipmentRateDetails: [{ rateType: 'PAYOR_ACCOUNT_PACKAGE', totalNetCharge: wireAmount(net, quote.currency), currency: quote.currency }],
            },
            operationalDetail: { deliveryDate: quote.deliveryDate },
          },
          alerts: [],
        },
      ],
    },
  };
  return {
    masterTrackingNumber: master,
    trackingNumbers,
    createdAtMs: ctx.nowMs,
    ...(reference !== undefined ? { reference } : {}),
    serviceType: service.serviceType,
    serviceName: service.serviceName,
    shipper,
    recipient,
    packages: lane.packages,
    dutiable: international && !documentsOnly,
    estimatedDelivery: quote.deliveryDate,
    reply,
  };
}

/** PUT /ship/v1/shipments/cancel on a known shipment: once, then it is no longer available. */
export function cancelFedexShipment(body: unknown, accountNumber: string, find: (trackingNumber: string) => FedexShipmentRecord | undefined, nowMs: number): FedexShipmentRecord {
  if (stringAt(objectAt(body, 'accountNumber'), 'value', 'accountNumber') !== accountNumber) {
    throw new FedexError(403, 'FORBIDDEN.ERROR', 'We could not authorize your credentials. Please check your permissions and try again.');
  }
  const trackingNumber = stringAt(body as Record<string, unknown>, 'trackingNumber', 'cancel');
  const record = find(trackingNumber);
  if (!record) throw new FedexError(400, 'TRACKING.TRACKINGNUMBER.NOTFOUND', 'Tracking number cannot be found. Please correct the tracking number and try again.', 'trackingNumber');
  // The model gives no code for a second cancellation; its 404 wording fits a cancelled shipment.
  if (record.cancelledAtMs !== undefined) {
    throw new FedexError(404, 'NOT.FOUND.ERROR', 'The resource you requested is no longer available. Please modify your request and try again.', 'trackingNumber');
  }
  record.cancelledAtMs = nowMs;
  return record;
}
