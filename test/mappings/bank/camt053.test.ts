import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCamtXml } from '../../../cli/commands/bank.js';
import { camt053ToBankLines, type Camt053Statements } from '../../../mappings/bank/index.js';
import { BankStatementLineSchema, type MappingError } from '../../../mappings/canonical/index.js';
import { decodeDocument } from '../../../connectors/http/charset.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/bank');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

async function read(xml: string, account?: string): Promise<Camt053Statements> {
  const r = camt053ToBankLines(await parseCamtXml(xml), account === undefined ? {} : { account });
  if ('error' in r) throw r.error;
  return r;
}

const errorsOf = (r: Camt053Statements): MappingError[] => r.lines.flatMap((l) => (l.ok ? [] : [l.error]));

/** A minimal entry in a prefixed document, for the shapes the samples do not show. */
const prefixed = (ntry: string, version = '001.08', acct = '<c:IBAN>DE89 3704 0044 0532 0130 00</c:IBAN>') => `<?xml version="1.0"?>
<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.${version}">
  <c:BkToCstmrStmt><c:Stmt><c:Id>S-1</c:Id><c:Acct><c:Id>${acct}</c:Id></c:Acct>${ntry}</c:Stmt></c:BkToCstmrStmt>
</c:Document>`;

describe('camt.053 → bank statement lines', () => {
  it('reads camt.053.001.02 (genkgo sample): both statements, credit positive and debit negative, Ustrd and EndToEndId', async () => {
    const r = await read(fixture('genkgo-camt053.v2.multi.statement.xml'));
    expect(r.version).toBe('001.02');
    expect(errorsOf(r)).toEqual([]);
    const lines = r.lines.map((l) => (l.ok ? l.value : undefined));
    expect(lines).toEqual([
      {
        account: 'NL26VAYB8060476890',
        position: 'Stmt[0].Ntry[0]',
        statementId: '253EURNL26VAYB8060476890',
        bookingDate: '2014-12-31',
        valueDate: '2015-01-02',
        amount: { amountMinor: 885, currency: 'EUR' },
        creditDebit: 'credit',
        status: 'booked',
        remittanceInfo: 'Transaction Description 1',
        endToEndId: '000000001',
        bankTransactionCode: '544',
      },
      {
        account: 'NL26VAYB8060476890',
        position: 'Stmt[1].Ntry[0]',
        statementId: '254EURNL26VAYB8060476890',
        bookingDate: '2014-12-31',
        valueDate: '2015-01-02',
        amount: { amountMinor: -700, currency: 'EUR' },
        creditDebit: 'debit',
        status: 'booked',
        // A debit's counterparty is the creditor.
        counterpartyName: 'Company Name 2',
        counterpartyAccount: 'NL56AGDH9619008421',
        remittanceInfo: 'Transaction Description 2',
        endToEndId: '000000002',
        bankTransactionCode: '544',
      },
    ]);
    for (const l of lines) expect(BankStatementLineSchema.parse(l)).toEqual(l);
  });

  it('reads camt.053.001.08 (genkgo sample): Sts/Cd, Dbtr/Pty/Nm, BookgDt DtTm, AcctSvcrRef, Othr account, structured reference', async () => {
    const r = await read(fixture('genkgo-camt053.v8.xml'));
    expect(r.version).toBe('001.08');
    expect(r.lines).toEqual([
      {
        ok: true,
        value: {
          account: 'NL26VAYB8060476890',
          position: 'Stmt[0].Ntry[0]',
          statementId: '253EURNL26VAYB8060476890',
          // The bank's booking day as written (13:15 at +01:00), not shifted to UTC.
          bookingDate: '2014-12-31',
          valueDate: '2015-01-02',
          amount: { amountMinor: 885, currency: 'EUR' },
          creditDebit: 'credit',
          status: 'booked',
          counterpartyName: 'NAME NAME',
          counterpartyAccount: 'NL56AGDH9619008421',
          creditorReference: '4654654654654654',
          endToEndId: 'MUELL/FINP/RA12345',
          bankReference: 'AAAASESS-FP-CN_98765/01',
          bankTransactionCode: 'PMNT/RCDT/BOOK',
        },
      },
    ]);
  });

  it('reads a prefixed document; JPY has no decimals and KWD three; NOTPROVIDED is no end-to-end id', async () => {
    const entry = (amt: string, ccy: string, extra = '') =>
      `<c:Ntry><c:Amt Ccy="${ccy}">${amt}</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt>${extra}</c:Ntry>`;
    const refs = '<c:NtryDtls><c:TxDtls><c:Refs><c:EndToEndId>NOTPROVIDED</c:EndToEndId></c:Refs><c:RmtInf><c:Ustrd>STRIPE PAYOUT</c:Ustrd><c:Ustrd>po_1OaBc</c:Ustrd></c:RmtInf></c:TxDtls></c:NtryDtls>';
    const r = await read(prefixed(entry('1980', 'JPY') + entry('12.345', 'KWD', refs)));
    expect(r.lines.map((l) => l.ok && [l.value.account, l.value.amount, l.value.endToEndId, l.value.remittanceInfo])).toEqual([
      ['DE89370400440532013000', { amountMinor: 1980, currency: 'JPY' }, undefined, undefined],
      ['DE89370400440532013000', { amountMinor: 12345, currency: 'KWD' }, undefined, 'STRIPE PAYOUT po_1OaBc'],
    ]);
  });

  it('keeps pending entries as pending and a batch booking as one line with every Ustrd', async () => {
    const batch = `<c:Ntry><c:Amt Ccy="EUR">30.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>PDNG</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt>
      <c:NtryDtls><c:TxDtls><c:Refs><c:EndToEndId>A</c:EndToEndId></c:Refs><c:RmtInf><c:Ustrd>first</c:Ustrd></c:RmtInf></c:TxDtls>
      <c:TxDtls><c:Refs><c:EndToEndId>B</c:EndToEndId></c:Refs><c:RmtInf><c:Ustrd>second</c:Ustrd></c:RmtInf></c:TxDtls></c:NtryDtls></c:Ntry>`;
    const [line] = (await read(prefixed(batch))).lines;
    expect(line?.ok && [line.value.status, line.value.remittanceInfo, line.value.endToEndId]).toEqual(['pending', 'first second', undefined]);
  });

  it('names the entry and the field of each bad entry, and still reads the others', async () => {
    const good = '<c:Ntry><c:Amt Ccy="EUR">1.00</c:Amt><c:CdtDbtInd>DBIT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt></c:Ntry>';
    const bad = [
      '<c:Ntry><c:Amt Ccy="EUR">1.005</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt></c:Ntry>',
      '<c:Ntry><c:Amt Ccy="XXY">1</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt></c:Ntry>',
      '<c:Ntry><c:Amt Ccy="EUR">1</c:Amt><c:CdtDbtInd>CR</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-02-30</c:Dt></c:BookgDt></c:Ntry>',
    ];
    const r = await read(prefixed(good + bad.join('')));
    expect(r.lines[0]!.ok).toBe(true);
    expect(errorsOf(r).map((e) => e.issues.map((i) => `${i.field}: ${i.message}`))).toEqual([
      ['Stmt[0].Ntry[1].Amt: "1.005" has more decimals than EUR allows (2)'],
      ['Stmt[0].Ntry[2].Amt@Ccy: "XXY" is not an ISO 4217 currency code'],
      ['Stmt[0].Ntry[3].CdtDbtInd: "CR" is neither CRDT nor DBIT', 'Stmt[0].Ntry[3].BookgDt: "2026-02-30" is not an ISO date or date-time'],
    ]);
    expect(errorsOf(r)[0]!.message).toBe('bank.camt053 S-1 Stmt[0].Ntry[1]: Stmt[0].Ntry[1].Amt: "1.005" has more decimals than EUR allows (2)');
  });

  it('refuses a statement for another account than the one given, entry by entry', async () => {
    const entry = '<c:Ntry><c:Amt Ccy="EUR">1.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt></c:Ntry>';
    const r = await read(prefixed(entry), 'GB33BUKB20201555555555');
    expect(errorsOf(r)[0]!.issues).toEqual([{ field: 'Stmt.Acct.Id', message: 'the statement is for DE89370400440532013000, not GB33BUKB20201555555555', value: 'DE89370400440532013000' }]);
  });

  it('says what a document is when it is not a camt.053 statement', async () => {
    const r = camt053ToBankLines(await parseCamtXml('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn/></Document>'));
    expect('error' in r && r.error.message).toBe('bank.camt053 (unknown id): Document.BkToCstmrStmt: not a camt.053 statement (root element Document)');
  });
});

describe('camt.053 as other banks write it (held-out sweep)', () => {
  const HELD = join(FIXTURES, 'heldout-pay');

  it.each([
    ['genkgo-camt053.v3.xml', '001.03'],
    ['genkgo-camt053.v4.xml', '001.04'],
    ['genkgo-camt053.v2.five.decimals.xml', '001.02'],
  ])('%s (camt.053.%s): one booked credit of 8.85 EUR', async (file, version) => {
    const r = await read(readFileSync(join(HELD, file), 'utf8'));
    expect(r.version).toBe(version);
    expect(r.lines.map((l) => l.ok && [l.value.amount, l.value.status, l.value.bookingDate, l.value.reversal])).toEqual([[{ amountMinor: 885, currency: 'EUR' }, 'booked', '2014-12-31', undefined]]);
  });

  it('the .001.04 sample: account from Othr/Id, bank transaction code, structured creditor reference', async () => {
    const [line] = (await read(readFileSync(join(HELD, 'genkgo-camt053.v4.xml'), 'utf8'))).lines;
    expect(line?.ok && [line.value.account, line.value.bankTransactionCode, line.value.creditorReference, line.value.counterpartyName]).toEqual(['NL26VAYB8060476890', 'PAYM/0001/0005', '4654654654654654', 'NAME NAME']);
  });

  const entry = (inner: string) => `<c:Ntry><c:Amt Ccy="EUR">49.10</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd>${inner}</c:Ntry>`;

  it('a pending entry without BookgDt (0..1 in the schema) is dated by its value date; a booked one still needs BookgDt', async () => {
    const r = await read(
      prefixed(
        entry('<c:Sts><c:Cd>PDNG</c:Cd></c:Sts><c:ValDt><c:Dt>2026-03-04</c:Dt></c:ValDt>') +
          entry('<c:Sts><c:Cd>FUTR</c:Cd></c:Sts><c:ValDt><c:DtTm>2026-03-05T10:00:00+01:00</c:DtTm></c:ValDt>') +
          entry('<c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:ValDt><c:Dt>2026-03-04</c:Dt></c:ValDt>'),
      ),
    );
    expect(r.lines.slice(0, 2).map((l) => l.ok && [l.value.status, l.value.bookingDate, l.value.valueDate])).toEqual([
      ['pending', '2026-03-04', '2026-03-04'],
      ['pending', '2026-03-05', '2026-03-05'],
    ]);
    expect(errorsOf(r).map((e) => e.issues.map((i) => i.field))).toEqual([['Stmt[0].Ntry[2].BookgDt']]);
  });

  it('RvslInd written as xs:boolean 1 marks a reversal like true; 0 and false do not', async () => {
    const booked = '<c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt>';
    const r = await read(prefixed(['<c:RvslInd>1</c:RvslInd>', '<c:RvslInd>true</c:RvslInd>', '<c:RvslInd>0</c:RvslInd>', ''].map((x) => entry(x + booked)).join('')));
    expect(r.lines.map((l) => l.ok && l.value.reversal)).toEqual([true, true, undefined, undefined]);
  });

  it('a UTF-8 document with a byte-order mark, and a UTF-16LE one (saved again by Windows tools), read alike', async () => {
    const xml = readFileSync(join(HELD, 'genkgo-camt053.v4.xml'), 'utf8');
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);
    for (const bytes of [utf8Bom, utf16]) {
      const [line] = (await read(decodeDocument(bytes).text)).lines;
      expect(line?.ok && [line.value.account, line.value.amount]).toEqual(['NL26VAYB8060476890', { amountMinor: 885, currency: 'EUR' }]);
    }
  });

  it('an ISO-8859-1 document (declared so, umlauts as single bytes) reads through the charset detection bank import uses', async () => {
    const xml = prefixed(entry('<c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt><c:NtryDtls><c:TxDtls><c:RltdPties><c:Dbtr><c:Nm>Müller & Söhne GmbH</c:Nm></c:Dbtr></c:RltdPties></c:TxDtls></c:NtryDtls>').replace('&', '&amp;')).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>');
    const [line] = (await read(decodeDocument(Buffer.from(xml, 'latin1')).text)).lines;
    expect(line?.ok && line.value.counterpartyName).toBe('Müller & Söhne GmbH');
  });
});
