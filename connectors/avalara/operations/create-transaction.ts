/** CreateTransaction — POST /api/v2/transactions/create. */
import { requireValid, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { AvalaraCreateTransactionModelSchema, type AvalaraCreateTransactionModel } from '../schemas.js';
import { parseTransactionResponse, type AvalaraTransactionResult } from './transaction-result.js';

const OPERATION = 'CreateTransaction';

/** The model with the connection's company code filled in when it names none. */
export function withCompanyCode(model: AvalaraCreateTransactionModel, companyCode: string): AvalaraCreateTransactionModel {
  return model.companyCode === undefined ? { ...model, companyCode } : model;
}

export function buildCreateTransactionRequest(model: AvalaraCreateTransactionModel, companyCode: string): AvalaraRequest {
  const body = withCompanyCode(model, companyCode);
  requireValid(siteOf(AVALARA, OPERATION), 'CreateTransactionModel', AvalaraCreateTransactionModelSchema, body);
  return {
    operation: OPERATION,
    method: 'POST',
    path: '/api/v2/transactions/create',
    body: { json: body },
    // An uncommitted document with the same code is overwritten, so resending is harmless;
    // once committed, a resend would be refused (use CreateOrAdjustTransaction for that).
    idempotent: body.code !== undefined && body.commit !== true,
  };
}

export async function createTransaction(
  send: Send,
  model: AvalaraCreateTransactionModel,
  companyCode: string,
  options?: CallOptions,
): Promise<AvalaraTransactionResult> {
  return parseTransactionResponse(OPERATION, await send(buildCreateTransactionRequest(model, companyCode), options));
}
