/**
 * AliExpress logistics replies as plain records: the carrier services a seller may name in
 * order.fulfill (logistics.redefining.listlogisticsservice). Pure.
 */
import type { AliexpressLogisticsService } from '../../connectors/aliexpress/schemas/catalog.js';
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
