/**
 * AliExpress Open Platform in the connector registry: a sales channel whose seller orders the
 * hub imports (aliexpress.solution.order.get by modification time), whose listings and stock it
 * publishes (descriptor-listings.ts, descriptor-inventory.ts), and whose orders it confirms as
 * shipped (aliexpress.solution.order.fulfill).
 */
import { ALIEXPRESS_AUTHORIZATION } from './authorization.js';
import { defineConnector, type OrderSource, type ShipmentConfirmer, type VendorOrderRecord } from '../capabilities.js';
import { createAliexpressClient, type AliexpressClient } from './client.js';
import { aliexpressBaseUrl, AliexpressConnectionSettingsSchema, AliexpressCredentialsSchema } from './config.js';
import { aliexpressInventoryTarget } from './descriptor-inventory.js';
import { aliexpressListingTarget } from './descriptor-listings.js';

/**
 * The time zone of the order APIs' date text, both ways (US Pacific, as the order mapping
 * reads `gmt_*`: mappings/aliexpress/readers.ts).
 */
const PLATFORM_TIME_ZONE = 'America/Los_Angeles';

const PACIFIC = new Intl.DateTimeFormat('en-CA', {
  timeZone: PLATFORM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An ISO 8601 instant as the platform's `yyyy-MM-dd HH:mm:ss` US Pacific wall-clock text. */
export function aliexpressPlatformTime(iso: string): string {
  const parts = Object.fromEntries(PACIFIC.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * Pages of orders modified in the window; the cursor is the next page number (the window comes
 * with every query again). The wall-clock bounds are whole seconds and the end is sent as given,
 * so an order on a boundary may come twice: ordersSync keys orders by id.
 */
function aliexpressOrderSource(client: AliexpressClient): OrderSource {
  return {
    // The largest page_size is not in the vendor folder; 20 is what the published clients send.
    maxPageSize: 20,
    async listOrders(query, options) {
      const page = query.cursor === undefined ? 1 : Number(query.cursor);
      const result = await client.listOrders(
        { modifiedFrom: aliexpressPlatformTime(query.window.from), modifiedTo: aliexpressPlatformTime(query.window.to), page, pageSize: query.pageSize },
        options,
      );
      const records: VendorOrderRecord[] = result.orders.map((order) => {
        const id = order.order_id ?? order.id;
        return id === undefined ? { order } : { order, id };
      });
      return result.hasMore ? { records, cursor: String(page + 1) } : { records };
    },
    throttled: () => client.stats().throttled,
  };
}

/**
 * order.fulfill for one package: `confirmation` is the platform's parameters (service_name,
 * logistics_no, send_type, tracking_website?, description?), checked before sending. Not
 * idempotent: the activity records a confirmation before it retries one.
 */
function aliexpressShipmentConfirmer(client: AliexpressClient): ShipmentConfirmer {
  return {
    async confirmShipment(orderId, confirmation, options) {
      const { requestId } = await client.fulfillOrder(orderId, confirmation, options);
      return requestId === undefined ? {} : { requestId };
    },
  };
}

export const ALIEXPRESS_CONNECTOR = defineConnector({
  vendor: 'aliexpress',
  title: 'AliExpress Open Platform',
  settings: AliexpressConnectionSettingsSchema,
  // The app secret signs; the seller's tokens come from the authorisation step.
  secrets: [
    ['appSecret', 'accessToken', 'refreshToken'],
    ['appSecret', 'refreshToken'],
  ],
  credentials: AliexpressCredentialsSchema,
  createClient: (o) => createAliexpressClient(o),
  baseUrl: (settings) => aliexpressBaseUrl(settings),
  authorization: ALIEXPRESS_AUTHORIZATION,
  capabilities: {
    orderSource: (client) => aliexpressOrderSource(client),
    listingTarget: (client) => aliexpressListingTarget(client),
    inventoryTarget: (client) => aliexpressInventoryTarget(client),
    shipmentConfirmer: (client) => aliexpressShipmentConfirmer(client),
  },
});
