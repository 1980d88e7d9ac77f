/**
 * Record kinds `caravan map` understands: a vendor payload file in, canonical records
 * (or the typed error naming the record and the field) out. Each connector adds its kinds here.
 */
import { mapAmazonOrderRecord, type RecordRejection } from '../activities/amazon-records.js';
import { parseAmazonOrderItem } from '../connectors/amazon/index.js';
import { parseEcbXml, readDecimalJson } from '../connectors/fx/index.js';
import { AMAZON_ORDER_ITEM_RECORD_TYPE, amazonOrderItemToOrderLine } from '../mappings/amazon/index.js';
import { avalaraTransactionToTaxQuote } from '../mappings/avalara/index.js';
import type { TransactionModel } from '../mappings/avalara/wire.js';
import { ShipmentSchema, type MappingError, type MappingResult } from '../mappings/canonical/index.js';
import { dhlLandedCostToQuote, DHL_LANDED_COST_RECORD_TYPE } from '../mappings/dhl/index.js';
import { ECB_RECORD_TYPE, ecbXmlToFxRates, XE_CONVERT_FROM_RECORD_TYPE, xeBodyToFxRates, type FxRateBatch } from '../mappings/fx/index.js';

export type MappedRecord = { ok: true; record: unknown } | { ok: false; error: RecordRejection };

export interface MapInputFile {
  file: string;
  text: string;
  /** The text parsed as JSON (throws a clear error when it is not JSON). */
  json(): unknown;
}

export interface RecordKind {
  description: string;
  map(input: MapInputFile, extra: { items?: MapInputFile; shipment?: MapInputFile }, opts: { channel: string }): MappedRecord[] | Promise<MappedRecord[]>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function rejectionOf(e: MappingError, errorKind: RecordRejection['errorKind'] = 'mapping'): RecordRejection {
  return {
    recordType: e.recordType,
    ...(e.recordId ? { externalId: e.recordId } : {}),
    field: e.field,
    errorKind,
    message: e.message,
    issues: e.issues.map((i) => ({ field: i.field, message: i.message })),
  };
}

function fromResult<T>(r: MappingResult<T>): MappedRecord {
  return r.ok ? { ok: true, record: r.value } : { ok: false, error: rejectionOf(r.error) };
}

/** Canonical rates, one record each; entries that are not canonical rates come back as rejections. */
function fromRateBatch(r: MappingResult<FxRateBatch>, recordType: string): MappedRecord[] {
  if (!r.ok) return [{ ok: false, error: rejectionOf(r.error) }];
  return [
    ...r.value.rates.map((rate): MappedRecord => ({ ok: true, record: rate })),
    ...r.value.skipped.map(
      (i): MappedRecord => ({
        ok: false,
        error: { recordType, field: i.field, errorKind: 'mapping', message: `${recordType}: ${i.field}: ${i.message}`, issues: [{ field: i.field, message: i.message }] },
      }),
    ),
  ];
}

/** Orders out of any shape ops are likely to hold: getOrders/getOrder responses, a bare order, an array, or {order, items} (a dead letter's payload). */
function amazonOrdersIn(doc: unknown): { order: unknown; items?: unknown[] }[] {
  if (Array.isArray(doc)) return doc.flatMap(amazonOrdersIn);
  if (!isObject(doc)) return [{ order: doc }];
  if ('order' in doc) return [{ order: doc.order, ...(Array.isArray(doc.items) ? { items: doc.items } : {}) }];
  const payload = doc.payload;
  if (isObject(payload)) {
    if (Array.isArray(payload.Orders)) return payload.Orders.map((order) => ({ order }));
    if (Array.isArray(payload.OrderItems)) {
      throw new Error('this file is a getOrderItems response; pass it with --items beside the order file');
    }
    return [{ order: payload }];
  }
  if (Array.isArray(doc.Orders)) return doc.Orders.map((order) => ({ order }));
  return [{ order: doc }];
}

/** Items per order id out of getOrderItems responses (one, or an array of them) or a bare item array. */
function amazonItemsIn(doc: unknown): Map<string | undefined, unknown[]> {
  const byOrder = new Map<string | undefined, unknown[]>();
  const add = (id: string | undefined, items: unknown[]) => byOrder.set(id, [...(byOrder.get(id) ?? []), ...items]);
  const visit = (d: unknown) => {
    if (Array.isArray(d)) {
      if (d.every((x) => isObject(x) && 'OrderItemId' in x)) add(undefined, d);
      else d.forEach(visit);
      return;
    }
    if (!isObject(d)) return;
    const p = isObject(d.payload) ? d.payload : d;
    if (Array.isArray(p.OrderItems)) add(typeof p.AmazonOrderId === 'string' ? p.AmazonOrderId : undefined, p.OrderItems);
  };
  visit(doc);
  return byOrder;
}

function unwrapRecording(doc: unknown): unknown {
  // A recorded exchange ({request, response: {body}}) as the vendor folders keep them.
  if (isObject(doc) && isObject(doc.response) && 'body' in doc.response) {
    const body = doc.response.body;
    if (typeof body === 'string') return JSON.parse(body);
    return body;
  }
  return doc;
}

export const RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.order': {
    description: 'Amazon SP-API Orders v0 order(s): getOrders/getOrder response, order object or array; --items takes getOrderItems response(s)',
    map(input, extra, { channel }) {
      const items = extra.items === undefined ? undefined : amazonItemsIn(extra.items.json());
      return amazonOrdersIn(input.json()).map(({ order, items: inline }) => {
        const id = isObject(order) && typeof order.AmazonOrderId === 'string' ? order.AmazonOrderId : undefined;
        const lines = inline ?? items?.get(id) ?? (items && items.size === 1 ? items.get(undefined) : undefined);
        const r = mapAmazonOrderRecord(order, lines, channel);
        return r.ok ? { ok: true as const, record: r.order } : { ok: false as const, error: r.rejection };
      });
    },
  },
  'amazon.order-item': {
    description: 'Amazon SP-API Orders v0 order item(s): getOrderItems response(s) or item array; mapped to order lines',
    map(input) {
      const items = [...amazonItemsIn(input.json()).values()].flat();
      return items.map((raw, i): MappedRecord => {
        const parsed = parseAmazonOrderItem(raw);
        if (!parsed.ok) {
          const issues = parsed.issues.map((x) => ({ field: `items[${i}].${x.path}`, message: x.message }));
          return {
            ok: false,
            error: {
              recordType: AMAZON_ORDER_ITEM_RECORD_TYPE,
              ...(parsed.id ? { externalId: parsed.id } : {}),
              field: issues[0]?.field ?? '',
              errorKind: 'schema',
              message: `${AMAZON_ORDER_ITEM_RECORD_TYPE} ${parsed.id ?? '(unknown id)'}: ${issues.map((x) => `${x.field}: ${x.message}`).join('; ')}`,
              issues,
            },
          };
        }
        return fromResult(amazonOrderItemToOrderLine(parsed.item, i));
      });
    },
  },
  'fx.ecb': {
    description: 'ECB euro reference rates XML (eurofxref-daily, -hist-90d, -hist); one canonical FxRate per currency and date',
    async map(input) {
      const parsed = await parseEcbXml(input.text);
      if (!parsed.ok) {
        const issue = { field: '(document)', message: parsed.message };
        return [{ ok: false, error: { recordType: ECB_RECORD_TYPE, field: issue.field, errorKind: 'schema', message: `${ECB_RECORD_TYPE}: ${parsed.message}`, issues: [issue] } }];
      }
      return fromRateBatch(ecbXmlToFxRates(parsed.doc), ECB_RECORD_TYPE);
    },
  },
  'fx.xe': {
    description: 'XE Currency Data API convert_from, convert_to, historic_rate or historic_rate/period response (numbers read as exact decimal text)',
    map(input) {
      const body = readDecimalJson(input.text);
      if (!body.ok) {
        return [{ ok: false, error: { recordType: XE_CONVERT_FROM_RECORD_TYPE, field: '(document)', errorKind: 'schema', message: `fx.xe: ${body.message}`, issues: [{ field: '(document)', message: body.message }] } }];
      }
      return fromRateBatch(xeBodyToFxRates(body.value), 'fx.xe');
    },
  },
  'avalara.transaction': {
    description: 'AvaTax REST v2 TransactionModel (a CreateTransaction answer, or a recorded exchange) → canonical TaxQuote',
    map(input) {
      const doc = input.json();
      // A file of recorded exchanges maps each answer; a TransactionModel maps itself.
      const docs = Array.isArray(doc) ? doc.map(unwrapRecording) : [unwrapRecording(doc)];
      return docs.map((d) => fromResult(avalaraTransactionToTaxQuote(d as TransactionModel)));
    },
  },
  'dhl.landed-cost': {
    description: 'DHL Express MyDHL landed-cost response → canonical LandedCostQuote; --shipment takes the canonical shipment it quotes',
    map(input, extra) {
      if (!extra.shipment) {
        throw new Error('dhl.landed-cost needs --shipment FILE (the canonical shipment quoted): the response carries neither the destination nor the items\' values');
      }
      const shipment = ShipmentSchema.safeParse(extra.shipment.json());
      if (!shipment.success) {
        throw new Error(`${extra.shipment.file} is not a canonical shipment: ${shipment.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const response = unwrapRecording(input.json());
      return [fromResult(dhlLandedCostToQuote(response, shipment.data, { date: new Date().toISOString().slice(0, 10), sellerCurrency: shipment.data.currency }))];
    },
  },
};

export { DHL_LANDED_COST_RECORD_TYPE };
