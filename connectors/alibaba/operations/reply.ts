/**
 * The Open Platform's success envelope `{ code: "0", request_id, value | result }` (IOP REST,
 * "streamlined return"): the payload is `value`, else `result`, else the body itself (some
 * replies put their fields at the top level). Errors never reach here: the client's error table
 * turned them into ConnectorErrors first.
 */
import { isObject } from '../../http/json-object.js';
import type { PipelineResponse } from '../../http/pipeline.js';
import { scalarText } from '../../http/open-platform-envelope.js';

export function replyPayload(data: unknown): unknown {
  if (!isObject(data)) return data;
  if ('value' in data && data.value !== null && data.value !== undefined) return data.value;
  if ('result' in data && data.result !== null && data.result !== undefined) return data.result;
  return data;
}

/** The reply's `request_id`, else the one the pipeline read from the headers. */
export function replyRequestId(response: PipelineResponse): string | undefined {
  return (isObject(response.data) ? scalarText(response.data.request_id) : undefined) ?? response.requestId;
}

/** `{ requestId }` when there is one (for spreading into results). */
export function requestIdField(response: PipelineResponse): { requestId?: string } {
  const requestId = replyRequestId(response);
  return requestId === undefined ? {} : { requestId };
}
