/**
 * The seller's order APIs: `aliexpress.solution.order.get` (a page of orders by create or
 * modified time, Pacific `yyyy-MM-dd HH:mm:ss`, query in `param0`), `order.info.get` and
 * `order.receiptinfo.get` (one order, `param1`), `order.fulfill` (carrier and tracking number;
 * the order moves on) and `aliexpress.logistics.redefining.listlogisticsservice` (the carriers).
 * Shapes follow the vendor samples, the retailcrm/aliexpress-top-client response classes and the
 * TOP models of bububa/opentaobao (model/aesolution: BaseResult, GlobalAeopTpOrderDetailDTO);
 * business refusals come inside the HTTP 200 envelope with a false success flag.
 */
import { isRecord, jsonParam, money, pacificBound, pageOf, ParamError, positiveInt, requiredParam, type CallContext, type Handler } from './api-types.js';
import type { JsonOut } from './json-text.js';
import { idText } from './json-text.js';
import { toPacificText } from './platform-time.js';
import { orderTotalCents, type OrderLine, type SandboxOrder } from './state.js';

export interface LogisticsService {
  readonly serviceName: string;
  readonly displayName: string;
  readonly company: string;
  readonly trackingNoRegex?: string;
  readonly minDays: number;
  readonly maxDays: number;
}

/** The carriers the sandbox seller may ship with (CPAM's pattern is the sample's). */
export const LOGISTICS_SERVICES: readonly LogisticsService[] = [
  { serviceName: 'CAINIAO_STANDARD', displayName: 'AliExpress Standard Shipping', company: 'CAINIAO', trackingNoRegex: '^(LP|AE)\\d{14}$', minDays: 1, maxDays: 5 },
  { serviceName: 'CPAM', displayName: 'China Post Registered Air Mail', company: 'CPAM', trackingNoRegex: '^[a-zA-z]{2}[A-Za-z0-9]{9}[a-zA-z]{2}$', minDays: 1, maxDays: 5 },
  { serviceName: 'DHL', displayName: 'DHL', company: 'DHL', trackingNoRegex: '^\\d{10}$', minDays: 1, maxDays: 3 },
  { serviceName: 'OTHER', displayName: 'Seller\'s Shipping Method', company: 'OTHER', minDays: 1, maxDays: 7 },
];

const SHIPPABLE = new Set(['WAIT_SELLER_SEND_GOODS', 'SELLER_PART_SEND_GOODS']);

function logisticsStatus(o: SandboxOrder): string {
  if (o.status === 'SELLER_PART_SEND_GOODS') return 'SELLER_SEND_PART_GOODS';
  if (o.status === 'WAIT_BUYER_ACCEPT_GOODS') return 'SELLER_SEND_GOODS';
  if (o.status === 'FINISH' && o.shipments.length > 0) return 'BUYER_ACCEPT_GOODS';
  return 'NO_LOGISTICS';
}

const fullName = (o: SandboxOrder): string => (o.buyer.country === 'CN' ? `${o.buyer.lastName}${o.buyer.firstName}` : `${o.buyer.firstName} ${o.buyer.lastName}`);

function receiptAddress(o: SandboxOrder): Record<string, JsonOut> {
  const b = o.buyer;
  return {
    contact_person: fullName(o),
    country: b.country,
    country_name: b.countryName,
    province: b.province,
    city: b.city,
    address: b.address,
    address2: b.address2,
    detail_address: b.address,
    zip: b.zip,
    mobile_no: b.phone,
    phone_country: b.country === 'CN' ? '+86' : b.country === 'RU' ? '+7' : b.country === 'ES' ? '+34' : b.country === 'BR' ? '+55' : '+1',
    phone_number: b.phone,
  };
}

function lineDto(o: SandboxOrder, l: OrderLine): Record<string, JsonOut> {
  return {
    child_id: BigInt(l.childId),
    order_id: BigInt(o.id),
    product_id: BigInt(l.productId),
    sku_code: l.skuCode,
    product_name: l.name,
    product_count: l.quantity,
    product_unit: 'piece',
    product_unit_price: money(l.unitCents),
    total_product_amount: money(l.unitCents * l.quantity),
    logistics_amount: money(l.shippingCents),
    logistics_service_name: l.serviceName,
    logistics_type: l.serviceName,
    son_order_status: o.status,
    buyer_signer_first_name: o.buyer.firstName,
    buyer_signer_last_name: o.buyer.lastName,
    product_img_url: `https://ae01.alicdn.com/kf/sandbox/${l.skuCode.toLowerCase()}.jpg`,
  };
}

function orderDto(o: SandboxOrder, ctx: CallContext): Record<string, JsonOut> {
  return {
    order_id: BigInt(o.id),
    order_status: o.status,
    logistics_status: logisticsStatus(o),
    biz_type: 'AE_COMMON',
    gmt_create: toPacificText(o.createdMs),
    gmt_update: toPacificText(o.modifiedMs),
    gmt_pay_time: o.paidMs === undefined ? undefined : toPacificText(o.paidMs),
    end_reason: o.endReason,
    buyer_login_id: o.buyer.loginId,
    buyer_signer_fullname: fullName(o),
    seller_login_id: 'cn1500sandbox',
    pay_amount: money(orderTotalCents(o)),
    frozen_status: 'NO_FROZEN',
    issue_status: 'NO_ISSUE',
    fund_status: o.paidMs === undefined ? 'NOT_PAY' : 'PAY_SUCCESS',
    product_list: ctx.list(
      o.lines.map((l) => lineDto(o, l)),
      'order_product_dto',
    ),
  };
}

/** `order.info.get` `result.data` (GlobalAeopTpOrderDetailDTO: `logistic_info_list`, `order_end_reason`, `buyerloginid`). */
function orderDetail(o: SandboxOrder, ctx: CallContext): Record<string, JsonOut> {
  const shippingCents = o.lines.reduce((s, l) => s + l.shippingCents, 0);
  return {
    id: BigInt(o.id),
    order_status: o.status,
    logistics_status: logisticsStatus(o),
    frozen_status: 'NO_FROZEN',
    issue_status: 'NO_ISSUE',
    fund_status: o.paidMs === undefined ? 'NOT_PAY' : 'PAY_SUCCESS',
    gmt_create: toPacificText(o.createdMs),
    gmt_modified: toPacificText(o.modifiedMs),
    gmt_pay_success: o.paidMs === undefined ? undefined : toPacificText(o.paidMs),
    order_end_reason: o.endReason,
    buyerloginid: o.buyer.loginId,
    buyer_signer_fullname: fullName(o),
    buyer_info: { login_id: o.buyer.loginId, first_name: o.buyer.firstName, last_name: o.buyer.lastName, country: o.buyer.country },
    order_amount: money(orderTotalCents(o)),
    init_oder_amount: money(orderTotalCents(o)),
    logistics_amount: money(shippingCents),
    receipt_address: receiptAddress(o),
    child_order_list: ctx.list(
      o.lines.map((l) => ({
        id: BigInt(l.childId),
        product_id: BigInt(l.productId),
        sku_code: l.skuCode,
        product_name: l.name,
        product_count: l.quantity,
        product_unit: 'piece',
        product_price: money(l.unitCents),
        init_order_amt: money(l.unitCents * l.quantity),
        logistics_amount: money(l.shippingCents),
        logistics_service_name: l.serviceName,
        logistics_type: l.serviceName,
        order_status: o.status,
        fund_status: o.paidMs === undefined ? 'NOT_PAY' : 'PAY_SUCCESS',
      })),
      'global_aeop_tp_child_order_dto',
    ),
    logistic_info_list: ctx.list(
      o.shipments.map((s) => ({
        logistics_no: s.trackingNo,
        logistics_type_code: s.serviceName,
        logistics_service_name: LOGISTICS_SERVICES.find((x) => x.serviceName === s.serviceName)?.displayName ?? s.serviceName,
        gmt_send: toPacificText(s.atMs),
        receive_status: 'default',
        have_tracking_info: true,
      })),
      'global_aeop_tp_logistic_info_dto',
    ),
  };
}

const MAX_PAGE_SIZE = 50;

function orderIdFrom(ctx: CallContext, param: string): string {
  const q = jsonParam(ctx, param);
  const id = isRecord(q) ? idText(q.order_id) : undefined;
  if (id === undefined) throw new ParamError('MissingParameter', `${param}.order_id is required`);
  return id;
}

export function orderHandlers(orders: Map<string, SandboxOrder>): Record<string, Handler> {
  // The BaseResult of the order APIs: result_success, error_code, error_message, time_stamp, data.
  const notFound = (id: string, ctx: CallContext): Record<string, JsonOut> => ({
    result: { result_success: false, error_code: 'ORDER_NOT_FOUND', error_message: `order ${id} does not exist or does not belong to this seller`, time_stamp: toPacificText(ctx.nowMs) },
  });
  return {
    'aliexpress.solution.order.get': (ctx) => {
      const q = jsonParam(ctx, 'param0');
      if (!isRecord(q)) throw new ParamError('InvalidParameter', 'param0 must be a JSON object (OrderQuery)');
      const window = {
        createFrom: pacificBound(q, 'param0', 'create_date_start'),
        createTo: pacificBound(q, 'param0', 'create_date_end'),
        modifiedFrom: pacificBound(q, 'param0', 'modified_date_start'),
        modifiedTo: pacificBound(q, 'param0', 'modified_date_end'),
      };
      const statuses = Array.isArray(q.order_status_list) ? q.order_status_list.map(String) : typeof q.order_status === 'string' ? [q.order_status] : undefined;
      const pageSize = positiveInt(q.page_size, 'param0.page_size', 20);
      if (pageSize > MAX_PAGE_SIZE) throw new ParamError('InvalidParameter', `param0.page_size must be at most ${MAX_PAGE_SIZE}`);
      const page = positiveInt(q.current_page, 'param0.current_page', 1);
      const matching = [...orders.values()]
        .filter(
          (o) =>
            (window.createFrom === undefined || o.createdMs >= window.createFrom) &&
            (window.createTo === undefined || o.createdMs <= window.createTo) &&
            (window.modifiedFrom === undefined || o.modifiedMs >= window.modifiedFrom) &&
            (window.modifiedTo === undefined || o.modifiedMs <= window.modifiedTo) &&
            (statuses === undefined || statuses.includes(o.status)),
        )
        .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1));
      const { items, totalPages } = pageOf(matching, page, pageSize);
      return {
        result: {
          success: true,
          total_count: matching.length,
          page_size: pageSize,
          current_page: page,
          total_page: totalPages,
          time_stamp: toPacificText(ctx.nowMs),
          target_list: ctx.list(
            items.map((o) => orderDto(o, ctx)),
            'order_dto',
          ),
        },
      };
    },
    'aliexpress.solution.order.info.get': (ctx) => {
      const id = orderIdFrom(ctx, 'param1');
      const o = orders.get(id);
      return o === undefined ? notFound(id, ctx) : { result: { result_success: true, time_stamp: toPacificText(ctx.nowMs), data: orderDetail(o, ctx) } };
    },
    'aliexpress.solution.order.receiptinfo.get': (ctx) => {
      const id = orderIdFrom(ctx, 'param1');
      const o = orders.get(id);
      return o === undefined ? notFound(id, ctx) : { result: receiptAddress(o) };
    },
    'aliexpress.logistics.redefining.listlogisticsservice': (ctx) => ({
      result_success: true,
      result_list: ctx.list(
        LOGISTICS_SERVICES.map((s, i) => ({
          service_name: s.serviceName,
          display_name: s.displayName,
          logistics_company: s.company,
          tracking_no_regex: s.trackingNoRegex,
          min_process_day: s.minDays,
          max_process_day: s.maxDays,
          recommend_order: i + 1,
        })),
        'aeop_logistics_service_result',
      ),
    }),
    'aliexpress.solution.order.fulfill': (ctx) => {
      const serviceName = requiredParam(ctx, 'service_name');
      const outRef = requiredParam(ctx, 'out_ref');
      const sendType = requiredParam(ctx, 'send_type');
      const trackingNo = requiredParam(ctx, 'logistics_no');
      if (sendType !== 'all' && sendType !== 'part') throw new ParamError('InvalidParameter', `send_type must be all or part, got "${sendType}"`);
      const refuse = (code: string, message: string): Record<string, JsonOut> => ({ result: { result_success: false, error_code: code, error_message: message, time_stamp: toPacificText(ctx.nowMs) } });
      const o = orders.get(outRef.trim());
      if (o === undefined) return refuse('ORDER_NOT_FOUND', `order ${outRef} does not exist or does not belong to this seller`);
      const service = LOGISTICS_SERVICES.find((s) => s.serviceName === serviceName);
      if (service === undefined) return refuse('LOGISTICS_SERVICE_INVALID', `service_name "${serviceName}" is not a logistics service of this seller (see listlogisticsservice)`);
      if (service.trackingNoRegex !== undefined && !new RegExp(service.trackingNoRegex).test(trackingNo)) {
        return refuse('LOGISTICS_NO_INVALID', `logistics_no "${trackingNo}" does not match the tracking number format of ${serviceName}`);
      }
      if (!SHIPPABLE.has(o.status)) return refuse('ORDER_STATUS_INVALID', `order ${o.id} is ${o.status}: only orders awaiting shipment can be fulfilled`);
      const website = ctx.params.tracking_website;
      o.shipments.push({ serviceName, trackingNo, sendType, atMs: ctx.nowMs, ...(website ? { trackingWebsite: website } : {}) });
      o.status = sendType === 'all' ? 'WAIT_BUYER_ACCEPT_GOODS' : 'SELLER_PART_SEND_GOODS';
      o.modifiedMs = ctx.nowMs;
      return { result: { result_success: true } };
    },
  };
}
