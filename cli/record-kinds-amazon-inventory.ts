/**
 * `caravan map` kinds for Amazon inventory payloads: `amazon.inventory-summaries` (FBA Inventory
 * API v1 getInventorySummaries replies → one canonical InventoryLevel per summary, at the FBA
 * location of the reply's marketplace). Error replies (`{ errors: [...] }`) are named by
 * recogniseAmazonErrorReply before mapping (cli/commands/map.ts). Kept apart from
 * record-kinds.ts; only types come from there.
 */
import { recordRejection, schemaRejection } from '../activities/record-rejections.js';
import { recogniseAmazonErrorReply } from '../connectors/amazon/index.js';
import { AmazonInventorySummariesReplySchema, AmazonInventorySummarySchema } from '../connectors/amazon/schemas/fba-inventory.js';
import { AMAZON_INVENTORY_SUMMARY_RECORD_TYPE, amazonInventorySummaryToLevel } from '../mappings/amazon/inventory.js';
import { CliError } from './output.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A recorded exchange (`{ response: { body } }`, nock's `{ responseBody }`) → its body; anything else as it is. */
function bodyOf(doc: unknown): unknown {
  if (!isObject(doc)) return doc;
  const body = isObject(doc.response) && 'body' in doc.response ? doc.response.body : 'responseBody' in doc ? doc.responseBody : doc;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** The reply bodies a file holds: a cassette's replies, one reply, or an array of pages. */
function pagesIn(input: MapInputFile): unknown[] {
  if (input.replies !== undefined) return input.replies.map((r) => r.body);
  const doc = input.json();
  return Array.isArray(doc) ? doc.map(bodyOf) : [bodyOf(doc)];
}

function mapSummariesPage(body: unknown, page: number, pages: number, channel: string | undefined, file: string): MappedRecord[] {
  const at = pages === 1 ? '' : `[${page}].`;
  const reply = AmazonInventorySummariesReplySchema.safeParse(body);
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
};
