import { z } from 'zod';
import { isCountryCode } from './countries.js';

export const CountryCodeSchema = z
  .string()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code');

/**
 * A postal address. Lines are kept exactly as given (any script, right-to-left
 * included): no transliteration, trimming of inner spaces or case changes.
 */
export const AddressSchema = z.object({
  name: z.string().optional(),
  company: z.string().optional(),
  lines: z.array(z.string()),
  city: z.string().optional(),
  district: z.string().optional(),
  county: z.string().optional(),
  /** State, province, prefecture or region. */
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: CountryCodeSchema,
  phone: z.string().optional(),
  type: z.enum(['residential', 'commercial']).optional(),
});
export type Address = z.infer<typeof AddressSchema>;
