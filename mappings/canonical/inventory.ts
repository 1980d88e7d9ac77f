/**
 * An inventory level: the stock of one SKU at one location, as the source reported it at one
 * time. A location is the seller's own warehouse, an overseas (third-party) warehouse, or a
 * marketplace's fulfilment network (Amazon FBA in one marketplace or region). Quantities are
 * split the way fulfilment networks report them (FBA Inventory API, FBA inventory reports):
 * available, inbound, reserved, unfulfillable, researching and total; a source that only states
 * some of them (a warehouse's "on hand", AliExpress/Alibaba stock) fills those and leaves the
 * rest absent. Absent means "not stated", never zero.
 */
import { z } from 'zod';
import { CountryCodeSchema } from './address.js';
import { RefsSchema, UtcTimestampSchema } from './order.js';

/** A count of units: a non-negative integer. */
export const InventoryCountSchema = z.number().int().nonnegative();

export const InventoryLocationTypeSchema = z.enum(['own-warehouse', 'overseas-warehouse', 'marketplace-fulfilment']);
export type InventoryLocationType = z.infer<typeof InventoryLocationTypeSchema>;

export const InventoryLocationSchema = z.strictObject({
  type: InventoryLocationTypeSchema,
  /** Stable id of the location in the hub, e.g. `amazon-fba:A1PA6795UKMFR9` or the tenant's warehouse code. */
  id: z.string().min(1),
  name: z.string().min(1).optional(),
  country: CountryCodeSchema.optional(),
  /** The marketplace whose stock this is (Amazon marketplaceId), for marketplace-fulfilment locations. */
  marketplaceId: z.string().min(1).optional(),
  /** The fulfilment network or pool as the source names it (Amazon: `AFN`, a region such as `eu`, a fulfillment network code). */
  fulfilmentNetwork: z.string().min(1).optional(),
});
export type InventoryLocation = z.infer<typeof InventoryLocationSchema>;

export const InventoryQuantitiesSchema = z.strictObject({
  /** Units that can be picked, packed and shipped now (FBA fulfillable, a warehouse's available). */
  available: InventoryCountSchema.optional(),
  /** Units on their way in: notified (working), shipped with tracking, being received. */
  inbound: z
    .strictObject({ working: InventoryCountSchema.optional(), shipped: InventoryCountSchema.optional(), receiving: InventoryCountSchema.optional() })
    .optional(),
  /** Units held back: for customer orders, in transfer between fulfilment centres, sidelined for processing. */
  reserved: z
    .strictObject({
      total: InventoryCountSchema.optional(),
      pendingCustomerOrder: InventoryCountSchema.optional(),
      pendingTransshipment: InventoryCountSchema.optional(),
      fcProcessing: InventoryCountSchema.optional(),
    })
    .optional(),
  /** Units in unsellable condition, with the source's reasons (customerDamaged, expired …) as keys. */
  unfulfillable: z.strictObject({ total: InventoryCountSchema.optional(), byReason: z.record(z.string().min(1), InventoryCountSchema).optional() }).optional(),
  /** Misplaced or damaged units being researched, with the source's durations as keys. */
  researching: z.strictObject({ total: InventoryCountSchema.optional(), byDuration: z.record(z.string().min(1), InventoryCountSchema).optional() }).optional(),
  /** Units not yet in the network that the source already counts: reserved for, or buyable from, future supply (Amazon FBA). */
  futureSupply: z.strictObject({ reserved: InventoryCountSchema.optional(), buyable: InventoryCountSchema.optional() }).optional(),
  /** All units the location holds or expects, as the source totals them. */
  total: InventoryCountSchema.optional(),
});
export type InventoryQuantities = z.infer<typeof InventoryQuantitiesSchema>;

export const InventoryLevelSchema = z.strictObject({
  /** The tenant's connection the level was read through, e.g. `amazon-eu`. */
  channel: z.string().min(1).optional(),
  vendor: z.string().min(1),
  sku: z.string().min(1),
  location: InventoryLocationSchema,
  quantities: InventoryQuantitiesSchema,
  /** The source's condition of the stock, verbatim (Amazon: `NewItem`, `SELLABLE`). */
  condition: z.string().min(1).optional(),
  productName: z.string().min(1).optional(),
  /** When the source says the quantities were last updated (UTC); absent when it states no time. */
  observedAt: UtcTimestampSchema.optional(),
  /** Vendor identifiers: Amazon asin, fnsku … */
  refs: RefsSchema,
});
export type InventoryLevel = z.infer<typeof InventoryLevelSchema>;
