/**
 * The seller-side business APIs the sandbox serves under /rest{api_path}, with the parameter
 * names of the wire contract (wave 3, "Alibaba.com"): order list/get as the integration guide
 * names them (role, start_page, page_size, status, modified_date_start/end as
 * get_order_list__date_object.json; e_trade_id). No official REST path exists for the ICBU product
 * APIs or the shipment notification: these follow the family's convention of turning the legacy
 * TOP names (alibaba.icbu.product.list, alibaba.seller.order.…) into /alibaba/… paths, with the
 * TOP parameter names (current_page, page_size, product_id). Replies are `{ code: "0", value }`
 * for reads and `{ code: "0", result: { success, … } }` for writes, business failures inside
 * HTTP 200 as `result.success=false` with error_code / error_message; parameter errors in the
 * gateway's `{ code, type, message }` form.
 */
import { CATEGORIES, categoryById } from './category-schemas.js';
import { productBrief, productDetail, type Catalogue, type BusinessFailure } from './catalogue.js';
import type { JsonTextValue } from './json-text.js';
import { orderDetail, orderListEntry, type OrderBook } from './orders.js';
import { pacificWallTimeMs } from './platform-time.js';

export type Params = Readonly<Record<string, string>>;
/** A reply body without its request_id (the server adds it last, as the samples show it). */
export type ReplyBody = Record<string, JsonTextValue>;
export type ApiHandler = (p: Params, nowMs: number) => ReplyBody;

export const iopError = (code: string, message: string): ReplyBody => ({ code, type: 'ISV', message });
const missing = (name: string): ReplyBody => iopError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied`);
const invalid = (name: string, why: string): ReplyBody => iopError('InvalidParameter', `The input parameter "${name}" ${why}`);
const value = (v: JsonTextValue): ReplyBody => ({ code: '0', value: v });
const result = (r: Record<string, JsonTextValue>): ReplyBody => ({ code: '0', result: { success: true, ...r } });
const failure = (f: BusinessFailure, extra: Record<string, JsonTextValue> = {}): ReplyBody => ({ code: '0', result: { success: false, error_code: f.error_code, error_message: f.error_message, ...extra } });

class ParamError extends Error {
  constructor(readonly reply: ReplyBody) {
    super(String(reply.message));
  }
}

function required(p: Params, name: string): string {
  const v = p[name];
  if (v === undefined || v.trim() === '') throw new ParamError(missing(name));
  return v;
}

function integer(p: Params, name: string, fallback: number, min: number, max: number): number {
  const v = p[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new ParamError(invalid(name, `must be an integer from ${min} to ${max}`));
  return Number(v);
}

function jsonParam(p: Params, name: string): unknown {
  try {
    return JSON.parse(required(p, name)) as unknown;
  } catch (e) {
    if (e instanceof ParamError) throw e;
    throw new ParamError(invalid(name, 'is not valid JSON text'));
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `{ date_timestamp, date_str }` parameter (epoch ms, else US Pacific wall time) → epoch ms. */
function dateParam(p: Params, name: string): number | undefined {
  if (p[name] === undefined || p[name] === '') return undefined;
  const d = jsonParam(p, name);
  if (isRecord(d)) {
    const ts = d.date_timestamp;
    if ((typeof ts === 'string' && /^\d{10,14}$/.test(ts)) || (typeof ts === 'number' && Number.isSafeInteger(ts))) return Number(ts);
    if (typeof d.date_str === 'string') {
      const ms = pacificWallTimeMs(d.date_str);
      if (ms !== undefined) return ms;
    }
  }
  throw new ParamError(invalid(name, 'must be a date object {"date_timestamp": "<epoch ms>", "date_str": "yyyy-MM-dd HH:mm:ss"}'));
}

/** Wraps a handler so that a ParamError becomes its gateway reply. */
const guarded =
  (h: ApiHandler): ApiHandler =>
  (p, nowMs) => {
    try {
      return h(p, nowMs);
    } catch (e) {
      if (e instanceof ParamError) return e.reply;
      throw e;
    }
  };

function productDocument(p: Params): Record<string, unknown> {
  const doc = jsonParam(p, 'product');
  if (!isRecord(doc)) throw new ParamError(invalid('product', 'must be a JSON object (the product document)'));
  return doc;
}

export function apiRoutes(catalogue: Catalogue, orders: OrderBook): ReadonlyMap<string, ApiHandler> {
  const routes: Record<string, ApiHandler> = {
    '/alibaba/order/list': (p) => {
      const role = required(p, 'role');
      if (role !== 'seller' && role !== 'buyer') throw new ParamError(invalid('role', 'must be "buyer" or "seller"'));
      const page = integer(p, 'start_page', 0, 0, 100_000);
      const size = integer(p, 'page_size', 10, 1, 100);
      const status = p.status;
      const [cFrom, cTo, mFrom, mTo] = ['create_date_start', 'create_date_end', 'modified_date_start', 'modified_date_end'].map((n) => dateParam(p, n));
      // The sandbox's app is the seller's: it has no orders as a buyer. Windows are [start, end).
      const matching =
        role === 'buyer'
          ? []
          : orders.all().filter(
              (o) =>
                (status === undefined || status === '' || o.status === status) &&
                (cFrom === undefined || o.createdMs >= cFrom) &&
                (cTo === undefined || o.createdMs < cTo) &&
                (mFrom === undefined || o.modifiedMs >= mFrom) &&
                (mTo === undefined || o.modifiedMs < mTo),
            );
      return value({ total_count: String(matching.length), order_list: matching.slice(page * size, (page + 1) * size).map(orderListEntry) });
    },
    '/alibaba/order/get': (p) => {
      const id = p.e_trade_id ?? p.trade_id;
      if (id === undefined || id === '') throw new ParamError(missing('e_trade_id'));
      const order = orders.get(id.trim());
      return order ? value(orderDetail(order)) : iopError('ORDER_NOT_EXIST', `The order ${id} does not exist or is not the seller's`);
    },
    '/alibaba/order/shipment/notify': (p, nowMs) => {
      const tradeId = p.trade_id ?? p.e_trade_id;
      if (tradeId === undefined || tradeId === '') throw new ParamError(missing('trade_id'));
      const logisticsCompany = required(p, 'logistics_company');
      const trackingNumber = required(p, 'tracking_number');
      const shipDate = required(p, 'ship_date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(shipDate) || Number.isNaN(Date.parse(`${shipDate}T00:00:00Z`))) throw new ParamError(invalid('ship_date', 'must be a date yyyy-MM-dd'));
      const r = orders.notifyShipment(tradeId.trim(), { logisticsCompany, trackingNumber, shipDate }, nowMs);
      return r.ok ? result({ trade_id: r.order.tradeId, trade_status: r.order.status }) : failure(r, { trade_id: tradeId });
    },
    '/alibaba/icbu/product/list': (p) => {
      const page = integer(p, 'current_page', 1, 1, 100_000);
      const size = integer(p, 'page_size', 20, 1, 30);
      const subject = p.subject?.trim().toLowerCase();
      const categoryId = p.category_id;
      const matching = catalogue
        .list()
        .filter((x) => (!subject || String(x.document.subject).toLowerCase().includes(subject)) && (!categoryId || x.categoryId === categoryId));
      return value({ total_item: matching.length, current_page: page, page_size: size, products: matching.slice((page - 1) * size, page * size).map(productBrief) });
    },
    '/alibaba/icbu/product/get': (p) => {
      const id = required(p, 'product_id');
      const product = catalogue.get(id);
      return product ? value(productDetail(product)) : iopError('130106', `Product Invalid: product ${id} does not exist or is offline`);
    },
    '/alibaba/icbu/product/schema/get': (p) => {
      const catId = required(p, 'cat_id');
      const category = categoryById(catId);
      if (!category) throw new ParamError(invalid('cat_id', `is not a leaf category with a product schema (the sandbox has ${CATEGORIES.map((c) => c.id).join(', ')})`));
      return value({ cat_id: category.id, name: category.name, schema: JSON.stringify(category.schema) });
    },
    '/alibaba/icbu/product/add': (p, nowMs) => {
      const { category_id: inDoc, ...doc } = productDocument(p);
      const catId = p.cat_id ?? p.category_id ?? (typeof inDoc === 'string' || typeof inDoc === 'number' ? String(inDoc) : undefined);
      if (catId === undefined || catId === '') throw new ParamError(missing('cat_id'));
      const r = catalogue.add(catId, doc, nowMs);
      return r.ok ? result({ product_id: r.value.productId }) : failure(r.failure);
    },
    '/alibaba/icbu/product/update': (p, nowMs) => {
      const id = required(p, 'product_id');
      const { category_id: _ignored, ...doc } = productDocument(p);
      const r = catalogue.update(id, doc, nowMs);
      return r.ok ? result({ product_id: r.value.productId }) : failure(r.failure, { product_id: id });
    },
    '/alibaba/icbu/product/inventory/update': (p, nowMs) => {
      const id = required(p, 'product_id');
      const list = jsonParam(p, 'sku_inventory_list');
      if (!Array.isArray(list) || list.length === 0) throw new ParamError(invalid('sku_inventory_list', 'must be a non-empty JSON array of {sku_code, inventory}'));
      const entries = list.map((e: unknown, i) => {
        if (!isRecord(e) || typeof e.sku_code !== 'string' || e.sku_code === '') throw new ParamError(invalid('sku_inventory_list', `[${i}].sku_code must be text`));
        const inv = typeof e.inventory === 'string' && /^\d+$/.test(e.inventory) ? Number(e.inventory) : e.inventory;
        if (typeof inv !== 'number' || !Number.isSafeInteger(inv) || inv < 0) throw new ParamError(invalid('sku_inventory_list', `[${i}].inventory must be a whole number of at least 0`));
        return { sku_code: e.sku_code, inventory: inv };
      });
      const r = catalogue.updateInventory(id, entries, nowMs);
      if (!r.ok) return failure(r.failure, { product_id: id });
      const firstFailure = r.value.find((x) => !x.success);
      const skuResults = r.value as unknown as JsonTextValue;
      return firstFailure
        ? failure({ error_code: firstFailure.error_code ?? '10005', error_message: firstFailure.error_message ?? 'SKU not found' }, { product_id: id, sku_result_list: skuResults })
        : result({ product_id: id, sku_result_list: skuResults });
    },
  };
  return new Map(Object.entries(routes).map(([path, h]) => [path, guarded(h)]));
}
