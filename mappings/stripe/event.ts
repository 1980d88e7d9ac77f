/**
 * A Stripe event (or a bare API object) → what it holds for the settlement ledger: the
 * SettlementLines of the money it moved, else one PaymentEventNotice saying why it moved none.
 *
 * Event types that map to lines (docs.stripe.com/api/events/types); every line is keyed by
 * the balance transaction's id (`txn_…`), the id `stripe.balance-transactions` gives the same
 * movement, so a webhook and the balance-transaction list never count it twice:
 * - `charge.succeeded`, `charge.captured` → a `sale` line (captured charges only);
 * - `charge.refunded` → one `refund` line per refund in `refunds.data` (negative); without that
 *   list (API 2022-11-15 and later) a notice: the event names no balance transaction, so a line
 *   from it could not share the key of the same refund's `refund.created` event or listed
 *   balance transaction, and would count the refund twice;
 * - `refund.created`, `refund.updated`, `charge.refund.updated` → a `refund` line unless the refund failed/was canceled;
 * - `charge.dispute.created|updated|closed|funds_withdrawn|funds_reinstated` → one line per
 *   entry of `balance_transactions` (`chargeback` withdrawal, `chargeback-reversal` reinstatement);
 * - `payout.created|updated|paid|reconciliation_completed` → a `payout` line (negative);
 *   `payout.failed|canceled` → that line plus the returned funds (`failure_balance_transaction`);
 * - `transfer.created|updated|paid|reversed` → a `transfer` line (negative).
 * Everything else (balance.available, customer.*, invoice.*, payment_intent.*, a dispute
 * inquiry with no withdrawal, a charge whose balance transaction Stripe has not created yet …)
 * is a notice. When the balance transaction is expanded the line carries fee, net and fee
 * details; otherwise gross only, in the object's currency.
 */
import type { StripeBalanceTransaction, StripeCharge, StripeDispute, StripeEvent, StripeHeldObject, StripePayout, StripeRefund, StripeTransfer } from '../../connectors/stripe/schemas/index.js';
import {
  MappingError,
  fail,
  ok,
  settlementIdempotencyKey,
  type MappingIssue,
  type MappingResult,
  type PaymentEventNotice,
  type SettlementLine,
  type SettlementLineKind,
  type SettlementRefs,
} from '../canonical/index.js';
import { unixToUtc } from './amounts.js';
import { moneyAt, stripeBalanceTransactionToLine } from './balance-transaction.js';

export const STRIPE_EVENT_RECORD_TYPE = 'stripe.event';

export type StripeLedgerRecord = SettlementLine | PaymentEventNotice;

type Rule = 'sale' | 'refunds' | 'refund' | 'dispute' | 'payout' | 'payout-failure' | 'transfer';

/** Which event types move money, and how their object is read. */
export const STRIPE_LEDGER_EVENT_TYPES: Readonly<Record<string, Rule>> = {
  'charge.succeeded': 'sale',
  'charge.captured': 'sale',
  'charge.refunded': 'refunds',
  'charge.refund.updated': 'refund',
  'refund.created': 'refund',
  'refund.updated': 'refund',
  'charge.dispute.created': 'dispute',
  'charge.dispute.updated': 'dispute',
  'charge.dispute.closed': 'dispute',
  'charge.dispute.funds_withdrawn': 'dispute',
  'charge.dispute.funds_reinstated': 'dispute',
  'payout.created': 'payout',
  'payout.updated': 'payout',
  'payout.paid': 'payout',
  'payout.reconciliation_completed': 'payout',
  'payout.failed': 'payout-failure',
  'payout.canceled': 'payout-failure',
  'transfer.created': 'transfer',
  'transfer.updated': 'transfer',
  'transfer.paid': 'transfer',
  'transfer.reversed': 'transfer',
};

/** What the bare object means when a file holds the object rather than an event. */
const OBJECT_RULES: Readonly<Record<string, Rule>> = { charge: 'sale', refund: 'refund', dispute: 'dispute', payout: 'payout', transfer: 'transfer' };

interface Ctx {
  readonly recordId: string;
  /** The event's `created`, for objects that carry neither `created` nor `date` (a 2013 dispute). */
  readonly eventCreated?: number;
  readonly prefix: string;
  readonly issues: MappingIssue[];
  readonly refs: SettlementRefs;
}

const idOf = (ref: string | { id: string } | undefined): string | undefined => (typeof ref === 'string' ? ref : ref?.id);

/** When the object was created: `created`, legacy `date`, else the event's time; an issue when none is known. */
function createdOf(ctx: Ctx, o: { created?: number | undefined; date?: number | undefined }): number {
  const t = o.created ?? o.date ?? ctx.eventCreated;
  if (t === undefined) ctx.issues.push({ field: `${ctx.prefix}created`, message: 'missing: the object has neither created nor date' });
  return t ?? 0;
}

/** A line for an object whose balance transaction is an id (gross only) or expanded (the full line). */
function lineFor(
  ctx: Ctx,
  bt: string | StripeBalanceTransaction | undefined,
  field: string,
  facts: { kind: SettlementLineKind; rawType: string; amount: number; currency: string; created: number; status?: string; description?: string; refs: SettlementRefs },
): SettlementLine | undefined {
  if (bt !== undefined && typeof bt !== 'string') {
    const r = stripeBalanceTransactionToLine(bt, { field: `${ctx.prefix}${field}`, refs: { ...ctx.refs, ...facts.refs } });
    if (!r.ok) {
      ctx.issues.push(...r.error.issues);
      return undefined;
    }
    // The presentment amount, when the charge was in another currency than the balance.
    const original = moneyAt([], '', Math.abs(facts.amount), facts.currency);
    return original !== undefined && original.currency !== r.value.currency ? { ...r.value, original: { ...original, amountMinor: Math.sign(r.value.gross.amountMinor) * original.amountMinor || 0 } } : r.value;
  }
  if (bt === undefined) return undefined;
  const gross = moneyAt(ctx.issues, `${ctx.prefix}amount`, facts.amount, facts.currency);
  if (gross === undefined) return undefined;
  return {
    source: 'stripe',
    lineId: bt,
    idempotencyKey: settlementIdempotencyKey('stripe', bt),
    kind: facts.kind,
    rawType: facts.rawType,
    ...(facts.status === undefined ? {} : { status: facts.status }),
    currency: gross.currency,
    gross,
    postedAt: unixToUtc(facts.created),
    ...(facts.description ? { description: facts.description } : {}),
    refs: { ...ctx.refs, ...facts.refs },
  };
}

function saleLines(ctx: Ctx, c: StripeCharge): SettlementLine[] | string {
  if (c.captured === false) return 'the charge is authorised, not captured: no money moved';
  if (c.balance_transaction === undefined) return 'the charge has no balance transaction yet (balance_transaction: null); its line comes with the balance transaction';
  const refs: SettlementRefs = { chargeId: c.id, sourceObjectId: c.id, ...(idOf(c.payment_intent) ? { paymentIntentId: idOf(c.payment_intent)! } : {}) };
  const line = lineFor(ctx, c.balance_transaction, 'balance_transaction', {
    kind: 'sale',
    rawType: 'charge',
    // `amount_captured` 0 on a captured charge: copies saved before the field existed (dj-stripe's charge fixture); the amount stands.
    amount: c.amount_captured || c.amount,
    currency: c.currency,
    created: createdOf(ctx, c),
    ...(c.description ? { description: c.description } : {}),
    refs,
  });
  return line === undefined ? [] : [line];
}

/**
 * A refund's lines: its balance transaction (negative), and for a failed refund the one that gives
 * the amount back (`failure_balance_transaction`, positive, rawType `refund_failure`). A canceled
 * refund moved no money.
 */
function refundLinesOf(ctx: Ctx, r: StripeRefund, field: string): SettlementLine[] {
  if (r.status === 'canceled') return [];
  const chargeId = idOf(r.charge);
  const facts = {
    kind: 'refund' as const,
    currency: r.currency,
    created: createdOf(ctx, r),
    ...(r.status === undefined ? {} : { status: r.status }),
    ...(r.description ? { description: r.description } : r.reason ? { description: r.reason } : {}),
    refs: { refundId: r.id, sourceObjectId: r.id, ...(chargeId ? { chargeId } : {}) },
  };
  const out = lineFor(ctx, r.balance_transaction, `${field}balance_transaction`, { ...facts, rawType: 'refund', amount: -r.amount });
  const back = r.status === 'failed' ? lineFor(ctx, r.failure_balance_transaction, `${field}failure_balance_transaction`, { ...facts, rawType: 'refund_failure', amount: r.amount }) : undefined;
  return [out, back].filter((l) => l !== undefined);
}

function refundLines(ctx: Ctx, c: StripeCharge, previousRefunded: number | undefined): SettlementLine[] | string {
  if (c.refunds !== undefined) {
    const lines = c.refunds.data.flatMap((r, i) => refundLinesOf(ctx, r, `refunds.data[${i}].`));
    return lines.length > 0 || ctx.issues.length > 0 ? lines : 'no refund in the charge carries a balance transaction';
  }
  // API versions from 2022-11-15 send no refunds list, so no balance transaction to key a line by.
  const added = (c.amount_refunded ?? 0) - (previousRefunded ?? 0);
  if (added <= 0) return 'the event adds no refunded amount';
  return (
    `${c.currency?.toUpperCase() ?? ''} ${added} refunded (minor units) without a refunds list (API 2022-11-15 and later): ` +
    'the line comes with the refund.created event or the balance transactions, keyed by its balance transaction'
  ).trim();
}

function disputeLines(ctx: Ctx, d: StripeDispute): SettlementLine[] | string {
  const bts = d.balance_transactions ?? [];
  const chargeId = idOf(d.charge);
  if (bts.length === 0 && d.balance_transaction !== undefined && !d.status?.startsWith('warning_')) {
    // Before API 2017: one `balance_transaction`, the withdrawal of the disputed amount.
    const line = lineFor(ctx, d.balance_transaction, 'balance_transaction', {
      kind: 'chargeback',
      rawType: 'dispute',
      amount: -d.amount,
      currency: d.currency,
      created: createdOf(ctx, d),
      ...(d.status === undefined ? {} : { status: d.status }),
      ...(d.reason ? { description: d.reason } : {}),
      refs: { ...(d.id ? { disputeId: d.id, sourceObjectId: d.id } : {}), ...(chargeId ? { chargeId } : {}) },
    });
    return line === undefined ? [] : [line];
  }
  if (bts.length === 0) {
    return d.status?.startsWith('warning_')
      ? `a dispute inquiry (${d.status}): no funds withdrawn`
      : 'the dispute carries no balance transaction yet: its withdrawal comes with charge.dispute.funds_withdrawn';
  }
  const refs: SettlementRefs = { ...ctx.refs, ...(d.id ? { disputeId: d.id } : {}), ...(chargeId ? { chargeId } : {}), ...(idOf(d.payment_intent) ? { paymentIntentId: idOf(d.payment_intent)! } : {}) };
  return bts.flatMap((bt, i) => {
    const r = stripeBalanceTransactionToLine(bt, { field: `${ctx.prefix}balance_transactions[${i}]`, refs });
    if (!r.ok) {
      ctx.issues.push(...r.error.issues);
      return [];
    }
    return [r.value];
  });
}

function payoutLines(ctx: Ctx, p: StripePayout, failed: boolean): SettlementLine[] | string {
  const base = { currency: p.currency, created: createdOf(ctx, p), ...(p.status === undefined ? {} : { status: p.status }), ...(p.description ? { description: p.description } : {}), refs: { payoutId: p.id, sourceObjectId: p.id } };
  const out = lineFor(ctx, p.balance_transaction, 'balance_transaction', { ...base, kind: 'payout', rawType: 'payout', amount: -p.amount });
  const back = failed ? lineFor(ctx, p.failure_balance_transaction, 'failure_balance_transaction', { ...base, kind: 'payout', rawType: 'payout_failure', amount: p.amount }) : undefined;
  const lines = [out, back].filter((l) => l !== undefined);
  return lines.length > 0 || ctx.issues.length > 0 ? lines : 'the payout has no balance transaction';
}

/**
 * Whether a transfer is one API versions before 2017-04-06 made to the account's own bank account
 * or debit card: a payout today (Stripe's changelog, 2017-04-06: "splits transfers into payouts and transfers").
 */
function isLegacyPayout(t: StripeTransfer): boolean {
  if (t.type !== undefined) return t.type === 'bank_account' || t.type === 'card';
  const destination = idOf(t.destination);
  if (destination !== undefined) return /^(ba|card)_/.test(destination);
  return idOf(t.recipient) === undefined && (t.other_transfers !== undefined || t.summary !== undefined);
}

function transferLines(ctx: Ctx, t: StripeTransfer): SettlementLine[] | string {
  const destination = idOf(t.destination);
  const payout = isLegacyPayout(t);
  const line = lineFor(ctx, t.balance_transaction, 'balance_transaction', {
    kind: payout ? 'payout' : 'transfer',
    rawType: 'transfer',
    amount: -t.amount,
    currency: t.currency,
    created: createdOf(ctx, t),
    ...(t.status === undefined ? {} : { status: t.status }),
    ...(t.description ? { description: t.description } : destination ? { description: `transfer to ${destination}` } : {}),
    refs: payout ? { payoutId: t.id, sourceObjectId: t.id } : { sourceObjectId: t.id },
  });
  return line === undefined ? (ctx.issues.length > 0 ? [] : 'the transfer has no balance transaction') : [line];
}

function linesOf(ctx: Ctx, rule: Rule, held: StripeHeldObject, event: StripeEvent | undefined): SettlementLine[] | string {
  switch (held.object) {
    case 'invalid':
      // The event moves money, so the object's shape matters.
      ctx.issues.push(...held.issues.map((i) => ({ field: [ctx.prefix.replace(/\.$/, ''), ...i.path.map(String)].filter((p) => p !== '').join('.'), message: i.message })));
      return [];
    case 'charge':
      if (rule === 'sale') return saleLines(ctx, held.value);
      if (rule === 'refunds') return refundLines(ctx, held.value, event?.data.previous_attributes?.amount_refunded);
      break;
    case 'refund':
      if (rule === 'refund') {
        if (held.value.status === 'canceled') return 'the refund canceled: no money moved';
        const lines = refundLinesOf(ctx, held.value, '');
        if (lines.length > 0 || ctx.issues.length > 0) return lines;
        return held.value.status === 'failed' ? 'the refund failed before it moved money (no balance transaction)' : 'the refund has no balance transaction yet';
      }
      break;
    case 'dispute':
      if (rule === 'dispute') return disputeLines(ctx, held.value);
      break;
    case 'payout':
      if (rule === 'payout' || rule === 'payout-failure') return payoutLines(ctx, held.value, rule === 'payout-failure');
      break;
    case 'transfer':
      if (rule === 'transfer') return transferLines(ctx, held.value);
      break;
    default:
      break;
  }
  return `a ${rule} event holding a ${objectTypeOf(held) ?? 'typeless'} object`;
}

function objectIdOf(held: StripeHeldObject): string | undefined {
  return held.object === 'other' || held.object === 'invalid' ? held.id : (held.value.id ?? undefined);
}

function objectTypeOf(held: StripeHeldObject): string | undefined {
  return held.object === 'other' ? held.objectType : held.object === 'invalid' ? held.objectType : held.object;
}

/** The records of one Stripe event: its lines, or one notice. A typed error names the event and the field. */
export function stripeEventToRecords(event: StripeEvent): MappingResult<StripeLedgerRecord[]> {
  const held = event.data.object;
  const ctx: Ctx = { recordId: event.id, eventCreated: event.created, prefix: 'data.object.', issues: [], refs: { eventId: event.id } };
  const rule = Object.hasOwn(STRIPE_LEDGER_EVENT_TYPES, event.type) ? STRIPE_LEDGER_EVENT_TYPES[event.type] : undefined;
  let result: SettlementLine[] | string;
  if (held.object === 'balance_transaction') {
    const r = stripeBalanceTransactionToLine(held.value, { field: 'data.object', refs: ctx.refs });
    if (!r.ok) return fail(new MappingError(STRIPE_EVENT_RECORD_TYPE, event.id, r.error.issues));
    result = [r.value];
  } else {
    result = rule === undefined ? `${event.type} moves no money on the Stripe balance` : linesOf(ctx, rule, held, event);
  }
  if (ctx.issues.length > 0) return fail(new MappingError(STRIPE_EVENT_RECORD_TYPE, event.id, ctx.issues));
  if (typeof result !== 'string') return ok(result);
  const objectId = objectIdOf(held);
  const objectType = objectTypeOf(held);
  const notice: PaymentEventNotice = {
    source: 'stripe',
    record: 'non-ledger-event',
    eventId: event.id,
    type: event.type,
    createdAt: unixToUtc(event.created),
    ...(objectType === undefined ? {} : { objectType }),
    ...(objectId === undefined ? {} : { objectId }),
    reason: result,
  };
  return ok([notice]);
}

/** A bare object (a charge, refund, dispute, payout, transfer, balance transaction) read as the event that would carry it. */
export function stripeObjectToRecords(held: StripeHeldObject): MappingResult<StripeLedgerRecord[]> {
  const id = objectIdOf(held) ?? '(no id)';
  if (held.object === 'balance_transaction') {
    const r = stripeBalanceTransactionToLine(held.value);
    return r.ok ? ok([r.value]) : fail(r.error);
  }
  const ctx: Ctx = { recordId: id, prefix: '', issues: [], refs: {} };
  const objectType = objectTypeOf(held);
  const rule = objectType === undefined || !Object.hasOwn(OBJECT_RULES, objectType) ? undefined : OBJECT_RULES[objectType];
  const result = rule === undefined ? `a ${objectType ?? 'typeless'} object moves no money` : linesOf(ctx, rule, held, undefined);
  if (ctx.issues.length > 0) return fail(new MappingError(STRIPE_EVENT_RECORD_TYPE, id, ctx.issues));
  if (typeof result !== 'string') return ok(result);
  return ok([
    {
      source: 'stripe',
      record: 'non-ledger-event',
      eventId: id,
      type: objectType ?? 'object',
      ...(objectType === undefined ? {} : { objectType }),
      objectId: id,
      reason: result,
    },
  ]);
}
