/**
 * Canonical Shipment → MyDHL `POST /landed-cost` request body. Pure and total: a shipment the
 * description cannot carry (no city, an SKU over 35 characters, no weights) is a MappingError
 * naming the field, never a request DHL would reject.
 */
import { Decimal } from '../canonical/decimal.js';
import type { Address } from '../canonical/address.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import type { Shipment } from '../canonical/shipment.js';
import { wireNumber } from '../canonical/json-numbers.js';
// Types only: the wire format is described once, by the connector's zod schemas.
import type {
  DhlLandedCostCharge,
  DhlLandedCostItem,
  DhlLandedCostRequest,
  DhlPackageTypeCode,
  DhlRatingAddress,
  DhlRatingPackage,
  DhlTariffRateType,
} from '../../connectors/dhl/schemas.js';

/** Record kind of landed-cost mappings (dead letters, `caravan map`). */
export const DHL_LANDED_COST_RECORD_TYPE = 'dhl.landed-cost';

export interface DhlPackageInput {
  /** Gross weight in kilograms, decimal string. */
  readonly weightKg: string;
  readonly dimensionsCm?: { readonly length: string; readonly width: string; readonly height: string };
  /** DHL packaging code (3BX, XPD …). */
  readonly typeCode?: DhlPackageTypeCode;
}

export interface DhlLandedCostRequestOptions {
  /** The shipper's DHL Express account number. */
  readonly accountNumber: string;
  /** Global product code, e.g. 'P' (EXPRESS WORLDWIDE); DHL chooses when absent. */
  readonly productCode?: string;
  readonly localProductCode?: string;
  /** Currency of the answer; default the shipment's currency. */
  readonly currencyCode?: string;
  /** Parcels; default one parcel weighing the items' total weight (every item then needs weightKg). */
  readonly packages?: readonly DhlPackageInput[];
  /** B2C `personal` (default) or B2B `commercial`. */
  readonly shipmentPurpose?: 'commercial' | 'personal';
  readonly transportationMode?: 'air' | 'ocean' | 'ground';
  readonly merchantSelectedCarrierName?: 'DHL' | 'UPS' | 'FEDEX' | 'TNT' | 'POST' | 'OTHERS';
  readonly isInsuranceRequested?: boolean;
  /** How DHL picks a rate for partial HS codes (default: DHL's default_rate). */
  readonly estimatedTariffRateType?: DhlTariffRateType;
  /** Ask for the tariff formulas per line (default true: they explain the figures). */
  readonly getTariffFormula?: boolean;
  readonly getQuotationID?: boolean;
}

// Field limits of supermodelIoLogisticsExpressLandedCostRequest.
const MAX_ITEMS = 1000;
const MAX_NAME = 512;
const MAX_DESCRIPTION = 255;
const MAX_PART_NUMBER = 35;
const MAX_POSTAL_CODE = 12;
const MAX_CITY = 45;
const MAX_ACCOUNT = 12;

export function address(where: string, a: Address, issues: MappingIssue[]): DhlRatingAddress {
  const postalCode = a.postalCode ?? '';
  if (postalCode.length > MAX_POSTAL_CODE) issues.push({ field: `${where}.postalCode`, message: `longer than ${MAX_POSTAL_CODE} characters`, value: postalCode });
  const city = a.city?.trim() ?? '';
  if (city === '') issues.push({ field: `${where}.city`, message: 'required by DHL (cityName)' });
  // Only what rating needs: street lines and names stay out of the request (less PII sent).
  return {
    postalCode,
    // cityName allows 45 characters; a longer city name still rates correctly when cut.
    cityName: city.slice(0, MAX_CITY),
    countryCode: a.country,
    ...(a.region !== undefined && a.region.length >= 2 && a.region.length <= 35 ? { provinceCode: a.region } : {}),
  };
}

export function packages(shipment: Shipment, given: readonly DhlPackageInput[] | undefined, issues: MappingIssue[]): DhlRatingPackage[] {
  if (given !== undefined && given.length > 0) {
    return given.map((p, i) => {
      const weight = Decimal.tryParse(p.weightKg);
      if (weight === undefined || weight.compare(Decimal.parse('0.001')) < 0) {
        issues.push({ field: `packages[${i}].weightKg`, message: 'must be a decimal of at least 0.001 kg', value: p.weightKg });
      }
      const dims = p.dimensionsCm;
      const dim = (v: string, f: string): number => {
        const d = Decimal.tryParse(v);
        if (d === undefined || d.compare(Decimal.parse('0.001')) < 0) issues.push({ field: `packages[${i}].dimensionsCm.${f}`, message: 'must be a positive decimal', value: v });
        return d === undefined ? 0 : wireNumber(d, 3, `packages[${i}].dimensionsCm.${f}`, issues, 'ceiling');
      };
      return {
        ...(p.typeCode === undefined ? {} : { typeCode: p.typeCode }),
        weight: weight === undefined ? 0 : wireNumber(weight, 3, `packages[${i}].weightKg`, issues, 'ceiling'),
        ...(dims === undefined ? {} : { dimensions: { length: dim(dims.length, 'length'), width: dim(dims.width, 'width'), height: dim(dims.height, 'height') } }),
      };
    });
  }
  // One parcel with the items' total weight, rounded up to DHL's 0.001 kg.
  let total = Decimal.fromInt(0);
  shipment.items.forEach((item, i) => {
    const w = item.weightKg === undefined ? undefined : Decimal.tryParse(item.weightKg);
    if (w === undefined) issues.push({ field: `items[${i}].weightKg`, message: 'needed to weigh the parcel when no packages are given' });
    else total = total.add(w);
  });
  if (total.compare(Decimal.parse('0.001')) < 0) total = Decimal.parse('0.001');
  return [{ weight: wireNumber(total, 3, 'items.weightKg', issues, 'ceiling') }];
}

/**
 * The landed-cost request for `shipment`: one DHL item per customs line (numbered 1…n in
 * order, which is how the answer refers back to them), freight and insurance as merchant
 * charges, and `isDTPRequested` for DDP (duties and taxes paid by the shipper).
 */
export function shipmentToLandedCostRequest(shipment: Shipment, opts: DhlLandedCostRequestOptions): MappingResult<DhlLandedCostRequest> {
  const issues: MappingIssue[] = [];
  if (opts.accountNumber.length < 1 || opts.accountNumber.length > MAX_ACCOUNT) {
    issues.push({ field: 'accountNumber', message: `must be 1 to ${MAX_ACCOUNT} characters` });
  }
  if (shipment.items.length > MAX_ITEMS) issues.push({ field: 'items', message: `DHL accepts at most ${MAX_ITEMS} items` });

  const items: DhlLandedCostItem[] = shipment.items.map((item, i) => {
    if (item.sku !== undefined && item.sku.length > MAX_PART_NUMBER) {
      issues.push({ field: `items[${i}].sku`, message: `longer than ${MAX_PART_NUMBER} characters (partNumber)`, value: item.sku });
    }
    // unitPrice has 5 decimals (multipleOf 0.00001); the line value is unit × quantity.
    const unit = Decimal.fromMoney(item.value).div(Decimal.fromInt(item.quantity), 5, 'half-even');
    const weight = item.weightKg === undefined ? undefined : Decimal.tryParse(item.weightKg);
    return {
      number: i + 1,
      name: item.description.slice(0, MAX_NAME),
      description: item.description.slice(0, MAX_DESCRIPTION),
      manufacturerCountry: item.originCountry,
      ...(item.sku === undefined ? {} : { partNumber: item.sku }),
      quantity: item.quantity,
      quantityType: 'prt',
      unitPrice: wireNumber(unit, 5, `items[${i}].value`, issues),
      unitPriceCurrencyCode: item.value.currency,
      commodityCode: item.hsCode,
      ...(weight === undefined ? {} : { weight: wireNumber(weight, 3, `items[${i}].weightKg`, issues, 'ceiling'), weightUnitOfMeasurement: 'metric' as const }),
      ...(opts.estimatedTariffRateType === undefined ? {} : { estimatedTariffRateType: opts.estimatedTariffRateType }),
    };
  });

  const charges: DhlLandedCostCharge[] = [];
  if (shipment.shipping !== undefined) {
    charges.push({ typeCode: 'freight', amount: wireNumber(Decimal.fromMoney(shipment.shipping), 3, 'shipping', issues), currencyCode: shipment.shipping.currency });
  }
  if (shipment.insurance !== undefined) {
    charges.push({ typeCode: 'insurance', amount: wireNumber(Decimal.fromMoney(shipment.insurance), 3, 'insurance', issues), currencyCode: shipment.insurance.currency });
  }

  const body: DhlLandedCostRequest = {
    customerDetails: {
      shipperDetails: address('shipFrom', shipment.shipFrom, issues),
      receiverDetails: address('shipTo', shipment.shipTo, issues),
    },
    accounts: [{ typeCode: 'shipper', number: opts.accountNumber }],
    ...(opts.productCode === undefined ? {} : { productCode: opts.productCode }),
    ...(opts.localProductCode === undefined ? {} : { localProductCode: opts.localProductCode }),
    unitOfMeasurement: 'metric',
    currencyCode: opts.currencyCode ?? shipment.currency,
    isCustomsDeclarable: true,
    // DDP: DHL's Duties & Taxes Paid service bills them to the shipper.
    isDTPRequested: shipment.incoterm === 'DDP',
    isInsuranceRequested: opts.isInsuranceRequested ?? false,
    getCostBreakdown: true,
    ...(charges.length === 0 ? {} : { charges }),
    shipmentPurpose: opts.shipmentPurpose ?? 'personal',
    transportationMode: opts.transportationMode ?? 'air',
    merchantSelectedCarrierName: opts.merchantSelectedCarrierName ?? 'DHL',
    packages: packages(shipment, opts.packages, issues),
    items,
    getTariffFormula: opts.getTariffFormula ?? true,
    getQuotationID: opts.getQuotationID ?? false,
  };
  if (issues.length > 0) return fail(new MappingError(DHL_LANDED_COST_RECORD_TYPE, shipment.id, issues));
  return ok(body);
}
