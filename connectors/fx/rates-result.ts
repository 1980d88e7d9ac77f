import type { FxRate } from '../../mappings/canonical/fx.js';
import type { MappingIssue } from '../../mappings/canonical/result.js';

/** What every rate operation returns: canonical rates, and the published entries left out. */
export interface FxRatesResult {
  readonly source: 'ecb' | 'xe';
  /** ECB: the file read (`eurofxref-daily.xml`); XE: the endpoint (`convert_from.json`). */
  readonly feed: string;
  readonly rates: FxRate[];
  /** Well-formed entries that cannot be canonical rates (codes outside ISO 4217, identity pairs), each explained. */
  readonly skipped: MappingIssue[];
  /** Distinct dates of `rates`, ascending. */
  readonly dates: string[];
  readonly requestId?: string;
}

export function distinctDates(rates: readonly FxRate[]): string[] {
  return [...new Set(rates.map((r) => r.date))].sort();
}

/** `field: message; field: message` (values left out: they may be long). */
export function describeIssues(issues: readonly MappingIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}${typeof i.value === 'string' || typeof i.value === 'number' ? ` (${JSON.stringify(i.value)})` : ''}`).join('; ');
}
