/**
 * The stand-in's PayPal account history, deterministic for a seed and an anchor instant:
 * sales (T0006, fee charged), refunds (T1107, fee partly returned, referencing the sale),
 * currency conversions (T0200, one row per currency), withdrawals to the bank (T0400) and
 * mass payouts (T0001). Amounts are integer minor units, written as PayPal's decimal text.
 */

export interface SeedOptions {
  readonly seed: number;
  /** Epoch ms the history is laid around. */
  readonly anchorMs: number;
  /** Days of history before the anchor. */
  readonly daysBefore: number;
  /** Days of activity after the anchor (rows appear as the sandbox clock reaches them). */
  readonly daysAfter: number;
  /** Sales per day on average. */
  readonly salesPerDay: number;
}

export interface SandboxMoney {
  readonly currency: string;
  /** Integer minor units (2 decimals for every currency seeded). */
  readonly minor: number;
}

export interface SandboxTransaction {
  readonly id: string;
  readonly eventCode: string;
  readonly atMs: number;
  readonly amount: SandboxMoney;
  readonly fee?: SandboxMoney;
  readonly status: 'S' | 'P';
  readonly invoiceId?: string;
  readonly referenceId?: string;
  readonly subject?: string;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXY0123456789';
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'GBP'] as const;
/** PayPal's standard European rate: 3.49 % + a fixed fee per currency (minor units). */
const FIXED_FEE: Readonly<Record<string, number>> = { EUR: 35, USD: 49, GBP: 30 };
const DAY_MS = 86_400_000;

export function seedTransactions(options: SeedOptions): SandboxTransaction[] {
  const random = prng(options.seed);
  const id = () => Array.from({ length: 17 }, () => ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)]).join('');
  const rows: SandboxTransaction[] = [];
  const first = Math.floor(options.anchorMs / DAY_MS) * DAY_MS - options.daysBefore * DAY_MS;
  const days = options.daysBefore + options.daysAfter;
  let order = 1000;
  const usdHeld: number[] = [];
  for (let day = 0; day < days; day += 1) {
    const dayStart = first + day * DAY_MS;
    const sales = Math.max(1, Math.round(options.salesPerDay * (0.5 + random())));
    for (let s = 0; s < sales; s += 1) {
      const currency = CURRENCIES[Math.floor(random() * CURRENCIES.length)] as string;
      const gross = 1500 + Math.floor(random() * 18_000);
      const fee = Math.round(gross * 0.0349) + (FIXED_FEE[currency] ?? 35);
      const atMs = dayStart + Math.floor(random() * DAY_MS / 1000) * 1000;
      order += 1;
      const sale: SandboxTransaction = {
        id: id(),
        eventCode: 'T0006',
        atMs,
        amount: { currency, minor: gross },
        fee: { currency, minor: -fee },
        status: 'S',
        invoiceId: `DEMO-${order}`,
        subject: `Order DEMO-${order}`,
      };
      rows.push(sale);
      if (currency === 'USD') usdHeld.push(gross - fee);
      // About one sale in twelve is refunded within three days; PayPal keeps the fixed part of the fee.
      if (random() < 1 / 12) {
        const refundAt = atMs + Math.floor(random() * 3 * DAY_MS / 1000) * 1000;
        const percentFee = Math.round(gross * 0.0349);
        rows.push({ id: id(), eventCode: 'T1107', atMs: refundAt, amount: { currency, minor: -gross }, fee: { currency, minor: percentFee }, status: 'S', invoiceId: sale.invoiceId!, referenceId: sale.id, subject: `Refund DEMO-${order}` });
      }
    }
    // Every third day the USD taken is converted to EUR: two T0200 rows, one per currency.
    if (day % 3 === 2 && usdHeld.length > 0) {
      const usd = usdHeld.splice(0).reduce((a, b) => a + b, 0);
      const at = dayStart + 20 * 3600_000;
      const eur = Math.round(usd * 0.9137);
      rows.push({ id: id(), eventCode: 'T0200', atMs: at, amount: { currency: 'USD', minor: -usd }, status: 'S', subject: 'Currency conversion' });
      rows.push({ id: id(), eventCode: 'T0200', atMs: at, amount: { currency: 'EUR', minor: eur }, status: 'S', subject: 'Currency conversion' });
    }
    // Weekly withdrawal of the EUR balance to the bank, and a small mass payout now and then.
    if (day % 7 === 6) {
      const eurNet = rows.filter((r) => r.amount.currency === 'EUR' && r.atMs >= dayStart - 6 * DAY_MS && r.atMs < dayStart + 22 * 3600_000).reduce((sum, r) => sum + r.amount.minor + (r.fee?.minor ?? 0), 0);
      if (eurNet > 0) rows.push({ id: id(), eventCode: 'T0400', atMs: dayStart + 22 * 3600_000, amount: { currency: 'EUR', minor: -eurNet }, status: 'S', subject: 'Withdrawal to bank account' });
    }
    if (day % 10 === 4) {
      rows.push({ id: id(), eventCode: 'T0001', atMs: dayStart + 9 * 3600_000, amount: { currency: 'EUR', minor: -2500 }, fee: { currency: 'EUR', minor: -50 }, status: 'S', subject: 'You have a payout!' });
    }
  }
  return rows.sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
}

/** Minor units as PayPal's decimal text: -6075 → "-60.75". */
export function decimalText(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
