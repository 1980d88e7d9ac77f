/**
 * RefundTransaction — POST /api/v2/companies/{companyCode}/transactions/{transactionCode}/refund.
 * Creates a ReturnInvoice for a committed sale. The refund code is required: derived from the
 * business key (transactionCodeFor(…, { refund })) it makes a repeated refund find its own
 * document (TransactionAlreadyExists) instead of refunding twice.
 */
import { requireNonEmpty, requireValid, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { AVALARA_ALREADY_DONE_CODES } from '../errors.js';
import { AVALARA_DOCUMENT_TYPES, AvalaraRefundTransactionModelSchema, type AvalaraDocumentType, type AvalaraRefundType } from '../schemas.js';
import { requireDocumentType } from './document-type.js';
import { transactionPath } from './transaction-path.js';
import { idempotentWrite, parseTransactionResponse, type AvalaraWriteResult } from './transaction-result.js';

const OPERATION = 'RefundTransaction';

export interface RefundTransactionParams {
  /** Code of the original sale. */
  readonly transactionCode: string;
  /** Code of the ReturnInvoice to create (max 50). */
  readonly refundTransactionCode: string;
  /** YYYY-MM-DD: the month the refund is reported in. */
  readonly refundDate: string;
  readonly refundType?: AvalaraRefundType;
  /** For Percentage (and Partial) refunds. */
  readonly refundPercentage?: number;
  /** Line numbers of the original sale, for Partial refunds. */
  readonly refundLines?: readonly string[];
  readonly referenceCode?: string;
  /** Type of the original document; AvaTax defaults to SalesInvoice. */
  readonly documentType?: AvalaraDocumentType;
  readonly companyCode?: string;
}

export function buildRefundTransactionRequest(params: RefundTransactionParams, companyCode: string): AvalaraRequest {
  requireNonEmpty(siteOf(AVALARA, OPERATION), 'refundTransactionCode', params.refundTransactionCode);
  const body = {
    refundTransactionCode: params.refundTransactionCode,
    refundDate: params.refundDate,
    ...(params.refundType === undefined ? {} : { refundType: params.refundType }),
    ...(params.refundPercentage === undefined ? {} : { refundPercentage: params.refundPercentage }),
    ...(params.refundLines === undefined ? {} : { refundLines: [...params.refundLines] }),
    ...(params.referenceCode === undefined ? {} : { referenceCode: params.referenceCode }),
  };
  requireValid(siteOf(AVALARA, OPERATION), 'RefundTransactionModel', AvalaraRefundTransactionModelSchema, body);
  const documentType = requireDocumentType(OPERATION, params.documentType, AVALARA_DOCUMENT_TYPES);
  return {
    operation: OPERATION,
    method: 'POST',
    path: transactionPath(OPERATION, params.companyCode ?? companyCode, params.transactionCode, 'refund'),
    query: [['documentType', documentType]],
    body: { json: body },
    idempotent: true,
  };
}

export async function refundTransaction(
  send: Send,
  params: RefundTransactionParams,
  companyCode: string,
  options?: CallOptions,
): Promise<AvalaraWriteResult> {
  const request = buildRefundTransactionRequest(params, companyCode);
  return idempotentWrite(AVALARA_ALREADY_DONE_CODES.refund, async () => parseTransactionResponse(OPERATION, await send(request, options)));
}
