/**
 * The `listings:` section of a channel connection in the tenants file: how the tenant's
 * products become listings on that channel (engines/listing) and at what price on each
 * marketplace (engines/pricing).
 *
 *   listings:
 *     tables:                 # named lookup tables: key → value
 *       colours: { navy: Blue, red: Red }
 *     marketplaces:           # per marketplace id: the language of its texts and its price rule
 *       A1PA6795UKMFR9: { languageTag: de_DE, price: { rule: fixed, currency: EUR } }
 *       A1F83G8C2ARO7P: { languageTag: en_GB, price: { rule: convert, currency: GBP, margin: "1.1", ending: "0.99" } }
 *     schedule: { every: 1d }  # optional: listingsPublish on a Temporal Schedule
 *     feedThreshold: 20       # optional: more changes than this per run go as feeds
 *     productTypes:           # per product category (Product.category)
 *       tshirt:
 *         productType: SHIRT
 *         attributes:         # per channel attribute: exactly one of fixed / table + key / expr
 *           item_name: { expr: "$lookup(product.title, marketplace.locale)", languageTag: true }
 *           color: { table: colours, key: "product.attributes.colour", languageTag: true }
 *           condition_type: { fixed: new_new }
 *
 * Every JSONata expression is compiled here, at load: a syntax error stops start-up naming the
 * attribute (`….productTypes.tshirt.attributes.item_name: JSONata syntax error at 12: …`).
 * Decimals (margin, amounts, endings) are quoted text, never YAML numbers (floats).
 */
import { z } from 'zod';
import { compileExpression, LISTING_REQUIREMENTS, type AttributeSource, type ChannelListingRules } from '../engines/listing/index.js';
import { endingProblem, type PriceRule } from '../engines/pricing/index.js';
import { currencyInfo } from '../mappings/canonical/currencies.js';
import { Decimal } from '../mappings/canonical/decimal.js';
import { CurrencyCodeSchema } from '../mappings/canonical/money.js';
import { FlowScheduleSchema, type FlowSchedule } from './flow-schedule.js';

/**
 * Vendors whose connections take a `listings:` section. The attribute model is Amazon's
 * (Listings Items / JSON_LISTINGS_FEED); the registry's `listingTarget` capability has no
 * implementation yet, so the vendor is checked by name until a connector offers it.
 */
export const LISTING_MAPPING_VENDORS: readonly string[] = ['amazon', 'aliexpress', 'alibaba'];

/** Vendors whose attributes are Amazon-style entry lists; the others take plain values (engines/listing AttributeShape). */
export function attributeShapeOf(vendor: string): 'entries' | 'values' {
  return vendor === 'amazon' ? 'entries' : 'values';
}

const decimalText = (what: string) =>
  z.string({ error: `must be ${what} written as quoted text, e.g. "1.15" (YAML numbers are floats)` }).regex(/^\d+(\.\d+)?$/, `must be ${what} such as "1.15"`);

const PriceEndingSchema = z.union([z.enum(['0.99', '0.95', 'whole']), z.strictObject({ roundTo: decimalText('a step'), minus: decimalText('an amount').optional() })], {
  error: 'must be "0.99", "0.95", "whole" or { roundTo: "100", minus: "20" } (quote the decimals)',
});

const PriceRuleSchema = z
  .discriminatedUnion(
    'rule',
    [
      z.strictObject({ rule: z.literal('fixed'), currency: CurrencyCodeSchema, amount: decimalText('an amount').optional() }),
      z.strictObject({
        rule: z.literal('convert'),
        currency: CurrencyCodeSchema,
        margin: decimalText('a factor').refine((m) => !Decimal.parse(m).isZero(), 'must be more than zero').optional(),
        ending: PriceEndingSchema.optional(),
        direction: z.enum(['up', 'nearest']).optional(),
        source: z.string().min(1).optional(),
      }),
    ],
    { error: 'must be { rule: fixed, currency } or { rule: convert, currency, margin?, ending?, direction? }' },
  )
  .superRefine((rule, ctx) => {
    if (rule.rule === 'fixed' && rule.amount !== undefined) {
      const exponent = currencyInfo(rule.currency)?.exponent ?? 0;
      if (Decimal.parse(rule.amount).normalize().scale > exponent) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: `has more decimals than ${rule.currency} allows (${exponent})` });
      }
    }
    if (rule.rule === 'convert' && rule.ending !== undefined) {
      const problem = endingProblem(rule.ending, rule.currency);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['ending'], message: problem });
    }
  })
  .transform((rule): PriceRule => rule);

const SOURCE_KINDS = ['fixed', 'table', 'expr'] as const;

const AttributeSourceSchema = z
  .strictObject({
    fixed: z.json().optional(),
    table: z.string().min(1).optional(),
    /** The table key, as a JSONata expression. */
    key: z.string().min(1).optional(),
    default: z.json().optional(),
    expr: z.string().min(1).optional(),
    /** Add the marketplace id to each entry (default true; false for fulfillment_availability). */
    marketplaceId: z.boolean().optional(),
    /** Add the marketplace's language tag to each entry (texts). */
    languageTag: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const given = SOURCE_KINDS.filter((k) => k in a);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `needs exactly one of fixed, table (with key) or expr${given.length > 1 ? ` (has ${given.join(', ')})` : ''}` });
      return;
    }
    if (a.table !== undefined && a.key === undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: 'a table lookup needs a key expression, e.g. product.attributes.colour' });
    if (a.table === undefined && (a.key !== undefined || 'default' in a)) ctx.addIssue({ code: 'custom', message: 'key and default belong to a table lookup' });
    for (const [text, what] of [[a.expr, ''], [a.key, 'key: ']] as const) {
      if (text === undefined) continue;
      const c = compileExpression(text);
      if (!c.ok) ctx.addIssue({ code: 'custom', message: `${what}${c.message}` });
    }
  })
  .transform((a): AttributeSource => a as AttributeSource);

const ProductTypeMappingSchema = z.strictObject({
  /** The channel's product type (Amazon: SHIRT, HANDBAG …). */
  /** Amazon: a product type name (SHIRT); AliExpress and Alibaba.com: the category id. */
  productType: z.string().regex(/^[A-Z0-9_]+$/, 'must be a product type name such as SHIRT, or a category id such as 200000346'),
  requirements: z.enum(LISTING_REQUIREMENTS).optional(),
  attributes: z
    .record(z.string().regex(/^[a-z0-9_]+$/, 'must be an attribute name such as item_name'), AttributeSourceSchema)
    .refine((a) => Object.keys(a).length > 0, 'needs at least one attribute'),
});

export const ListingsConfigSchema = z
  .strictObject({
    tables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must be a table name such as colours'), z.record(z.string(), z.json())).default({}),
    marketplaces: z.record(
      z.string().min(1),
      z.strictObject({
        languageTag: z.string().regex(/^[a-z]{2,3}_[A-Z]{2}$/, 'must be a language tag such as de_DE'),
        price: PriceRuleSchema,
      }),
    ),
    productTypes: z.record(z.string().min(1), ProductTypeMappingSchema),
    /** Set from the connection's vendor when the tenants file loads (config/tenants-config.ts). */
    attributeShape: z.enum(['entries', 'values']).optional(),
    /** listingsPublish on a Temporal Schedule, created by `caravan schedules apply`. */
    schedule: FlowScheduleSchema.optional(),
    /** More SKU×marketplace changes than this in one publish go as feeds, fewer one by one (default 20). */
    feedThreshold: z.number().int().min(0).optional(),
  })
  .superRefine((l, ctx) => {
    for (const [category, mapping] of Object.entries(l.productTypes)) {
      for (const [attribute, source] of Object.entries(mapping.attributes)) {
        if ('table' in source && l.tables[source.table] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['productTypes', category, 'attributes', attribute, 'table'],
            message: `no table "${source.table}" in listings.tables (declared: ${Object.keys(l.tables).join(', ') || '(none)'})`,
          });
        }
      }
    }
  })
  .transform((l): ListingsConfig => l);
export type ListingsConfig = ChannelListingRules & { readonly schedule?: FlowSchedule; readonly feedThreshold?: number };
