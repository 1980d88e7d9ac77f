/** Ping — GET /api/v2/utilities/ping: connectivity, service version, and whether the credentials authenticate. */
import { siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import type { AvalaraRequest } from '../client.js';
import { contractError } from '../../http/error-factories.js';
import { describeFirstIssue } from '../../http/zod-issues.js';
import { AvalaraPingResultSchema, type AvalaraPingResult } from '../schemas.js';

const OPERATION = 'Ping';

export interface AvalaraPingOutcome {
  readonly result: AvalaraPingResult;
  readonly requestId?: string;
}

export function buildPingRequest(): AvalaraRequest {
  return { operation: OPERATION, method: 'GET', path: '/api/v2/utilities/ping', idempotent: true };
}

export async function ping(send: Send, options?: CallOptions): Promise<AvalaraPingOutcome> {
  const response = await send(buildPingRequest(), options);
  const parsed = AvalaraPingResultSchema.safeParse(response.data);
  if (!parsed.success) throw contractError(siteOf(AVALARA, OPERATION), `response is not a PingResultModel (${describeFirstIssue(parsed.error)})`, response);
  return { result: parsed.data, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}
