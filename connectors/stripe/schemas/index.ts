/**
 * Stripe wire formats read by the settlement ledger (API version 2023-08-16 as described by
 * ../shared/vendor/stripe/openapi/spec3.yaml; older event payloads down to 2017 as the webhook
 * samples carry them). Lenient where Stripe and the tools that save its payloads really stray:
 *
 * - expandable fields (`balance_transaction`, `source`, `charge`, `payment_intent`) come as an id
 *   or as the expanded object (stripe/stripe-go#383: "the resource can be a string if not expanded
 *   or the entire resource if it is");
 * - `balance_transaction` is `null` on a charge event sent before Stripe created the balance
 *   transaction (polarsource/polar#6144: "this property is often `null` when we receive the event");
 * - `fee_details` entries carry fields the spec does not list (`amount_refunded`, stripe/stripe-dotnet#1120),
 *   and `fee_details`/`fee` may be `null` on saved copies;
 * - integer amounts saved as their digits ("1000") by re-serialising tools.
 * An amount with a fraction ("10.00", as dj-stripe's fixtures save payouts) is not minor units
 * and stays an issue on its field.
 */
import { z } from 'zod';
import { booleanLike, nullAsAbsent } from '../../http/wire-leniency.js';

/** A Unix timestamp in seconds, as a JSON number or its digits. */
export const stripeUnixLike = z.preprocess(
  (v: number | string) => (typeof v === 'string' && /^\s*\d{1,12}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'expected a Unix timestamp (seconds)' }).int('expected a Unix timestamp (seconds)'),
);

/** A signed integer of Stripe minor units, as a JSON number or its digits. */
export const stripeIntLike = z.preprocess(
  (v: number | string) => (typeof v === 'string' && /^\s*-?\d{1,16}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'expected an integer amount of minor units' }).int('expected an integer amount of minor units (Stripe amounts have no fraction)'),
);

const text = nullAsAbsent(z.string());
/** An expandable reference: its id, or the expanded object (whose id is read). */
const ref = nullAsAbsent(z.union([z.string(), z.looseObject({ id: z.string() })]));

export const StripeFeeDetailSchema = z.looseObject({
  amount: stripeIntLike,
  currency: z.string(),
  description: text,
  type: z.string(),
});
export type StripeFeeDetail = z.infer<typeof StripeFeeDetailSchema>;

export const StripeBalanceTransactionSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('balance_transaction').optional(),
  amount: stripeIntLike,
  currency: z.string(),
  created: stripeUnixLike,
  available_on: nullAsAbsent(stripeUnixLike),
  description: text,
  /** A JSON number (Stripe writes the rate as a float literal); kept as its text. */
  exchange_rate: nullAsAbsent(z.union([z.number(), z.string().regex(/^\d+(?:\.\d+)?$/)])),
  fee: nullAsAbsent(stripeIntLike),
  fee_details: nullAsAbsent(z.array(StripeFeeDetailSchema)),
  net: stripeIntLike,
  reporting_category: text,
  source: ref,
  status: text,
  type: z.string(),
});
export type StripeBalanceTransaction = z.infer<typeof StripeBalanceTransactionSchema>;

/**
 * When an object was created: `created`, or `date` in payloads of API versions before 2014
 * (the 2012 `transfer.created` sample of stripe-ruby-mock). The event's own `created` stands in when both are absent.
 */
const when = { created: nullAsAbsent(stripeUnixLike), date: nullAsAbsent(stripeUnixLike) };

/** `balance_transaction`: an id, the expanded object, or null (not created yet). */
const balanceTransactionRef = nullAsAbsent(z.union([z.string(), StripeBalanceTransactionSchema]));

export const StripeRefundSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('refund').optional(),
  amount: stripeIntLike,
  currency: z.string(),
  ...when,
  balance_transaction: balanceTransactionRef,
  /** A failed refund: the balance transaction that gives the refunded amount back (spec3.yaml `refund.failure_balance_transaction`). */
  failure_balance_transaction: balanceTransactionRef,
  charge: ref,
  payment_intent: ref,
  status: text,
  reason: text,
  description: text,
});
export type StripeRefund = z.infer<typeof StripeRefundSchema>;

export const StripeChargeSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('charge'),
  amount: stripeIntLike,
  amount_captured: nullAsAbsent(stripeIntLike),
  amount_refunded: nullAsAbsent(stripeIntLike),
  captured: nullAsAbsent(booleanLike),
  currency: z.string(),
  ...when,
  balance_transaction: balanceTransactionRef,
  payment_intent: ref,
  invoice: ref,
  description: text,
  status: text,
  /** A list object; a bare array before API 2014 (the 2013 `charge.updated` sample). */
  refunds: nullAsAbsent(z.union([z.looseObject({ data: z.array(StripeRefundSchema) }), z.array(StripeRefundSchema).transform((data) => ({ data }))])),
});
export type StripeCharge = z.infer<typeof StripeChargeSchema>;

export const StripeDisputeSchema = z.looseObject({
  id: nullAsAbsent(z.string().min(1)),
  object: z.literal('dispute'),
  amount: stripeIntLike,
  currency: z.string(),
  ...when,
  charge: ref,
  payment_intent: ref,
  status: text,
  reason: text,
  /** Before API 2017 a dispute had one `balance_transaction` (the withdrawal) and no id. */
  balance_transaction: nullAsAbsent(z.string()),
  /** Expanded always: the withdrawal and any reinstatement of the disputed funds. */
  balance_transactions: nullAsAbsent(z.array(StripeBalanceTransactionSchema)),
});
export type StripeDispute = z.infer<typeof StripeDisputeSchema>;

export const StripePayoutSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('payout'),
  amount: stripeIntLike,
  currency: z.string(),
  ...when,
  arrival_date: nullAsAbsent(stripeUnixLike),
  balance_transaction: balanceTransactionRef,
  failure_balance_transaction: balanceTransactionRef,
  status: text,
  description: text,
});
export type StripePayout = z.infer<typeof StripePayoutSchema>;

export const StripeTransferSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('transfer'),
  amount: stripeIntLike,
  currency: z.string(),
  ...when,
  balance_transaction: balanceTransactionRef,
  destination: ref,
  description: text,
  /**
   * Before API 2017-04-06 a transfer also paid the account's own bank account or debit card (now a
   * payout): `type` `bank_account`/`card` (`stripe_account` for Connect), a `ba_`/`card_`
   * destination; the 2012–2013 shape has neither, only `recipient` (null: the account's own bank) and
   * `other_transfers`/`summary`, which only such transfers carried.
   */
  type: text,
  /** Legacy transfers only (paid, pending, failed …). */
  status: text,
  recipient: ref,
  other_transfers: nullAsAbsent(z.array(z.unknown())),
  summary: nullAsAbsent(z.looseObject({})),
});
export type StripeTransfer = z.infer<typeof StripeTransferSchema>;

/** The objects whose events can move money, by their `object` field. */
const HELD_OBJECT_SCHEMAS = {
  charge: StripeChargeSchema,
  refund: StripeRefundSchema,
  dispute: StripeDisputeSchema,
  payout: StripePayoutSchema,
  transfer: StripeTransferSchema,
  balance_transaction: StripeBalanceTransactionSchema,
} as const;
type HeldKind = keyof typeof HELD_OBJECT_SCHEMAS;

export type StripeHeldObject =
  | { readonly object: 'charge'; readonly value: StripeCharge }
  | { readonly object: 'refund'; readonly value: StripeRefund }
  | { readonly object: 'dispute'; readonly value: StripeDispute }
  | { readonly object: 'payout'; readonly value: StripePayout }
  | { readonly object: 'transfer'; readonly value: StripeTransfer }
  | { readonly object: 'balance_transaction'; readonly value: StripeBalanceTransaction }
  | { readonly object: 'other'; readonly objectType?: string; readonly id?: string }
  /** An object of a money-moving type that its schema rejects: an error only where the event's money is read. */
  | { readonly object: 'invalid'; readonly objectType: string; readonly id?: string; readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] };

const GenericObjectSchema = z.looseObject({ object: nullAsAbsent(z.string()), id: nullAsAbsent(z.string()) });

/**
 * An object as an event's `data.object` holds it, checked by the schema of its `object` type
 * (any other type passes as `other`; a money object its schema rejects as `invalid`, with the issues).
 */
export const StripeHeldObjectSchema = GenericObjectSchema.transform((raw): StripeHeldObject => {
  const type = raw.object;
  const id = raw.id === undefined ? {} : { id: raw.id };
  if (type === undefined || !Object.hasOwn(HELD_OBJECT_SCHEMAS, type)) {
    return { object: 'other', ...(type === undefined ? {} : { objectType: type }), ...id };
  }
  const parsed = HELD_OBJECT_SCHEMAS[type as HeldKind].safeParse(raw);
  if (!parsed.success) return { object: 'invalid', objectType: type, ...id, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
  return { object: type, value: parsed.data } as StripeHeldObject;
});

export const StripeEventSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('event').optional(),
  type: z.string().min(1),
  created: stripeUnixLike,
  api_version: text,
  data: z.looseObject({
    object: StripeHeldObjectSchema,
    previous_attributes: nullAsAbsent(z.looseObject({ amount_refunded: nullAsAbsent(stripeIntLike) })),
  }),
});
export type StripeEvent = z.infer<typeof StripeEventSchema>;

/** A Stripe list (`GET /v1/balance_transactions`, `GET /v1/events`): entries are checked one by one. */
export const StripeListSchema = z.looseObject({
  object: z.literal('list'),
  data: z.array(z.unknown()),
  has_more: nullAsAbsent(booleanLike),
  url: text,
});
export type StripeList = z.infer<typeof StripeListSchema>;
