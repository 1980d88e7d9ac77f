/**
 * FedEx Ship API `POST /ship/v1/shipments` reply (ship-api.json, SHPCResponseVO): per
 * `output.transactionShipments[]` the master tracking number, service, per-piece tracking
 * numbers and documents (`encodedLabel` base64 or a `url`), and the rating in
 * `completedShipmentDetail.shipmentRating.shipmentRateDetails[]` per rate type. Loose objects;
 * amounts as numbers or text; `null`/`""` read as absent.
 */
import { z } from 'zod';
import { emptyAsAbsent } from '../../http/wire-leniency.js';
import { FedexAlertsSchema } from './documents.js';
import { fedexAmountLike, FedexChargeLineSchema } from './rate.js';

const text = emptyAsAbsent(z.string());
const idLike = z.union([z.string(), z.number().int()]).transform(String);

export const FedexShipDocumentSchema = z.looseObject({
  contentType: text,
  docType: text,
  encodedLabel: text,
  url: text,
  trackingNumber: emptyAsAbsent(idLike),
});
export type FedexShipDocument = z.infer<typeof FedexShipDocumentSchema>;

export const FedexTransactionShipmentSchema = z.looseObject({
  masterTrackingNumber: emptyAsAbsent(idLike),
  serviceType: text,
  serviceName: text,
  shipDatestamp: text,
  pieceResponses: emptyAsAbsent(
    z.array(
      z.looseObject({
        trackingNumber: emptyAsAbsent(idLike),
        packageSequenceNumber: z.unknown().optional(),
        packageDocuments: emptyAsAbsent(z.array(FedexShipDocumentSchema)),
      }),
    ),
  ),
  shipmentDocuments: emptyAsAbsent(z.array(FedexShipDocumentSchema)),
  /** FedEx's notes and warnings on this shipment (karrio's recorded international reply: customs-value warnings). */
  alerts: FedexAlertsSchema,
  completedShipmentDetail: emptyAsAbsent(
    z.looseObject({
      masterTrackingId: emptyAsAbsent(z.looseObject({ trackingNumber: emptyAsAbsent(idLike) })),
      serviceDescription: emptyAsAbsent(z.looseObject({ serviceType: text, description: text })),
      operationalDetail: emptyAsAbsent(z.looseObject({ deliveryDate: text, commitDate: text })),
      shipmentRating: emptyAsAbsent(
        z.looseObject({
          shipmentRateDetails: emptyAsAbsent(
            z.array(
              z.looseObject({
                rateType: text,
                currency: text,
                totalBaseCharge: fedexAmountLike,
                totalNetCharge: fedexAmountLike,
                totalSurcharges: fedexAmountLike,
                totalTaxes: fedexAmountLike,
                surcharges: emptyAsAbsent(z.array(FedexChargeLineSchema)),
                taxes: emptyAsAbsent(z.array(FedexChargeLineSchema)),
              }),
            ),
          ),
        }),
      ),
    }),
  ),
});
export type FedexTransactionShipment = z.infer<typeof FedexTransactionShipmentSchema>;

export const FedexShipResponseSchema = z.looseObject({
  transactionId: text,
  output: z.looseObject({ transactionShipments: z.array(FedexTransactionShipmentSchema), alerts: z.unknown().optional() }),
});
export type FedexShipResponse = z.infer<typeof FedexShipResponseSchema>;
