/**
 * Canonical Shipment → FedEx Ship API `POST /ship/v1/shipments` (Full_Schema_Ship) and Rate
 * API `POST /rate/v1/rates/quotes` (Full_Schema_Quote_Rate) bodies. Pure and total: what FedEx
 * needs and the shipment lacks (a phone, a street line, a line's weight) is a MappingError
 * naming the field. Duties follow the incoterm: DDP bills them to the shipper's account
 * (dutiesPayment SENDER), DAP to the recipient. Electronic trade documents (ETD): the commercial
 * invoice uploaded beforehand is attached by its document id, or FedEx generates it.
 */
import type { Address } from '../canonical/address.js';
import { Decimal } from '../canonical/decimal.js';
import { wireNumber } from '../canonical/json-numbers.js';
import type { Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import type { Shipment } from '../canonical/shipment.js';
// Types only: the wire format is described once, by the connector's zod schemas.
import type { FedexRateRequest, FedexShipRequest } from '../../connectors/fedex/schemas/requests.js';

export const FEDEX_SHIP_REQUEST_RECORD_TYPE = 'fedex.ship-request';

/** The shipment special service of electronic trade documents (ship-api.json). */
export const FEDEX_ETD_SERVICE = 'ELECTRONIC_TRADE_DOCUMENTS';

export interface FedexShipRequestOptions {
  readonly accountNumber: string;
  /** The service chosen from the rates (FEDEX_INTERNATIONAL_PRIORITY …). */
  readonly serviceType: string;
  /** When the parcel is handed over, UTC ISO 8601. */
  readonly shipAt: string;
  readonly invoice?: { readonly number: string; readonly date: string };
  /**
   * ETD: `documentId` of the commercial invoice uploaded through the Trade Documents Upload
   * API; without one, FedEx generates the invoice and sends it electronically.
   */
  readonly etd?: { readonly documentId?: string };
  readonly packagingType?: string;
  readonly pickupType?: 'CONTACT_FEDEX_TO_SCHEDULE' | 'DROPOFF_AT_FEDEX_LOCATION' | 'USE_SCHEDULED_PICKUP';
}

type ShipParty = FedexShipRequest['requestedShipment']['shipper'];

function party(where: string, a: Address, issues: MappingIssue[]): ShipParty {
  const lines = a.lines.map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) issues.push({ field: `${where}.lines`, message: 'FedEx needs at least one street line' });
  if (lines.length > 3) issues.push({ field: `${where}.lines`, message: 'FedEx takes at most three street lines', value: lines.length });
  const city = a.city?.trim() ?? '';
  if (city === '') issues.push({ field: `${where}.city`, message: 'required by FedEx' });
  // FedEx requires the state or province for the United States and Canada.
  if ((a.country === 'US' || a.country === 'CA') && (a.region === undefined || a.region.trim() === '')) {
    issues.push({ field: `${where}.region`, message: `FedEx needs the state or province code for ${a.country}` });
  }
  const phone = a.phone?.trim() ?? '';
  if (phone === '') issues.push({ field: `${where}.phone`, message: 'FedEx needs a contact phone number' });
  const name = a.name?.trim() || a.company?.trim() || '';
  if (name === '') issues.push({ field: `${where}.name`, message: 'FedEx needs a contact name or company' });
  return {
    address: {
      streetLines: lines,
      city,
      ...(a.region === undefined || a.region.trim() === '' ? {} : { stateOrProvinceCode: a.region }),
      ...(a.postalCode === undefined ? {} : { postalCode: a.postalCode }),
      countryCode: a.country,
      ...(a.type === undefined ? {} : { residential: a.type === 'residential' }),
    },
    contact: { personName: name, ...(a.company?.trim() ? { companyName: a.company.trim() } : {}), phoneNumber: phone },
  };
}

const amount = (money: Money, field: string, issues: MappingIssue[]) => ({ amount: wireNumber(Decimal.fromMoney(money), 6, field, issues), currency: money.currency });

function weightOf(text: string | undefined, field: string, issues: MappingIssue[]): number {
  const d = text === undefined ? undefined : Decimal.tryParse(text);
  if (d === undefined || d.isNegative() || d.isZero()) {
    issues.push({ field, message: 'needs a weight in kilograms above zero', ...(text === undefined ? {} : { value: text }) });
    return 0;
  }
  // Kilograms with two decimals, rounded up: a parcel is never declared lighter than it is.
  return wireNumber(d, 2, field, issues, 'ceiling');
}

function commodities(shipment: Shipment, issues: MappingIssue[]) {
  return shipment.items.map((item, i) => {
    if (item.value.currency !== shipment.currency) {
      issues.push({ field: `items[${i}].value.currency`, message: `is ${item.value.currency}, the declaration is in ${shipment.currency}: convert first` });
    }
    const unit = Decimal.fromMoney(item.value).div(Decimal.fromInt(item.quantity), 6, 'half-even');
    return {
      description: item.description.slice(0, 450),
      harmonizedCode: item.hsCode,
      countryOfManufacture: item.originCountry,
      quantity: item.quantity,
      quantityUnits: 'PCS',
      unitPrice: { amount: wireNumber(unit, 6, `items[${i}].value`, issues), currency: item.value.currency },
      customsValue: amount(item.value, `items[${i}].value`, issues),
      weight: { units: 'KG' as const, value: weightOf(item.weightKg, `items[${i}].weightKg`, issues) },
      ...(item.sku === undefined ? {} : { partNumber: item.sku }),
      purpose: 'BUSINESS' as const,
    };
  });
}

function packageLines(shipment: Shipment, issues: MappingIssue[]) {
  if (shipment.parcels === undefined) {
    const total = shipment.items.reduce((sum, it) => sum.add(Decimal.tryParse(it.weightKg ?? '') ?? Decimal.fromInt(0)), Decimal.fromInt(0));
    return [{ sequenceNumber: 1, weight: { units: 'KG' as const, value: weightOf(total.toString(), 'items.weightKg', issues) } }];
  }
  return shipment.parcels.map((p, i) => {
    const dims = p.dimensionsCm;
    // FedEx takes whole centimetres: rounded up, a parcel is never declared smaller than it is.
    const cm = (v: string, f: string) => {
      const d = Decimal.tryParse(v);
      if (d === undefined || d.isNegative() || d.isZero()) issues.push({ field: `parcels[${i}].dimensionsCm.${f}`, message: 'must be a positive decimal', value: v });
      return d === undefined ? 0 : wireNumber(d, 0, `parcels[${i}].dimensionsCm.${f}`, issues, 'ceiling');
    };
    return {
      sequenceNumber: i + 1,
      weight: { units: 'KG' as const, value: weightOf(p.weightKg, `parcels[${i}].weightKg`, issues) },
      ...(dims === undefined ? {} : { dimensions: { length: cm(dims.length, 'length'), width: cm(dims.width, 'width'), height: cm(dims.height, 'height'), units: 'CM' as const } }),
    };
  });
}

function total(shipment: Shipment): Money {
  const sum = shipment.items.filter((i) => i.value.currency === shipment.currency).reduce((s, i) => s.add(Decimal.fromMoney(i.value)), Decimal.fromInt(0));
  return sum.toMoney(shipment.currency);
}

const dutiesPayment = (shipment: Shipment, accountNumber: string) =>
  shipment.incoterm === 'DDP'
    ? { paymentType: 'SENDER' as const, payor: { responsibleParty: { accountNumber: { value: accountNumber } } } }
    : { paymentType: 'RECIPIENT' as const };

/** The ship request: parties, packages, customs clearance (commodities, duties per incoterm, invoice), ETD. */
export function shipmentToFedexShipRequest(shipment: Shipment, opts: FedexShipRequestOptions): MappingResult<FedexShipRequest> {
  const issues: MappingIssue[] = [];
  const lines = packageLines(shipment, issues);
  const customsValue = amount(total(shipment), 'items.value', issues);
  const etd = opts.etd;
  const body: FedexShipRequest = {
    accountNumber: { value: opts.accountNumber },
    labelResponseOptions: 'LABEL',
    requestedShipment: {
      shipDatestamp: opts.shipAt.slice(0, 10),
      shipper: party('shipFrom', shipment.shipFrom, issues),
      recipients: [party('shipTo', shipment.shipTo, issues)],
      pickupType: opts.pickupType ?? 'DROPOFF_AT_FEDEX_LOCATION',
      serviceType: opts.serviceType,
      packagingType: opts.packagingType ?? 'YOUR_PACKAGING',
      totalWeight: wireNumber(lines.reduce((s, l) => s.add(Decimal.parse(String(l.weight.value))), Decimal.fromInt(0)), 2, 'parcels.weightKg', issues),
      shippingChargesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: opts.accountNumber } } } },
      customsClearanceDetail: {
        commercialInvoice: {
          termsOfSale: shipment.incoterm,
          shipmentPurpose: 'SOLD',
          ...(opts.invoice === undefined ? {} : { customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER' as const, value: opts.invoice.number }] }),
        },
        dutiesPayment: dutiesPayment(shipment, opts.accountNumber),
        isDocumentOnly: false,
        commodities: commodities(shipment, issues),
        totalCustomsValue: customsValue,
      },
      ...(etd === undefined
        ? {}
        : {
            shipmentSpecialServices: {
              specialServiceTypes: [FEDEX_ETD_SERVICE],
              etdDetail:
                etd.documentId === undefined
                  ? { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] }
                  : { attachedDocuments: [{ documentType: 'COMMERCIAL_INVOICE', documentReference: shipment.id.slice(0, 40), documentId: etd.documentId }] },
            },
            // FedEx generates the invoice it sends electronically when none was uploaded.
            ...(etd.documentId === undefined ? { shippingDocumentSpecification: { shippingDocumentTypes: ['COMMERCIAL_INVOICE'], commercialInvoiceDetail: { documentFormat: { stockType: 'PAPER_LETTER', docType: 'PDF' } } } } : {}),
          }),
      labelSpecification: { imageType: 'PDF', labelStockType: 'PAPER_85X11_TOP_HALF_LABEL' },
      requestedPackageLineItems: lines,
    },
  };
  if (issues.length > 0) return fail(new MappingError(FEDEX_SHIP_REQUEST_RECORD_TYPE, shipment.id, issues));
  return ok(body);
}

export interface FedexRateRequestOptions {
  readonly accountNumber: string;
  readonly shipAt: string;
  /** One service only; every service of the lane when absent. */
  readonly serviceType?: string;
}

const ratingAddress = (a: Address) => ({
  ...(a.city === undefined ? {} : { city: a.city }),
  ...(a.region === undefined ? {} : { stateOrProvinceCode: a.region }),
  ...(a.postalCode === undefined ? {} : { postalCode: a.postalCode }),
  countryCode: a.country,
  ...(a.type === undefined ? {} : { residential: a.type === 'residential' }),
});

/** The rate request: lane, packages and the customs detail FedEx prices an international parcel with. */
export function shipmentToFedexRateRequest(shipment: Shipment, opts: FedexRateRequestOptions): MappingResult<FedexRateRequest> {
  const issues: MappingIssue[] = [];
  const body: FedexRateRequest = {
    accountNumber: { value: opts.accountNumber },
    requestedShipment: {
      shipper: { address: ratingAddress(shipment.shipFrom) },
      recipient: { address: ratingAddress(shipment.shipTo) },
      shipDateStamp: opts.shipAt.slice(0, 10),
      pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
      ...(opts.serviceType === undefined ? {} : { serviceType: opts.serviceType }),
      packagingType: 'YOUR_PACKAGING',
      rateRequestType: ['ACCOUNT', 'LIST'],
      customsClearanceDetail: {
        dutiesPayment: dutiesPayment(shipment, opts.accountNumber),
        commodities: commodities(shipment, issues),
      },
      requestedPackageLineItems: packageLines(shipment, issues),
    },
  };
  if (issues.length > 0) return fail(new MappingError(FEDEX_SHIP_REQUEST_RECORD_TYPE, shipment.id, issues));
  return ok(body);
}
