/** Results shared by the transaction operations, and the TransactionModel check. */
import { siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import { ConnectorError } from '../../http/errors.js';
import type { PipelineResponse } from '../../http/pipeline.js';
import { contractError } from '../../http/error-factories.js';
import { describeFirstIssue } from '../../http/zod-issues.js';
import { AvalaraTransactionSchema, type AvalaraTransaction } from '../schemas.js';

export interface AvalaraTransactionResult {
  /** The TransactionModel as AvaTax sent it (amounts are JSON numbers: map them with mappings/avalara). */
  readonly transaction: AvalaraTransaction;
  /** 201 for a new document, 200 otherwise (the description lists 200 only). */
  readonly status: number;
  readonly requestId?: string;
}

/**
 * A commit, void or refund: `applied` with the document AvaTax returned, or `already_applied`
 * when AvaTax answered with the error code that means it was done before (a repeated call).
 */
export type AvalaraWriteResult =
  | { readonly outcome: 'applied'; readonly transaction: AvalaraTransaction; readonly requestId?: string }
  | { readonly outcome: 'already_applied'; readonly vendorCode: string; readonly message: string; readonly requestId?: string };

export function parseTransactionResponse(operation: string, response: PipelineResponse): AvalaraTransactionResult {
  const parsed = AvalaraTransactionSchema.safeParse(response.data);
  if (!parsed.success) {
    throw contractError(siteOf(AVALARA, operation), `response is not a TransactionModel (${describeFirstIssue(parsed.error)})`, response);
  }
  return {
    transaction: parsed.data,
    status: response.status,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}

/** Runs a write; an error whose AvaTax code is in `alreadyDone` becomes `already_applied`. */
export async function idempotentWrite(
  alreadyDone: readonly string[],
  write: () => Promise<AvalaraTransactionResult>,
): Promise<AvalaraWriteResult> {
  try {
    const { transaction, requestId } = await write();
    return { outcome: 'applied', transaction, ...(requestId === undefined ? {} : { requestId }) };
  } catch (error) {
    if (error instanceof ConnectorError && error.vendorCode !== undefined && error.status !== undefined && alreadyDone.includes(error.vendorCode)) {
      return {
        outcome: 'already_applied',
        vendorCode: error.vendorCode,
        message: error.message,
        ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      };
    }
    throw error;
  }
}
