/**
 * What convert_from and historic_rate share: currency-code checks on the request, and the
 * reply read with its numbers as decimal text (`mid` has up to 10 decimals a float would not
 * keep) and checked against XeRatesResponseSchema.
 */
import { contractError, refuse as refuseAt, type ErrorSite } from '../../http/error-factories.js';
import { describeIssues } from '../../http/zod-issues.js';
import type { PipelineResponse } from '../../http/pipeline.js';
import { bodyPreview } from '../errors.js';
import { readDecimalJson } from '../decimal-json.js';
import { XeRatesResponseSchema, type XeRatesResponse } from '../schemas.js';

/** A convert_from or historic_rate answer, as XE wrote it (numbers as decimal text). */
export interface XeRatesReply {
  readonly source: 'xe';
  /** The endpoint: `convert_from.json`, `historic_rate.json`. */
  readonly feed: string;
  readonly body: XeRatesResponse;
  readonly requestId?: string;
}

/** XE takes ISO 4217 codes (and a few of its own, e.g. XAU); upper-case letters only. */
export function requireCode(site: ErrorSite, name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) throw refuseAt(site, `${name} must be a three-letter currency code, got ${JSON.stringify(value)}`);
  return value;
}

/** `to` is a list of codes (sent comma-separated) or `*` for every currency. */
export function requireTargets(site: ErrorSite, to: unknown): readonly string[] {
  if (to === '*') return ['*'];
  if (!Array.isArray(to) || to.length === 0) throw refuseAt(site, 'to must be a non-empty list of currency codes, or "*"');
  return to.map((code, i) => requireCode(site, `to[${i}]`, code));
}

export function parseXeRatesResponse(site: ErrorSite, feed: string, response: PipelineResponse): XeRatesReply {
  const text = String(response.data);
  const json = readDecimalJson(text);
  if (!json.ok) throw contractError(site, `${feed} answered a body that is not JSON (${json.message}): ${bodyPreview(text, 80)}`, response);
  const parsed = XeRatesResponseSchema.safeParse(json.value);
  if (!parsed.success) throw contractError(site, `${feed} answer does not match the API: ${describeIssues(parsed.error.issues)}`, response);
  return { source: 'xe', feed, body: parsed.data, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}
