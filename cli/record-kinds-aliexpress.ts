/**
 * `caravan map` kinds of AliExpress's product, stock, feed and logistics replies (the order kind
 * is beside the Alibaba.com one in record-kinds-marketplaces.ts, which spreads these in with its
 * lossless reader): each reply with or without its `<api>_response` envelope and `simplify`;
 * error replies (error_response, errors inside HTTP 200) are named by the vendor's recogniser
 * before anything is mapped; a reply of another API exits 1 naming what it is.
 */
import {
  AliexpressBatchUpdateResultSchema,
  AliexpressDsProductSchema,
  AliexpressFeedQueryResultSchema,
  AliexpressFreightResultSchema,
  AliexpressLogisticsServicesResultSchema,
  AliexpressProductListResultSchema,
  AliexpressProductSchema,
  AliexpressTrackingResultSchema,
  recogniseAliexpressErrorReply,
} from '../connectors/aliexpress/index.js';
import { isObject } from '../connectors/http/json-object.js';
import { envelopeOf } from '../connectors/http/open-platform-envelope.js';
import {
  ALIEXPRESS_PRODUCT_RECORD_TYPE,
  aliexpressBatchUpdateOutcomes,
  aliexpressDeliveryOptionToRecord,
  aliexpressTrackingToRecord,
  aliexpressDsProductToListings,
  aliexpressFeedReportToOutcomes,
  aliexpressLogisticsServiceToRecord,
  aliexpressProductToListings,
} from '../mappings/aliexpress/index.js';
import { CliError } from './output.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { fromResult, schemaRejection } from './record-kit.js';

/** The reply's content: inside its envelope, else the document; and the API the envelope names. */
function contentOf(doc: unknown): { api?: string; inner: Record<string, unknown> } {
  const env = envelopeOf(doc);
  if (env !== undefined) return { api: env.api.replace(/_/g, '.'), inner: env.inner };
  if (isObject(doc)) return { inner: doc };
  return { inner: {} };
}

const what = (api: string | undefined): string => (api === undefined ? 'a reply of another kind' : `an ${api} reply`);

function mapProducts(doc: unknown, file: string, channel: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  const result = isObject(inner.result) ? inner.result : inner;
  if ('ae_item_base_info_dto' in result || 'ae_item_sku_info_dtos' in result) {
    const parsed = AliexpressDsProductSchema.safeParse(result);
    if (!parsed.success) return [schemaRejection(ALIEXPRESS_PRODUCT_RECORD_TYPE, undefined, 'result', parsed.error.issues)];
    return aliexpressDsProductToListings(parsed.data, { channel }).map(fromResult);
  }
  if ('aeop_a_e_product_display_d_t_o_list' in result) {
    const page = AliexpressProductListResultSchema.safeParse(result);
    if (!page.success) return [schemaRejection(ALIEXPRESS_PRODUCT_RECORD_TYPE, undefined, 'result', page.error.issues)];
    return (page.data.aeop_a_e_product_display_d_t_o_list ?? []).flatMap((p) => aliexpressProductToListings(p, { channel }).map(fromResult));
  }
  if ('product_id' in result || 'aeop_ae_product_s_k_us' in result) {
    const parsed = AliexpressProductSchema.safeParse(result);
    if (!parsed.success) return [schemaRejection(ALIEXPRESS_PRODUCT_RECORD_TYPE, undefined, 'result', parsed.error.issues)];
    return aliexpressProductToListings(parsed.data, { channel }).map(fromResult);
  }
  throw new CliError(`${file} holds no AliExpress product: this is ${what(api)}`, 1);
}

function mapFeedResult(doc: unknown, file: string, channel: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  if (!('result_list' in inner || 'total_item_count' in inner)) throw new CliError(`${file} holds no AliExpress feed result (feed.query): this is ${what(api)}`, 1);
  const parsed = AliexpressFeedQueryResultSchema.safeParse(inner);
  if (!parsed.success) return [schemaRejection('aliexpress.feed-result', undefined, '', parsed.error.issues)];
  return aliexpressFeedReportToOutcomes(parsed.data, { channel }).map(fromResult);
}

function mapLogisticsServices(doc: unknown, file: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  if (!('result_list' in inner) || 'total_item_count' in inner) throw new CliError(`${file} holds no AliExpress logistics services (listlogisticsservice): this is ${what(api)}`, 1);
  const parsed = AliexpressLogisticsServicesResultSchema.safeParse(inner);
  if (!parsed.success) return [schemaRejection('aliexpress.logistics-service', undefined, '', parsed.error.issues)];
  return (parsed.data.result_list ?? []).map((s, i) => fromResult(aliexpressLogisticsServiceToRecord(s, i)));
}

function mapInventoryUpdate(doc: unknown, file: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  if (!('update_success' in inner || 'update_failed_list' in inner || 'update_successful_list' in inner)) {
    throw new CliError(`${file} holds no AliExpress batch inventory or price update reply: this is ${what(api)}`, 1);
  }
  const parsed = AliexpressBatchUpdateResultSchema.safeParse(inner);
  if (!parsed.success) return [schemaRejection('aliexpress.inventory-update', undefined, '', parsed.error.issues)];
  return aliexpressBatchUpdateOutcomes(parsed.data).map((record): MappedRecord => ({ ok: true, record }));
}

function mapTracking(doc: unknown, file: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  const result = isObject(inner.result) ? inner.result : inner;
  if (!isObject(result.data) || !('tracking_detail_line_list' in result.data)) throw new CliError(`${file} holds no AliExpress tracking (ds.order.tracking.get): this is ${what(api)}`, 1);
  const parsed = AliexpressTrackingResultSchema.safeParse(result);
  if (!parsed.success) return [schemaRejection('aliexpress.tracking', undefined, 'result', parsed.error.issues)];
  return (parsed.data.data?.tracking_detail_line_list ?? []).map((d, i) => fromResult(aliexpressTrackingToRecord(d, i)));
}

function mapFreight(doc: unknown, file: string): MappedRecord[] {
  const { api, inner } = contentOf(doc);
  const result = isObject(inner.result) ? inner.result : inner;
  if (!('delivery_options' in result)) throw new CliError(`${file} holds no AliExpress freight quote (ds.freight.query): this is ${what(api)}`, 1);
  const parsed = AliexpressFreightResultSchema.safeParse(result);
  if (!parsed.success) return [schemaRejection('aliexpress.freight', undefined, 'result', parsed.error.issues)];
  return (parsed.data.delivery_options ?? []).map((o, i) => fromResult(aliexpressDeliveryOptionToRecord(o, i)));
}

/** The kinds, reading each file with the given (lossless) reader. */
export function aliexpressRecordKinds(read: (input: MapInputFile) => unknown): Record<string, RecordKind> {
  const kind = (description: string, expects: string, operation: string, map: (doc: unknown, file: string, channel: string) => MappedRecord[]): RecordKind => ({
    description,
    expects,
    operation,
    recogniseError: recogniseAliexpressErrorReply,
    map: (input, _extra, { channel }) => map(read(input), input.file, channel),
  });
  return {
    'aliexpress.product': kind(
      'AliExpress product(s) → a Listing per SKU: aliexpress.solution.product.info.get, product.list.get (items carry no SKUs: each is named), postproduct.redefining.findaeproductbyidfordropshipper, aliexpress.ds.product.get',
      'an AliExpress product reply',
      'aliexpress.solution.product.info.get',
      mapProducts,
    ),
    'aliexpress.feed-result': kind(
      'AliExpress feed job results (aliexpress.solution.feed.query) → a feed outcome per item (the SKU it names)',
      'an AliExpress feed.query reply',
      'aliexpress.solution.feed.query',
      mapFeedResult,
    ),
    'aliexpress.logistics-services': kind(
      'AliExpress carrier services the seller may ship with (aliexpress.logistics.redefining.listlogisticsservice) → service_name, display name, tracking number pattern',
      'an AliExpress listlogisticsservice reply',
      'aliexpress.logistics.redefining.listlogisticsservice',
      (doc, file) => mapLogisticsServices(doc, file),
    ),
    'aliexpress.inventory-update': kind(
      'AliExpress batch stock or price update reply (aliexpress.solution.batch.product.inventory.update / price.update) → an outcome per product',
      'an AliExpress batch product update reply',
      'aliexpress.solution.batch.product.inventory.update',
      (doc, file) => mapInventoryUpdate(doc, file),
    ),
    'aliexpress.tracking': kind(
      'AliExpress DS order tracking (aliexpress.ds.order.tracking.get) → per package: carrier, tracking number, ETA, items and tracking events',
      'an AliExpress ds.order.tracking.get reply',
      'aliexpress.ds.order.tracking.get',
      (doc, file) => mapTracking(doc, file),
    ),
    'aliexpress.freight': kind(
      'AliExpress DS freight quote (aliexpress.ds.freight.query) → delivery options with their fee as money and delivery days',
      'an AliExpress ds.freight.query reply',
      'aliexpress.ds.freight.query',
      (doc, file) => mapFreight(doc, file),
    ),
  };
}
