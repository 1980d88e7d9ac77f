/**
 * `caravan track NUMBER… [--channel C] [--tenant T]`: where parcels are, asked of the carrier
 * connection (DHL Express MyDHL, FedEx Track) and printed as canonical TrackingResults: the
 * canonical status with the carrier's own code kept, and every event. The reply is read by the
 * same record kind `caravan map dhl.tracking | fedex.tracking` reads a saved reply with, so a
 * carrier error is the carrier's code and message, and an unreadable event names its field.
 */
import type { Logger } from 'pino';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { findTenant, type TenantsConfig } from '../../config/tenants-config.js';
import { connectorFor } from '../../connectors/registry.js';
import { ConnectorError } from '../../connectors/http/errors.js';
import { RECORD_KINDS, type MappedRecord } from '../record-kinds.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';

export interface TrackOptions {
  tenant?: string | undefined;
  channel?: string | undefined;
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
