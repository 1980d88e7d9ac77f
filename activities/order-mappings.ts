/**
 * How each order source's records become canonical orders: one line per vendor. The
 * table sits in activities/ (not mappings/) because a record's path starts with the
 * connector's wire-schema check, which mappings/ may not import (DESIGN.md).
 */
import { ConfigError } from '../config/errors.js';
import type { Order } from '../mappings/canonical/index.js';
import { AMAZON_ORDER_RECORD, mapAmazonOrderRecord } from './amazon-records.js';
import type { RecordRejection } from './record-rejections.js';

export type OrderRecordResult = { ok: true; order: Order } | { ok: false; rejection: RecordRejection };

export interface OrderRecordMapping {
  /** The record kind dead letters are filed under, e.g. `amazon.order`. */
  recordType: string;
  /** One raw order and its raw lines (`undefined` when the source has none to fetch) to a canonical Order. */
  map(order: unknown, lines: readonly unknown[] | undefined, channel: string): OrderRecordResult;
}

export const ORDER_MAPPINGS: Readonly<Record<string, OrderRecordMapping>> = {
  amazon: { recordType: AMAZON_ORDER_RECORD, map: mapAmazonOrderRecord },
};

export function orderMappingFor(vendor: string): OrderRecordMapping {
  const m = ORDER_MAPPINGS[vendor];
  if (!m) throw new ConfigError(`no order mapping for vendor "${vendor}" (activities/order-mappings.ts has: ${Object.keys(ORDER_MAPPINGS).join(', ')})`);
  return m;
}
