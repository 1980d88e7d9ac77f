/**
 * AliExpress logistics replies as records: the carrier services a seller may name in
 * order.fulfill (logistics.redefining.listlogisticsservice), a DS order's package tracking
 * (ds.order.tracking.get, events as canonical TrackingEvents) and the delivery options of a DS
 * freight quote (ds.freight.query). Pure.
 */
import type { AliexpressDeliveryOption, AliexpressLogisticsService, AliexpressTrackingDetail } from '../../connectors/aliexpress/schemas/catalog.js';
import type { TrackingEvent, TrackingStatus } from '../canonical/carrier.js';
import { parseDecimalMoney, type Money } from '../canonical/money.js';
import { fail, MappingError, ok, type MappingResult } from '../canonical/result.js';
import { compact } from './readers.js';

export const ALIEXPRESS_LOGISTICS_SERVICE_RECORD_TYPE = 'aliexpress.logistics-service';

export interface AliexpressCarrierService {
  /** The key order.fulfill's `service_name` takes. */
  readonly serviceName: string;
  readonly displayName?: string;
  readonly company?: string;
  /** The platform's pattern for this service's tracking numbers. */
  readonly trackingNumberPattern?: string;
  readonly minProcessDays?: number;
  readonly maxProcessDays?: number;
  readonly recommendOrder?: number;
}

const whole = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

export function aliexpressLogisticsServiceToRecord(s: AliexpressLogisticsService, i: number): MappingResult<AliexpressCarrierService> {
  if (s.service_name === undefined || s.service_name.trim() === '') {
    return fail(new MappingError(ALIEXPRESS_LOGISTICS_SERVICE_RECORD_TYPE, s.display_name, [{ field: `result_list[${i}].service_name`, message: 'the service has no service_name: order.fulfill could not name it' }]));
  }
  return ok(
    compact<AliexpressCarrierService>({
      serviceName: s.service_name,
      displayName: s.display_name,
      company: s.logistics_company,
      trackingNumberPattern: s.tracking_no_regex,
      minProcessDays: whole(s.min_process_day),
      maxProcessDays: whole(s.max_process_day),
      recommendOrder: whole(s.recommend_order),
    }),
  );
}

/** A package's tracking as AliExpress gives it (ds.order.tracking.get), its events in canonical form. */
export interface AliexpressPackageTracking {
  readonly carrierName?: string;
  readonly trackingNumber?: string;
  /** UTC, from the reply's epoch milliseconds. */
  readonly estimatedDelivery?: string;
  readonly items: readonly { readonly itemId?: string; readonly title?: string; readonly skuDescription?: string; readonly quantity?: number }[];
  readonly events: readonly TrackingEvent[];
}

/**
 * Tracking event names → canonical status. The DS API gives names and free text only, no codes:
 * a name not in the table is `unknown`, the name kept as the carrier code and the text beside it.
 */
export const ALIEXPRESS_TRACKING_NAMES: Readonly<Record<string, TrackingStatus>> = {
  'order placed': 'pre_transit',
  'order shipped': 'in_transit',
  'in transit': 'in_transit',
  'delivery update': 'in_transit',
  'out for delivery': 'out_for_delivery',
  delivered: 'delivered',
  'delivery failed': 'exception',
  returned: 'returned',
};

const epochIso = (v: string | undefined): string | undefined => (v !== undefined && /^\d{10,14}$/.test(v) ? new Date(Number(v)).toISOString().replace('.000Z', 'Z') : undefined);

export function aliexpressTrackingToRecord(d: AliexpressTrackingDetail, i: number): MappingResult<AliexpressPackageTracking> {
  const issues: { field: string; message: string; value?: unknown }[] = [];
  const events = (d.detail_node_list ?? []).flatMap((n, j): TrackingEvent[] => {
    const name = n.tracking_name?.trim();
    const timestamp = epochIso(n.time_stamp);
    if (n.time_stamp !== undefined && timestamp === undefined) issues.push({ field: `tracking_detail[${i}].detail_node_list[${j}].time_stamp`, message: 'is not epoch milliseconds', value: n.time_stamp });
    const key = (name ?? '').toLowerCase();
    return [
      compact<TrackingEvent>({
        status: Object.hasOwn(ALIEXPRESS_TRACKING_NAMES, key) ? ALIEXPRESS_TRACKING_NAMES[key]! : 'unknown',
        carrierCode: name ?? '',
        carrierDescription: n.tracking_detail_desc,
        timestamp,
      }),
    ];
  });
  if (issues.length > 0) return fail(new MappingError(ALIEXPRESS_TRACKING_RECORD_TYPE, d.mail_no, issues));
  return ok(
    compact<AliexpressPackageTracking>({
      carrierName: d.carrier_name,
      trackingNumber: d.mail_no,
      estimatedDelivery: epochIso(d.eta_time_stamps),
      items: (d.package_item_list ?? []).map((p) =>
        compact({ itemId: p.item_id, title: p.item_title, skuDescription: p.sku_desc, quantity: p.quantity === undefined ? undefined : Number(p.quantity) }),
      ),
      events,
    }),
  );
}

export const ALIEXPRESS_TRACKING_RECORD_TYPE = 'aliexpress.tracking';
export const ALIEXPRESS_FREIGHT_RECORD_TYPE = 'aliexpress.freight';

/** A delivery option (ds.freight.query) as a record: the fee as Money from its decimal text. */
export interface AliexpressFreightOption {
  readonly serviceCode: string;
  readonly company?: string;
  readonly fee?: Money;
  readonly freeShipping?: boolean;
  readonly minDeliveryDays?: number;
  readonly maxDeliveryDays?: number;
  readonly guaranteedDeliveryDays?: number;
  readonly shipFromCountry?: string;
  readonly tracked?: boolean;
}

export function aliexpressDeliveryOptionToRecord(o: AliexpressDeliveryOption, i: number): MappingResult<AliexpressFreightOption> {
  const field = `delivery_options[${i}]`;
  if (o.code === undefined || o.code.trim() === '') return fail(new MappingError(ALIEXPRESS_FREIGHT_RECORD_TYPE, o.company, [{ field: `${field}.code`, message: 'the option has no service code' }]));
  let fee: Money | undefined;
  if (o.shipping_fee_cent !== undefined) {
    const currency = o.shipping_fee_currency?.trim().toUpperCase();
    const r = currency === undefined ? undefined : parseDecimalMoney(o.shipping_fee_cent.trim(), currency);
    if (r === undefined || !r.ok) {
      const message = r === undefined ? 'a fee without shipping_fee_currency' : r.message;
      return fail(new MappingError(ALIEXPRESS_FREIGHT_RECORD_TYPE, o.code, [{ field: `${field}.shipping_fee_cent`, message, value: o.shipping_fee_cent }]));
    }
    fee = r.money;
  }
  return ok(
    compact<AliexpressFreightOption>({
      serviceCode: o.code,
      company: o.company,
      fee,
      freeShipping: o.free_shipping,
      minDeliveryDays: whole(o.min_delivery_days),
      maxDeliveryDays: whole(o.max_delivery_days),
      guaranteedDeliveryDays: whole(o.guaranteed_delivery_days),
      shipFromCountry: o.ship_from_country,
      tracked: o.tracking,
    }),
  );
}
