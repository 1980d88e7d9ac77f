/**
 * MyDHL POST /landed-cost (supermodelIoLogisticsExpressLandedCostRequest → Rates): the
 * express freight of the lane plus, per item, CIF value, duty by HS chapter and the
 * destination's VAT/GST on CIF + duty, and DHL's import fees; totals in the shipment
 * breakdown under the names the description's example uses (TOTAL DUTIES / TAXES / FEES,
 * SCUSV, SPRQN, FF). Deterministic and in integer minor units of the request's currency.
 * The rates are sandbox data, plausible, not any country's tariff.
 */
import { DhlProblem, isRecord, requireArray, requireBoolean, requireNumber, requireString } from './problem.js';
import { quoteProduct, rateQueryFromBody } from './rates.js';
import { convertEurCents, dhlZone, exponentOf, perEur, productsFor, wireAmount } from './tariff.js';

/** Duty in basis points of CIF by HS chapter (first two digits); others pay DEFAULT_DUTY_BPS. */
const DUTY_BPS_BY_CHAPTER: Readonly<Record<string, number>> = {
  '09': 0, // coffee, tea, spices
  '33': 650, // cosmetics
  '42': 370, // leather goods
  '61': 1200, // knitted apparel
  '62': 1200, // woven apparel
  '64': 800, // footwear
  '69': 600, // ceramics
  '71': 250, // jewellery
  '84': 170, // machines
  '85': 200, // electrical equipment
  '95': 270, // toys
};
const DEFAULT_DUTY_BPS = 400;

/** Import VAT/GST in basis points by destination, and its name. */
const IMPORT_TAX: Readonly<Record<string, readonly [bps: number, name: string]>> = {
  DE: [1900, 'VAT'], FR: [2000, 'VAT'], IT: [2200, 'VAT'], ES: [2100, 'VAT'], NL: [2100, 'VAT'], BE: [2100, 'VAT'], AT: [2000, 'VAT'], PL: [2300, 'VAT'],
  SE: [2500, 'VAT'], DK: [2500, 'VAT'], IE: [2300, 'VAT'], GB: [2000, 'VAT'], CH: [810, 'VAT'], NO: [2500, 'VAT'],
  AU: [1000, 'GST'], NZ: [1500, 'GST'], CA: [500, 'GST'], SG: [900, 'GST'], IN: [1800, 'GST'], JP: [1000, 'CONSUMPTION_TAX'], CN: [1300, 'VAT'], US: [0, 'SALES_TAX'],
};
/** DHL's import processing fee, in EUR cents, and the duty-tax-paid service fee (DDP). */
const IMPORT_PROCESSING_EUR_CENTS = 1100;
const DUTY_TAX_PAID_EUR_CENTS = 1500;

const halfUp = (numerator: number, denominator: number): number => Math.floor((2 * numerator + denominator) / (2 * denominator));

/** Minor units of `from` in `to`'s minor units, through EUR (the sandbox's fixed rates). */
function convertMinor(minor: number, from: string, to: string): number {
  if (from === to) return minor;
  const eurCents = halfUp(minor * 100, perEur(from) * 10 ** exponentOf(from));
  return convertEurCents(eurCents, to);
}

function minorOf(amount: number, currency: string): number {
  return Math.round(amount * 10 ** exponentOf(currency));
}

const KNOWN_CURRENCY = /^[A-Z]{3}$/;

interface Line {
  name: string;
  price: number;
  priceCurrency: string;
  typeCode?: string;
  serviceCode?: string;
  tariffRateFormula?: string;
}

/** `today` (YYYY-MM-DD, the sandbox clock's) stands in for the shipping date the request does not carry. */
export function landedCostReply(body: unknown, accountNumber: string, today: string): Record<string, unknown> {
  if (!isRecord(body)) throw new DhlProblem(422, '#: expected type: JSONObject');
  const currency = requireString(body, 'currencyCode', '#');
  if (!KNOWN_CURRENCY.test(currency)) throw new DhlProblem(422, `#/currencyCode: string [${currency}] does not match pattern ^[A-Z]{3}$`);
  requireBoolean(body, 'getCostBreakdown', '#');
  const accounts = requireArray(body, 'accounts', '#');
  const shipper = accounts.find((a) => isRecord(a) && a.typeCode === 'shipper');
  if (!isRecord(shipper) || shipper.number !== accountNumber) {
    throw new DhlProblem(400, 'The account number is not found or invalid. Please check the account number and retry.');
  }
  // The lane, parcels and weights are read as /rates reads them (same customerDetails and packages).
  const query = rateQueryFromBody({ ...body, plannedShippingDateAndTime: `${today}T12:00:00GMT+00:00` });
  const destination = query.destinationCountry;
  const items = requireArray(body, 'items', '#').map((entry, i) => {
    const at = `#/items/${i}`;
    if (!isRecord(entry)) throw new DhlProblem(422, `${at}: expected type: JSONObject`);
    const number = requireNumber(entry, 'number', at, 1);
    requireString(entry, 'manufacturerCountry', at);
    const quantity = requireNumber(entry, 'quantity', at, 0.001);
    const unitPrice = requireNumber(entry, 'unitPrice', at, 0);
    const itemCurrency = requireString(entry, 'unitPriceCurrencyCode', at);
    if (!KNOWN_CURRENCY.test(itemCurrency)) throw new DhlProblem(422, `${at}/unitPriceCurrencyCode: string [${itemCurrency}] does not match pattern ^[A-Z]{3}$`);
    const hs = typeof entry.commodityCode === 'string' ? entry.commodityCode.replace(/\D/g, '') : '';
    const value = convertMinor(minorOf(unitPrice * quantity, itemCurrency), itemCurrency, currency);
    return { number, hs, value };
  });

  const zone = dhlZone(query.originCountry, destination);
  const product = productsFor(zone, query.isCustomsDeclarable)[0]!;
  const { wire: freightWire, quoted: freightQuote } = quoteProduct(query, product);
  const freight = convertMinor(freightQuote.total, freightQuote.currency, currency);
  const charges = Array.isArray(body.charges) ? body.charges.filter(isRecord) : [];
  const insurance = charges
    .filter((c) => c.typeCode === 'insurance' && typeof c.amount === 'number' && typeof c.currencyCode === 'string')
    .reduce((sum, c) => sum + convertMinor(minorOf(c.amount as number, c.currencyCode as string), c.currencyCode as string, currency), 0);
  const goods = items.reduce((sum, item) => sum + item.value, 0);
  const [taxBps, taxName] = IMPORT_TAX[destination] ?? [0, 'VAT'];
  const domestic = query.originCountry === destination;

  const warnings: string[] = [];
  let duties = 0;
  let taxes = 0;
  const itemReplies = items.map((item) => {
    // Freight and insurance spread over the items by value: the C, I and F of CIF.
    const share = goods === 0 ? 0 : halfUp((freight + insurance) * item.value, goods);
    const cif = item.value + share;
    const dutyBps = domestic ? 0 : (DUTY_BPS_BY_CHAPTER[item.hs.slice(0, 2)] ?? DEFAULT_DUTY_BPS);
    const duty = halfUp(cif * dutyBps, 10_000);
    const tax = domestic ? 0 : halfUp((cif + duty) * taxBps, 10_000);
    duties += duty;
    taxes += tax;
    if (item.hs.length < 8) {
      warnings.push(`200203: #/items/number:${item.number}/ The provided HS code is not a valid full Import HS code. Ballpark landed cost is estimated using the provided ${item.hs.length}-digit HS Code.`);
    }
    const line = (name: string, minor: number, typeCode?: string, formula?: string): Line => ({
      name,
      ...(typeCode ? { typeCode } : {}),
      price: wireAmount(minor, currency),
      priceCurrency: currency,
      ...(formula ? { tariffRateFormula: formula } : {}),
    });
    return {
      number: item.number,
      breakdown: [
        line('CIF', cif, undefined, 'COST + INSURANCE + FREIGHT'),
        line('DUTY', duty, 'DUTY', `(CIF * ${dutyBps / 10_000})`),
        line(taxName, tax, 'TAX', `(${taxBps / 10_000} * (CIF + DUTY))`),
      ],
    };
  });
  const processing = domestic ? 0 : convertEurCents(IMPORT_PROCESSING_EUR_CENTS, currency);
  const dutyTaxPaid = body.isDTPRequested === true && !domestic ? convertEurCents(DUTY_TAX_PAID_EUR_CENTS, currency) : 0;
  const fees = processing + dutyTaxPaid;
  const total = goods + insurance + freight + duties + taxes + fees;
  const money = (minor: number): number => wireAmount(minor, currency);
  const breakdown: Line[] = [
    { name: 'SCUSV', price: money(goods), priceCurrency: currency },
    { name: 'SINSV', price: money(insurance), priceCurrency: currency },
    { name: 'SPRQN', price: money(freight), priceCurrency: currency },
    { name: 'TOTAL DUTIES', typeCode: 'DUTY', price: money(duties), priceCurrency: currency },
    { name: 'TOTAL TAXES', typeCode: 'TAX', price: money(taxes), priceCurrency: currency },
    { name: 'TOTAL FEES', typeCode: 'FEE', price: money(fees), priceCurrency: currency },
    { name: 'IMPORT_PROCESSING_CHARGE', typeCode: 'FEE', price: money(processing), priceCurrency: currency, tariffRateFormula: `${currency} ${money(processing)}` },
    ...(dutyTaxPaid > 0 ? [{ name: 'Duty Tax Paid', serviceCode: 'DD', typeCode: 'FEE', price: money(dutyTaxPaid), priceCurrency: currency }] : []),
  ];
  return {
    products: [
      {
        productName: product.productName,
        productCode: product.productCode,
        localProductCode: product.productCode,
        localProductCountryCode: query.originCountry,
        networkTypeCode: product.networkTypeCode,
        isCustomerAgreement: false,
        weight: freightWire.weight,
        totalPrice: [{ priceCurrency: currency, price: money(total) }],
        detailedPriceBreakdown: [{ priceCurrency: currency, breakdown }],
        items: itemReplies,
        pricingDate: query.plannedDate,
      },
    ],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
