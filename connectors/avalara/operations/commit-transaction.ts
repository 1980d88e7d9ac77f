/** CommitTransaction — POST /api/v2/companies/{companyCode}/transactions/{transactionCode}/commit. */
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { AVALARA_ALREADY_DONE_CODES } from '../errors.js';
import { AVALARA_DOCUMENT_TYPES, type AvalaraDocumentType } from '../schemas.js';
import { transactionPath } from './transaction-path.js';
import { idempotentWrite, parseTransactionResponse, type AvalaraWriteResult } from './transaction-result.js';
import { requireDocumentType } from './document-type.js';

const OPERATION = 'CommitTransaction';

export interface CommitTransactionParams {
  readonly transactionCode: string;
  /** AvaTax defaults to SalesInvoice. */
  readonly documentType?: AvalaraDocumentType;
  /** Defaults to the connection's company code. */
  readonly companyCode?: string;
}

export function buildCommitTransactionRequest(params: CommitTransactionParams, companyCode: string): AvalaraRequest {
  const documentType = requireDocumentType(OPERATION, params.documentType, AVALARA_DOCUMENT_TYPES);
  return {
    operation: OPERATION,
    method: 'POST',
    path: transactionPath(OPERATION, params.companyCode ?? companyCode, params.transactionCode, 'commit'),
    query: [['documentType', documentType]],
    // CommitTransactionModel: { commit: boolean } (required).
    body: { json: { commit: true } },
    idempotent: true,
  };
}

export async function commitTransaction(
  send: Send,
  params: CommitTransactionParams,
  companyCode: string,
  options?: CallOptions,
): Promise<AvalaraWriteResult> {
  const request = buildCommitTransactionRequest(params, companyCode);
  return idempotentWrite(AVALARA_ALREADY_DONE_CODES.commit, async () => parseTransactionResponse(OPERATION, await send(request, options)));
}
