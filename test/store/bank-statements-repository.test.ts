import { beforeEach, expect, it } from 'vitest';
import type { BankStatementLine } from '../../mappings/canonical/index.js';
import { bankEntryKeys, bankLinesByPeriod, countBankStatementLines, upsertBankStatementLines } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();

const IBAN = 'DE89370400440532013000';
const entry = (over: Partial<BankStatementLine>): BankStatementLine => ({
  account: IBAN,
  position: 'line 2',
  bookingDate: '2026-03-02',
  amount: { amountMinor: 123456, currency: 'EUR' },
  creditDebit: 'credit',
  status: 'booked',
  ...over,
});

describeOnEachDialect('bank statement lines', targets, (store) => {
  beforeEach(async () => {
    await store.db()('bank_statement_lines').delete();
  });

  it('keys by the bank reference when there is one, else by content; a re-import adds nothing', async () => {
    const db = store.db();
    const file = [entry({ bankReference: 'AAAASESS-1', position: 'Stmt[0].Ntry[0]' }), entry({ remittanceInfo: 'STRIPE po_1', position: 'Stmt[0].Ntry[1]' })];
    expect(await upsertBankStatementLines(db, 'acme', file)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertBankStatementLines(db, 'acme', file)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    // The same entries in a monthly statement: other positions and statement id, same entries.
    const monthly = file.map((l, i) => ({ ...l, statementId: 'M-03', position: `Stmt[0].Ntry[${i + 7}]` }));
    expect(await upsertBankStatementLines(db, 'acme', monthly)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await countBankStatementLines(db, { tenant: 'acme', account: IBAN })).toBe(2);
  });

  it('keeps two identical bookings without a reference in one file as two, and finds both again', async () => {
    const db = store.db();
    const twice = [entry({ position: 'line 2' }), entry({ position: 'line 3' })];
    expect(new Set(bankEntryKeys(twice)).size).toBe(2);
    expect(await upsertBankStatementLines(db, 'acme', twice)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertBankStatementLines(db, 'acme', twice)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('keys entries by content when the bank reference is a placeholder or shared by different entries', async () => {
    const db = store.db();
    const file = [
      entry({ bankReference: 'NONREF', remittanceInfo: 'a' }),
      entry({ bankReference: 'NONREF', remittanceInfo: 'b' }),
      entry({ bankReference: 'STMT-7', remittanceInfo: 'c' }),
      entry({ bankReference: 'STMT-7', remittanceInfo: 'd' }),
    ];
    expect(bankEntryKeys(file).map((k) => k.slice(0, 5))).toEqual(['hash:', 'hash:', 'hash:', 'hash:']);
    expect(await upsertBankStatementLines(db, 'acme', file)).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(await upsertBankStatementLines(db, 'acme', file)).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
  });

  it('rewrites a corrected entry under the same bank reference, and reads a period back in booking order', async () => {
    const db = store.db();
    await upsertBankStatementLines(db, 'acme', [entry({ bankReference: 'R1', bookingDate: '2026-03-03' }), entry({ bankReference: 'R2', bookingDate: '2026-03-01' })]);
    expect(await upsertBankStatementLines(db, 'acme', [entry({ bankReference: 'R1', bookingDate: '2026-03-03', counterpartyName: 'Stripe Payments Europe' })])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const period = await bankLinesByPeriod(db, { tenant: 'acme', from: '2026-03-01', to: '2026-03-31' });
    expect(period.map((p) => [p.entryKey, p.line.bookingDate, p.line.counterpartyName])).toEqual([
      ['ref:R2', '2026-03-01', undefined],
      ['ref:R1', '2026-03-03', 'Stripe Payments Europe'],
    ]);
    expect(await bankLinesByPeriod(db, { tenant: 'acme', from: '2026-03-02', to: '2026-03-02' })).toEqual([]);
    expect(await bankLinesByPeriod(db, { tenant: 'globex', from: '2026-03-01', to: '2026-03-31' })).toEqual([]);
  });
});
