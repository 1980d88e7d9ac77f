/**
 * How each order source's records become canonical orders: one line per vendor and record
 * format. The table sits in activities/ (not mappings/) because a record's path starts with
 * the connector's wire-schema check, which mappings/ may not import (DESIGN.md).
 */
import { ConfigError } from '../config/errors.js';
import { AMAZON_ORDERS_2026_FORMAT } from '../connectors/amazon/index.js';
import type { Order } from '../mappings/canonical/index.js';
import { mapAlibabaOrderRecord } from './alibaba-records.js';
import { mapAliexpressOrderRecord } from './aliexpress-records.js';
import { AMAZON_ORDER_RECORD, mapAmazon2026OrderRecord, mapAmazonOrderRecord } from './amazon-records.js';
import { ALIEXPRESS_ORDER_RECORD_TYPE } from '../mappings/aliexpress/index.js';
import { ALIBABA_ORDER_RECORD_TYPE } from '../mappings/alibaba/index.js';
import type { RecordRejection } from './record-rejections.js';

export type OrderRecordResult = { ok: true; order: Order } | { ok: false; rejection: RecordRejection };

export interface OrderRecordMapping {
  /** The record kind dead letters are filed under, e.g. `amazon.order`. */
  recordType: string;
  /** The OrderSource recordFormat it reads; absent for the vendor's first format. Dead letters keep it. */
  format?: string;
  /** The lines come inside the order: a record (and its dead letter) is complete without separate lines. */
  linesInOrder: boolean;
  /** One raw order and its raw lines (`undefined` when the source has none to fetch) to a canonical Order. */
  map(order: unknown, lines: readonly unknown[] | undefined, channel: string): OrderRecordResult;
}

export const ORDER_MAPPINGS: Readonly<Record<string, readonly OrderRecordMapping[]>> = {
  amazon: [
    { recordType: AMAZON_ORDER_RECORD, linesInOrder: false, map: mapAmazonOrderRecord },
    {
      recordType: AMAZON_ORDER_RECORD,
      format: AMAZON_ORDERS_2026_FORMAT,
      linesInOrder: true,
      map: (order, _lines, channel) => mapAmazon2026OrderRecord(order, channel),
    },
  ],
  // aliexpress.solution.order.get: the lines come inside each order.
  aliexpress: [{ recordType: ALIEXPRESS_ORDER_RECORD_TYPE, linesInOrder: true, map: (order, _lines, channel) => mapAliexpressOrderRecord(order, channel) }],
  // /alibaba/order/list, each order read whole with /alibaba/order/get: the lines come inside it.
  alibaba: [{ recordType: ALIBABA_ORDER_RECORD_TYPE, linesInOrder: true, map: (order, _lines, channel) => mapAlibabaOrderRecord(order, channel) }],
};

/** The mapping of a vendor's records in `format` (the source's recordFormat; absent: the first format). */
export function orderMappingFor(vendor: string, format?: string): OrderRecordMapping {
  const mappings = ORDER_MAPPINGS[vendor];
  if (!mappings) throw new ConfigError(`no order mapping for vendor "${vendor}" (activities/order-mappings.ts has: ${Object.keys(ORDER_MAPPINGS).join(', ')})`);
  const m = mappings.find((x) => x.format === format);
  if (!m) {
    const formats = mappings.map((x) => x.format ?? '(default)').join(', ');
    throw new ConfigError(`no order mapping for ${vendor} records in format "${format ?? '(default)'}" (activities/order-mappings.ts has: ${formats})`);
  }
  return m;
}
