/**
 * createRestrictedDataToken — POST /tokens/2021-03-01/restrictedDataToken (Tokens API
 * 2021-03-01): a short-lived token (RDT) for operations that return buyer PII. The RDT is a
 * secret like the LWA token: it goes into the `x-amz-access-token` header and nowhere else.
 */
import { z } from 'zod';
import { parseReply } from '../../http/error-factories.js';
import { refuse, requireNonEmpty, requireValid, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';

const OPERATION = 'createRestrictedDataToken';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's documented `dataElements` (Orders API getOrder/getOrders/getOrderItems). */
export const AMAZON_RESTRICTED_DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] as const;
export type AmazonRestrictedDataElement = (typeof AMAZON_RESTRICTED_DATA_ELEMENTS)[number];

/** The model's RestrictedResource. */
export const AmazonRestrictedResourceSchema = z.strictObject({
  method: z.enum(['GET', 'PUT', 'POST', 'DELETE']),
  path: z.string().startsWith('/'),
  dataElements: z.array(z.enum(AMAZON_RESTRICTED_DATA_ELEMENTS)).optional(),
});
export type AmazonRestrictedResource = z.infer<typeof AmazonRestrictedResourceSchema>;

/** `expiresIn` in seconds; an integer in the model, read from digits too. */
export const AmazonRestrictedDataTokenReplySchema = z.looseObject({
  restrictedDataToken: z.string().min(1),
  expiresIn: z.coerce.number().int().positive(),
});

export interface CreateRestrictedDataTokenResult {
  readonly restrictedDataToken: string;
  readonly expiresInS: number;
  readonly requestId?: string;
}

export function buildCreateRestrictedDataTokenRequest(resources: readonly AmazonRestrictedResource[], targetApplication?: string): AmazonRequest {
  // An empty list is answered 400 "Empty target resource arguement found" (amzn/selling-partner-api-models#2429).
  if (resources.length === 0) throw refuse(SITE, 'restrictedResources needs at least one resource');
  if (resources.length > 50) throw refuse(SITE, `restrictedResources takes at most 50 resources, got ${resources.length}`);
  const restrictedResources = resources.map((r, i) => requireValid(SITE, `restrictedResources[${i}]`, AmazonRestrictedResourceSchema, r));
  return {
    operation: OPERATION,
    method: 'POST',
    path: '/tokens/2021-03-01/restrictedDataToken',
    body: { json: { ...(targetApplication === undefined ? {} : { targetApplication: requireNonEmpty(SITE, 'targetApplication', targetApplication) }), restrictedResources } },
    // Asking again gives another token for the same resources: safe to resend.
    idempotent: true,
  };
}

export function parseCreateRestrictedDataTokenResponse(response: PipelineResponse): CreateRestrictedDataTokenResult {
  const { restrictedDataToken, expiresIn } = parseReply(SITE, AmazonRestrictedDataTokenReplySchema, response, 'CreateRestrictedDataTokenResponse');
  return { restrictedDataToken, expiresInS: expiresIn, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function createRestrictedDataToken(
  send: Send,
  resources: readonly AmazonRestrictedResource[],
  options?: CallOptions & { readonly targetApplication?: string },
): Promise<CreateRestrictedDataTokenResult> {
  // A malformed reply is reported by its first issue, never its values: the token is not quoted.
  return parseCreateRestrictedDataTokenResponse(await send(buildCreateRestrictedDataTokenRequest(resources, options?.targetApplication), options));
}
