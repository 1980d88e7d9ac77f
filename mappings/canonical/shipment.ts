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

export const ShipmentSchema = z.object({
  id: z.string().min(1),
  shipFrom: AddressSchema,
  shipTo: AddressSchema,
  incoterm: IncotermSchema,
  currency: CurrencyCodeSchema,
  items: z.array(CustomsItemSchema).min(1),
  shipping: MoneySchema.optional(),
  insurance: MoneySchema.optional(),
  carrier: z.string().optional(),
  service: z.string().optional(),
  /** The order this shipment fulfils. */
  orderRef: z.object({ channel: z.string(), externalId: z.string() }).optional(),
  refs: RefsSchema.default({}),
});
export type Shipment = z.infer<typeof ShipmentSchema>;
