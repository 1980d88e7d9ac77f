/**
 * Alibaba.com Open Platform in the connector registry: a sales channel whose seller orders the
 * hub imports (/alibaba/order/list by modification time, each order read whole with
 * /alibaba/order/get), whose shipments it confirms (/alibaba/order/shipment/notify), and whose
 * listings and stock it publishes (descriptor-catalogue.ts).
 */
import { ALIBABA_AUTHORIZATION } from './authorization.js';
import { defineConnector, type OrderSource, type ShipmentConfirmer, type VendorOrderRecord } from '../capabilities.js';
import { ConnectorError } from '../http/errors.js';
import { requireValid, siteOf } from '../http/request-checks.js';
import { createAlibabaClient, type AlibabaClient } from './client.js';
import { ALIBABA, alibabaBaseUrl, AlibabaConnectionSettingsSchema, AlibabaCredentialsSchema } from './config.js';
import { alibabaInventoryTarget, alibabaListingTarget } from './descriptor-catalogue.js';
import { ALIBABA_SHIPMENT_NOTIFY_PATH, AlibabaShipmentNoticeSchema } from './operations/shipment.js';
import type { AlibabaOrder } from './schemas/order.js';

/** The order's last change as ISO 8601, from `modify_date.timestamp` (epoch ms). */
function updatedAtOf(order: AlibabaOrder): string | undefined {
  const ts = order.modify_date?.timestamp;
  return ts !== undefined && /^\d{10,14}$/.test(ts) ? new Date(Number(ts)).toISOString() : undefined;
}

/**
 * Pages of orders modified in the window; the cursor is the next `start_page` (the window comes
 * with every query again). The list gives a summary per order, so each order is read whole
 * (lines, amounts, address) with /alibaba/order/get: one call per order, hence pages of 20
 * though the list serves up to 100. An order that vanished in between keeps its summary (the
 * mapping then names what is missing). The bounds are whole seconds of US Pacific time, so an
 * order on a boundary may come twice: ordersSync keys orders by id.
 */
function alibabaOrderSource(client: AlibabaClient): OrderSource {
  return {
    maxPageSize: 20,
    async listOrders(query, options) {
      const page = query.cursor === undefined ? 0 : Number(query.cursor);
      const result = await client.listOrders({ modifiedFrom: query.window.from, modifiedTo: query.window.to, page, pageSize: query.pageSize }, options);
      const records: VendorOrderRecord[] = [];
      for (const summary of result.orders) {
        const id = summary.trade_id;
        let order = summary;
        if (id !== undefined) {
          try {
            order = (await client.getOrder(id, options)).order;
          } catch (error) {
            if (!(error instanceof ConnectorError && error.kind === 'not_found')) throw error;
          }
        }
        const updatedAt = updatedAtOf(order) ?? updatedAtOf(summary);
        records.push({ order, ...(id === undefined ? {} : { id }), ...(updatedAt === undefined ? {} : { updatedAt }) });
      }
      return result.hasMore ? { records, cursor: String(page + 1) } : { records };
    },
    throttled: () => client.stats().throttled,
  };
}

/** The confirmation the shipment mapping builds: the notice without the order id (the capability adds it). */
const ConfirmationSchema = AlibabaShipmentNoticeSchema.omit({ trade_id: true });

function alibabaShipmentConfirmer(client: AlibabaClient): ShipmentConfirmer {
  return {
    async confirmShipment(orderId, confirmation, options) {
      const body = requireValid(siteOf(ALIBABA, ALIBABA_SHIPMENT_NOTIFY_PATH, orderId), 'shipment confirmation', ConfirmationSchema, confirmation);
      const r = await client.notifyShipment({ trade_id: orderId, ...body }, options);
      return r.requestId === undefined ? {} : { requestId: r.requestId };
    },
  };
}

export const ALIBABA_CONNECTOR = defineConnector({
  vendor: 'alibaba',
  title: 'Alibaba.com Open Platform',
  settings: AlibabaConnectionSettingsSchema,
  // The app secret signs; the seller's tokens come from the authorisation step.
  secrets: [
    ['appSecret', 'accessToken', 'refreshToken'],
    ['appSecret', 'refreshToken'],
  ],
  credentials: AlibabaCredentialsSchema,
  createClient: (o) => createAlibabaClient(o),
  baseUrl: (settings) => alibabaBaseUrl(settings),
  authorization: ALIBABA_AUTHORIZATION,
  capabilities: {
    orderSource: (client) => alibabaOrderSource(client),
    listingTarget: (client) => alibabaListingTarget(client),
    inventoryTarget: (client) => alibabaInventoryTarget(client),
    shipmentConfirmer: (client) => alibabaShipmentConfirmer(client),
  },
});
