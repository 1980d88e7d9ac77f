/**
 * The sandbox's DHL Express tariff, as data: a lane's zone from the two countries' regions,
 * a price per zone (a base plus a step per started half kilo of chargeable weight, DHL's
 * volumetric divisor 5000), a fuel surcharge, transit days, and the currencies the price
 * is shown in (billing = shipper's country, BASEC = EUR). Amounts are integers in minor
 * units; prices become JSON numbers only on the wire.
 */
import { currencyInfo } from '../../mappings/canonical/currencies.js';

const EU = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));
const EUROPE = new Set([...EU, ...'GB CH NO IS LI AD MC SM RS BA ME MK AL TR UA'.split(' ')]);
const AMERICAS_NORTH = new Set('US CA MX PR'.split(' '));
const ASIA_PACIFIC = new Set('CN HK JP KR TW SG MY TH VN ID PH IN AU NZ'.split(' '));

type Region = 'eu' | 'europe' | 'north-america' | 'asia-pacific' | 'world';

function region(country: string): Region {
  if (EU.has(country)) return 'eu';
  if (EUROPE.has(country)) return 'europe';
  if (AMERICAS_NORTH.has(country)) return 'north-america';
  if (ASIA_PACIFIC.has(country)) return 'asia-pacific';
  return 'world';
}

/** 0 domestic, 1 within the EU, 2 within Europe, 3 within a region or Europe–North America, 4 to Asia-Pacific, 5 the rest. */
export function dhlZone(origin: string, destination: string): number {
  if (origin === destination) return 0;
  const [a, b] = [region(origin), region(destination)];
  if (a === 'eu' && b === 'eu') return 1;
  const europe = (r: Region): boolean => r === 'eu' || r === 'europe';
  if (europe(a) && europe(b)) return 2;
  if (a === b && a !== 'world') return 3;
  if ((europe(a) && b === 'north-america') || (a === 'north-america' && europe(b))) return 3;
  if (a === 'asia-pacific' || b === 'asia-pacific') return 4;
  return 5;
}

/** Per zone: EUR cents for the first half kilo, per further started half kilo, and transit days. */
const ZONE_PRICES: readonly { readonly base: number; readonly step: number; readonly days: number }[] = [
  { base: 1490, step: 140, days: 1 },
  { base: 2790, step: 245, days: 2 },
  { base: 3490, step: 315, days: 2 },
  { base: 5190, step: 475, days: 3 },
  { base: 6090, step: 555, days: 4 },
  { base: 7390, step: 675, days: 5 },
];

/** Fuel surcharge, percent of the base price. */
export const FUEL_SURCHARGE_PERCENT = 20;

export interface DhlProduct {
  readonly productCode: string;
  readonly productName: string;
  readonly networkTypeCode: 'TD' | 'DD';
  /** Share of the express price, in percent. */
  readonly pricePercent: number;
  readonly extraDays: number;
}

const EXPRESS_DOMESTIC: DhlProduct = { productCode: 'N', productName: 'EXPRESS DOMESTIC', networkTypeCode: 'TD', pricePercent: 100, extraDays: 0 };
const EXPRESS_EU: DhlProduct = { productCode: 'U', productName: 'EXPRESS WORLDWIDE', networkTypeCode: 'TD', pricePercent: 100, extraDays: 0 };
const ECONOMY_EU: DhlProduct = { productCode: 'W', productName: 'ECONOMY SELECT', networkTypeCode: 'DD', pricePercent: 70, extraDays: 2 };
const EXPRESS_NONDOC: DhlProduct = { productCode: 'P', productName: 'EXPRESS WORLDWIDE NONDOC', networkTypeCode: 'TD', pricePercent: 100, extraDays: 0 };
const EXPRESS_DOC: DhlProduct = { productCode: 'D', productName: 'EXPRESS WORLDWIDE DOC', networkTypeCode: 'TD', pricePercent: 85, extraDays: 0 };
const ECONOMY_NONDOC: DhlProduct = { productCode: 'H', productName: 'ECONOMY SELECT NONDOC', networkTypeCode: 'DD', pricePercent: 65, extraDays: 3 };

/** The products offered on a lane: dutiable (non-document) shipments get the NONDOC products. */
export function productsFor(zone: number, isCustomsDeclarable: boolean): readonly DhlProduct[] {
  if (zone === 0) return [EXPRESS_DOMESTIC];
  if (zone === 1) return [EXPRESS_EU, ECONOMY_EU];
  return isCustomsDeclarable ? [EXPRESS_NONDOC, ECONOMY_NONDOC] : [EXPRESS_DOC];
}

export function productByCode(code: string): DhlProduct | undefined {
  return [EXPRESS_DOMESTIC, EXPRESS_EU, ECONOMY_EU, EXPRESS_NONDOC, EXPRESS_DOC, ECONOMY_NONDOC].find((p) => p.productCode === code);
}

/** EUR cents of a product on a zone for a chargeable weight: [base, fuel]. */
export function priceEurCents(zone: number, product: DhlProduct, chargeableKg: number): readonly [base: number, fuel: number] {
  const tariff = ZONE_PRICES[zone] ?? ZONE_PRICES[5]!;
  const steps = Math.max(0, Math.ceil(chargeableKg * 2) - 1);
  const base = Math.round(((tariff.base + steps * tariff.step) * product.pricePercent) / 100);
  return [base, Math.round((base * FUEL_SURCHARGE_PERCENT) / 100)];
}

export function transitDays(zone: number, product: DhlProduct): number {
  return (ZONE_PRICES[zone] ?? ZONE_PRICES[5]!).days + product.extraDays;
}

const EURO_AREA = new Set('AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK BG AD MC SM'.split(' '));
const LOCAL_CURRENCY: Readonly<Record<string, string>> = {
  GB: 'GBP', CH: 'CHF', LI: 'CHF', NO: 'NOK', SE: 'SEK', DK: 'DKK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', TR: 'TRY',
  US: 'USD', PR: 'USD', CA: 'CAD', MX: 'MXN', CN: 'CNY', HK: 'HKD', JP: 'JPY', KR: 'KRW', SG: 'SGD', IN: 'INR', AU: 'AUD', NZ: 'NZD', AE: 'AED', BR: 'BRL',
};

/** The currency DHL bills a shipper in the country in (USD where the table has none). */
export function localCurrency(country: string): string {
  return EURO_AREA.has(country) ? 'EUR' : (LOCAL_CURRENCY[country] ?? 'USD');
}

/** Units of a currency per 1 EUR, times 10 000 (late-2025 levels, fixed). */
const PER_EUR_E4: Readonly<Record<string, number>> = {
  EUR: 10_000, GBP: 8_700, CHF: 9_300, NOK: 117_000, SEK: 109_500, DKK: 74_625, PLN: 42_300, CZK: 243_000, HUF: 3_850_000, RON: 50_800,
  TRY: 480_000, USD: 11_600, CAD: 16_200, MXN: 214_000, CNY: 82_500, HKD: 90_300, JPY: 1_780_000, KRW: 16_900_000, SGD: 15_000,
  INR: 1_020_000, AUD: 17_800, NZD: 20_300, AED: 42_600, BRL: 62_000,
};

export function perEur(currency: string): number {
  return (PER_EUR_E4[currency] ?? PER_EUR_E4.USD!) / 10_000;
}

export function exponentOf(currency: string): number {
  return currencyInfo(currency)?.exponent ?? 2;
}

/** EUR cents in `currency`'s minor units, rounded half up (integers throughout). */
export function convertEurCents(eurCents: number, currency: string): number {
  const rate = PER_EUR_E4[currency] ?? PER_EUR_E4.USD!;
  const numerator = eurCents * rate * 10 ** exponentOf(currency);
  const denominator = 100 * 10_000;
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Minor units as the JSON number MyDHL writes (157.95, 21840 for JPY). */
export function wireAmount(minor: number, currency: string): number {
  return minor / 10 ** exponentOf(currency);
}

/** DHL's volumetric weight in kg for centimetres. */
export function volumetricKg(lengthCm: number, widthCm: number, heightCm: number): number {
  return (lengthCm * widthCm * heightCm) / 5000;
}

/** `days` business days after a YYYY-MM-DD date (Saturdays and Sundays skipped). */
export function addBusinessDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
