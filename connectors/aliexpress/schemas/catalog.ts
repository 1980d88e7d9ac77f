/**
 * AliExpress product, stock, feed and fulfilment replies (the `aliexpress.solution.*` and
 * `aliexpress.logistics.*` APIs; field names from retailcrm/aliexpress-top-client's response
 * models and the samples in ../shared/vendor/aliexpress/samples). Lenient as the platform is:
 * lists with or without `simplify`, ids as text or (past 2^53, parsed losslessly) exact digits,
 * numbers and booleans as text, nulls for absent fields.
 */
import { z } from 'zod';
import { optionalIdLike, optionalQuantityText, optionalText, topList } from './wire.js';

/** A flag sent as a JSON boolean or as "true"/"false"; absent when null. */
export const optionalFlag = z
  .preprocess((v) => (v === null ? undefined : typeof v === 'string' ? (v.trim().toLowerCase() === 'true' ? true : v.trim().toLowerCase() === 'false' ? false : v) : v), z.boolean().optional())
  .optional();

/** A decimal amount as text (a JSON number read as its text). */
const optionalAmountText = optionalText;

/** One SKU of a product (`aeop_ae_product_sku`, `global_aeop_ae_product_sku`). */
export const AliexpressProductSkuSchema = z.looseObject({
  id: optionalText,
  sku_code: optionalText,
  sku_price: optionalAmountText,
  offer_sale_price: optionalAmountText,
  currency_code: optionalText,
  sku_stock: optionalFlag,
  ipm_sku_stock: optionalQuantityText,
  s_k_u_available_stock: optionalQuantityText,
  barcode: optionalText,
});
export type AliexpressProductSku = z.infer<typeof AliexpressProductSkuSchema>;

/**
 * One product as product.info.get and postproduct.redefining.findaeproductbyidfordropshipper
 * give it (`result`), and as product.list.get lists it (`item_display_dto`: no SKUs, a price range).
 */
export const AliexpressProductSchema = z.looseObject({
  product_id: optionalIdLike,
  subject: optionalText,
  detail: optionalText,
  category_id: optionalIdLike,
  product_status_type: optionalText,
  ws_display: optionalText,
  currency_code: optionalText,
  product_price: optionalAmountText,
  product_min_price: optionalAmountText,
  product_max_price: optionalAmountText,
  gross_weight: optionalAmountText,
  package_length: optionalQuantityText,
  package_width: optionalQuantityText,
  package_height: optionalQuantityText,
  gmt_create: optionalText,
  gmt_modified: optionalText,
  aeop_ae_product_s_k_us: topList(AliexpressProductSkuSchema),
});
export type AliexpressProduct = z.infer<typeof AliexpressProductSchema>;

/** product.list.get `result`. */
export const AliexpressProductListResultSchema = z.looseObject({
  aeop_a_e_product_display_d_t_o_list: topList(AliexpressProductSchema),
  current_page: optionalIdLike,
  total_page: optionalIdLike,
  product_count: optionalIdLike,
  success: optionalFlag,
});

/** product.schema.get `result`: the category's JSON Schema as text. */
export const AliexpressProductSchemaResultSchema = z.looseObject({ schema: z.string(), success: optionalFlag });

/** schema.product.instance.post / full.update: the product written (in `result` or at the envelope). */
export const AliexpressProductWriteResultSchema = z.looseObject({
  product_id: optionalIdLike,
  success: optionalFlag,
  result: z.looseObject({ product_id: optionalIdLike, success: optionalFlag }).nullish(),
});

/** One product of a batch inventory/price update's failed or successful list. */
export const AliexpressProductUpdateOutcomeSchema = z.looseObject({ product_id: optionalIdLike, error_code: optionalText, error_message: optionalText });

/** batch.product.inventory.update / batch.product.price.update reply. */
export const AliexpressBatchUpdateResultSchema = z.looseObject({
  update_success: optionalFlag,
  update_error_code: optionalText,
  update_error_message: optionalText,
  update_failed_list: topList(AliexpressProductUpdateOutcomeSchema),
  update_successful_list: topList(AliexpressProductUpdateOutcomeSchema),
});
export type AliexpressBatchUpdateResult = z.infer<typeof AliexpressBatchUpdateResultSchema>;

/** feed.submit reply. */
export const AliexpressFeedSubmitResultSchema = z.looseObject({ job_id: optionalIdLike });

/** One item of feed.query `result_list`: its execution result is JSON text (`{"productId":…,"success":true}`). */
export const AliexpressFeedItemResultSchema = z.looseObject({ item_content_id: optionalText, item_execution_result: optionalText });

/** feed.query reply. */
export const AliexpressFeedQueryResultSchema = z.looseObject({
  job_id: optionalIdLike,
  success_item_count: optionalQuantityText,
  total_item_count: optionalQuantityText,
  result_list: topList(AliexpressFeedItemResultSchema),
});
export type AliexpressFeedQueryResult = z.infer<typeof AliexpressFeedQueryResultSchema>;

/** One job of feed.list.get (`batch_operation_job_dto`): status QUEUEING, PROCESSING or FINISH. */
export const AliexpressFeedJobSchema = z.looseObject({ job_id: optionalIdLike, status: optionalText, operation_type: optionalText });

/** feed.list.get reply. */
export const AliexpressFeedListResultSchema = z.looseObject({
  job_list: topList(AliexpressFeedJobSchema),
  current_page: optionalIdLike,
  page_size: optionalIdLike,
  total_count: optionalIdLike,
  total_page: optionalIdLike,
});

/** One carrier service of logistics.redefining.listlogisticsservice (`aeop_logistics_service_result`). */
export const AliexpressLogisticsServiceSchema = z.looseObject({
  service_name: optionalText,
  logistics_company: optionalText,
  display_name: optionalText,
  tracking_no_regex: optionalText,
  min_process_day: optionalQuantityText,
  max_process_day: optionalQuantityText,
  recommend_order: optionalQuantityText,
});
export type AliexpressLogisticsService = z.infer<typeof AliexpressLogisticsServiceSchema>;

export const AliexpressLogisticsServicesResultSchema = z.looseObject({
  result_list: topList(AliexpressLogisticsServiceSchema),
  result_success: optionalFlag,
});

/** order.fulfill reply `result`. */
export const AliexpressFulfillResultSchema = z.looseObject({ result_success: optionalFlag });

/**
 * What the listing target answers for one listing write (putListing, validateListing): which
 * API wrote it, whether the platform took it, and the platform's code and text when not.
 */
export interface AliexpressListingSubmission {
  readonly sku: string;
  /** `validate`: validateListing's verdict (AliExpress has no preview call: see descriptor-listings.ts). */
  readonly operation: 'instance.post' | 'full.update' | 'validate';
  readonly success: boolean;
  readonly productId?: string;
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** What the inventory target answers for one SKU's stock update. */
export interface AliexpressQuantitySubmission {
  readonly sku: string;
  /** The product the SKU belongs to; absent when the seller has no product with that SKU. */
  readonly productId?: string;
  /** The batch call's reply, when the update was sent. */
  readonly result?: AliexpressBatchUpdateResult;
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** One SKU of aliexpress.ds.product.get (`ae_item_sku_info_dtos`). */
export const AliexpressDsSkuSchema = z.looseObject({
  sku_id: optionalIdLike,
  id: optionalText,
  sku_code: optionalText,
  sku_price: optionalAmountText,
  offer_sale_price: optionalAmountText,
  currency_code: optionalText,
  sku_available_stock: optionalQuantityText,
  barcode: optionalText,
  ean_code: optionalText,
});

/** aliexpress.ds.product.get `result` (the dropshipper's view of a product). */
export const AliexpressDsProductSchema = z.looseObject({
  ae_item_base_info_dto: z
    .looseObject({
      product_id: optionalIdLike,
      subject: optionalText,
      detail: optionalText,
      category_id: optionalIdLike,
      product_status_type: optionalText,
      ws_display: optionalText,
      currency_code: optionalText,
      gmt_create: optionalText,
      gmt_modified: optionalText,
    })
    .nullish(),
  ae_item_sku_info_dtos: topList(AliexpressDsSkuSchema),
  package_info_dto: z
    .looseObject({ gross_weight: optionalAmountText, package_length: optionalQuantityText, package_width: optionalQuantityText, package_height: optionalQuantityText })
    .nullish(),
});
export type AliexpressDsProduct = z.infer<typeof AliexpressDsProductSchema>;

/** One event of aliexpress.ds.order.tracking.get (`detail_node`): epoch milliseconds, name and text. */
export const AliexpressTrackingNodeSchema = z.looseObject({ time_stamp: optionalIdLike, tracking_name: optionalText, tracking_detail_desc: optionalText });

/** One package of ds.order.tracking.get (`tracking_detail`). */
export const AliexpressTrackingDetailSchema = z.looseObject({
  carrier_name: optionalText,
  mail_no: optionalText,
  eta_time_stamps: optionalIdLike,
  detail_node_list: topList(AliexpressTrackingNodeSchema),
  package_item_list: topList(z.looseObject({ item_id: optionalIdLike, item_title: optionalText, sku_desc: optionalText, quantity: optionalQuantityText })),
});
export type AliexpressTrackingDetail = z.infer<typeof AliexpressTrackingDetailSchema>;

/** ds.order.tracking.get `result` (`ret` false is an error the recogniser claims first). */
export const AliexpressTrackingResultSchema = z.looseObject({
  data: z.looseObject({ tracking_detail_line_list: topList(AliexpressTrackingDetailSchema) }).nullish(),
});

/**
 * One delivery option of aliexpress.ds.freight.query (`delivery_option_d_t_o`). `shipping_fee_cent`
 * is, despite its name, the decimal amount ("172.71" beside "US $172.71"), in `shipping_fee_currency`.
 */
export const AliexpressDeliveryOptionSchema = z.looseObject({
  code: optionalText,
  company: optionalText,
  shipping_fee_cent: optionalText,
  shipping_fee_currency: optionalText,
  shipping_fee_format: optionalText,
  free_shipping: optionalFlag,
  min_delivery_days: optionalQuantityText,
  max_delivery_days: optionalQuantityText,
  guaranteed_delivery_days: optionalQuantityText,
  ship_from_country: optionalText,
  tracking: optionalFlag,
});
export type AliexpressDeliveryOption = z.infer<typeof AliexpressDeliveryOptionSchema>;

/** ds.freight.query `result`. */
export const AliexpressFreightResultSchema = z.looseObject({ delivery_options: topList(AliexpressDeliveryOptionSchema) });
