/**
 * Requests of the MyDHL shipping operations (mydhl-express-api-3.1.1.yaml): POST /rates, GET
 * /products, POST /shipments (with the customs declaration and paperless-trade images), POST
 * /pickups. Checked strictly before they leave (`additionalProperties: false`, lengths, enums,
 * the 0.001 `multipleOf` of weights and amounts), so a malformed body is our error, named by
 * field, never DHL's. Replies: loose objects (carrier-json.ts holds the ones mappings read).
 */
import { z } from 'zod';
import { nullAsAbsent } from '../../http/wire-leniency.js';
import {
  CountryCode,
  CurrencyCode,
  decimalNumber,
  DHL_PACKAGE_TYPE_CODES,
  DhlAccountSchema,
  DhlRatingAddressSchema,
  DhlRatingPackageSchema,
  type DeepReadonly,
} from '../schemas.js';

const Amount = decimalNumber(3).pipe(z.number().min(0).max(999999999999999));
const Weight = decimalNumber(3).pipe(z.number().min(0).max(999999999999));
const Dimension = decimalNumber(3).pipe(z.number().min(0.001).max(9999999));
const REFERENCE_TYPE_CODES = ['AAO', 'CU', 'FF', 'FN', 'IBC', 'LLR', 'OBC', 'PRN', 'ACP', 'ACS', 'ACR', 'CDN', 'STD', 'CO'] as const;
export const DHL_INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DPU', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DAF', 'DAT', 'DDU', 'DEQ', 'DES'] as const;
export const DHL_EXPORT_REASON_TYPES = [
  'permanent', 'temporary', 'return', 'used_exhibition_goods_to_origin', 'intercompany_use', 'commercial_purpose_or_sale',
  'personal_belongings_or_personal_use', 'sample', 'gift', 'return_to_origin', 'warranty_replacement', 'diplomatic_goods', 'defence_material',
] as const;
const UNIT_OF_MEASUREMENT = z.enum(['metric', 'imperial']);

/** `HH:MM` (the description's closeTime pattern). */
const CloseTime = z.string().max(5).regex(/^([0-1][0-9]|2[0-3]):([0-5][0-9])$/);

/** supermodelIoLogisticsExpressReference / PackageReference: `customerReferences` of a shipment or package. */
export const DhlReferenceSchema = z.strictObject({
  value: z.string().min(1).max(35),
  typeCode: z.enum(REFERENCE_TYPE_CODES).optional(),
});

/** supermodelIoLogisticsExpressAddressCreateShipmentRequest */
export const DhlPostalAddressSchema = z.strictObject({
  postalCode: z.string().max(12),
  cityName: z.string().min(1).max(45),
  countryCode: CountryCode,
  provinceCode: z.string().min(2).max(35).optional(),
  addressLine1: z.string().min(1).max(45),
  addressLine2: z.string().min(1).max(45).optional(),
  addressLine3: z.string().min(1).max(45).optional(),
  countyName: z.string().min(1).max(45).optional(),
  provinceName: z.string().min(1).max(35).optional(),
  countryName: z.string().min(1).max(35).optional(),
});

/** supermodelIoLogisticsExpressContact */
export const DhlContactSchema = z.strictObject({
  email: z.string().min(1).max(70).optional(),
  phone: z.string().min(1).max(70),
  mobilePhone: z.string().min(1).max(70).optional(),
  companyName: z.string().min(1).max(100),
  fullName: z.string().min(1).max(255),
});

/** supermodelIoLogisticsExpressRegistrationNumbers: the party's VAT, EORI (EOR), IOSS … numbers. */
export const DhlRegistrationNumberSchema = z.strictObject({
  typeCode: z.enum([
    'VAT', 'EIN', 'GST', 'SSN', 'EOR', 'DUN', 'FED', 'STA', 'CNP', 'IE', 'INN', 'KPP', 'OGR', 'OKP', 'MRN', 'SDT', 'FTZ', 'DAN', 'TAN', 'DTF',
    'RGP', 'DLI', 'NID', 'PAS', 'MID', 'IMS', 'EIC', 'FTN', 'CIC', 'PEP',
  ]),
  number: z.string().min(1).max(35),
  issuerCountryCode: CountryCode,
});

const PARTY_TYPE_CODES = ['business', 'direct_consumer', 'government', 'other', 'private', 'reseller'] as const;

/** One party of a shipment (shipper, receiver, importer …). */
export const DhlPartySchema = z.strictObject({
  postalAddress: DhlPostalAddressSchema,
  contactInformation: DhlContactSchema,
  registrationNumbers: z.array(DhlRegistrationNumberSchema).max(50).optional(),
  bankDetails: z
    .array(z.strictObject({ name: z.string().max(60).optional(), settlementLocalCurrency: z.string().optional(), settlementForeignCurrency: z.string().optional() }))
    .max(1)
    .optional(),
  typeCode: z.enum(PARTY_TYPE_CODES).optional(),
});

/** supermodelIoLogisticsExpressValueAddedServices (dangerous goods left out: Caravan ships none). */
export const DhlValueAddedServiceSchema = z.strictObject({
  serviceCode: z.string().min(1).max(6),
  value: Amount.optional(),
  currency: CurrencyCode.optional(),
  method: z.string().optional(),
});

/** supermodelIoLogisticsExpressPackage */
export const DhlShipmentPackageSchema = z.strictObject({
  typeCode: z.enum(DHL_PACKAGE_TYPE_CODES).optional(),
  weight: decimalNumber(3).pipe(z.number().min(0.001).max(999999999999)),
  dimensions: z.strictObject({ length: Dimension, width: Dimension, height: Dimension }).optional(),
  customerReferences: z.array(DhlReferenceSchema).min(1).max(99).optional(),
  description: z.string().min(1).max(70).optional(),
  labelDescription: z.string().min(1).max(80).optional(),
  referenceNumber: z.number().int().min(1).max(999).optional(),
});

const CustomsDocumentSchema = z.strictObject({ typeCode: z.string().min(1).max(3), value: z.string().min(1).max(35) });

/** One line of the export declaration: what it is (HS codes), where it was made, how many, their value and weight. */
export const DhlExportLineItemSchema = z.strictObject({
  number: z.number().int().min(1).max(999),
  description: z.string().min(1).max(512),
  /** Unit price in the declared-value currency. */
  price: Amount,
  quantity: z.strictObject({ value: z.number().int().min(1).max(1000000000), unitOfMeasurement: z.string().min(1).max(8) }),
  /** `outbound`: the exporter's HS code; `inbound`: the importing country's tariff number. */
  commodityCodes: z.array(z.strictObject({ typeCode: z.enum(['outbound', 'inbound']), value: z.string().min(2).max(18) })).max(2).optional(),
  exportReasonType: z.enum(DHL_EXPORT_REASON_TYPES).optional(),
  manufacturerCountry: CountryCode,
  weight: z.strictObject({ netValue: Weight.optional(), grossValue: Weight.optional() }),
  isTaxesPaid: z.boolean().optional(),
  additionalInformation: z.array(z.string()).min(1).max(8).optional(),
  customerReferences: z.array(z.strictObject({ typeCode: z.string().min(1).max(3), value: z.string().min(1).max(35) })).max(100).optional(),
  customsDocuments: z.array(CustomsDocumentSchema).max(50).optional(),
  preCalculatedLineItemTotalValue: z.number().min(0).max(999999999999999).optional(),
});

/** The commercial invoice DHL prints (or that paperless trade carries). */
export const DhlInvoiceSchema = z.strictObject({
  number: z.string().min(1).max(35),
  /** YYYY-MM-DD. */
  date: z.iso.date(),
  signatureName: z.string().max(35).optional(),
  signatureTitle: z.string().max(35).optional(),
  signatureImage: z.string().max(1048576).optional(),
  instructions: z.array(z.string().min(1).max(300)).length(1).optional(),
  customerDataTextEntries: z.array(z.string().max(45)).min(1).max(6).optional(),
  totalNetWeight: Weight.optional(),
  totalGrossWeight: Weight.optional(),
  customerReferences: z.array(z.strictObject({ typeCode: z.string().min(1).max(3), value: z.string().min(1).max(35) })).max(100).optional(),
  termsOfPayment: z.string().optional(),
  indicativeCustomsValues: z
    .strictObject({
      importCustomsDutyValue: z.number().min(0).max(999999999999999).optional(),
      importTaxesValue: z.number().min(0).max(999999999999999).optional(),
      totalWithImportDutiesAndTaxes: z.number().min(0).max(999999999999999).optional(),
    })
    .optional(),
  preCalculatedTotalValues: z
    .strictObject({ preCalculatedTotalGoodsValue: z.number().min(0).max(999999999999999), preCalculatedTotalInvoiceValue: z.number().min(0).max(999999999999999) })
    .optional(),
});

/** content.exportDeclaration */
export const DhlExportDeclarationSchema = z.strictObject({
  lineItems: z.array(DhlExportLineItemSchema).min(1).max(999),
  invoice: DhlInvoiceSchema.optional(),
  remarks: z.array(z.strictObject({ value: z.string() })).max(3).optional(),
  additionalCharges: z
    .array(
      z.strictObject({
        value: decimalNumber(3).pipe(z.number().min(0.001).max(999999999999999)),
        caption: z.string().optional(),
        typeCode: z.enum(['admin', 'delivery', 'documentation', 'expedite', 'export', 'freight', 'fuel_surcharge', 'logistic', 'other', 'packaging', 'pickup', 'handling', 'vat', 'insurance', 'reverse_charge']),
      }),
    )
    .max(5)
    .optional(),
  destinationPortName: z.string().optional(),
  placeOfIncoterm: z.string().min(1).max(256).optional(),
  payerVATNumber: z.string().optional(),
  recipientReference: z.string().optional(),
  exporter: z.strictObject({ id: z.string().optional(), code: z.string().optional() }).optional(),
  packageMarks: z.string().optional(),
  declarationNotes: z.array(z.strictObject({ value: z.string().max(700) })).max(3).optional(),
  exportReference: z.string().max(40).optional(),
  exportReason: z.string().min(1).max(30).optional(),
  exportReasonType: z.enum(DHL_EXPORT_REASON_TYPES).optional(),
  licenses: z.array(z.strictObject({ typeCode: z.enum(['export', 'import']), value: z.string().max(16) })).max(2).optional(),
  shipmentType: z.enum(['personal', 'commercial']).optional(),
  customsDocuments: z.array(CustomsDocumentSchema).max(50).optional(),
});

/** Paperless trade: documents sent with the shipment (the commercial invoice as `INV`), base64. */
export const DhlDocumentImageSchema = z.strictObject({
  typeCode: z.enum(['INV', 'PNV', 'COO', 'CIN', 'DCL', 'AWB', 'NAF']).optional(),
  imageFormat: z.enum(['PDF', 'PNG', 'GIF', 'TIFF', 'JPEG']).optional(),
  content: z.string().min(1),
});

const ImageOptionSchema = z.strictObject({
  typeCode: z.enum(['label', 'waybillDoc', 'invoice', 'qr-code', 'shipmentReceipt']),
  templateName: z.string().max(25).optional(),
  isRequested: z.boolean().optional(),
  hideAccountNumber: z.boolean().optional(),
  numberOfCopies: z.number().int().min(1).max(2).optional(),
  invoiceType: z.enum(['commercial', 'proforma', 'returns']).optional(),
  languageCode: z.string().length(3).optional(),
  languageCountryCode: z.string().length(2).optional(),
  languageScriptCode: z.string().length(4).optional(),
  encodingFormat: z.enum(['png']).optional(),
  renderDHLLogo: z.boolean().optional(),
  fitLabelsToA4: z.boolean().optional(),
  labelFreeText: z.string().max(150).optional(),
  labelCustomerDataText: z.string().min(1).max(250).optional(),
  shipmentReceiptCustomerDataText: z.string().min(1).max(700).optional(),
});

export const DhlCreateShipmentRequestSchema = z.strictObject({
  /** `2026-03-02T10:00:00 GMT+01:00` (the shipper's local time and offset). */
  plannedShippingDateAndTime: z.string().min(1).max(29),
  pickup: z.strictObject({
    isRequested: z.boolean(),
    closeTime: CloseTime.optional(),
    location: z.string().max(80).optional(),
    specialInstructions: z.array(z.strictObject({ value: z.string().max(80), typeCode: z.string().min(2).max(3).optional() })).max(4).optional(),
    pickupDetails: DhlPartySchema.optional(),
    pickupRequestorDetails: DhlPartySchema.optional(),
  }),
  productCode: z.string().min(1).max(6),
  localProductCode: z.string().min(1).max(3).optional(),
  getRateEstimates: z.boolean().optional(),
  accounts: z.array(DhlAccountSchema).min(1).max(3),
  valueAddedServices: z.array(DhlValueAddedServiceSchema).max(99).optional(),
  outputImageProperties: z
    .strictObject({
      printerDPI: z.union([z.literal(200), z.literal(300)]).optional(),
      encodingFormat: z.enum(['pdf', 'zpl', 'lp2', 'epl']).optional(),
      imageOptions: z.array(ImageOptionSchema).max(20).optional(),
      splitTransportAndWaybillDocLabels: z.boolean().optional(),
      allDocumentsInOneImage: z.boolean().optional(),
      splitDocumentsByPages: z.boolean().optional(),
      splitInvoiceAndReceipt: z.boolean().optional(),
      receiptAndLabelsInOneImage: z.boolean().optional(),
    })
    .optional(),
  /** The shipment's references; Caravan's idempotency reference travels here (typeCode CU). */
  customerReferences: z.array(DhlReferenceSchema).max(999).optional(),
  identifiers: z.array(z.strictObject({ typeCode: z.enum(['parentId', 'shipmentId', 'pieceId']), value: z.string().min(1).max(35), dataIdentifier: z.string().min(1).max(4).optional() })).max(5).optional(),
  customerDetails: z.strictObject({
    shipperDetails: DhlPartySchema,
    receiverDetails: DhlPartySchema,
    buyerDetails: DhlPartySchema.optional(),
    importerDetails: DhlPartySchema.optional(),
    exporterDetails: DhlPartySchema.optional(),
    sellerDetails: DhlPartySchema.optional(),
    payerDetails: DhlPartySchema.optional(),
    manufacturerDetails: DhlPartySchema.optional(),
    ultimateConsigneeDetails: DhlPartySchema.optional(),
    brokerDetails: DhlPartySchema.optional(),
  }),
  content: z.strictObject({
    packages: z.array(DhlShipmentPackageSchema).min(1).max(999),
    isCustomsDeclarable: z.boolean(),
    declaredValue: Amount.optional(),
    declaredValueCurrency: CurrencyCode.optional(),
    exportDeclaration: DhlExportDeclarationSchema.optional(),
    description: z.string().min(1).max(70).regex(/^\S/, 'must not start with white space'),
    USFilingTypeValue: z.string().min(1).max(20).optional(),
    incoterm: z.enum(DHL_INCOTERMS),
    unitOfMeasurement: UNIT_OF_MEASUREMENT,
  }),
  documentImages: z.array(DhlDocumentImageSchema).min(1).max(999).optional(),
  shipmentNotification: z
    .array(z.strictObject({ typeCode: z.literal('email'), receiverId: z.string().min(1).max(50), languageCode: z.string().length(3).optional(), languageCountryCode: z.string().length(2).optional(), bespokeMessage: z.string().max(250).optional() }))
    .max(5)
    .optional(),
  getTransliteratedResponse: z.boolean().optional(),
  estimatedDeliveryDate: z.strictObject({ isRequested: z.boolean(), typeCode: z.enum(['QDDC', 'QDDF']).optional() }).optional(),
  getAdditionalInformation: z.array(z.strictObject({ typeCode: z.enum(['pickupDetails', 'optionalShipmentData', 'barcodeInformation', 'linkLabelsByPieces']).optional(), isRequested: z.boolean() })).max(5).optional(),
});
export type DhlCreateShipmentRequest = z.infer<typeof DhlCreateShipmentRequestSchema>;
export type DhlCreateShipmentRequestInput = DeepReadonly<DhlCreateShipmentRequest>;

/**
 * PATCH /shipments/{n}/upload-image (supermodelIoLogisticsExpressImageUploadRequest): paperless
 * trade images for a shipment already created. The description requires `shipmentTrackingNumber`
 * in the body yet omits it from the properties of a schema that forbids others — no body can
 * satisfy both. The connector sends it (karrio's recorded request does too: the `required` list
 * is what DHL reads).
 */
export const DhlImageUploadRequestSchema = z.strictObject({
  shipmentTrackingNumber: z.string().regex(/^\d{10,11}$/, 'must be a DHL Express waybill number'),
  originalPlannedShippingDate: z.iso.date(),
  accounts: z.array(DhlAccountSchema).min(1).max(3),
  productCode: z.string().min(1).max(6),
  documentImages: z.array(DhlDocumentImageSchema).min(1).max(999),
});
export type DhlImageUploadRequest = z.infer<typeof DhlImageUploadRequestSchema>;
export type DhlImageUploadRequestInput = DeepReadonly<DhlImageUploadRequest>;

/** The paperless-trade service: DHL sends the uploaded commercial invoice to customs electronically. */
export const DHL_PAPERLESS_TRADE_SERVICE = 'WY';

/** supermodelIoLogisticsExpressRateRequest (POST /rates: several packages). */
export const DhlRateRequestSchema = z.strictObject({
  customerDetails: z.strictObject({ shipperDetails: DhlRatingAddressSchema, receiverDetails: DhlRatingAddressSchema }),
  accounts: z.array(DhlAccountSchema).max(2).optional(),
  productCode: z.string().min(1).max(6).optional(),
  localProductCode: z.string().min(1).max(3).optional(),
  valueAddedServices: z.array(DhlValueAddedServiceSchema).max(99).optional(),
  productsAndServices: z
    .array(
      z.strictObject({
        productCode: z.string().min(1).max(6),
        localProductCode: z.string().min(1).max(3).optional(),
        valueAddedServices: z
          .array(z.strictObject({ serviceCode: z.string().min(1).max(6), localServiceCode: z.string().min(1).max(3).optional(), value: Amount.optional(), currency: CurrencyCode.optional(), method: z.literal('cash').optional() }))
          .max(99)
          .optional(),
      }),
    )
    .optional(),
  payerCountryCode: CountryCode.optional(),
  plannedShippingDateAndTime: z.string().min(1).max(29),
  unitOfMeasurement: UNIT_OF_MEASUREMENT,
  isCustomsDeclarable: z.boolean(),
  monetaryAmount: z.array(z.strictObject({ typeCode: z.enum(['declaredValue', 'insuredValue']), value: Amount, currency: CurrencyCode })).optional(),
  requestAllValueAddedServices: z.boolean().optional(),
  estimatedDeliveryDate: z.strictObject({ isRequested: z.boolean().optional(), typeCode: z.enum(['QDDC', 'QDDF']).optional() }).optional(),
  getAdditionalInformation: z
    .array(z.strictObject({ typeCode: z.enum(['allValueAddedServices', 'allValueAddedServicesAndRuleGroups', 'sortCodes']).optional(), isRequested: z.boolean() }))
    .max(3)
    .optional(),
  returnStandardProductsOnly: z.boolean().optional(),
  nextBusinessDay: z.boolean().optional(),
  productTypeCode: z.enum(['all', 'dayDefinite', 'timeDefinite']).optional(),
  packages: z.array(DhlRatingPackageSchema).min(1).max(999),
});
export type DhlRateRequest = z.infer<typeof DhlRateRequestSchema>;
export type DhlRateRequestInput = DeepReadonly<DhlRateRequest>;

/** GET /products query: one piece, origin and destination, planned date. */
export const DhlProductsQuerySchema = z.strictObject({
  accountNumber: z.string().min(1).max(12).optional(),
  originCountryCode: CountryCode,
  originPostalCode: z.string().max(12).optional(),
  originCityName: z.string().min(1).max(45),
  destinationCountryCode: CountryCode,
  destinationPostalCode: z.string().max(12).optional(),
  destinationCityName: z.string().min(1).max(45),
  weight: decimalNumber(3).pipe(z.number().min(0).max(999999999999)),
  length: decimalNumber(3).pipe(z.number().min(1).max(9999999999)),
  width: decimalNumber(3).pipe(z.number().min(1).max(9999999999)),
  height: decimalNumber(3).pipe(z.number().min(1).max(9999999999)),
  /** YYYY-MM-DD. */
  plannedShippingDate: z.iso.date(),
  isCustomsDeclarable: z.boolean(),
  unitOfMeasurement: UNIT_OF_MEASUREMENT,
  nextBusinessDay: z.boolean().optional(),
  getAllValueAddedServices: z.boolean().optional(),
});
export type DhlProductsQuery = z.infer<typeof DhlProductsQuerySchema>;

/** supermodelIoLogisticsExpressPickupRequest */
export const DhlPickupRequestSchema = z.strictObject({
  plannedPickupDateAndTime: z.string().min(1).max(29),
  closeTime: CloseTime.optional(),
  location: z.string().max(80).optional(),
  locationType: z.enum(['business', 'residence']).optional(),
  accounts: z.array(DhlAccountSchema).min(1).max(5),
  specialInstructions: z.array(z.strictObject({ value: z.string().max(80), typeCode: z.string().min(2).max(3).optional() })).max(4).optional(),
  remark: z.string().optional(),
  customerDetails: z.strictObject({
    shipperDetails: DhlPartySchema,
    receiverDetails: DhlPartySchema.optional(),
    bookingRequestorDetails: z.strictObject({ contactInformation: DhlContactSchema, postalAddress: DhlPostalAddressSchema.optional() }).optional(),
    pickupDetails: DhlPartySchema.optional(),
  }),
  shipmentDetails: z
    .array(
      z.strictObject({
        productCode: z.string().min(1).max(6),
        localProductCode: z.string().min(1).max(3).optional(),
        accounts: z.array(DhlAccountSchema).max(5).optional(),
        valueAddedServices: z.array(DhlValueAddedServiceSchema).max(99).optional(),
        isCustomsDeclarable: z.boolean(),
        declaredValue: Amount.optional(),
        declaredValueCurrency: CurrencyCode.optional(),
        unitOfMeasurement: UNIT_OF_MEASUREMENT,
        shipmentTrackingNumber: z.string().optional(),
        packages: z.array(DhlRatingPackageSchema).min(1).max(999),
      }),
    )
    .min(1)
    .max(999),
});
export type DhlPickupRequest = z.infer<typeof DhlPickupRequestSchema>;
export type DhlPickupRequestInput = DeepReadonly<DhlPickupRequest>;

// ── replies ─────────────────────────────────────────────────────────────────────────────────

const text = nullAsAbsent(z.string());

/** supermodelIoLogisticsExpressPickupResponse: the booking's dispatch confirmation numbers. */
export const DhlPickupResponseSchema = z.looseObject({
  dispatchConfirmationNumbers: z.array(z.string()).min(1),
  readyByTime: text,
  nextPickupDate: text,
  warnings: nullAsAbsent(z.array(z.string())),
});
export type DhlPickupResponse = z.infer<typeof DhlPickupResponseSchema>;

/** supermodelIoLogisticsExpressProducts (GET /products): the products with their dates; prices are not part of it. */
export const DhlProductsResponseSchema = z.looseObject({
  products: z.array(z.looseObject({ productName: text, productCode: text, localProductCode: text, isCustomerAgreement: nullAsAbsent(z.boolean()) })),
  warnings: nullAsAbsent(z.array(z.string())),
});
export type DhlProductsResponse = z.infer<typeof DhlProductsResponseSchema>;
