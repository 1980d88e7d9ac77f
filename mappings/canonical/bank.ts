/**
 * A booked entry on the seller's bank account, as the bank states it (ISO 20022 camt.053, or
 * a bank's CSV export): the deposits that payouts must arrive as. One line per entry (camt
 * `Ntry`): a batch booking of several transactions is one amount on the account, and a payout
 * is matched against what the account received.
 */
import { z } from 'zod';
import { IsoDateSchema } from './fx.js';
import { MoneySchema } from './money.js';

export const BANK_STATEMENT_FORMATS = ['camt053', 'csv'] as const;
export type BankStatementFormat = (typeof BANK_STATEMENT_FORMATS)[number];

/** camt `Sts`: BOOK (booked), PDNG (pending), INFO (for information only). CSV lines are booked. */
export const BANK_ENTRY_STATUSES = ['booked', 'pending', 'info'] as const;

export const BankStatementLineSchema = z.object({
  /** The account the entry is booked on: IBAN (or the bank's other account id), upper case, no spaces. */
  account: z.string().min(1),
  /** Where the line is in its file: `Stmt[0].Ntry[2]`, `line 7`. For error messages and audits. */
  position: z.string().min(1),
  /** The statement's own id (camt `Stmt/Id`), when the file has one. */
  statementId: z.string().optional(),
  bookingDate: IsoDateSchema,
  valueDate: IsoDateSchema.optional(),
  /** Signed: a credit (money in) is positive, a debit negative. */
  amount: MoneySchema,
  creditDebit: z.enum(['credit', 'debit']),
  status: z.enum(BANK_ENTRY_STATUSES),
  /** camt `RvslInd`: the entry reverses an earlier one. */
  reversal: z.boolean().optional(),
  /** The other party: the debtor of a credit, the creditor of a debit. */
  counterpartyName: z.string().optional(),
  counterpartyAccount: z.string().optional(),
  /** Unstructured remittance information (camt `RmtInf/Ustrd`, joined), or the CSV description. */
  remittanceInfo: z.string().optional(),
  /** Structured creditor reference (camt `RmtInf/Strd/CdtrRefInf/Ref`). */
  creditorReference: z.string().optional(),
  /** The payer's end-to-end id (camt `Refs/EndToEndId`); `NOTPROVIDED` is left out. */
  endToEndId: z.string().optional(),
  /** The bank's own reference of the entry (camt `AcctSvcrRef`), or the CSV reference column. */
  bankReference: z.string().optional(),
  /** camt `AddtlNtryInf`. */
  additionalInfo: z.string().optional(),
  /** The bank's transaction code (camt `BkTxCd` domain/family/sub-family or proprietary code). */
  bankTransactionCode: z.string().optional(),
});
export type BankStatementLine = z.infer<typeof BankStatementLineSchema>;
