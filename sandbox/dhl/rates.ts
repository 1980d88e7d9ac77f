/**
 * MyDHL rates: POST /rates (supermodelIoLogisticsExpressRateRequest) and GET /rates (the
 * same question as query parameters) answered with supermodelIoLogisticsExpressRates:
 * per product the weight, totalPrice in BILLC, PULCL and BASEC, the price breakdowns and
 * the delivery estimate, plus exchangeRates. Deterministic: the lane, the weights and the
 * planned date decide everything.
 */
import { DhlProblem, isRecord, requireArray, requireBoolean, requireNumber, requireObject, requireString } from './problem.js';
import {
  addBusinessDays,
  convertEurCents,
  dhlZone,
  localCurrency,
  perEur,
  priceEurCents,
  productsFor,
  transitDays,
  volumetricKg,
  wireAmount,
  type DhlProduct,
} from './tariff.js';

export interface DhlParcel {
  /** In the request's unit (kg or lb). */
  readonly weight: number;
  readonly length: number;
  readonly width: number;
  readonly height: number;
}

export interface DhlRateQuery {
  readonly accountNumber?: string;
  readonly originCountry: string;
  readonly destinationCountry: string;
  readonly plannedDate: string;
  readonly isCustomsDeclarable: boolean;
  readonly unit: 'metric' | 'imperial';
  readonly parcels: readonly DhlParcel[];
}

const LB_KG = 0.45359237;
const IN_CM = 2.54;

/** Chargeable kilos: per parcel the larger of actual and volumetric weight. */
export function chargeableKg(query: Pick<DhlRateQuery, 'unit' | 'parcels'>): { provided: number; volumetric: number; chargeable: number } {
  let provided = 0;
  let volumetric = 0;
  let chargeable = 0;
  for (const p of query.parcels) {
    const kg = query.unit === 'metric' ? p.weight : p.weight * LB_KG;
    const cm = query.unit === 'metric' ? 1 : IN_CM;
    const vol = volumetricKg(p.length * cm, p.width * cm, p.height * cm);
    provided += p.weight;
    volumetric += query.unit === 'metric' ? vol : vol / LB_KG;
    chargeable += Math.max(kg, vol);
  }
  return { provided, volumetric: Math.round(volumetric * 1000) / 1000, chargeable };
}

/** "2019-08-04T14:00:31GMT+01:00" or "2019-08-04" → "2019-08-04". */
function plannedDateOf(text: string, pointer: string): string {
  const date = text.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new DhlProblem(400, `998: ${pointer} is not well formatted.(Expected Sample Format : '2010-02-11T17:10:09 GMT+01:00')`);
  }
  return date;
}

function countryOf(details: Record<string, unknown>, pointer: string): string {
  const code = requireString(details, 'countryCode', pointer);
  if (!/^[A-Z]{2}$/.test(code)) throw new DhlProblem(422, `${pointer}/countryCode: string [${code}] does not match pattern ^[A-Z]{2}$`);
  return code;
}

function parcelsOf(packages: unknown[], pointer: string): DhlParcel[] {
  return packages.map((entry, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(entry)) throw new DhlProblem(422, `${at}: expected type: JSONObject`);
    const weight = requireNumber(entry, 'weight', at, 0.001);
    const dims = isRecord(entry.dimensions) ? entry.dimensions : undefined;
    const dim = (key: string): number => (dims === undefined ? 1 : requireNumber(dims, key, `${at}/dimensions`, 1));
    return { weight, length: dim('length'), width: dim('width'), height: dim('height') };
  });
}

function unitOf(value: string, pointer: string): 'metric' | 'imperial' {
  if (value !== 'metric' && value !== 'imperial') throw new DhlProblem(422, `${pointer}: ${value} is not a valid enum value`);
  return value;
}

/** POST /rates body → the query. */
export function rateQueryFromBody(body: unknown): DhlRateQuery {
  if (!isRecord(body)) throw new DhlProblem(422, '#: expected type: JSONObject');
  const customer = requireObject(body, 'customerDetails', '#');
  const shipper = requireObject(customer, 'shipperDetails', '#/customerDetails');
  const receiver = requireObject(customer, 'receiverDetails', '#/customerDetails');
  const accounts = Array.isArray(body.accounts) ? body.accounts.filter(isRecord) : [];
  const shipperAccount = accounts.find((a) => a.typeCode === 'shipper')?.number;
  return {
    ...(typeof shipperAccount === 'string' ? { accountNumber: shipperAccount } : {}),
    originCountry: countryOf(shipper, '#/customerDetails/shipperDetails'),
    destinationCountry: countryOf(receiver, '#/customerDetails/receiverDetails'),
    plannedDate: plannedDateOf(requireString(body, 'plannedShippingDateAndTime', '#'), 'plannedShippingDateAndTime'),
    isCustomsDeclarable: requireBoolean(body, 'isCustomsDeclarable', '#'),
    unit: unitOf(requireString(body, 'unitOfMeasurement', '#'), '#/unitOfMeasurement'),
    parcels: parcelsOf(requireArray(body, 'packages', '#'), '#/packages'),
  };
}

/** GET /rates query parameters → the query (one parcel; all parameters the model marks required). */
export function rateQueryFromParams(params: URLSearchParams): DhlRateQuery {
  const required = ['accountNumber', 'originCountryCode', 'originCityName', 'destinationCountryCode', 'destinationCityName', 'weight', 'length', 'width', 'height', 'plannedShippingDate', 'isCustomsDeclarable', 'unitOfMeasurement'];
  const absent = required.filter((name) => !params.get(name));
  if (absent.length > 0) throw new DhlProblem(400, `Missing required query parameter(s): ${absent.join(', ')}`);
  const number = (name: string): number => {
    const value = Number(params.get(name));
    if (!Number.isFinite(value) || value <= 0) throw new DhlProblem(400, `Parameters not having correct format: ${name}`);
    return value;
  };
  const declarable = params.get('isCustomsDeclarable');
  if (declarable !== 'true' && declarable !== 'false') throw new DhlProblem(400, 'Parameters not having correct format: isCustomsDeclarable');
  return {
    accountNumber: params.get('accountNumber') as string,
    originCountry: params.get('originCountryCode') as string,
    destinationCountry: params.get('destinationCountryCode') as string,
    plannedDate: plannedDateOf(params.get('plannedShippingDate') as string, 'plannedShippingDate'),
    isCustomsDeclarable: declarable === 'true',
    unit: unitOf(params.get('unitOfMeasurement') as string, 'unitOfMeasurement'),
    parcels: [{ weight: number('weight'), length: number('length'), width: number('width'), height: number('height') }],
  };
}

interface CurrencyPrice {
  currencyType: 'BILLC' | 'PULCL' | 'BASEC';
  currency: string;
  base: number;
  fuel: number;
}

function pricesIn(origin: string, baseEur: number, fuelEur: number): CurrencyPrice[] {
  const billing = localCurrency(origin);
  return (
    [
      ['BILLC', billing],
      ['PULCL', billing],
      ['BASEC', 'EUR'],
    ] as const
  ).map(([currencyType, currency]) => ({ currencyType, currency, base: convertEurCents(baseEur, currency), fuel: convertEurCents(fuelEur, currency) }));
}

export interface DhlQuotedProduct {
  readonly product: DhlProduct;
  /** BILLC total in minor units and its currency. */
  readonly total: number;
  readonly currency: string;
  readonly estimatedDelivery: string;
}

/** The product's price and delivery estimate on the query's lane. */
export function quoteProduct(query: DhlRateQuery, product: DhlProduct): { wire: Record<string, unknown>; quoted: DhlQuotedProduct } {
  const zone = dhlZone(query.originCountry, query.destinationCountry);
  const weights = chargeableKg(query);
  const [baseEur, fuelEur] = priceEurCents(zone, product, weights.chargeable);
  const prices = pricesIn(query.originCountry, baseEur, fuelEur);
  const days = transitDays(zone, product);
  const delivery = `${addBusinessDays(query.plannedDate, days)}T23:59:00`;
  const amount = (p: CurrencyPrice, minor: number): number => wireAmount(minor, p.currency);
  const wire = {
    productName: product.productName,
    productCode: product.productCode,
    localProductCode: product.productCode,
    localProductCountryCode: query.originCountry,
    networkTypeCode: product.networkTypeCode,
    isCustomerAgreement: false,
    weight: { volumetric: weights.volumetric, provided: weights.provided, unitOfMeasurement: query.unit },
    totalPrice: prices.map((p) => ({ currencyType: p.currencyType, priceCurrency: p.currency, price: amount(p, p.base + p.fuel) })),
    totalPriceBreakdown: prices.map((p) => ({
      currencyType: p.currencyType,
      priceCurrency: p.currency,
      priceBreakdown: [
        { typeCode: 'STTXA', price: 0 },
        { typeCode: 'SPRQT', price: amount(p, p.base) },
      ],
    })),
    detailedPriceBreakdown: prices.map((p) => ({
      currencyType: p.currencyType,
      priceCurrency: p.currency,
      breakdown: [
        { name: product.productName, price: amount(p, p.base) },
        { name: 'FUEL SURCHARGE', serviceCode: 'FF', localServiceCode: 'FF', serviceTypeCode: 'SCH', price: amount(p, p.fuel), isCustomerAgreement: false, isMarketedService: false },
      ],
    })),
    pickupCapabilities: { nextBusinessDay: false, localCutoffDateAndTime: `${query.plannedDate}T18:00:00`, pickupEarliest: '09:00:00', pickupLatest: '18:00:00', pickupAdditionalDays: 0 },
    deliveryCapabilities: { deliveryTypeCode: 'QDDC', estimatedDeliveryDateAndTime: delivery, deliveryAdditionalDays: 0, totalTransitDays: days },
    pricingDate: query.plannedDate,
  };
  const billing = prices[0]!;
  return { wire, quoted: { product, total: billing.base + billing.fuel, currency: billing.currency, estimatedDelivery: delivery } };
}

/** The whole /rates reply. */
export function ratesReply(query: DhlRateQuery): Record<string, unknown> {
  const zone = dhlZone(query.originCountry, query.destinationCountry);
  const products = productsFor(zone, query.isCustomsDeclarable).map((p) => quoteProduct(query, p).wire);
  const billing = localCurrency(query.originCountry);
  return {
    products,
    ...(billing === 'EUR' ? {} : { exchangeRates: [{ currentExchangeRate: perEur(billing), currency: billing, baseCurrency: 'EUR' }] }),
  };
}

/** GET /products (supermodelIoLogisticsExpressProducts): the lane's products without prices. */
export function productsReply(query: DhlRateQuery): Record<string, unknown> {
  const zone = dhlZone(query.originCountry, query.destinationCountry);
  const fields = ['productName', 'productCode', 'localProductCode', 'localProductCountryCode', 'networkTypeCode', 'isCustomerAgreement', 'weight', 'pickupCapabilities', 'deliveryCapabilities'];
  return {
    products: productsFor(zone, query.isCustomsDeclarable).map((p) => {
      const { wire } = quoteProduct(query, p);
      return Object.fromEntries(fields.map((f) => [f, wire[f]]));
    }),
  };
}
