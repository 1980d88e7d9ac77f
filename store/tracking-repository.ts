import type { Knex } from 'knex';
import type { TrackingEvent, TrackingStatus } from '../mappings/canonical/carrier.js';
import { insertRows } from './multi-row-insert.js';
import { canonicalJsonValue, sha256Hex, stableJson } from './stable-json.js';
import { StoreInputError } from './store-errors.js';
import { assertStorableKey, chunk, IN_LIST_CHUNK, storableText, toSafeInteger, toStoredTimestamp } from './sql-values.js';
import type { WriteOptions } from './write-options.js';

/** A tracked parcel: its carrier (`dhl`, `fedex`) and the carrier's tracking number. */
export interface TrackingKey {
  carrier: string;
  trackingNumber: string;
}

export interface TrackingShipmentInput extends TrackingKey {
  tenant: string;
  /** The tenant's carrier connection. */
  channel: string;
  orderId?: string;
  originCountry?: string;
  destinationCountry?: string;
}

export interface StoredTrackingShipment extends TrackingKey {
  tenant: string;
  channel: string;
  orderId?: string;
  originCountry?: string;
  destinationCountry?: string;
  status: TrackingStatus;
  carrierStatusCode?: string;
  lastEventAt?: string;
  /** When the parcel last moved as far as the hub can tell (UTC); the tracking start before any event. */
  progressAt: string;
  eventsCount: number;
  stalled: boolean;
  exception?: { at: string; reason: string };
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface StoredTrackingEvent {
  eventKey: string;
  event: TrackingEvent;
  source: TrackingEventSource;
  recordedAt: string;
}

export type TrackingEventSource = 'poll' | 'push';

export interface RecordTrackingEventsInput extends TrackingKey {
  events: readonly TrackingEvent[];
  source: TrackingEventSource;
  /** The carrier's current status for the whole shipment (a poll's answer); else the latest event's. */
  status?: { status: TrackingStatus; carrierStatusCode?: string };
  originCountry?: string;
  destinationCountry?: string;
}

export interface RecordTrackingEventsResult {
  /** Events not seen before. */
  added: number;
  shipment: StoredTrackingShipment;
}

interface ShipmentRow {
  carrier: string;
  tracking_number: string;
  tenant: string;
  channel: string;
  order_id: string | null;
  origin_country: string | null;
  destination_country: string | null;
  status: string;
  carrier_status_code: string | null;
  last_event_at: string | null;
  progress_at: string | null;
  events_count: number | string;
  stalled: boolean | number;
  exception_at: string | null;
  exception_reason: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

interface EventRow {
  carrier: string;
  tracking_number: string;
  event_key: string;
  status: string;
  carrier_code: string;
  event_at: string | null;
  source: string;
  record: string;
  recorded_at: string;
}

const EVENT_COLUMNS = ['carrier', 'tracking_number', 'event_key', 'status', 'carrier_code', 'event_at', 'source', 'record', 'recorded_at'] as const satisfies readonly (keyof EventRow)[];
const COUNTRY = /^[A-Z]{2}$/;

/** The time an event states, as written: the UTC instant, else the local wall-clock time, else the date. */
export function trackingEventTime(e: Pick<TrackingEvent, 'timestamp' | 'localTime' | 'date'>): string | undefined {
  return e.timestamp ?? e.localTime ?? e.date;
}

/**
 * An event's identity: the carrier's code, its time as stated, where and which piece. The same
 * scan reported by a poll and by a pushed update (or twice by either) has the same key; the
 * description and status are left out, so a carrier rewording its text is not a new event.
 */
export function trackingEventKey(e: TrackingEvent): string {
  return sha256Hex(stableJson({ code: e.carrierCode, at: trackingEventTime(e) ?? null, location: e.location ?? null, piece: e.pieceTrackingNumber ?? null }));
}

/**
 * Sort key of an event time: instants, wall-clock times and dates compare by their text up to
 * the second (a wall-clock time of unknown zone is taken as it reads).
 */
function timeSortKey(at: string | undefined): string {
  return at === undefined ? '' : at.slice(0, 19);
}

/** The UTC instant an event time stands for (a wall-clock time or date read as UTC), or undefined. */
function instantOf(at: string | undefined): number | undefined {
  if (at === undefined) return undefined;
  const ms = Date.parse(/Z$|[+-]\d{2}:\d{2}$/.test(at) ? at : /T/.test(at) ? `${at}Z` : `${at}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function checkKey(key: TrackingKey): void {
  assertStorableKey(key.carrier, 'carrier');
  assertStorableKey(key.trackingNumber, 'trackingNumber');
}

function checkCountry(value: string | undefined, field: string, key: TrackingKey): void {
  if (value !== undefined && !COUNTRY.test(value)) throw new StoreInputError(`${key.carrier} ${key.trackingNumber}: ${field} "${value}" is not an ISO 3166-1 alpha-2 code`);
}

function fromShipmentRow(r: ShipmentRow): StoredTrackingShipment {
  return {
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
    tenant: r.tenant,
    channel: r.channel,
    ...(r.order_id === null ? {} : { orderId: r.order_id }),
    ...(r.origin_country === null ? {} : { originCountry: r.origin_country }),
    ...(r.destination_country === null ? {} : { destinationCountry: r.destination_country }),
    status: r.status as TrackingStatus,
    ...(r.carrier_status_code === null ? {} : { carrierStatusCode: r.carrier_status_code }),
    ...(r.last_event_at === null ? {} : { lastEventAt: r.last_event_at }),
    progressAt: r.progress_at ?? r.started_at,
    eventsCount: toSafeInteger(r.events_count, 'tracking_shipments.events_count'),
    stalled: r.stalled === true || r.stalled === 1,
    ...(r.exception_at === null ? {} : { exception: { at: r.exception_at, reason: r.exception_reason ?? '' } }),
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    ...(r.finished_at === null ? {} : { finishedAt: r.finished_at }),
  };
}

async function shipmentRow(db: Knex | Knex.Transaction, key: TrackingKey): Promise<ShipmentRow | undefined> {
  return db('tracking_shipments').where({ carrier: key.carrier, tracking_number: key.trackingNumber }).first<ShipmentRow | undefined>();
}

async function requireShipment(db: Knex | Knex.Transaction, key: TrackingKey): Promise<ShipmentRow> {
  const row = await shipmentRow(db, key);
  if (row === undefined) throw new StoreInputError(`${key.carrier} ${key.trackingNumber} is not tracked: start tracking it first`);
  return row;
}

/**
 * Starts tracking a parcel, or finds it tracked: a second start changes nothing but fills in an
 * order id or lane the first did not know. The same tracking number under another tenant is refused.
 */
export async function startTrackingShipment(db: Knex, input: TrackingShipmentInput, options: WriteOptions = {}): Promise<StoredTrackingShipment> {
  checkKey(input);
  assertStorableKey(input.tenant, 'tenant');
  assertStorableKey(input.channel, 'channel');
  if (input.orderId !== undefined) assertStorableKey(input.orderId, 'orderId');
  checkCountry(input.originCountry, 'originCountry', input);
  checkCountry(input.destinationCountry, 'destinationCountry', input);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const known = await shipmentRow(trx, input);
    if (known === undefined) {
      await trx('tracking_shipments').insert({
        carrier: input.carrier,
        tracking_number: input.trackingNumber,
        tenant: input.tenant,
        channel: input.channel,
        order_id: input.orderId ?? null,
        origin_country: input.originCountry ?? null,
        destination_country: input.destinationCountry ?? null,
        status: 'unknown',
        events_count: 0,
        stalled: false,
        started_at: now,
        updated_at: now,
        progress_at: now,
      });
    } else {
      if (known.tenant !== input.tenant) throw new StoreInputError(`${input.carrier} ${input.trackingNumber} is tracked for tenant "${known.tenant}", not "${input.tenant}"`);
      const fill: Partial<ShipmentRow> = {};
      if (known.order_id === null && input.orderId !== undefined) fill.order_id = input.orderId;
      if (known.origin_country === null && input.originCountry !== undefined) fill.origin_country = input.originCountry;
      if (known.destination_country === null && input.destinationCountry !== undefined) fill.destination_country = input.destinationCountry;
      if (Object.keys(fill).length > 0) await trx('tracking_shipments').where({ carrier: input.carrier, tracking_number: input.trackingNumber }).update({ ...fill, updated_at: now });
    }
    return fromShipmentRow(await requireShipment(trx, input));
  });
}

/**
 * Records what a poll or a pushed update said: events not seen before are added (an event seen
 * again is a no-op, whoever reports it), and the shipment's status, latest event and stall clock
 * move on. A stalled parcel that moves again is no longer stalled (its exception stays on record).
 */
export async function recordTrackingEvents(db: Knex, input: RecordTrackingEventsInput, options: WriteOptions = {}): Promise<RecordTrackingEventsResult> {
  checkKey(input);
  checkCountry(input.originCountry, 'originCountry', input);
  checkCountry(input.destinationCountry, 'destinationCountry', input);
  const nowDate = options.now ?? new Date();
  const now = toStoredTimestamp(nowDate, 'now');
  const rows = new Map<string, EventRow>();
  input.events.forEach((e, i) => {
    if (typeof e.carrierCode !== 'string') throw new StoreInputError(`${input.carrier} ${input.trackingNumber}: events[${i}].carrierCode is missing`);
    const eventKey = trackingEventKey(e);
    rows.set(eventKey, {
      carrier: input.carrier,
      tracking_number: input.trackingNumber,
      event_key: eventKey,
      status: e.status,
      carrier_code: storableText(e.carrierCode),
      event_at: trackingEventTime(e) ?? null,
      source: input.source,
      record: JSON.stringify(canonicalJsonValue(e)),
      recorded_at: now,
    });
  });
  return db.transaction(async (trx) => {
    const before = await requireShipment(trx, input);
    const known = new Set<string>();
    for (const part of chunk([...rows.keys()], IN_LIST_CHUNK)) {
      const found: Pick<EventRow, 'event_key'>[] = await trx('tracking_events').select('event_key').where({ carrier: input.carrier, tracking_number: input.trackingNumber }).whereIn('event_key', part);
      for (const f of found) known.add(f.event_key);
    }
    const fresh = [...rows.values()].filter((r) => !known.has(r.event_key));
    await insertRows(trx, 'tracking_events', EVENT_COLUMNS, fresh);

    const update: Partial<ShipmentRow> = { updated_at: now };
    const latest = fresh.reduce<EventRow | undefined>((a, r) => (a === undefined || timeSortKey(r.event_at ?? undefined) > timeSortKey(a.event_at ?? undefined) ? r : a), undefined);
    const movedOn = latest !== undefined && (before.last_event_at === null || timeSortKey(latest.event_at ?? undefined) > timeSortKey(before.last_event_at));
    if (movedOn) {
      update.last_event_at = latest.event_at;
      // A carrier clock ahead of the hub's (or a sandbox running fast) never puts progress in the future.
      const at = instantOf(latest.event_at ?? undefined);
      update.progress_at = at === undefined || at > nowDate.getTime() ? now : new Date(at).toISOString();
      update.stalled = false;
    }
    if (input.status !== undefined) {
      update.status = input.status.status;
      update.carrier_status_code = input.status.carrierStatusCode ?? null;
    } else if (movedOn) {
      update.status = latest.status;
      update.carrier_status_code = latest.carrier_code;
    }
    if (before.origin_country === null && input.originCountry !== undefined) update.origin_country = input.originCountry;
    if (before.destination_country === null && input.destinationCountry !== undefined) update.destination_country = input.destinationCountry;
    const [{ n }] = (await trx('tracking_events').where({ carrier: input.carrier, tracking_number: input.trackingNumber }).count({ n: '*' })) as [{ n: number | string }];
    update.events_count = toSafeInteger(n, 'count(tracking_events)');
    await trx('tracking_shipments').where({ carrier: input.carrier, tracking_number: input.trackingNumber }).update(update);
    return { added: fresh.length, shipment: fromShipmentRow(await requireShipment(trx, input)) };
  });
}

/** Records that a parcel stalled (why, when); a parcel already flagged keeps its first exception. */
export async function recordTrackingException(db: Knex, key: TrackingKey, reason: string, options: WriteOptions = {}): Promise<StoredTrackingShipment> {
  checkKey(key);
  if (reason.trim() === '') throw new StoreInputError(`${key.carrier} ${key.trackingNumber}: an exception needs a reason`);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    const row = await requireShipment(trx, key);
    if (!(row.stalled === true || row.stalled === 1)) {
      await trx('tracking_shipments').where({ carrier: key.carrier, tracking_number: key.trackingNumber }).update({ stalled: true, exception_at: now, exception_reason: storableText(reason), updated_at: now });
    }
    return fromShipmentRow(await requireShipment(trx, key));
  });
}

/** Marks tracking as ended (delivered, returned, cancelled): the first end stays. */
export async function finishTrackingShipment(db: Knex, key: TrackingKey, options: WriteOptions = {}): Promise<StoredTrackingShipment> {
  checkKey(key);
  const now = toStoredTimestamp(options.now ?? new Date(), 'now');
  return db.transaction(async (trx) => {
    await requireShipment(trx, key);
    await trx('tracking_shipments').where({ carrier: key.carrier, tracking_number: key.trackingNumber }).whereNull('finished_at').update({ finished_at: now, updated_at: now });
    return fromShipmentRow(await requireShipment(trx, key));
  });
}

export async function getTrackingShipment(db: Knex, key: TrackingKey): Promise<StoredTrackingShipment | undefined> {
  const row = await shipmentRow(db, key);
  return row === undefined ? undefined : fromShipmentRow(row);
}

export interface FindTrackingShipmentsQuery {
  tenant: string;
  orderId?: string;
  trackingNumber?: string;
  stalled?: boolean;
}

/** A tenant's tracked parcels, by order id, tracking number or stall; oldest first. */
export async function findTrackingShipments(db: Knex, q: FindTrackingShipmentsQuery): Promise<StoredTrackingShipment[]> {
  const query = db('tracking_shipments').where({ tenant: q.tenant });
  if (q.orderId !== undefined) void query.andWhere({ order_id: q.orderId });
  if (q.trackingNumber !== undefined) void query.andWhere({ tracking_number: q.trackingNumber });
  if (q.stalled !== undefined) void query.andWhere({ stalled: q.stalled });
  const rows: ShipmentRow[] = await query.orderBy([{ column: 'started_at' }, { column: 'carrier' }, { column: 'tracking_number' }]);
  return rows.map(fromShipmentRow);
}

/** A parcel's events in time order (as the carrier stated the times), then in the order recorded. */
export async function listTrackingEvents(db: Knex, key: TrackingKey): Promise<StoredTrackingEvent[]> {
  const rows: EventRow[] = await db('tracking_events').where({ carrier: key.carrier, tracking_number: key.trackingNumber });
  // Sorted here: the databases place null times differently, and times of several forms compare by their text.
  const order = (r: EventRow): string => `${timeSortKey(r.event_at ?? undefined).padEnd(19, ' ')}|${r.recorded_at}|${r.event_key}`;
  rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return rows.map((r) => ({ eventKey: r.event_key, event: JSON.parse(r.record) as TrackingEvent, source: r.source as TrackingEventSource, recordedAt: r.recorded_at }));
}
