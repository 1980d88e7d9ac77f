/**
 * ISO 20022 camt.053 (BankToCustomerStatement) → canonical BankStatementLines, one per entry
 * (`Ntry`). Versions differ in namespace (`urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN`)
 * and in small shapes this reader takes in both forms:
 * - `Sts` is text in .001.02 (`<Sts>BOOK</Sts>`) and a code from .001.08 (`<Sts><Cd>BOOK</Cd></Sts>`);
 * - parties are `Dbtr/Nm` in .001.02 and `Dbtr/Pty/Nm` from .001.08;
 * - dates are `Dt` or `DtTm` (the booking day is the date as the bank wrote it, offset kept out);
 * - the account is `Acct/Id/IBAN` or `Acct/Id/Othr/Id`.
 * Input: the document as xml2js parses it with element prefixes stripped and every child an
 * array (cli/commands/bank.ts parseCamtXml): `{ Document: { $: attrs, BkToCstmrStmt: [ … ] } }`.
 */
import {
  currencyInfo,
  MappingError,
  parseDecimalMoney,
  type BankStatementLine,
  type MappingIssue,
  type MappingResult,
} from '../canonical/index.js';

export const CAMT053_RECORD_TYPE = 'bank.camt053';

const NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:camt\.053\.(\d{3}\.\d{2})/;

type XmlNode = Record<string, unknown>;

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Children named `name` (xml2js with explicitArray: always an array when present). */
function kids(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const v = node[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** The first element down `path`. */
function at(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const name of path) {
    cur = kids(cur, name)[0];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Element text, trimmed; undefined for an absent or empty element. */
function text(node: unknown): string | undefined {
  const raw = typeof node === 'string' ? node : isNode(node) && typeof node._ === 'string' ? node._ : undefined;
  const t = raw?.trim();
  return t === undefined || t === '' ? undefined : t;
}

const textAt = (node: unknown, ...path: string[]): string | undefined => text(at(node, ...path));

function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node) || !isNode(node.$)) return undefined;
  const v = node.$[name];
  return typeof v === 'string' ? v.trim() : undefined;
}

/** The version from the namespace (`001.02`, `001.08`), wherever the prefix put the declaration. */
function versionOf(document: XmlNode): string | undefined {
  const attrs = isNode(document.$) ? Object.values(document.$) : [];
  for (const v of attrs) {
    const m = typeof v === 'string' ? NAMESPACE.exec(v) : null;
    if (m) return m[1];
  }
  return undefined;
}

export interface Camt053Statements {
  /** `001.02`, `001.08` …; undefined when the document declares no camt.053 namespace. */
  readonly version: string | undefined;
  readonly lines: readonly MappingResult<BankStatementLine>[];
}

export interface Camt053Options {
  /** The account to expect: a statement for another account is refused, entry by entry. */
  readonly account?: string;
}

export const normaliseAccount = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/** Reads every entry of every statement. Never throws: an unreadable entry is a MappingError naming it and its field. */
export function camt053ToBankLines(parsed: unknown, options: Camt053Options = {}): Camt053Statements | { readonly error: MappingError } {
  const document = at(parsed, 'Document');
  const statement = at(document, 'BkToCstmrStmt');
  if (!isNode(document) || !isNode(statement)) {
    const root = isNode(parsed) ? Object.keys(parsed)[0] : undefined;
    return { error: new MappingError(CAMT053_RECORD_TYPE, undefined, [{ field: 'Document.BkToCstmrStmt', message: `not a camt.053 statement (root element ${root ?? 'none'})` }]) };
  }
  const lines: MappingResult<BankStatementLine>[] = [];
  kids(statement, 'Stmt').forEach((stmt, s) => {
    const statementId = textAt(stmt, 'Id');
    const ibanOrOther = textAt(stmt, 'Acct', 'Id', 'IBAN') ?? textAt(stmt, 'Acct', 'Id', 'Othr', 'Id');
    kids(stmt, 'Ntry').forEach((entry, n) => {
      lines.push(entryToLine(entry, `Stmt[${s}].Ntry[${n}]`, statementId, ibanOrOther, options.account));
    });
  });
  return { version: versionOf(document), lines };
}

/** Entry status → canonical; FUTR (.001.08 ExternalEntryStatus1Code: booked for a future value date) is not money on the account yet. */
const STATUS: Readonly<Record<string, BankStatementLine['status']>> = { BOOK: 'booked', PDNG: 'pending', FUTR: 'pending', INFO: 'info' };

function dateOf(issues: MappingIssue[], node: unknown, field: string, required: boolean): string | undefined {
  const raw = textAt(node, 'Dt') ?? textAt(node, 'DtTm');
  if (raw === undefined) {
    if (required) issues.push({ field, message: 'missing (neither Dt nor DtTm)' });
    return undefined;
  }
  const date = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(raw)?.[1];
  const d = date === undefined ? undefined : new Date(`${date}T00:00:00Z`);
  if (date === undefined || d === undefined || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    issues.push({ field, message: `"${raw}" is not an ISO date or date-time`, value: raw });
    return undefined;
  }
  return date;
}

function partyName(party: unknown): string | undefined {
  return textAt(party, 'Nm') ?? textAt(party, 'Pty', 'Nm');
}

function partyAccount(account: unknown): string | undefined {
  const raw = textAt(account, 'Id', 'IBAN') ?? textAt(account, 'Id', 'Othr', 'Id');
  return raw === undefined ? undefined : normaliseAccount(raw);
}

function bankTransactionCode(node: unknown): string | undefined {
  const domain = textAt(node, 'BkTxCd', 'Domn', 'Cd');
  if (domain !== undefined) {
    return [domain, textAt(node, 'BkTxCd', 'Domn', 'Fmly', 'Cd'), textAt(node, 'BkTxCd', 'Domn', 'Fmly', 'SubFmlyCd')].filter((x) => x !== undefined).join('/');
  }
  return textAt(node, 'BkTxCd', 'Prtry', 'Cd');
}

function entryToLine(entry: unknown, position: string, statementId: string | undefined, fileAccount: string | undefined, expected: string | undefined): MappingResult<BankStatementLine> {
  const issues: MappingIssue[] = [];
  const field = (name: string) => `${position}.${name}`;
  const account = fileAccount === undefined ? expected : normaliseAccount(fileAccount);
  if (account === undefined) issues.push({ field: 'Stmt.Acct.Id', message: 'the statement names no account (IBAN or Othr/Id); give one with --account' });
  else if (expected !== undefined && normaliseAccount(expected) !== account) {
    issues.push({ field: 'Stmt.Acct.Id', message: `the statement is for ${account}, not ${normaliseAccount(expected)}`, value: account });
  }

  const amtNode = at(entry, 'Amt');
  const rawAmount = text(amtNode);
  const currency = attr(amtNode, 'Ccy')?.toUpperCase();
  const indicator = textAt(entry, 'CdtDbtInd');
  let amountMinor: number | undefined;
  if (rawAmount === undefined) issues.push({ field: field('Amt'), message: 'missing' });
  else if (currency === undefined || currencyInfo(currency) === undefined) issues.push({ field: field('Amt@Ccy'), message: `"${currency ?? ''}" is not an ISO 4217 currency code`, value: currency });
  else {
    const r = parseDecimalMoney(rawAmount, currency);
    if (!r.ok) issues.push({ field: field('Amt'), message: r.message, value: rawAmount });
    else if (r.money.amountMinor < 0) issues.push({ field: field('Amt'), message: 'is negative: camt states the direction in CdtDbtInd', value: rawAmount });
    else amountMinor = r.money.amountMinor;
  }
  if (indicator !== 'CRDT' && indicator !== 'DBIT') issues.push({ field: field('CdtDbtInd'), message: `"${indicator ?? ''}" is neither CRDT nor DBIT`, value: indicator });

  const rawStatus = textAt(entry, 'Sts') ?? textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts', 'Prtry');
  const status = rawStatus === undefined ? undefined : STATUS[rawStatus.toUpperCase()];
  if (status === undefined) issues.push({ field: field('Sts'), message: `"${rawStatus ?? ''}" is not BOOK, PDNG, FUTR or INFO`, value: rawStatus });
  // BookgDt is optional in the schema (0..1): banks leave it out of entries not booked yet, which are dated by their value date.
  const booked = status === undefined || status === 'booked' || at(entry, 'BookgDt') !== undefined;
  const valueDate = dateOf(issues, at(entry, 'ValDt'), field('ValDt'), !booked);
  const bookingDate = booked ? dateOf(issues, at(entry, 'BookgDt'), field('BookgDt'), true) : valueDate;

  if (issues.length > 0 || amountMinor === undefined || currency === undefined || status === undefined || bookingDate === undefined || account === undefined) {
    return { ok: false, error: new MappingError(CAMT053_RECORD_TYPE, `${statementId ?? '(no statement id)'} ${position}`, issues) };
  }

  const credit = indicator === 'CRDT';
  const details = kids(at(entry, 'NtryDtls'), 'TxDtls');
  // One transaction: its details describe the entry. Several (a batch booking): only what they share.
  const single = details.length === 1 ? details[0] : undefined;
  const counterparty = single === undefined ? undefined : at(single, 'RltdPties');
  const ustrd = details.flatMap((d) => kids(at(d, 'RmtInf'), 'Ustrd').map(text)).filter((t): t is string => t !== undefined);
  const endToEnd = single === undefined ? undefined : textAt(single, 'Refs', 'EndToEndId');
  const line: BankStatementLine = {
    account,
    position,
    ...(statementId === undefined ? {} : { statementId }),
    bookingDate,
    ...(valueDate === undefined ? {} : { valueDate }),
    amount: { amountMinor: credit ? amountMinor : -amountMinor, currency },
    creditDebit: credit ? 'credit' : 'debit',
    status,
    // xs:boolean: `true` or `1`.
    ...(textAt(entry, 'RvslInd') === 'true' || textAt(entry, 'RvslInd') === '1' ? { reversal: true } : {}),
  };
  const name = counterparty === undefined ? undefined : partyName(at(counterparty, credit ? 'Dbtr' : 'Cdtr'));
  if (name !== undefined) line.counterpartyName = name;
  const otherAccount = counterparty === undefined ? undefined : partyAccount(at(counterparty, credit ? 'DbtrAcct' : 'CdtrAcct'));
  if (otherAccount !== undefined) line.counterpartyAccount = otherAccount;
  if (ustrd.length > 0) line.remittanceInfo = ustrd.join(' ');
  const creditorRef = single === undefined ? undefined : textAt(single, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref');
  if (creditorRef !== undefined) line.creditorReference = creditorRef;
  // NOTPROVIDED is the scheme's placeholder for "the payer gave none".
  if (endToEnd !== undefined && endToEnd !== 'NOTPROVIDED') line.endToEndId = endToEnd;
  const bankRef = textAt(entry, 'AcctSvcrRef') ?? (single === undefined ? undefined : textAt(single, 'Refs', 'AcctSvcrRef'));
  if (bankRef !== undefined) line.bankReference = bankRef;
  const info = textAt(entry, 'AddtlNtryInf');
  if (info !== undefined) line.additionalInfo = info;
  const code = bankTransactionCode(entry);
  if (code !== undefined) line.bankTransactionCode = code;
  return { ok: true, value: line };
}
