/**
 * The per-record path of an Alibaba.com order (each read whole with /alibaba/order/get by the
 * order source), shared by the import activity: wire schema check (connector) → mapping to the
 * canonical Order. The lines come inside the order. A bad record yields a rejection naming the
 * order and the field; nothing is thrown.
 */
import { AlibabaOrderSchema } from '../connectors/alibaba/index.js';
import { ALIBABA_ORDER_RECORD_TYPE, alibabaOrderToOrder } from '../mappings/alibaba/index.js';
import type { OrderRecordResult } from './order-mappings.js';
import { recordRejection, schemaRejection } from './record-rejections.js';

function idOf(raw: unknown): string | undefined {
  const id = raw !== null && typeof raw === 'object' ? (raw as { trade_id?: unknown }).trade_id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function mapAlibabaOrderRecord(raw: unknown, channel: string): OrderRecordResult {
  const parsed = AlibabaOrderSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, rejection: schemaRejection(ALIBABA_ORDER_RECORD_TYPE, idOf(raw), '', parsed.error.issues) };
  const mapped = alibabaOrderToOrder(parsed.data, { channel });
  if (!mapped.ok) {
    return {
      ok: false,
      rejection: recordRejection(ALIBABA_ORDER_RECORD_TYPE, mapped.error.recordId ?? idOf(raw), 'mapping', mapped.error.issues.map((i) => ({ field: i.field, message: i.message }))),
    };
  }
  return { ok: true, order: mapped.value };
}
