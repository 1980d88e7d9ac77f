/**
 * What the MyDHL contract tests share. Prism checks `multipleOf` with float division (ajv
 * without multipleOfPrecision), so it rejects exact decimals such as 2500 against multipleOf
 * 0.00001 — even DHL's own examples (stoplightio/prism PR #1997 was closed unmerged). Prism
 * therefore serves a copy without the fractional `multipleOf` keywords, and the tests check
 * every number of each request against the official `multipleOf` exactly, in decimal.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { Decimal } from '../../../mappings/canonical/decimal.js';

export const MYDHL_SPEC = fileURLToPath(new URL('../../fixtures/dhl/openapi/mydhl-express-api-3.1.1.yaml', import.meta.url));
export type Schema = Record<string, unknown>;
export const MYDHL_OFFICIAL = parse(readFileSync(MYDHL_SPEC, 'utf8')) as Schema;

/** A deep copy without `multipleOf` keywords below 1 (the ones Prism's float check gets wrong). */
export function withoutFractionalMultipleOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutFractionalMultipleOf);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'multipleOf' && typeof v === 'number' && v < 1) continue;
    out[k] = withoutFractionalMultipleOf(v);
  }
  return out;
}

function resolve(schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], MYDHL_OFFICIAL);
  return resolve(target as Schema);
}

/** Every number in `value` that breaks its `multipleOf` in the official schema, checked in exact decimals. */
export function multipleOfViolations(value: unknown, schema: Schema, path = 'body'): string[] {
  const s = resolve(schema);
  if (typeof value === 'number') {
    const step = s['multipleOf'];
    if (typeof step !== 'number') return [];
    const v = Decimal.parse(String(value));
    const m = Decimal.parse(String(step));
    const quotient = v.div(m, 0, 'down');
    return quotient.mul(m).eq(v) ? [] : [`${path}: ${value} is not a multiple of ${step}`];
  }
  if (Array.isArray(value)) {
    const items = s['items'];
    return items === undefined ? [] : value.flatMap((v, i) => multipleOfViolations(v, items as Schema, `${path}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    const props = (s['properties'] ?? {}) as Record<string, Schema>;
    return Object.entries(value).flatMap(([k, v]) => (props[k] === undefined ? [] : multipleOfViolations(v, props[k], `${path}.${k}`)));
  }
  return [];
}

export interface Violation {
  readonly location: readonly string[];
  readonly code: string;
  readonly message: string;
}

/** The `sl-violations` header of a Prism answer, parsed. */
export function violationsOf(header: unknown): Violation[] {
  return header === undefined ? [] : (JSON.parse(String(header)) as Violation[]);
}

// unicodeRegExp off: the description's patterns escape '-' (\-), which the u flag refuses.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addSchema({ components: withoutFractionalMultipleOf(MYDHL_OFFICIAL.components) }, 'mydhl');

/**
 * A request body checked against the official schema `name` by ajv (fractional multipleOf left
 * to multipleOfViolations). Prism 5 does not check the POST /shipments body at all (it answers
 * 201 to a body with an unknown top-level field or without `content`, while it refuses the same
 * defects on /rates and /pickups), so the contract tests check bodies here too.
 */
export function schemaViolations(value: unknown, name: string): string[] {
  const validate = ajv.getSchema(`mydhl#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name} in the MyDHL description`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params['additionalProperty'])}'` : ''}`);
}
