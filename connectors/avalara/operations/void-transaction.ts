/** VoidTransaction — POST /api/v2/companies/{companyCode}/transactions/{transactionCode}/void. */
import { refuse, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { AVALARA_ALREADY_DONE_CODES } from '../errors.js';
import { AVALARA_DOCUMENT_TYPES, AVALARA_VOID_REASONS, type AvalaraDocumentType, type AvalaraVoidReason } from '../schemas.js';
import { requireDocumentType } from './document-type.js';
import { transactionPath } from './transaction-path.js';
import { idempotentWrite, parseTransactionResponse, type AvalaraWriteResult } from './transaction-result.js';

const OPERATION = 'VoidTransaction';

export interface VoidTransactionParams {
  readonly transactionCode: string;
  /** VoidTransactionModel.code; `DocVoided` (the document stays, as voided) by default. */
  readonly reason?: AvalaraVoidReason;
  /** AvaTax defaults to SalesInvoice. */
  readonly documentType?: AvalaraDocumentType;
  readonly companyCode?: string;
}

export function buildVoidTransactionRequest(params: VoidTransactionParams, companyCode: string): AvalaraRequest {
  const reason = params.reason ?? 'DocVoided';
  if (!AVALARA_VOID_REASONS.includes(reason)) throw refuse(siteOf(AVALARA, OPERATION), `reason must be one of ${AVALARA_VOID_REASONS.join(', ')}`);
  const documentType = requireDocumentType(OPERATION, params.documentType, AVALARA_DOCUMENT_TYPES);
  return {
    operation: OPERATION,
    method: 'POST',
    path: transactionPath(OPERATION, params.companyCode ?? companyCode, params.transactionCode, 'void'),
    query: [['documentType', documentType]],
    body: { json: { code: reason } },
    idempotent: true,
  };
}

export async function voidTransaction(
  send: Send,
  params: VoidTransactionParams,
  companyCode: string,
  options?: CallOptions,
): Promise<AvalaraWriteResult> {
  const request = buildVoidTransactionRequest(params, companyCode);
  return idempotentWrite(AVALARA_ALREADY_DONE_CODES.void, async () => parseTransactionResponse(OPERATION, await send(request, options)));
}
