/**
 * CreateOrAdjustTransaction — POST /api/v2/transactions/createoradjust. Creates the document
 * or, when one with the same code exists, adjusts it to this content: with a code derived from
 * the business key, sending it again leaves one document with the same figures.
 */
import { refuse, requireNonEmpty, requireValid, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import {
  AVALARA_ADJUSTMENT_REASONS,
  AvalaraCreateTransactionModelSchema,
  type AvalaraAdjustmentReason,
  type AvalaraCreateOrAdjustTransactionModel,
  type AvalaraCreateTransactionModel,
} from '../schemas.js';
import { withCompanyCode } from './create-transaction.js';
import { parseTransactionResponse, type AvalaraTransactionResult } from './transaction-result.js';

const OPERATION = 'CreateOrAdjustTransaction';

/** Why an existing document is adjusted (recorded by AvaTax on the new version). */
export interface AvalaraAdjustment {
  readonly reason: AvalaraAdjustmentReason;
  readonly description?: string;
}

export function buildCreateOrAdjustTransactionRequest(
  model: AvalaraCreateTransactionModel,
  companyCode: string,
  adjustment?: AvalaraAdjustment,
): AvalaraRequest {
  const createTransactionModel = withCompanyCode(model, companyCode);
  requireValid(siteOf(AVALARA, OPERATION), 'createTransactionModel', AvalaraCreateTransactionModelSchema, createTransactionModel);
  // Without a code AvaTax assigns a new GUID each time: the call would no longer be idempotent.
  requireNonEmpty(siteOf(AVALARA, OPERATION), 'createTransactionModel.code', createTransactionModel.code);
  if (adjustment !== undefined && !AVALARA_ADJUSTMENT_REASONS.includes(adjustment.reason)) {
    throw refuse(siteOf(AVALARA, OPERATION), `adjustment reason must be one of ${AVALARA_ADJUSTMENT_REASONS.join(', ')}`);
  }
  const body: AvalaraCreateOrAdjustTransactionModel = {
    ...(adjustment === undefined ? {} : { adjustmentReason: adjustment.reason }),
    ...(adjustment?.description === undefined ? {} : { adjustmentDescription: adjustment.description }),
    createTransactionModel,
  };
  return { operation: OPERATION, method: 'POST', path: '/api/v2/transactions/createoradjust', body: { json: body }, idempotent: true };
}

export async function createOrAdjustTransaction(
  send: Send,
  model: AvalaraCreateTransactionModel,
  companyCode: string,
  adjustment?: AvalaraAdjustment,
  options?: CallOptions,
): Promise<AvalaraTransactionResult> {
  return parseTransactionResponse(OPERATION, await send(buildCreateOrAdjustTransactionRequest(model, companyCode, adjustment), options));
}
