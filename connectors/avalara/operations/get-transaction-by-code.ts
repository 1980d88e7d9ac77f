/** GetTransactionByCode — GET /api/v2/companies/{companyCode}/transactions/{transactionCode}. */
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { AVALARA_DOCUMENT_TYPES, type AvalaraDocumentType } from '../schemas.js';
import { requireDocumentType } from './document-type.js';
import { transactionPath } from './transaction-path.js';
import { parseTransactionResponse, type AvalaraTransactionResult } from './transaction-result.js';

const OPERATION = 'GetTransactionByCode';

export interface GetTransactionByCodeParams {
  readonly transactionCode: string;
  /** AvaTax defaults to SalesInvoice. */
  readonly documentType?: AvalaraDocumentType;
  readonly companyCode?: string;
}

export function buildGetTransactionByCodeRequest(params: GetTransactionByCodeParams, companyCode: string): AvalaraRequest {
  const documentType = requireDocumentType(OPERATION, params.documentType, AVALARA_DOCUMENT_TYPES);
  return {
    operation: OPERATION,
    method: 'GET',
    path: transactionPath(OPERATION, params.companyCode ?? companyCode, params.transactionCode),
    query: [['documentType', documentType]],
    idempotent: true,
  };
}

export async function getTransactionByCode(
  send: Send,
  params: GetTransactionByCodeParams,
  companyCode: string,
  options?: CallOptions,
): Promise<AvalaraTransactionResult> {
  return parseTransactionResponse(OPERATION, await send(buildGetTransactionByCodeRequest(params, companyCode), options));
}
