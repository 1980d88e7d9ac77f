/** Amazon SP-API in the connector registry: a sales channel whose orders the hub imports and whose listings it publishes. */
import { defineConnector, type CapabilityCallOptions, type ListingsFeedState, type ListingTarget, type ListingWrite, type OrderSource, type VendorOrderRecord } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { amazonLedgerSource } from './descriptor-finances.js';
import { amazonInventoryTarget } from './descriptor-inventory.js';
import { amazonInventorySource, amazonReportSource, amazonShipmentConfirmer } from './descriptor-reports.js';
import { createAmazonClient, type AmazonClient } from './client.js';
import { AMAZON, AmazonConnectionSettingsSchema, AmazonCredentialsSchema, type AmazonConnectionSettings , amazonBaseUrl } from './config.js';
import { JSON_LISTINGS_FEED, splitListingsFeed } from './listings-feed.js';
import { AMAZON_JSON_FEED_CONTENT_TYPE } from './operations/create-feed-document.js';
import { parseFeedProcessingReport } from './operations/get-feed-document.js';
import { VALIDATION_PREVIEW } from './operations/listings-items-request.js';
import { amazonOrdersClient } from './personal-data.js';
import { AMAZON_2026_DEFAULT_INCLUDED_DATA } from './operations/search-orders.js';

/** The OrderSource recordFormat of Orders API 2026-01-01 records (v0 records carry none: the vendor's first format). */
export const AMAZON_ORDERS_2026_FORMAT = 'orders-2026-01-01';

/** The AmazonOrderId of a raw order, when it has a usable one. */
export function amazonOrderIdOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { AmazonOrderId?: unknown }).AmazonOrderId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function lastUpdateOf(raw: unknown): string | undefined {
  const at = raw && typeof raw === 'object' ? (raw as { LastUpdateDate?: unknown }).LastUpdateDate : undefined;
  return typeof at === 'string' ? at : undefined;
}

function textField(raw: unknown, key: string): string | undefined {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A raw order with the id and update time paging and resuming need, when it has them. */
function vendorRecord(order: unknown, id: string | undefined, updatedAt: string | undefined): VendorOrderRecord {
  return { order, ...(id !== undefined ? { id } : {}), ...(updatedAt !== undefined ? { updatedAt } : {}) };
}

/** The connection's Orders API: v0 unless the settings choose 2026-01-01. */
function amazonOrderSource(client: AmazonClient, settings: AmazonConnectionSettings): OrderSource {
  return settings.ordersApi === '2026-01-01' ? amazon2026OrderSource(client, settings) : amazonV0OrderSource(client, settings);
}

/**
 * searchOrders by lastUpdatedTime: each order carries its items, so there is no orderLines. The
 * paginationToken goes with the rest of the query again (the model asks for both).
 */
function amazon2026OrderSource(client: AmazonClient, settings: AmazonConnectionSettings): OrderSource {
  const { marketplaceIds } = settings;
  return {
    // searchOrders maxResultsPerPage: 1–100.
    maxPageSize: 100,
    recordFormat: AMAZON_ORDERS_2026_FORMAT,
    async listOrders(query, options) {
      const page = await client.searchOrders(
        {
          marketplaceIds,
          lastUpdatedAfter: query.window.from,
          lastUpdatedBefore: query.window.to,
          maxResultsPerPage: query.pageSize,
          includedData: AMAZON_2026_DEFAULT_INCLUDED_DATA,
          ...(query.cursor !== undefined ? { paginationToken: query.cursor } : {}),
        },
        options,
      );
      const records = page.orders.map((order) => vendorRecord(order, textField(order, 'orderId'), textField(order, 'lastUpdatedTime')));
      return page.nextToken !== undefined ? { records, cursor: page.nextToken } : { records };
    },
    throttled: () => client.stats().throttled,
  };
}

/** getOrders by LastUpdateDate, then getOrderItems per order (the listing carries no lines). */
function amazonV0OrderSource(client: AmazonClient, settings: AmazonConnectionSettings): OrderSource {
  const { marketplaceIds } = settings;
  return {
    // getOrders MaxResultsPerPage: 1–100.
    maxPageSize: 100,
    async listOrders(query, options) {
      const page = await client.getOrders(
        query.cursor !== undefined
          ? { marketplaceIds, nextToken: query.cursor }
          : { marketplaceIds, lastUpdatedAfter: query.window.from, lastUpdatedBefore: query.window.to, maxResultsPerPage: query.pageSize },
        options,
      );
      const records = page.orders.map((order) => vendorRecord(order, amazonOrderIdOf(order), lastUpdateOf(order)));
      return page.nextToken !== undefined ? { records, cursor: page.nextToken } : { records };
    },
    orderLines: (orderId, options) => client.getAllOrderItems(orderId, options),
    throttled: () => client.stats().throttled,
  };
}

// ---- Listings ---------------------------------------------------------------------------------

/** getFeed's processingStatus → the capability's feed state. */
export const AMAZON_FEED_STATES: Readonly<Record<string, ListingsFeedState>> = {
  IN_QUEUE: 'queued',
  IN_PROGRESS: 'in_progress',
  DONE: 'done',
  CANCELLED: 'cancelled',
  FATAL: 'fatal',
};

/**
 * One listing: putListingsItem (validateListing: the same with mode VALIDATION_PREVIEW), on the
 * connection's sellerId and the write's marketplace. Many: JSON_LISTINGS_FEED feeds, each
 * createFeedDocument → upload → createFeed. A Temporal retry after a partial submission sends
 * the earlier feeds again: their messages set the same data twice, which Amazon applies as once.
 */
function amazonListingTarget(client: AmazonClient, settings: AmazonConnectionSettings): ListingTarget {
  const sellerIdFor = (operation: string): string => {
    if (settings.sellerId === undefined) throw refuse(siteOf(AMAZON, operation), 'the connection has no sellerId (merchant token): listings need it');
    return settings.sellerId;
  };
  const put = async (write: ListingWrite, validate: boolean, options?: CapabilityCallOptions): Promise<unknown> => {
    const { submission } = await client.putListingsItem(
      {
        sellerId: sellerIdFor('putListingsItem'),
        sku: write.sku,
        marketplaceIds: [write.marketplaceId ?? settings.marketplaceIds[0]!],
        body: write.request,
        ...(validate ? { mode: VALIDATION_PREVIEW, includedData: ['identifiers', 'issues'] as const } : {}),
      },
      options,
    );
    return submission;
  };
  return {
    putListing: (write, options) => put(write, false, options),
    validateListing: (write, options) => put(write, true, options),
    async submitListingsFeed(messages, options) {
      const parts = splitListingsFeed({ sellerId: sellerIdFor('createFeed') }, messages);
      const marketplaceIds = options?.marketplaceIds ?? settings.marketplaceIds;
      const feeds = [];
      for (const part of parts) {
        const { document } = await client.createFeedDocument(AMAZON_JSON_FEED_CONTENT_TYPE, options);
        await client.uploadFeedDocument(document.url, part.content, AMAZON_JSON_FEED_CONTENT_TYPE, options);
        const { feedId } = await client.createFeed({ feedType: JSON_LISTINGS_FEED, marketplaceIds, inputFeedDocumentId: document.feedDocumentId }, options);
        feeds.push({ feedId, skus: part.skus, messages: part.feed.messages.length });
      }
      return { feeds };
    },
    async feedStatus(feedId, options) {
      const { feed } = await client.getFeed(feedId, options);
      const state = Object.hasOwn(AMAZON_FEED_STATES, feed.processingStatus) ? AMAZON_FEED_STATES[feed.processingStatus] : undefined;
      return {
        feedId: feed.feedId,
        rawStatus: feed.processingStatus,
        ...(state === undefined ? {} : { state }),
        ...(feed.resultFeedDocumentId === undefined || feed.resultFeedDocumentId === '' ? {} : { resultDocumentId: feed.resultFeedDocumentId }),
        feed,
      };
    },
    async feedResults(resultDocumentId, options) {
      const { document } = await client.getFeedDocument(resultDocumentId, options);
      return parseFeedProcessingReport(await client.downloadFeedDocument(document, options));
    },
    // getDefinitionsProductType (requirements LISTING, the seller's view), then its schema document.
    async productTypeSchema(productType, marketplaceId, options) {
      const { definition } = await client.getDefinitionsProductType(
        { productType, marketplaceIds: [marketplaceId], ...(settings.sellerId === undefined ? {} : { sellerId: settings.sellerId }), requirements: 'LISTING' },
        options,
      );
      const schema = await client.downloadProductTypeSchema(definition, options);
      return { schema, ...(definition.productTypeVersion?.version === undefined ? {} : { version: definition.productTypeVersion.version }) };
    },
  };
}
// ---- end Listings -----------------------------------------------------------------------------

export const AMAZON_CONNECTOR = defineConnector({
  vendor: 'amazon',
  title: 'Amazon Selling Partner API',
  settings: AmazonConnectionSettingsSchema,
  secrets: [['clientId', 'clientSecret', 'refreshToken']],
  credentials: AmazonCredentialsSchema,
  createClient: (o) => createAmazonClient(o),
  baseUrl: amazonBaseUrl,
  capabilities: {
    // settings.personalData 'rdt': v0 order reads with a restricted data token (personal-data.ts).
    orderSource: (client, settings) => amazonOrderSource(amazonOrdersClient(client, settings), settings),
    listingTarget: amazonListingTarget,
    // reports, FBA inventory, shipment confirmation (descriptor-reports.ts)
    reportSource: amazonReportSource,
    inventorySource: amazonInventorySource,
    shipmentConfirmer: amazonShipmentConfirmer,
    inventoryTarget: amazonInventoryTarget, // descriptor-inventory.ts
    // Finances 2024-06-19 transactions (descriptor-finances.ts)
    paymentLedgerSource: (client) => amazonLedgerSource(client),
  },
});

