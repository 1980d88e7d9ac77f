/**
 * Shipments bought by fulfilOrder (migration 0009): one row per idempotency key. A purchase is
 * recorded once — a retried activity that records the same key again gets the row it made —
 * and moves forward through its states; a shipment cancelled or failed stays so.
 */
import type { Knex } from 'knex';
import type { Money } from '../mappings/canonical/money.js';
import { StoreDataError, StoreInputError } from './store-errors.js';
import { assertStorableKey, storableText, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

export const SHIPMENT_STATES = ['purchased', 'recorded', 'confirmed', 'cancelled', 'failed'] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

/** A label or document in the document store, by its content hash. */
export interface StoredShipmentDocument {
  /** label, invoice, waybilldoc … as the carrier names it, lower case. */
  type: string;
  format?: string;
  sha256: string;
  bytes: number;
  contentType: string;
  /** The piece (parcel) the document belongs to, when the carrier says. */
  pieceTrackingNumber?: string;
}

export interface ShipmentPurchase {
  idempotencyKey: string;
  tenant: string;
  channel: string;
  orderId: string;
  connection: string;
  carrier: string;
  service?: string;
  trackingNumber?: string;
  incoterm?: string;
  documents: StoredShipmentDocument[];
  charge?: Money;
  note?: string;
}

export interface StoredShipment extends ShipmentPurchase {
  state: ShipmentState;
  createdAt: string;
  updatedAt: string;
}

interface ShipmentRow {
  idempotency_key: string;
  tenant: string;
  channel: string;
  order_id: string;
  connection: string;
  carrier: string;
  service: string | null;
  tracking_number: string | null;
  incoterm: string | null;
  state: string;
  documents: string;
  charge: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

function toStored(row: ShipmentRow): StoredShipment {
  if (!(SHIPMENT_STATES as readonly string[]).includes(row.state)) throw new StoreDataError(`shipment ${row.idempotency_key}: unknown state "${row.state}"`);
  return {
    idempotencyKey: row.idempotency_key,
    tenant: row.tenant,
    channel: row.channel,
    orderId: row.order_id,
    connection: row.connection,
    carrier: row.carrier,
    ...(row.service === null ? {} : { service: row.service }),
    ...(row.tracking_number === null ? {} : { trackingNumber: row.tracking_number }),
    ...(row.incoterm === null ? {} : { incoterm: row.incoterm }),
    state: row.state as ShipmentState,
    documents: JSON.parse(row.documents) as StoredShipmentDocument[],
    ...(row.charge === null ? {} : { charge: JSON.parse(row.charge) as Money }),
    ...(row.note === null ? {} : { note: row.note }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getShipment(db: Knex, idempotencyKey: string): Promise<StoredShipment | undefined> {
  const row = (await db('shipments').where({ idempotency_key: idempotencyKey }).first()) as ShipmentRow | undefined;
  return row === undefined ? undefined : toStored(row);
}

/**
 * Records a bought label (state purchased). Recording the same key again changes nothing and
 * answers the row already there, whatever state it reached: a retry never records twice.
 */
export async function recordShipmentPurchase(db: Knex, purchase: ShipmentPurchase, options: WriteOptions = {}): Promise<StoredShipment> {
  for (const [field, value] of [['idempotencyKey', purchase.idempotencyKey], ['tenant', purchase.tenant], ['channel', purchase.channel], ['orderId', purchase.orderId], ['connection', purchase.connection], ['carrier', purchase.carrier]] as const) {
    assertStorableKey(value, field);
  }
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  const row: ShipmentRow = {
    idempotency_key: purchase.idempotencyKey,
    tenant: purchase.tenant,
    channel: purchase.channel,
    order_id: purchase.orderId,
    connection: purchase.connection,
    carrier: purchase.carrier,
    service: storableText(purchase.service),
    tracking_number: purchase.trackingNumber ?? null,
    incoterm: purchase.incoterm ?? null,
    state: 'purchased',
    documents: JSON.stringify(purchase.documents),
    charge: purchase.charge === undefined ? null : JSON.stringify(purchase.charge),
    note: storableText(purchase.note),
    created_at: now,
    updated_at: now,
  };
  await db('shipments').insert(row).onConflict('idempotency_key').ignore();
  const stored = await getShipment(db, purchase.idempotencyKey);
  if (stored === undefined) throw new StoreDataError(`shipment ${purchase.idempotencyKey} vanished after it was recorded`);
  return stored;
}

/** Which state may follow which: forward only; cancelled and failed are final. */
const NEXT: Readonly<Record<ShipmentState, readonly ShipmentState[]>> = {
  purchased: ['recorded', 'confirmed', 'cancelled', 'failed'],
  recorded: ['confirmed', 'cancelled'],
  confirmed: ['cancelled'],
  cancelled: [],
  failed: [],
};

/**
 * Moves a shipment to `state` (with a note saying why, for cancelled and failed). Setting the
 * state it has is a no-op; going back is refused (StoreInputError). Undefined for an unknown key.
 */
export async function setShipmentState(db: Knex, idempotencyKey: string, state: ShipmentState, change: { note?: string } = {}, options: WriteOptions = {}): Promise<StoredShipment | undefined> {
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const row = (await trx('shipments').where({ idempotency_key: idempotencyKey }).first()) as ShipmentRow | undefined;
    if (row === undefined) return undefined;
    const current = toStored(row);
    if (current.state === state) return current;
    if (!NEXT[current.state].includes(state)) throw new StoreInputError(`shipment ${idempotencyKey} is ${current.state}: it cannot become ${state}`);
    await trx('shipments')
      .where({ idempotency_key: idempotencyKey })
      .update({ state, updated_at: now, ...(change.note === undefined ? {} : { note: storableText(change.note) }) });
    return { ...current, state, updatedAt: now, ...(change.note === undefined ? {} : { note: change.note }) };
  });
}

/** An order's shipments, oldest first. */
export async function listOrderShipments(db: Knex, tenant: string, channel: string, orderId: string): Promise<StoredShipment[]> {
  const rows = (await db('shipments').where({ tenant, channel, order_id: orderId }).orderBy([{ column: 'created_at' }, { column: 'idempotency_key' }])) as ShipmentRow[];
  return rows.map(toStored);
}

/** A tenant's shipments, oldest first (the demo finds the orders it shipped before). */
export async function listTenantShipments(db: Knex, tenant: string, limit = 500): Promise<StoredShipment[]> {
  const rows = (await db('shipments').where({ tenant }).orderBy([{ column: 'created_at' }, { column: 'idempotency_key' }]).limit(limit)) as ShipmentRow[];
  return rows.map(toStored);
}

/** The shipment of a tenant with this tracking number, if the hub bought it. */
export async function findShipmentByTrackingNumber(db: Knex, tenant: string, trackingNumber: string): Promise<StoredShipment | undefined> {
  if (trackingNumber.trim() === '') throw new StoreInputError('trackingNumber is empty');
  const row = (await db('shipments').where({ tenant, tracking_number: trackingNumber }).first()) as ShipmentRow | undefined;
  return row === undefined ? undefined : toStored(row);
}
