/**
 * The per-record path of an AliExpress order from `aliexpress.solution.order.get`, shared by
 * the import activity and `caravan map`: wire schema check (connector) → mapping to the
 * canonical Order. The lines come inside the order. A bad record yields a rejection naming the
 * order and the field; nothing is thrown.
 */
import { AliexpressOrderSchema } from '../connectors/aliexpress/index.js';
import { ALIEXPRESS_ORDER_RECORD_TYPE, aliexpressOrderToOrder } from '../mappings/aliexpress/index.js';
import type { OrderRecordResult } from './order-mappings.js';
import { recordRejection, schemaRejection } from './record-rejections.js';

/** The order id of a raw record as text (a bare number past 2^53 arrives as a string from the lossless parse). */
function idOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as { order_id?: unknown; id?: unknown }).order_id ?? (raw as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function mapAliexpressOrderRecord(raw: unknown, channel: string): OrderRecordResult {
  const parsed = AliexpressOrderSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, rejection: schemaRejection(ALIEXPRESS_ORDER_RECORD_TYPE, idOf(raw), '', parsed.error.issues) };
  const mapped = aliexpressOrderToOrder(parsed.data, { channel, api: 'aliexpress.solution.order.get' });
  if (!mapped.ok) {
    return {
      ok: false,
      rejection: recordRejection(ALIEXPRESS_ORDER_RECORD_TYPE, mapped.error.recordId ?? idOf(raw), 'mapping', mapped.error.issues.map((i) => ({ field: i.field, message: i.message }))),
    };
  }
  return { ok: true, order: mapped.value };
}
