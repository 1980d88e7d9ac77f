/** checkStatus — GET /check-status: VIES's own availability and each member state's register. */
import { contractError } from '../../http/error-factories.js';
import { siteOf } from '../../http/request-checks.js';
import { describeIssues } from '../../http/zod-issues.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { ViesRequest } from '../client.js';
import { VIES } from '../config.js';
import { ViesStatusInformationResponseSchema, type ViesAvailability } from '../schemas.js';

export interface ViesCountryStatus {
  /** VIES code (EL, XI …). */
  readonly countryCode: string;
  readonly availability: ViesAvailability;
}

export interface ViesStatus {
  /** VIES itself answers. */
  readonly available: boolean;
  readonly countries: readonly ViesCountryStatus[];
}

export function buildCheckStatusRequest(): ViesRequest {
  return { operation: 'checkStatus', method: 'GET', path: '/check-status' };
}

export function parseCheckStatusResponse(response: PipelineResponse): ViesStatus {
  const parsed = ViesStatusInformationResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw contractError(siteOf(VIES, 'checkStatus'), `HTTP ${response.status} answer is not a StatusInformationResponse: ${describeIssues(parsed.error.issues)}`, { status: response.status });
  }
  return {
    available: parsed.data.vow.available,
    countries: parsed.data.countries.map((c) => ({ countryCode: c.countryCode, availability: c.availability })),
  };
}

export async function checkStatus(send: Send, options?: CallOptions): Promise<ViesStatus> {
  return parseCheckStatusResponse(await send(buildCheckStatusRequest(), options));
}
