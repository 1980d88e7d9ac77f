/**
 * `caravan map` kinds of the Alibaba group's marketplaces: `aliexpress.order` and
 * `alibaba.order`. Spread into RECORD_KINDS (cli/record-kinds.ts). Each reply is parsed
 * losslessly (ids above 2^53 stay exact digits), list and single-order replies are told apart
 * by shape, with and without `simplify`, and error replies are named by the vendor's own
 * recogniser before anything is mapped.
 */
import { fromResult, schemaRejection } from './record-kit.js';
import { basename } from 'node:path';
import { AlibabaOrderSchema, recogniseAlibabaErrorReply, unwrapAlibabaSample } from '../connectors/alibaba/index.js';
import { AliexpressOrderSchema, recogniseAliexpressErrorReply } from '../connectors/aliexpress/index.js';
import { parseJsonLosslessly } from '../connectors/http/lossless-json.js';
import { envelopeOf } from '../connectors/http/open-platform-envelope.js';
import { ALIBABA_ORDER_RECORD_TYPE, alibabaOrderToOrder } from '../mappings/alibaba/index.js';
import { ALIEXPRESS_ORDER_RECORD_TYPE, aliexpressOrderToOrder } from '../mappings/aliexpress/index.js';
import { CliError } from './output.js';
import { aliexpressRecordKinds } from './record-kinds-aliexpress.js';
import { alibabaCatalogueKinds } from './record-kinds-alibaba.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

/** The file's JSON, big integers exact; a recorded exchange (`{ response: { body } }`) gives its body. */
function losslessDoc(input: MapInputFile): unknown {
  const parsed = parseJsonLosslessly(input.text);
  if (!parsed.ok) throw new CliError(`${input.file} is not JSON: ${parsed.message}`, 1);
  let doc = parsed.value;
  if (isObject(doc) && isObject(doc.response) && 'body' in doc.response) {
    const body = doc.response.body;
    if (typeof body === 'string') {
      const inner = parseJsonLosslessly(body);
      doc = inner.ok ? inner.value : body;
    } else doc = body;
  }
  return doc;
}

/** A list with or without `simplify`: the array, the one-member wrapper object's array, or a lone object. */
function listOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isObject(v)) {
    const values = Object.values(v);
    if (values.length === 1 && Array.isArray(values[0])) return values[0];
    if (values.length === 1 && isObject(values[0])) return [values[0]];
  }
  return undefined;
}

/** An order object (a product reply has `gmt_create` too, so a time alone does not make an order). */
const looksLikeOrder = (o: unknown): o is Record<string, unknown> =>
  isObject(o) && ('order_status' in o || 'order_id' in o || 'child_order_list' in o || 'product_list' in o);

interface FoundOrders {
  readonly api?: string;
  readonly orders: unknown[];
  /** What the reply is, when it holds no order. */
  readonly notAnOrder?: string;
}

/**
 * Orders in an AliExpress reply: `aliexpress.solution.order.get` (`result.target_list`),
 * `order.info.get` (`result.data`), `findorderbyid` (`target`), `trade.ds.order.get`
 * (`result` is the order), with or without the `<api>_response` wrapper, or bare orders.
 */
export function aliexpressOrdersIn(doc: unknown): FoundOrders {
  if (Array.isArray(doc)) {
    const parts = doc.map(aliexpressOrdersIn);
    return { orders: parts.flatMap((p) => p.orders), ...(parts.every((p) => p.notAnOrder) && parts[0] ? { notAnOrder: parts[0].notAnOrder } : {}) };
  }
  const env = envelopeOf(doc);
  const api = env?.api;
  const inner: unknown = env ? env.inner : doc;
  if (!isObject(inner)) return { orders: [], notAnOrder: 'not a JSON object' };
  const result: unknown = isObject(inner.result) ? inner.result : inner;
  const at = (o: unknown): FoundOrders => ({ ...(api === undefined ? {} : { api }), orders: [o] });
  if (isObject(result)) {
    // A list page; TOP drops empty members, so an empty page may have no target_list at all.
    if ('target_list' in result || 'total_count' in result) return { ...(api === undefined ? {} : { api }), orders: listOf(result.target_list) ?? [] };
    if (looksLikeOrder(result.data)) return at(result.data);
    if (looksLikeOrder(result.target)) return at(result.target);
    if (looksLikeOrder(result)) return at(result);
    if ('contact_person' in result || 'detail_address' in result) {
      return { orders: [], notAnOrder: "the buyer's receipt address (aliexpress.solution.order.receiptinfo.get), which carries no order" };
    }
  }
  return { orders: [], notAnOrder: api === undefined ? 'a reply with no order in it' : `an ${api.replace(/_/g, '.')} reply, which carries no order` };
}

/** A long digit run in the file name: the order id trade.ds.order.get does not echo (`8123456789012345678.json`). */
function orderIdFromFileName(file: string): string | undefined {
  return /(?:^|\D)(\d{10,20})(?:\D|$)/.exec(basename(file))?.[1];
}

const idText = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

function mapAliexpress(input: MapInputFile, channel: string): MappedRecord[] {
  const found = aliexpressOrdersIn(losslessDoc(input));
  if (found.orders.length === 0 && found.notAnOrder !== undefined) {
    throw new CliError(`${input.file} holds no AliExpress order: this is ${found.notAnOrder}`, 1);
  }
  const fileId = found.orders.length === 1 ? orderIdFromFileName(input.file) : undefined;
  return found.orders.map((raw, i) => {
    const parsed = AliexpressOrderSchema.safeParse(raw);
    const id = isObject(raw) ? idText(raw.order_id) : undefined;
    if (!parsed.success) return schemaRejection(ALIEXPRESS_ORDER_RECORD_TYPE, id ?? fileId, found.orders.length > 1 ? `orders[${i}]` : '', parsed.error.issues);
    return fromResult(aliexpressOrderToOrder(parsed.data, { channel, ...(fileId === undefined ? {} : { orderId: fileId }), ...(found.api === undefined ? {} : { api: found.api }) }));
  });
}

/** Orders in an Alibaba.com reply: `/alibaba/order/list` (`value.order_list`), `/alibaba/order/get` (`value`), a guide sample `{ _api_path, body }`, or bare orders. */
export function alibabaOrdersIn(doc: unknown): FoundOrders {
  const d = unwrapAlibabaSample(doc);
  if (Array.isArray(d)) {
    const parts = d.map(alibabaOrdersIn);
    return { orders: parts.flatMap((p) => p.orders), ...(parts.every((p) => p.notAnOrder) && parts[0] ? { notAnOrder: parts[0].notAnOrder } : {}) };
  }
  if (!isObject(d)) return { orders: [], notAnOrder: 'not a JSON object' };
  const env = envelopeOf(d);
  const inner = env ? env.inner : d;
  const value: unknown = isObject(inner.value) ? inner.value : isObject(inner.result) ? inner.result : inner;
  if (isObject(value)) {
    const list = listOf(value.order_list) ?? listOf(value.orders);
    if (list !== undefined || 'order_list' in value || 'total_count' in value) return { orders: list ?? [] };
    if ('trade_id' in value && ('trade_status' in value || 'create_date' in value)) return { orders: [value] };
    if ('trade_id' in value) return { orders: [], notAnOrder: `a reply naming trade ${idText(value.trade_id) ?? '?'} without the order (e.g. /buynow/order/create)` };
  }
  const path = isObject(doc) && typeof doc._api_path === 'string' ? ` (${doc._api_path})` : '';
  return { orders: [], notAnOrder: `a reply with no order in it${path}` };
}

function mapAlibaba(input: MapInputFile, channel: string): MappedRecord[] {
  const found = alibabaOrdersIn(losslessDoc(input));
  if (found.orders.length === 0 && found.notAnOrder !== undefined) {
    throw new CliError(`${input.file} holds no Alibaba.com order: this is ${found.notAnOrder}`, 1);
  }
  return found.orders.map((raw, i) => {
    const parsed = AlibabaOrderSchema.safeParse(raw);
    const id = isObject(raw) ? idText(raw.trade_id) : undefined;
    if (!parsed.success) return schemaRejection(ALIBABA_ORDER_RECORD_TYPE, id, found.orders.length > 1 ? `order_list[${i}]` : '', parsed.error.issues);
    return fromResult(alibabaOrderToOrder(parsed.data, { channel }));
  });
}

export const MARKETPLACE_RECORD_KINDS: Record<string, RecordKind> = {
  'aliexpress.order': {
    description:
      'AliExpress order(s): aliexpress.solution.order.get list, order.info.get / findorderbyid / trade.ds.order.get single order, with or without simplify (ids past 2^53 exact; trade.ds.order.get takes the order id from the file name)',
    expects: 'an AliExpress order reply',
    operation: 'aliexpress.solution.order.get',
    recogniseError: recogniseAliexpressErrorReply,
    map: (input, _extra, { channel }) => mapAliexpress(input, channel),
  },
  ...aliexpressRecordKinds(losslessDoc),
  'alibaba.order': {
    description: 'Alibaba.com Open Platform order(s): /alibaba/order/get (one order) or /alibaba/order/list reply, or a guide sample {_api_path, body}',
    expects: 'an Alibaba.com order reply',
    operation: '/alibaba/order/get',
    recogniseError: recogniseAlibabaErrorReply,
    map: (input, _extra, { channel }) => mapAlibaba(input, channel),
  },
  // alibaba.product, alibaba.inventory, alibaba.logistics (cli/record-kinds-alibaba.ts).
  ...alibabaCatalogueKinds({ read: losslessDoc, listOf }),
};
