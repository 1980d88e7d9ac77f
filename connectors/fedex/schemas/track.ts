/**
 * FedEx Track API `POST /track/v1/trackingnumbers` reply (track.json, TrackingResponse), as
 * FedEx really sends it: loose objects, `null` and `""` read as absent (real replies carry
 * `"exceptionCode": ""`, karrioapi/karrio#659), `alerts` as a list or a plain string (the
 * description's own example), scan events without a `date` accepted (the mapping names them).
 */
import { z } from 'zod';
import { emptyAsAbsent } from '../../http/wire-leniency.js';

const text = emptyAsAbsent(z.string());
const idLike = z.union([z.string(), z.number().int()]).transform(String);

export const FedexAddressSchema = z.looseObject({
  city: text,
  stateOrProvinceCode: text,
  postalCode: emptyAsAbsent(idLike),
  countryCode: text,
  countryName: text,
});
export type FedexAddress = z.infer<typeof FedexAddressSchema>;

export const FedexScanEventSchema = z.looseObject({
  date: text,
  eventType: text,
  eventDescription: text,
  derivedStatusCode: text,
  derivedStatus: text,
  exceptionCode: text,
  exceptionDescription: text,
  scanLocation: emptyAsAbsent(FedexAddressSchema),
  locationId: text,
});
export type FedexScanEvent = z.infer<typeof FedexScanEventSchema>;

const WindowSchema = z.looseObject({ type: text, window: emptyAsAbsent(z.looseObject({ begins: text, ends: text })) });

export const FedexTrackResultSchema = z.looseObject({
  trackingNumberInfo: emptyAsAbsent(z.looseObject({ trackingNumber: emptyAsAbsent(idLike), carrierCode: text, trackingNumberUniqueId: text })),
  serviceDetail: emptyAsAbsent(z.looseObject({ type: text, description: text, shortDescription: text })),
  latestStatusDetail: emptyAsAbsent(
    z.looseObject({ code: text, derivedCode: text, statusByLocale: text, description: text, scanLocation: emptyAsAbsent(FedexAddressSchema) }),
  ),
  scanEvents: emptyAsAbsent(z.array(FedexScanEventSchema)),
  dateAndTimes: emptyAsAbsent(z.array(z.looseObject({ type: text, dateTime: text }))),
  estimatedDeliveryTimeWindow: emptyAsAbsent(WindowSchema),
  standardTransitTimeWindow: emptyAsAbsent(WindowSchema),
  shipperInformation: emptyAsAbsent(z.looseObject({ address: emptyAsAbsent(FedexAddressSchema) })),
  recipientInformation: emptyAsAbsent(z.looseObject({ address: emptyAsAbsent(FedexAddressSchema) })),
  /** Who took the package (`signedByName` since FedEx added it, karrioapi/karrio#639; `receivedByName` before). */
  deliveryDetails: emptyAsAbsent(z.looseObject({ receivedByName: text, signedByName: text })),
  error: emptyAsAbsent(z.looseObject({ code: text, message: text })),
});
export type FedexTrackResult = z.infer<typeof FedexTrackResultSchema>;

export const FedexTrackResponseSchema = z.looseObject({
  transactionId: text,
  output: z.looseObject({
    completeTrackResults: z.array(z.looseObject({ trackingNumber: emptyAsAbsent(idLike), trackResults: z.array(FedexTrackResultSchema) })),
    alerts: z.unknown().optional(),
  }),
});
export type FedexTrackResponse = z.infer<typeof FedexTrackResponseSchema>;
