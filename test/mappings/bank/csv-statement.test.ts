import { describe, expect, it } from 'vitest';
import { csvStatementToBankLines, type CsvRow, type CsvStatementOptions } from '../../../mappings/bank/index.js';

const rows = (...lines: string[][]): CsvRow[] => lines.map((cells, i) => ({ line: i + 1, cells }));
const ACCOUNT = 'de89 3704 0044 0532 0130 00';

function ok(input: CsvRow[], options: Omit<CsvStatementOptions, 'account'> = {}) {
  const r = csvStatementToBankLines(input, { account: ACCOUNT, ...options });
  if (!r.ok) throw r.error;
  return r.lines;
}

describe('CSV statement → bank statement lines', () => {
  it('finds the usual columns by header name and reads signed amounts in each currency\'s exponent', () => {
    const lines = ok(rows(['Date', 'Amount', 'Currency', 'Description', 'Reference'], ['2026-03-02', '1234.56', 'EUR', 'STRIPE PAYOUT po_1', 'BNK-1'], ['2026-03-03', '-1980', 'JPY', 'fee', ''], ['2026-03-04', '12.345', 'KWD', 'x', '']));
    expect(lines).toEqual([
      { ok: true, value: { account: 'DE89370400440532013000', position: 'line 2', bookingDate: '2026-03-02', amount: { amountMinor: 123456, currency: 'EUR' }, creditDebit: 'credit', status: 'booked', remittanceInfo: 'STRIPE PAYOUT po_1', bankReference: 'BNK-1' } },
      { ok: true, value: { account: 'DE89370400440532013000', position: 'line 3', bookingDate: '2026-03-03', amount: { amountMinor: -1980, currency: 'JPY' }, creditDebit: 'debit', status: 'booked', remittanceInfo: 'fee' } },
      { ok: true, value: { account: 'DE89370400440532013000', position: 'line 4', bookingDate: '2026-03-04', amount: { amountMinor: 12345, currency: 'KWD' }, creditDebit: 'credit', status: 'booked', remittanceInfo: 'x' } },
    ]);
  });

  it('takes configured header names, a decimal comma when declared, DD.MM.YYYY dates and a Soll/Haben column', () => {
    const lines = ok(rows(['Buchungstag', 'Valuta', 'Umsatz', 'S/H', 'Verwendungszweck'], ['02.03.2026', '03.03.2026', '1.234,56', 'H', 'AMAZON EU SARL 11830979063'], ['02.03.2026', '02.03.2026', '7,00', 'S', 'Gebühr']), {
      columns: { amount: 'Umsatz', creditDebit: 'S/H' },
      decimalComma: true,
      currency: 'eur',
    });
    expect(lines.map((l) => l.ok && [l.value.bookingDate, l.value.valueDate, l.value.amount.amountMinor, l.value.creditDebit, l.value.remittanceInfo])).toEqual([
      ['2026-03-02', '2026-03-03', 123456, 'credit', 'AMAZON EU SARL 11830979063'],
      ['2026-03-02', '2026-03-02', -700, 'debit', 'Gebühr'],
    ]);
  });

  it('refuses a decimal comma that was not declared, naming the line and column; the other rows still map', () => {
    const lines = csvStatementToBankLines(rows(['date', 'amount', 'currency'], ['2026-03-02', '12,50', 'EUR'], ['2026-03-02', '12.50', 'EUR'], ['31/01/2026', '1', 'EUR'], ['2026-03-02', '1', 'EURO']), { account: ACCOUNT });
    expect(lines.ok && lines.lines.map((l) => (l.ok ? 'ok' : l.error.message))).toEqual([
      'bank.csv line 2: line 2.amount: "12,50" is not an amount (a decimal comma needs --decimal-comma)',
      'ok',
      'bank.csv line 4: line 4.date: "31/01/2026": say whether slash dates are day first or month first (--slash-dates dmy|mdy)',
      'bank.csv line 5: line 5.currency: "EURO" is not an ISO 4217 currency code',
    ]);
  });

  it('reads slash dates in the declared order and skips blank rows', () => {
    const dmy = ok(rows(['date', 'amount'], ['03/04/2026', '1.00'], ['', '']), { currency: 'GBP', slashDates: 'dmy' });
    const mdy = ok(rows(['date', 'amount'], ['03/04/2026', '1.00']), { currency: 'GBP', slashDates: 'mdy' });
    const [d, m] = [dmy[0]!, mdy[0]!];
    expect([dmy.length, d.ok && d.value.bookingDate, m.ok && m.value.bookingDate]).toEqual([1, '2026-04-03', '2026-03-04']);
  });

  it('fails the whole file when the header lacks a date or amount column, or a configured column', () => {
    const r = csvStatementToBankLines(rows(['when', 'how much']), { account: ACCOUNT, columns: { reference: 'Ref' } });
    expect(!r.ok && r.error.issues.map((i) => i.message)).toEqual([
      'the header has no column "Ref" (configured for reference)',
      'no date column found in the header (when, how much); name it with --column date=HEADER',
      'no amount column found in the header (when, how much); name it with --column amount=HEADER',
      'no currency column and no currency given (--currency)',
    ]);
  });
});

describe('CSV statements as German banks export them (held-out sweep)', () => {
  // The 17 columns of Sparkasse's CSV-CAMT export (Buchungstag as TT.MM.JJ, Info "Umsatz gebucht" / "Umsatz
  // vorgemerkt"), as ctheune/ynab-bank-imports and the peers' parsers read it.
  const SPARKASSE = ['Auftragskonto', 'Buchungstag', 'Valutadatum', 'Buchungstext', 'Verwendungszweck', 'Glaeubiger ID', 'Mandatsreferenz', 'Kundenreferenz (End-to-End)', 'Sammlerreferenz', 'Lastschrift Ursprungsbetrag', 'Auslagenersatz Ruecklastschrift', 'Beguenstigter/Zahlungspflichtiger', 'Kontonummer/IBAN', 'BIC (SWIFT-Code)', 'Betrag', 'Waehrung', 'Info'];
  const sparkasseRow = (date: string, text: string, purpose: string, e2e: string, party: string, amount: string, info: string) => ['DE89370400440532013000', date, date, text, purpose, '', '', e2e, '', '', '', party, 'DE45120300001234567890', 'BYLADEM1001', amount, 'EUR', info];

  it('Sparkasse CSV-CAMT: TT.MM.JJ dates, Valutadatum, Waehrung, Kundenreferenz (End-to-End), a pending row by its Info', () => {
    const lines = ok(
      rows(SPARKASSE, sparkasseRow('24.09.26', 'GUTSCHR. UEBERWEISUNG', 'STRIPE PAYOUT', 'po_1QxY', 'STRIPE', '1.234,56', 'Umsatz gebucht'), sparkasseRow('25.09.26', 'LASTSCHRIFT', 'Abschlag', 'NOTPROVIDED', 'Stadtwerke', '-89,90', 'Umsatz vorgemerkt')),
      { decimalComma: true },
    );
    expect(lines.map((l) => l.ok && [l.value.bookingDate, l.value.valueDate, l.value.amount, l.value.status, l.value.endToEndId, l.value.counterpartyName])).toEqual([
      ['2026-09-24', '2026-09-24', { amountMinor: 123456, currency: 'EUR' }, 'booked', 'po_1QxY', 'STRIPE'],
      ['2026-09-25', '2026-09-25', { amountMinor: -8990, currency: 'EUR' }, 'pending', undefined, 'Stadtwerke'],
    ]);
  });

  it('ING: the header row after the account lines of the export; Buchung and Valuta; two Währung columns (the first is the balance\'s)', () => {
    const lines = ok(
      rows(
        ['Umsatzanzeige', 'Datei erstellt am: 06.12.2026 09:00'],
        [''],
        ['IBAN', 'DE89 3704 0044 0532 0130 00'],
        ['Kontoname', 'Girokonto'],
        ['Buchung', 'Valuta', 'Auftraggeber/Empfänger', 'Buchungstext', 'Verwendungszweck', 'Saldo', 'Währung', 'Betrag', 'Währung'],
        ['02.03.2026', '03.03.2026', 'PayPal Europe S.a.r.l. et Cie S.C.A', 'Gutschrift', 'PAYPAL ABBUCHUNG', '2.000,00', 'EUR', '150,00', 'EUR'],
      ),
      { decimalComma: true },
    );
    expect(lines.map((l) => l.ok && [l.value.position, l.value.bookingDate, l.value.valueDate, l.value.amount.amountMinor, l.value.counterpartyName])).toEqual([['line 6', '2026-03-02', '2026-03-03', 15000, 'PayPal Europe S.a.r.l. et Cie S.C.A']]);
  });

  it('DKB and N26: an amount header that names its currency (Betrag (EUR), Betrag (€)) needs no currency column', () => {
    expect(ok(rows(['Buchungsdatum', 'Wertstellung', 'Status', 'Verwendungszweck', 'Betrag (€)'], ['02.03.26', '02.03.26', 'Gebucht', 'AMAZON PAYMENTS EUROPE', '1.000,00'], ['03.03.26', '03.03.26', 'Vorgemerkt', 'x', '-5,00']), { decimalComma: true }).map((l) => l.ok && [l.value.amount, l.value.status])).toEqual([
      [{ amountMinor: 100000, currency: 'EUR' }, 'booked'],
      [{ amountMinor: -500, currency: 'EUR' }, 'pending'],
    ]);
    expect(ok(rows(['Datum', 'Empfänger', 'Betrag (EUR)'], ['2026-03-02', 'Stripe', '-12.50'])).map((l) => l.ok && l.value.amount)).toEqual([{ amountMinor: -1250, currency: 'EUR' }]);
  });

  it('a file whose opening rows hold no date and amount header still fails naming the first row', () => {
    const r = csvStatementToBankLines(rows(['Umsatzanzeige'], ['Foo', 'Bar']), { account: ACCOUNT, currency: 'EUR' });
    expect(!r.ok && r.error.issues.map((i) => i.field)).toEqual(['line 1', 'line 1']);
  });
});
