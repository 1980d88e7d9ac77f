/**
 * Stock publishing per connection (`connections.<id>.inventory` in the tenants file): the
 * warehouses a channel ships from, what is held back, and its share of stock that several
 * channels draw on; and the tenant's rule for splitting such stock (`inventory.rule`).
 * See engines/inventory for how the numbers are computed.
 */
import { z } from 'zod';
import { FlowScheduleSchema } from './flow-schedule.js';


const locationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be a location id such as DE-HAM (letters, digits, . _ : -)');

/** How one marketplace of the channel shares stock; each field falls back to the channel's. */
const ShareSettingsSchema = z
  .object({
    /** Warehouses (location ids of `caravan inventory import`) this marketplace ships from, first choice first. */
    locations: z.array(locationId).min(1).optional(),
    /** Units held back from what this marketplace is promised. */
    safetyBuffer: z.number().int().min(0).optional(),
    /** Share of stock drawn on by several channels (rule `share`), a positive whole number. */
    weight: z.number().int().min(1).optional(),
    /** Fill order (rule `priority`): lower first. */
    priority: z.number().int().optional(),
    /** The most this marketplace is promised. */
    maxUnits: z.number().int().min(0).optional(),
    /**
     * Working days from order to dispatch, sent with every quantity (Amazon:
     * lead_time_to_ship_max_days): a quantity update replaces the whole fulfilment attribute,
     * so a handling time not sent with it falls back to the marketplace's default.
     */
    handlingDays: z.number().int().min(0).max(30).optional(),
  })
  .strict();

export const InventorySyncSettingsSchema = ShareSettingsSchema.extend({
  locations: z.array(locationId).min(1),
  safetyBuffer: z.number().int().min(0).default(0),
  weight: z.number().int().min(1).default(1),
  /** Per marketplace id: overrides, or `false` to publish no stock there. */
  marketplaces: z.record(z.string().min(1), z.union([ShareSettingsSchema, z.literal(false)])).default({}),
  /** Read the marketplace's own fulfilment stock (Amazon FBA) back into the hub. */
  readMarketplaceStock: z.boolean().default(false),
  /** Listings Items calls up to this many changed SKUs; a feed above. */
  feedThreshold: z.number().int().min(0).default(20),
  schedule: FlowScheduleSchema.optional(),
}).strict();
export type InventorySyncSettings = z.infer<typeof InventorySyncSettingsSchema>;

export const TenantInventorySchema = z
  .object({
    /** How stock that several channels ship from is split: `share` by weight, or `priority` order. */
    rule: z.enum(['share', 'priority']).default('share'),
  })
  .strict();
export type TenantInventory = z.infer<typeof TenantInventorySchema>;

export interface InventoryShareTarget {
  readonly channel: string;
  readonly marketplaceId: string;
  readonly locations: readonly string[];
  readonly safetyBuffer: number;
  readonly weight: number;
  readonly priority?: number;
  readonly maxUnits?: number;
}

/** The handling time a marketplace's quantities are sent with (its override, else the channel's). */
export function handlingDaysOf(s: InventorySyncSettings, marketplaceId: string): number | undefined {
  const o = s.marketplaces[marketplaceId];
  return (o === false ? undefined : o?.handlingDays) ?? s.handlingDays;
}

/**
 * The allocation targets of one connection: one per marketplace it sells in (those the
 * settings list and not switched off), with the per-marketplace overrides applied.
 */
export function inventoryTargetsOf(channel: string, marketplaceIds: readonly string[], s: InventorySyncSettings): InventoryShareTarget[] {
  const out: InventoryShareTarget[] = [];
  for (const marketplaceId of marketplaceIds) {
    const o = s.marketplaces[marketplaceId];
    if (o === false) continue;
    const priority = o?.priority ?? s.priority;
    const maxUnits = o?.maxUnits ?? s.maxUnits;
    out.push({
      channel,
      marketplaceId,
      locations: o?.locations ?? s.locations,
      safetyBuffer: o?.safetyBuffer ?? s.safetyBuffer,
      weight: o?.weight ?? s.weight,
      ...(priority === undefined ? {} : { priority }),
      ...(maxUnits === undefined ? {} : { maxUnits }),
    });
  }
  return out;
}
