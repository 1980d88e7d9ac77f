/**
 * Lenient zod building blocks for the Alibaba group's TOP/IOP replies (AliExpress, Alibaba.com):
 * identifiers as strings or numbers (big ones already strings: the reply is parsed with
 * connectors/http/lossless-json.ts), lists with and without `simplify` (`{ "order_dto": [ … ] }`
 * or the bare array, and a lone object where one item was sent), money objects in each form
 * the platforms use.
 */
import { z } from 'zod';
import { isObject } from '../../http/json-object.js';

/** An identifier: text, a JSON number, or (past 2^53) the exact digits as text. Always text out. */
export const idLike = z.union([z.string(), z.number(), z.bigint()]).transform((v) => String(v));
/** Optional idLike; null and blank are absent. */
export const optionalIdLike = z.preprocess((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v), idLike.optional()).optional();

/** Optional text; null is absent, numbers are read as their text. */
export const optionalText = z.preprocess((v) => (v === null ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional()).optional();

/** Optional count sent as a number or numeric text ("2", "2.0000"), kept as text for exact reading. */
export const optionalQuantityText = z
  .preprocess((v) => (v === null || v === '' ? undefined : typeof v === 'number' ? String(v) : v), z.string().regex(/^\d+(\.\d+)?$/, 'expected a quantity').optional())
  .optional();

/**
 * A list with or without `simplify`: the bare array; the wrapping object `{ "<singular>": [ … ] }`
 * (its only member); a lone object where the platform sent one item unwrapped; null as empty.
 */
export function topList<T extends z.ZodType>(item: T) {
  return z
    .preprocess((v) => {
      if (v === null || v === undefined) return undefined;
      if (Array.isArray(v)) return v;
      if (isObject(v)) {
        const values = Object.values(v);
        if (values.length === 1 && Array.isArray(values[0])) return values[0];
        if (values.length === 1 && isObject(values[0])) return [values[0]];
        if (values.length === 0) return [];
      }
      return v;
    }, z.array(item).optional())
    .optional();
}

/**
 * Money as the platforms send it: `{ amount: "8.34", currency_code: "USD" }` (AliExpress),
 * `{ amount, currency: "USD" }` (Alibaba.com), or the TOP Java model's cents form
 * `{ cent: 834, cent_factor: 100, currency_code | currency: { currency_code } }`.
 */
export const WireMoneySchema = z.looseObject({
  amount: z.union([z.string(), z.number()]).nullish(),
  cent: z.union([z.string(), z.number()]).nullish(),
  cent_factor: z.union([z.string(), z.number()]).nullish(),
  currency_code: z.string().nullish(),
  currency: z.union([z.string(), z.looseObject({ currency_code: z.string().nullish() })]).nullish(),
});
export type WireMoney = z.infer<typeof WireMoneySchema>;
export const optionalMoney = z.preprocess((v) => (v === null ? undefined : v), WireMoneySchema.optional()).optional();

/** Marks an id or decimal (as text) to be written as a bare JSON number of its exact text by jsonWithExactIds. */
export class ExactId {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return `\u0000exact-number:${this.digits}`;
  }
}
const EXACT_NUMBER_TEXT = /"\\u0000exact-number:(\d+(?:\.\d+)?)"/g;

/**
 * JSON text of a request parameter in which every ExactId is a bare number of its text: the
 * platform's ids are numbers in its models (product_id, order_id) and may pass 2^53, which a JS
 * number would round; prices are decimals, never floats on our side.
 */
export function jsonWithExactIds(value: unknown): string {
  return JSON.stringify(value).replace(EXACT_NUMBER_TEXT, '$1');
}
