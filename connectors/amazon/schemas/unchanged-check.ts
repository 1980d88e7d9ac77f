/**
 * A fast yes to "would this zod schema accept the value and give it back as it is?", built
 * once from the schema's own definition, for replies parsed by the thousand (a 2026-01-01
 * order page) where nearly every record is already in the shape the schema yields: no
 * parsed copy, no issue objects. It says yes only where zod would succeed with an output
 * equal to the input (objects may be copies, values the same); everything else, including
 * any schema construct it does not know, is a no, after which the caller runs safeParse as
 * before (so errors and lenient readings are zod's own). test/connectors/amazon/
 * unchanged-check.test.ts holds it to zod's answer on real orders damaged field by field.
 */
import type { z } from 'zod';

type Check = (value: unknown) => boolean;

interface Def {
  type: string;
  format?: string;
  coerce?: boolean;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  options?: Schema[];
  in?: Schema;
  out?: Schema;
  transform?: (value: unknown, ctx?: unknown) => unknown;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  pattern?: RegExp;
  fn?: (value: unknown) => unknown;
}
interface Schema {
  _zod: { def: Def };
}

const never: Check = () => false;
const ALWAYS: Check = () => true;

/** The schema's checks (min length, regex, safe integer, bounds, refinements) as one test; undefined when one is unknown. */
function checksOf(def: Def): Check | undefined {
  const tests: Check[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    switch (d.check) {
      case 'min_length':
        tests.push((v) => (v as { length: number }).length >= d.minimum!);
        break;
      case 'max_length':
        tests.push((v) => (v as { length: number }).length <= d.maximum!);
        break;
      case 'length_equals':
        tests.push((v) => (v as { length: number }).length === d.length);
        break;
      case 'string_format':
        if (d.format !== 'regex' || !(d.pattern instanceof RegExp)) return undefined;
        tests.push((v) => {
          d.pattern!.lastIndex = 0;
          return d.pattern!.test(v as string);
        });
        break;
      case 'number_format':
        if (d.format !== 'safeint') return undefined;
        tests.push((v) => Number.isSafeInteger(v));
        break;
      case 'greater_than':
        tests.push((v) => (d.inclusive ? (v as number) >= d.value! : (v as number) > d.value!));
        break;
      case 'less_than':
        tests.push((v) => (d.inclusive ? (v as number) <= d.value! : (v as number) < d.value!));
        break;
      case 'custom':
        if (typeof d.fn !== 'function') return undefined;
        tests.push((v) => d.fn!(v) === true);
        break;
      default:
        return undefined;
    }
  }
  if (tests.length === 0) return ALWAYS;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}


/** True when parsing with the schema can never change a value it accepts (no transforms inside). */
function isPure(schema: Schema): boolean {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'unknown':
    case 'any':
    case 'enum':
    case 'literal':
      return true;
    case 'optional':
    case 'nullable':
      return isPure(def.innerType!);
    case 'array':
      return isPure(def.element!);
    case 'object':
      return (def.catchall === undefined || isPure(def.catchall)) && Object.values(def.shape ?? {}).every(isPure);
    case 'union':
      return (def.options ?? []).every(isPure);
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles the schema (zod 4) into the fast test; see the module comment. */
export function unchangedCheck(schema: z.ZodType): Check {
  return compile(schema as unknown as Schema);
}

function compile(schema: Schema): Check {
  const def = schema._zod.def;
  const checks = checksOf(def);
  if (checks === undefined || def.coerce === true) return never;
  // A format schema (z.email(), z.iso.datetime(), z.int()) is its own check.
  if (def.format !== undefined && !(def.type === 'number' && def.format === 'safeint')) return never;
  switch (def.type) {
    case 'string':
      return checks === ALWAYS ? (v) => typeof v === 'string' : (v) => typeof v === 'string' && checks(v);
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v) && (def.format === undefined || Number.isSafeInteger(v)) && checks(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'literal': {
      const values = new Set(def.values ?? []);
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (v) => v === null || inner(v);
    }
    case 'array': {
      const element = compile(def.element!);
      return (v) => {
        if (!Array.isArray(v) || !checks(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object': {
      const keys = Object.keys(def.shape ?? {});
      const tests = keys.map((key) => compile(def.shape![key]!));
      const known = new Set(keys);
      // Loose objects keep other members as they are; plain and strict ones must have none.
      const loose = def.catchall !== undefined && def.catchall._zod.def.type === 'unknown';
      if (def.catchall !== undefined && !loose) return never;
      return (v) => {
        if (!isObject(v)) return false;
        for (let i = 0; i < keys.length; i++) if (!tests[i]!(v[keys[i]!])) return false;
        if (!loose) for (const key of Object.keys(v)) if (!known.has(key)) return false;
        return true;
      };
    }
    case 'union': {
      // zod keeps the first option that succeeds: with no transforms inside, any success returns the value itself.
      if (!isPure(schema)) return never;
      const options = (def.options ?? []).map(compile);
      return (v) => options.some((o) => o(v));
    }
    case 'pipe': {
      // z.preprocess(fn, schema): unchanged when fn hands the value back and the schema keeps it.
      const from = def.in!._zod.def;
      const out = compile(def.out!);
      if (from.type === 'transform' && typeof from.transform === 'function') {
        const fn = from.transform;
        return (v) => {
          try {
            return fn(v) === v && out(v);
          } catch {
            return false;
          }
        };
      }
      const into = compile(def.in!);
      return (v) => into(v) && out(v);
    }
    default:
      return never;
  }
}
