/**
 * Wire formats of the EC's "Vies on-the-Web Endpoint" (Swagger 2.0, swagger_publicVAT.yaml),
 * as this connector sends and reads them. Response objects are loose: fields the EC adds pass
 * through. Optional strings are nullish because the description marks none of them required.
 */
import { z } from 'zod';
import { booleanLike, dateTimeLike } from '../http/wire-leniency.js';

/** CheckVatRequest (body of POST /check-vat-number and /check-vat-test-service). */
export const ViesCheckVatRequestSchema = z.strictObject({
  countryCode: z.string(),
  vatNumber: z.string(),
  requesterMemberStateCode: z.string().optional(),
  requesterNumber: z.string().optional(),
  traderName: z.string().optional(),
  traderStreet: z.string().optional(),
  traderPostalCode: z.string().optional(),
  traderCity: z.string().optional(),
  traderCompanyType: z.string().optional(),
});
export type ViesCheckVatRequest = z.infer<typeof ViesCheckVatRequestSchema>;

/** Outcome of VIES's approximate matching of the trader* fields. */
export const ViesMatchSchema = z.enum(['VALID', 'INVALID', 'NOT_PROCESSED']);

const OptionalText = z.string().nullish();

/** CheckVatResponse (200 of the two check operations). */
export const ViesCheckVatResponseSchema = z.looseObject({
  countryCode: z.string(),
  vatNumber: z.string(),
  // date-time in the description ("2026-05-19T12:25:12.544Z"); the SOAP-era form a date with
  // an offset ("2020-01-22+01:00": laravel/vat-calculator#90, snowcap/vat-validation#2) too.
  requestDate: dateTimeLike,
  // A JSON boolean; SOAP-converted answers carry the text "true"/"false".
  valid: booleanLike,
  /** The consultation number; '' unless the request named a requester. */
  requestIdentifier: OptionalText,
  /** '---' when the member state does not disclose it. */
  name: OptionalText,
  address: OptionalText,
  traderName: OptionalText,
  traderStreet: OptionalText,
  traderPostalCode: OptionalText,
  traderCity: OptionalText,
  traderCompanyType: OptionalText,
  traderNameMatch: ViesMatchSchema.nullish(),
  traderStreetMatch: ViesMatchSchema.nullish(),
  traderPostalCodeMatch: ViesMatchSchema.nullish(),
  traderCityMatch: ViesMatchSchema.nullish(),
  traderCompanyTypeMatch: ViesMatchSchema.nullish(),
});
export type ViesCheckVatResponse = z.infer<typeof ViesCheckVatResponseSchema>;

/**
 * CommonResponse: the error body of 400 and 500. VIES also answers 200 with it (e.g.
 * MS_MAX_CONCURRENT_REQ), so every answer is tested for it first. `message` is often absent.
 */
export const ViesCommonResponseSchema = z.looseObject({
  actionSucceed: z.boolean(),
  errorWrappers: z.array(z.looseObject({ error: z.string(), message: z.string().nullish() })).nullish(),
});
export type ViesCommonResponse = z.infer<typeof ViesCommonResponseSchema>;

export const ViesAvailabilitySchema = z.enum(['Available', 'Unavailable', 'Monitoring Disabled']);
export type ViesAvailability = z.infer<typeof ViesAvailabilitySchema>;

/** StatusInformationResponse (200 of GET /check-status). */
export const ViesStatusInformationResponseSchema = z.looseObject({
  vow: z.looseObject({ available: z.boolean() }),
  countries: z.array(z.looseObject({ countryCode: z.string(), availability: ViesAvailabilitySchema })),
});
export type ViesStatusInformationResponse = z.infer<typeof ViesStatusInformationResponseSchema>;
