/**
 * A product in the seller's catalogue, as the hub holds it: one SKU, independent of any
 * channel. Listings (one per channel and marketplace) are derived from it by the tenant's
 * listing mapping and price rules. Titles, descriptions and bullet points are per locale
 * (BCP 47); attributes are the seller's own (colour, material, size …) and feed the mapping;
 * customs data (HS code, origin, certifications) and shipping data (weight, dimensions) feed
 * carriers and duty quotes. Decimals are text, money is minor units: nothing passes through
 * a float.
 */
import { z } from 'zod';
import { CountryCodeSchema } from './address.js';
import { LocaleSchema, LocalizedTextSchema } from './listing.js';
import { MoneySchema } from './money.js';

/** A positive decimal written as text: `0.45`, `12`. */
export const PositiveDecimalTextSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal such as 0.45 (digits, an optional "." fraction)')
  .refine((s) => /[1-9]/.test(s), 'must be more than zero');

export const WeightUnitSchema = z.enum(['g', 'kg', 'oz', 'lb']);
export const LengthUnitSchema = z.enum(['mm', 'cm', 'm', 'in']);

export const ProductWeightSchema = z.strictObject({ value: PositiveDecimalTextSchema, unit: WeightUnitSchema });
export type ProductWeight = z.infer<typeof ProductWeightSchema>;

export const ProductDimensionsSchema = z.strictObject({
  length: PositiveDecimalTextSchema,
  width: PositiveDecimalTextSchema,
  height: PositiveDecimalTextSchema,
  unit: LengthUnitSchema,
});
export type ProductDimensions = z.infer<typeof ProductDimensionsSchema>;

/** A product identifier: EAN/GTIN/UPC/ISBN/JAN, digits as text (leading zeros kept). */
export const ProductIdentifierSchema = z.strictObject({
  type: z.enum(['EAN', 'GTIN', 'UPC', 'ISBN', 'JAN']),
  value: z.string().regex(/^\d{8,14}$/, 'must be 8 to 14 digits'),
});
export type ProductIdentifier = z.infer<typeof ProductIdentifierSchema>;

/** A seller attribute value: text, a decimal as text, a flag, or a list of texts. */
export const ProductAttributeValueSchema = z.union([z.string(), z.boolean(), z.array(z.string())]);
export type ProductAttributeValue = z.infer<typeof ProductAttributeValueSchema>;

export const SkuSchema = z
  .string()
  .min(1)
  .max(40, 'must be at most 40 characters (Amazon seller SKU limit)')
  .refine((s) => s.trim() === s, 'must not start or end with spaces');

export const ProductSchema = z.strictObject({
  sku: SkuSchema,
  /** The seller's category of the product (e.g. `tshirt`, `handbag`): the key of the per-channel listing mapping. */
  category: z.string().min(1).optional(),
  brand: z.string().min(1).optional(),
  title: LocalizedTextSchema.refine((t) => Object.keys(t).length > 0, 'needs at least one locale'),
  description: LocalizedTextSchema.optional(),
  bulletPoints: z.record(LocaleSchema, z.array(z.string().min(1)).min(1)).optional(),
  /** The seller's attributes, by their own names. */
  attributes: z.record(z.string().min(1), ProductAttributeValueSchema).default({}),
  identifiers: z.array(ProductIdentifierSchema).optional(),
  hsCode: z.string().regex(/^\d{6,12}$/, 'must be an HS code of 6 to 12 digits, no dots').optional(),
  originCountry: CountryCodeSchema.optional(),
  certifications: z.array(z.string().min(1)).optional(),
  weight: ProductWeightSchema.optional(),
  dimensions: ProductDimensionsSchema.optional(),
  /** Image URLs, the main image first (http or https). */
  images: z.array(z.url({ protocol: /^https?$/ })).optional(),
  /** The seller's base price, the input of the per-market price rules. */
  basePrice: MoneySchema.optional(),
});
export type Product = z.infer<typeof ProductSchema>;
export type ProductInput = z.input<typeof ProductSchema>;
