/**
 * trackShipment on the run's Temporal dev server, the real workflow bundle and the real
 * activities, against the DHL Express and FedEx stand-ins (labels bought there first; their
 * tracking advances with the stand-in's clock) and a fresh SQLite hub database:
 * - a parcel polled to delivered, another refused and returned, a third cancelled (the workflow ends,
 *   the store says finished);
 * - a parcel held at customs raising the stall exception (store record, query, search attribute),
 *   and with onStall 'fail' the typed failure `tracking_stalled`;
 * - a pushed update sent twice recorded once, a pushed FedEx reply ending the tracking;
 * - the workflow found by tracking number and by order id through the search attributes.
 *
 * With CARAVAN_RECORD_HISTORIES=1 the delivered and the pushed-update runs are saved to
 * test/fixtures/histories/, where test/integration/replay.test.ts replays them against the code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Client, Connection, WorkflowFailedError, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTrackShipmentActivities } from '../../activities/track-shipment.js';
import { createVendorClients } from '../../activities/vendor-clients.js';
import { trackFollowCommand } from '../../cli/commands/track.js';
import { parseTenantsConfig, type TenantsConfig } from '../../config/tenants-config.js';
import type { TrackingEvent } from '../../mappings/canonical/carrier.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';
import { closeDatabase, getTrackingShipment, listTrackingEvents, migrateLatest, openDatabase } from '../../store/index.js';
import { SEARCH_ATTRIBUTES, trackShipmentWorkflowId } from '../../temporal.config.js';
import type { TrackShipmentInput, TrackShipmentStatus, TrackShipmentSummary } from '../../workflows/track-shipment.js';
import { dhlWaybillEndingIn7, dutiableShipment, myDhl } from '../sandbox/dhl/dhl-client.js';
import { fedex, shipRequest, token } from '../sandbox/fedex/fedex-client.js';
import { bundleWorkflows } from '../../worker/bundle.js';
import { eventually, quietTemporalRuntime } from './harness.js';

const logger = pino({ level: 'silent' });
const FAST = { firstPollMs: 200, factor: 1.5, maxPollMs: 1_000 };
const env = { DHL_USER: SANDBOX_DHL_CREDENTIALS.username, DHL_PASS: SANDBOX_DHL_CREDENTIALS.password, FX_ID: SANDBOX_FEDEX_CREDENTIALS.clientId, FX_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret };
const taskQueue = `it-track-${Math.random().toString(36).slice(2, 10)}`;
const run = Math.random().toString(36).slice(2, 8);

let config: TenantsConfig;
let dhl: DhlSandbox;
let fx: FedexSandbox;
let dir: string;
let db: Knex;
let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  quietTemporalRuntime();
  [dhl, fx] = await Promise.all([startDhlSandbox({ port: 0, rateLimits: false }), startFedexSandbox({ port: 0, rateLimits: false })]);
  dir = mkdtempSync(join(tmpdir(), 'caravan-track-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
  config = parseTenantsConfig(
    {
      tenants: {
        acme: {
          connections: {
            dhl: { vendor: 'dhl', settings: { environment: 'test', endpoint: `${dhl.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber }, secrets: { username: { env: 'DHL_USER' }, password: { env: 'DHL_PASS' } } },
            fedex: { vendor: 'fedex', settings: { environment: 'sandbox', endpoint: fx.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber }, secrets: { clientId: { env: 'FX_ID' }, clientSecret: { env: 'FX_SECRET' } } },
          },
          // Customs holds on the DE → US lane count as a stall after two seconds here (96h in real life).
          shipping: { stallThresholds: { 'DE-US': '2s', default: '1h' } },
        },
      },
    },
    {},
  );
  const vendors = createVendorClients({ config, logger, env });
  const address = inject('temporalAddress');
  connection = await Connection.connect({ address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address });
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createTrackShipmentActivities({ db, config, vendors, logger }),
  });
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
  await closeDatabase(db);
  await Promise.all([dhl.close(), fx.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function start(input: TrackShipmentInput, carrier: 'dhl' | 'fedex'): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start('trackShipment', { taskQueue, workflowId: trackShipmentWorkflowId(carrier, input.trackingNumber), args: [input] });
}

const status = (h: WorkflowHandle): Promise<TrackShipmentStatus> => h.query<TrackShipmentStatus>('trackingStatus');

/** Saves a finished run's history for the replay test (only when asked to record). */
async function recordHistory(h: WorkflowHandle, file: string): Promise<void> {
  if (process.env.CARAVAN_RECORD_HISTORIES !== '1') return;
  writeFileSync(fileURLToPath(new URL(`../fixtures/histories/${file}`, import.meta.url)), historyToJSON(await h.fetchHistory()));
}

/** Buys DHL labels until one's waybill passes `wanted` (the stand-in holds waybills ending in 7 at customs, and has those ending in 3 refused). */
async function dhlWaybill(reference: string, wanted: (waybill: string) => boolean = (w) => !/[37]$/.test(w)): Promise<string> {
  for (let n = 0; n < 20; n++) {
    const r = await myDhl<{ shipmentTrackingNumber: string }>(dhl.url, 'POST', '/shipments', { body: dutiableShipment(`${reference}-${n}`) });
    if (r.status !== 201) throw new Error(`create failed with ${r.status}`);
    if (wanted(r.body.shipmentTrackingNumber)) return r.body.shipmentTrackingNumber;
  }
  throw new Error('no wanted waybill in 20 shipments');
}

/** Buys FedEx labels until one's number passes `wanted` (7: clearance delay, 3: refused and returned). */
async function fedexNumber(reference: string, wanted: (number: string) => boolean = (w) => !/[37]$/.test(w)): Promise<string> {
  const t = await token(fx.url);
  for (let n = 0; n < 20; n++) {
    const r = await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(fx.url, 'POST', '/ship/v1/shipments', t, shipRequest(`${reference}-${n}`));
    const number = r.body.output.transactionShipments[0]!.masterTrackingNumber;
    if (wanted(number)) return number;
  }
  throw new Error('no wanted FedEx number in 20 shipments');
}

describe('trackShipment', () => {
  it('polls a DHL parcel until it is delivered (through two carrier faults), then ends; the store has every checkpoint once', async () => {
    const waybill = await dhlWaybill(`IT-TRACK-${run}`);
    const h = await start({ tenant: 'acme', channel: 'dhl', trackingNumber: waybill, orderId: `ORDER-D-${run}`, schedule: FAST, stallThresholdMs: 60_000 }, 'dhl');
    await eventually(async () => (await status(h)).polls >= 2);
    expect((await status(h)).status).not.toBe('delivered');
    // The carrier stumbles twice: the poll is retried, the parcel still followed to the end.
    const faultsBefore = dhl.stats().injectedFaults;
    dhl.injectFaults({ operation: 'tracking', status: 503, count: 2 });
    dhl.advance(40 * 3600);
    const summary = (await h.result()) as TrackShipmentSummary;
    expect(summary).toMatchObject({ carrier: 'dhl', trackingNumber: waybill, status: 'delivered', carrierStatusCode: 'OK', pushed: 0, stalledOnTheWay: false });
    await recordHistory(h, 'track-shipment-delivered.json');
    expect(dhl.stats().injectedFaults - faultsBefore).toBe(2);
    const events = await listTrackingEvents(db, { carrier: 'dhl', trackingNumber: waybill });
    expect(events.map((e) => e.event.carrierCode)).toEqual(['PU', 'PL', 'DF', 'AF', 'IC', 'CR', 'AR', 'WC', 'OK']);
    expect(summary.eventsCount).toBe(9);
    const stored = await getTrackingShipment(db, { carrier: 'dhl', trackingNumber: waybill });
    expect(stored).toMatchObject({ tenant: 'acme', orderId: `ORDER-D-${run}`, originCountry: 'DE', destinationCountry: 'US', status: 'delivered', stalled: false });
    expect(stored?.finishedAt).toBeDefined();
  });

  it('raises the stall exception for a parcel held at customs longer than its lane allows, and finds it by tracking number and order id', async () => {
    const held = await dhlWaybillEndingIn7(dhl.url, `IT-HOLD-${run}`);
    // Past the hold (OH) at 20 h: the parcel stays there for ten days.
    dhl.advance(21 * 3600);
    const orderId = `ORDER-H-${run}`;
    const h = await start({ tenant: 'acme', channel: 'dhl', trackingNumber: held, orderId, schedule: FAST }, 'dhl');
    const flagged = await eventually(async () => {
      const s = await status(h);
      return s.stalled ? s : undefined;
    });
    expect(flagged).toMatchObject({ carrier: 'dhl', status: 'exception', carrierStatusCode: 'OH', lane: 'DE-US', stallThresholdMs: 2_000, stalled: true });
    const stored = await getTrackingShipment(db, { carrier: 'dhl', trackingNumber: held });
    expect(stored).toMatchObject({ stalled: true, exception: { reason: expect.stringContaining('DE-US lane threshold') } });
    expect(stored?.exception?.reason).toContain('rule DE-US');

    const byNumber = await eventually(async () => {
      const found = [];
      for await (const w of client.workflow.list({ query: `${SEARCH_ATTRIBUTES.trackingNumber.name} = "${held}" AND ${SEARCH_ATTRIBUTES.trackingStatus.name} = "stalled"` })) found.push(w.workflowId);
      return found.length > 0 ? found : undefined;
    });
    expect(byNumber).toEqual([trackShipmentWorkflowId('dhl', held)]);
    const byOrder = await eventually(async () => {
      const found = [];
      for await (const w of client.workflow.list({ query: `${SEARCH_ATTRIBUTES.orderId.name} = "${orderId}" AND ${SEARCH_ATTRIBUTES.flow.name} = "track-shipment"` })) found.push(w.workflowId);
      return found.length > 0 ? found : undefined;
    });
    expect(byOrder).toEqual([trackShipmentWorkflowId('dhl', held)]);
    // Still tracking: a stall is an exception to look at, not the end.
    expect((await h.describe()).status.name).toBe('RUNNING');
    await h.terminate('test over');
  });

  it("with onStall 'fail', a stalled parcel fails the workflow with the typed failure tracking_stalled", async () => {
    const held = await dhlWaybillEndingIn7(dhl.url, `IT-FAIL-${run}`);
    dhl.advance(21 * 3600);
    const h = await start({ tenant: 'acme', channel: 'dhl', trackingNumber: held, schedule: FAST, onStall: 'fail' }, 'dhl');
    const failure = await h.result().then(
      () => expect.fail('the workflow should have failed'),
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'tracking_stalled', message: expect.stringContaining(`dhl ${held} stalled`) });
  });

  it('records a pushed update once even when it is sent twice; a pushed FedEx reply saying delivered ends the tracking', async () => {
    const number = await fedexNumber(`IT-PUSH-${run}`);
    // Polls far apart: what changes here comes by signal.
    const h = await start({ tenant: 'acme', channel: 'fedex', trackingNumber: number, orderId: `ORDER-F-${run}`, schedule: { firstPollMs: 120_000, factor: 1, maxPollMs: 120_000 } }, 'fedex');
    const first = await eventually(async () => {
      const s = await status(h);
      return s.polls >= 1 ? s : undefined;
    });
    expect(first).toMatchObject({ carrier: 'fedex', status: 'pre_transit', eventsCount: 1, lane: 'US-DE' });

    const scan: TrackingEvent = { status: 'in_transit', carrierCode: 'PU', carrierDescription: 'Picked up', timestamp: '2026-03-16T16:00:00Z', location: { city: 'NEW YORK', countryCode: 'US' } };
    await h.signal('trackingUpdate', { events: [scan] });
    await h.signal('trackingUpdate', { events: [scan] });
    await h.signal('trackingUpdate', { events: [{ carrierCode: 'XX' }] });
    const pushed = await eventually(async () => {
      const s = await status(h);
      return s.pushed >= 3 ? s : undefined;
    });
    expect(pushed.eventsCount).toBe(2);
    expect(pushed.rejected).toEqual([expect.stringMatching(/^pushed update 3: events\[0\]: status Invalid option/)]);
    expect((await listTrackingEvents(db, { carrier: 'fedex', trackingNumber: number })).filter((e) => e.source === 'push').map((e) => e.event.carrierCode)).toEqual(['PU']);

    // The carrier's own reply, as a webhook would bring it.
    fx.advance(3 * 24 * 3600);
    const reply = await fedex(fx.url, 'POST', '/track/v1/trackingnumbers', await token(fx.url), { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: number } }] });
    expect(reply.status).toBe(200);
    await h.signal('trackingUpdate', { reply: reply.body });
    const summary = (await h.result()) as TrackShipmentSummary;
    expect(summary).toMatchObject({ carrier: 'fedex', status: 'delivered', carrierStatusCode: 'DL', polls: 1, pushed: 4 });
    await recordHistory(h, 'track-shipment-pushed.json');
    const codes = (await listTrackingEvents(db, { carrier: 'fedex', trackingNumber: number })).map((e) => e.event.carrierCode);
    expect(codes.filter((c) => c === 'OC')).toHaveLength(1);
    expect(codes.at(-1)).toBe('DL');
  });

  it('polls a FedEx parcel refused at the door until it is returned to the shipper, then ends', async () => {
    const number = await fedexNumber(`IT-RET-${run}`, (n) => n.endsWith('3'));
    const h = await start({ tenant: 'acme', channel: 'fedex', trackingNumber: number, schedule: FAST }, 'fedex');
    await eventually(async () => ((await status(h)).polls >= 1 ? true : undefined));
    fx.advance(40 * 3600);
    const summary = (await h.result()) as TrackShipmentSummary;
    expect(summary).toMatchObject({ carrier: 'fedex', status: 'returned', carrierStatusCode: 'RS' });
    const codes = (await listTrackingEvents(db, { carrier: 'fedex', trackingNumber: number })).map((e) => e.event.carrierCode);
    expect(codes.slice(-3)).toEqual(['OD', 'DE', 'RS']);
    expect((await getTrackingShipment(db, { carrier: 'fedex', trackingNumber: number }))?.finishedAt).toBeDefined();
  });

  it('ends when the sender cancels the shipment', async () => {
    const number = await fedexNumber(`IT-CANCEL-${run}`);
    const h = await start({ tenant: 'acme', channel: 'fedex', trackingNumber: number, schedule: FAST }, 'fedex');
    await eventually(async () => ((await status(h)).polls >= 1 ? true : undefined));
    const cancelled = await fedex(fx.url, 'PUT', '/ship/v1/shipments/cancel', await token(fx.url), { accountNumber: { value: SANDBOX_FEDEX_CREDENTIALS.accountNumber }, trackingNumber: number });
    expect(cancelled.status).toBe(200);
    const summary = (await h.result()) as TrackShipmentSummary;
    expect(summary).toMatchObject({ carrier: 'fedex', status: 'cancelled', carrierStatusCode: 'CA' });
  });

  it('continues as new before its history grows large, carrying its counts, and still ends delivered', async () => {
    const waybill = await dhlWaybill(`IT-CAN-${run}`);
    const h = await start({ tenant: 'acme', channel: 'dhl', trackingNumber: waybill, schedule: { firstPollMs: 100, factor: 1, maxPollMs: 100 }, stallThresholdMs: 60_000, continueAsNewAfterEvents: 40 }, 'dhl');
    const later = await eventually(async () => {
      const d = await h.describe();
      return d.runId !== h.firstExecutionRunId ? d : undefined;
    });
    expect(later.runId).not.toBe(h.firstExecutionRunId);
    const carried = await status(h);
    expect(carried.polls).toBeGreaterThan(2);
    dhl.advance(40 * 3600);
    const summary = (await client.workflow.getHandle(h.workflowId).result()) as TrackShipmentSummary;
    expect(summary.status).toBe('delivered');
    expect(summary.polls).toBeGreaterThan(carried.polls);
    expect(summary.eventsCount).toBe((await listTrackingEvents(db, { carrier: 'dhl', trackingNumber: waybill })).length);
  });

  it('caravan track --follow starts the parcel\'s workflow once, findable at once by tracking number and order id', async () => {
    const waybill = await dhlWaybill(`IT-FOLLOW-${run}`);
    const orderId = `ORDER-CLI-${run}`;
    const first = await trackFollowCommand({ client, config }, [waybill], { channel: 'dhl', order: orderId, taskQueue });
    expect(first).toEqual([{ carrier: 'dhl', trackingNumber: waybill, workflowId: trackShipmentWorkflowId('dhl', waybill), runId: expect.any(String), started: true }]);
    const again = await trackFollowCommand({ client, config }, [waybill], { channel: 'dhl', order: orderId, taskQueue });
    expect(again[0]).toMatchObject({ started: false, runId: first[0]!.runId });
    const found = await eventually(async () => {
      const ids = [];
      for await (const w of client.workflow.list({ query: `${SEARCH_ATTRIBUTES.trackingNumber.name} = "${waybill}" AND ${SEARCH_ATTRIBUTES.orderId.name} = "${orderId}"` })) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(found).toEqual([trackShipmentWorkflowId('dhl', waybill)]);
    await eventually(async () => ((await status(client.workflow.getHandle(found[0]!))).polls >= 1 ? true : undefined));
    expect(await getTrackingShipment(db, { carrier: 'dhl', trackingNumber: waybill })).toMatchObject({ tenant: 'acme', channel: 'dhl', orderId });
    await client.workflow.getHandle(found[0]!).terminate('test over');
  });
});

describe('startTrackShipmentChild (how a shipping workflow starts tracking)', () => {
  it('starts the tracking once as a child that outlives its parent, and follows the parcel to delivered', async () => {
    const bundle = await bundleWorkflows({ quiet: true, workflowsPath: fileURLToPath(new URL('./workflows/ship-and-track.ts', import.meta.url)) });
    const childQueue = `${taskQueue}-child`;
    const vendors = createVendorClients({ config, logger, env });
    const childWorker = await Worker.create({ connection: workerConnection, taskQueue: childQueue, workflowBundle: bundle, activities: createTrackShipmentActivities({ db, config, vendors, logger }) });
    const working = childWorker.run();
    try {
      const waybill = await dhlWaybill(`IT-CHILD-${run}`);
      const orderId = `ORDER-C-${run}`;
      const input: TrackShipmentInput = { tenant: 'acme', channel: 'dhl', trackingNumber: waybill, orderId, schedule: FAST, stallThresholdMs: 60_000 };
      const parent = await client.workflow.execute('shipAndTrack', { taskQueue: childQueue, workflowId: `it-ship-and-track-${run}`, args: ['dhl', input] });
      expect(parent).toEqual([
        { workflowId: trackShipmentWorkflowId('dhl', waybill), started: true },
        { workflowId: trackShipmentWorkflowId('dhl', waybill), started: false },
      ]);
      const child = client.workflow.getHandle(trackShipmentWorkflowId('dhl', waybill));
      expect((await child.describe()).status.name).toBe('RUNNING');
      const found = await eventually(async () => {
        const ids = [];
        for await (const w of client.workflow.list({ query: `${SEARCH_ATTRIBUTES.orderId.name} = "${orderId}"` })) ids.push(w.workflowId);
        return ids.length > 0 ? ids : undefined;
      });
      expect(found).toEqual([trackShipmentWorkflowId('dhl', waybill)]);
      dhl.advance(40 * 3600);
      expect(((await child.result()) as TrackShipmentSummary).status).toBe('delivered');
    } finally {
      childWorker.shutdown();
      await working;
    }
  });
});
