/**
 * Legacy DHL Express XML-PI services (TrackingResponse, ShipmentResponse /
 * ShipmentValidateResponse, DCTResponse): parsed namespace-agnostic — prefixes stripped
 * (`res:TrackingResponse`, `req:TrackingResponse` and an unprefixed root read the same) —
 * with attributes kept under `$`, text trimmed and inner whitespace collapsed (DHL wraps long
 * descriptions over lines). An element that may repeat is read as one or many. The error
 * replies (ErrorResponse, ShipmentValidateErrorResponse, a failed Note/Status) are recognised
 * by recogniseDhlErrorReply before any of this is read.
 */
import { Parser, processors } from 'xml2js';
import { z } from 'zod';

export type DhlXmlParseResult = { ok: true; root: string; doc: Record<string, unknown> } | { ok: false; message: string };

/** Parses a DHL XML reply; never throws. `root` is the root element's local name. */
export async function parseDhlXml(text: string): Promise<DhlXmlParseResult> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, message: 'the body is empty' };
  try {
    const parsed: unknown = await new Parser({
      explicitArray: false,
      explicitRoot: true,
      tagNameProcessors: [processors.stripPrefix],
      attrNameProcessors: [processors.stripPrefix],
      trim: true,
      normalize: true,
      strict: true,
    }).parseStringPromise(body);
    if (parsed === null || typeof parsed !== 'object') return { ok: false, message: 'the document has no root element' };
    const [root, doc] = Object.entries(parsed as Record<string, unknown>)[0] ?? [];
    if (root === undefined) return { ok: false, message: 'the document has no root element' };
    return { ok: true, root, doc: doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {} };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not well-formed XML (${message.replace(/\s+/g, ' ').trim()})` };
  }
}

/** An element that may appear once or several times (xml2js gives an object or an array). */
const oneOrMany = <T extends z.ZodType>(schema: T) => z.preprocess((v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(schema));
/** Element text; an empty element (`<Description/>`) reads as absent. */
const xmlText = z.preprocess((v: unknown) => (v === '' || v === null ? undefined : typeof v === 'object' && v !== null && '_' in v ? (v as { _: unknown })._ : v), z.string().optional());

const ServiceAreaSchema = z.looseObject({ ServiceAreaCode: xmlText, Description: xmlText, FacilityCode: xmlText });

// ── TrackingResponse ───────────────────────────────────────────────────────────────────────

export const DhlXmlShipmentEventSchema = z.looseObject({
  Date: xmlText,
  Time: xmlText,
  ServiceEvent: z.looseObject({ EventCode: xmlText, Description: xmlText }).optional(),
  Signatory: xmlText,
  ServiceArea: ServiceAreaSchema.optional(),
});
export type DhlXmlShipmentEvent = z.infer<typeof DhlXmlShipmentEventSchema>;

export const DhlXmlAwbInfoSchema = z.looseObject({
  AWBNumber: xmlText,
  Status: z.looseObject({ ActionStatus: xmlText, Condition: oneOrMany(z.looseObject({ ConditionCode: xmlText, ConditionData: xmlText })) }).optional(),
  ShipmentInfo: z
    .looseObject({
      OriginServiceArea: ServiceAreaSchema.optional(),
      DestinationServiceArea: ServiceAreaSchema.optional(),
      ShipmentDate: xmlText,
      GlobalProductCode: xmlText,
      EstDlvyDate: xmlText,
      EstDlvyDateUTC: xmlText,
      ShipmentEvent: oneOrMany(DhlXmlShipmentEventSchema),
    })
    .optional(),
  Pieces: z
    .looseObject({
      /** Each piece with its own checkpoints (`PieceEvent`, same shape as ShipmentEvent) when pieces are tracked (datatypes.xsd PieceInfo). */
      PieceInfo: oneOrMany(z.looseObject({ PieceDetails: z.looseObject({ LicensePlate: xmlText, PieceNumber: xmlText }).optional(), PieceEvent: oneOrMany(DhlXmlShipmentEventSchema) })),
    })
    .optional(),
});
export type DhlXmlAwbInfo = z.infer<typeof DhlXmlAwbInfoSchema>;

/** A piece DHL could not track (datatypes.xsd `Fault/PieceFault`: the licence plate and DHL's condition). */
export const DhlXmlPieceFaultSchema = z.looseObject({ PieceID: xmlText, ConditionCode: xmlText, ConditionData: xmlText });
export type DhlXmlPieceFault = z.infer<typeof DhlXmlPieceFaultSchema>;

export const DhlXmlTrackingResponseSchema = z.looseObject({
  AWBInfo: oneOrMany(DhlXmlAwbInfoSchema),
  Fault: z.looseObject({ PieceFault: oneOrMany(DhlXmlPieceFaultSchema) }).optional(),
});
export type DhlXmlTrackingResponse = z.infer<typeof DhlXmlTrackingResponseSchema>;

// ── ShipmentResponse / ShipmentValidateResponse ────────────────────────────────────────────

export const DhlXmlShipmentResponseSchema = z.looseObject({
  AirwayBillNumber: xmlText,
  CurrencyCode: xmlText,
  ShippingCharge: xmlText,
  PackageCharge: xmlText,
  GlobalProductCode: xmlText,
  ProductShortName: xmlText,
  ShipmentDate: xmlText,
  DeliveryDateCode: xmlText,
  Pieces: z.looseObject({ Piece: oneOrMany(z.looseObject({ PieceNumber: xmlText, LicensePlate: xmlText })) }).optional(),
  LabelImage: oneOrMany(
    z.looseObject({
      OutputFormat: xmlText,
      OutputImage: xmlText,
      MultiLabels: z.looseObject({ MultiLabel: oneOrMany(z.looseObject({ DocName: xmlText, DocFormat: xmlText, DocImageVal: xmlText })) }).optional(),
    }),
  ),
  QtdSInAdCur: oneOrMany(z.looseObject({ CurrencyCode: xmlText, CurrencyRoleTypeCode: xmlText, PackageCharge: xmlText, ShippingCharge: xmlText })),
});
export type DhlXmlShipmentResponse = z.infer<typeof DhlXmlShipmentResponseSchema>;

// ── DCTResponse (GetQuote) ─────────────────────────────────────────────────────────────────

/** A charge in one currency role: BILLC (billing), PULCL (pickup-country local), BASEC (DHL's base currency). */
const InCurrencySchema = z.looseObject({ CurrencyCode: xmlText, CurrencyRoleTypeCode: xmlText });

export const DhlXmlQuotedShipmentSchema = z.looseObject({
  GlobalProductCode: xmlText,
  LocalProductCode: xmlText,
  ProductShortName: xmlText,
  LocalProductName: xmlText,
  CurrencyCode: xmlText,
  WeightCharge: xmlText,
  WeightChargeTax: xmlText,
  ShippingCharge: xmlText,
  TotalTaxAmount: xmlText,
  TotalTransitDays: xmlText,
  QtdShpExChrg: oneOrMany(
    z.looseObject({
      SpecialServiceType: xmlText,
      GlobalServiceName: xmlText,
      CurrencyCode: xmlText,
      ChargeValue: xmlText,
      QtdSExtrChrgInAdCur: oneOrMany(InCurrencySchema.extend({ ChargeValue: xmlText })),
    }),
  ),
  /**
   * The structured element of DCT 2.0 replies (`DeliveryType`, `DlvyDateTime`, offset), or — in
   * older replies (deseretbook/dhl-get_quote's recorded 2013 DCTResponses) — a bare date whose
   * time of day is `DeliveryTime` (`PT23H59M`).
   */
  DeliveryDate: oneOrMany(
    z.preprocess((v: unknown) => (typeof v === 'string' ? { DlvyDateTime: v } : v), z.looseObject({ DeliveryType: xmlText, DlvyDateTime: xmlText, DeliveryDateTimeOffset: xmlText })),
  ),
  DeliveryTime: xmlText,
  /** The quote's totals per currency role (real DCTResponses give BILLC, PULCL and BASEC). */
  QtdSInAdCur: oneOrMany(InCurrencySchema.extend({ WeightCharge: xmlText, TotalAmount: xmlText, TotalTaxAmount: xmlText })),
});
export type DhlXmlQuotedShipment = z.infer<typeof DhlXmlQuotedShipmentSchema>;

export const DhlXmlDctResponseSchema = z.looseObject({
  GetQuoteResponse: z.looseObject({ BkgDetails: oneOrMany(z.looseObject({ QtdShp: oneOrMany(DhlXmlQuotedShipmentSchema) })) }),
});
export type DhlXmlDctResponse = z.infer<typeof DhlXmlDctResponseSchema>;

// ── BookPUResponse / ModifyPUResponse / CancelPUResponse (courier pickups) ─────────────────────

export const DHL_XML_PICKUP_ROOTS = ['BookPUResponse', 'ModifyPUResponse', 'CancelPUResponse'] as const;

export const DhlXmlPickupResponseSchema = z.looseObject({
  RegionCode: xmlText,
  Note: z.looseObject({ ActionNote: xmlText, Condition: oneOrMany(z.looseObject({ ConditionCode: xmlText, ConditionData: xmlText })) }).optional(),
  ConfirmationNumber: xmlText,
  ReadyByTime: xmlText,
  NextPickupDate: xmlText,
  CallInTime: xmlText,
  OriginSvcArea: xmlText,
});
export type DhlXmlPickupResponse = z.infer<typeof DhlXmlPickupResponseSchema>;
