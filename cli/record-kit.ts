/**
 * What every `caravan map` kind file shares: mapping results and schema issues as printed
 * records, and the reply held in a recorded exchange (the vendor folders keep samples as
 * `{request, response: {status, headers, body}}` or nock's export).
 */
import type { RecordRejection } from '../activities/record-rejections.js';
import { schemaRejection as schemaRejectionOf } from '../activities/record-rejections.js';
import { isObject } from '../connectors/http/json-object.js';
import type { MappingError, MappingResult } from '../mappings/canonical/index.js';
import type { FileReply, MappedRecord } from './record-kinds.js';

export function rejectionOf(e: MappingError, errorKind: RecordRejection['errorKind'] = 'mapping'): RecordRejection {
  return {
    recordType: e.recordType,
    ...(e.recordId ? { externalId: e.recordId } : {}),
    field: e.field,
    errorKind,
    message: e.message,
    issues: e.issues.map((i) => ({ field: i.field, message: i.message })),
  };
}

/** A mapping result as a printed record: the value, or the rejection naming record and field. */
export function fromResult<T>(r: MappingResult<T>): MappedRecord {
  return r.ok ? { ok: true, record: r.value } : { ok: false, error: rejectionOf(r.error) };
}

/** A schema rejection of one record, naming it and its fields (zod issues, paths prefixed). */
export function schemaRejection(recordType: string, externalId: string | undefined, prefix: string, zodIssues: readonly { path: PropertyKey[]; message: string }[]): MappedRecord {
  return { ok: false, error: schemaRejectionOf(recordType, externalId, prefix, zodIssues) };
}

export function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A recorded exchange as the vendor folders keep them: `{ request?, response: { status, headers, body } }`. */
export function isRecording(doc: unknown): doc is { response: Record<string, unknown> } {
  return isObject(doc) && isObject(doc.response) && 'body' in doc.response;
}

/** nock's exported recording (`{ method, path, status, responseBody, responseHeaders }`, as the Mailchimp samples are) in the shape above. */
export function asRecording(doc: unknown): unknown {
  if (!isObject(doc) || isObject(doc.response) || !('responseBody' in doc) || typeof doc.status !== 'number') return doc;
  return { response: { status: doc.status, body: doc.responseBody, ...(isObject(doc.responseHeaders) ? { headers: doc.responseHeaders } : {}) } };
}

function recordedStatus(response: Record<string, unknown>): number | undefined {
  const raw = isObject(response.status) ? response.status.code : (response.status ?? response.statusCode);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
  return n !== undefined && n >= 100 && n <= 599 ? n : undefined;
}

export function replyOfRecording(r: { response: Record<string, unknown> }): FileReply {
  const { body, headers } = r.response;
  const status = recordedStatus(r.response);
  let parsed: unknown = body;
  if (typeof body === 'string') {
    const j = tryJson(body);
    parsed = j.ok ? j.value : body;
  }
  return {
    body: parsed === null ? '' : parsed,
    ...(status === undefined ? {} : { status }),
    ...(isObject(headers) ? { headers } : {}),
  };
}

/** The reply body a recorded exchange holds (a JSON text body parsed), else the document itself. */
export function recordedBody(doc: unknown): unknown {
  // A recorded exchange ({request, response: {body}}, or nock's export) as the vendor folders keep them.
  const recorded = asRecording(doc);
  if (isRecording(recorded)) return replyOfRecording(recorded).body;
  return doc;
}
