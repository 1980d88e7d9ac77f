/**
 * `caravan map` kinds of the Amazon Finances API (settlement ledger): Finances v0 financial
 * events and financial event groups, Finances 2024-06-19 transactions (mappings/amazon/finances.ts).
 * Spread into RECORD_KINDS by cli/record-kinds.ts; only types are imported from there.
 *
 * The model writes amounts as JSON numbers (`"CurrencyAmount": 28.88`): the file's text is read
 * with every number literal quoted first (connectors/http/lossless-json.ts quoteNumberLiterals),
 * so amounts reach the mapping as their exact decimal text, never through a float.
 */
import { rejectionOf } from './record-kit.js';
import { recogniseAmazonErrorReply } from '../connectors/amazon/index.js';
import { parseQuoted, quoteNumberLiterals } from '../connectors/http/lossless-json.js';
import {
  AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE,
  amazonFinancialEventGroupToSettlement,
  amazonFinancialEventsToLines,
  amazonTransactionToLine,
} from '../mappings/amazon/index.js';
import type { MappingResult } from '../mappings/canonical/index.js';
import { CliError } from './output.js';
import type { MapInputFile, MappedRecord, RecordKind } from './record-kinds.js';
import { isObject } from '../connectors/http/json-object.js';

/** The file's replies with amounts as exact decimal text: a reply, an array of replies, or a recorded exchange (`{response: {body}}`). */
function exactBodies(input: MapInputFile): unknown[] {
  const parsed = parseQuoted(quoteNumberLiterals(input.text, () => true));
  if (!parsed.ok) throw new CliError(`${input.file} is not JSON: ${parsed.message}`, 1);
  const unwrap = (d: unknown): unknown => {
    if (isObject(d) && isObject(d.response) && 'body' in d.response) {
      const b = d.response.body;
      if (typeof b !== 'string') return b;
      const inner = parseQuoted(quoteNumberLiterals(b, () => true));
      return inner.ok ? inner.value : b;
    }
    return d;
  };
  const doc = parsed.value;
  return Array.isArray(doc) ? doc.map(unwrap) : [unwrap(doc)];
}

const payloadOf = (d: unknown): Record<string, unknown> | undefined => (isObject(d) ? (isObject(d.payload) ? d.payload : d) : undefined);

/**
 * The list `key` of a payload; an explicit `null` is an empty page: Amazon answers a window without
 * transactions with `{"nextToken": null, "transactions": null}` (amzn/selling-partner-api-models#4358).
 */
function listIn(p: Record<string, unknown> | undefined, key: string): unknown[] | undefined {
  if (p === undefined) return undefined;
  const v = p[key];
  return Array.isArray(v) ? v : v === null && Object.hasOwn(p, key) ? [] : undefined;
}

/** What a Finances body is, for messages about a file given to the wrong Finances kind. */
export function amazonFinancesLooksLike(d: unknown): { kind: string; what: string } | undefined {
  const p = payloadOf(d);
  if (p === undefined) return undefined;
  if (isObject(p.FinancialEvents)) return { kind: 'amazon.financial-events', what: 'this is an Amazon Finances v0 listFinancialEvents reply (payload.FinancialEvents)' };
  if (Array.isArray(p.FinancialEventGroupList)) return { kind: 'amazon.financial-event-groups', what: 'this is an Amazon Finances v0 listFinancialEventGroups reply (payload.FinancialEventGroupList)' };
  if (Array.isArray(p.transactions)) return { kind: 'amazon.transactions', what: 'this is an Amazon Finances 2024-06-19 listTransactions reply (payload.transactions)' };
  return undefined;
}

function refuseOther(input: MapInputFile, kind: string, expects: string, d: unknown): never {
  const look = amazonFinancesLooksLike(d);
  if (look !== undefined && look.kind !== kind) throw new CliError(`${input.file}: ${look.what}, not ${expects}; try \`caravan map ${look.kind} ${input.file}\``, 1);
  const keys = isObject(d) ? Object.keys(payloadOf(d) ?? {}).slice(0, 6).join(', ') : undefined;
  throw new CliError(`${input.file} is not ${expects}${keys ? ` (its ${isObject(d) && isObject(d.payload) ? 'payload' : 'object'} has ${keys || 'no members'})` : ''}`, 1);
}

function toRecord<T>(r: MappingResult<T>): MappedRecord {
  return r.ok ? { ok: true, record: r.value } : { ok: false, error: rejectionOf(r.error) };
}

const EVENTS_EXPECTS = 'an Amazon Finances v0 listFinancialEvents reply';
const GROUPS_EXPECTS = 'an Amazon Finances v0 listFinancialEventGroups reply';
const TRANSACTIONS_EXPECTS = 'an Amazon Finances 2024-06-19 listTransactions reply';

function financialEventRecords(input: MapInputFile): MappedRecord[] {
  return exactBodies(input).flatMap((d, i, all) => {
    const p = payloadOf(d);
    if (p === undefined || !isObject(p.FinancialEvents)) refuseOther(input, 'amazon.financial-events', EVENTS_EXPECTS, d);
    const prefix = `${all.length > 1 ? `[${i}].` : ''}${isObject(d) && isObject(d.payload) ? 'payload.' : ''}FinancialEvents`;
    return amazonFinancialEventsToLines(p.FinancialEvents, prefix).map(toRecord);
  });
}

function financialEventGroupRecords(input: MapInputFile): MappedRecord[] {
  return exactBodies(input).flatMap((d, i, all) => {
    const groups = listIn(payloadOf(d), 'FinancialEventGroupList');
    if (groups === undefined) refuseOther(input, 'amazon.financial-event-groups', GROUPS_EXPECTS, d);
    const prefix = `${all.length > 1 ? `[${i}].` : ''}${isObject(d) && isObject(d.payload) ? 'payload.' : ''}FinancialEventGroupList`;
    return groups.map((g, j) => toRecord(amazonFinancialEventGroupToSettlement(g, `${prefix}[${j}]`)));
  });
}

function transactionRecords(input: MapInputFile): MappedRecord[] {
  const seen = new Map<string, number>();
  const fallbackId = (key: string): string => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}:${n}`;
  };
  return exactBodies(input).flatMap((d, i, all) => {
    const transactions = listIn(payloadOf(d), 'transactions');
    if (transactions === undefined) refuseOther(input, 'amazon.transactions', TRANSACTIONS_EXPECTS, d);
    const prefix = `${all.length > 1 ? `[${i}].` : ''}${isObject(d) && isObject(d.payload) ? 'payload.' : ''}transactions`;
    return transactions.map((t, j) => toRecord(amazonTransactionToLine(t, `${prefix}[${j}]`, fallbackId)));
  });
}

export const AMAZON_FINANCE_RECORD_KINDS: Record<string, RecordKind> = {
  'amazon.financial-events': {
    description:
      'Amazon Finances v0 listFinancialEvents / …ByGroupId / …ByOrderId reply (payload.FinancialEvents) → one SettlementLine per charge, fee, promotion and withheld tax of every event',
    expects: EVENTS_EXPECTS,
    operation: 'listFinancialEvents',
    recogniseError: recogniseAmazonErrorReply,
    map: (input) => financialEventRecords(input),
  },
  'amazon.financial-event-groups': {
    description: 'Amazon Finances v0 listFinancialEventGroups reply (payload.FinancialEventGroupList) → one Settlement header per group (OriginalTotal, period, fund transfer date)',
    expects: GROUPS_EXPECTS,
    operation: 'listFinancialEventGroups',
    recogniseError: recogniseAmazonErrorReply,
    map: (input) => financialEventGroupRecords(input),
  },
  'amazon.transactions': {
    description: 'Amazon Finances 2024-06-19 listTransactions reply (payload.transactions) → one SettlementLine per transaction, fee/expense breakdowns as fee details',
    expects: TRANSACTIONS_EXPECTS,
    operation: 'listTransactions',
    recogniseError: recogniseAmazonErrorReply,
    map: (input) => transactionRecords(input),
  },
};

export { AMAZON_FINANCIAL_EVENT_GROUPS_RECORD_TYPE };
