/** The sync run the store tests record against: acme's Amazon EU orders sync. */
export const ACME_EU_ORDERS_SYNC = {
  workflowId: 'orders-sync/acme/amazon-eu',
  tenant: 'acme',
  channel: 'amazon-eu',
  flow: 'orders-sync',
} as const;
