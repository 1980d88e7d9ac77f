/**
 * Finances API 2024-06-19 listTransactions reply (models/finances_2024-06-19.json,
 * ListTransactionsResponse): `{ payload: { nextToken?, transactions: Transaction[] } }`. The
 * transactions are kept as sent: the mapping (mappings/amazon/finances.ts) reads and checks each
 * one, naming its field, so one odd transaction does not hide the page. "This operation can
 * return empty pages" (the model): `transactions` may be absent or empty with a nextToken.
 */
import { z } from 'zod';
import { emptyAsAbsent, nullAsAbsent } from '../../http/wire-leniency.js';

export const AmazonListTransactionsReplySchema = z.looseObject({
  payload: nullAsAbsent(
    z.looseObject({
      nextToken: emptyAsAbsent(z.string()),
      transactions: nullAsAbsent(z.array(z.unknown())),
    }),
  ),
});
export type AmazonListTransactionsReply = z.infer<typeof AmazonListTransactionsReplySchema>;
