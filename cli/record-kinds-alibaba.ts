/**
 * `caravan map` kinds of Alibaba.com's catalogue and fulfilment replies, spread into
 * MARKETPLACE_RECORD_KINDS (cli/record-kinds-marketplaces.ts, which hands over its lossless file
 * and list readers): `alibaba.product` (seller product get/list replies → Listings), `alibaba.inventory`
 * (/eco/buyer/product/inventory → InventoryLevels), `alibaba.logistics` (/order/logistics/query →
 * the order's tracking). Error replies are named by the vendor's recogniser before mapping.
 */
import { basename } from 'node:path';
import {
  AlibabaInventoryResultSchema,
  AlibabaLogisticsSchema,
  AlibabaProductSchema,
  recogniseAlibabaErrorReply,
  unwrapAlibabaSample,
} from '../connectors/alibaba/index.js';
import { envelopeOf } from '../connectors/http/open-platform-envelope.js';
import { isObject } from '../connectors/http/json-object.js';
import {
  ALIBABA_INVENTORY_RECORD_TYPE,
  ALIBABA_LOGISTICS_RECORD_TYPE,
  ALIBABA_PRODUCT_RECORD_TYPE,
  alibabaInventoryToLevels,
  alibabaLogisticsToTracking,
  alibabaProductToListings,
} from '../mappings/alibaba/index.js';
import { CliError } from './output.js';
import { fromResult, rejectionOf, schemaRejection } from './record-kit.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';

/** What the marketplaces' kinds share: the lossless file reader and the list reader (with or without `simplify`). */
export interface ReplyReaders {
  readonly read: (input: MapInputFile) => unknown;
  readonly listOf: (v: unknown) => unknown[] | undefined;
}

/** The reply's payload: a guide sample's body, a TOP `<api>_response`, then `value` / `result`. */
function payloadOf(doc: unknown): unknown {
  const d = unwrapAlibabaSample(doc);
  const env = envelopeOf(d);
  const inner: unknown = env ? env.inner : d;
  if (!isObject(inner)) return inner;
  return inner.value ?? inner.result ?? inner;
}

const idText = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Products in a reply: one product (get), a list page's products, or a bare array. */
function productsIn(input: MapInputFile, doc: unknown, listOf: ReplyReaders['listOf']): unknown[] {
  const p = payloadOf(doc);
  if (Array.isArray(p)) return p;
  if (isObject(p)) {
    const page = listOf(p.products);
    if (page !== undefined) return page;
    if (isObject(p.product)) return [p.product];
    if ('subject' in p || 'product_sku' in p || 'product_id' in p) return [p];
    if (isObject(p.result_data) && 'product_id' in p.result_data) {
      throw new CliError(`${input.file} holds no Alibaba.com listing of the seller: this is a supplier's product description (/eco/buyer/product/description), a product to buy`, 1);
    }
    if (Array.isArray(p.result_data)) {
      throw new CliError(`${input.file} holds no Alibaba.com product: this is a list of product ids (e.g. /eco/buyer/product/check), which carries no product`, 1);
    }
  }
  throw new CliError(`${input.file} holds no Alibaba.com product: this is a reply with no product in it`, 1);
}

function mapProducts(input: MapInputFile, doc: unknown, channel: string, listOf: ReplyReaders['listOf']): MappedRecord[] {
  const products = productsIn(input, doc, listOf);
  return products.flatMap((raw, i): MappedRecord[] => {
    const parsed = AlibabaProductSchema.safeParse(raw);
    const id = isObject(raw) ? (idText(raw.product_id) ?? idText(raw.id)) : undefined;
    if (!parsed.success) return [schemaRejection(ALIBABA_PRODUCT_RECORD_TYPE, id, products.length > 1 ? `products[${i}]` : '', parsed.error.issues)];
    const r = alibabaProductToListings(parsed.data, { channel });
    return r.ok ? r.value.map((record): MappedRecord => ({ ok: true, record })) : [fromResult(r)];
  });
}

function mapInventory(input: MapInputFile, doc: unknown, channel: string): MappedRecord[] {
  const p = payloadOf(doc);
  if (!isObject(p) || !('result_data' in p)) throw new CliError(`${input.file} holds no Alibaba.com stock: expected the /eco/buyer/product/inventory reply (result.result_data)`, 1);
  const parsed = AlibabaInventoryResultSchema.safeParse(p);
  if (!parsed.success) return [schemaRejection(ALIBABA_INVENTORY_RECORD_TYPE, undefined, 'result', parsed.error.issues)];
  return (parsed.data.result_data ?? []).flatMap((group, i) => {
    const { levels, rejected } = alibabaInventoryToLevels(group, { channel }, `result_data[${i}]`);
    return [...levels.map((record): MappedRecord => ({ ok: true, record })), ...rejected.map((e): MappedRecord => ({ ok: false, error: rejectionOf(e) }))];
  });
}

/** The order id the logistics reply does not echo, from a long digit run in the file name (`271207727001028893.json`). */
const orderIdOfFile = (file: string): string | undefined => /(?:^|\D)(\d{10,20})(?:\D|$)/.exec(basename(file))?.[1];

function mapLogistics(input: MapInputFile, doc: unknown, channel: string): MappedRecord[] {
  const p = payloadOf(doc);
  if (!isObject(p) || !('logistic_status' in p || 'shipping_order_list' in p)) {
    throw new CliError(`${input.file} holds no Alibaba.com logistics: expected the /order/logistics/query reply (value.logistic_status, shipping_order_list)`, 1);
  }
  const orderId = orderIdOfFile(input.file);
  const parsed = AlibabaLogisticsSchema.safeParse(p);
  if (!parsed.success) return [schemaRejection(ALIBABA_LOGISTICS_RECORD_TYPE, orderId, 'value', parsed.error.issues)];
  return [fromResult(alibabaLogisticsToTracking(parsed.data, { channel, ...(orderId === undefined ? {} : { orderId }) }))];
}

export function alibabaCatalogueKinds({ read, listOf }: ReplyReaders): Record<string, RecordKind> {
  return {
    'alibaba.product': {
      description: 'Alibaba.com seller product(s) → Listings, one per SKU code: /alibaba/icbu/product/get (one product) or /alibaba/icbu/product/list page (briefs carry no SKU code and are rejected as such)',
      expects: 'an Alibaba.com product reply',
      operation: '/alibaba/icbu/product/get',
      recogniseError: recogniseAlibabaErrorReply,
      map: (input, _extra, { channel }) => mapProducts(input, read(input), channel, listOf),
    },
    'alibaba.inventory': {
      description: 'Alibaba.com item stock (/eco/buyer/product/inventory) → an InventoryLevel per SKU and ship-from country',
      expects: 'an Alibaba.com inventory reply',
      operation: '/eco/buyer/product/inventory',
      recogniseError: recogniseAlibabaErrorReply,
      map: (input, _extra, { channel }) => mapInventory(input, read(input), channel),
    },
    'alibaba.logistics': {
      description: "Alibaba.com order logistics (/order/logistics/query) → the order's shipment status and tracking numbers (the order id from a digit run in the file name)",
      expects: 'an Alibaba.com order logistics reply',
      operation: '/order/logistics/query',
      recogniseError: recogniseAlibabaErrorReply,
      map: (input, _extra, { channel }) => mapLogistics(input, read(input), channel),
    },
  };
}
