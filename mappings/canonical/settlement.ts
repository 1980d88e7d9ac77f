/**
 * The settlement ledger: one canonical line per movement of money on a payment provider's or
 * marketplace's balance (Stripe balance transactions, PayPal transaction-search rows, Amazon
 * settlement-report rows), and the non-ledger notice for a provider event that moved no money.
 *
 * Sign convention: every amount is the line's effect on the seller's balance at the source:
 * credit positive, debit negative. `fee` is signed the same way (a fee charged is negative), so
 * `net = gross + fee` always holds. Amounts are Money (integer minor units of the ISO 4217
 * exponent), never floats.
 */
import { z } from 'zod';
import { CurrencyCodeSchema, MoneySchema } from './money.js';

export const SETTLEMENT_SOURCES = ['stripe', 'paypal', 'amazon'] as const;
export type SettlementSource = (typeof SETTLEMENT_SOURCES)[number];

export const SETTLEMENT_LINE_KINDS = [
  'sale',
  'fee',
  'refund',
  'chargeback',
  'chargeback-reversal',
  'reserve',
  'fx',
  'payout',
  'adjustment',
  'transfer',
  'other',
] as const;
export type SettlementLineKind = (typeof SETTLEMENT_LINE_KINDS)[number];

/** UTC ISO 8601 instant (`…Z`), or a date only (`YYYY-MM-DD`) where the source gives no time. */
export const PostedAtSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)?$/, 'must be a UTC ISO 8601 date-time (…Z) or a date (YYYY-MM-DD)');

/** A decimal number written as text ("1.0876"), never a float. */
export const DecimalTextSchema = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'must be a decimal number as text');

export const SettlementFeeDetailSchema = z.object({
  /** The source's fee type (Stripe `stripe_fee`, `application_fee`, `tax` …). */
  type: z.string(),
  /** Signed like the line's fee: a fee charged is negative. */
  amount: MoneySchema,
  description: z.string().optional(),
});

export const SettlementRefsSchema = z.object({
  /** The seller's order (Amazon order-id, PayPal invoice_id, Stripe charge metadata is not read). */
  orderId: z.string().optional(),
  merchantOrderId: z.string().optional(),
  /** The card charge / capture the line belongs to (Stripe `ch_…`, PayPal capture id). */
  chargeId: z.string().optional(),
  paymentIntentId: z.string().optional(),
  refundId: z.string().optional(),
  disputeId: z.string().optional(),
  /** The payout (bank transfer) the line is, or the settlement it was paid out in. */
  payoutId: z.string().optional(),
  /** The source object the line comes from (Stripe `source`: ch_, re_, dp_, po_, tr_ …). */
  sourceObjectId: z.string().optional(),
  /** The line this one reverses or follows (PayPal `paypal_reference_id`). */
  relatedLineId: z.string().optional(),
  /** Amazon settlement-id. */
  settlementId: z.string().optional(),
  /** The provider event the line was read from (Stripe `evt_…`, PayPal `WH-…`). */
  eventId: z.string().optional(),
  sku: z.string().optional(),
});

export const SettlementLineSchema = z.object({
  source: z.enum(SETTLEMENT_SOURCES),
  /**
   * The source's own identity of the line: Stripe balance transaction id (`txn_…`), PayPal
   * transaction_id, Amazon `<settlement-id>:<row>` … Lines read twice (a webhook and the
   * balance-transaction list) carry the same id.
   */
  lineId: z.string().min(1),
  /** `<source>:<lineId>`: the store's upsert key. */
  idempotencyKey: z.string().min(1),
  kind: z.enum(SETTLEMENT_LINE_KINDS),
  /** The source's own type, kept as sent (Stripe `type`/`reporting_category`, PayPal T-code, Amazon transaction-type/amount-type). */
  rawType: z.string(),
  /** The source's status when it gives one (Stripe `pending`/`available`, PayPal `S`/`P`/`V`/`D`/`F`). */
  status: z.string().optional(),
  /** Currency of gross/fee/net, as the source states it. */
  currency: CurrencyCodeSchema,
  gross: MoneySchema,
  /** Absent when the source does not state it (a Stripe event whose balance transaction is not expanded). */
  fee: MoneySchema.optional(),
  net: MoneySchema.optional(),
  feeDetails: z.array(SettlementFeeDetailSchema).optional(),
  /** The amount in the currency the customer paid, when it differs from `currency` (Stripe charge currency). */
  original: MoneySchema.optional(),
  /** Rate applied by the source between `original` and `gross` (decimal text), when it gives one. */
  exchangeRate: DecimalTextSchema.optional(),
  postedAt: PostedAtSchema,
  /** When the funds become available (Stripe `available_on`), UTC. */
  availableAt: PostedAtSchema.optional(),
  description: z.string().optional(),
  refs: SettlementRefsSchema,
});
export type SettlementLine = z.infer<typeof SettlementLineSchema>;
export type SettlementRefs = z.infer<typeof SettlementRefsSchema>;

/** A settlement / payout header: the period and total the lines add up to (Amazon's first report row). */
export const SettlementSchema = z.object({
  source: z.enum(SETTLEMENT_SOURCES),
  settlementId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  startAt: PostedAtSchema.optional(),
  endAt: PostedAtSchema.optional(),
  depositAt: PostedAtSchema.optional(),
  total: MoneySchema,
  currency: CurrencyCodeSchema,
});
export type Settlement = z.infer<typeof SettlementSchema>;

/**
 * A provider event that moves no money on the balance (a customer update, a dispute inquiry, a
 * balance snapshot): printed as what it is, never as a ledger line and never as a failure.
 */
export const PaymentEventNoticeSchema = z.object({
  source: z.enum(SETTLEMENT_SOURCES),
  record: z.literal('non-ledger-event'),
  eventId: z.string(),
  type: z.string(),
  createdAt: PostedAtSchema.optional(),
  objectType: z.string().optional(),
  objectId: z.string().optional(),
  /** Why no ledger line came out of it. */
  reason: z.string(),
});
export type PaymentEventNotice = z.infer<typeof PaymentEventNoticeSchema>;

export const settlementIdempotencyKey = (source: SettlementSource, lineId: string): string => `${source}:${lineId}`;
