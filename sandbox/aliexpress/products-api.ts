/**
 * The seller's product APIs: list and one product (`product.list.get`, `product.info.get`),
 * the category's document schema (`product.schema.get`, JSON Schema as text), posting and
 * replacing a product from that document (`schema.product.instance.post`,
 * `schema.product.full.update`), and batch SKU stock and price updates with per-product
 * success and failure lists (the vendor samples' shape; product fields as the TOP model
 * GlobalAeopFindProductResultDTO names them). Refusals come inside HTTP 200.
 */
import { isRecord, jsonParam, pacificBound, pageOf, ParamError, positiveInt, requiredParam, type CallContext, type Handler } from './api-types.js';
import type { ProductCatalogue, Outcome } from './catalogue.js';
import { categoryById, productSchema } from './categories.js';
import { idText, writeJson, type JsonOut } from './json-text.js';
import { toPacificText } from './platform-time.js';
import { CURRENCY, textCents, type SandboxProduct } from './state.js';

const STATUSES = ['onSelling', 'offline', 'auditing', 'editingRequired'];
/** The batch update APIs take at most this many products per call. */
export const MAX_BATCH_PRODUCTS = 20;

function priceRange(p: SandboxProduct): { min: string; max: string } {
  const sorted = p.skus.map((s) => s.price).sort((a, b) => (textCents(a) ?? 0) - (textCents(b) ?? 0));
  return { min: sorted[0] ?? '0.00', max: sorted[sorted.length - 1] ?? '0.00' };
}

function displayDto(p: SandboxProduct): Record<string, JsonOut> {
  const { min, max } = priceRange(p);
  return {
    product_id: BigInt(p.id),
    subject: p.subject,
    product_min_price: min,
    product_max_price: max,
    currency_code: CURRENCY,
    gmt_create: toPacificText(p.createdMs),
    gmt_modified: toPacificText(p.modifiedMs),
    image_u_r_ls: p.imageUrls.join(';'),
    owner_member_id: 'cn1500sandbox',
    freight_template_id: 1000,
    group_id: 0,
    src: 'isv',
  };
}

function infoDto(p: SandboxProduct, ctx: CallContext): Record<string, JsonOut> {
  const { min } = priceRange(p);
  return {
    success: true,
    product_id: BigInt(p.id),
    category_id: p.categoryId,
    subject: p.subject,
    product_status_type: p.status,
    currency_code: CURRENCY,
    product_price: min,
    gmt_create: toPacificText(p.createdMs),
    gmt_modified: toPacificText(p.modifiedMs),
    image_u_r_ls: p.imageUrls.join(';'),
    product_unit: Number(p.document.product_units_type ?? 100000015),
    gross_weight: typeof p.document.package_weight === 'number' ? p.document.package_weight.toFixed(3) : undefined,
    package_length: p.document.package_length as number | undefined,
    package_width: p.document.package_width as number | undefined,
    package_height: p.document.package_height as number | undefined,
    delivery_time: (p.document.shipping_preparation_time as number | undefined) ?? 7,
    freight_template_id: 1000,
    multi_language_subject_list: ctx.list(
      ((p.document.title_multi_language_list as { locale: string; title: string }[] | undefined) ?? []).map((t) => ({ locale: t.locale, subject: t.title })),
      'global_subject',
    ),
    total_available_stock: p.skus.reduce((s, x) => s + x.inventory, 0),
    aeop_ae_product_s_k_us: ctx.list(
      p.skus.map((s) => ({
        id: s.skuId,
        sku_code: s.code,
        sku_price: s.price,
        currency_code: CURRENCY,
        sku_stock: s.inventory > 0,
        ipm_sku_stock: s.inventory,
        s_k_u_available_stock: s.inventory,
      })),
      'global_aeop_ae_product_sku',
    ),
  };
}

const refusal = (o: Extract<Outcome, { ok: false }>): Record<string, JsonOut> => ({
  result: { success: false, error_code: o.code, error_message: o.message, product_id: o.productId === undefined ? undefined : BigInt(o.productId) },
});

function batchUpdate(catalogue: ProductCatalogue, field: 'inventory' | 'price'): Handler {
  return (ctx) => {
    const list = jsonParam(ctx, 'mutiple_product_update_list');
    if (!Array.isArray(list) || list.length === 0) throw new ParamError('InvalidParameter', 'mutiple_product_update_list must be a non-empty JSON array');
    if (list.length > MAX_BATCH_PRODUCTS) throw new ParamError('InvalidParameter', `mutiple_product_update_list takes at most ${MAX_BATCH_PRODUCTS} products, got ${list.length}`);
    const ok: JsonOut[] = [];
    const failed: JsonOut[] = [];
    for (const entry of list) {
      const productId = isRecord(entry) ? entry.product_id : undefined;
      const outcome = catalogue.updateSkus(productId, isRecord(entry) ? entry.multiple_sku_update_list : undefined, field, ctx.nowMs);
      const id = outcome.productId ?? idText(productId);
      const idOut = id === undefined ? undefined : BigInt(id);
      if (outcome.ok) ok.push({ product_id: idOut });
      else failed.push({ product_id: idOut, error_code: outcome.code, error_message: outcome.message });
    }
    return {
      update_success: failed.length === 0,
      update_successful_list: ctx.list(ok, 'synchronize_product_response_dto'),
      update_failed_list: ctx.list(failed, 'synchronize_product_response_dto'),
    };
  };
}

export function productHandlers(catalogue: ProductCatalogue): Record<string, Handler> {
  return {
    'aliexpress.solution.product.list.get': (ctx) => {
      const q = jsonParam(ctx, 'aeop_a_e_product_list_query');
      if (!isRecord(q)) throw new ParamError('InvalidParameter', 'aeop_a_e_product_list_query must be a JSON object');
      const status = q.product_status_type === undefined ? 'onSelling' : String(q.product_status_type);
      if (!STATUSES.includes(status)) throw new ParamError('InvalidParameter', `aeop_a_e_product_list_query.product_status_type must be one of ${STATUSES.join(', ')}`);
      // ItemListQuery: page_size "must be less than 100", default 20.
      const pageSize = positiveInt(q.page_size, 'aeop_a_e_product_list_query.page_size', 20);
      if (pageSize >= 100) throw new ParamError('InvalidParameter', 'aeop_a_e_product_list_query.page_size must be less than 100');
      const page = positiveInt(q.current_page, 'aeop_a_e_product_list_query.current_page', 1);
      const productId = idText(q.product_id);
      const subject = typeof q.subject === 'string' ? q.subject.toLowerCase() : undefined;
      const skuCode = typeof q.sku_code === 'string' && q.sku_code !== '' ? q.sku_code : undefined;
      const excepted = new Set(Array.isArray(q.excepted_product_ids) ? q.excepted_product_ids.map((v) => idText(v)) : []);
      const modifiedFrom = pacificBound(q, 'aeop_a_e_product_list_query', 'gmt_modified_start');
      const modifiedTo = pacificBound(q, 'aeop_a_e_product_list_query', 'gmt_modified_end');
      const matching = [...catalogue.products.values()]
        .filter(
          (p) =>
            p.status === status &&
            (productId === undefined || p.id === productId) &&
            !excepted.has(p.id) &&
            (subject === undefined || p.subject.toLowerCase().includes(subject)) &&
            (skuCode === undefined || p.skus.some((x) => x.code === skuCode)) &&
            (modifiedFrom === undefined || p.modifiedMs >= modifiedFrom) &&
            (modifiedTo === undefined || p.modifiedMs <= modifiedTo),
        )
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const { items, totalPages } = pageOf(matching, page, pageSize);
      return {
        result: {
          success: true,
          current_page: page,
          product_count: matching.length,
          total_page: totalPages,
          aeop_a_e_product_display_d_t_o_list: ctx.list(items.map(displayDto), 'item_display_dto'),
        },
      };
    },
    'aliexpress.solution.product.info.get': (ctx) => {
      const id = idText(requiredParam(ctx, 'product_id'));
      const p = id === undefined ? undefined : catalogue.products.get(id);
      if (p === undefined) return { result: { success: false, error_code: 'PRODUCT_NOT_FOUND', error_msg: `product ${ctx.params.product_id ?? ''} does not exist or does not belong to this seller` } };
      return { result: infoDto(p, ctx) };
    },
    'aliexpress.solution.product.schema.get': (ctx) => {
      const raw = requiredParam(ctx, 'aliexpress_category_id');
      const category = categoryById(raw);
      if (category === undefined) return { result: { success: false, error_code: 'CATEGORY_INVALID', error_message: `category ${raw} is not a leaf category this seller can post in` } };
      return { result: { success: true, schema: writeJson(productSchema(category) as unknown as JsonOut) } };
    },
    'aliexpress.solution.schema.product.instance.post': (ctx) => {
      const outcome = catalogue.create(requiredParam(ctx, 'product_instance_request'), ctx.nowMs);
      return outcome.ok ? { result: { success: true, product_id: BigInt(outcome.productId) } } : refusal(outcome);
    },
    'aliexpress.solution.schema.product.full.update': (ctx) => {
      const outcome = catalogue.fullUpdate(requiredParam(ctx, 'schema_full_update_request'), ctx.nowMs);
      return outcome.ok ? { result: { success: true, product_id: BigInt(outcome.productId) } } : refusal(outcome);
    },
    'aliexpress.solution.batch.product.inventory.update': batchUpdate(catalogue, 'inventory'),
    'aliexpress.solution.batch.product.price.update': batchUpdate(catalogue, 'price'),
  };
}
