/**
 * FedEx replies that are neither rates, labels nor tracking: the Track API's documents reply
 * (`POST /track/v1/trackingdocuments`: signature proof of delivery, track.json), the Pickup API
 * (`POST /pickup/v1/pickups`, `PUT /pickup/v1/pickups/cancel`, pickup-api.json), the Ship API's
 * cancel (`PUT /ship/v1/shipments/cancel`, ship-api.json) and the Trade Documents Upload API
 * (`POST /documents/v1/etds/upload`, upload-documents-api.json). Each `output` is a loose object;
 * `null`/`""` read as absent.
 */
import { z } from 'zod';
import { emptyAsAbsent } from '../../http/wire-leniency.js';

const text = emptyAsAbsent(z.string());
const idLike = z.union([z.string(), z.number().int()]).transform(String);

export const FedexAlertSchema = z.looseObject({ code: text, alertType: text, message: text });
/** A list, or a plain string as some FedEx replies send it (see track.ts). */
export const FedexAlertsSchema = emptyAsAbsent(z.union([z.array(FedexAlertSchema), z.string().transform((message) => [{ message }])]));

export const FedexTrackDocumentsOutputSchema = z.looseObject({
  documentType: text,
  documentFormat: text,
  /** base64 documents, one per page or piece. */
  documents: z.array(z.string()),
  alerts: FedexAlertsSchema,
});
export type FedexTrackDocumentsOutput = z.infer<typeof FedexTrackDocumentsOutputSchema>;

export const FedexPickupOutputSchema = z.looseObject({
  pickupConfirmationCode: idLike,
  message: text,
  location: text,
  cancelConfirmationMessage: text,
  alerts: FedexAlertsSchema,
});
export type FedexPickupOutput = z.infer<typeof FedexPickupOutputSchema>;

/** The documented reply has booleans; text `"true"`/`"false"` is read too. */
const boolLike = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const FedexCancelShipmentOutputSchema = z.looseObject({
  cancelledShipment: boolLike,
  cancelledHistory: emptyAsAbsent(boolLike),
  successMessage: text,
  alerts: FedexAlertsSchema,
});
export type FedexCancelShipmentOutput = z.infer<typeof FedexCancelShipmentOutputSchema>;

export const FedexDocumentUploadOutputSchema = z.looseObject({
  meta: z.looseObject({ documentType: text, docId: idLike, folderId: emptyAsAbsent(z.array(idLike)) }),
});
export type FedexDocumentUploadOutput = z.infer<typeof FedexDocumentUploadOutputSchema>;
