import { z } from 'zod';
import { AddressSchema, CountryCodeSchema } from './address.js';
import { DecimalStringSchema } from './fx.js';
import { CurrencyCodeSchema, MoneySchema } from './money.js';
import { RefsSchema } from './order.js';

export const IncotermSchema = z.enum(['DAP', 'DDP']);
export type Incoterm = z.infer<typeof IncotermSchema>;

/** Harmonized System code: 6 digits internationally, up to 10 (or more) nationally; digits only. */
export const HsCodeSchema = z.string().regex(/^\d{6,12}$/, 'must be an HS code of 6 to 12 digits, no dots');

/** A customs line: what is in the parcel, where it was made, what it is worth. */
export const CustomsItemSchema = z.object({
  /** Line id (order line id or SKU). */
  id: z.string().min(1),
  sku: z.string().optional(),
  description: z.string().min(1),
  hsCode: HsCodeSchema,
  originCountry: CountryCodeSchema,
  quantity: z.number().int().positive(),
  /** Customs value of the whole line (unit value × quantity). */
  value: MoneySchema,
  /** Net weight of the whole line in kilograms, as a decimal string. */
  weightKg: DecimalStringSchema.optional(),
  /** Product tax category for VAT/GST (see TaxCategorySchema in tax.ts). */
  taxCategory: z.string().optional(),
});
export type CustomsItem = z.infer<typeof CustomsItemSchema>;

/** Outside measures of a parcel in centimetres, decimal strings. */
export const ParcelDimensionsSchema = z.object({ length: DecimalStringSchema, width: DecimalStringSchema, height: DecimalStringSchema });
export type ParcelDimensions = z.infer<typeof ParcelDimensionsSchema>;

/**
 * One box as it is handed to the carrier: its gross weight (goods and packing) and measures,
 * and which customs lines (by `CustomsItem.id`) it holds, with how many units of each.
 */
export const ParcelSchema = z.object({
  /** 1, 2, … within the shipment; carriers print it as the piece number. */
  id: z.string().min(1),
  /** Gross weight in kilograms, as a decimal string. */
  weightKg: DecimalStringSchema,
  dimensionsCm: ParcelDimensionsSchema.optional(),
  items: z.array(z.object({ itemId: z.string().min(1), quantity: z.number().int().positive() })).default([]),
});
export type Parcel = z.infer<typeof ParcelSchema>;

export const ShipmentSchema = z.object({
  id: z.string().min(1),
  shipFrom: AddressSchema,
  shipTo: AddressSchema,
  incoterm: IncotermSchema,
  currency: CurrencyCodeSchema,
  items: z.array(CustomsItemSchema).min(1),
  /** The boxes; absent: one parcel weighing the items' total weight (quotes). */
  parcels: z.array(ParcelSchema).min(1).optional(),
  shipping: MoneySchema.optional(),
  insurance: MoneySchema.optional(),
  carrier: z.string().optional(),
  service: z.string().optional(),
  /** The order this shipment fulfils. */
  orderRef: z.object({ channel: z.string(), externalId: z.string() }).optional(),
  refs: RefsSchema.default({}),
});
export type Shipment = z.infer<typeof ShipmentSchema>;
