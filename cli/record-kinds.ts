/**
 * Record kinds `caravan map` understands: a vendor payload file in, canonical records
 * (or the typed error naming the record and the field) out. Each connector adds its kinds here,
 * with its vendor's error-reply recogniser: the same function the connector classifies replies
 * with, so an error reply in a file is named as the vendor's error, never mapped.
 */
import { asRecording, fromResult, isRecording, recordedBody, rejectionOf, replyOfRecording, schemaRejection, tryJson } from './record-kit.js';
import { mapAmazonOrderRecord, type RecordRejection } from '../activities/amazon-records.js';
import { amazonOrderIdOf, parseAmazonOrderItem, recogniseAmazonErrorReply } from '../connectors/amazon/index.js';
import { recogniseAvalaraErrorReply } from '../connectors/avalara/index.js';
import { recogniseDhlErrorReply } from '../connectors/dhl/index.js';
import { MailchimpListSchema, recogniseMailchimpErrorReply } from '../connectors/mailchimp/index.js';
import { parseEcbXml, readDecimalJson, recogniseEcbErrorReply, recogniseXeErrorReply } from '../connectors/fx/index.js';
import { describeReplyText, lookOf, type ErrorReplyContext } from '../connectors/http/error-reply.js';
import type { ConnectorError } from '../connectors/http/errors.js';
import { recogniseViesErrorReply, ViesCheckVatResponseSchema } from '../connectors/vies/index.js';
import { AMAZON_ORDER_ITEM_RECORD_TYPE, amazonOrderItemToOrderLine } from '../mappings/amazon/index.js';
import { avalaraTransactionToTaxQuote } from '../mappings/avalara/index.js';
import type { AvalaraTransaction } from '../connectors/avalara/schemas.js';
import { ShipmentSchema, type MappingResult } from '../mappings/canonical/index.js';
import { dhlLandedCostToQuote, DHL_LANDED_COST_RECORD_TYPE } from '../mappings/dhl/index.js';
import { MAILCHIMP_LIST_RECORD_TYPE, mailchimpListToAudience } from '../mappings/mailchimp/index.js';
import { parse as parseYaml } from 'yaml';
import { CliError } from './output.js';
import { MARKETPLACE_RECORD_KINDS } from './record-kinds-marketplaces.js';
import { SIGNED_REQUEST_RECORD_KINDS } from './record-kinds-signed-requests.js';
import { looksLikeAmazon2026, mapAmazon2026OrdersIn } from './record-kinds-amazon.js';
import { amazonReportLook, REPORT_RECORD_KINDS } from './record-kinds-reports.js';
import { AMAZON_LISTING_RECORD_KINDS } from './record-kinds-amazon-listings.js';
import { CARRIER_RECORD_KINDS, carrierLooksLike } from './record-kinds-carriers.js';
import { AMAZON_INVENTORY_RECORD_KINDS } from './record-kinds-amazon-inventory.js';
import { PAYMENT_RECORD_KINDS, paymentLooksLike, paymentTextLooksLike } from './record-kinds-payments.js';
import { AMAZON_FINANCE_RECORD_KINDS } from './record-kinds-amazon-finances.js';
import { ECB_RECORD_TYPE, ecbXmlToFxRates, XE_CONVERT_FROM_RECORD_TYPE, xeBodyToFxRates, type FxRateBatch } from '../mappings/fx/index.js';
import { isObject } from '../connectors/http/json-object.js';

export type MappedRecord = { ok: true; record: unknown } | { ok: false; error: RecordRejection };

export interface MapInputFile {
  file: string;
  /** The file's bytes as read (gzip included). */
  bytes: Uint8Array;
  /** The charset the text was decoded from (detected, or --charset). */
  charset: string;
  /** The payload's text (for a VCR cassette: the body of its last interaction). */
  text: string;
  /** The text parsed as JSON (throws a clear error when it is not JSON). */
  json(): unknown;
  /** Every reply the file holds, when it is a recording that carries statuses (a VCR cassette). */
  replies?: FileReply[];
}

export interface RecordKind {
  description: string;
  /** What a file of this kind holds, for "not …" messages: "an Amazon SP-API order reply". */
  expects: string;
  /** The vendor's error-reply recogniser (connectors/<vendor>/errors.ts), with the operation the file answers. */
  recogniseError(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined;
  readonly operation: string;
  /** The file holds requests, not replies (signed-request kinds): no error-reply or look check before mapping. */
  readonly readsRequests?: boolean;
  map(input: MapInputFile, extra: { items?: MapInputFile; shipment?: MapInputFile }, opts: { channel: string; channelGiven?: boolean; marketplace?: string }): MappedRecord[] | Promise<MappedRecord[]>;
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

/** One reply held in a file: the body (parsed JSON, else the raw text) and, for a recorded exchange, its status and headers. */
export interface FileReply {
  readonly body: unknown;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/**
 * A Ruby VCR cassette (`http_interactions: [{ request, response: { status: { code }, headers,
 * body: { string | base64_string } } }]`), as the Amazon vendor folder keeps peddler's real
 * recordings: its replies, in order. Undefined for any other text.
 */
export function vcrCassetteReplies(text: string): FileReply[] | undefined {
  if (!/^http_interactions:/m.test(text.slice(0, 200))) return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  const interactions = isObject(doc) && Array.isArray(doc.http_interactions) ? doc.http_interactions : [];
  const replies = interactions.filter(isObject).flatMap((i): FileReply[] => {
    if (!isObject(i.response)) return [];
    const b = i.response.body;
    const raw = isObject(b) ? (typeof b.string === 'string' ? b.string : typeof b.base64_string === 'string' ? Buffer.from(b.base64_string, 'base64').toString('utf8') : '') : '';
    return [replyOfRecording({ response: { ...i.response, body: raw } })];
  });
  return replies.length === 0 ? undefined : replies;
}

/** The replies a file holds: the exchanges of a recording (or an array of them), else the whole file as one body. */
export function repliesIn(text: string): FileReply[] {
  const cassette = vcrCassetteReplies(text);
  if (cassette !== undefined) return cassette;
  const j = tryJson(text);
  if (!j.ok) return [{ body: text }];
  const doc = Array.isArray(j.value) ? j.value.map(asRecording) : asRecording(j.value);
  if (isRecording(doc)) return [replyOfRecording(doc)];
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isRecording)) return doc.map(replyOfRecording);
  return [{ body: doc }];
}

/** What a body looks like, when it is recognisably some kind (or no JSON record at all). */
export interface Look {
  /** The record kind that maps it, when one does. */
  readonly kind?: string;
  readonly what: string;
}

export function looksLike(body: unknown): Look | undefined {
  const carrier = carrierLooksLike(body); // DHL/FedEx carrier replies (cli/record-kinds-carriers.ts)
  if (carrier !== undefined) return carrier;
  if (typeof body === 'string') {
    const settlement = paymentTextLooksLike(body); // Amazon settlement flat files (cli/record-kinds-payments.ts)
    if (settlement !== undefined) return settlement;
    const report = amazonReportLook(body);
    if (report !== undefined) return report;
    const look = lookOf(body);
    if (look === 'xml' && /gesmes|eurofxref/i.test(body.slice(0, 4000))) return { kind: 'fx.ecb', what: 'this looks like an ECB reference-rate XML file' };
    return { what: `this is ${describeReplyText(body)}` };
  }
  const d = Array.isArray(body) ? body[0] : body;
  if (!isObject(d)) return undefined;
  const p = isObject(d.payload) ? d.payload : d;
  const payment = paymentLooksLike(d);
  if (payment !== undefined) return payment;
  if (looksLikeAmazon2026(d)) return { kind: 'amazon.order', what: 'this is an Amazon Orders API 2026-01-01 searchOrders/getOrder response' };
  if (Array.isArray(p.OrderItems) || typeof d.OrderItemId === 'string') return { kind: 'amazon.order-item', what: 'this is a getOrderItems response (Amazon order items)' };
  if (Array.isArray(p.Orders) || typeof p.AmazonOrderId === 'string' || 'order' in d) return { kind: 'amazon.order', what: 'this is an Amazon getOrders/getOrder response' };
  if (Array.isArray(d.lines) && ('totalTax' in d || 'companyId' in d || 'totalAmount' in d)) return { kind: 'avalara.transaction', what: 'this looks like an AvaTax TransactionModel' };
  if (Array.isArray(d.products) && d.products.some((x) => isObject(x) && ('totalPrice' in x || 'detailedPriceBreakdown' in x))) {
    return { kind: 'dhl.landed-cost', what: 'this looks like a DHL Express landed-cost response' };
  }
  if (typeof d.from === 'string' && 'to' in d && 'amount' in d) return { kind: 'fx.xe', what: 'this looks like an XE Currency Data reply' };
  if (typeof d.valid === 'boolean' && typeof d.vatNumber === 'string' && typeof d.countryCode === 'string') return { kind: 'vies.vat-check', what: 'this looks like a VIES checkVatNumber reply' };
  if ((Array.isArray(d.lists) && 'total_items' in d) || (typeof d.web_id === 'number' && typeof d.permission_reminder === 'string')) {
    return { kind: 'mailchimp.list', what: 'this looks like a Mailchimp lists reply' };
  }
  if (Array.isArray(d.members) && typeof d.list_id === 'string') return { what: 'this looks like a Mailchimp list-members reply (no record kind maps it)' };
  if (Array.isArray(d.shipments)) return { what: 'this looks like a DHL tracking reply (no record kind maps it)' };
  if (Array.isArray(d.validatedAddresses)) return { what: 'this looks like an AvaTax address-resolve reply (no record kind maps it)' };
  if (typeof d.authenticated === 'boolean' && typeof d.version === 'string') return { what: 'this looks like an AvaTax Ping reply (no record kind maps it)' };
  return undefined;
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

/** Items grouped by order id, checked against the orders: items of no order in the file are an error naming them. */
function itemsForOrders(items: Map<string | undefined, unknown[]>, orderIds: (string | undefined)[], files: { orders: string; items: string }): Map<string | undefined, unknown[]> {
  const known = new Set(orderIds.filter((id): id is string => id !== undefined));
  const orphans = [...items.keys()].filter((id): id is string => id !== undefined && !known.has(id));
  if (orphans.length > 0) {
    const there = known.size === 0 ? 'no order ids' : `orders there: ${[...known].join(', ')}`;
    throw new CliError(`${files.items}: items of order(s) ${orphans.join(', ')} match no order in ${files.orders} (${there})`, 1);
  }
  if (items.has(undefined) && orderIds.length !== 1) {
    throw new CliError(`${files.items}: items without an AmazonOrderId cannot be matched to one of the ${orderIds.length} orders in ${files.orders}; pass getOrderItems responses (they name their order)`, 1);
  }
  return items;
}

/** Canonical VAT-number check out of a VIES checkVatNumber reply; the trader's name and address stay out (no canonical field holds them). */
export interface VatNumberCheckRecord {
  readonly source: 'vies';
  /** Prefix and number as VIES echoes them, e.g. DE123456789 (EL for Greece, XI for Northern Ireland). */
  readonly vatNumber: string;
  readonly status: 'valid' | 'invalid';
  /** When VIES consulted the register, UTC ISO 8601. */
  readonly checkedAt: string;
  /** VIES's consultation number (only when a requester was named): the evidence to keep. */
  readonly consultationNumber?: string;
}

export const VIES_VAT_CHECK_RECORD_TYPE = 'vies.vat-check';

function viesCheckToRecord(body: unknown): MappedRecord {
  const parsed = ViesCheckVatResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: i.message }));
    return {
      ok: false,
      error: {
        recordType: VIES_VAT_CHECK_RECORD_TYPE,
        field: issues[0]?.field ?? '',
        errorKind: 'schema',
        message: `${VIES_VAT_CHECK_RECORD_TYPE}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
        issues,
      },
    };
  }
  const d = parsed.data;
  const consultation = typeof d.requestIdentifier === 'string' && d.requestIdentifier.trim() !== '' ? d.requestIdentifier : undefined;
  const record: VatNumberCheckRecord = {
    source: 'vies',
    vatNumber: `${d.countryCode}${d.vatNumber}`,
    status: d.valid ? 'valid' : 'invalid',
    checkedAt: new Date(Date.parse(d.requestDate)).toISOString(),
    ...(consultation === undefined ? {} : { consultationNumber: consultation }),
  };
  return { ok: true, record };
}

/** Lists out of a GET /lists reply (`lists[]`, each checked on its own) or a single list (GET /lists/{id}). */
function mailchimpListsIn(input: MapInputFile, channel: string): MappedRecord[] {
  const doc = recordedBody(input.json());
  const many = isObject(doc) && Array.isArray(doc.lists);
  const lists: unknown[] = many ? (doc.lists as unknown[]) : isObject(doc) && 'web_id' in doc ? [doc] : [];
  if (!many && lists.length === 0) {
    throw new CliError(`${input.file} holds no Mailchimp lists: expected a GET /lists reply (lists[]) or one list (GET /lists/{list_id})`, 1);
  }
  return lists.map((raw, i) => {
    const parsed = MailchimpListSchema.safeParse(raw);
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    if (!parsed.success) return schemaRejection(MAILCHIMP_LIST_RECORD_TYPE, id, many ? `lists[${i}]` : '', parsed.error.issues);
    return fromResult(mailchimpListToAudience(parsed.data, channel));
  });
}

export const RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.order': {
    description:
      'Amazon SP-API order(s), Orders v0 or Orders API 2026-01-01: v0 getOrders/getOrder response, order object or array (--items takes v0 getOrderItems response(s)); 2026-01-01 searchOrders/getOrder response or order object (items inside)',
    expects: 'an Amazon SP-API order reply (Orders v0 or 2026-01-01)',
    operation: 'getOrders',
    recogniseError: recogniseAmazonErrorReply,
    map(input, extra, { channel }) {
      const doc = recordedBody(input.json());
      const orders2026 = mapAmazon2026OrdersIn(doc, channel, { orders: input.file, ...(extra.items ? { items: extra.items.file } : {}) });
      if (orders2026 !== undefined) return orders2026;
      const orders = amazonOrdersIn(doc);
      const ids = orders.map(({ order }) => amazonOrderIdOf(order));
      const items = extra.items === undefined ? undefined : itemsForOrders(amazonItemsIn(recordedBody(extra.items.json())), ids, { orders: input.file, items: extra.items.file });
      return orders.map(({ order, items: inline }, i) => {
        const id = ids[i];
        const lines = inline ?? items?.get(id) ?? (items && orders.length === 1 ? items.get(undefined) : undefined);
        const r = mapAmazonOrderRecord(order, lines, channel);
        return r.ok ? { ok: true as const, record: r.order } : { ok: false as const, error: r.rejection };
      });
    },
  },
  'amazon.order-item': {
    description: 'Amazon SP-API Orders v0 order item(s): getOrderItems response(s) or item array; mapped to order lines',
    expects: 'an Amazon getOrderItems reply',
    operation: 'getOrderItems',
    recogniseError: recogniseAmazonErrorReply,
    map(input) {
      const groups = amazonItemsIn(recordedBody(input.json()));
      if (groups.size === 0) {
        throw new CliError(`${input.file} holds no order items: expected a getOrderItems response (payload.OrderItems) or an array of order items`, 1);
      }
      const items = [...groups.values()].flat();
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
    expects: 'an ECB reference-rate XML file',
    operation: 'ecbReferenceRates',
    recogniseError: recogniseEcbErrorReply,
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
    expects: 'an XE Currency Data reply',
    operation: 'xeConvertFrom',
    recogniseError: recogniseXeErrorReply,
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
    expects: 'an AvaTax TransactionModel',
    operation: 'CreateTransaction',
    recogniseError: recogniseAvalaraErrorReply,
    map(input) {
      const doc = input.json();
      // A file of recorded exchanges maps each answer; a TransactionModel maps itself.
      const docs = Array.isArray(doc) ? doc.map(recordedBody) : [recordedBody(doc)];
      return docs.map((d) => fromResult(avalaraTransactionToTaxQuote(d as AvalaraTransaction)));
    },
  },
  'dhl.landed-cost': {
    description: 'DHL Express MyDHL landed-cost response → canonical LandedCostQuote; --shipment takes the canonical shipment it quotes',
    expects: 'a DHL Express landed-cost reply',
    operation: 'landedCost',
    recogniseError: recogniseDhlErrorReply,
    map(input, extra) {
      if (!extra.shipment) {
        throw new Error('dhl.landed-cost needs --shipment FILE (the canonical shipment quoted): the response carries neither the destination nor the items\' values');
      }
      const shipment = ShipmentSchema.safeParse(extra.shipment.json());
      if (!shipment.success) {
        throw new Error(`${extra.shipment.file} is not a canonical shipment: ${shipment.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const response = recordedBody(input.json());
      return [fromResult(dhlLandedCostToQuote(response, shipment.data, { date: new Date().toISOString().slice(0, 10), sellerCurrency: shipment.data.currency }))];
    },
  },
  'vies.vat-check': {
    description: 'VIES checkVatNumber reply (CheckVatResponse) → canonical VAT-number check (valid/invalid, date, consultation number; no trader name or address)',
    expects: 'a VIES checkVatNumber reply',
    operation: 'checkVatNumber',
    recogniseError: recogniseViesErrorReply,
    map(input) {
      const doc = input.json();
      const docs = Array.isArray(doc) ? doc.map(recordedBody) : [recordedBody(doc)];
      return docs.map(viesCheckToRecord);
    },
  },
  'mailchimp.list': {
    description: 'Mailchimp Marketing API GET /lists reply (or one list, GET /lists/{list_id}) → canonical Audience per list',
    expects: 'a Mailchimp lists reply',
    operation: 'getLists',
    recogniseError: recogniseMailchimpErrorReply,
    map: (input, _extra, { channel }) => mailchimpListsIn(input, channel),
  },
  ...MARKETPLACE_RECORD_KINDS,
  ...SIGNED_REQUEST_RECORD_KINDS,
  ...REPORT_RECORD_KINDS,
  ...CARRIER_RECORD_KINDS,
  ...PAYMENT_RECORD_KINDS,
  ...AMAZON_LISTING_RECORD_KINDS,
  ...AMAZON_FINANCE_RECORD_KINDS,
  ...AMAZON_INVENTORY_RECORD_KINDS,
};

export { DHL_LANDED_COST_RECORD_TYPE };

export { rejectionOf };
