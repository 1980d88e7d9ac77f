/** landedCost — POST /landed-cost (operationId exp-api-landed-cost, MyDHL API 3.1.1). */
import { headerValue } from '../../http/classify.js';
import type { DhlCallOptions, DhlRequest, DhlResponse, DhlSend } from '../client.js';
import { dhlContractError, dhlValidationError } from '../errors.js';
import { DhlLandedCostRequestSchema, DhlLandedCostResponseSchema, issuePath, type DhlLandedCostRequestInput, type DhlLandedCostResponse } from '../schemas.js';

export const LANDED_COST_OPERATION = 'landedCost';

export interface GetLandedCostResult {
  readonly response: DhlLandedCostResponse;
  /** `Invocation-Id` header: DHL's id of the transaction. */
  readonly invocationId?: string;
  /** `Quotation-Id` header, when getQuotationID was requested. */
  readonly quotationId?: string;
  readonly messageReference: string;
}

/** Checks the body against the description before it leaves: a bad body is our bug, not DHL's. */
export function buildGetLandedCostRequest(body: DhlLandedCostRequestInput): DhlRequest {
  const parsed = DhlLandedCostRequestSchema.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`).join('; ');
    throw dhlValidationError(LANDED_COST_OPERATION, `request breaks the MyDHL description: ${detail}`);
  }
  // A quote creates nothing at DHL: safe to resend after a network error or 5xx.
  return { operation: LANDED_COST_OPERATION, method: 'POST', path: '/landed-cost', body, idempotent: true };
}

export function parseGetLandedCostResponse(response: DhlResponse): GetLandedCostResult {
  const parsed = DhlLandedCostResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 3).map((i) => `${issuePath(i.path) || '(root)'}: ${i.message}`).join('; ');
    throw dhlContractError(LANDED_COST_OPERATION, `response is not a landed-cost answer (${detail})`, response);
  }
  const quotationId = headerValue(response.headers, 'quotation-id');
  return {
    response: parsed.data,
    messageReference: response.messageReference,
    ...(response.invocationId === undefined ? {} : { invocationId: response.invocationId }),
    ...(quotationId === undefined ? {} : { quotationId }),
  };
}

export async function getLandedCost(send: DhlSend, body: DhlLandedCostRequestInput, options?: DhlCallOptions): Promise<GetLandedCostResult> {
  return parseGetLandedCostResponse(await send(buildGetLandedCostRequest(body), options));
}
