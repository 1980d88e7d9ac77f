/**
 * Requests of the FedEx operations this connector sends, checked before they leave against
 * what the descriptions require (rate-api.json Full_Schema_Quote_Rate, ship-api.json
 * Full_Schema_Ship and Full_Schema_Cancel_Shipment, track.json Full_Schema_Tracking_Numbers and
 * Full_Schema_Tracking_References, upload-documents-api.json ETDUploadRequest). FedEx's
 * schemas do not forbid extra properties, so objects stay loose; the required fields, the
 * enums and the customs detail FedEx needs for an international shipment are checked.
 */
import { z } from 'zod';

/** What the operations accept: the schema's shape, read-only all the way down (mapping results are). */
type ReadonlyDeep<T> = T extends readonly (infer U)[] ? readonly ReadonlyDeep<U>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;

const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
/** FedEx sends and reads amounts as JSON numbers; Caravan's mappings make them from exact decimals. */
const Money = z.looseObject({ amount: z.number().min(0), currency: Currency });

export const FedexAccountNumberSchema = z.looseObject({ value: z.string().min(1) });

export const FedexAddressSchema = z.looseObject({
  streetLines: z.array(z.string().min(1)).min(1).max(3),
  city: z.string().min(1),
  stateOrProvinceCode: z.string().optional(),
  /** A string: Prism (and FedEx) refuse a JSON number here. */
  postalCode: z.string().optional(),
  countryCode: Country,
  residential: z.boolean().optional(),
});

const RatingAddressSchema = z.looseObject({
  streetLines: z.array(z.string()).optional(),
  city: z.string().optional(),
  stateOrProvinceCode: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: Country,
  residential: z.boolean().optional(),
});

export const FedexContactSchema = z.looseObject({
  personName: z.string().optional(),
  companyName: z.string().optional(),
  phoneNumber: z.string().min(1),
  emailAddress: z.string().optional(),
});

export const FedexPartySchema = z.looseObject({ address: FedexAddressSchema, contact: FedexContactSchema });

export const FedexWeightSchema = z.looseObject({ units: z.enum(['KG', 'LB']), value: z.number().positive() });

export const FEDEX_CUSTOMER_REFERENCE_TYPES = ['CUSTOMER_REFERENCE', 'DEPARTMENT_NUMBER', 'INVOICE_NUMBER', 'P_O_NUMBER', 'INTRACOUNTRY_REGULATORY_REFERENCE', 'RMA_ASSOCIATION'] as const;
export const FedexCustomerReferenceSchema = z.looseObject({ customerReferenceType: z.enum(FEDEX_CUSTOMER_REFERENCE_TYPES), value: z.string().min(1) });

export const FedexPackageLineItemSchema = z.looseObject({
  sequenceNumber: z.number().int().min(1).optional(),
  weight: FedexWeightSchema,
  dimensions: z.looseObject({ length: z.number().int().positive(), width: z.number().int().positive(), height: z.number().int().positive(), units: z.enum(['CM', 'IN']) }).optional(),
  customerReferences: z.array(FedexCustomerReferenceSchema).optional(),
  declaredValue: Money.optional(),
  groupPackageCount: z.number().int().min(1).optional(),
  itemDescription: z.string().optional(),
  itemDescriptionForClearance: z.string().optional(),
});

/** One commodity of the customs declaration: what (HS code), from where, how many, its value and weight. */
export const FedexCommoditySchema = z.looseObject({
  description: z.string().min(1).max(450),
  harmonizedCode: z.string().min(1).optional(),
  countryOfManufacture: Country,
  quantity: z.number().int().min(1),
  quantityUnits: z.string().min(1),
  unitPrice: Money.optional(),
  customsValue: Money,
  weight: FedexWeightSchema,
  numberOfPieces: z.number().int().min(1).optional(),
  name: z.string().optional(),
  partNumber: z.string().optional(),
  purpose: z.enum(['BUSINESS', 'CONSUMER']).optional(),
});

const PaymentSchema = z.looseObject({
  paymentType: z.enum(['SENDER', 'RECIPIENT', 'THIRD_PARTY', 'COLLECT']),
  payor: z.looseObject({ responsibleParty: z.looseObject({ accountNumber: FedexAccountNumberSchema.optional() }).optional() }).optional(),
});

export const FedexCustomsClearanceDetailSchema = z.looseObject({
  commercialInvoice: z.looseObject({
    /** Incoterm: DAP, DDP … (FedEx's `termsOfSale`). */
    termsOfSale: z.string().optional(),
    shipmentPurpose: z.enum(['GIFT', 'NOT_SOLD', 'PERSONAL_EFFECTS', 'REPAIR_AND_RETURN', 'SAMPLE', 'SOLD']).optional(),
    customerReferences: z.array(FedexCustomerReferenceSchema).optional(),
  }),
  commodities: z.array(FedexCommoditySchema).min(1),
  dutiesPayment: PaymentSchema.optional(),
  isDocumentOnly: z.boolean().optional(),
  totalCustomsValue: Money.optional(),
});

const LabelSpecificationSchema = z.looseObject({
  imageType: z.enum(['ZPLII', 'EPL2', 'PDF', 'PNG']),
  labelStockType: z.string().min(1),
});

export const FedexRequestedShipmentSchema = z.looseObject({
  shipDatestamp: z.iso.date().optional(),
  shipper: FedexPartySchema,
  recipients: z.array(FedexPartySchema).min(1),
  pickupType: z.enum(['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP']),
  serviceType: z.string().min(1),
  packagingType: z.string().min(1),
  totalWeight: z.number().positive(),
  shippingChargesPayment: PaymentSchema,
  customsClearanceDetail: FedexCustomsClearanceDetailSchema.optional(),
  shipmentSpecialServices: z
    .looseObject({
      specialServiceTypes: z.array(z.string()).optional(),
      etdDetail: z
        .looseObject({
          attributes: z.array(z.literal('POST_SHIPMENT_UPLOAD_REQUESTED')).optional(),
          attachedDocuments: z.array(z.looseObject({ documentType: z.string().optional(), documentReference: z.string().optional(), description: z.string().optional(), documentId: z.string().optional() })).optional(),
          requestedDocumentTypes: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  labelSpecification: LabelSpecificationSchema,
  requestedPackageLineItems: z.array(FedexPackageLineItemSchema).min(1),
});

/** POST /ship/v1/shipments (Full_Schema_Ship). */
export const FedexShipRequestSchema = z.looseObject({
  mergeLabelDocOption: z.enum(['NONE', 'LABELS_AND_DOCS', 'LABELS_ONLY']).optional(),
  requestedShipment: FedexRequestedShipmentSchema,
  labelResponseOptions: z.enum(['URL_ONLY', 'LABEL']),
  accountNumber: FedexAccountNumberSchema,
  shipAction: z.enum(['CONFIRM', 'TRANSFER']).optional(),
  processingOptionType: z.enum(['SYNCHRONOUS_ONLY', 'ALLOW_ASYNCHRONOUS']).optional(),
  oneLabelAtATime: z.boolean().optional(),
});
export type FedexShipRequest = z.infer<typeof FedexShipRequestSchema>;
export type FedexShipRequestInput = ReadonlyDeep<FedexShipRequest>;

/** POST /rate/v1/rates/quotes (Full_Schema_Quote_Rate). */
export const FedexRateRequestSchema = z.looseObject({
  accountNumber: FedexAccountNumberSchema,
  rateRequestControlParameters: z.looseObject({}).optional(),
  requestedShipment: z.looseObject({
    shipper: z.looseObject({ address: RatingAddressSchema }),
    recipient: z.looseObject({ address: RatingAddressSchema }),
    pickupType: z.enum(['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP']),
    serviceType: z.string().optional(),
    packagingType: z.string().optional(),
    rateRequestType: z.array(z.enum(['LIST', 'NONE', 'PREFERRED', 'ACCOUNT', 'INCENTIVE', 'RETAIL'])).optional(),
    customsClearanceDetail: z.looseObject({ commodities: z.array(z.looseObject({})).min(1) }).optional(),
    requestedPackageLineItems: z.array(z.looseObject({ weight: FedexWeightSchema })).min(1),
  }),
  carrierCodes: z.array(z.string()).optional(),
});
export type FedexRateRequest = z.infer<typeof FedexRateRequestSchema>;
export type FedexRateRequestInput = ReadonlyDeep<FedexRateRequest>;

/** PUT /ship/v1/shipments/cancel (Full_Schema_Cancel_Shipment). */
export const FedexCancelRequestSchema = z.looseObject({
  accountNumber: FedexAccountNumberSchema,
  trackingNumber: z.string().regex(/^\d{12,34}$/, 'must be a FedEx tracking number'),
  senderCountryCode: Country.optional(),
  deletionControl: z.literal('DELETE_ALL_PACKAGES').optional(),
  emailShipment: z.boolean().optional(),
});
export type FedexCancelRequest = z.infer<typeof FedexCancelRequestSchema>;

/** PUT /ship/v1/shipments/cancel reply: `output.cancelledShipment` says whether FedEx cancelled it. */
export const FedexCancelResponseSchema = z.looseObject({
  transactionId: z.string().nullish(),
  customerTransactionId: z.string().nullish(),
  output: z.looseObject({
    cancelledShipment: z.boolean(),
    cancelledHistory: z.boolean().nullish(),
    successMessage: z.string().nullish(),
    alerts: z.unknown().optional(),
  }),
});
export type FedexCancelResponse = z.infer<typeof FedexCancelResponseSchema>;

export const FEDEX_ETD_DOCUMENT_TYPES = [
  'CERTIFICATE_OF_ORIGIN', 'COMMERCIAL_INVOICE', 'ETD_LABEL', 'USMCA_CERTIFICATION_OF_ORIGIN', 'USMCA_COMMERCIAL_INVOICE_CERTIFICATION_OF_ORIGIN', 'OTHER', 'PRO_FORMA_INVOICE',
] as const;
export const FEDEX_ETD_CONTENT_TYPES = [
  'application/pdf', 'application/x-soffice', 'application/doc', 'text/richtext', 'text/rtf', 'application/x-rtf', 'application/rtf', 'application/msword', 'text/plain',
  'image/bmp', 'image/png', 'image/gif', 'image/jpeg', 'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel',
] as const;

/** The `document` part of POST /documents/v1/etds/upload (ETDUploadRequest). */
export const FedexEtdDocumentSchema = z.looseObject({
  workflowName: z.enum(['ETDPreshipment', 'ETDPostshipment']),
  carrierCode: z.enum(['FDXE', 'FDXG']).optional(),
  name: z.string().min(1),
  contentType: z.enum(FEDEX_ETD_CONTENT_TYPES),
  meta: z.looseObject({
    shipDocumentType: z.enum(FEDEX_ETD_DOCUMENT_TYPES),
    formCode: z.string().optional(),
    trackingNumber: z.string().optional(),
    shipmentDate: z.string().optional(),
    originLocationCode: z.string().optional(),
    originCountryCode: Country.optional(),
    destinationLocationCode: z.string().optional(),
    destinationCountryCode: Country.optional(),
  }),
});
export type FedexEtdDocument = z.infer<typeof FedexEtdDocumentSchema>;

/** The upload's reply (DocumentResponseOutputVO): the document id a shipment's etdDetail.attachedDocuments names. */
export const FedexEtdUploadResponseSchema = z.looseObject({
  output: z.looseObject({
    meta: z.looseObject({ documentType: z.string().nullish(), docId: z.string().min(1), folderId: z.array(z.string()).nullish() }),
  }),
  customerTransactionId: z.string().nullish(),
});
export type FedexEtdUploadResponse = z.infer<typeof FedexEtdUploadResponseSchema>;
