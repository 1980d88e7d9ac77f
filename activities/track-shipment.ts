/**
 * Activities of the trackShipment workflow: the parcel recorded in the store, the carrier asked
 * through the tenant's connection (so every poll goes through the connector pipeline and the
 * worker's limiter, within the carrier's quotas), replies and pushed updates mapped to canonical
 * events and recorded once each, the stall exception and the end recorded.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { findConnection, findTenant, type TenantsConfig } from '../config/tenants-config.js';
import { stallThresholdFor } from '../config/tracking.js';
import { ConfigError } from '../config/errors.js';
import { ConnectorError } from '../connectors/http/errors.js';
import { CarrierSchema, type Carrier, type TrackingEvent, type TrackingResult } from '../mappings/canonical/index.js';
import {
  finishTrackingShipment,
  getTrackingShipment,
  recordTrackingEvents,
  recordTrackingException,
  startTrackingShipment,
  type StoredTrackingShipment,
} from '../store/index.js';
import { TRACK_SHIPMENT } from '../temporal.config.js';
import { asActivity } from './failures.js';
import { resultsFor, trackingEventsOf, trackingResultsOf } from './track-shipment-mappings.js';
import type {
  PollTrackingResult,
  RecordPushedTrackingResult,
  StartTrackingResult,
  TrackingParcelRef,
  TrackingState,
  TrackShipmentActivities,
} from './track-shipment-types.js';
import type { VendorClients } from './vendor-clients.js';

export interface TrackShipmentDeps {
  db: Knex;
  config: TenantsConfig;
  vendors: VendorClients;
  logger: Logger;
  clock?: () => Date;
}

/** The carrier of a tenant's connection, or a config error naming the connection. */
function carrierOf(config: TenantsConfig, tenant: string, channel: string): Carrier {
  const { vendor } = findConnection(config, tenant, channel);
  const carrier = CarrierSchema.safeParse(vendor);
  if (!carrier.success) throw new ConfigError(`tenants.${tenant}.connections.${channel} is a ${vendor} connection, not a carrier (dhl, fedex)`);
  return carrier.data;
}

export function createTrackShipmentActivities(deps: TrackShipmentDeps): TrackShipmentActivities {
  const clock = deps.clock ?? (() => new Date());

  function stateOf(tenant: string, s: StoredTrackingShipment, added: number): TrackingState {
    const shipping = findTenant(deps.config, tenant).shipping;
    const lane = s.originCountry !== undefined && s.destinationCountry !== undefined ? `${s.originCountry}-${s.destinationCountry}` : undefined;
    return {
      status: s.status,
      ...(s.carrierStatusCode === undefined ? {} : { carrierStatusCode: s.carrierStatusCode }),
      eventsCount: s.eventsCount,
      added,
      ...(s.lastEventAt === undefined ? {} : { lastEventAt: s.lastEventAt }),
      progressAt: s.progressAt,
      stalled: s.stalled,
      ...(lane === undefined ? {} : { lane }),
      stallThreshold: stallThresholdFor(shipping?.stallThresholds, { origin: s.originCountry, destination: s.destinationCountry }, TRACK_SHIPMENT.defaultStallThresholdMs),
    };
  }

  /** Records the parcel's results (its own number or pieces) and the shipment status of the first. */
  async function record(ref: TrackingParcelRef, results: readonly TrackingResult[], events: readonly TrackingEvent[], source: 'poll' | 'push'): Promise<StoredTrackingShipment & { added: number }> {
    const mine = resultsFor(results, ref.trackingNumber);
    const main = mine.find((r) => r.trackingNumber === ref.trackingNumber) ?? mine[0];
    const country = (c: string | undefined) => (c !== undefined && /^[A-Z]{2}$/.test(c) ? c : undefined);
    const origin = country(main?.origin?.countryCode);
    const destination = country(main?.destination?.countryCode);
    const { added, shipment } = await recordTrackingEvents(
      deps.db,
      {
        carrier: ref.carrier,
        trackingNumber: ref.trackingNumber,
        source,
        events: [...mine.flatMap((r) => r.events), ...events],
        ...(main === undefined || main.carrierError !== undefined ? {} : { status: { status: main.status, ...(main.carrierStatusCode === undefined ? {} : { carrierStatusCode: main.carrierStatusCode }) } }),
        ...(origin === undefined ? {} : { originCountry: origin }),
        ...(destination === undefined ? {} : { destinationCountry: destination }),
      },
      { now: clock() },
    );
    return { ...shipment, added };
  }

  return {
    async startTracking(input) {
      return asActivity(async (): Promise<StartTrackingResult> => {
        const carrier = carrierOf(deps.config, input.tenant, input.channel);
        const s = await startTrackingShipment(
          deps.db,
          {
            carrier,
            trackingNumber: input.trackingNumber,
            tenant: input.tenant,
            channel: input.channel,
            ...(input.orderId === undefined ? {} : { orderId: input.orderId }),
            ...(input.origin === undefined ? {} : { originCountry: input.origin }),
            ...(input.destination === undefined ? {} : { destinationCountry: input.destination }),
          },
          { now: clock() },
        );
        const poll = findTenant(deps.config, input.tenant).shipping?.trackingPoll;
        deps.logger.info({ tenant: input.tenant, channel: input.channel, carrier, trackingNumber: input.trackingNumber, orderId: input.orderId }, 'tracking started');
        return { ...stateOf(input.tenant, s, 0), carrier, ...(poll === undefined ? {} : { poll: { firstPollMs: poll.first, factor: poll.factor, maxPollMs: poll.max } }) };
      });
    },

    async pollTracking(ref) {
      return asActivity(async (): Promise<PollTrackingResult> => {
        const { capability } = deps.vendors.capability(ref.tenant, ref.channel, 'carrier');
        let reply: unknown;
        try {
          reply = await capability.trackingEvents([ref.trackingNumber]);
        } catch (e) {
          // Not (yet) in the carrier's tracking: normal for a label just bought. Keep polling.
          if (e instanceof ConnectorError && e.kind === 'not_found') {
            const known = await getTrackingShipment(deps.db, ref);
            if (known === undefined) throw e;
            return { ...stateOf(ref.tenant, known, 0), notFound: { ...(e.vendorCode === undefined ? {} : { code: e.vendorCode }), message: e.message } };
          }
          throw e;
        }
        const read = trackingResultsOf(ref.carrier, reply);
        // An unreadable reply is a contract breach: retrying will not cure it, and it must be seen.
        if (read.values.length === 0 && read.rejected.length > 0) throw new ConnectorError('contract', `${ref.carrier} tracking reply for ${ref.trackingNumber} could not be read: ${read.rejected.join('; ')}`, { vendor: ref.carrier, operation: 'tracking' });
        const carrierError = resultsFor(read.values, ref.trackingNumber).find((r) => r.carrierError !== undefined)?.carrierError;
        const s = await record(ref, read.values, [], 'poll');
        if (read.rejected.length > 0) deps.logger.warn({ trackingNumber: ref.trackingNumber, rejected: read.rejected }, 'tracking reply partly unreadable');
        return { ...stateOf(ref.tenant, s, s.added), ...(carrierError === undefined ? {} : { notFound: { code: carrierError.code, message: carrierError.message ?? carrierError.code } }) };
      });
    },

    async recordPushedTracking(input) {
      return asActivity(async (): Promise<RecordPushedTrackingResult> => {
        const results: TrackingResult[] = [];
        const events: TrackingEvent[] = [];
        const rejected: string[] = [];
        input.updates.forEach((u, i) => {
          const n = input.handledBefore + i + 1;
          const read = 'reply' in u ? trackingResultsOf(input.carrier, u.reply, `pushed update ${n}: reply`) : trackingEventsOf(u.events, `pushed update ${n}: events`);
          rejected.push(...read.rejected);
          if ('reply' in u) results.push(...(read.values as TrackingResult[]));
          else events.push(...(read.values as TrackingEvent[]));
        });
        const s = await record(input, results, events, 'push');
        if (rejected.length > 0) deps.logger.warn({ trackingNumber: input.trackingNumber, rejected }, 'pushed tracking update partly unreadable');
        return { ...stateOf(input.tenant, s, s.added), rejected };
      });
    },

    async raiseTrackingException(input) {
      return asActivity(async () => {
        await recordTrackingException(deps.db, input, input.reason, { now: clock() });
        deps.logger.warn({ tenant: input.tenant, carrier: input.carrier, trackingNumber: input.trackingNumber, reason: input.reason }, 'parcel stalled');
      });
    },

    async finishTracking(ref) {
      return asActivity(async () => {
        await finishTrackingShipment(deps.db, ref, { now: clock() });
      });
    },
  };
}
