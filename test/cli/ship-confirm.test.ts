/**
 * `caravan ship-confirm` before it reaches Temporal: the ship date, the key two requests are
 * compared by, and the channel found from the hub's stored orders (or refused, saying why).
 * The workflow and the repeated-request rules run against a real server in
 * test/integration/shipment-confirm.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmableOrder, parseShipDate, shipConfirmCommand, shipmentConfirmKey } from '../../cli/commands/ship-confirm.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, migrateLatest, openDatabase, upsertOrders } from '../../store/index.js';
import { makeOrder } from '../store/order-fixtures.js';

const amazon = (marketplace: string) => ({
  vendor: 'amazon',
  settings: { region: 'eu', marketplaceIds: [marketplace] },
  secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
});
const config = parseTenantsConfig({ tenants: { acme: { connections: { 'amazon-eu': amazon('A1PA6795UKMFR9'), 'amazon-uk': amazon('A1F83G8C2ARO7P'), vies: { vendor: 'vies' } } } } }, {});
/** Never reached: every case here fails before the command talks to Temporal. */
const noTemporal = {} as Client;

describe('ship-confirm arguments', () => {
  it('reads a ship date with a zone, or a bare date as 00:00 UTC; anything else is a usage error', () => {
    expect(parseShipDate('2026-03-02T19:15:00+09:00')).toBe('2026-03-02T10:15:00Z');
    expect(parseShipDate('2026-03-02')).toBe('2026-03-02T00:00:00Z');
    expect(parseShipDate(undefined)).toBeUndefined();
    expect(() => parseShipDate('02/03/2026')).toThrow(/^--ship-date: "02\/03\/2026" is not an ISO 8601 date-time/);
  });

  it('compares requests by package, carrier, tracking number, service and lines', () => {
    const base = { tenant: 'acme', channel: 'amazon-eu', orderId: 'A', carrier: 'Royal Mail', trackingNumber: ' AB123 ' };
    expect(shipmentConfirmKey(base)).toEqual({ packageReference: '1', carrier: 'royal-mail:royal mail', trackingNumber: 'AB123', service: null, lines: null });
    expect(shipmentConfirmKey({ ...base, carrier: 'royal_mail' })).toEqual(shipmentConfirmKey(base));
    expect(shipmentConfirmKey({ ...base, carrier: 'Speedy', packageReference: '2', lines: [{ lineId: 'L1', quantity: 2 }] })).toMatchObject({ carrier: 'other:speedy', packageReference: '2', lines: 'L1×2' });
  });
});

describe('ship-confirm finds the order\'s channel', () => {
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-ship-confirm-cli-')), 'caravan.db') });
    await migrateLatest(db);
    await upsertOrders(db, 'acme', [makeOrder(1, { channel: 'amazon-eu', externalId: 'ONLY-EU' }), makeOrder(2, { channel: 'amazon-eu', externalId: 'BOTH' }), makeOrder(3, { channel: 'amazon-uk', externalId: 'BOTH' })]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });
  const run = (order: string, o: Record<string, string> = {}) => shipConfirmCommand({ client: noTemporal, db, config }, order, { carrier: 'dhl', tracking: '123', ...o }, () => {});

  it('refuses an order the hub does not hold (exit 1), one held by two channels and a channel that imports no orders (exit 2)', async () => {
    await expect(run('NOPE')).rejects.toMatchObject({
      message: 'order NOPE is not in the hub for tenant acme (channels searched: amazon-eu, amazon-uk): import it first with caravan sync orders',
      exitCode: 1,
    });
    await expect(run('BOTH')).rejects.toMatchObject({ message: 'order BOTH is in several channels of tenant acme (amazon-eu, amazon-uk): name one with --channel', exitCode: 2 });
    await expect(run('ONLY-EU', { channel: 'vies' })).rejects.toMatchObject({ message: '--channel "vies" is not an order channel of tenant acme (order channels: amazon-eu, amazon-uk)', exitCode: 2 });
  });

  it('names an order the demo can suggest confirming: unshipped and merchant-fulfilled', async () => {
    await upsertOrders(db, 'shop', [
      makeOrder(4, { channel: 'amazon-uk', externalId: 'FBA', status: 'unshipped', fulfilment: 'marketplace' }),
      makeOrder(5, { channel: 'amazon-uk', externalId: 'SHIPPED', status: 'shipped', fulfilment: 'merchant' }),
      makeOrder(6, { channel: 'amazon-uk', externalId: 'MFN', status: 'unshipped', fulfilment: 'merchant' }),
    ]);
    expect(await confirmableOrder(db, 'shop')).toEqual({ channel: 'amazon-uk', orderId: 'MFN' });
    expect(await confirmableOrder(db, 'shop', 'amazon-eu')).toBeUndefined();
  });

  it('refuses an empty tracking number and a package reference that is no positive number', async () => {
    await expect(run('ONLY-EU', { tracking: '  ' })).rejects.toMatchObject({ message: '--tracking is empty' });
    await expect(run('ONLY-EU', { package: '0' })).rejects.toMatchObject({ message: '--package "0" must be a positive whole number' });
  });
});
