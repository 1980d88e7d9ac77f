/**
 * DHL carrier replies in JSON, as DHL really sends them (loose objects: fields DHL adds pass
 * through; `null` reads as absent):
 * - MyDHL API 3.1.1 `POST /shipments` (supermodelIoLogisticsExpressCreateShipmentResponse),
 * - MyDHL API `GET /shipments/{n}/tracking` and `GET /tracking` (supermodelIoLogisticsExpressTrackingResponse),
 * - MyDHL API `GET/POST /rates` (supermodelIoLogisticsExpressRates),
 * - Shipment Tracking – Unified API 1.4.1 `GET /shipments` (dhl-shipment-tracking-unified-1.4.1.yaml).
 * Amounts stay as DHL wrote them (JSON number or text): mappings read them exactly.
 */
import { z } from 'zod';
import { nullAsAbsent } from '../../http/wire-leniency.js';

/**
 * An identifier DHL sends as text or as a JSON number: the MyDHL create-shipment reply recorded
 * by karrio has `"shipmentTrackingNumber": 9356579890` (samples/karrio-mydhl/shipment__ShipmentResponse.json)
 * where the description says string; the Unified API's own examples give `id` as a number.
 */
export const dhlIdLike = z.union([z.string(), z.number().int()]).transform(String);
/** An amount as a JSON number (the description) or decimal text. */
export const dhlAmountLike = z.union([z.number(), z.string()]);
const text = nullAsAbsent(z.string());

// ── MyDHL create shipment ──────────────────────────────────────────────────────────────────

export const MyDhlDocumentSchema = z.looseObject({
  imageFormat: text,
  content: text,
  typeCode: text,
  packageReferenceNumber: nullAsAbsent(z.union([z.number(), z.string()])),
});

export const MyDhlShipmentChargeSchema = z.looseObject({
  currencyType: text,
  priceCurrency: text,
  price: nullAsAbsent(dhlAmountLike),
  serviceBreakdown: nullAsAbsent(z.array(z.looseObject({ name: text, price: nullAsAbsent(dhlAmountLike), typeCode: text }))),
});

export const MyDhlShipmentResponseSchema = z.looseObject({
  shipmentTrackingNumber: dhlIdLike,
  trackingUrl: text,
  packages: nullAsAbsent(
    z.array(
      z.looseObject({
        referenceNumber: nullAsAbsent(z.union([z.number(), z.string()])),
        trackingNumber: nullAsAbsent(dhlIdLike),
        trackingUrl: text,
        /** The piece's own documents (its QR code, `typeCode: qr-code`, for label-less drop-off). */
        documents: nullAsAbsent(z.array(MyDhlDocumentSchema)),
      }),
    ),
  ),
  documents: nullAsAbsent(z.array(MyDhlDocumentSchema)),
  shipmentDetails: nullAsAbsent(z.array(z.looseObject({ productShortName: text, serviceHandlingFeatureCodes: z.unknown().optional() }))),
  shipmentCharges: nullAsAbsent(z.array(MyDhlShipmentChargeSchema)),
  estimatedDeliveryDate: nullAsAbsent(z.looseObject({ estimatedDeliveryDate: text, estimatedDeliveryType: text })),
  warnings: nullAsAbsent(z.array(z.string())),
});
export type MyDhlShipmentResponse = z.infer<typeof MyDhlShipmentResponseSchema>;

// ── MyDHL tracking ─────────────────────────────────────────────────────────────────────────

export const MyDhlServiceAreaSchema = z.looseObject({ code: text, description: text, facilityCode: text });

export const MyDhlTrackingEventSchema = z.looseObject({
  date: text,
  time: text,
  /**
   * DHL's offset of the event's local time (`+01:00`). Optional: karrio's own recorded reply
   * (samples/karrio-mydhl/tracking__TrackingResponse.json) has none, and event dates without a
   * zone broke karrio's DHL tracking (karrioapi/karrio#115): the local time is kept as such.
   */
  GMTOffset: text,
  typeCode: text,
  description: text,
  serviceArea: nullAsAbsent(z.array(MyDhlServiceAreaSchema)),
  signedBy: text,
});
export type MyDhlTrackingEvent = z.infer<typeof MyDhlTrackingEventSchema>;

const MyDhlPartySchema = z.looseObject({
  name: text,
  postalAddress: nullAsAbsent(z.looseObject({ cityName: text, postalCode: text, provinceCode: text, countryCode: text })),
  serviceArea: nullAsAbsent(z.array(MyDhlServiceAreaSchema)),
});

export const MyDhlTrackedShipmentSchema = z.looseObject({
  shipmentTrackingNumber: dhlIdLike,
  status: text,
  shipmentTimestamp: text,
  productCode: text,
  description: text,
  shipperDetails: nullAsAbsent(MyDhlPartySchema),
  receiverDetails: nullAsAbsent(MyDhlPartySchema),
  events: nullAsAbsent(z.array(MyDhlTrackingEventSchema)),
  pieces: nullAsAbsent(z.array(z.looseObject({ trackingNumber: nullAsAbsent(dhlIdLike), number: z.unknown().optional(), events: nullAsAbsent(z.array(MyDhlTrackingEventSchema)) }))),
  estimatedDeliveryDate: text,
  estimatedTimeOfDelivery: text,
});
export type MyDhlTrackedShipment = z.infer<typeof MyDhlTrackedShipmentSchema>;

export const MyDhlTrackingResponseSchema = z.looseObject({ shipments: z.array(MyDhlTrackedShipmentSchema) });
export type MyDhlTrackingResponse = z.infer<typeof MyDhlTrackingResponseSchema>;

// ── MyDHL rates ────────────────────────────────────────────────────────────────────────────

const MyDhlPriceSchema = z.looseObject({ currencyType: text, priceCurrency: text, price: nullAsAbsent(dhlAmountLike) });
const MyDhlPriceBreakdownSchema = z.looseObject({
  currencyType: text,
  priceCurrency: text,
  priceBreakdown: nullAsAbsent(z.array(z.looseObject({ typeCode: text, price: nullAsAbsent(dhlAmountLike) }))),
});

export const MyDhlRateProductSchema = z.looseObject({
  productName: text,
  productCode: text,
  localProductCode: text,
  totalPrice: nullAsAbsent(z.array(MyDhlPriceSchema)),
  totalPriceBreakdown: nullAsAbsent(z.array(MyDhlPriceBreakdownSchema)),
  detailedPriceBreakdown: nullAsAbsent(
    z.array(
      z.looseObject({
        currencyType: text,
        priceCurrency: text,
        breakdown: nullAsAbsent(z.array(z.looseObject({ name: text, serviceCode: text, serviceTypeCode: text, price: nullAsAbsent(dhlAmountLike), priceBreakdown: z.unknown().optional() }))),
      }),
    ),
  ),
  deliveryCapabilities: nullAsAbsent(z.looseObject({ estimatedDeliveryDateAndTime: text, totalTransitDays: nullAsAbsent(z.union([z.number(), z.string()])) })),
});
export type MyDhlRateProduct = z.infer<typeof MyDhlRateProductSchema>;
export const MyDhlRatesResponseSchema = z.looseObject({ products: z.array(MyDhlRateProductSchema) });
export type MyDhlRatesResponse = z.infer<typeof MyDhlRatesResponseSchema>;

// ── Unified Shipment Tracking ──────────────────────────────────────────────────────────────

const UnifiedLocationSchema = z.looseObject({
  address: nullAsAbsent(z.looseObject({ countryCode: text, postalCode: text, addressLocality: text })),
});

export const DhlUnifiedStatusSchema = z.looseObject({
  timestamp: text,
  location: nullAsAbsent(UnifiedLocationSchema),
  statusCode: text,
  status: text,
  description: text,
  remark: text,
});
export type DhlUnifiedStatus = z.infer<typeof DhlUnifiedStatusSchema>;

export const DhlUnifiedShipmentSchema = z.looseObject({
  id: dhlIdLike,
  service: text,
  origin: nullAsAbsent(UnifiedLocationSchema),
  destination: nullAsAbsent(UnifiedLocationSchema),
  status: nullAsAbsent(DhlUnifiedStatusSchema),
  estimatedTimeOfDelivery: text,
  estimatedDeliveryTimeFrame: nullAsAbsent(z.looseObject({ estimatedFrom: text, estimatedThrough: text })),
  details: nullAsAbsent(
    z.looseObject({
      product: nullAsAbsent(z.looseObject({ productName: text })),
      pieceIds: nullAsAbsent(z.array(z.string())),
      proofOfDelivery: nullAsAbsent(z.looseObject({ timestamp: text, signed: nullAsAbsent(z.looseObject({ name: text, givenName: text, familyName: text })) })),
    }),
  ),
  events: nullAsAbsent(z.array(DhlUnifiedStatusSchema)),
});
export type DhlUnifiedShipment = z.infer<typeof DhlUnifiedShipmentSchema>;

export const DhlUnifiedTrackingResponseSchema = z.looseObject({ shipments: z.array(DhlUnifiedShipmentSchema) });
export type DhlUnifiedTrackingResponse = z.infer<typeof DhlUnifiedTrackingResponseSchema>;

// ── MyDHL electronic proof of delivery and pickups ─────────────────────────────────────────

/** `GET /shipments/{n}/proof-of-delivery` (supermodelIoLogisticsExpressEPODResponse). */
export const MyDhlEpodResponseSchema = z.looseObject({
  /** `format` in karrio's recorded reply (test_tracking.py ProofOfDeliveryResponse) where the description says `encodingFormat`. */
  documents: z.array(z.looseObject({ encodingFormat: text, format: text, content: text, typeCode: text })),
});
export type MyDhlEpodResponse = z.infer<typeof MyDhlEpodResponseSchema>;

/**
 * `POST /pickups` (dispatchConfirmationNumbers[]), `PATCH /pickups/{n}` (one
 * dispatchConfirmationNumber, as karrio's recorded reply has it) and `DELETE /pickups/{n}`
 * (dispatchConfirmationNumber and `status: cancelled` in karrio's recorded reply; the description
 * answers 200 with no body schema).
 */
export const MyDhlPickupResponseSchema = z.looseObject({
  dispatchConfirmationNumbers: nullAsAbsent(z.array(dhlIdLike)),
  dispatchConfirmationNumber: nullAsAbsent(dhlIdLike),
  status: text,
  readyByTime: text,
  nextPickupDate: text,
  warnings: nullAsAbsent(z.array(z.string())),
});
export type MyDhlPickupResponse = z.infer<typeof MyDhlPickupResponseSchema>;
