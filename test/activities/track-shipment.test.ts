/**
 * The parcel-tracking activities against the DHL Express and FedEx stand-ins and a SQLite hub:
 * a poll records the carrier's events once and learns the lane (and so the lane's stall
 * threshold) from the reply; a number the carrier does not know yet is "not found", not a
 * failure; FedEx's daily quota comes back as a rate_limited failure waiting until 00:00 GMT;
 * pushed replies and canonical events are recorded, unreadable ones rejected by name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrackShipmentActivities } from '../../activities/track-shipment.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';
import { closeDatabase, listTrackingEvents, migrateLatest, openDatabase } from '../../store/index.js';
import { dutiableShipment, myDhl } from '../sandbox/dhl/dhl-client.js';

const logger = pino({ level: 'silent' });
const env = { DHL_USER: SANDBOX_DHL_CREDENTIALS.username, DHL_PASS: SANDBOX_DHL_CREDENTIALS.password, FX_ID: SANDBOX_FEDEX_CREDENTIALS.clientId, FX_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret };
const HOUR = 3_600_000;

let dhl: DhlSandbox;
let fx: FedexSandbox;
let dir: string;
let db: Knex;
let activities: ReturnType<typeof createTrackShipmentActivities>;

beforeAll(async () => {
  // Four FedEx transactions a day (the token is not counted): the quota test spends them.
  [dhl, fx] = await Promise.all([startDhlSandbox({ port: 0, rateLimits: false }), startFedexSandbox({ port: 0, dailyQuota: 4 })]);
  dir = mkdtempSync(join(tmpdir(), 'caravan-track-activities-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  const config = parseTenantsConfig(
    {
      tenants: {
        acme: {
          connections: {
            dhl: { vendor: 'dhl', settings: { environment: 'test', endpoint: `${dhl.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber }, secrets: { username: { env: 'DHL_USER' }, password: { env: 'DHL_PASS' } } },
            fedex: { vendor: 'fedex', settings: { environment: 'sandbox', endpoint: fx.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber }, secrets: { clientId: { env: 'FX_ID' }, clientSecret: { env: 'FX_SECRET' } } },
            vies: { vendor: 'vies', settings: {} },
          },
          shipping: { stallThresholds: { 'DE-US': '96h', '*-DE': '5d' }, trackingPoll: { first: '30m', max: '6h' } },
        },
      },
    },
    {},
  );
  activities = createTrackShipmentActivities({ db, config, vendors: createVendorClients({ config, logger, env }), logger });
});

afterAll(async () => {
  await closeDatabase(db);
  await Promise.all([dhl.close(), fx.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const e = await p.then(
    () => expect.fail('expected a failure'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApplicationFailure);
  return e as ApplicationFailure;
}

describe('track-shipment activities', () => {
  it('DHL: starts tracking with the tenant\'s poll schedule, polls, records each checkpoint once and learns the lane\'s threshold', async () => {
    const bought = await myDhl<{ shipmentTrackingNumber: string }>(dhl.url, 'POST', '/shipments', { body: dutiableShipment('ACT-TRACK-1') });
    const waybill = bought.body.shipmentTrackingNumber;
    const started = await activities.startTracking({ tenant: 'acme', channel: 'dhl', trackingNumber: waybill, orderId: 'O-1' });
    expect(started).toMatchObject({ carrier: 'dhl', status: 'unknown', eventsCount: 0, poll: { firstPollMs: 30 * 60_000, factor: 2, maxPollMs: 6 * HOUR }, stallThreshold: { rule: 'built-in', ms: 72 * HOUR } });
    const ref = { tenant: 'acme', channel: 'dhl', carrier: 'dhl' as const, trackingNumber: waybill };
    dhl.advance(7 * 3600);
    const first = await activities.pollTracking(ref);
    expect(first).toMatchObject({ status: 'in_transit', added: 3, eventsCount: 3, lane: 'DE-US', stallThreshold: { rule: 'DE-US', ms: 96 * HOUR } });
    const again = await activities.pollTracking(ref);
    expect(again).toMatchObject({ added: 0, eventsCount: 3 });
    expect((await listTrackingEvents(db, ref)).map((e) => e.event.carrierCode)).toEqual(['PU', 'PL', 'DF']);
  });

  it('a number the carrier does not know (yet) is reported as not found, and the poll goes on', async () => {
    await activities.startTracking({ tenant: 'acme', channel: 'dhl', trackingNumber: '1999999990' });
    const dhlUnknown = await activities.pollTracking({ tenant: 'acme', channel: 'dhl', carrier: 'dhl', trackingNumber: '1999999990' });
    expect(dhlUnknown).toMatchObject({ status: 'unknown', added: 0, notFound: { message: expect.any(String) } });

    await activities.startTracking({ tenant: 'acme', channel: 'fedex', trackingNumber: '700000000000' });
    const fedexUnknown = await activities.pollTracking({ tenant: 'acme', channel: 'fedex', carrier: 'fedex', trackingNumber: '700000000000' });
    expect(fedexUnknown).toMatchObject({ status: 'unknown', notFound: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
  });

  it('FedEx: the organisation\'s daily quota spent, a poll fails as rate_limited and waits for 00:00 GMT', async () => {
    const ref = { tenant: 'acme', channel: 'fedex', carrier: 'fedex' as const, trackingNumber: '700000000000' };
    let failure: ApplicationFailure | undefined;
    for (let i = 0; i < 5 && failure === undefined; i++) {
      failure = await activities.pollTracking(ref).then(
        () => undefined,
        (e: unknown) => e as ApplicationFailure,
      );
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'rate_limited', nonRetryable: false });
    const untilMidnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now();
    const delay = Number(failure!.nextRetryDelay);
    expect(delay).toBeGreaterThan(untilMidnight - 60_000);
    expect(delay).toBeLessThanOrEqual(untilMidnight + 1_000);
  });

  it('records pushed replies and events, each once; unreadable ones are rejected by update number and field', async () => {
    const number = '794843185271';
    await activities.startTracking({ tenant: 'acme', channel: 'fedex', trackingNumber: number });
    const ref = { tenant: 'acme', channel: 'fedex', carrier: 'fedex' as const, trackingNumber: number };
    const reply = {
      transactionId: 't-1',
      output: {
        completeTrackResults: [
          {
            trackingNumber: number,
            trackResults: [
              {
                trackingNumberInfo: { trackingNumber: number },
                latestStatusDetail: { code: 'DE', derivedCode: 'DE', statusByLocale: 'Delivery exception' },
                recipientInformation: { address: { city: 'LEIPZIG', countryCode: 'DE' } },
                shipperInformation: { address: { city: 'NEW YORK', countryCode: 'US' } },
                scanEvents: [
                  { date: '2026-03-17T07:00:00+00:00', eventType: 'DE', eventDescription: 'Delivery exception', scanLocation: { city: 'LEIPZIG', countryCode: 'DE' } },
                  { date: '2026-03-16T11:00:00+00:00', eventType: 'PU', eventDescription: 'Picked up', scanLocation: { city: 'NEW YORK', countryCode: 'US' } },
                ],
              },
            ],
          },
        ],
      },
    };
    const pushed = await activities.recordPushedTracking({ ...ref, handledBefore: 0, updates: [{ reply }, { reply }, { reply: { shipments: [] } }] });
    expect(pushed).toMatchObject({ status: 'exception', carrierStatusCode: 'DE', added: 2, eventsCount: 2, lane: 'US-DE', stallThreshold: { rule: '*-DE', ms: 5 * 24 * HOUR } });
    expect(pushed.rejected).toEqual([expect.stringMatching(/^pushed update 3: reply \(a FedEx Track reply\): output/)]);
    const events = await activities.recordPushedTracking({ ...ref, handledBefore: 3, updates: [{ events: [{ status: 'returned', carrierCode: 'RS', timestamp: '2026-03-18T09:00:00Z' }, { status: 'lost', carrierCode: 'XX' }] as never }] });
    expect(events).toMatchObject({ status: 'returned', carrierStatusCode: 'RS', added: 1, eventsCount: 3 });
    expect(events.rejected).toEqual([expect.stringMatching(/^pushed update 4: events\[1\]: status Invalid option/)]);
    expect((await listTrackingEvents(db, ref)).map((e) => [e.event.carrierCode, e.source])).toEqual([['PU', 'push'], ['DE', 'push'], ['RS', 'push']]);
  });

  it('refuses a connection that is no carrier, naming it', async () => {
    const f = await failureOf(activities.startTracking({ tenant: 'acme', channel: 'vies', trackingNumber: '1' }));
    expect(f).toMatchObject({ type: 'config', nonRetryable: true, message: 'tenants.acme.connections.vies is a vies connection, not a carrier (dhl, fedex)' });
  });
});
