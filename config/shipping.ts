/**
 * A tenant's shipping settings (the `shipping` section of a tenant in the tenants file): the
 * carrier connections rates are shopped across, the rule that picks one, where parcels leave
 * from, the default incoterm and how the customs paperwork is made.
 *
 * ```yaml
 * shipping:
 *   carriers: [dhl-express, fedex]
 *   rule: { cheapestWithin: 3 }      # or cheapest, fastest
 *   shipFrom: { name: …, lines: [Friedrichstrasse 10], city: Berlin, postalCode: '10117', country: DE, phone: '+49…' }
 *   defaultIncoterm: DAP
 * ```
 */
import { z } from 'zod';
import { AddressSchema } from '../mappings/canonical/address.js';
import { CurrencyCodeSchema } from '../mappings/canonical/money.js';
import { IncotermSchema } from '../mappings/canonical/shipment.js';
import { PositiveDecimalTextSchema } from '../mappings/canonical/product.js';
import { SHIPPING_TRACKING_FIELDS } from './tracking.js';

export const ShippingRuleSchema = z.union([
  z.enum(['cheapest', 'fastest']),
  z.strictObject({ cheapestWithin: z.number().int().min(1).max(60) }),
]);

export const TenantShippingSchema = z
  .object({
    /** Connection ids of the tenant offering the carrier capability (dhl, fedex); fulfilOrder needs them. */
    carriers: z.array(z.string().min(1)).min(1).optional(),
    rule: ShippingRuleSchema.default('cheapest'),
    /** Where parcels leave from; fulfilOrder needs it. */
    shipFrom: AddressSchema.optional(),
    defaultIncoterm: IncotermSchema.default('DAP'),
    /** The customs declaration's currency; the tenant's currency when absent. */
    declarationCurrency: CurrencyCodeSchema.optional(),
    /** Invoice numbers are this prefix and the order id (at most 35 characters in all). */
    invoicePrefix: z.string().max(10).default('INV-'),
    /**
     * Commercial invoice sent electronically: Caravan makes the PDF (engines/shipping/commercial-invoice.ts),
     * DHL gets it as the document image INV with service WY, FedEx as an ETD upload the shipment names.
     */
    paperlessTrade: z.boolean().default(true),
    /** A parcel is closed before it passes this gross weight in kg. */
    maxParcelKg: PositiveDecimalTextSchema.default('30'),
    /** Packing weight added to each parcel, in kg. */
    packagingKg: z.string().regex(/^\d+(\.\d+)?$/).default('0'),
    /** Parcel tracking (config/tracking.ts): stall thresholds per lane, polling. */
    ...SHIPPING_TRACKING_FIELDS,
  })
  .strict();
export type TenantShipping = z.infer<typeof TenantShippingSchema>;
/** The settings fulfilOrder ships with: carriers and a ship-from address present. */
export type FulfilShipping = TenantShipping & Required<Pick<TenantShipping, 'carriers' | 'shipFrom'>>;
