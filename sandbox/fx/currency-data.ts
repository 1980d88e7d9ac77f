/**
 * The currencies the sandbox quotes, as data: ECB's list in its file order (with the dates
 * ECB stopped quoting a code), the decimals the daily file writes, and a plausible level
 * of 1 EUR in each (late 2025). XE-only currencies are quoted by the XE stand-in alone.
 */

export interface SandboxCurrency {
  readonly code: string;
  /** Units of the currency per 1 EUR, roughly. */
  readonly level: number;
  /** Decimals ECB's daily file writes for it. */
  readonly decimals: number;
  /** Relative amplitude of the slow swing (0 for a fixed peg). */
  readonly swing: number;
  /** Last date ECB quoted it (withdrawn or suspended after). */
  readonly until?: string;
}

/** ECB's reference-rate currencies, in the order of its files. */
export const ECB_CURRENCIES: readonly SandboxCurrency[] = [
  { code: 'USD', level: 1.16, decimals: 4, swing: 0.04 },
  { code: 'JPY', level: 178.0, decimals: 2, swing: 0.05 },
  // Bulgaria adopted the euro on 1 January 2026; the lev was pegged at 1.95583.
  { code: 'BGN', level: 1.9558, decimals: 4, swing: 0, until: '2025-12-31' },
  { code: 'CZK', level: 24.3, decimals: 3, swing: 0.02 },
  // ERM II: the krone stays within a narrow band around 7.46038.
  { code: 'DKK', level: 7.4625, decimals: 4, swing: 0.0005 },
  { code: 'GBP', level: 0.87, decimals: 5, swing: 0.025 },
  { code: 'HUF', level: 385.0, decimals: 2, swing: 0.03 },
  { code: 'PLN', level: 4.23, decimals: 4, swing: 0.02 },
  { code: 'RON', level: 5.08, decimals: 4, swing: 0.01 },
  { code: 'SEK', level: 10.95, decimals: 4, swing: 0.03 },
  { code: 'CHF', level: 0.93, decimals: 4, swing: 0.02 },
  { code: 'ISK', level: 146.0, decimals: 2, swing: 0.03 },
  { code: 'NOK', level: 11.7, decimals: 4, swing: 0.03 },
  // Croatia adopted the euro on 1 January 2023 (conversion rate 7.53450).
  { code: 'HRK', level: 7.5345, decimals: 4, swing: 0, until: '2022-12-31' },
  // ECB suspended the rouble from 2 March 2022.
  { code: 'RUB', level: 90.0, decimals: 4, swing: 0.08, until: '2022-03-01' },
  { code: 'TRY', level: 48.0, decimals: 4, swing: 0.06 },
  { code: 'AUD', level: 1.78, decimals: 4, swing: 0.03 },
  { code: 'BRL', level: 6.2, decimals: 4, swing: 0.05 },
  { code: 'CAD', level: 1.62, decimals: 4, swing: 0.03 },
  { code: 'CNY', level: 8.25, decimals: 4, swing: 0.03 },
  { code: 'HKD', level: 9.03, decimals: 4, swing: 0.04 },
  { code: 'IDR', level: 19300, decimals: 2, swing: 0.04 },
  { code: 'ILS', level: 3.8, decimals: 4, swing: 0.04 },
  { code: 'INR', level: 102.0, decimals: 4, swing: 0.04 },
  { code: 'KRW', level: 1690, decimals: 2, swing: 0.04 },
  { code: 'MXN', level: 21.4, decimals: 4, swing: 0.05 },
  { code: 'MYR', level: 4.85, decimals: 4, swing: 0.03 },
  { code: 'NZD', level: 2.03, decimals: 4, swing: 0.03 },
  { code: 'PHP', level: 67.5, decimals: 3, swing: 0.04 },
  { code: 'SGD', level: 1.5, decimals: 4, swing: 0.02 },
  { code: 'THB', level: 37.6, decimals: 3, swing: 0.04 },
  { code: 'ZAR', level: 20.2, decimals: 4, swing: 0.05 },
];

/** Currencies XE quotes that ECB does not (KWD, with three decimals, among them). */
export const XE_ONLY_CURRENCIES: readonly SandboxCurrency[] = [
  { code: 'KWD', level: 0.356, decimals: 6, swing: 0.03 },
  { code: 'BHD', level: 0.437, decimals: 6, swing: 0.04 },
  { code: 'OMR', level: 0.446, decimals: 6, swing: 0.04 },
  { code: 'JOD', level: 0.822, decimals: 6, swing: 0.04 },
  { code: 'AED', level: 4.26, decimals: 5, swing: 0.04 },
  { code: 'SAR', level: 4.35, decimals: 5, swing: 0.04 },
  { code: 'QAR', level: 4.22, decimals: 5, swing: 0.04 },
  { code: 'EGP', level: 55.0, decimals: 4, swing: 0.06 },
  { code: 'TWD', level: 36.0, decimals: 4, swing: 0.03 },
  { code: 'VND', level: 30500, decimals: 2, swing: 0.04 },
  { code: 'CLP', level: 1100, decimals: 3, swing: 0.05 },
  { code: 'COP', level: 4500, decimals: 3, swing: 0.06 },
  // CFA francs are pegged to the euro at 655.957.
  { code: 'XOF', level: 655.957, decimals: 3, swing: 0 },
  { code: 'XAF', level: 655.957, decimals: 3, swing: 0 },
];

export const SANDBOX_CURRENCIES: ReadonlyMap<string, SandboxCurrency> = new Map(
  [...ECB_CURRENCIES, ...XE_ONLY_CURRENCIES].map((c) => [c.code, c] as const),
);

/** ECB's currencies on `date` (those not yet withdrawn), in file order. */
export function ecbCurrenciesOn(date: string): SandboxCurrency[] {
  return ECB_CURRENCIES.filter((c) => c.until === undefined || date <= c.until);
}
