/**
 * `caravan labels get ORDER [--tenant T] [--channel C] [--out DIR]`: writes the labels and
 * documents of an order's shipments from the document store to files
 * (`<order>-<tracking number>-<type>.<ext>`), the commercial invoice Caravan made for paperless
 * trade among them (`…-commercial-invoice.pdf`). Voided shipments are left out.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { extensionOf, type DocumentStore } from '../../store/document-store.js';
import { listOrderShipments } from '../../store/index.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';
import { channelOf } from './ship-confirm.js';

export interface LabelsGetOptions {
  tenant?: string | undefined;
  channel?: string | undefined;
  out?: string | undefined;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');

export async function labelsGetCommand(deps: { db: Knex; config: TenantsConfig; documents: DocumentStore }, orderId: string, o: LabelsGetOptions): Promise<string[]> {
  const tenant = pickTenant(deps.config, o.tenant);
  const channel = await channelOf(deps.db, deps.config, tenant, orderId, o.channel);
  const shipments = (await listOrderShipments(deps.db, tenant, channel, orderId)).filter((s) => s.state !== 'cancelled' && s.state !== 'failed');
  if (shipments.length === 0) throw new CliError(`order ${orderId} of ${tenant}/${channel} has no shipment with labels: ship it first (caravan ship ${orderId})`, 1);
  const dir = o.out ?? '.';
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const s of shipments) {
    if (s.documents.length === 0) written.push(`${s.carrier} ${s.trackingNumber ?? ''}: no label stored (${s.note ?? 'none returned'})`);
    for (const d of s.documents) {
      const target = join(dir, `${safe(orderId)}-${safe(s.trackingNumber ?? s.idempotencyKey)}-${safe(d.type)}${d.pieceTrackingNumber ? `-${safe(d.pieceTrackingNumber)}` : ''}.${extensionOf(d.contentType)}`);
      await copyFile(await deps.documents.pathOf(d), target);
      written.push(target);
    }
  }
  return written;
}
