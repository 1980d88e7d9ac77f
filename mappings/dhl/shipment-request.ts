/**
 * Canonical Shipment → MyDHL `POST /shipments` and `POST /rates` bodies
 * (mydhl-express-api-3.1.1.yaml: supermodelIoLogisticsExpressCreateShipmentRequest and
 * supermodelIoLogisticsExpressRateRequest). Pure and total: a shipment the description cannot
 * carry (an address line over 45 characters, no phone, a line without its weight) is a
 * MappingError naming the field, never a request DHL would refuse. Nothing is cut to fit: an
 * address or a customs description sent shortened would be a wrong declaration.
 */
import type { Address } from '../canonical/address.js';
import { Decimal } from '../canonical/decimal.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import type { Parcel, Shipment } from '../canonical/shipment.js';
// Types only: the wire format is described once, by the connector's zod schemas.
import type { DhlCreateShipmentRequest, DhlRateRequest } from '../../connectors/dhl/schemas/shipping.js';
import { wireNumber } from '../canonical/json-numbers.js';
import { address as ratingAddress, packages as ratingPackages, type DhlPackageInput } from './landed-cost-request.js';

/** Record kind of the request mappings (dead letters, `caravan map`). */
export const DHL_SHIPMENT_REQUEST_RECORD_TYPE = 'dhl.shipment-request';

/** Value-added services the requests name (the description's examples: WY "PAPERLESS TRADE", DD "DUTY TAX PAID"). */
export const DHL_SERVICE_PAPERLESS_TRADE = 'WY';
export const DHL_SERVICE_DUTY_TAX_PAID = 'DD';

type ExportReasonType = NonNullable<NonNullable<DhlCreateShipmentRequest['content']['exportDeclaration']>['exportReasonType']>;

export interface DhlShipmentRequestOptions {
  /** The shipper's DHL Express account number (connection settings). */
  readonly accountNumber: string;
  /** Global product code chosen from the rates (P EXPRESS WORLDWIDE, U …). */
  readonly productCode: string;
  readonly localProductCode?: string;
  /** When the parcel is handed over, UTC ISO 8601 (`2026-03-02T10:00:00Z`). */
  readonly shipAt: string;
  /** The commercial invoice's number and date (YYYY-MM-DD): customs read them. */
  readonly invoice?: { readonly number: string; readonly date: string };
  /** Default `permanent` (goods sold for good). */
  readonly exportReasonType?: ExportReasonType;
  /** Free text, at most 30 characters (default "Sale of goods"). */
  readonly exportReason?: string;
  /**
   * Paperless trade: the commercial invoice travels electronically (service WY). With the
   * tenant's own invoice PDF (base64) it is sent as the document image INV; without one DHL
   * generates the invoice from the declaration (then `invoice` is required).
   */
  readonly paperlessTrade?: boolean;
  readonly commercialInvoicePdfBase64?: string;
  /** What the shipment holds, at most 70 characters; default the first line's description when it fits. */
  readonly description?: string;
  /** Book a courier (its dispatch confirmation number is the one thing MyDHL can cancel). Default false. */
  readonly requestPickup?: boolean;
}

// Field limits of the description.
const MAX_LINE = 45;
const MAX_POSTAL_CODE = 12;
const MAX_PHONE = 70;
const MAX_COMPANY = 100;
const MAX_CONTENT_DESCRIPTION = 70;
const MAX_LINE_DESCRIPTION = 512;
const MAX_EXPORT_REASON = 30;
const MAX_INVOICE_NUMBER = 35;

/** `plannedShippingDateAndTime` as the description writes it: the local time and its GMT offset (UTC here). */
export function dhlPlannedShippingTime(utc: string): string {
  return `${utc.slice(0, 19)} GMT+00:00`;
}

function party(where: string, a: Address, issues: MappingIssue[]): DhlCreateShipmentRequest['customerDetails']['shipperDetails'] {
  const lines = a.lines.map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) issues.push({ field: `${where}.lines`, message: 'needs at least one street line (addressLine1)' });
  if (lines.length > 3) issues.push({ field: `${where}.lines`, message: 'MyDHL takes at most three street lines', value: lines.length });
  lines.forEach((l, i) => {
    if (l.length > MAX_LINE) issues.push({ field: `${where}.lines[${i}]`, message: `longer than ${MAX_LINE} characters (addressLine${i + 1})`, value: l });
  });
  const city = a.city?.trim() ?? '';
  if (city === '') issues.push({ field: `${where}.city`, message: 'required by DHL (cityName)' });
  else if (city.length > MAX_LINE) issues.push({ field: `${where}.city`, message: `longer than ${MAX_LINE} characters (cityName)`, value: city });
  const postalCode = a.postalCode ?? '';
  if (postalCode.length > MAX_POSTAL_CODE) issues.push({ field: `${where}.postalCode`, message: `longer than ${MAX_POSTAL_CODE} characters`, value: postalCode });
  const phone = a.phone?.trim() ?? '';
  if (phone === '' || phone.length > MAX_PHONE) issues.push({ field: `${where}.phone`, message: `DHL needs a contact phone of 1 to ${MAX_PHONE} characters` });
  const name = a.name?.trim() || a.company?.trim() || '';
  if (name === '') issues.push({ field: `${where}.name`, message: 'DHL needs a contact name or company' });
  const company = a.company?.trim() || name;
  if (company.length > MAX_COMPANY) issues.push({ field: `${where}.company`, message: `longer than ${MAX_COMPANY} characters`, value: company });
  const [line1, line2, line3] = lines;
  return {
    postalAddress: {
      postalCode,
      cityName: city,
      countryCode: a.country,
      ...(a.region !== undefined && a.region.length >= 2 && a.region.length <= 35 ? { provinceCode: a.region } : {}),
      addressLine1: line1 ?? '',
      ...(line2 === undefined ? {} : { addressLine2: line2 }),
      ...(line3 === undefined ? {} : { addressLine3: line3 }),
    },
    contactInformation: { phone, companyName: company, fullName: name },
    typeCode: a.type === 'commercial' ? 'business' : 'private',
  };
}

const parcelInputs = (parcels: readonly Parcel[] | undefined): DhlPackageInput[] | undefined =>
  parcels?.map((p) => ({ weightKg: p.weightKg, ...(p.dimensionsCm === undefined ? {} : { dimensionsCm: p.dimensionsCm }) }));

/** The declared value: every line in the shipment's currency (the shipping engine converted them). */
function declaredValue(shipment: Shipment, issues: MappingIssue[]): Decimal {
  let total = Decimal.fromInt(0);
  shipment.items.forEach((item, i) => {
    if (item.value.currency !== shipment.currency) {
      issues.push({ field: `items[${i}].value.currency`, message: `is ${item.value.currency}, the declaration is in ${shipment.currency}: convert first` });
    } else total = total.add(Decimal.fromMoney(item.value));
  });
  return total;
}

/**
 * The create-shipment request: shipper and receiver with contacts, one package per parcel,
 * the export declaration (one line per customs item: HS code, origin, quantity, unit price,
 * net and gross weight), incoterm, invoice, export reason; DDP adds DHL's Duty Tax Paid
 * service; paperless trade adds WY and the commercial invoice (the tenant's PDF as image INV,
 * or DHL's generated one). The idempotency reference is added by the connector.
 */
export function shipmentToDhlShipmentRequest(shipment: Shipment, opts: DhlShipmentRequestOptions): MappingResult<DhlCreateShipmentRequest> {
  const issues: MappingIssue[] = [];
  const total = declaredValue(shipment, issues);
  const lineItems = shipment.items.map((item, i) => {
    if (item.description.length > MAX_LINE_DESCRIPTION) issues.push({ field: `items[${i}].description`, message: `longer than ${MAX_LINE_DESCRIPTION} characters` });
    const weight = item.weightKg === undefined ? undefined : Decimal.tryParse(item.weightKg);
    if (weight === undefined) issues.push({ field: `items[${i}].weightKg`, message: `line ${item.id} has no weight, which the export declaration needs` });
    const kg = weight === undefined ? 0 : wireNumber(weight, 3, `items[${i}].weightKg`, issues, 'ceiling');
    // price is the unit price (multipleOf 0.001); DHL multiplies it by the quantity.
    const unit = Decimal.fromMoney(item.value).div(Decimal.fromInt(item.quantity), 3, 'half-even');
    return {
      number: i + 1,
      description: item.description,
      price: wireNumber(unit, 3, `items[${i}].value`, issues),
      quantity: { value: item.quantity, unitOfMeasurement: 'PCS' },
      commodityCodes: [{ typeCode: 'outbound' as const, value: item.hsCode }],
      exportReasonType: opts.exportReasonType ?? 'permanent',
      manufacturerCountry: item.originCountry,
      weight: { netValue: kg, grossValue: kg },
    };
  });
  const exportReason = opts.exportReason ?? 'Sale of goods';
  if (exportReason.length > MAX_EXPORT_REASON) issues.push({ field: 'exportReason', message: `longer than ${MAX_EXPORT_REASON} characters`, value: exportReason });
  if (opts.invoice !== undefined && (opts.invoice.number.length < 1 || opts.invoice.number.length > MAX_INVOICE_NUMBER)) {
    issues.push({ field: 'invoice.number', message: `must be 1 to ${MAX_INVOICE_NUMBER} characters`, value: opts.invoice.number });
  }
  const generatedInvoice = opts.paperlessTrade === true && opts.commercialInvoicePdfBase64 === undefined;
  if (generatedInvoice && opts.invoice === undefined) issues.push({ field: 'invoice', message: 'paperless trade without an invoice PDF needs the invoice number and date (DHL generates the invoice)' });
  const description = (opts.description ?? shipment.items[0]?.description ?? '').trim();
  if (description === '' || description.length > MAX_CONTENT_DESCRIPTION) {
    issues.push({ field: 'description', message: `the content description must be 1 to ${MAX_CONTENT_DESCRIPTION} characters: give one`, value: description });
  }

  const services = [
    ...(shipment.incoterm === 'DDP' ? [{ serviceCode: DHL_SERVICE_DUTY_TAX_PAID }] : []),
    ...(opts.paperlessTrade === true ? [{ serviceCode: DHL_SERVICE_PAPERLESS_TRADE }] : []),
  ];
  const body: DhlCreateShipmentRequest = {
    plannedShippingDateAndTime: dhlPlannedShippingTime(opts.shipAt),
    pickup: { isRequested: opts.requestPickup ?? false },
    productCode: opts.productCode,
    ...(opts.localProductCode === undefined ? {} : { localProductCode: opts.localProductCode }),
    accounts: [{ typeCode: 'shipper', number: opts.accountNumber }],
    ...(services.length === 0 ? {} : { valueAddedServices: services }),
    outputImageProperties: {
      encodingFormat: 'pdf',
      imageOptions: [
        { typeCode: 'label', isRequested: true },
        ...(generatedInvoice ? [{ typeCode: 'invoice' as const, isRequested: true, invoiceType: 'commercial' as const }] : []),
      ],
    },
    customerDetails: { shipperDetails: party('shipFrom', shipment.shipFrom, issues), receiverDetails: party('shipTo', shipment.shipTo, issues) },
    content: {
      packages: ratingPackages(shipment, parcelInputs(shipment.parcels), issues).map((p, i) => ({ ...p, referenceNumber: i + 1 })),
      isCustomsDeclarable: true,
      declaredValue: wireNumber(total, 3, 'items.value', issues),
      declaredValueCurrency: shipment.currency,
      exportDeclaration: {
        lineItems,
        ...(opts.invoice === undefined ? {} : { invoice: { number: opts.invoice.number, date: opts.invoice.date } }),
        exportReason,
        exportReasonType: opts.exportReasonType ?? 'permanent',
        shipmentType: 'commercial',
      },
      description,
      incoterm: shipment.incoterm,
      unitOfMeasurement: 'metric',
    },
    ...(opts.paperlessTrade === true && opts.commercialInvoicePdfBase64 !== undefined
      ? { documentImages: [{ typeCode: 'INV' as const, imageFormat: 'PDF' as const, content: opts.commercialInvoicePdfBase64 }] }
      : {}),
  };
  if (issues.length > 0) return fail(new MappingError(DHL_SHIPMENT_REQUEST_RECORD_TYPE, shipment.id, issues));
  return ok(body);
}

export interface DhlRateRequestOptions {
  readonly accountNumber: string;
  readonly shipAt: string;
  /** Ask for one product only; every product of the lane when absent. */
  readonly productCode?: string;
}

/** The rates request for the shipment's parcels, lane and declared value (DDP asks the price with Duty Tax Paid). */
export function shipmentToDhlRateRequest(shipment: Shipment, opts: DhlRateRequestOptions): MappingResult<DhlRateRequest> {
  const issues: MappingIssue[] = [];
  const total = declaredValue(shipment, issues);
  const body: DhlRateRequest = {
    customerDetails: { shipperDetails: ratingAddress('shipFrom', shipment.shipFrom, issues), receiverDetails: ratingAddress('shipTo', shipment.shipTo, issues) },
    accounts: [{ typeCode: 'shipper', number: opts.accountNumber }],
    ...(opts.productCode === undefined ? {} : { productCode: opts.productCode }),
    ...(shipment.incoterm === 'DDP' ? { valueAddedServices: [{ serviceCode: DHL_SERVICE_DUTY_TAX_PAID }] } : {}),
    plannedShippingDateAndTime: dhlPlannedShippingTime(opts.shipAt),
    unitOfMeasurement: 'metric',
    isCustomsDeclarable: true,
    monetaryAmount: [{ typeCode: 'declaredValue', value: wireNumber(total, 3, 'items.value', issues), currency: shipment.currency }],
    estimatedDeliveryDate: { isRequested: true, typeCode: 'QDDC' },
    packages: ratingPackages(shipment, parcelInputs(shipment.parcels), issues),
  };
  if (issues.length > 0) return fail(new MappingError(DHL_SHIPMENT_REQUEST_RECORD_TYPE, shipment.id, issues));
  return ok(body);
}
