/**
 * Canonical carrier records (DHL Express, FedEx): the shipment a carrier created
 * (`CarrierShipment`), a rate it quoted (`RateQuote`) and what its tracking says
 * (`TrackingResult` with `TrackingEvent`s). Money is integer minor units (never floats);
 * times are UTC ISO 8601 when the carrier gave an offset, else the carrier's local wall-clock
 * time is kept as `localTime` (no zone is ever invented). Raw carrier codes are kept beside
 * every canonical status. Labels travel by reference: where the content is in the reply and
 * how long it is, never the content itself.
 */
import { z } from 'zod';
import { currencyInfo } from './currencies.js';
import { decimalFromJsonNumber, moneyFromJsonNumber } from './json-numbers.js';
import { MoneySchema, parseDecimalMoney, type Money } from './money.js';
import { RefsSchema } from './order.js';
import { normaliseUtcTimestamp } from './utc-timestamp.js';

export const CARRIERS = ['dhl', 'fedex'] as const;
export const CarrierSchema = z.enum(CARRIERS);
export type Carrier = z.infer<typeof CarrierSchema>;

export const TRACKING_STATUSES = ['pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'cancelled', 'unknown'] as const;
export const TrackingStatusSchema = z.enum(TRACKING_STATUSES);
export type TrackingStatus = z.infer<typeof TrackingStatusSchema>;

/** A local wall-clock date-time without a zone, as the carrier wrote it: `2024-01-15T17:00:00`. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A moment as the carrier stated it: `timestamp` (UTC) when it gave an offset, else `localTime`
 * (the place's wall clock, zone unknown), or only a `date`.
 */
export const CarrierTimeSchema = z
  .object({
    timestamp: z.string().regex(/Z$/).optional(),
    localTime: z.string().regex(LOCAL_DATE_TIME).optional(),
    date: z.string().regex(DATE_ONLY).optional(),
  })
  .refine((t) => t.timestamp !== undefined || t.localTime !== undefined || t.date !== undefined, 'needs a timestamp, a localTime or a date');
export type CarrierTime = z.infer<typeof CarrierTimeSchema>;

export const CarrierServiceSchema = z.object({ code: z.string().optional(), name: z.string().optional() });
export type CarrierService = z.infer<typeof CarrierServiceSchema>;

export const CarrierLocationSchema = z.object({
  city: z.string().optional(),
  postcode: z.string().optional(),
  /** ISO 3166-1 alpha-2 when the carrier gives one. */
  countryCode: z.string().optional(),
  region: z.string().optional(),
  /** Carrier's own facility or service-area code (DHL `BCN`, FedEx location id). */
  code: z.string().optional(),
  /** Free text as the carrier wrote it ("Barcelona - Spain"), when no structured fields exist. */
  description: z.string().optional(),
});
export type CarrierLocation = z.infer<typeof CarrierLocationSchema>;

/** A carrier's notice: a warning or note (FedEx `alerts`, DHL Conditions beside a success), or an error beside data. */
export const CarrierNoteSchema = z.object({ code: z.string().optional(), type: z.string().optional(), message: z.string() });
export type CarrierNote = z.infer<typeof CarrierNoteSchema>;

export const TrackingEventSchema = z.object({
  status: TrackingStatusSchema,
  /** The carrier's own event code (DHL `OK`, FedEx `DL`) and text, kept as given. */
  carrierCode: z.string(),
  carrierDescription: z.string().optional(),
  timestamp: z.string().optional(),
  localTime: z.string().optional(),
  date: z.string().optional(),
  location: CarrierLocationSchema.optional(),
  signedBy: z.string().optional(),
  /** The carrier's exception on this event, as given (FedEx `exceptionCode` `08` "Customer not available or business closed"). */
  exception: z.object({ code: z.string(), description: z.string().optional() }).optional(),
  /** Piece (licence plate) the event belongs to, when the carrier tracks pieces. */
  pieceTrackingNumber: z.string().optional(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

export const TrackingResultSchema = z.object({
  recordType: z.literal('tracking'),
  carrier: CarrierSchema,
  trackingNumber: z.string(),
  status: TrackingStatusSchema,
  /** The carrier's status code and text the canonical status was derived from. */
  carrierStatusCode: z.string().optional(),
  carrierStatusDescription: z.string().optional(),
  service: CarrierServiceSchema.optional(),
  pieceTrackingNumbers: z.array(z.string()).optional(),
  estimatedDelivery: CarrierTimeSchema.optional(),
  origin: CarrierLocationSchema.optional(),
  destination: CarrierLocationSchema.optional(),
  /** Events as the carrier listed them (order kept). */
  events: z.array(TrackingEventSchema),
  /**
   * The carrier's own error for this number when a reply that tracks several numbers could not
   * track this one (FedEx `TRACKING.TRACKINGNUMBER.NOTFOUND`, DHL XML condition 103): status
   * `unknown`, no events. A reply in which no number was found is an error reply instead.
   */
  carrierError: z.object({ code: z.string(), message: z.string().optional() }).optional(),
  /** What the carrier says beside this number's data (an `error` FedEx gives with a found number's scans): kept, never dropped. */
  notes: z.array(CarrierNoteSchema).optional(),
  /**
   * The carrier's other ids of this result: FedEx `trackingNumberUniqueId`, which tells apart the
   * shipments FedEx answers for one reused number (karrio's recorded DuplicateTrackingResponse).
   */
  refs: RefsSchema.optional(),
});
export type TrackingResult = z.infer<typeof TrackingResultSchema>;

/** A document in a carrier reply, by reference: where its content sits and how long it is. */
export const CarrierDocumentRefSchema = z.object({
  /** Carrier's document type (`label`, `invoice`, `LABEL`, `COMMERCIAL_INVOICE`, …), lower-cased. */
  type: z.string(),
  /** PDF, ZPL, PNG, EPL2, … as the carrier names it, upper-cased. */
  format: z.string().optional(),
  encoding: z.enum(['base64', 'url']),
  /** JSON path (or XML element path) of the content in the reply, e.g. `documents[0].content`. */
  path: z.string(),
  /** base64: the length of the base64 text and of the decoded bytes. */
  base64Length: z.number().int().optional(),
  sizeBytes: z.number().int().optional(),
  url: z.string().optional(),
  pieceTrackingNumber: z.string().optional(),
});
export type CarrierDocumentRef = z.infer<typeof CarrierDocumentRefSchema>;

export const CarrierChargeSchema = z.object({
  code: z.string().optional(),
  description: z.string().optional(),
  amount: MoneySchema,
});

/**
 * A line of a charge breakdown: its amount, or — when the carrier's text is no amount (FedEx's
 * documented Ship reply writes `"amount": "string"` in a surcharge line) — that text as
 * `unreadAmount`, so the line is shown, never dropped, and the total still maps.
 */
export const CarrierBreakdownLineSchema = z.object({
  code: z.string().optional(),
  description: z.string().optional(),
  amount: MoneySchema.optional(),
  unreadAmount: z.string().optional(),
});
export type CarrierBreakdownLine = z.infer<typeof CarrierBreakdownLineSchema>;
export type CarrierCharge = z.infer<typeof CarrierChargeSchema>;

export const CarrierShipmentSchema = z.object({
  recordType: z.literal('carrier-shipment'),
  carrier: CarrierSchema,
  service: CarrierServiceSchema,
  trackingNumber: z.string(),
  pieces: z.array(z.object({ trackingNumber: z.string(), reference: z.string().optional() })),
  documents: z.array(CarrierDocumentRefSchema),
  /** Total charged, per currency role the carrier states (DHL BILLC/PULCL/BASEC, FedEx rate types). */
  charges: z.array(
    z.object({
      /** The carrier's rate type or currency role (`BILLC`, `PAYOR_ACCOUNT_SHIPMENT`, …). */
      rateType: z.string().optional(),
      total: MoneySchema,
      breakdown: z.array(CarrierBreakdownLineSchema).optional(),
    }),
  ),
  estimatedDelivery: CarrierTimeSchema.optional(),
  trackingUrl: z.string().optional(),
  /** The carrier's warnings on the created shipment (MyDHL `warnings`: "can't return prices" explains absent charges). */
  notes: z.array(CarrierNoteSchema).optional(),
});
export type CarrierShipment = z.infer<typeof CarrierShipmentSchema>;

/** A carrier's note on a reply (FedEx `alerts`, MyDHL `warnings`, DHL XML `Condition`), kept as given. */
/**
 * Proof of delivery (MyDHL ePOD, FedEx signature proof of delivery): the documents by reference,
 * never their content (a signature image is personal data).
 */
export const ProofOfDeliverySchema = z.object({
  recordType: z.literal('proof-of-delivery'),
  carrier: CarrierSchema,
  /** FedEx `SIGNATURE_PROOF_OF_DELIVERY`, DHL `POD`… as the carrier names it. */
  documentType: z.string().optional(),
  documents: z.array(CarrierDocumentRefSchema),
  notes: z.array(CarrierNoteSchema),
});
export type ProofOfDelivery = z.infer<typeof ProofOfDeliverySchema>;

/** A courier pickup booked, changed or cancelled (MyDHL /pickups, DHL XML BookPU/ModifyPU/CancelPU, FedEx Pickup API). */
export const PickupConfirmationSchema = z.object({
  recordType: z.literal('pickup'),
  carrier: CarrierSchema,
  action: z.enum(['booked', 'changed', 'cancelled']),
  /** DHL dispatch confirmation numbers, FedEx pickup confirmation code. */
  confirmationNumbers: z.array(z.string()).min(1),
  /** `HH:MM[:SS]` at the pickup place, as the carrier wrote it. */
  readyByTime: z.string().optional(),
  callInTime: z.string().optional(),
  nextPickupDate: z.string().optional(),
  /** DHL service area / FedEx location code of the pickup. */
  location: z.string().optional(),
  message: z.string().optional(),
  notes: z.array(CarrierNoteSchema),
});
export type PickupConfirmation = z.infer<typeof PickupConfirmationSchema>;

/** A shipment voided at the carrier (FedEx PUT /ship/v1/shipments/cancel). */
export const ShipmentCancellationSchema = z.object({
  recordType: z.literal('shipment-cancellation'),
  carrier: CarrierSchema,
  cancelled: z.boolean(),
  /** Whether the carrier also removed it from the shipping history. */
  historyCancelled: z.boolean().optional(),
  message: z.string().optional(),
  notes: z.array(CarrierNoteSchema),
});
export type ShipmentCancellation = z.infer<typeof ShipmentCancellationSchema>;

/** A trade document accepted by the carrier apart from a shipment (FedEx ETD upload): the id a shipment then names. */
export const TradeDocumentReceiptSchema = z.object({
  recordType: z.literal('trade-document'),
  carrier: CarrierSchema,
  documentId: z.string(),
  /** FedEx `CO` (certificate of origin), `CI` (commercial invoice)… as given. */
  documentType: z.string().optional(),
  folderIds: z.array(z.string()),
});
export type TradeDocumentReceipt = z.infer<typeof TradeDocumentReceiptSchema>;

export const RateQuoteSchema = z.object({
  recordType: z.literal('rate-quote'),
  carrier: CarrierSchema,
  service: CarrierServiceSchema,
  /**
   * The carrier's rate type or currency role: FedEx `ACCOUNT`, `LIST`, `PREFERRED_CURRENCY`,
   * `PAYOR_ACCOUNT_PACKAGE`…; DHL `BILLC` (billing currency), `PULCL` (pickup-country local),
   * `BASEC` (DHL's base currency). Quotes of one service in several types stay separate records.
   */
  rateType: z.string().optional(),
  /**
   * What the carrier charges. Absent only for a service the carrier lists without any price
   * (MyDHL answers some products with every `totalPrice` 0 and no currency): `priced: false`.
   */
  total: MoneySchema.optional(),
  priced: z.boolean(),
  base: MoneySchema.optional(),
  surcharges: z.array(CarrierChargeSchema),
  taxes: z.array(CarrierChargeSchema),
  discounts: MoneySchema.optional(),
  transitDays: z.number().int().optional(),
  delivery: CarrierTimeSchema.optional(),
});
export type RateQuote = z.infer<typeof RateQuoteSchema>;

// ── helpers shared by the carrier mappings (pure) ─────────────────────────────────────────────

export type CarrierValueResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Decimal text with 16+ significant digits: beyond what a double holds, so a double printed at full precision. */
const isFloatText = (t: string): boolean => /^[+-]?\d+\.\d+$/.test(t) && t.replace(/[^\d]/g, '').replace(/^0+/, '').length >= 16;

/**
 * An amount as a carrier wrote it — a JSON number (FedEx, MyDHL), decimal text (`"12.35"`,
 * `"0."` as the DHL XML services write it) — in `currency`'s minor units. Text with 16+
 * significant digits is a double printed at full precision (`208.02000000000001` in the DHL XML-PI
 * samples): it is read as the double's shortest text, which must then fit the currency.
 */
export function carrierMoney(value: unknown, currency: string): CarrierValueResult<Money> {
  if (currencyInfo(currency) === undefined) return { ok: false, message: `unknown currency "${currency}"` };
  if (typeof value === 'number') {
    const r = moneyFromJsonNumber(value, currency);
    return r.ok ? { ok: true, value: r.money } : { ok: false, message: r.message };
  }
  if (typeof value !== 'string') return { ok: false, message: 'is not an amount' };
  let text = value.trim().replace(/\.$/, '');
  if (isFloatText(text)) {
    const d = decimalFromJsonNumber(Number(text));
    if (d !== undefined) text = d.toString();
  }
  const r = parseDecimalMoney(text, currency);
  return r.ok ? { ok: true, value: r.money } : { ok: false, message: r.message };
}

const LOCAL_OR_ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A carrier date-time: with an offset (or `Z`) → `{ timestamp }` in UTC; without → `{ localTime }`
 * as written (the carrier's local wall clock, never given a zone); a bare date → `{ date }`.
 * `offset` (DHL's separate `GMTOffset`, `+01:00`) completes a local time.
 */
export function carrierTime(text: string, offset?: string): CarrierValueResult<CarrierTime> {
  const t = text.trim();
  if (DATE_ONLY.test(t)) return { ok: true, value: { date: t } };
  const m = LOCAL_OR_ZONED.exec(t);
  if (!m) return { ok: false, message: `"${text}" is not a date-time` };
  const [, date, time, zone] = m;
  const local = `${date}T${time!.replace(',', '.')}`;
  // A separate offset may be written "+01:00", "+0100", "Z", or with a "GMT"/"UTC" prefix; anything else is no offset.
  const given = offset?.trim().replace(/^(GMT|UTC)(?=[+-])/i, '');
  const off = zone ?? (given !== undefined && /^[+-]\d{2}:?\d{2}$|^Z$/.test(given) ? given : undefined);
  if (off === undefined) {
    const check = normaliseUtcTimestamp(`${local}Z`);
    return check.ok ? { ok: true, value: { localTime: local } } : { ok: false, message: check.message.replace(`${local}Z`, text) };
  }
  const r = normaliseUtcTimestamp(`${local}${off}`);
  return r.ok ? { ok: true, value: { timestamp: r.value } } : { ok: false, message: r.message };
}

/** Decoded size of base64 text (padding and whitespace considered). */
export function base64DecodedLength(text: string): number {
  const clean = text.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

/** Collects mapping issues while a carrier record is read; `field` paths are the vendor's. */
export class CarrierIssues {
  readonly list: { field: string; message: string; value?: unknown }[] = [];

  add(field: string, message: string, value?: unknown): void {
    this.list.push({ field, message, ...(value === undefined || (typeof value === 'string' && value.length > 80) ? {} : { value }) });
  }

  money(field: string, value: unknown, currency: string | undefined): Money | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (currency === undefined || currency === '') {
      this.add(field, 'has an amount but no currency', value);
      return undefined;
    }
    const r = carrierMoney(value, currency);
    if (!r.ok) this.add(field, r.message, value);
    return r.ok ? r.value : undefined;
  }

  /** A date-time (and optional separate offset) as CarrierTime; undefined for none or a bad one (an issue). */
  time(field: string, text: string | undefined, offset?: string): CarrierTime | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    const r = carrierTime(text, offset);
    if (!r.ok) this.add(field, r.message, text);
    return r.ok ? r.value : undefined;
  }
}

/** Sort key of a carrier time (UTC first, then local, then date), for picking the latest event. */
export function carrierTimeKey(t: { timestamp?: string; localTime?: string; date?: string }): string {
  return t.timestamp ?? t.localTime ?? t.date ?? '';
}

/** `events` with `signedBy` on the latest delivery event: where the carrier names the signer on the shipment, not on a scan. */
export function withSigner(events: readonly TrackingEvent[], signedBy: string | undefined): TrackingEvent[] {
  const delivery = signedBy === undefined ? undefined : latestEvent(events.filter((e) => e.status === 'delivered'));
  return events.map((e) => (e === delivery ? { ...e, signedBy } : e));
}

/** The latest of `events` by time; ties go to the one listed later. Undefined for none. */
export function latestEvent<T extends { timestamp?: string; localTime?: string; date?: string }>(events: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const e of events) if (best === undefined || carrierTimeKey(e) >= carrierTimeKey(best)) best = e;
  return best;
}
