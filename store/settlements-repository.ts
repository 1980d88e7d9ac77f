/**
 * Settlement headers (migration 0012): the payout each closed marketplace settlement makes (its
 * total and deposit date), kept beside its lines so reconciliation can expect the bank credit.
 */
import type { Knex } from 'knex';
import type { Settlement } from '../mappings/canonical/settlement.js';
import { canonicalJsonValue, sha256Hex } from './stable-json.js';
import { StoreDataError, StoreInputError } from './store-errors.js';
import { assertStorableKey, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

export interface UpsertSettlementsResult {
  inserted: number;
  /** A header read again with other figures (a corrected report). */
  updated: number;
  unchanged: number;
}

interface SettlementRow {
  tenant: string;
  source: string;
  settlement_id: string;
  currency: string;
  total_minor: number | string;
  start_at: string | null;
  end_at: string | null;
  deposit_at: string | null;
  deposit_date: string | null;
  content_hash: string;
  record: string;
  created_at: string;
  updated_at: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toRow(tenant: string, s: Settlement, now: string): SettlementRow {
  const where = `settlement ${s.source}/${s.settlementId}`;
  assertStorableKey(s.settlementId, `${where}: settlementId`);
  if (!Number.isSafeInteger(s.total.amountMinor)) throw new StoreInputError(`${where}: total.amountMinor must be a safe integer, got ${s.total.amountMinor}`);
  const depositDate = (s.depositAt ?? s.endAt)?.slice(0, 10) ?? null;
  if (depositDate !== null && !DATE.test(depositDate)) throw new StoreInputError(`${where}: depositAt "${s.depositAt ?? s.endAt}" does not start with a date YYYY-MM-DD`);
  const record = JSON.stringify(canonicalJsonValue(s));
  return {
    tenant,
    source: s.source,
    settlement_id: s.settlementId,
    currency: s.total.currency,
    total_minor: s.total.amountMinor,
    start_at: s.startAt ?? null,
    end_at: s.endAt ?? null,
    deposit_at: s.depositAt ?? null,
    deposit_date: depositDate,
    content_hash: sha256Hex(record),
    record,
    created_at: now,
    updated_at: now,
  };
}

/** Stores settlement headers by (source, settlement id); the same header again adds nothing. */
export async function upsertSettlements(db: Knex, tenant: string, settlements: readonly Settlement[], options: WriteOptions = {}): Promise<UpsertSettlementsResult> {
  assertStorableKey(tenant, 'tenant');
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const result: UpsertSettlementsResult = { inserted: 0, updated: 0, unchanged: 0 };
  if (settlements.length === 0) return result;
  await db.transaction(async (trx) => {
    for (const s of settlements) {
      const row = toRow(tenant, s, now);
      const key = { tenant, source: row.source, settlement_id: row.settlement_id };
      const stored: Pick<SettlementRow, 'content_hash'> | undefined = await trx('settlements').select('content_hash').where(key).first();
      if (stored === undefined) {
        await trx('settlements').insert(row);
        result.inserted += 1;
      } else if (stored.content_hash !== row.content_hash) {
        const { created_at: _created, ...changed } = row;
        await trx('settlements').where(key).update(changed);
        result.updated += 1;
      } else {
        result.unchanged += 1;
      }
    }
  });
  return result;
}

function toSettlement(row: SettlementRow): Settlement {
  const settlement = JSON.parse(row.record) as Settlement;
  // The total column is checked against the record: a row edited by hand is not trusted silently.
  if (toSafeInteger(row.total_minor, 'settlements.total_minor') !== settlement.total.amountMinor) {
    throw new StoreDataError(`settlements ${row.source}/${row.settlement_id}: total_minor ${row.total_minor} disagrees with its record (${settlement.total.amountMinor})`);
  }
  return settlement;
}

/** The tenant's settlements deposited (else ended) between `from` and `to` (YYYY-MM-DD, both included), by deposit date then id. */
export async function settlementsDepositedBetween(db: Knex, q: { tenant: string; from: string; to: string }): Promise<Settlement[]> {
  const rows: SettlementRow[] = await db('settlements')
    .where({ tenant: q.tenant })
    .whereBetween('deposit_date', [q.from, q.to])
    .orderBy([{ column: 'deposit_date' }, { column: 'source' }, { column: 'settlement_id' }]);
  return rows.map(toSettlement);
}
