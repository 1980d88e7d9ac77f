/** Amazon SP-API in the connector registry: a sales channel whose orders the hub imports. */
import { defineConnector, type OrderSource } from '../capabilities.js';
import { amazonInventorySource, amazonReportSource, amazonShipmentConfirmer } from './descriptor-reports.js';
import { createAmazonClient, type AmazonClient } from './client.js';
import { AmazonConnectionSettingsSchema, AmazonCredentialsSchema, type AmazonConnectionSettings , amazonBaseUrl } from './config.js';

/** The AmazonOrderId of a raw order, when it has a usable one. */
export function amazonOrderIdOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { AmazonOrderId?: unknown }).AmazonOrderId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function lastUpdateOf(raw: unknown): string | undefined {
  const at = raw && typeof raw === 'object' ? (raw as { LastUpdateDate?: unknown }).LastUpdateDate : undefined;
  return typeof at === 'string' ? at : undefined;
}

/** getOrders by LastUpdateDate, then getOrderItems per order (the listing carries no lines). */
function amazonOrderSource(client: AmazonClient, settings: AmazonConnectionSettings): OrderSource {
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
      const records = page.orders.map((order) => {
        const id = amazonOrderIdOf(order);
        const updatedAt = lastUpdateOf(order);
        return { order, ...(id !== undefined ? { id } : {}), ...(updatedAt !== undefined ? { updatedAt } : {}) };
      });
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
  capabilities: {
    orderSource: amazonOrderSource,
    // reports, FBA inventory, shipment confirmation (descriptor-reports.ts)
    reportSource: amazonReportSource,
    inventorySource: amazonInventorySource,
    shipmentConfirmer: amazonShipmentConfirmer,
  },
});

