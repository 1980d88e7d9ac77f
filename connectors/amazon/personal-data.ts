/**
 * Buyer and address data of Orders API v0 imports. Without a restricted data token, v0 answers
 * getOrders/getOrder without BuyerInfo and ShippingAddress details (personal data); a connection
 * with `settings.personalData: rdt` reads orders and their items with one (Tokens API
 * 2021-03-01), fetched once per resource set and cached until it expires (client.withRestrictedData).
 */
import type { AmazonClient } from './client.js';
import type { AmazonConnectionSettings } from './config.js';
import type { AmazonRestrictedDataElement } from './operations/create-restricted-data-token.js';

/** The restricted elements a v0 order import asks for. */
export const AMAZON_ORDER_PERSONAL_DATA: readonly AmazonRestrictedDataElement[] = ['buyerInfo', 'shippingAddress'];

/** The client the v0 order source reads with: its order reads sent with an RDT when the connection asks for personal data. */
export function amazonOrdersClient(client: AmazonClient, settings: Pick<AmazonConnectionSettings, 'personalData'>): AmazonClient {
  if (settings.personalData !== 'rdt') return client;
  const restricted = client.withRestrictedData(AMAZON_ORDER_PERSONAL_DATA);
  return { ...client, getOrders: restricted.getOrders, getOrder: restricted.getOrder, getOrderItems: restricted.getOrderItems, getAllOrderItems: restricted.getAllOrderItems };
}
