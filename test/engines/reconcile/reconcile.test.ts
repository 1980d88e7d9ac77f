import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discrepancyId, expectedFee, mergeReconciliations, payoutsFromLedger, reconcile, sha256HexPure, type ReconcileInput } from '../../../engines/reconcile/index.js';
import { BANK, credit, input, line, LINES, money, order, ORDERS, RULES, SETTLEMENTS } from './reconcile-fixtures.js';

const PAYOUTS = payoutsFromLedger(LINES, SETTLEMENTS);
const run = (over: Partial<ReconcileInput> = {}) => reconcile(input({ payouts: PAYOUTS, ...over }));
const kinds = (over: Partial<ReconcileInput> = {}) => run(over).discrepancies.map((d) => [d.kind, d.summary]);

describe('reconcile: a clean month', () => {
  it('derives the payouts: Stripe and PayPal payout lines, Amazon settlements', () => {
    expect(PAYOUTS.map((p) => [p.source, p.payoutId, p.amount, p.expectedOn])).toEqual([
      ['paypal', '9AB12345CD678901E', money(4825, 'GBP'), '2026-03-04'],
      ['stripe', 'po_1KwdPayout', money(11887, 'KWD'), '2026-03-05'],
      ['amazon', '11830979063', money(8500, 'EUR'), '2026-03-06'],
      ['amazon', '22000000001', money(1683, 'JPY'), '2026-03-06'],
    ]);
  });

  it('matches every order and payout in EUR, GBP, JPY and KWD and finds nothing wrong', () => {
    const result = run();
    expect(result.discrepancies).toEqual([]);
    expect(result.pending).toEqual([]);
    expect(result.orderMatches.map((m) => [m.orderId, m.sales])).toEqual([
      ['302-1111111-1111111', money(10000, 'EUR')],
      ['503-2222222-2222222', money(1980, 'JPY')],
      ['B-1001', money(5000, 'GBP')],
      ['K-7', money(12345, 'KWD')],
    ]);
    expect(result.payoutMatches.map((m) => [m.payoutId, m.bookingDate, m.by])).toEqual([
      // By reference first: the settlement id and the Stripe payout id are in the remittance text.
      ['po_1KwdPayout', '2026-03-05', 'reference'],
      ['11830979063', '2026-03-07', 'reference'],
      ['9AB12345CD678901E', '2026-03-05', 'amount-and-date'],
      ['22000000001', '2026-03-06', 'amount-and-date'],
    ]);
    expect(result.totals).toEqual([
      { currency: 'EUR', sales: 10000, fees: -1500, refunds: 0, chargebacks: 0, payouts: 0, other: 0 },
      { currency: 'GBP', sales: 5000, fees: -175, refunds: 0, chargebacks: 0, payouts: -4825, other: 0 },
      { currency: 'JPY', sales: 1980, fees: -297, refunds: 0, chargebacks: 0, payouts: 0, other: 0 },
      { currency: 'KWD', sales: 12345, fees: -458, refunds: 0, chargebacks: 0, payouts: -11887, other: 0 },
    ]);
  });

  it('computes the rule fee in each currency\'s exponent, rounding half-even once', () => {
    expect(expectedFee(RULES.feeRules[2]!, money(5000, 'GBP'))).toEqual(money(-175, 'GBP'));
    expect(expectedFee(RULES.feeRules[3]!, money(12345, 'KWD'))).toEqual(money(-458, 'KWD'));
    expect(expectedFee(RULES.feeRules[1]!, money(1990, 'JPY'))).toEqual(money(-298, 'JPY')); // 298.5 → 298 (even)
  });

  it('gives the same result twice (order, ids) and judges lines outside the period only as context', () => {
    expect(run()).toEqual(run());
    const april = run({ period: { from: '2026-04-01', to: '2026-04-30' }, payouts: [] });
    expect([april.orderMatches, april.discrepancies, april.totals]).toEqual([[], [], []]);
  });

  it('leaves a Stripe charge without an order id unlinked rather than calling it a missing order', () => {
    const unlinked = line('stripe', 'txn_nometa', 'sale', 2000, 'EUR', { fee: money(-60, 'EUR'), refs: { chargeId: 'ch_nometa' } });
    expect(kinds({ lines: [...LINES, unlinked] })).toEqual([]);
  });
});

describe('reconcile: each discrepancy class', () => {
  it('missing order: pending inside the grace period, declared after it', () => {
    const stray = line('amazon', '11830979063:9', 'sale', 2500, 'EUR', { rawType: 'Order/ItemPrice/Principal', postedAt: '2026-03-20T10:00:00Z', refs: { orderId: '302-9999999-9999999', settlementId: '11830979063' } });
    const early = run({ lines: [...LINES, stray], asOf: '2026-03-21T06:00:00Z' });
    expect(early.discrepancies.filter((d) => d.kind === 'missing-order')).toEqual([]);
    expect(early.pending.filter((p) => p.kind === 'missing-order')).toEqual([
      {
        kind: 'missing-order',
        source: 'amazon',
        keys: { source: 'amazon', orderId: '302-9999999-9999999' },
        id: discrepancyId('missing-order', { source: 'amazon', orderId: '302-9999999-9999999' }),
        decideAfter: '2026-03-22',
        decideAt: '2026-03-23T00:00:00.000Z',
        summary: 'amazon paid 25.00 EUR for order 302-9999999-9999999, which is not among the orders (yet)',
      },
    ]);
    const late = run({ lines: [...LINES, stray] });
    expect(late.discrepancies).toEqual([
      {
        id: early.pending[0]!.id,
        kind: 'missing-order',
        source: 'amazon',
        keys: { source: 'amazon', orderId: '302-9999999-9999999' },
        summary: 'amazon paid 25.00 EUR for order 302-9999999-9999999, which is not among the orders',
        actual: money(2500, 'EUR'),
        lineIds: ['11830979063:9'],
        date: '2026-03-20',
      },
    ]);
  });

  it('amount mismatch beyond the tolerance, and none within it', () => {
    const orders = [order('302-1111111-1111111', 'amazon-eu', 10050, 'EUR'), ...ORDERS.slice(1)];
    expect(kinds({ orders })).toEqual([['amount-mismatch', 'amazon settled 100.00 EUR for order 302-1111111-1111111, the order totals 100.50 EUR']]);
    expect(kinds({ orders, rules: { ...RULES, amountToleranceMinor: { EUR: 50 } } })).toEqual([]);
    // A cancelled order that was paid anyway.
    const cancelled = [order('K-7', 'shop', 12345, 'KWD', { status: 'cancelled' }), ...ORDERS.slice(0, 3)];
    expect(run({ orders: cancelled }).discrepancies.map((d) => [d.kind, d.expected, d.actual])).toEqual([['amount-mismatch', money(0, 'KWD'), money(12345, 'KWD')]]);
  });

  it('leaves withheld marketplace tax out of the sale, and a partly shipped order paid in part is no mismatch yet', () => {
    const withheld = line('amazon', '11830979063:5', 'sale', -1597, 'EUR', { rawType: 'Order/ItemWithheldTax/MarketplaceFacilitatorVAT-Principal', refs: { orderId: '302-1111111-1111111' } });
    expect(kinds({ lines: [...LINES, withheld] })).toEqual([]);
    const firstShipment = LINES.filter((l) => l.lineId !== '11830979063:3' && l.lineId !== '11830979063:4');
    const partly = [order('302-1111111-1111111', 'amazon-eu', 10000, 'EUR', { status: 'partially_shipped' }), ...ORDERS.slice(1)];
    expect(kinds({ lines: firstShipment, orders: partly })).toEqual([]);
    expect(kinds({ lines: firstShipment })).toEqual([['amount-mismatch', 'amazon settled 84.03 EUR for order 302-1111111-1111111, the order totals 100.00 EUR']]);
  });

  it('compares a sale in another settlement currency by its presentment amount', () => {
    const usd = line('stripe', 'txn_usd', 'sale', 10795, 'USD', { original: money(10000, 'EUR'), exchangeRate: '1.0795', fee: money(-343, 'USD'), refs: { orderId: 'E-1' } });
    expect(kinds({ lines: [...LINES, usd], orders: [...ORDERS, order('E-1', 'shop', 10000, 'EUR')] })).toEqual([]);
    expect(kinds({ lines: [...LINES, usd], orders: [...ORDERS, order('E-1', 'shop', 9900, 'EUR')] })).toEqual([['amount-mismatch', 'stripe settled 100.00 EUR for order E-1, the order totals 99.00 EUR']]);
  });

  it('fee anomaly against the channel\'s rule (GBP, JPY)', () => {
    const lines = LINES.map((l) =>
      l.lineId === '5TY05013RG002845M' ? { ...l, fee: money(-300, 'GBP') } : l.lineId === '22000000001:3' ? { ...l, gross: money(-396, 'JPY') } : l,
    );
    const found = run({ lines }).discrepancies;
    expect(found.map((d) => [d.kind, d.expected, d.actual, d.difference, d.summary])).toEqual([
      // Same date: ordered by id.
      ['fee-anomaly', money(-175, 'GBP'), money(-300, 'GBP'), money(-125, 'GBP'), 'paypal charged 3.00 GBP in fees on 50.00 GBP for order B-1001; the rule (2.9 % + 0.30) gives 1.75 GBP'],
      ['fee-anomaly', money(-297, 'JPY'), money(-396, 'JPY'), money(-99, 'JPY'), 'amazon charged 396 JPY in fees on 1980 JPY for order 503-2222222-2222222; the rule (15 % + 0) gives 297 JPY'],
    ]);
    // A fee within the tolerance is not an anomaly (GBP 5 minor units).
    expect(kinds({ lines: LINES.map((l) => (l.lineId === '5TY05013RG002845M' ? { ...l, fee: money(-179, 'GBP') } : l)) })).toEqual([]);
  });

  it('counts only the fee types a rule names (a per-unit FBA fee is not a percentage)', () => {
    const fba = line('amazon', '11830979063:6', 'fee', -321, 'EUR', { rawType: 'Order/ItemFees/FBAPerUnitFulfillmentFee', refs: { orderId: '302-1111111-1111111' } });
    expect(run({ lines: [...LINES, fba] }).discrepancies.map((d) => [d.kind, d.actual])).toEqual([['fee-anomaly', money(-1821, 'EUR')]]);
    const commissionOnly = { ...RULES, feeRules: RULES.feeRules.map((r) => (r.source === 'amazon' ? { ...r, feeTypes: ['Commission'] } : r)) };
    expect(kinds({ lines: [...LINES, fba], rules: commissionOnly })).toEqual([]);
  });

  it('unmatched refund: no sale and no order for it; a refund of a known sale is fine, fees given back included', () => {
    const orphan = line('stripe', 'txn_re_orphan', 'refund', -2000, 'EUR', { refs: { chargeId: 'ch_unknown', refundId: 're_1' } });
    const fine = [
      line('amazon', '11830979063:7', 'refund', -8403, 'EUR', { rawType: 'Refund/ItemPrice/Principal', refs: { orderId: '302-1111111-1111111' } }),
      line('amazon', '11830979063:8', 'fee', 1200, 'EUR', { rawType: 'Refund/ItemFees/Commission', refs: { orderId: '302-1111111-1111111' } }),
    ];
    expect(kinds({ lines: [...LINES, orphan, ...fine] })).toEqual([['unmatched-refund', 'stripe refunded 20.00 EUR for charge ch_unknown: no sale or order to refund']]);
  });

  it('meets a refund that names only the charge (Stripe) or the sale line (PayPal) with its order', () => {
    const byCharge = line('stripe', 'txn_kwd_refund', 'refund', -12345, 'KWD', { postedAt: '2026-03-12T00:00:00Z', refs: { chargeId: 'ch_kwd', refundId: 're_kwd' } });
    const byLine = line('paypal', '7RT1', 'refund', -5000, 'GBP', { postedAt: '2026-03-12T00:00:00Z', refs: { relatedLineId: '5TY05013RG002845M' } });
    expect(kinds({ lines: [...LINES, byCharge, byLine] })).toEqual([]);
    const again = { ...byCharge, lineId: 'txn_kwd_refund2', refs: { chargeId: 'ch_kwd', refundId: 're_kwd2' } };
    expect(run({ lines: [...LINES, byCharge, again] }).discrepancies.map((d) => [d.kind, d.keys])).toEqual([['duplicate-refund', { source: 'stripe', orderId: 'K-7', amountMinor: '-12345' }]]);
  });

  it('duplicate refund: the same amount refunded twice, more than was sold; one refund of an earlier month\'s sale is fine', () => {
    const refunds = [
      line('paypal', 'R1', 'refund', -5000, 'GBP', { postedAt: '2026-03-10T10:00:00Z', refs: { orderId: 'B-1001' } }),
      line('paypal', 'R2', 'refund', -5000, 'GBP', { postedAt: '2026-03-11T10:00:00Z', refs: { orderId: 'B-1001' } }),
    ];
    const found = run({ lines: [...LINES, ...refunds] }).discrepancies;
    expect(found.map((d) => [d.kind, d.lineIds, d.summary])).toEqual([
      ['duplicate-refund', ['R1', 'R2'], 'paypal refunded 50.00 GBP 2 times for order B-1001 (R1, R2): 100.00 GBP refunded of 50.00 GBP sold'],
    ]);
    // April: one refund of March's sale (given as context) is no discrepancy.
    const april = reconcile(input({ period: { from: '2026-04-01', to: '2026-04-30' }, lines: [...LINES, { ...refunds[0]!, postedAt: '2026-04-03T10:00:00Z' }] }));
    expect(april.discrepancies).toEqual([]);
    // Two different partial refunds that exceed the sale: an amount mismatch, not a duplicate.
    const partial = [refunds[0]!, { ...refunds[1]!, gross: money(-1000, 'GBP') }];
    expect(kinds({ lines: [...LINES, ...partial] })).toEqual([['amount-mismatch', 'paypal refunded 60.00 GBP for order B-1001, more than the 50.00 GBP sold']]);
  });

  it('payout not received: pending inside the grace period, declared after it', () => {
    const lost = line('stripe', 'txn_po_lost', 'payout', -50000, 'EUR', { postedAt: '2026-03-03T00:00:00Z', availableAt: '2026-03-05T00:00:00Z', refs: { payoutId: 'po_Lost' } });
    const payouts = payoutsFromLedger([...LINES, lost], SETTLEMENTS);
    const early = run({ payouts, asOf: '2026-03-09T00:00:00Z' });
    expect(early.discrepancies).toEqual([]);
    expect(early.pending.map((p) => [p.kind, p.keys, p.decideAfter, p.summary])).toEqual([
      ['payout-not-received', { source: 'stripe', payoutId: 'po_Lost' }, '2026-03-10', 'stripe payout po_Lost of 500.00 EUR expected on 2026-03-05: no bank credit yet'],
    ]);
    const late = run({ payouts });
    expect(late.discrepancies.map((d) => [d.id, d.summary])).toEqual([[early.pending[0]!.id, 'stripe payout po_Lost of 500.00 EUR expected on 2026-03-05: no bank credit within 5 days']]);
    // A failed payout (its failure credits the balance back) is not expected at the bank.
    const failed = line('stripe', 'txn_po_fail', 'payout', 50000, 'EUR', { rawType: 'payout_failure', postedAt: '2026-03-06T00:00:00Z', refs: { payoutId: 'po_Lost' } });
    expect(run({ payouts: payoutsFromLedger([...LINES, lost, failed], SETTLEMENTS) }).discrepancies).toEqual([]);
  });

  it('a bank credit that names the payout with another amount is an amount mismatch, not a missing payout', () => {
    const bank = BANK.map((b) => (b.bankReference === 'B-EUR-1' ? { ...b, amount: money(8450, 'EUR') } : b));
    expect(run({ bankLines: bank }).discrepancies.map((d) => [d.kind, d.keys, d.difference])).toEqual([
      ['amount-mismatch', { source: 'amazon', payoutId: '11830979063', compared: 'bank-credit' }, money(-50, 'EUR')],
    ]);
  });

  it('does not match a payout to a credit outside the date window, in another currency, or already used', () => {
    const only = [credit('X', 1683, 'JPY', '2026-03-20'), credit('X', 1683, 'EUR', '2026-03-06')];
    const r = run({ bankLines: only, payouts: PAYOUTS.filter((p) => p.payoutId === '22000000001') });
    expect(r.discrepancies.map((d) => d.kind)).toEqual(['payout-not-received']);
    const twin = PAYOUTS.filter((p) => p.payoutId === '22000000001').map((p) => [p, { ...p, payoutId: '22000000002' }]).flat();
    const one = run({ bankLines: [credit('X', 1683, 'JPY', '2026-03-06')], payouts: twin });
    expect([one.payoutMatches.map((m) => m.payoutId), one.discrepancies.map((d) => d.keys.payoutId)]).toEqual([['22000000001'], ['22000000002']]);
  });
});

describe('discrepancy ids', () => {
  it('hash the kind and the keys with SHA-256, whatever order the keys were listed in', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'é€😀'.repeat(40)]) expect(sha256HexPure(text)).toBe(hash('sha256', text, 'hex'));
    expect(discrepancyId('fee-anomaly', { source: 'paypal', orderId: 'B-1001' })).toBe(discrepancyId('fee-anomaly', { orderId: 'B-1001', source: 'paypal' }));
    expect(discrepancyId('fee-anomaly', { source: 'paypal', orderId: 'B-1001' })).not.toBe(discrepancyId('amount-mismatch', { source: 'paypal', orderId: 'B-1001' }));
    expect(discrepancyId('fee-anomaly', { source: 'paypal', orderId: 'B-1001' })).toMatch(/^fee-anomaly-[0-9a-f]{24}$/);
  });
});

describe('grace deadlines as instants (a workflow sleeps until the earliest)', () => {
  it('a payout grace in fractions of a day ends that long after the end of its expected day', () => {
    const lost = line('stripe', 'txn_po_lost', 'payout', -50000, 'EUR', { postedAt: '2026-03-03T00:00:00Z', availableAt: '2026-03-05T00:00:00Z', refs: { payoutId: 'po_Lost' } });
    const payouts = payoutsFromLedger([...LINES, lost], SETTLEMENTS);
    const rules = { ...RULES, payoutGraceDays: 0.5 };
    const before = run({ payouts, rules, asOf: '2026-03-06T11:59:59Z' });
    expect(before.pending.map((p) => [p.keys.payoutId, p.decideAt, p.decideAfter])).toEqual([['po_Lost', '2026-03-06T12:00:00.000Z', '2026-03-06']]);
    const at = run({ payouts, rules, asOf: '2026-03-06T12:00:00Z' });
    expect([at.pending, at.discrepancies.map((d) => d.kind)]).toEqual([[], ['payout-not-received']]);
  });

  it('orderGraceHours counts from the last sale line posted, not from its day', () => {
    const stray = line('amazon', '11830979063:9', 'sale', 2500, 'EUR', { rawType: 'Order/ItemPrice/Principal', postedAt: '2026-03-20T10:00:00Z', refs: { orderId: '302-9999999-9999999', settlementId: '11830979063' } });
    const rules = { ...RULES, orderGraceHours: 6 };
    expect(run({ lines: [...LINES, stray], rules, asOf: '2026-03-20T15:59:00Z' }).pending.map((p) => [p.kind, p.decideAt])).toEqual([['missing-order', '2026-03-20T16:00:00.000Z']]);
    expect(run({ lines: [...LINES, stray], rules, asOf: '2026-03-20T16:00:00Z' }).discrepancies.map((d) => d.kind)).toEqual(['missing-order']);
  });
});

describe('a period in parts (mergeReconciliations)', () => {
  it('disjoint parts of whole orders, payouts and bank in one part: the same result as the period at once', () => {
    const extra = [
      // Discrepancies in several parts: a fee anomaly, an order the hub does not hold, a payout never credited.
      line('amazon', '11830979063:9', 'sale', 10000, 'EUR', { rawType: 'Order/ItemPrice/Principal', refs: { orderId: '302-3333333-3333333', settlementId: '11830979063' } }),
      line('amazon', '11830979063:10', 'fee', -1800, 'EUR', { rawType: 'Order/ItemFees/Commission', refs: { orderId: '302-3333333-3333333', settlementId: '11830979063' } }),
      line('amazon', '11830979063:11', 'sale', 500, 'EUR', { rawType: 'Order/ItemPrice/Principal', refs: { orderId: '302-4444444-4444444', settlementId: '11830979063' } }),
      line('stripe', 'txn_eur_payout', 'payout', -777, 'EUR', { refs: { payoutId: 'po_Lost' } }),
    ];
    const orders = [...ORDERS, order('302-3333333-3333333', 'amazon-eu', 10000, 'EUR')];
    const all = [...LINES, ...extra];
    const whole = reconcile(input({ orders, lines: all, payouts: payoutsFromLedger(all, SETTLEMENTS) }));
    const isAmazonOrder = (l: (typeof all)[number]) => l.source === 'amazon' && l.refs.orderId !== undefined;
    const rest = all.filter((l) => !isAmazonOrder(l));
    const byOrder = new Map<string, typeof all>();
    for (const l of all.filter(isAmazonOrder)) byOrder.set(l.refs.orderId!, [...(byOrder.get(l.refs.orderId!) ?? []), l]);
    const parts = [
      reconcile(input({ orders, lines: rest, payouts: payoutsFromLedger(all, SETTLEMENTS) })),
      ...[...byOrder.values()].map((lines) => reconcile(input({ orders, lines, payouts: [], bankLines: [] }))),
    ];
    expect(parts.length).toBe(5);
    expect(whole.discrepancies.map((d) => d.kind).sort()).toEqual(['fee-anomaly', 'missing-order', 'payout-not-received']);
    expect(mergeReconciliations(parts)).toEqual(whole);
  });

  it('needs a part', () => {
    expect(() => mergeReconciliations([])).toThrow(/at least one part/);
  });
});
