/**
 * FedEx Rate API reply → canonical RateQuote, one per service (`rateReplyDetails[]`) and rate
 * type (`ratedShipmentDetails[]`: ACCOUNT, LIST, PREFERRED_CURRENCY, PAYOR_ACCOUNT_PACKAGE …):
 * account and list rates, and the same rate in the payor's preferred currency, stay separate
 * records, each in the currency FedEx states for it. Amounts are read exactly (JSON numbers by
 * their literal text, or text). Pure, total.
 */
import { CarrierIssues, type CarrierCharge, type RateQuote } from '../canonical/carrier.js';
import { defined } from '../canonical/defined.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import type { FedexRateReplyDetail, FedexRateResponse } from '../../connectors/fedex/schemas/rate.js';

export const FEDEX_RATE_RECORD_TYPE = 'fedex.rate';

const WORDS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN', 'TWENTY'];

/** FedEx's TransitTimeType ("FOUR_DAYS", "ONE_DAY") as a day count. */
export function fedexTransitDays(v: string | undefined): number | undefined {
  const m = /^([A-Z]+)_DAYS?$/.exec(v?.trim().toUpperCase() ?? '');
  const n = m === null ? -1 : WORDS.indexOf(m[1]!);
  return n < 0 ? undefined : n;
}

type Line = { type?: string; description?: string; amount?: number | string };

/** One service's quotes (`output.rateReplyDetails[i]`). */
export function fedexRateReplyToQuotes(d: FedexRateReplyDetail, index = 0): MappingResult<RateQuote>[] {
  const base = `output.rateReplyDetails[${index}]`;
  const id = d.serviceType;
  const details = d.ratedShipmentDetails ?? [];
  if (details.length === 0) return [fail(new MappingError(FEDEX_RATE_RECORD_TYPE, id, [{ field: `${base}.ratedShipmentDetails`, message: 'is empty: no rate' }]))];
  return details.map((r, i) => {
    const f = `${base}.ratedShipmentDetails[${i}]`;
    const issues = new CarrierIssues();
    const cur = r.currency ?? r.shipmentRateDetail?.currency;
    const total = issues.money(`${f}.totalNetCharge`, r.totalNetCharge, cur);
    if (total === undefined && issues.list.length === 0) issues.add(`${f}.totalNetCharge`, 'is missing');
    const lines = (key: 'surCharges' | 'taxes'): CarrierCharge[] =>
      ((r.shipmentRateDetail?.[key] ?? []) as Line[]).flatMap((l, j) => {
        const amount = issues.money(`${f}.shipmentRateDetail.${key}[${j}].amount`, l.amount, r.shipmentRateDetail?.currency ?? cur);
        return amount === undefined ? [] : [defined({ code: l.type, description: l.description, amount })];
      });
    const surcharges = lines('surCharges');
    const taxes = lines('taxes');
    const baseCharge = issues.money(`${f}.totalBaseCharge`, r.totalBaseCharge, cur);
    const discounts = issues.money(`${f}.totalDiscounts`, r.totalDiscounts, cur);
    // deliveryDate is often "" (karrio's recorded replies): then FedEx's commitDate, then commit.dateDetail.dayFormat.
    const delivery = issues.time(`${base}.operationalDetail.deliveryDate`, d.operationalDetail?.deliveryDate ?? d.operationalDetail?.commitDate ?? d.commit?.dateDetail?.dayFormat);
    if (issues.list.length > 0) return fail(new MappingError(FEDEX_RATE_RECORD_TYPE, id, issues.list));
    return ok(
      defined({
        recordType: 'rate-quote' as const,
        carrier: 'fedex' as const,
        service: defined({ code: d.serviceType, name: d.serviceName }),
        rateType: r.rateType,
        total: total!,
        priced: true,
        base: baseCharge,
        surcharges,
        taxes,
        discounts: discounts === undefined || discounts.amountMinor === 0 ? undefined : discounts,
        transitDays: fedexTransitDays(d.commit?.transitDays?.minimumTransitTime ?? d.operationalDetail?.transitTime),
        delivery,
      }),
    );
  });
}

export function fedexRateResponseToQuotes(r: FedexRateResponse): MappingResult<RateQuote>[] {
  return r.output.rateReplyDetails.flatMap((d, i) => fedexRateReplyToQuotes(d, i));
}
