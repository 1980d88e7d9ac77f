/**
 * AvaTax document codes derived from business keys, so a retried call (a Temporal retry is a
 * fresh call) addresses the same document instead of posting a second one.
 *
 *   sale        caravan-<tenant>-<order>
 *   refund      caravan-<tenant>-<order>~r<refundId>
 *   adjustment  caravan-<tenant>-<order>~a<adjustmentId>
 *
 * The readable form is used only when it is unambiguous and fits: tenant and ids without "-",
 * only characters AvaTax needs no escaping for, at most 50 characters. Otherwise the code is
 * `caravan-<prefix>~h<16 hex of sha256(key)>`, still deterministic and unique per key.
 */
import { createHash } from 'node:crypto';

/** CreateTransactionModel.code and RefundTransactionModel.refundTransactionCode: maxLength 50. */
export const AVALARA_TRANSACTION_CODE_MAX_LENGTH = 50;

export interface TransactionCodeReference {
  readonly tenant: string;
  /** Order (or shipment) id: the business key of the sale. */
  readonly order: string;
}

export type TransactionCodeKind = 'sale' | { readonly refund: string } | { readonly adjustment: string };

const PREFIX = 'caravan';
// '/', '+', '?', '%', '#' and ' ' need AvaTax's own escaping in URL paths; keep codes clear of them.
const TENANT_OR_ID = /^[A-Za-z0-9_.]+$/;
const ORDER = /^[A-Za-z0-9_.-]+$/;
/** AvaTax reads these as escapes inside codes (CreateTransaction notes). */
const AVALARA_ESCAPES = /_-ava[0-9a-f]{2}-_/i;
const HASH_HEX_CHARS = 16;

function kindSuffix(kind: TransactionCodeKind): { marker: string; id?: string } {
  if (kind === 'sale') return { marker: '' };
  if ('refund' in kind) return { marker: 'r', id: kind.refund };
  return { marker: 'a', id: kind.adjustment };
}

function nonEmpty(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`transactionCodeFor: ${name} must be a non-empty string`);
}

/** The AvaTax document code for a business key; the same key always gives the same code. */
export function transactionCodeFor(reference: TransactionCodeReference, kind: TransactionCodeKind = 'sale'): string {
  nonEmpty('tenant', reference.tenant);
  nonEmpty('order', reference.order);
  const { marker, id } = kindSuffix(kind);
  if (id !== undefined) nonEmpty(marker === 'r' ? 'refund id' : 'adjustment id', id);

  const readable = `${PREFIX}-${reference.tenant}-${reference.order}${id === undefined ? '' : `~${marker}${id}`}`;
  const clean =
    TENANT_OR_ID.test(reference.tenant) &&
    ORDER.test(reference.order) &&
    (id === undefined || TENANT_OR_ID.test(id)) &&
    !AVALARA_ESCAPES.test(readable) &&
    readable.length <= AVALARA_TRANSACTION_CODE_MAX_LENGTH;
  if (clean) return readable;

  // The hash covers the exact key (JSON keeps the parts apart), the readable prefix only helps people.
  const digest = createHash('sha256')
    .update(JSON.stringify([reference.tenant, reference.order, marker, id ?? '']))
    .digest('hex')
    .slice(0, HASH_HEX_CHARS);
  const suffix = `~h${digest}`;
  // Without '_' no AvaTax escape sequence can form in the hint.
  const hint = `${reference.tenant}-${reference.order}`.replace(/[^A-Za-z0-9.-]+/g, '');
  const room = AVALARA_TRANSACTION_CODE_MAX_LENGTH - PREFIX.length - 1 - suffix.length;
  return `${PREFIX}-${hint.slice(0, room)}${suffix}`;
}
