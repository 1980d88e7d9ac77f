/**
 * `caravan map` kinds for Amazon inventory payloads: `amazon.inventory-summaries` (FBA Inventory
 * API v1 getInventorySummaries replies → one canonical InventoryLevel per summary, at the FBA
 * location of the reply's marketplace). Error replies (`{ errors: [...] }`) are named by
 * recogniseAmazonErrorReply before mapping (cli/commands/map.ts). Kept apart from
 * record-kinds.ts; only types come from there.
 */
import { fromResult, recordedBody, tryJson } from './record-kit.js';
import { recordRejection, schemaRejection } from '../activities/record-rejections.js';
import { readFlatFile, recogniseAmazonErrorReply, recogniseAmazonReportErrorReply } from '../connectors/amazon/index.js';
import {
  AMAZON_FBA_INVENTORY_NOTIFICATION_TYPE,
  AmazonFbaInventoryNotificationSchema,
  AmazonInventorySummariesReplySchema,
  AmazonInventorySummarySchema,
  amazonInventoryReportType,
  inventoryReportRows,
} from '../connectors/amazon/schemas/fba-inventory.js';
import {
  AMAZON_FBA_INVENTORY_NOTIFICATION_RECORD_TYPE,
  AMAZON_INVENTORY_SUMMARY_RECORD_TYPE,
  amazonAfnInventoryReportToLevels,
  amazonFbaInventoryNotificationToLevels,
  amazonInventorySummaryToLevel,
  amazonMyiInventoryReportToLevels,
} from '../mappings/amazon/inventory.js';
import { amazonMarketplaceFor } from '../mappings/amazon/index.js';
import { CliError } from './output.js';
import { refuseDocumentReference } from './record-kinds-reports.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

/** The reply bodies a file holds: a cassette's replies, one reply, or an array of pages. */
function pagesIn(input: MapInputFile): unknown[] {
  if (input.replies !== undefined) return input.replies.map((r) => r.body);
  const doc = input.json();
  return Array.isArray(doc) ? doc.map(recordedBody) : [recordedBody(doc)];
}

/**
 * The reply, or its `payload` saved alone (`{ granularity, inventorySummaries }`): what the
 * amazon-sp-api (npm) client returns by default and python-amazon-sp-api's `.payload` is.
 */
function summariesReplyOf(body: unknown): unknown {
  return isObject(body) && !('payload' in body) && Array.isArray(body.inventorySummaries) && isObject(body.granularity) ? { payload: body } : body;
}

function mapSummariesPage(body: unknown, page: number, pages: number, channel: string | undefined, file: string): MappedRecord[] {
  const at = pages === 1 ? '' : `[${page}].`;
  const reply = AmazonInventorySummariesReplySchema.safeParse(summariesReplyOf(body));
  if (!reply.success) {
    const first = reply.error.issues[0]!;
    throw new CliError(`${file}${pages === 1 ? '' : ` page ${page}`} is not a getInventorySummaries reply: ${at}${first.path.map(String).join('.')}: ${first.message}`, 1);
  }
  const { granularity, inventorySummaries } = reply.data.payload;
  return inventorySummaries.map((raw, i): MappedRecord => {
    const prefix = `${at}payload.inventorySummaries[${i}]`;
    const sku = isObject(raw) && typeof raw.sellerSku === 'string' ? raw.sellerSku : undefined;
    const parsed = AmazonInventorySummarySchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: schemaRejection(AMAZON_INVENTORY_SUMMARY_RECORD_TYPE, sku, prefix, parsed.error.issues) };
    const r = amazonInventorySummaryToLevel(parsed.data, { ...(channel === undefined ? {} : { channel }), granularity });
    if (r.ok) return { ok: true, record: r.value };
    const issues = r.error.issues.map((x) => ({ field: `${prefix}.${x.field}`, message: x.message }));
    return { ok: false, error: recordRejection(AMAZON_INVENTORY_SUMMARY_RECORD_TYPE, sku, 'mapping', issues) };
  });
}

/**
 * A notification as it arrives: the body itself, an EventBridge event (`detail`), or an SQS
 * message whose `Body` (`body` in a Lambda event record) is the notification's JSON text.
 */
function notificationOf(doc: unknown): unknown {
  const d = recordedBody(doc);
  if (!isObject(d) || 'NotificationType' in d) return d;
  if (isObject(d.detail)) return d.detail;
  const text = typeof d.Body === 'string' ? d.Body : typeof d.body === 'string' ? d.body : undefined;
  if (text !== undefined) {
    const body = tryJson(text);
    return body.ok ? body.value : text;
  }
  return d;
}

/**
 * The notifications a file holds: one, an array, SQS ReceiveMessage's output (`{ Messages: [...] }`,
 * as `aws sqs receive-message` prints it) or a Lambda SQS event (`{ Records: [...] }`).
 */
function notificationsIn(doc: unknown): { list: unknown[]; many: boolean } {
  if (Array.isArray(doc)) return { list: doc, many: true };
  if (isObject(doc) && !('NotificationType' in doc)) {
    if (Array.isArray(doc.Messages)) return { list: doc.Messages, many: true };
    if (Array.isArray(doc.Records)) return { list: doc.Records, many: true };
  }
  return { list: [doc], many: false };
}

function mapNotification(raw: unknown, i: number, many: boolean, channel: string, file: string): MappedRecord[] {
  const prefix = many ? `[${i}]` : '';
  const n = notificationOf(raw);
  const type = isObject(n) ? n.NotificationType : undefined;
  if (type !== AMAZON_FBA_INVENTORY_NOTIFICATION_TYPE) {
    const what = typeof type === 'string' ? `its NotificationType is ${type}` : 'no SP-API notification (no NotificationType)';
    throw new CliError(`${file}${prefix}: ${what}; amazon.notification maps ${AMAZON_FBA_INVENTORY_NOTIFICATION_TYPE} notifications`, 1);
  }
  const sku = isObject(n) && isObject(n.Payload) && typeof n.Payload.SKU === 'string' ? n.Payload.SKU : undefined;
  const parsed = AmazonFbaInventoryNotificationSchema.safeParse(n);
  if (!parsed.success) return [{ ok: false, error: schemaRejection(AMAZON_FBA_INVENTORY_NOTIFICATION_RECORD_TYPE, sku, prefix, parsed.error.issues) }];
  return amazonFbaInventoryNotificationToLevels(parsed.data, { channel }).map((r): MappedRecord => {
    if (r.ok) return { ok: true, record: r.value };
    const issues = r.error.issues.map((x) => ({ field: prefix === '' ? x.field : `${prefix}.${x.field}`, message: x.message }));
    return { ok: false, error: recordRejection(AMAZON_FBA_INVENTORY_NOTIFICATION_RECORD_TYPE, sku, 'mapping', issues) };
  });
}

function mapInventoryReport(input: MapInputFile, channel: string, marketplace: string | undefined): MappedRecord[] {
  refuseDocumentReference(input, 'an Amazon FBA inventory report');
  const file = readFlatFile(input.text);
  const type = amazonInventoryReportType(file.header);
  if (type === undefined) {
    throw new CliError(`${input.file} is not an Amazon FBA inventory report: its header has neither sku + afn-total-quantity (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA) nor seller-sku + Warehouse-Condition-code (GET_AFN_INVENTORY_DATA)`, 1);
  }
  let marketplaceId: string | undefined;
  if (marketplace !== undefined) {
    marketplaceId = amazonMarketplaceFor(marketplace)?.id;
    if (marketplaceId === undefined) throw new CliError(`unknown Amazon marketplace "${marketplace}": give its id (A1PA6795UKMFR9), storefront (amazon.de) or country (DE)`);
  }
  const rows = inventoryReportRows(file);
  const ctx = { channel, ...(marketplaceId === undefined ? {} : { marketplaceId }) };
  return (type === 'GET_AFN_INVENTORY_DATA' ? amazonAfnInventoryReportToLevels(rows, ctx) : amazonMyiInventoryReportToLevels(rows, ctx)).map(fromResult);
}

export const AMAZON_INVENTORY_RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.inventory-summaries': {
    description:
      'Amazon FBA Inventory API v1 getInventorySummaries reply (one, a recorded exchange, or an array of pages) → canonical InventoryLevel per summary at the FBA location of the granularity marketplace',
    expects: 'an Amazon getInventorySummaries reply',
    operation: 'getInventorySummaries',
    recogniseError: recogniseAmazonErrorReply,
    map(input, _extra, { channel }) {
      const pages = pagesIn(input);
      return pages.flatMap((body, page) => mapSummariesPage(body, page, pages.length, channel, input.file));
    },
  },
  'amazon.notification': {
    description:
      'Amazon SP-API FBA_INVENTORY_AVAILABILITY_CHANGES notification (the body, an EventBridge event, an SQS message, an array of them, SQS ReceiveMessage output or a Lambda SQS event) → canonical InventoryLevel per marketplace at FBA',
    expects: 'an Amazon SP-API notification',
    operation: 'notification',
    recogniseError: recogniseAmazonErrorReply,
    map(input, _extra, { channel }) {
      const { list, many } = notificationsIn(input.json());
      return list.flatMap((raw, i) => mapNotification(raw, i, many, channel, input.file));
    },
  },
  'amazon.inventory-report': {
    description:
      'Amazon FBA inventory flat-file report (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA or GET_AFN_INVENTORY_DATA; TSV, any charset, gzip; columns by name) → canonical InventoryLevel per SKU at FBA; --marketplace names the marketplace',
    expects: 'an Amazon FBA inventory report',
    operation: 'getReportDocument',
    recogniseError: recogniseAmazonReportErrorReply,
    map: (input, _extra, { channel, marketplace }) => mapInventoryReport(input, channel, marketplace),
  },
};
