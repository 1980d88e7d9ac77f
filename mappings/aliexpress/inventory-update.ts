/**
 * AliExpress stock update replies → a verdict per SKU (inventorySync). Pure.
 *
 * A batch.product.inventory.update reply speaks per product: the SKU's product in
 * `update_failed_list` is rejected with that entry's code and text (a product named in both lists,
 * as the platform's sample does, counts as failed); in `update_successful_list`, accepted; in
 * neither, accepted when the call reports `update_success`, else unreadable. A SKU the connector
 * found no product for, or a batch the platform refused, comes with the reason and is rejected.
 */
import type { AliexpressBatchUpdateResult, AliexpressQuantitySubmission } from '../../connectors/aliexpress/schemas/catalog.js';
import type { ListingIssue } from '../canonical/listing.js';

export type AliexpressQuantityVerdict = { status: 'accepted' | 'rejected'; issues: ListingIssue[]; submissionId?: string } | { unreadable: string };

export function aliexpressQuantityVerdict(reply: AliexpressQuantitySubmission): AliexpressQuantityVerdict {
  const withId = reply.requestId === undefined ? {} : { submissionId: reply.requestId };
  if (reply.errorCode !== undefined || reply.errorMessage !== undefined) {
    return { status: 'rejected', issues: [{ ...(reply.errorCode === undefined ? {} : { code: reply.errorCode }), message: reply.errorMessage ?? 'refused without a message', severity: 'error' }], ...withId };
  }
  const result = reply.result;
  if (result === undefined || reply.productId === undefined) return { unreadable: `the reply for ${reply.sku} holds no batch result` };
  const failed = (result.update_failed_list ?? []).find((p) => p.product_id === reply.productId);
  if (failed !== undefined) {
    const code = failed.error_code?.trim() === '' ? undefined : failed.error_code;
    const message = failed.error_message?.trim() ? failed.error_message : `product ${reply.productId} was not updated`;
    return { status: 'rejected', issues: [{ ...(code === undefined ? {} : { code }), message, severity: 'error' }], ...withId };
  }
  if ((result.update_successful_list ?? []).some((p) => p.product_id === reply.productId) || result.update_success === true) return { status: 'accepted', issues: [], ...withId };
  return { unreadable: `product ${reply.productId} is in neither list and the call does not report success` };
}

export interface AliexpressProductUpdateOutcome {
  readonly productId: string;
  readonly outcome: 'accepted' | 'rejected';
  readonly issues: ListingIssue[];
}

/** A batch inventory/price update reply → an outcome per product it names (a product in both lists failed). */
export function aliexpressBatchUpdateOutcomes(result: AliexpressBatchUpdateResult): AliexpressProductUpdateOutcome[] {
  const out = new Map<string, AliexpressProductUpdateOutcome>();
  for (const p of result.update_failed_list ?? []) {
    if (p.product_id === undefined) continue;
    const code = p.error_code?.trim() ? p.error_code : undefined;
    const message = p.error_message?.trim() ? p.error_message : `product ${p.product_id} was not updated`;
    out.set(p.product_id, { productId: p.product_id, outcome: 'rejected', issues: [{ ...(code === undefined ? {} : { code }), message, severity: 'error' }] });
  }
  for (const p of result.update_successful_list ?? []) {
    if (p.product_id !== undefined && !out.has(p.product_id)) out.set(p.product_id, { productId: p.product_id, outcome: 'accepted', issues: [] });
  }
  return [...out.values()];
}
