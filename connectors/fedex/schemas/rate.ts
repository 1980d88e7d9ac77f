/**
 * FedEx Rate API `POST /rate/v1/rates/quotes` reply (rate-api.json, RateResponseVO_Output):
 * `output.rateReplyDetails[]` per service, each with `ratedShipmentDetails[]` per rate type
 * (ACCOUNT, LIST, PREFERRED_CURRENCY, or the PAYOR_ACCOUNT_* / PAYOR_LIST_* forms) in its own
 * currency. Loose objects; amounts as JSON numbers (the description's `format: double`) or as
 * text; `null`/`""` read as absent.
 */
import { z } from 'zod';
import { emptyAsAbsent } from '../../http/wire-leniency.js';

const text = emptyAsAbsent(z.string());
/** An amount: FedEx describes doubles, and quotes some as text ("listCustomerTotalCharge" in ship-api.json is a string). */
export const fedexAmountLike = emptyAsAbsent(z.union([z.number(), z.string()]));

export const FedexChargeLineSchema = z.looseObject({ type: text, description: text, amount: fedexAmountLike });

export const FedexRatedShipmentDetailSchema = z.looseObject({
  rateType: text,
  currency: text,
  totalBaseCharge: fedexAmountLike,
  totalNetCharge: fedexAmountLike,
  totalNetFedExCharge: fedexAmountLike,
  totalDiscounts: fedexAmountLike,
  totalNetChargeWithDutiesAndTaxes: fedexAmountLike,
  shipmentRateDetail: emptyAsAbsent(
    z.looseObject({
      currency: text,
      surCharges: emptyAsAbsent(z.array(FedexChargeLineSchema)),
      taxes: emptyAsAbsent(z.array(FedexChargeLineSchema)),
    }),
  ),
});
export type FedexRatedShipmentDetail = z.infer<typeof FedexRatedShipmentDetailSchema>;

export const FedexRateReplyDetailSchema = z.looseObject({
  serviceType: text,
  serviceName: text,
  commit: emptyAsAbsent(
    z.looseObject({
      dateDetail: emptyAsAbsent(z.looseObject({ dayFormat: text })),
      transitDays: emptyAsAbsent(z.looseObject({ minimumTransitTime: text, description: text })),
    }),
  ),
  operationalDetail: emptyAsAbsent(z.looseObject({ deliveryDate: text, commitDate: text, transitTime: text })),
  ratedShipmentDetails: emptyAsAbsent(z.array(FedexRatedShipmentDetailSchema)),
});
export type FedexRateReplyDetail = z.infer<typeof FedexRateReplyDetailSchema>;

export const FedexRateResponseSchema = z.looseObject({
  transactionId: text,
  output: z.looseObject({ rateReplyDetails: z.array(FedexRateReplyDetailSchema), alerts: z.unknown().optional() }),
});
export type FedexRateResponse = z.infer<typeof FedexRateResponseSchema>;
