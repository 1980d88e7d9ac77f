/** FBA Inventory v1 getInventorySummaries (granularity Marketplace) over the seeded FBA stock. */
import type { FbaStock } from './catalogue-seed.js';
import { csvParam, invalidInput, type ApiReply, type ApiRequest } from './api-types.js';
import { formatIsoMs, parseIsoDate } from './iso-date.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { KNOWN_MARKETPLACE_IDS } from './seed-data.js';

const PAGE_SIZE = 50;

function summary(s: FbaStock, details: boolean): Record<string, unknown> {
  const total = s.fulfillable + s.unfulfillable + s.reserved + s.researching + s.inboundWorking + s.inboundShipped + s.inboundReceiving;
  return {
    asin: s.asin,
    fnSku: s.fnSku,
    sellerSku: s.sellerSku,
    condition: s.condition,
    ...(details
      ? {
          inventoryDetails: {
            fulfillableQuantity: s.fulfillable,
            inboundWorkingQuantity: s.inboundWorking,
            inboundShippedQuantity: s.inboundShipped,
            inboundReceivingQuantity: s.inboundReceiving,
            reservedQuantity: { totalReservedQuantity: s.reserved, pendingCustomerOrderQuantity: s.reserved, pendingTransshipmentQuantity: 0, fcProcessingQuantity: 0 },
            researchingQuantity: { totalResearchingQuantity: s.researching, researchingQuantityBreakdown: s.researching > 0 ? [{ name: 'researchingQuantityInShortTerm', quantity: s.researching }] : [] },
            unfulfillableQuantity: {
              totalUnfulfillableQuantity: s.unfulfillable,
              customerDamagedQuantity: s.unfulfillable,
              warehouseDamagedQuantity: 0,
              distributorDamagedQuantity: 0,
              carrierDamagedQuantity: 0,
              defectiveQuantity: 0,
              expiredQuantity: 0,
            },
          },
        }
      : {}),
    lastUpdatedTime: formatIsoMs(s.lastUpdatedMs),
    productName: s.productName,
    totalQuantity: total,
  };
}

export function getInventorySummaries(stock: readonly FbaStock[], req: ApiRequest): ApiReply {
  const p = req.url.searchParams;
  const granularityType = p.get('granularityType');
  const granularityId = p.get('granularityId');
  const marketplaceIds = csvParam(p, 'marketplaceIds');
  if (granularityType !== 'Marketplace') return invalidInput(`Invalid granularityType: ${granularityType ?? '(missing)'}; only Marketplace is supported.`);
  if (!granularityId) return invalidInput("Missing required parameter 'granularityId'.");
  if (!marketplaceIds || marketplaceIds.length !== 1) return invalidInput("'marketplaceIds' must contain exactly one marketplace.");
  if (!KNOWN_MARKETPLACE_IDS.has(granularityId) || granularityId !== marketplaceIds[0]) return invalidInput(`Invalid granularityId: ${granularityId}.`);
  const details = p.get('details') === 'true';
  const skus = csvParam(p, 'sellerSkus') ?? (p.get('sellerSku') !== null ? [p.get('sellerSku') as string] : undefined);
  if (skus && skus.length > 50) return invalidInput('sellerSkus cannot contain more than 50 values.');
  const startRaw = p.get('startDateTime');
  const startMs = startRaw === null ? undefined : parseIsoDate(startRaw);
  if (startRaw !== null && startMs === undefined) return invalidInput(`startDateTime is not a valid ISO 8601 date: ${startRaw}.`);
  let offset = 0;
  const nextToken = p.get('nextToken');
  if (nextToken !== null) {
    const decoded = decodeNextToken(nextToken) as { op?: string; i?: number } | undefined;
    if (decoded?.op !== 'getInventorySummaries' || typeof decoded.i !== 'number') return invalidInput('Invalid nextToken.');
    offset = decoded.i;
  }
  const skuSet = skus ? new Set(skus) : undefined;
  const hits = stock
    .filter((s) => s.marketplaceId === granularityId)
    .filter((s) => !skuSet || skuSet.has(s.sellerSku))
    .filter((s) => startMs === undefined || s.lastUpdatedMs >= startMs)
    .sort((a, b) => (a.sellerSku < b.sellerSku ? -1 : a.sellerSku > b.sellerSku ? 1 : 0));
  const page = hits.slice(offset, offset + PAGE_SIZE);
  const more = offset + PAGE_SIZE < hits.length;
  return {
    status: 200,
    body: {
      ...(more ? { pagination: { nextToken: encodeNextToken({ op: 'getInventorySummaries', i: offset + PAGE_SIZE }) } } : {}),
      payload: { granularity: { granularityType, granularityId }, inventorySummaries: page.map((s) => summary(s, details)) },
    },
  };
}
