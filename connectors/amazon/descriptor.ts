/** Amazon SP-API in the connector registry: a sales channel whose orders the hub imports. */
import { defineConnector, type OrderSource, type VendorOrderRecord } from '../capabilities.js';
import { createAmazonClient, type AmazonClient } from './client.js';
import { AmazonConnectionSettingsSchema, AmazonCredentialsSchema, type AmazonConnectionSettings, amazonBaseUrl } from './config.js';
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

export const AMAZON_CONNECTOR = defineConnector({
  vendor: 'amazon',
  title: 'Amazon Selling Partner API',
  settings: AmazonConnectionSettingsSchema,
  secrets: [['clientId', 'clientSecret', 'refreshToken']],
  credentials: AmazonCredentialsSchema,
  createClient: (o) => createAmazonClient(o),
  baseUrl: amazonBaseUrl,
  capabilities: { orderSource: amazonOrderSource },
});

