/**
 * FedEx rate quotes (POST /rate/v1/rates/quotes): per service the ratedShipmentDetails
 * (ACCOUNT in the shipper's currency, PREFERRED_CURRENCY when another is asked for) with
 * base charge, fuel surcharge and totalNetCharge, and the commit date. The sandbox tariff is
 * data: a zone letter per pair of regions, a price per zone in US cents (first half kilo
 * plus each further started half kilo of billable weight, dim divisor 5000 cm / 139 in).
 */
import { currencyInfo } from '../../mappings/canonical/currencies.js';
import { arrayAt, FedexError, invalidInput, isRecord, numberAt, objectAt, stringAt } from './errors.js';

/** Regions of the sandbox tariff, by country. */
const REGION_COUNTRIES: Readonly<Record<string, string>> = {
  europe: 'AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK',
  americas: 'US CA MX PR',
  asia: 'CN HK JP KR TW SG MY TH VN ID PH IN AU NZ',
};
const REGION_OF: ReadonlyMap<string, string> = new Map(Object.entries(REGION_COUNTRIES).flatMap(([region, list]) => list.split(' ').map((c) => [c, region] as const)));

/** Zone letter → [US cents first half kilo, per further half kilo, transit days of the fastest service]. */
const ZONES: Readonly<Record<string, readonly [number, number, number]>> = {
  A: [2150, 180, 1],
  B: [4890, 410, 2],
  C: [6390, 520, 2],
  D: [7290, 610, 3],
  E: [8190, 720, 4],
};

export function fedexZone(origin: string, destination: string): string {
  if (origin === destination) return 'A';
  const [a, b] = [REGION_OF.get(origin) ?? 'world', REGION_OF.get(destination) ?? 'world'];
  if (a === b && a !== 'world') return 'B';
  if ([a, b].includes('world')) return 'E';
  if ([a, b].includes('asia')) return 'D';
  return 'C';
}

export interface FedexService {
  readonly serviceType: string;
  readonly serviceName: string;
  readonly percent: number;
  readonly extraDays: number;
}

const INTERNATIONAL: readonly FedexService[] = [
  { serviceType: 'INTERNATIONAL_PRIORITY', serviceName: 'FedEx International Priority®', percent: 100, extraDays: 0 },
  { serviceType: 'INTERNATIONAL_ECONOMY', serviceName: 'FedEx International Economy®', percent: 74, extraDays: 2 },
  { serviceType: 'FEDEX_INTERNATIONAL_CONNECT_PLUS', serviceName: 'FedEx International Connect Plus', percent: 82, extraDays: 1 },
];
const DOMESTIC: readonly FedexService[] = [
  { serviceType: 'PRIORITY_OVERNIGHT', serviceName: 'FedEx Priority Overnight®', percent: 100, extraDays: 0 },
  { serviceType: 'FEDEX_2_DAY', serviceName: 'FedEx 2Day®', percent: 58, extraDays: 1 },
];
/** FedEx renamed International Priority in 2022; the ship API takes either name. */
const ALIASES: Readonly<Record<string, string>> = { FEDEX_INTERNATIONAL_PRIORITY: 'INTERNATIONAL_PRIORITY' };

export function servicesFor(origin: string, destination: string): readonly FedexService[] {
  return origin === destination ? DOMESTIC : INTERNATIONAL;
}

export function serviceOnLane(serviceType: string, origin: string, destination: string): FedexService | undefined {
  const type = ALIASES[serviceType] ?? serviceType;
  return servicesFor(origin, destination).find((s) => s.serviceType === type);
}

export const FUEL_PERCENT = 18;

const ACCOUNT_CURRENCY: Readonly<Record<string, string>> = { US: 'USD', PR: 'USD', CA: 'CAD', MX: 'MXN', GB: 'GBP', CH: 'CHF', CN: 'CNY', HK: 'HKD', JP: 'JPY', AU: 'AUD', SG: 'SGD', IN: 'INR' };
const EURO = new Set('AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK BG'.split(' '));
/** Units per US dollar ×10 000, fixed (late 2025). */
const PER_USD_E4: Readonly<Record<string, number>> = {
  USD: 10_000, EUR: 8_620, GBP: 7_500, CHF: 8_020, CAD: 13_970, MXN: 184_500, CNY: 71_100, HKD: 77_800, JPY: 1_534_000, AUD: 15_340, SGD: 12_930, INR: 879_000,
};

export function accountCurrency(country: string): string {
  return EURO.has(country) ? 'EUR' : (ACCOUNT_CURRENCY[country] ?? 'USD');
}

function minorIn(usdCents: number, currency: string): number {
  const rate = PER_USD_E4[currency];
  if (rate === undefined) throw new FedexError(400, 'RATE.CURRENCY.INVALID', `The currency ${currency} is not supported. Please modify your request and try again.`, 'requestedShipment.preferredCurrency');
  const exponent = currencyInfo(currency)?.exponent ?? 2;
  const numerator = usdCents * rate * 10 ** exponent;
  const denominator = 100 * 10_000;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Minor units as the JSON number FedEx writes. */
export function wireAmount(minor: number, currency: string): number {
  return minor / 10 ** (currencyInfo(currency)?.exponent ?? 2);
}

export interface FedexPackage {
  readonly weightKg: number;
  readonly weight: { readonly units: 'KG' | 'LB'; readonly value: number };
  readonly dimensions?: { readonly length: number; readonly width: number; readonly height: number; readonly units: 'CM' | 'IN' };
}

export interface FedexLane {
  readonly origin: string;
  readonly destination: string;
  readonly shipDate: string;
  readonly packages: readonly FedexPackage[];
  readonly preferredCurrency?: string;
}

/** requestedPackageLineItems → packages, naming the item at fault. */
export function packagesOf(shipment: Record<string, unknown>): FedexPackage[] {
  return arrayAt(shipment, 'requestedPackageLineItems', 'requestedShipment').map((item, i) => {
    const at = `requestedShipment.requestedPackageLineItems[${i}]`;
    if (!isRecord(item)) throw invalidInput(at);
    const weight = objectAt(item, 'weight', at);
    const units = stringAt(weight, 'units', `${at}.weight`);
    if (units !== 'KG' && units !== 'LB') throw invalidInput(`${at}.weight.units`, 'must be KG or LB');
    const value = numberAt(weight, 'value', `${at}.weight`, 0.01);
    let dimensions: FedexPackage['dimensions'];
    if (isRecord(item.dimensions)) {
      const d = item.dimensions;
      const dimUnits = stringAt(d, 'units', `${at}.dimensions`);
      if (dimUnits !== 'CM' && dimUnits !== 'IN') throw invalidInput(`${at}.dimensions.units`, 'must be CM or IN');
      dimensions = { length: numberAt(d, 'length', `${at}.dimensions`, 1), width: numberAt(d, 'width', `${at}.dimensions`, 1), height: numberAt(d, 'height', `${at}.dimensions`, 1), units: dimUnits };
    }
    return { weightKg: units === 'KG' ? value : value * 0.45359237, weight: { units, value }, ...(dimensions ? { dimensions } : {}) };
  });
}

export function laneOf(body: unknown): FedexLane {
  const shipment = objectAt(body, 'requestedShipment');
  const origin = stringAt(objectAt(shipment, 'shipper.address', 'requestedShipment'), 'countryCode', 'requestedShipment.shipper.address');
  const recipient = isRecord(shipment.recipient) ? shipment.recipient : Array.isArray(shipment.recipients) && isRecord(shipment.recipients[0]) ? shipment.recipients[0] : undefined;
  const destination = stringAt(objectAt(recipient, 'address', 'requestedShipment.recipient'), 'countryCode', 'requestedShipment.recipient.address');
  const stamp = typeof shipment.shipDateStamp === 'string' ? shipment.shipDateStamp : typeof shipment.shipDatestamp === 'string' ? shipment.shipDatestamp : undefined;
  const preferred = typeof shipment.preferredCurrency === 'string' ? shipment.preferredCurrency : undefined;
  return { origin, destination, shipDate: stamp?.slice(0, 10) ?? '', packages: packagesOf(shipment), ...(preferred ? { preferredCurrency: preferred } : {}) };
}

/** Billable kilos: per package the larger of actual and dimensional weight. */
export function billableKg(packages: readonly FedexPackage[]): number {
  return packages.reduce((sum, p) => {
    const d = p.dimensions;
    const cm = d?.units === 'IN' ? 2.54 : 1;
    const dim = d ? (d.length * cm * d.width * cm * d.height * cm) / 5000 : 0;
    return sum + Math.max(p.weightKg, dim);
  }, 0);
}

function addWeekdays(date: string, days: number): Date {
  const d = new Date(`${date}T10:30:00Z`);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

const TRANSIT = ['ONE_DAY', 'TWO_DAYS', 'THREE_DAYS', 'FOUR_DAYS', 'FIVE_DAYS', 'SIX_DAYS', 'SEVEN_DAYS'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export interface FedexQuote {
  readonly service: FedexService;
  /** Net charge in the account currency's minor units. */
  readonly netMinor: number;
  readonly currency: string;
  readonly deliveryDate: string;
  readonly wire: Record<string, unknown>;
}

/** One rateReplyDetails entry. */
export function quoteService(lane: FedexLane, service: FedexService): FedexQuote {
  const zone = fedexZone(lane.origin, lane.destination);
  const [first, step, days] = ZONES[zone] as readonly [number, number, number];
  const kg = billableKg(lane.packages);
  const baseUsd = Math.round(((first + Math.max(0, Math.ceil(kg * 2) - 1) * step) * service.percent) / 100);
  const fuelUsd = Math.round((baseUsd * FUEL_PERCENT) / 100);
  const transit = days + service.extraDays;
  const delivery = addWeekdays(lane.shipDate || new Date().toISOString().slice(0, 10), transit);
  const deliveryDate = delivery.toISOString().slice(0, 19);
  const detail = (rateType: string, currency: string): Record<string, unknown> => {
    const base = minorIn(baseUsd, currency);
    const fuel = minorIn(fuelUsd, currency);
    return {
      rateType,
      ratedWeightMethod: 'ACTUAL',
      totalDiscounts: 0,
      totalBaseCharge: wireAmount(base, currency),
      totalNetCharge: wireAmount(base + fuel, currency),
      totalNetFedExCharge: wireAmount(base + fuel, currency),
      shipmentRateDetail: {
        rateZone: zone,
        dimDivisor: 5000,
        fuelSurchargePercent: FUEL_PERCENT,
        totalSurcharges: wireAmount(fuel, currency),
        totalFreightDiscount: 0,
        surCharges: [{ type: 'FUEL', description: 'Fuel Surcharge', level: 'PACKAGE', amount: wireAmount(fuel, currency) }],
        totalBillingWeight: { units: 'KG', value: Math.ceil(kg * 2) / 2 },
        currency,
      },
      currency,
    };
  };
  const currency = accountCurrency(lane.origin);
  const details = [detail('ACCOUNT', currency)];
  if (lane.preferredCurrency !== undefined && lane.preferredCurrency !== currency) details.push(detail('PREFERRED_CURRENCY', lane.preferredCurrency));
  return {
    service,
    netMinor: minorIn(baseUsd, currency) + minorIn(fuelUsd, currency),
    currency,
    deliveryDate,
    wire: {
      serviceType: service.serviceType,
      serviceName: service.serviceName,
      packagingType: 'YOUR_PACKAGING',
      ratedShipmentDetails: details,
      operationalDetail: { transitTime: TRANSIT[transit - 1] ?? 'SEVEN_DAYS', deliveryDate, deliveryDay: WEEKDAYS[delivery.getUTCDay()], ineligibleForMoneyBackGuarantee: false },
      commit: { dateDetail: { dayOfWeek: WEEKDAYS[delivery.getUTCDay()], dayFormat: deliveryDate } },
    },
  };
}

export function rateReply(body: unknown, accountNumber: string): Record<string, unknown> {
  const account = objectAt(body, 'accountNumber');
  if (stringAt(account, 'value', 'accountNumber') !== accountNumber) {
    throw new FedexError(400, 'ACCOUNT.NUMBER.MISMATCH', 'When payment Type is SENDER, ShippingChargesPayment Payor AccountNumber should match the shipper account number.', 'accountNumber.value');
  }
  const lane = laneOf(body);
  const shipment = objectAt(body, 'requestedShipment');
  const only = typeof shipment.serviceType === 'string' ? shipment.serviceType : undefined;
  const services = servicesFor(lane.origin, lane.destination).filter((s) => only === undefined || serviceOnLane(only, lane.origin, lane.destination) === s);
  if (services.length === 0) {
    throw new FedexError(400, 'SERVICE.UNAVAILABLE.ERROR', `The service ${only ?? ''} is not available between ${lane.origin} and ${lane.destination}.`, 'requestedShipment.serviceType');
  }
  return {
    rateReplyDetails: services.map((s) => quoteService(lane, s).wire),
    quoteDate: lane.shipDate,
    encoded: false,
  };
}
