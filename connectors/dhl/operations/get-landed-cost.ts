/** landedCost — POST /landed-cost (operationId exp-api-landed-cost, MyDHL API 3.1.1). */
import { headerValue } from '../../http/classify.js';
import { contractError } from '../../http/error-factories.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { describeIssues } from '../../http/zod-issues.js';
import type { PipelineResponse, Send } from '../../http/pipeline.js';
import type { DhlCallOptions, DhlRequest } from '../client.js';
import { DHL } from '../config.js';
import { DhlLandedCostRequestSchema, DhlLandedCostResponseSchema, type DhlLandedCostRequestInput, type DhlLandedCostResponse } from '../schemas.js';

export const LANDED_COST_OPERATION = 'landedCost';
const SITE = siteOf(DHL, LANDED_COST_OPERATION);

/** `Message-Reference`: 1 to 36 characters (parameter messageReferenceHeader). */
export const MESSAGE_REFERENCE_MAX_LENGTH = 36;

export interface GetLandedCostResult {
  readonly response: DhlLandedCostResponse;
  /** `Invocation-Id` header: DHL's id of the transaction. */
  readonly invocationId?: string;
  /** `Quotation-Id` header, when getQuotationID was requested. */
  readonly quotationId?: string;
  readonly messageReference: string;
}

/** Checks the body against the description before it leaves: a bad body is our bug, not DHL's. */
export function buildGetLandedCostRequest(body: DhlLandedCostRequestInput, messageReference: string): DhlRequest {
  if (messageReference.length < 1 || messageReference.length > MESSAGE_REFERENCE_MAX_LENGTH) {
    throw refuse(SITE, `Message-Reference must be 1 to ${MESSAGE_REFERENCE_MAX_LENGTH} characters, got ${messageReference.length}`);
  }
  const parsed = DhlLandedCostRequestSchema.safeParse(body);
  if (!parsed.success) throw refuse(SITE, `request breaks the MyDHL description: ${describeIssues(parsed.error.issues)}`);
  return {
    operation: LANDED_COST_OPERATION,
    method: 'POST',
    path: '/landed-cost',
    headers: { 'message-reference': messageReference },
    trace: { messageReference },
    body: { json: body },
    // A quote creates nothing at DHL: safe to resend after a network error or 5xx.
    idempotent: true,
  };
}

export function parseGetLandedCostResponse(response: PipelineResponse, messageReference: string): GetLandedCostResult {
  const parsed = DhlLandedCostResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw contractError(SITE, `response is not a landed-cost answer (${describeIssues(parsed.error.issues.slice(0, 3))})`, response);
  }
  const quotationId = headerValue(response.headers, 'quotation-id');
  return {
    response: parsed.data,
    messageReference,
    ...(response.requestId === undefined ? {} : { invocationId: response.requestId }),
    ...(quotationId === undefined ? {} : { quotationId }),
  };
}

/** `options.messageReference` is required here; the client fills in a fresh one when the caller gives none. */
export async function getLandedCost(
  send: Send,
  body: DhlLandedCostRequestInput,
  options: DhlCallOptions & { readonly messageReference: string },
): Promise<GetLandedCostResult> {
  const { messageReference, ...callOptions } = options;
  return parseGetLandedCostResponse(await send(buildGetLandedCostRequest(body, messageReference), callOptions), messageReference);
}
