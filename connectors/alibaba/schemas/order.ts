/**
 * Alibaba.com Open Platform order replies actually mapped (../shared/vendor/alibaba: the v2
 * integration guide's examples): `/alibaba/order/get` (`value` = one order) and
 * `/alibaba/order/list` (`value.order_list[]`). Lenient: ids as text or number, dates as
 * `{ format_date, timestamp }` with epoch milliseconds as text or number, quantities as
 * decimal text ("2.0000").
 */
import { z } from 'zod';

/** Optional text; null is absent, numbers are read as their text. */
export const optionalText = z.preprocess((v) => (v === null ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional()).optional();
/** An optional id: text, a JSON number or (past 2^53) exact digits; always text out. */
export const optionalIdLike = z
  .preprocess((v) => (v === null || v === '' ? undefined : v), z.union([z.string(), z.number(), z.bigint()]).transform((v) => String(v)).optional())
  .optional();
/** A list with or without its one-member wrapper object (`{ "sku_definition": [ … ] }`); null is absent. */
export const optionalList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === null ? undefined : v !== undefined && !Array.isArray(v) && typeof v === 'object' && Object.values(v as object).length === 1 && Array.isArray(Object.values(v as object)[0]) ? Object.values(v as object)[0] : v), z.array(item).optional()).optional();

export const AlibabaMoneySchema = z.looseObject({
  amount: z.union([z.string(), z.number()]).nullish(),
  currency: optionalText,
  currency_code: optionalText,
});
export type AlibabaMoney = z.infer<typeof AlibabaMoneySchema>;
const optionalMoney = z.preprocess((v) => (v === null ? undefined : v), AlibabaMoneySchema.optional()).optional();

/** `{ format_date: "Jul. 31, 2025, 21:09:36 PDT.", timestamp: "1754021376000" }`. */
export const AlibabaDateSchema = z.looseObject({ format_date: optionalText, timestamp: optionalIdLike });
const optionalDate = z.preprocess((v) => (v === null ? undefined : v), AlibabaDateSchema.optional()).optional();

const PhoneSchema = z.looseObject({ country: optionalText, area: optionalText, number: optionalText });

export const AlibabaShippingAddressSchema = z.looseObject({
  zip: optionalText,
  country: optionalText,
  country_code: optionalText,
  province: optionalText,
  province_code: optionalText,
  city: optionalText,
  address: optionalText,
  alternate_address: optionalText,
  contact_person: optionalText,
  mobile: PhoneSchema.nullish(),
  telephone: PhoneSchema.nullish(),
});
export type AlibabaShippingAddress = z.infer<typeof AlibabaShippingAddressSchema>;

export const AlibabaOrderProductSchema = z.looseObject({
  product_id: optionalIdLike,
  sku_id: optionalIdLike,
  /** The seller's own SKU code (the order get reference sample carries it). */
  sku_code: optionalText,
  name: optionalText,
  quantity: z.preprocess((v) => (v === null || v === '' ? undefined : typeof v === 'number' ? String(v) : v), z.string().optional()).optional(),
  unit: optionalText,
  unit_price: optionalMoney,
  sku_attributes: optionalList(z.looseObject({ key: optionalText, value: optionalText })),
});
export type AlibabaOrderProduct = z.infer<typeof AlibabaOrderProductSchema>;

export const AlibabaOrderSchema = z.looseObject({
  trade_id: optionalIdLike,
  trade_status: optionalText,
  pay_step: optionalText,
  fulfillment_channel: optionalText,
  create_date: optionalDate,
  modify_date: optionalDate,
  shipping_address: AlibabaShippingAddressSchema.nullish(),
  order_products: optionalList(AlibabaOrderProductSchema),
  product_total_amount: optionalMoney,
  shipment_fee: optionalMoney,
  total_amount: optionalMoney,
  carrier: z.looseObject({ code: optionalText, name: optionalText }).nullish(),
  buyer: z.looseObject({ immutable_eid: optionalText, full_name: optionalText }).nullish(),
  seller: z.looseObject({ immutable_eid: optionalText, full_name: optionalText }).nullish(),
});
export type AlibabaOrder = z.infer<typeof AlibabaOrderSchema>;
