/**
 * A payment provider's transactions into the ledger, one page per activity: the connection's
 * paymentLedgerSource lists them (PayPal Transaction Search, Amazon Finances 2024-06-19, Stripe
 * balance transactions), the
 * vendor's mapping turns each into a SettlementLine, converted at the stored rate of its posting
 * date and upserted by the source's own line identity (a window read again adds nothing). The
 * source's cursor and `coveredTo` go back to the workflow, which carries them.
 */
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { PaypalTransactionDetailSchema } from '../connectors/paypal/schemas/index.js';
import { StripeBalanceTransactionSchema } from '../connectors/stripe/schemas/index.js';
import type { FxRateTable } from '../engines/fx/index.js';
import { amazonTransactionToLine } from '../mappings/amazon/finances.js';
import { MappingError, type MappingResult, type SettlementLine } from '../mappings/canonical/index.js';
import { PAYPAL_TRANSACTION_RECORD_TYPE, paypalTransactionToLine } from '../mappings/paypal/index.js';
import { STRIPE_BALANCE_TRANSACTION_RECORD_TYPE, stripeBalanceTransactionToLine } from '../mappings/stripe/index.js';
import { upsertSettlementLines } from '../store/index.js';
import { asActivity } from './failures.js';
import { createLedgerEntryConverter } from './ledger-entries.js';
import type { PaymentLedgerActivities, PaymentLedgerPageResult } from './payment-ledger-types.js';
import type { ReportActivityContext } from './reports.js';
import type { VendorClients } from './vendor-clients.js';

/** Maps one page of a vendor's records, each failure naming its place in the page. */
type PageMapper = (records: readonly unknown[]) => MappingResult<SettlementLine>[];

/** Each payment ledger source's records and the mapping that reads them. */
export const PAYMENT_LEDGER_MAPPERS: Readonly<Record<string, PageMapper>> = {
  paypal: (records) =>
    records.map((record, i) => {
      const parsed = PaypalTransactionDetailSchema.safeParse(record);
      if (parsed.success) return paypalTransactionToLine(parsed.data.transaction_info, `transaction_details[${i}].transaction_info`);
      const issue = parsed.error.issues[0];
      const field = ['transaction_details', String(i), ...(issue?.path ?? []).map(String)].join('.');
      return { ok: false, error: new MappingError(PAYPAL_TRANSACTION_RECORD_TYPE, undefined, [{ field, message: issue?.message ?? 'not a transaction detail' }]) };
    }),
  stripe: (records) =>
    records.map((record, i) => {
      const parsed = StripeBalanceTransactionSchema.safeParse(record);
      if (parsed.success) return stripeBalanceTransactionToLine(parsed.data, { field: `data[${i}]` });
      const issue = parsed.error.issues[0];
      const field = ['data', String(i), ...(issue?.path ?? []).map(String)].join('.');
      return { ok: false, error: new MappingError(STRIPE_BALANCE_TRANSACTION_RECORD_TYPE, undefined, [{ field, message: issue?.message ?? 'not a balance transaction' }]) };
    }),
  amazon: (records) => {
    // Transactions without an id are told apart by their key and its repeats within the page (as `caravan map amazon.transactions` does).
    const seen = new Map<string, number>();
    const fallbackId = (key: string): string => {
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return `${key}:${n}`;
    };
    return records.map((t, i) => amazonTransactionToLine(t, `transactions[${i}]`, fallbackId));
  },
};

export interface PaymentLedgerActivitiesDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  fx: { rateTableFor(onDate: string, opts: { fetchIfMissing: false }): Promise<FxRateTable> };
  context?: () => Pick<ReportActivityContext, 'cancellationSignal'>;
}

export class NoPaymentMappingError extends Error {
  override readonly name = 'NoPaymentMappingError';
}

export function createPaymentLedgerActivities(deps: PaymentLedgerActivitiesDeps): PaymentLedgerActivities {
  const context = deps.context ?? (() => Context.current());
  return {
    async importPaymentLedgerPage(input) {
      const ctx = context();
      return asActivity(async () => {
        const { tenant, connection } = input;
        const vendor = deps.vendors.connection(tenant, connection).connector.vendor;
        const mapPage = PAYMENT_LEDGER_MAPPERS[vendor];
        if (mapPage === undefined) throw new NoPaymentMappingError(`connection "${connection}" (${vendor}): no payment ledger mapping for ${vendor} (known: ${Object.keys(PAYMENT_LEDGER_MAPPERS).join(', ')})`);
        const source = deps.vendors.capability(tenant, connection, 'paymentLedgerSource').capability;
        const page = await source.listTransactions({ from: input.from, to: input.to, ...(input.cursor === undefined ? {} : { cursor: input.cursor }) }, { signal: ctx.cancellationSignal });
        const lines: SettlementLine[] = [];
        const failures: MappingError[] = [];
        for (const r of mapPage(page.records)) {
          if (r.ok) lines.push(r.value);
          else failures.push(r.error);
        }
        const converter = createLedgerEntryConverter(deps.fx, findTenant(deps.config, tenant).currency ?? 'EUR');
        const { entries, unconverted } = await converter.entriesFor(lines);
        const counts = await upsertSettlementLines(deps.db, tenant, entries);
        const result: PaymentLedgerPageResult = {
          records: page.records.length,
          lines: lines.length,
          ...counts,
          failed: failures.length,
          ...(failures[0] === undefined ? {} : { firstFailure: failures[0].message }),
          unconverted,
          ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
          ...(page.coveredTo === undefined ? {} : { coveredTo: page.coveredTo }),
        };
        if (failures.length > 0) deps.logger.warn({ tenant, connection, failed: failures.length, first: result.firstFailure }, 'payment ledger records that do not map');
        return result;
      }, [NoPaymentMappingError]);
    },
  };
}
