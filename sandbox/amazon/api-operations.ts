/**
 * The SP-API operations the sandbox serves beyond Orders v0 getOrders/getOrder/getOrderItems,
 * with their default usage plans (rate per second, burst) from each operation's description
 * in the official models (listingsItems_2021-08-01, definitionsProductTypes_2020-09-01,
 * feeds_2021-06-30, reports_2021-06-30, fbaInventory, tokens_2021-03-01, ordersV0).
 */
export const API_USAGE_PLANS = {
  getListingsItem: { rate: 5, burst: 10 },
  putListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  deleteListingsItem: { rate: 5, burst: 5 },
  getDefinitionsProductType: { rate: 5, burst: 10 },
  searchDefinitionsProductTypes: { rate: 5, burst: 10 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  cancelFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  cancelReport: { rate: 0.0222, burst: 10 },
  getReports: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  getInventorySummaries: { rate: 2, burst: 2 },
  createRestrictedDataToken: { rate: 1, burst: 10 },
  confirmShipment: { rate: 2, burst: 10 },
} as const satisfies Record<string, { rate: number; burst: number }>;

export type ApiOperation = keyof typeof API_USAGE_PLANS;
export const API_OPERATIONS = Object.keys(API_USAGE_PLANS) as ApiOperation[];
