/**
 * MyDHL POST /shipments: the create-shipment request checked as MyDHL checks it (schema
 * violations 422 naming the field as a JSON pointer; business rules 400), then a shipment
 * with a 10-digit waybill, piece IDs, a PDF label and, when asked for, a commercial invoice.
 *
 * Idempotency by customer reference: the real MyDHL API gives no such guarantee (the same
 * request twice buys two labels). The sandbox answers a repeated reference with the shipment
 * it already made, and counts requests and labels per reference, so a test sees whether the
 * caller (a retried activity, a restarted worker) asked twice and still bought one label.
 */
import { renderPdf } from './label-pdf.js';
import { DhlProblem, isRecord, missing, requireArray, requireBoolean, requireNumber, requireObject, requireString } from './problem.js';
import { quoteProduct, type DhlParcel, type DhlRateQuery } from './rates.js';
import { dhlZone, productByCode, productsFor, wireAmount } from './tariff.js';

export interface DhlPlace {
  readonly countryCode: string;
  readonly cityName: string;
  readonly postalCode: string;
}

export interface DhlShipmentRecord {
  readonly trackingNumber: string;
  readonly pieceIds: readonly string[];
  /** Sandbox time of creation (epoch ms). */
  readonly createdAtMs: number;
  readonly reference?: string;
  readonly productCode: string;
  readonly description: string;
  readonly shipper: DhlPlace;
  readonly receiver: DhlPlace;
  readonly receiverName: string;
  readonly parcels: readonly DhlParcel[];
  readonly unit: 'metric' | 'imperial';
  readonly isCustomsDeclarable: boolean;
  readonly estimatedDelivery: string;
  /** The 201 body, replayed for a repeated reference. */
  readonly reply: Record<string, unknown>;
}

const INCOTERMS = new Set(['EXW', 'FCA', 'CPT', 'CFR', 'CIP', 'CIF', 'DAP', 'DAF', 'DPU', 'DDP', 'DDU', 'DAT', 'DEQ', 'DES', 'FAS', 'FOB']);

function placeOf(details: Record<string, unknown>, pointer: string): { place: DhlPlace; name: string } {
  const address = requireObject(details, 'postalAddress', pointer);
  const at = `${pointer}/postalAddress`;
  const countryCode = requireString(address, 'countryCode', at);
  if (!/^[A-Z]{2}$/.test(countryCode)) throw new DhlProblem(422, `${at}/countryCode: string [${countryCode}] does not match pattern ^[A-Z]{2}$`);
  const postalCode = requireString(address, 'postalCode', at);
  const cityName = requireString(address, 'cityName', at);
  requireString(address, 'addressLine1', at);
  const contact = requireObject(details, 'contactInformation', pointer);
  const contactAt = `${pointer}/contactInformation`;
  requireString(contact, 'phone', contactAt);
  requireString(contact, 'companyName', contactAt);
  const name = requireString(contact, 'fullName', contactAt);
  return { place: { countryCode, cityName, postalCode }, name };
}

/** The customs declaration of a dutiable shipment: every line needs what customs will ask for. */
function checkExportDeclaration(content: Record<string, unknown>): void {
  const at = '#/content';
  if (content.declaredValue === undefined) throw new DhlProblem(400, `${at}/declaredValue: declared value is required for a dutiable shipment (isCustomsDeclarable true)`);
  requireNumber(content, 'declaredValue', at, 0);
  const currency = requireString(content, 'declaredValueCurrency', at);
  if (!/^[A-Z]{3}$/.test(currency)) throw new DhlProblem(422, `${at}/declaredValueCurrency: string [${currency}] does not match pattern ^[A-Z]{3}$`);
  if (content.exportDeclaration === undefined) throw new DhlProblem(400, `${at}/exportDeclaration: export declaration is required for a dutiable shipment (isCustomsDeclarable true)`);
  const declaration = requireObject(content, 'exportDeclaration', at);
  const declarationAt = `${at}/exportDeclaration`;
  requireArray(declaration, 'lineItems', declarationAt).forEach((item, i) => {
    const itemAt = `${declarationAt}/lineItems/${i}`;
    if (!isRecord(item)) throw new DhlProblem(422, `${itemAt}: expected type: JSONObject`);
    requireNumber(item, 'number', itemAt, 1);
    requireString(item, 'description', itemAt);
    requireNumber(item, 'price', itemAt, 0);
    const quantity = requireObject(item, 'quantity', itemAt);
    requireNumber(quantity, 'value', `${itemAt}/quantity`, 1);
    requireString(quantity, 'unitOfMeasurement', `${itemAt}/quantity`);
    requireString(item, 'manufacturerCountry', itemAt);
    const weight = requireObject(item, 'weight', itemAt);
    requireNumber(weight, 'netValue', `${itemAt}/weight`, 0);
    requireNumber(weight, 'grossValue', `${itemAt}/weight`, 0);
    // Optional in the schema, but customs cannot clear a dutiable line without its HS code.
    const codes = item.commodityCodes;
    if (!Array.isArray(codes) || codes.length === 0) {
      throw new DhlProblem(400, `${itemAt}/commodityCodes: commodity code (HS code) is required for every line item of a dutiable shipment`);
    }
    codes.forEach((code, j) => {
      const codeAt = `${itemAt}/commodityCodes/${j}`;
      if (!isRecord(code)) throw new DhlProblem(422, `${codeAt}: expected type: JSONObject`);
      requireString(code, 'typeCode', codeAt);
      const value = requireString(code, 'value', codeAt);
      if (value.length < 2 || value.length > 18) throw new DhlProblem(422, `${codeAt}/value: expected minLength: 2, maxLength: 18, actual: ${value.length}`);
    });
  });
  if (declaration.invoice !== undefined) {
    const invoice = requireObject(declaration, 'invoice', declarationAt);
    requireString(invoice, 'number', `${declarationAt}/invoice`);
    requireString(invoice, 'date', `${declarationAt}/invoice`);
  }
}

function invoiceRequested(body: Record<string, unknown>): boolean {
  const output = isRecord(body.outputImageProperties) ? body.outputImageProperties : undefined;
  const options = Array.isArray(output?.imageOptions) ? output.imageOptions : [];
  return options.some((o) => isRecord(o) && o.typeCode === 'invoice' && o.isRequested === true);
}

/** The consignor reference (typeCode CU, DHL's default) the sandbox keys idempotency on. */
export function customerReferenceOf(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.customerReferences)) return undefined;
  const ref = body.customerReferences.find((r) => isRecord(r) && (r.typeCode === undefined || r.typeCode === 'CU'));
  return isRecord(ref) && typeof ref.value === 'string' ? ref.value : undefined;
}

export interface ShipmentContext {
  readonly accountNumber: string;
  readonly nowMs: number;
  readonly baseUrl: string;
  readonly seed: number;
  /** How many shipments the sandbox made before this one. */
  readonly sequence: number;
}

/**
 * The n-th waybill of a seed: n ↦ 10⁹ + (seed + n)·7¹¹ mod 9·10⁹ is one-to-one (7¹¹ is coprime
 * to 9·10⁹), so ten digits that never repeat; and the last digit runs through all ten values,
 * so exactly one shipment in ten ends in 7 (the sandbox's long customs hold).
 */
export function dhlWaybill(seed: number, n: number): string {
  return String(1_000_000_000 + (((seed + n) * 1_977_326_743) % 9_000_000_000));
}

/** Checks the request and makes the shipment (label, invoice when asked, charges, estimate). */
export function createDhlShipment(body: unknown, ctx: ShipmentContext): DhlShipmentRecord {
  if (!isRecord(body)) throw new DhlProblem(422, '#: expected type: JSONObject');
  for (const key of ['plannedShippingDateAndTime', 'pickup', 'productCode', 'accounts', 'customerDetails', 'content']) {
    if (body[key] === undefined) throw missing('#', key);
  }
  const planned = requireString(body, 'plannedShippingDateAndTime', '#');
  const plannedDate = planned.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(planned) || Number.isNaN(Date.parse(`${plannedDate}T00:00:00Z`))) {
    throw new DhlProblem(400, "998: ShipTimeStamp is not well formatted.(Expected Sample Format : '2010-02-11T17:10:09 GMT+01:00')");
  }
  requireBoolean(requireObject(body, 'pickup', '#'), 'isRequested', '#/pickup');
  const accounts = requireArray(body, 'accounts', '#');
  const shipperAccount = accounts.find((a) => isRecord(a) && a.typeCode === 'shipper');
  if (!isRecord(shipperAccount) || shipperAccount.number !== ctx.accountNumber) {
    throw new DhlProblem(400, 'The account number is not found or invalid. Please check the account number and retry.');
  }
  const customer = requireObject(body, 'customerDetails', '#');
  const shipper = placeOf(requireObject(customer, 'shipperDetails', '#/customerDetails'), '#/customerDetails/shipperDetails');
  const receiver = placeOf(requireObject(customer, 'receiverDetails', '#/customerDetails'), '#/customerDetails/receiverDetails');
  const content = requireObject(body, 'content', '#');
  const packages = requireArray(content, 'packages', '#/content');
  const isCustomsDeclarable = requireBoolean(content, 'isCustomsDeclarable', '#/content');
  const description = requireString(content, 'description', '#/content');
  const incoterm = requireString(content, 'incoterm', '#/content');
  if (!INCOTERMS.has(incoterm)) throw new DhlProblem(422, `#/content/incoterm: ${incoterm} is not a valid enum value`);
  const unit = requireString(content, 'unitOfMeasurement', '#/content');
  if (unit !== 'metric' && unit !== 'imperial') throw new DhlProblem(422, `#/content/unitOfMeasurement: ${unit} is not a valid enum value`);
  const parcels = packages.map((entry, i): DhlParcel => {
    const at = `#/content/packages/${i}`;
    if (!isRecord(entry)) throw new DhlProblem(422, `${at}: expected type: JSONObject`);
    const weight = requireNumber(entry, 'weight', at, 0.001);
    // Dimensions are optional; given, all three are required. Without them no volumetric weight.
    if (entry.dimensions === undefined) return { weight, length: 1, width: 1, height: 1 };
    const dims = requireObject(entry, 'dimensions', at);
    const dim = (key: string): number => requireNumber(dims, key, `${at}/dimensions`, 1);
    return { weight, length: dim('length'), width: dim('width'), height: dim('height') };
  });
  if (isCustomsDeclarable) checkExportDeclaration(content);

  const zone = dhlZone(shipper.place.countryCode, receiver.place.countryCode);
  const productCode = requireString(body, 'productCode', '#');
  const product = productByCode(productCode);
  if (!product || !productsFor(zone, isCustomsDeclarable).includes(product)) {
    throw new DhlProblem(400, `Product ${productCode} is not available between ${shipper.place.countryCode} and ${receiver.place.countryCode} for ${isCustomsDeclarable ? 'a dutiable' : 'a non-dutiable'} shipment. Please validate the products via the /rates or /products service.`);
  }
  const withInvoice = invoiceRequested(body);
  const declaration = isRecord(content.exportDeclaration) ? content.exportDeclaration : undefined;
  if (withInvoice && !isRecord(declaration?.invoice)) {
    throw new DhlProblem(400, '#/content/exportDeclaration/invoice: invoice number and date are required to generate a commercial invoice');
  }
  const services = Array.isArray(body.valueAddedServices) ? body.valueAddedServices : [];
  const paperless = services.some((s) => isRecord(s) && s.serviceCode === 'WY');
  const images = Array.isArray(body.documentImages) ? body.documentImages : [];
  if (paperless && !withInvoice && !images.some((d) => isRecord(d) && d.typeCode === 'INV')) {
    throw new DhlProblem(400, '#/documentImages: paperless trade (WY) needs an invoice image (typeCode INV) or a generated invoice');
  }

  const query: DhlRateQuery = {
    originCountry: shipper.place.countryCode,
    destinationCountry: receiver.place.countryCode,
    plannedDate,
    isCustomsDeclarable,
    unit,
    parcels,
  };
  const { quoted } = quoteProduct(query, product);
  const trackingNumber = dhlWaybill(ctx.seed, ctx.sequence);
  const pieceIds = parcels.map((_, i) => `JD0146${trackingNumber}${String(i + 1).padStart(4, '0')}`);
  const trackingUrl = `${ctx.baseUrl}/shipments/${trackingNumber}/tracking`;
  const labelLines = [
    `${product.productName} (${product.productCode})`,
    `WAYBILL ${trackingNumber}`,
    `From: ${shipper.name}, ${shipper.place.cityName} ${shipper.place.countryCode}`,
    `To: ${receiver.name}, ${receiver.place.cityName} ${receiver.place.countryCode}`,
    ...pieceIds.map((id, i) => `Piece ${i + 1}/${pieceIds.length}: ${id}`),
    `Content: ${description}`,
  ];
  const documents: Record<string, unknown>[] = [{ imageFormat: 'PDF', content: renderPdf({ title: 'DHL EXPRESS', lines: labelLines }).toString('base64'), typeCode: 'label' }];
  if (withInvoice) {
    const invoice = declaration?.invoice as Record<string, unknown>;
    const items = (declaration?.lineItems as Record<string, unknown>[]).map((item) => {
      const hs = (item.commodityCodes as Record<string, unknown>[])[0]?.value;
      const quantity = (item.quantity as Record<string, unknown>).value;
      return `${String(item.number)}. ${String(item.description)} x${String(quantity)} HS ${String(hs)} ${String(item.price)} ${String(content.declaredValueCurrency)}`;
    });
    const lines = [`Invoice ${String(invoice.number)} of ${String(invoice.date)}`, `Waybill ${trackingNumber}`, `Incoterm ${incoterm}`, ...items];
    documents.push({ imageFormat: 'PDF', content: renderPdf({ width: 595, height: 842, title: 'COMMERCIAL INVOICE', lines }).toString('base64'), typeCode: 'invoice' });
  }
  const reference = customerReferenceOf(body);
  const reply = {
    url: `${ctx.baseUrl}/shipments`,
    shipmentTrackingNumber: trackingNumber,
    trackingUrl,
    packages: pieceIds.map((id, i) => ({ referenceNumber: i + 1, trackingNumber: id, trackingUrl: `${trackingUrl}?pieceTrackingNumber=${id}` })),
    documents,
    shipmentCharges: [{ currencyType: 'BILLC', priceCurrency: quoted.currency, price: wireAmount(quoted.total, quoted.currency) }],
    estimatedDeliveryDate: { estimatedDeliveryDate: `${quoted.estimatedDelivery}Z`, estimatedDeliveryType: 'QDDC' },
  };
  return {
    trackingNumber,
    pieceIds,
    createdAtMs: ctx.nowMs,
    ...(reference !== undefined ? { reference } : {}),
    productCode: product.productCode,
    description,
    shipper: shipper.place,
    receiver: receiver.place,
    receiverName: receiver.name,
    parcels,
    unit,
    isCustomsDeclarable,
    estimatedDelivery: quoted.estimatedDelivery,
    reply,
  };
}
