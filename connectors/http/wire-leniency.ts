/**
 * Lenient zod building blocks for vendor replies, shared by every connector's schemas.ts.
 *
 * Vendors' real answers stray from their own descriptions in a few recurring ways: booleans
 * and counts sent as strings (SP-API getOrders `"IsReplacementOrder": "false"`), `null` or
 * `""` where a field is absent, dates without milliseconds or with an offset. Each helper
 * accepts one such deviation and yields the described type, so mappings see one shape.
 * What cannot be interpreted ("19,99" as an amount, "yes" as a boolean, 2026-02-30) is still
 * an issue on the field that carries it.
 */
import { z } from 'zod';

const isBlank = (v: unknown): boolean => typeof v === 'string' && v.trim() === '';

// The outer `.optional()` keeps the key optional in both z.input and z.infer types; the input
// type stays the described one (plus null), so a sandbox can build payloads from z.input.

/** An optional field where an explicit `null` means absent (writers emit null for missing fields). */
export function nullAsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((v: z.input<T> | null | undefined) => (v === null ? undefined : v), schema.optional()).optional();
}

/** An optional field where `null`, `""` or blank text means absent. */
export function emptyAsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((v: z.input<T> | null | undefined) => (v === null || isBlank(v) ? undefined : v), schema.optional()).optional();
}

const lowerText = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);

/**
 * A boolean sent as a JSON boolean or as the text `true`/`false` in any case
 * (`"false"`, `"False"`). Other text stays an issue ("expected boolean, received string").
 */
export const booleanLike = z.preprocess((v: boolean | string) => {
  const text = lowerText(v);
  return text === 'true' ? true : text === 'false' ? false : v;
}, z.boolean());

/** Optional booleanLike: null and blank read as absent. */
export const optionalBooleanLike = emptyAsAbsent(booleanLike);

/** A non-negative integer count sent as a JSON number or as its decimal digits (`"1"`). */
export const countLike = z.preprocess(
  (v: number | string) => (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v),
  z.number().int().min(0),
);

/** Optional countLike: null and blank read as absent. */
export const optionalCountLike = emptyAsAbsent(countLike);

/**
 * ISO 8601 date-time the vendors actually send: `…Z`, with or without fractional seconds,
 * with an offset (`+02:00`, `+0200`), or a bare date with an offset (`2020-01-22+01:00`, as
 * the VIES services answer). The text is kept as sent; impossible dates are issues.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function isDateTimeLike(text: string): boolean {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) return false;
  return true;
}

export const dateTimeLike = z.string().refine(isDateTimeLike, { message: 'expected an ISO 8601 date-time' });

/**
 * A JSON value with every `null` member dropped (array entries kept), for records whose every
 * field is optional or absent-as-null: what re-serialising tools write. Only what holds a null
 * is copied; a value without any comes back as is (most replies: the import's hot path).
 */
export function withoutNullFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const w = withoutNullFields(v);
      if (w !== v) (copy ??= value.slice())[i] = w;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k of Object.keys(record)) {
    const v = record[k];
    if (v === null) {
      copy ??= { ...record };
      delete copy[k];
      continue;
    }
    const w = withoutNullFields(v);
    if (w !== v) (copy ??= { ...record })[k] = w;
  }
  return copy ?? value;
}
