/** URL paths of the per-transaction operations (commit, void, refund, get by code). */
import { requireNonEmpty, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';

/**
 * One path segment, encoded as AvaTax asks: '/', '+', '?', '%' and '#' become its own escapes
 * (`_-ava2f-_` …) because its router rejects them even percent-encoded; the rest is
 * percent-encoded (a space becomes %20).
 */
export function encodeAvalaraPathSegment(value: string): string {
  const escaped = value
    .replace(/%/g, '_-ava25-_')
    .replace(/\//g, '_-ava2f-_')
    .replace(/\+/g, '_-ava2b-_')
    .replace(/\?/g, '_-ava3f-_')
    .replace(/#/g, '_-ava23-_');
  return encodeURIComponent(escaped);
}

/** `/api/v2/companies/{companyCode}/transactions/{transactionCode}[/{action}]`. */
export function transactionPath(operation: string, companyCode: string, transactionCode: string, action?: 'commit' | 'void' | 'refund'): string {
  requireNonEmpty(siteOf(AVALARA, operation), 'companyCode', companyCode);
  requireNonEmpty(siteOf(AVALARA, operation), 'transactionCode', transactionCode);
  const base = `/api/v2/companies/${encodeAvalaraPathSegment(companyCode)}/transactions/${encodeAvalaraPathSegment(transactionCode)}`;
  return action === undefined ? base : `${base}/${action}`;
}
