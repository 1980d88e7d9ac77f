/**
 * PayPal wire formats read by the settlement ledger: Transaction Search replies
 * (`GET /v1/reporting/transactions`, ../shared/vendor/paypal/openapi/reporting_transactions_v1.json)
 * and webhook events (notifications_webhooks_v1.json; Payments v2 and v1 resources).
 *
 * Lenient where PayPal really strays from its description:
 * - dates carry `+0000` offsets without a colon (`"2024-02-10T00:01:56+0000"`, the real sandbox
 *   page in samples/transaction-search; the same form PayPal takes in queries, paypal/PayPal-node-SDK#452);
 * - `fee_amount` is absent on rows that bear no fee (the T1503 hold and T1105 release of the real page);
 * - money values are decimal text with as many decimals as the row has ("-60.75", "2048018.30",
 *   "10"), and a JSON number from re-serialising tools is read as its text;
 * - objects with no content are `{}` (`payer_name: {}`, `cart_info: {}` on the real page).
 */
import { z } from 'zod';
import { countLike, dateTimeLike, nullAsAbsent } from '../../http/wire-leniency.js';

const text = nullAsAbsent(z.string());
/** Decimal text; a JSON number is read as its shortest text. */
const decimalText = z.preprocess(
  (v: string | number) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
  z.string().regex(/^\s*[+-]?\d+(?:\.\d+)?\s*$/, 'expected a decimal amount ("12.34")'),
);

/** Payments v2 / reporting money: `{ currency_code, value }`. */
export const PaypalMoneySchema = z.looseObject({ currency_code: z.string(), value: decimalText });
export type PaypalMoney = z.infer<typeof PaypalMoneySchema>;

export const PaypalTransactionInfoSchema = z.looseObject({
  transaction_id: z.string().min(1),
  paypal_account_id: text,
  paypal_reference_id: text,
  paypal_reference_id_type: text,
  transaction_event_code: z.string().regex(/^T\d{4}$/, 'expected a transaction event code (T0000–T9999)'),
  transaction_initiation_date: nullAsAbsent(dateTimeLike),
  transaction_updated_date: nullAsAbsent(dateTimeLike),
  transaction_amount: PaypalMoneySchema,
  fee_amount: nullAsAbsent(PaypalMoneySchema),
  transaction_status: text,
  transaction_subject: text,
  transaction_note: text,
  invoice_id: text,
  custom_field: text,
});
export type PaypalTransactionInfo = z.infer<typeof PaypalTransactionInfoSchema>;

export const PaypalTransactionDetailSchema = z.looseObject({ transaction_info: PaypalTransactionInfoSchema });
export type PaypalTransactionDetail = z.infer<typeof PaypalTransactionDetailSchema>;

/** The search reply; its rows are checked one by one (`transaction_details[i]`). */
export const PaypalTransactionSearchReplySchema = z.looseObject({
  transaction_details: z.array(z.unknown()),
  account_number: text,
  start_date: text,
  end_date: text,
  /** How far PayPal's reporting data reaches; rows after it may still be missing (up to three hours' lag). */
  last_refreshed_datetime: nullAsAbsent(dateTimeLike),
  page: nullAsAbsent(countLike),
  total_items: nullAsAbsent(countLike),
  total_pages: nullAsAbsent(countLike),
});
export type PaypalTransactionSearchReply = z.infer<typeof PaypalTransactionSearchReplySchema>;

/** Payments v1 money: `{ total, currency }` (fee: `{ value, currency }`). */
const PaypalV1AmountSchema = z.looseObject({ total: decimalText, currency: z.string() });
const PaypalV1CurrencySchema = z.looseObject({ value: decimalText, currency: z.string() });

/** A Payments v2 capture or refund (`resource_version` 2.0), or a v1 sale/capture/refund. */
export const PaypalPaymentResourceSchema = z.looseObject({
  id: z.string().min(1),
  status: text,
  state: text,
  amount: nullAsAbsent(z.union([PaypalMoneySchema, PaypalV1AmountSchema])),
  seller_receivable_breakdown: nullAsAbsent(
    z.looseObject({
      gross_amount: PaypalMoneySchema,
      paypal_fee: nullAsAbsent(PaypalMoneySchema),
      net_amount: nullAsAbsent(PaypalMoneySchema),
      receivable_amount: nullAsAbsent(PaypalMoneySchema),
      exchange_rate: nullAsAbsent(z.looseObject({ source_currency: text, target_currency: text, value: nullAsAbsent(decimalText) })),
    }),
  ),
  seller_payable_breakdown: nullAsAbsent(
    z.looseObject({
      gross_amount: PaypalMoneySchema,
      paypal_fee: nullAsAbsent(PaypalMoneySchema),
      net_amount: nullAsAbsent(PaypalMoneySchema),
    }),
  ),
  transaction_fee: nullAsAbsent(PaypalV1CurrencySchema),
  /** A v1 refund: the part of PayPal's fee given back, and the part taken from the amount the seller received (together `amount.total`). */
  refund_from_transaction_fee: nullAsAbsent(PaypalV1CurrencySchema),
  refund_from_received_amount: nullAsAbsent(PaypalV1CurrencySchema),
  parent_payment: text,
  sale_id: text,
  capture_id: text,
  invoice_id: text,
  custom_id: text,
  create_time: nullAsAbsent(dateTimeLike),
  update_time: nullAsAbsent(dateTimeLike),
  supplementary_data: nullAsAbsent(z.looseObject({ related_ids: nullAsAbsent(z.looseObject({ order_id: text, capture_id: text })) })),
  /** HATEOAS links; a refund's `up` link names its capture (`…/v2/payments/captures/{id}`). */
  links: nullAsAbsent(z.array(z.looseObject({ href: z.string(), rel: text }))),
});
export type PaypalPaymentResource = z.infer<typeof PaypalPaymentResourceSchema>;

export const PaypalWebhookEventSchema = z.looseObject({
  id: z.string().min(1),
  event_type: z.string().min(1),
  resource_type: text,
  event_version: text,
  resource_version: text,
  create_time: nullAsAbsent(dateTimeLike),
  summary: text,
  resource: z.looseObject({ id: text }),
});
export type PaypalWebhookEvent = z.infer<typeof PaypalWebhookEventSchema>;

/** `GET /v1/reporting/balances` (balances_response): one entry per currency held. */
export const PaypalBalanceSchema = z.looseObject({
  currency: z.string().min(1),
  primary: nullAsAbsent(z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])),
  total_balance: PaypalMoneySchema,
  available_balance: nullAsAbsent(PaypalMoneySchema),
  withheld_balance: nullAsAbsent(PaypalMoneySchema),
});
export type PaypalBalance = z.infer<typeof PaypalBalanceSchema>;

export const PaypalBalancesReplySchema = z.looseObject({
  /** Absent when the account holds nothing (the model allows zero entries). */
  balances: nullAsAbsent(z.array(PaypalBalanceSchema)).transform((b) => b ?? []),
  account_id: text,
  as_of_time: nullAsAbsent(dateTimeLike),
  last_refresh_time: nullAsAbsent(dateTimeLike),
});
export type PaypalBalancesReply = z.infer<typeof PaypalBalancesReplySchema>;

/** `POST /v1/notifications/verify-webhook-signature` (verify_webhook_signature_response). */
export const PaypalVerifySignatureReplySchema = z.looseObject({ verification_status: z.string().min(1) });
export type PaypalVerifySignatureReply = z.infer<typeof PaypalVerifySignatureReplySchema>;
