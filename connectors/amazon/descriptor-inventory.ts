/**
 * Amazon as an inventory target: the seller-fulfilled quantity of a listing per marketplace.
 *
 * A few updates: one patchListingsItem each, `replace /attributes/fulfillment_availability`
 * with `[{fulfillment_channel_code: "DEFAULT", quantity}]` on the update's marketplace (the
 * attribute names no marketplace: the listings feed schema's PATCH example and the Listings
 * Items model's FulfillmentAvailability carry none; the marketplace is the call's). Many: a
 * JSON_LISTINGS_FEED of the same PATCH messages per marketplace (a feed applies to the
 * marketplaces createFeed names, and each marketplace has its own quantity), split by
 * splitListingsFeed's limits. A Temporal retry resends identical quantities: replacing a
 * quantity twice is the same as once.
 */
import type { CapabilityCallOptions, InventoryTarget, QuantitiesFeedSubmission, QuantityUpdate } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import type { AmazonClient } from './client.js';
import { AMAZON, type AmazonConnectionSettings } from './config.js';
import { JSON_LISTINGS_FEED, splitListingsFeed } from './listings-feed.js';
import { AMAZON_JSON_FEED_CONTENT_TYPE } from './operations/create-feed-document.js';

/** The merchant-fulfilled channel's code in fulfillment_availability. */
export const AMAZON_MERCHANT_FULFILMENT_CHANNEL = 'DEFAULT';

/**
 * The JSON Patch that sets a listing's seller-fulfilled quantity. `replace` swaps the whole
 * attribute, so the handling time (lead_time_to_ship_max_days) goes with it when the channel
 * configures one; without it Amazon falls back to the marketplace default.
 */
export function amazonQuantityPatch(quantity: number, handlingDays?: number): { op: 'replace'; path: string; value: unknown[] } {
  return {
    op: 'replace',
    path: '/attributes/fulfillment_availability',
    value: [{ fulfillment_channel_code: AMAZON_MERCHANT_FULFILMENT_CHANNEL, quantity, ...(handlingDays === undefined ? {} : { lead_time_to_ship_max_days: handlingDays }) }],
  };
}

function checked(update: QuantityUpdate, operation: string, settings: AmazonConnectionSettings): { productType: string; sellerId: string } {
  const site = siteOf(AMAZON, operation, update.sku);
  if (settings.sellerId === undefined) throw refuse(site, 'the connection has no sellerId (merchant token): listings need it');
  if (!Number.isSafeInteger(update.quantity) || update.quantity < 0) throw refuse(site, `SKU ${update.sku}: quantity must be a whole number ≥ 0, got ${update.quantity}`);
  if (update.productType === undefined || update.productType === '') {
    throw refuse(site, `SKU ${update.sku}: a patch names the listing's product type, and none is known (the connection's listings.productTypes)`);
  }
  if (!settings.marketplaceIds.includes(update.marketplaceId)) {
    throw refuse(site, `SKU ${update.sku}: marketplace ${update.marketplaceId} is not one of the connection's (${settings.marketplaceIds.join(', ')})`);
  }
  return { productType: update.productType, sellerId: settings.sellerId };
}

export function amazonInventoryTarget(client: AmazonClient, settings: AmazonConnectionSettings): InventoryTarget {
  return {
    async setQuantities(updates, options?: CapabilityCallOptions) {
      const out = [];
      // One at a time: the client's limiter paces patchListingsItem (5/s) anyway.
      for (const u of updates) {
        const { productType, sellerId } = checked(u, 'patchListingsItem', settings);
        const { submission } = await client.patchListingsItem(
          { sellerId, sku: u.sku, marketplaceIds: [u.marketplaceId], body: { productType, patches: [amazonQuantityPatch(u.quantity, u.handlingDays)] } },
          options,
        );
        out.push({ sku: u.sku, marketplaceId: u.marketplaceId, submission });
      }
      return out;
    },
    async submitQuantitiesFeed(updates, options?: CapabilityCallOptions): Promise<QuantitiesFeedSubmission> {
      const byMarketplace = new Map<string, unknown[]>();
      let sellerId = '';
      for (const u of updates) {
        const c = checked(u, 'createFeed', settings);
        sellerId = c.sellerId;
        const list = byMarketplace.get(u.marketplaceId) ?? [];
        list.push({ sku: u.sku, operationType: 'PATCH', productType: c.productType, patches: [amazonQuantityPatch(u.quantity, u.handlingDays)] });
        byMarketplace.set(u.marketplaceId, list);
      }
      const feeds = [];
      for (const [marketplaceId, messages] of byMarketplace) {
        for (const part of splitListingsFeed({ sellerId }, messages)) {
          const { document } = await client.createFeedDocument(AMAZON_JSON_FEED_CONTENT_TYPE, options);
          await client.uploadFeedDocument(document.url, part.content, AMAZON_JSON_FEED_CONTENT_TYPE, options);
          const { feedId } = await client.createFeed({ feedType: JSON_LISTINGS_FEED, marketplaceIds: [marketplaceId], inputFeedDocumentId: document.feedDocumentId }, options);
          feeds.push({ feedId, marketplaceId, skus: part.skus, messages: part.feed.messages.length });
        }
      }
      return { feeds };
    },
  };
}
