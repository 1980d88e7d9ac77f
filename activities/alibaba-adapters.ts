/**
 * Alibaba.com's lines of the flows' vendor tables, composed from its mappings: the listing
 * publish adapter (activities/listings-publish.ts) and the shipment confirmation
 * (activities/shipment-confirm-mappings.ts). Kept here so each table names it in one line.
 */
import {
  ALIBABA_LISTING_RECORD_TYPE,
  alibabaFeedVerdicts,
  alibabaListingFeedMessage,
  alibabaListingMarketplace,
  alibabaListingSubmissionVerdict,
  alibabaListingWriteRequest,
  shipmentConfirmationToAlibaba,
} from '../mappings/alibaba/index.js';
import type { ListingPublishAdapter } from './listings-publish.js';
import type { ShipmentConfirmMapping } from './shipment-confirm-mappings.js';

export const ALIBABA_LISTING_PUBLISH: ListingPublishAdapter = {
  recordType: ALIBABA_LISTING_RECORD_TYPE,
  marketplace: alibabaListingMarketplace,
  feedMessage: (sku, payload) => alibabaListingFeedMessage(sku, payload),
  writeRequest: (sku, payload) => alibabaListingWriteRequest(sku, payload),
  submissionVerdict: alibabaListingSubmissionVerdict,
  feedVerdicts: alibabaFeedVerdicts,
};

export const ALIBABA_SHIPMENT_CONFIRM: ShipmentConfirmMapping = {
  request: shipmentConfirmationToAlibaba,
  // The platform's order lines say nothing of shipped units (and the order source has no
  // orderLines): the stored order's own counts are all there is.
  shippedQuantities: () => new Map(),
};
