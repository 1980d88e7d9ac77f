/** Hand-built orders, ledger lines, payouts and bank lines for the reconciliation tests: a clean month in four currencies. */
import type { BankStatementLine, Order, SettlementLine, Settlement } from '../../../mappings/canonical/index.js';
import type { ReconcileInput, ReconcileRules } from '../../../engines/reconcile/index.js';

export const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });

export function order(externalId: string, channel: string, total: number, currency: string, over: Partial<Order> = {}): Order {
  return {
    channel,
    vendor: channel.split('-')[0]!,
    externalId,
    status: 'shipped',
    rawStatus: 'Shipped',
    marketplace: { id: 'M1' },
    purchasedAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    currency,
    lines: [],
    totals: { orderTotal: money(total, currency) },
    refs: {},
    ...over,
  };
}

export function line(source: SettlementLine['source'], lineId: string, kind: SettlementLine['kind'], gross: number, currency: string, over: Partial<SettlementLine> = {}): SettlementLine {
  return {
    source,
    lineId,
    idempotencyKey: `${source}:${lineId}`,
    kind,
    rawType: kind,
    currency,
    gross: money(gross, currency),
    postedAt: '2026-03-02T12:00:00Z',
    refs: {},
    ...over,
  };
}

export function credit(account: string, amount: number, currency: string, bookingDate: string, over: Partial<BankStatementLine> = {}): BankStatementLine {
  return { account, position: `line ${amount}`, bookingDate, amount: money(amount, currency), creditDebit: 'credit', status: 'booked', ...over };
}

export const RULES: ReconcileRules = {
  feeRules: [
    { source: 'amazon', currency: 'EUR', percent: '15', fixedMinor: 0, toleranceMinor: 1 },
    { source: 'amazon', currency: 'JPY', percent: '15', fixedMinor: 0, toleranceMinor: 0 },
    { source: 'paypal', currency: 'GBP', percent: '2.9', fixedMinor: 30, toleranceMinor: 5 },
    { source: 'stripe', currency: 'KWD', percent: '2.9', fixedMinor: 100, toleranceMinor: 0 },
  ],
  amountToleranceMinor: { EUR: 0, GBP: 0 },
  bankDateWindowDays: 5,
  payoutGraceDays: 5,
  orderGraceDays: 2,
};

export const ORDERS: Order[] = [
  order('302-1111111-1111111', 'amazon-eu', 10000, 'EUR'),
  order('B-1001', 'shop', 5000, 'GBP'),
  order('503-2222222-2222222', 'amazon-jp', 1980, 'JPY'),
  order('K-7', 'shop', 12345, 'KWD'),
];

export const LINES: SettlementLine[] = [
  // Amazon EU: principal and tax make the order total; commission 15 %; a refund's fee given back is not a sale fee.
  line('amazon', '11830979063:2', 'sale', 8403, 'EUR', { rawType: 'Order/ItemPrice/Principal', refs: { orderId: '302-1111111-1111111', settlementId: '11830979063' } }),
  line('amazon', '11830979063:3', 'sale', 1597, 'EUR', { rawType: 'Order/ItemPrice/Tax', refs: { orderId: '302-1111111-1111111', settlementId: '11830979063' } }),
  line('amazon', '11830979063:4', 'fee', -1500, 'EUR', { rawType: 'Order/ItemFees/Commission', refs: { orderId: '302-1111111-1111111', settlementId: '11830979063' } }),
  // PayPal GBP: 2.9 % + 0.30 of 50.00 = 1.75.
  line('paypal', '5TY05013RG002845M', 'sale', 5000, 'GBP', { fee: money(-175, 'GBP'), net: money(4825, 'GBP'), refs: { orderId: 'B-1001' } }),
  line('paypal', '9AB12345CD678901E', 'payout', -4825, 'GBP', { postedAt: '2026-03-04T08:00:00Z' }),
  // Amazon JP: JPY has no minor unit.
  line('amazon', '22000000001:2', 'sale', 1980, 'JPY', { rawType: 'Order/ItemPrice/Principal', refs: { orderId: '503-2222222-2222222', settlementId: '22000000001' } }),
  line('amazon', '22000000001:3', 'fee', -297, 'JPY', { rawType: 'Order/ItemFees/Commission', refs: { orderId: '503-2222222-2222222', settlementId: '22000000001' } }),
  // Stripe KWD: three decimals; 2.9 % of 12.345 = 0.358, + 0.100.
  line('stripe', 'txn_kwd_sale', 'sale', 12345, 'KWD', { fee: money(-458, 'KWD'), net: money(11887, 'KWD'), refs: { orderId: 'K-7', chargeId: 'ch_kwd' } }),
  line('stripe', 'txn_kwd_payout', 'payout', -11887, 'KWD', { postedAt: '2026-03-03T00:00:00Z', availableAt: '2026-03-05T00:00:00Z', refs: { payoutId: 'po_1KwdPayout' } }),
];

export const SETTLEMENTS: Settlement[] = [
  { source: 'amazon', settlementId: '11830979063', idempotencyKey: 'amazon:11830979063', depositAt: '2026-03-06T00:00:00Z', total: money(8500, 'EUR'), currency: 'EUR' },
  { source: 'amazon', settlementId: '22000000001', idempotencyKey: 'amazon:22000000001', depositAt: '2026-03-06T00:00:00Z', total: money(1683, 'JPY'), currency: 'JPY' },
];

export const BANK: BankStatementLine[] = [
  credit('DE89370400440532013000', 8500, 'EUR', '2026-03-07', { remittanceInfo: 'AMAZON PAYMENTS EUROPE 11830979063', bankReference: 'B-EUR-1' }),
  credit('JP0000000000000000000001', 1683, 'JPY', '2026-03-06'),
  credit('KW81CBKU0000000000001234560101', 11887, 'KWD', '2026-03-05', { remittanceInfo: 'STRIPE po_1KwdPayout' }),
  credit('GB33BUKB20201555555555', 4825, 'GBP', '2026-03-05', { counterpartyName: 'PAYPAL EUROPE' }),
  // A customer's transfer: not a payout, never matched, never a discrepancy.
  credit('DE89370400440532013000', 1234, 'EUR', '2026-03-05', { remittanceInfo: 'Rechnung 77' }),
];

export const input = (over: Partial<ReconcileInput> = {}): ReconcileInput => ({
  tenant: 'acme',
  period: { from: '2026-03-01', to: '2026-03-31' },
  asOf: '2026-04-02T05:00:00Z',
  orders: ORDERS,
  lines: LINES,
  payouts: [],
  bankLines: BANK,
  rules: RULES,
  ...over,
});
