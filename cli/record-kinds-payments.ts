/**
 * `caravan map` kinds of the settlement ledger: Stripe events and balance transactions, PayPal
 * Transaction Search replies and webhook events → canonical SettlementLines (or, for an event
 * that moves no money, a non-ledger notice). Spread into RECORD_KINDS by cli/record-kinds.ts.
 * Only types are imported from record-kinds.ts (it imports this file).
 */
import { rejectionOf, schemaRejection } from './record-kit.js';
import { recogniseAmazonErrorReply } from '../connectors/amazon/index.js';
import { looksLikeAmazonSettlementReport, parseAmazonSettlementReport } from '../connectors/amazon/schemas/settlement-report.js';
import { amazonSettlementReportToRecords } from '../mappings/amazon/index.js';
import {
  PaypalPaymentResourceSchema,
  PaypalTransactionDetailSchema,
  PaypalTransactionSearchReplySchema,
  PaypalWebhookEventSchema,
  recognisePaypalErrorReply,
} from '../connectors/paypal/index.js';
import { recogniseStripeErrorReply, StripeBalanceTransactionSchema, StripeEventSchema, StripeHeldObjectSchema, StripeListSchema } from '../connectors/stripe/index.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import { PAYPAL_EVENT_RECORD_TYPE, PAYPAL_TRANSACTION_RECORD_TYPE, paypalEventNotice, paypalLedgerKindOf, paypalPaymentResourceToLine, paypalTransactionToLine } from '../mappings/paypal/index.js';
import { STRIPE_BALANCE_TRANSACTION_RECORD_TYPE, STRIPE_EVENT_RECORD_TYPE, stripeBalanceTransactionToLine, stripeEventToRecords, stripeObjectToRecords } from '../mappings/stripe/index.js';
import { CliError } from './output.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';
import { decodeDocument } from '../connectors/http/charset.js';

const idIn = (v: unknown, key = 'id'): string | undefined => (isObject(v) && typeof v[key] === 'string' ? v[key] : undefined);

/** The bodies a file holds: a saved exchange (`{request, response: {body}}`, the PayPal SDK fixtures) gives its body; an array gives each entry. */
function bodiesIn(input: MapInputFile): unknown[] {
  const fromReplies = input.replies?.map((r) => r.body);
  const doc = fromReplies ?? [input.json()];
  const unwrap = (d: unknown): unknown => (isObject(d) && isObject(d.response) && 'body' in d.response ? d.response.body : d);
  return doc.map(unwrap).flatMap((d) => (Array.isArray(d) ? d.map(unwrap) : [d]));
}

function fromResult<T>(r: MappingResult<T[]>): MappedRecord[] {
  if (!r.ok) return [{ ok: false, error: rejectionOf(r.error) }];
  return r.value.map((record) => ({ ok: true, record }));
}

/** Stripe and PayPal payloads by their shape, for `caravan map` messages about a file of another kind (record-kinds.ts looksLike). */
export function paymentLooksLike(d: Record<string, unknown>): { kind: string; what: string } | undefined {
  const first = d.object === 'list' && Array.isArray(d.data) ? d.data[0] : undefined;
  if (d.object === 'list' && isObject(first) && first.object === 'balance_transaction') return { kind: 'stripe.balance-transactions', what: 'this is a Stripe balance-transaction list' };
  if (d.object === 'list' && isObject(first) && first.object === 'event') return { kind: 'stripe.event', what: 'this is a Stripe event list' };
  if (d.object === 'balance_transaction') return { kind: 'stripe.balance-transactions', what: 'this is a Stripe balance transaction' };
  if (d.object === 'event' && typeof d.type === 'string') return { kind: 'stripe.event', what: `this is a Stripe ${d.type} event` };
  // Stripe API objects: an `object` type and a prefixed id (ch_, po_, dp_ …).
  if (typeof d.object === 'string' && typeof d.id === 'string' && /^[a-z]+(?:_[a-z]+)*_\w+$/.test(d.id)) return { kind: 'stripe.event', what: `this is a Stripe ${d.object} object` };
  if (Array.isArray(d.transaction_details)) return { kind: 'paypal.transactions', what: 'this is a PayPal Transaction Search reply' };
  if (typeof d.event_type === 'string' && isObject(d.resource)) return { kind: 'paypal.event', what: `this is a PayPal ${d.event_type} webhook event` };
  return undefined;
}

/** A text body that is a payment report (record-kinds.ts looksLike, for text files). */
export function paymentTextLooksLike(text: string): { kind: string; what: string } | undefined {
  return looksLikeAmazonSettlementReport(text) ? { kind: 'amazon.settlement-report', what: 'this is an Amazon settlement report (tab-separated)' } : undefined;
}

// ---- Stripe ----

/** Events (or bare objects) in a file: one event, an array, or a list (`GET /v1/events`). */
function stripeEventRecords(input: MapInputFile): MappedRecord[] {
  const items = bodiesIn(input).flatMap((d) => {
    const list = StripeListSchema.safeParse(d);
    return list.success ? list.data.data.map((x, i) => ({ x, at: `data[${i}]` })) : [{ x: d, at: '' }];
  });
  if (items.length === 0) throw new CliError(`${input.file} holds no Stripe events: expected an Event object, an array of them or a list (GET /v1/events)`, 1);
  return items.flatMap(({ x, at }): MappedRecord[] => {
    if (!isObject(x)) return [schemaRejection(STRIPE_EVENT_RECORD_TYPE, undefined, at, [{ path: [], message: 'expected a Stripe Event object' }])];
    if (x.object === 'event' || ('type' in x && isObject(x.data))) {
      const parsed = StripeEventSchema.safeParse(x);
      return parsed.success ? fromResult(stripeEventToRecords(parsed.data)) : [schemaRejection(STRIPE_EVENT_RECORD_TYPE, idIn(x), at, parsed.error.issues)];
    }
    if (typeof x.object !== 'string') {
      throw new CliError(`${input.file}: not a Stripe event or API object (no "object" field); expected an Event ({"object":"event","type",…,"data":{"object":…}})`, 1);
    }
    const held = StripeHeldObjectSchema.safeParse(x);
    return held.success ? fromResult(stripeObjectToRecords(held.data)) : [schemaRejection(STRIPE_EVENT_RECORD_TYPE, idIn(x), at, held.error.issues)];
  });
}

/** Balance transactions in a file: a list (`GET /v1/balance_transactions`), an array, or one. */
function stripeBalanceTransactionRecords(input: MapInputFile): MappedRecord[] {
  const items = bodiesIn(input).flatMap((d) => {
    const list = StripeListSchema.safeParse(d);
    return list.success ? list.data.data.map((x, i) => ({ x, at: `data[${i}]` })) : [{ x: d, at: '' }];
  });
  const bts = items.filter(({ x }) => isObject(x) && (x.object === 'balance_transaction' || (x.object === undefined && 'net' in x)));
  // An empty page (`{ object: 'list', data: [] }`) holds no lines, and is no error.
  if (bts.length === 0 && items.length === 0 && bodiesIn(input).some((d) => StripeListSchema.safeParse(d).success)) return [];
  if (bts.length === 0) {
    const first = items[0]?.x;
    const what = isObject(first) && typeof first.object === 'string' ? `a Stripe ${first.object}` : 'no balance transaction';
    const hint = isObject(first) && first.object === 'event' ? '; try `caravan map stripe.event`' : '';
    throw new CliError(`${input.file} holds ${what}, not Stripe balance transactions (GET /v1/balance_transactions)${hint}`, 1);
  }
  return bts.map(({ x, at }) => {
    const parsed = StripeBalanceTransactionSchema.safeParse(x);
    if (!parsed.success) return schemaRejection(STRIPE_BALANCE_TRANSACTION_RECORD_TYPE, idIn(x), at, parsed.error.issues);
    return single(stripeBalanceTransactionToLine(parsed.data));
  });
}

function single<T>(r: MappingResult<T>): MappedRecord {
  return r.ok ? { ok: true, record: r.value } : { ok: false, error: rejectionOf(r.error) };
}

// ---- PayPal ----

function paypalTransactionRecords(input: MapInputFile): MappedRecord[] {
  const out: MappedRecord[] = [];
  let replies = 0;
  for (const d of bodiesIn(input)) {
    const reply = PaypalTransactionSearchReplySchema.safeParse(d);
    // One row (`{ transaction_info }`) on its own is read too.
    const rows = reply.success ? reply.data.transaction_details.map((x, i) => ({ x, at: `transaction_details[${i}]` })) : isObject(d) && 'transaction_info' in d ? [{ x: d as unknown, at: '' }] : undefined;
    if (rows === undefined) continue;
    replies += 1;
    for (const { x, at } of rows) {
      const parsed = PaypalTransactionDetailSchema.safeParse(x);
      const id = isObject(x) ? idIn(x.transaction_info, 'transaction_id') : undefined;
      if (!parsed.success) {
        out.push(schemaRejection(PAYPAL_TRANSACTION_RECORD_TYPE, id, at, parsed.error.issues));
        continue;
      }
      out.push(single(paypalTransactionToLine(parsed.data.transaction_info, at === '' ? 'transaction_info' : `${at}.transaction_info`)));
    }
  }
  if (replies === 0) throw new CliError(`${input.file} holds no PayPal transactions: expected a Transaction Search reply (GET /v1/reporting/transactions, transaction_details[])`, 1);
  return out;
}

function paypalEventRecords(input: MapInputFile): MappedRecord[] {
  const events = bodiesIn(input).flatMap((d) => (isObject(d) && Array.isArray(d.events) ? d.events.map((x, i) => ({ x: x as unknown, at: `events[${i}]` })) : [{ x: d, at: '' }]));
  if (!events.some(({ x }) => isObject(x) && typeof x.event_type === 'string')) {
    throw new CliError(`${input.file} holds no PayPal webhook events: expected an event ({"id":"WH-…","event_type",…,"resource"}) or a list (GET /v1/notifications/webhooks-events)`, 1);
  }
  return events.map(({ x, at }) => {
    const parsed = PaypalWebhookEventSchema.safeParse(x);
    if (!parsed.success) return schemaRejection(PAYPAL_EVENT_RECORD_TYPE, idIn(x), at, parsed.error.issues);
    const event = parsed.data;
    const kind = paypalLedgerKindOf(event.event_type);
    if (kind === undefined) return { ok: true, record: paypalEventNotice(event, `${event.event_type} moves no money on the PayPal balance`) };
    const resource = PaypalPaymentResourceSchema.safeParse(event.resource);
    if (!resource.success) return schemaRejection(PAYPAL_EVENT_RECORD_TYPE, event.id, at === '' ? 'resource' : `${at}.resource`, resource.error.issues);
    return single(paypalPaymentResourceToLine(event, resource.data, kind));
  });
}

// ---- Amazon settlement report ----

/**
 * The report's text, as `caravan map` decoded it (connectors/http/charset.ts). Detection tells
 * Shift_JIS by its kana; a JP report whose only non-ASCII text is kanji (`月額登録料`) falls back
 * to windows-1252. A report that settles in yen is read as Shift_JIS when its bytes are valid Shift_JIS.
 */
function settlementReportText(input: MapInputFile): string {
  if (input.charset !== 'windows-1252' || !/\tJPY\t/i.test(input.text.slice(0, 8000))) return input.text;
  try {
    return decodeDocument(input.bytes, { charset: 'shift_jis' }).text;
  } catch {
    return input.text;
  }
}

function amazonSettlementRecords(input: MapInputFile): MappedRecord[] {
  const parsed = parseAmazonSettlementReport(settlementReportText(input));
  if (!parsed.ok) throw new CliError(`${input.file}: ${parsed.message} (expected GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE[_V2], tab-separated)`, 1);
  const { header, lines } = amazonSettlementReportToRecords(parsed.report);
  if (header === undefined && lines.length === 0) throw new CliError(`${input.file}: the settlement report has a header line but no rows`, 1);
  return [...(header === undefined ? [] : [single(header)]), ...lines.map(single)];
}

export const PAYMENT_RECORD_KINDS: Record<string, RecordKind> = {
  'stripe.event': {
    description: 'Stripe Event (webhook or GET /v1/events; one, an array or a list) or a bare charge/refund/dispute/payout/transfer → SettlementLines keyed by balance transaction, or a non-ledger notice',
    expects: 'a Stripe event',
    operation: 'retrieveEvent',
    recogniseError: recogniseStripeErrorReply,
    map: (input) => stripeEventRecords(input),
  },
  'stripe.balance-transactions': {
    description: 'Stripe GET /v1/balance_transactions list (or an array / one balance transaction) → one SettlementLine each, with fee details',
    expects: 'a Stripe balance-transaction list',
    operation: 'listBalanceTransactions',
    recogniseError: recogniseStripeErrorReply,
    map: (input) => stripeBalanceTransactionRecords(input),
  },
  'paypal.transactions': {
    description: 'PayPal Transaction Search reply (GET /v1/reporting/transactions) → one SettlementLine per transaction_details row (kind from its T-code)',
    expects: 'a PayPal Transaction Search reply',
    operation: 'listTransactions',
    recogniseError: recognisePaypalErrorReply,
    map: (input) => paypalTransactionRecords(input),
  },
  'paypal.event': {
    description: 'PayPal webhook event (or GET /v1/notifications/webhooks-events list) → a SettlementLine for captures, refunds and reversals, else a non-ledger notice',
    expects: 'a PayPal webhook event',
    operation: 'getWebhookEvent',
    recogniseError: recognisePaypalErrorReply,
    map: (input) => paypalEventRecords(input),
  },
  'amazon.settlement-report': {
    description: 'Amazon settlement report flat file (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE or _V2, tab-separated, UTF-8 or Windows-1252) → the Settlement (total) and one SettlementLine per amount',
    expects: 'an Amazon settlement report',
    operation: 'getReportDocument',
    recogniseError: recogniseAmazonErrorReply,
    map: (input) => amazonSettlementRecords(input),
  },
};
