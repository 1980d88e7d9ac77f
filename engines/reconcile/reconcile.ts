/**
 * Reconciliation of one tenant's period: settlement lines against orders (was each order paid,
 * in full, with the fee the channel's rule says, refunded at most once) and payouts against
 * bank credits. Pure: everything comes in, the result goes out; `asOf` decides what is still
 * within its grace period (reported pending, so a workflow can wait with a durable timer and
 * run again) and what is declared a discrepancy.
 *
 * Lines are grouped per source by the order they name (refs.orderId, else merchantOrderId) or,
 * without one, by the charge (chargeId / paymentIntentId) so that refunds still meet their
 * sale; a charge group has no order to check against and is never a missing order.
 * Amounts are compared in one currency only; nothing is converted here.
 */
import { Decimal } from '../../mappings/canonical/decimal.js';
import { formatMoney, type Money } from '../../mappings/canonical/money.js';
import type { Order } from '../../mappings/canonical/order.js';
import type { SettlementLine, SettlementSource } from '../../mappings/canonical/settlement.js';
import { addDays, dayOf, graceEnds, inPeriod, instantOf, lastDayBefore } from './dates.js';
import { reconcilePayouts } from './payouts.js';
import { discrepancyId } from './stable-id.js';
import type { CurrencyTotals, Discrepancy, FeeRule, OrderMatch, PendingItem, ReconcileInput, ReconciliationResult } from './types.js';

export const DEFAULT_ORDER_GRACE_DAYS = 2;

const WITHHELD_TAX = /withheld/i;
const NOT_FULLY_SHIPPED: ReadonlySet<Order['status']> = new Set(['pending', 'unshipped', 'partially_shipped']);

interface LineGroup {
  source: SettlementSource;
  /** The order id, or undefined for a group keyed by charge. */
  orderId: string | undefined;
  key: string;
  lines: SettlementLine[];
}

function groupLines(lines: readonly SettlementLine[]): LineGroup[] {
  // A refund may name only the charge (Stripe) or the line it reverses (PayPal) while its sale names the order.
  const orderOfCharge = new Map<string, string>();
  const orderOfLine = new Map<string, string>();
  for (const line of lines) {
    const orderId = line.refs.orderId ?? line.refs.merchantOrderId;
    if (orderId === undefined) continue;
    const charge = line.refs.chargeId ?? line.refs.paymentIntentId;
    if (charge !== undefined) orderOfCharge.set(`${line.source}\u0000${charge}`, orderId);
    orderOfLine.set(`${line.source}\u0000${line.lineId}`, orderId);
  }
  const groups = new Map<string, LineGroup>();
  for (const line of lines) {
    const charge = line.refs.chargeId ?? line.refs.paymentIntentId;
    const orderId =
      line.refs.orderId ??
      line.refs.merchantOrderId ??
      (charge === undefined ? undefined : orderOfCharge.get(`${line.source}\u0000${charge}`)) ??
      (line.refs.relatedLineId === undefined ? undefined : orderOfLine.get(`${line.source}\u0000${line.refs.relatedLineId}`));
    const key = orderId !== undefined ? `order:${orderId}` : charge !== undefined ? `charge:${charge}` : undefined;
    if (key === undefined) continue;
    const id = `${line.source}\u0000${key}`;
    const group = groups.get(id) ?? { source: line.source, orderId, key, lines: [] };
    group.lines.push(line);
    groups.set(id, group);
  }
  return [...groups.values()];
}

const sum = (lines: readonly SettlementLine[], pick: (l: SettlementLine) => Money | undefined = (l) => l.gross): Money | undefined => {
  let total: Money | undefined;
  for (const line of lines) {
    const m = pick(line);
    if (m === undefined) continue;
    if (total !== undefined && total.currency !== m.currency) return undefined;
    total = { amountMinor: (total?.amountMinor ?? 0) + m.amountMinor, currency: m.currency };
  }
  return total;
};

const show = (m: Money): string => `${formatMoney(m)} ${m.currency}`;

/** The sales in the order's currency: gross when the line is in it, else the original (presentment) amount. */
function salesInCurrency(sales: readonly SettlementLine[], currency: string): Money | undefined {
  return sum(sales, (l) => (l.gross.currency === currency ? l.gross : l.original?.currency === currency ? l.original : { amountMinor: 0, currency: '???' }));
}

/** The rule's fee for a sale of `gross` (negative: a fee is a debit). */
export function expectedFee(rule: FeeRule, gross: Money): Money {
  const percent = Decimal.fromMoney(gross).mul(Decimal.parse(rule.percent)).div(Decimal.fromInt(100), 12);
  const fee = percent.toMoney(gross.currency, 'half-even').amountMinor + rule.fixedMinor;
  return { amountMinor: -fee, currency: gross.currency };
}

/** Fees that belong to the sale: the sale lines' own fee, and fee lines that are not about a refund (Amazon's `Refund/…` fees are fees given back). */
function saleFees(lines: readonly SettlementLine[], feeTypes: readonly string[] | undefined): Money | undefined {
  const onSales = lines.filter((l) => l.kind === 'sale' && l.fee !== undefined);
  const typed = (l: SettlementLine) => feeTypes === undefined || feeTypes.includes(l.rawType.split('/').at(-1)!) || (l.description !== undefined && feeTypes.includes(l.description));
  const feeLines = lines.filter((l) => l.kind === 'fee' && !/^refund/i.test(l.rawType) && typed(l));
  if (onSales.length === 0 && feeLines.length === 0) return undefined;
  return sum([...onSales.map((l) => ({ ...l, gross: l.fee! })), ...feeLines]);
}

interface OrderSide {
  matches: OrderMatch[];
  discrepancies: Discrepancy[];
  pending: PendingItem[];
}

function reconcileOrders(input: ReconcileInput): OrderSide {
  const { rules, period } = input;
  const now = instantOf(input.asOf);
  const grace = rules.orderGraceDays ?? DEFAULT_ORDER_GRACE_DAYS;
  const tolerance = (currency: string) => rules.amountToleranceMinor?.[currency] ?? 0;
  const orders = new Map<string, Order>();
  for (const o of input.orders) if (!orders.has(o.externalId)) orders.set(o.externalId, o);
  const out: OrderSide = { matches: [], discrepancies: [], pending: [] };
  const report = (d: Omit<Discrepancy, 'id'>) => out.discrepancies.push({ id: discrepancyId(d.kind, d.keys), ...d });

  for (const group of groupLines(input.lines)) {
    const inThisPeriod = group.lines.filter((l) => inPeriod(dayOf(l.postedAt), period));
    // Earlier lines only give context (a refund's sale); a group with nothing in the period is not this run's.
    if (inThisPeriod.length === 0) continue;
    const { source, orderId } = group;
    const subject = orderId === undefined ? group.key.replace(':', ' ') : `order ${orderId}`;
    // Tax the marketplace withholds (Amazon `ItemWithheldTax`, marketplace facilitator VAT) is part of neither the sale nor a fee.
    const sales = group.lines.filter((l) => l.kind === 'sale' && !WITHHELD_TAX.test(l.rawType));
    const periodSales = inThisPeriod.filter((l) => l.kind === 'sale' && !WITHHELD_TAX.test(l.rawType));
    const refunds = group.lines.filter((l) => l.kind === 'refund');
    const order = orderId === undefined ? undefined : orders.get(orderId);

    if (orderId !== undefined && order === undefined && periodSales.length > 0) {
      const keys = { source, orderId };
      const last = periodSales.map((l) => dayOf(l.postedAt)).sort().at(-1)!;
      const lastPosted = periodSales.map((l) => new Date(instantOf(l.postedAt)).toISOString()).sort().at(-1)!;
      const decideAt = rules.orderGraceHours !== undefined ? graceEnds(lastPosted, rules.orderGraceHours * 3_600_000) : graceEnds(addDays(last, grace), 0);
      const total = sum(periodSales);
      const summary = `${source} paid ${total ? show(total) : 'sales'} for order ${orderId}, which is not among the orders`;
      if (now < Date.parse(decideAt)) out.pending.push({ kind: 'missing-order', source, keys, id: discrepancyId('missing-order', keys), decideAfter: lastDayBefore(decideAt), decideAt, summary: `${summary} (yet)` });
      else report({ kind: 'missing-order', source, keys, summary, ...(total ? { actual: total } : {}), lineIds: periodSales.map((l) => l.lineId), date: last });
    }

    if (order !== undefined) {
      // XXX is ISO 4217's code for "no currency": an order matched by lines that carry no sale amount.
      out.matches.push({ source, orderId: order.externalId, channel: order.channel, lineIds: group.lines.map((l) => l.lineId), sales: sum(sales) ?? { amountMinor: 0, currency: order.currency ?? sales[0]?.currency ?? 'XXX' } });
      const expected = order.status === 'cancelled' ? { amountMinor: 0, currency: order.totals?.orderTotal?.currency ?? order.currency ?? '' } : order.totals?.orderTotal;
      const actual = expected === undefined || periodSales.length === 0 ? undefined : salesInCurrency(sales, expected.currency);
      // Marketplaces pay on shipment: an order not fully shipped may be paid in part for now.
      const partlyPaidSoFar = actual !== undefined && expected !== undefined && actual.amountMinor < expected.amountMinor && NOT_FULLY_SHIPPED.has(order.status);
      if (expected !== undefined && actual !== undefined && !partlyPaidSoFar && actual.currency === expected.currency && Math.abs(actual.amountMinor - expected.amountMinor) > tolerance(expected.currency)) {
        report({
          kind: 'amount-mismatch',
          source,
          keys: { source, orderId: order.externalId, compared: 'sales' },
          summary: `${source} settled ${show(actual)} for order ${order.externalId}, the order ${order.status === 'cancelled' ? 'is cancelled' : `totals ${show(expected)}`}`,
          expected,
          actual,
          difference: { amountMinor: actual.amountMinor - expected.amountMinor, currency: expected.currency },
          lineIds: sales.map((l) => l.lineId),
          date: dayOf(periodSales[0]!.postedAt),
        });
      }
    }

    // Fees of the period's sales against the channel's rule (one fixed fee per order or charge).
    const gross = sum(periodSales);
    const rule = gross === undefined ? undefined : rules.feeRules.find((r) => r.source === source && r.currency === gross.currency);
    const charged = saleFees(inThisPeriod, rule?.feeTypes);
    if (rule !== undefined && gross !== undefined && gross.amountMinor > 0 && charged !== undefined && charged.currency === gross.currency) {
      const expected = expectedFee(rule, gross);
      const diff = charged.amountMinor - expected.amountMinor;
      if (Math.abs(diff) > rule.toleranceMinor) {
        report({
          kind: 'fee-anomaly',
          source,
          keys: { source, [orderId === undefined ? 'charge' : 'orderId']: orderId ?? group.key.slice('charge:'.length) },
          summary: `${source} charged ${show({ ...charged, amountMinor: -charged.amountMinor })} in fees on ${show(gross)} for ${subject}; the rule (${rule.percent} % + ${formatMoney({ amountMinor: rule.fixedMinor, currency: rule.currency })}) gives ${show({ ...expected, amountMinor: -expected.amountMinor })}`,
          expected,
          actual: charged,
          difference: { amountMinor: diff, currency: expected.currency },
          lineIds: inThisPeriod.filter((l) => (l.kind === 'fee' && !/^refund/i.test(l.rawType)) || (l.kind === 'sale' && l.fee !== undefined)).map((l) => l.lineId),
          date: dayOf(periodSales[0]!.postedAt),
        });
      }
    }

    // Refunds: against the sale (or the order total when the sale is not in the ledger).
    const periodRefunds = refunds.filter((l) => inPeriod(dayOf(l.postedAt), period));
    if (periodRefunds.length === 0) continue;
    const basis = sales.length > 0 ? sum(sales) : order?.totals?.orderTotal;
    if (basis === undefined) {
      for (const r of periodRefunds) {
        const keys = { source, refund: r.lineId };
        report({ kind: 'unmatched-refund', source, keys, summary: `${source} refunded ${show({ ...r.gross, amountMinor: -r.gross.amountMinor })} for ${subject}: no sale or order to refund`, actual: r.gross, lineIds: [r.lineId], date: dayOf(r.postedAt) });
      }
      continue;
    }
    const refunded = sum(refunds);
    if (refunded === undefined || refunded.currency !== basis.currency) continue;
    const over = -refunded.amountMinor - basis.amountMinor;
    if (over <= tolerance(basis.currency)) continue;
    const amounts = refunds.map((r) => r.gross.amountMinor);
    const repeated = amounts.find((a, i) => amounts.indexOf(a) !== i);
    const keysBase: Record<string, string> = orderId === undefined ? { charge: group.key.slice('charge:'.length) } : { orderId };
    if (repeated !== undefined) {
      const twins = refunds.filter((r) => r.gross.amountMinor === repeated);
      report({
        kind: 'duplicate-refund',
        source,
        keys: { source, ...keysBase, amountMinor: String(repeated) },
        summary: `${source} refunded ${show({ amountMinor: -repeated, currency: basis.currency })} ${twins.length} times for ${subject} (${twins.map((t) => t.lineId).join(', ')}): ${show({ amountMinor: -refunded.amountMinor, currency: basis.currency })} refunded of ${show(basis)} sold`,
        expected: { amountMinor: -basis.amountMinor, currency: basis.currency },
        actual: refunded,
        difference: { amountMinor: -over, currency: basis.currency },
        lineIds: twins.map((t) => t.lineId),
        date: dayOf(twins.at(-1)!.postedAt),
      });
    } else {
      report({
        kind: 'amount-mismatch',
        source,
        keys: { source, ...keysBase, compared: 'refunds' },
        summary: `${source} refunded ${show({ amountMinor: -refunded.amountMinor, currency: basis.currency })} for ${subject}, more than the ${show(basis)} sold`,
        expected: { amountMinor: -basis.amountMinor, currency: basis.currency },
        actual: refunded,
        difference: { amountMinor: -over, currency: basis.currency },
        lineIds: refunds.map((r) => r.lineId),
        date: dayOf(periodRefunds.at(-1)!.postedAt),
      });
    }
  }
  return out;
}

function totalsOf(lines: readonly SettlementLine[], period: { from: string; to: string }): CurrencyTotals[] {
  const totals = new Map<string, CurrencyTotals>();
  for (const l of lines) {
    if (!inPeriod(dayOf(l.postedAt), period)) continue;
    const t = totals.get(l.currency) ?? { currency: l.currency, sales: 0, fees: 0, refunds: 0, chargebacks: 0, payouts: 0, other: 0 };
    const amount = l.gross.amountMinor;
    if (l.kind === 'sale') {
      t.sales += amount;
      t.fees += l.fee?.amountMinor ?? 0;
    } else if (l.kind === 'fee') t.fees += amount;
    else if (l.kind === 'refund') t.refunds += amount;
    else if (l.kind === 'chargeback' || l.kind === 'chargeback-reversal') t.chargebacks += amount;
    else if (l.kind === 'payout') t.payouts += amount;
    else t.other += amount;
    totals.set(l.currency, t);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

function byDateThenId<T extends { id: string }>(dateOf: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const byOrderThenSource = (a: OrderMatch, b: OrderMatch): number => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : a.source < b.source ? -1 : 1);

/** Reconciles the period. The result is in a fixed order (date, then id) so two runs over the same data are equal. */
export function reconcile(input: ReconcileInput): ReconciliationResult {
  const orders = reconcileOrders(input);
  const payouts = reconcilePayouts(input.payouts, input.bankLines, input.rules, input.asOf);
  return {
    tenant: input.tenant,
    period: { ...input.period },
    asOf: input.asOf,
    orderMatches: orders.matches.sort(byOrderThenSource),
    payoutMatches: payouts.matches,
    discrepancies: [...orders.discrepancies, ...payouts.discrepancies].sort(byDateThenId((d) => d.date)),
    pending: [...orders.pending, ...payouts.pending].sort(byDateThenId((p) => p.decideAt)),
    totals: totalsOf(input.lines, input.period),
  };
}

/**
 * One result from the results of disjoint parts of the same period (each part holding whole line
 * groups — every line of an order — and the payouts and bank lines in one part only): what
 * `reconcile` gives for all the parts' inputs at once, so a large period can be reconciled a page
 * of orders at a time. Counts and totals add up; lists are merged in the same fixed order.
 */
export function mergeReconciliations(parts: readonly ReconciliationResult[]): ReconciliationResult {
  const [first] = parts;
  if (first === undefined) throw new Error('mergeReconciliations needs at least one part');
  const totals = new Map<string, CurrencyTotals>();
  for (const part of parts) {
    for (const t of part.totals) {
      const sum = totals.get(t.currency);
      if (sum === undefined) totals.set(t.currency, { ...t });
      else for (const k of ['sales', 'fees', 'refunds', 'chargebacks', 'payouts', 'other'] as const) sum[k] += t[k];
    }
  }
  return {
    tenant: first.tenant,
    period: { ...first.period },
    asOf: first.asOf,
    orderMatches: parts.flatMap((p) => p.orderMatches).sort(byOrderThenSource),
    payoutMatches: parts.flatMap((p) => p.payoutMatches),
    discrepancies: parts.flatMap((p) => p.discrepancies).sort(byDateThenId((d) => d.date)),
    pending: parts.flatMap((p) => p.pending).sort(byDateThenId((p) => p.decideAt)),
    totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}

