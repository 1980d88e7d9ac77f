/**
 * `caravan track NUMBER… [--channel C] [--tenant T]`: where parcels are, asked of the carrier
 * connection (DHL Express MyDHL, FedEx Track) and printed as canonical TrackingResults: the
 * canonical status with the carrier's own code kept, and every event. The reply is read by the
 * same record kind `caravan map dhl.tracking | fedex.tracking` reads a saved reply with, so a
 * carrier error is the carrier's code and message, and an unreadable event names its field.
 *
 * `caravan track NUMBER… --follow [--order ID]`: starts the trackShipment workflow of each parcel
 * (or finds it running: one workflow per carrier and tracking number), which follows it to the
 * end, records its events and raises the stall exception.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { connectorFor } from '../../connectors/registry.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { RECORD_KINDS, type MappedRecord } from '../record-kinds.js';
import { FLOWS, searchAttributeKeys, trackShipmentWorkflowId } from '../../temporal.config.js';
import type { trackShipment, TrackShipmentInput } from '../../workflows/track-shipment.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';
import { startOrAttach } from './start-flow.js';

export interface TrackOptions {
  tenant?: string | undefined;
  channel?: string | undefined;
}

export interface TrackFollowOptions extends TrackOptions {
  order?: string | undefined;
  taskQueue?: string | undefined;
}

export interface FollowedParcel {
  carrier: string;
  trackingNumber: string;
  workflowId: string;
  runId: string;
  /** False when its tracking was already running. */
  started: boolean;
}

/** The tenant's carrier connection: the one named, else the only one. */
function carrierChannel(config: TenantsConfig, tenant: string, channel: string | undefined): string {
  const connections = findTenant(config, tenant).connections;
  const carriers = Object.entries(connections).filter(([, c]) => connectorFor(c.vendor).capabilities.includes('carrier')).map(([id]) => id);
  if (channel !== undefined) {
    if (!carriers.includes(channel)) throw new CliError(`${channel} is not a carrier connection of tenant "${tenant}" (carriers: ${carriers.join(', ') || 'none'})`);
    return channel;
  }
  if (carriers.length === 1) return carriers[0]!;
  throw new CliError(carriers.length === 0 ? `tenant "${tenant}" has no carrier connection (vendor dhl or fedex)` : `say which carrier with --channel (${carriers.join(', ')})`);
}

export async function trackCommand(deps: { config: TenantsConfig; logger: Logger; env?: NodeJS.ProcessEnv }, numbers: readonly string[], o: TrackOptions): Promise<MappedRecord[]> {
  const tenant = pickTenant(deps.config, o.tenant);
  const channel = carrierChannel(deps.config, tenant, o.channel);
  const { capability, config } = createVendorClients({ config: deps.config, logger: deps.logger, ...(deps.env === undefined ? {} : { env: deps.env }) }).capability(tenant, channel, 'carrier');
  const kind = RECORD_KINDS[`${config.vendor}.tracking`];
  if (kind === undefined) throw new CliError(`no tracking record kind for ${config.vendor}`);
  let reply: unknown;
  try {
    reply = await capability.trackingEvents(numbers);
  } catch (e) {
    if (e instanceof ConnectorError) throw new CliError(`${channel}: ${e.message}`);
    throw e;
  }
  const text = JSON.stringify(reply);
  return kind.map({ file: `${channel} tracking reply`, bytes: Buffer.from(text), charset: 'utf-8', text, json: () => reply }, {}, { channel });
}

/** Starts (or finds running) the trackShipment workflow of each number on the tenant's carrier connection. */
export async function trackFollowCommand(deps: { client: Client; config: TenantsConfig }, numbers: readonly string[], o: TrackFollowOptions): Promise<FollowedParcel[]> {
  const tenant = pickTenant(deps.config, o.tenant);
  const channel = carrierChannel(deps.config, tenant, o.channel);
  const carrier = findTenant(deps.config, tenant).connections[channel]!.vendor;
  const followed: FollowedParcel[] = [];
  for (const trackingNumber of numbers) {
    if (trackingNumber.trim() === '') throw new CliError('a tracking number is empty');
    const input: TrackShipmentInput = { tenant, channel, trackingNumber, ...(o.order === undefined ? {} : { orderId: o.order }) };
    const r = await startOrAttach<typeof trackShipment>(deps.client, {
      workflowType: 'trackShipment',
      workflowId: trackShipmentWorkflowId(carrier, trackingNumber),
      args: [input],
      tenant,
      channel,
      flow: FLOWS.trackShipment,
      summary: `track ${carrier} ${trackingNumber}${o.order === undefined ? '' : ` (order ${o.order})`}`,
      taskQueue: o.taskQueue,
      searchAttributes: [
        { key: searchAttributeKeys.trackingNumber, value: trackingNumber },
        ...(o.order === undefined ? [] : [{ key: searchAttributeKeys.orderId, value: o.order }]),
      ],
    });
    followed.push({ carrier, trackingNumber, workflowId: r.workflowId, runId: r.runId, started: r.started });
  }
  return followed;
}
