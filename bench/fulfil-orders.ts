/**
 * (f) Fulfilment throughput (issue 11): N unshipped orders through `fulfilOrder` on the DHL and
 * FedEx sandboxes with rate limits off — orders/s, Temporal history events per order, per-order
 * latency — beside the cost of the carrier calls alone: the same rate and ship requests sent
 * straight to the same sandboxes through the connectors, without Temporal, the store or the
 * document store.
 *
 * The orders come the way production gets them: a sandbox SP-API seeded with enough orders that
 * N of them are unshipped and merchant-fulfilled, imported by ordersSync. The bench then sends
 * them to New York or London (the carriers need a phone), puts their products into the catalogue
 * with an HS code, origin and weight, and stores the ECB rates the declaration and the duty
 * quotes convert through. Orders cycle through DAP and DDP and through the carrier choices
 * auto (rate shopping across both), dhl and fedex. Each run confirms to the sandbox SP-API and
 * starts its parcel's trackShipment (one poll, then a timer): both are part of what fulfilOrder does.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import proto from '@temporalio/proto';
import { pino } from 'pino';
import { createFulfilmentService, shippingOf } from '../activities/fulfil-order.js';
import { fulfilmentCarrierFor } from '../activities/fulfil-order-carriers.js';
import { createVendorClients } from '../activities/vendor-clients.js';
import type { Incoterm, Order, Product } from '../mappings/canonical/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../sandbox/fedex/index.js';
import { createDocumentStore } from '../store/document-store.js';
import { listOrders, upsertFxRates, upsertOrders, upsertProducts } from '../store/index.js';
import { fulfilOrderWorkflowId, shipmentConfirmWorkflowId } from '../temporal.config.js';
import type { FulfilOrderSummary } from '../workflows/fulfil-order.js';
import { BENCH_CHANNEL, runSync, startPhase, type BenchInfra, type PhaseStack } from './bench-stack.js';
import { UNLIMITED_TIME_SCALE } from './import-throughput.js';
import { startMeter, type MeterReading } from './process-meter.js';
import type { Teardown } from './teardown.js';

/** Connector buckets with rate limits off: a burst larger than any bench run's calls. */
const UNLIMITED = { rate: 1e6, burst: 1e9 };
/** Sandbox orders seeded per order wanted: about one in twelve is unshipped, merchant-fulfilled, in a currency with ECB rates. */
const SEED_PER_ORDER = 14;
const SEED_DAYS = 30;
/** Declared in euros; the ECB publishes these against the euro (rates near those of early 2026). */
const ECB_RATES: Readonly<Record<string, string>> = { USD: '1.0850', GBP: '0.8500', JPY: '162.50', CAD: '1.4700' };

const SHIP_FROM = { name: 'Bench Shipper', company: 'Caravan Bench GmbH', lines: ['Torstrasse 1'], city: 'Berlin', postalCode: '10119', country: 'DE', phone: '+49301111111', type: 'commercial' as const };
const TO_US = { name: 'Bench Buyer', lines: ['1 Liberty Plaza'], city: 'New York', region: 'NY', postalCode: '10006', country: 'US', phone: '+12125550111', type: 'residential' as const };
const TO_GB = { name: 'Bench Buyer', lines: ['1 Parliament Street'], city: 'London', postalCode: 'SW1A 2NH', country: 'GB', phone: '+442079250111', type: 'residential' as const };

/** What a catalogue product needs for a declaration, by position: HS code, origin, weight. */
const CATALOGUE: readonly Pick<Product, 'hsCode' | 'originCountry' | 'weight'>[] = [
  { hsCode: '420221', originCountry: 'IT', weight: { value: '0.9', unit: 'kg' } },
  { hsCode: '621410', originCountry: 'CN', weight: { value: '120', unit: 'g' } },
  { hsCode: '691200', originCountry: 'DE', weight: { value: '0.4', unit: 'kg' } },
  { hsCode: '950300', originCountry: 'PL', weight: { value: '0.25', unit: 'kg' } },
  { hsCode: '330499', originCountry: 'FR', weight: { value: '0.15', unit: 'kg' } },
];

export type CarrierChoice = 'auto' | 'dhl' | 'fedex';

export interface FulfilMix {
  incoterm: Incoterm;
  carrier: CarrierChoice;
  to: 'US' | 'GB';
}

/** The i-th order's incoterm, carrier choice and destination: every combination recurs every 6 orders. DDP goes to New York. */
export function fulfilMix(i: number): FulfilMix {
  const incoterm: Incoterm = i % 2 === 0 ? 'DAP' : 'DDP';
  const carrier = (['auto', 'dhl', 'fedex'] as const)[i % 3]!;
  return { incoterm, carrier, to: incoterm === 'DDP' || i % 4 === 0 ? 'US' : 'GB' };
}

/** An imported order the bench can ship: unshipped, merchant-fulfilled, every line with a SKU, an amount in a known currency and units left. */
export function shippable(o: Order): boolean {
  return (
    o.status === 'unshipped' &&
    o.fulfilment === 'merchant' &&
    o.lines.length > 0 &&
    o.lines.every((l) => l.sku !== undefined && l.lineTotal !== undefined && (l.lineTotal.currency === 'EUR' || l.lineTotal.currency in ECB_RATES) && l.quantity > (l.quantityShipped ?? 0))
  );
}

/**
 * The order sent abroad (the seed's buyers are domestic and often without a phone), one second
 * newer so upsertOrders takes it. Its lines lose the marketplace's titles, so the catalogue's
 * short ones are declared: the carriers refuse a customs description over 70 characters (MyDHL's
 * limit) rather than see it shortened, and many of the seed's listing titles are longer.
 */
export function benchOrder(o: Order, mix: FulfilMix): Order {
  return {
    ...o,
    shipTo: mix.to === 'US' ? TO_US : TO_GB,
    lines: o.lines.map(({ title: _title, ...line }) => line),
    updatedAt: new Date(Date.parse(o.updatedAt) + 1000).toISOString(),
  };
}

/** A catalogue product per SKU, HS code, origin and weight cycling through the bench's table. */
export function benchProducts(skus: readonly string[]): Product[] {
  return skus.map((sku, i) => ({ sku, title: { en: `Bench product ${sku}` }, attributes: {}, ...CATALOGUE[i % CATALOGUE.length]! }));
}

/** The q-quantile (0–1) of a sample, nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Runs `fn` over the items with at most `limit` in flight; the results in the items' order. */
export async function boundedAll<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

export interface LatencyStats {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const latencies = (ms: readonly number[]): LatencyStats => ({ p50Ms: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), maxMs: quantile(ms, 1) });

export interface FulfilOrdersResult {
  orders: number;
  concurrency: number;
  /** Sandbox orders seeded and imported to find the unshipped ones. */
  seeded: number;
  setupMs: number;
  mix: { dap: number; ddp: number; auto: number; dhl: number; fedex: number; toUs: number; toGb: number };
  workflows: {
    wallMs: number;
    ordersPerSecond: number;
    latency: LatencyStats;
    shipped: number;
    failed: number;
    /** Which carrier bought the labels. */
    labels: Record<string, number>;
    /** History events of fulfilOrder runs (the orders') and of their shipmentConfirm children. */
    events: { fulfilOrder: number; shipmentConfirm: number; runsRead: number; perOrder: number; fulfilOrderPerOrder: number };
    meter: MeterReading;
    failures: string[];
  };
  carrierCalls: {
    wallMs: number;
    ordersPerSecond: number;
    latency: LatencyStats;
    rateRequests: number;
    shipRequests: number;
    /** Orders whose calls failed, and the first few messages. */
    failed: number;
    failures: string[];
  };
  /** Workflow orders/s ÷ carrier-calls orders/s. */
  ratio: number;
}

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** Reads the histories of the runs (all of them, a few at a time): their events. */
async function historyEvents(infra: BenchInfra, workflowIds: readonly string[]): Promise<number> {
  const counts = await boundedAll(workflowIds, 16, async (id) => {
    const history: { events?: HistoryEvent[] | null } = await infra.client.workflow.getHandle(id).fetchHistory();
    return history.events?.length ?? 0;
  });
  return counts.reduce((a, b) => a + b, 0);
}

interface Picked {
  order: Order;
  mix: FulfilMix;
}

async function seedHub(infra: BenchInfra, stack: PhaseStack, orders: number, since: string, say: (l: string) => void): Promise<Picked[]> {
  const run = await runSync(infra, stack, { since, say, label: '(f import)' });
  say(`  ${run.summary.totals.fetched} sandbox orders imported in ${(run.wallMs / 1000).toFixed(1)} s`);
  const candidates = (await listOrders(stack.db, { tenant: stack.tenant, channel: BENCH_CHANNEL, status: 'unshipped', limit: orders * 4 })).map((s) => s.order).filter(shippable);
  if (candidates.length < orders) throw new Error(`the sandbox's ${run.summary.totals.fetched} orders hold ${candidates.length} shippable unshipped ones, fewer than the ${orders} wanted`);
  const picked = candidates
    .sort((a, b) => (a.externalId < b.externalId ? -1 : 1))
    .slice(0, orders)
    .map((order, i) => ({ order: benchOrder(order, fulfilMix(i)), mix: fulfilMix(i) }));
  await upsertOrders(stack.db, stack.tenant, picked.map((p) => p.order));
  await upsertProducts(stack.db, stack.tenant, benchProducts([...new Set(picked.flatMap((p) => p.order.lines.map((l) => l.sku!)))]));
  const days = Array.from({ length: 8 }, (_, i) => new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
  await upsertFxRates(
    stack.db,
    days.flatMap((date) => Object.entries(ECB_RATES).map(([quote, rate]) => ({ source: 'ecb', base: 'EUR', quote, date, rate }))),
    { origin: 'https://www.ecb.europa.eu' },
  );
  return picked;
}

/**
 * The carrier calls of each order alone: the rate requests of every carrier its choice shops,
 * then one ship request to the carrier picked (the explicit one, else the first that quoted)
 * for its first service, under a reference of its own. The rate requests are built beforehand,
 * the ship request (a pure mapping) once its service is known; the shipments are planned
 * beforehand too, so what is timed is the calls through the connectors (HTTP pipeline, auth,
 * schema reads) and the reading of their replies.
 */
async function carrierCallsAlone(infra: BenchInfra, stack: PhaseStack, picked: readonly Picked[], concurrency: number): Promise<FulfilOrdersResult['carrierCalls']> {
  const logger = pino({ level: 'silent' });
  const vendors = createVendorClients({ config: stack.config, logger });
  // planOrder reads the store and the ECB rates only; it writes nothing.
  const service = createFulfilmentService({ db: stack.db, config: stack.config, vendors, logger, documents: createDocumentStore(join(infra.dir, 'raw-documents')) });
  const shipAt = new Date().toISOString();
  const date = shipAt.slice(0, 10);
  const { paperlessTrade } = shippingOf(stack.config, stack.tenant);
  const plans = await boundedAll(picked, 8, async ({ order, mix }) => {
    const shipment = await service.planOrder(stack.tenant, BENCH_CHANNEL, order.externalId, { incoterm: mix.incoterm, date });
    const vendorsShopped = mix.carrier === 'auto' ? (['dhl', 'fedex'] as const) : [mix.carrier];
    return vendorsShopped.map((vendor) => {
      const connection = vendor === 'dhl' ? 'dhl-express' : 'fedex';
      const accountNumber = vendor === 'dhl' ? SANDBOX_DHL_CREDENTIALS.accountNumber : SANDBOX_FEDEX_CREDENTIALS.accountNumber;
      const mapping = fulfilmentCarrierFor(vendor);
      const rate = mapping.rateRequest(shipment, { accountNumber, shipAt });
      if (!rate.ok) throw rate.error;
      const ship = (serviceCode: string) => {
        const r = mapping.shipRequest(shipment, { accountNumber, shipAt, service: serviceCode, invoice: { number: `BENCH-${order.externalId}`, date }, paperlessTrade });
        if (!r.ok) throw r.error;
        return r.value;
      };
      return { vendor, connection, rate: rate.value, ship, reference: `rw-${order.externalId.replace(/\D/g, '').slice(0, 29)}` };
    });
  });
  let rateRequests = 0;
  let shipRequests = 0;
  const failures: string[] = [];
  async function callsOf(carriers: (typeof plans)[number]): Promise<void> {
    let chosen: { carrier: (typeof carriers)[number]; serviceCode: string } | undefined;
    for (const c of carriers) {
      const { capability } = vendors.capability(stack.tenant, c.connection, 'carrier');
      const read = fulfilmentCarrierFor(c.vendor).quotes(await capability.rateShipment(c.rate));
      rateRequests++;
      const code = read.quotes[0]?.service.code;
      if (chosen === undefined && code !== undefined) chosen = { carrier: c, serviceCode: code };
    }
    if (chosen === undefined) throw new Error(`no carrier quoted for ${carriers[0]?.reference}`);
    const { capability } = vendors.capability(stack.tenant, chosen.carrier.connection, 'carrier');
    const mapped = fulfilmentCarrierFor(chosen.carrier.vendor).shipment(await capability.createShipment(chosen.carrier.ship(chosen.serviceCode), { idempotencyKey: chosen.carrier.reference }));
    if (!mapped.ok) throw mapped.error;
    shipRequests++;
  }
  const t0 = performance.now();
  const each = await boundedAll(plans, concurrency, async (carriers) => {
    const t = performance.now();
    try {
      await callsOf(carriers);
    } catch (e) {
      failures.push(`${carriers[0]?.reference}: ${(e as Error).message}`);
    }
    return performance.now() - t;
  });
  const wallMs = performance.now() - t0;
  return { wallMs, ordersPerSecond: picked.length / (wallMs / 1000), latency: latencies(each), rateRequests, shipRequests, failed: failures.length, failures: failures.slice(0, 5) };
}

export async function runFulfilOrders(
  infra: BenchInfra,
  teardown: Teardown,
  opts: { orders: number; concurrency: number; say: (line: string) => void; workerHeapMb?: number; workerSemiSpaceMb?: number },
): Promise<FulfilOrdersResult> {
  const { say } = opts;
  const t0 = performance.now();
  const anchor = new Date(Math.floor(Date.now() / 1000) * 1000);
  const since = new Date(anchor.getTime() - (SEED_DAYS + 1) * 86_400_000).toISOString();
  const seeded = opts.orders * SEED_PER_ORDER;

  // The carrier sandboxes live in the bench's process (their CPU counts as the bench's), limits off.
  const dhl: DhlSandbox = await startDhlSandbox({ rateLimits: false });
  teardown.add('DHL sandbox (f)', () => dhl.close());
  const fedex: FedexSandbox = await startFedexSandbox({ rateLimits: false });
  teardown.add('FedEx sandbox (f)', () => fedex.close());
  // The worker process inherits these: the connections name them.
  Object.assign(process.env, {
    CARAVAN_BENCH_DHL_USER: SANDBOX_DHL_CREDENTIALS.username,
    CARAVAN_BENCH_DHL_PASS: SANDBOX_DHL_CREDENTIALS.password,
    CARAVAN_BENCH_FEDEX_ID: SANDBOX_FEDEX_CREDENTIALS.clientId,
    CARAVAN_BENCH_FEDEX_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret,
  });
  const stack = await startPhase(infra, teardown, {
    phase: 'f',
    sandbox: { seed: { count: seeded, now: anchor }, rateLimits: false, timeScale: UNLIMITED_TIME_SCALE, minLagSeconds: 0 },
    orders: { pageSize: 100, itemsConcurrency: 8, writeBatchSize: 100 },
    rateLimits: { getOrders: UNLIMITED, getOrder: UNLIMITED, getOrderItems: UNLIMITED, confirmShipment: UNLIMITED },
    workerProcess: true,
    ...(opts.workerHeapMb !== undefined ? { workerHeapMb: opts.workerHeapMb } : {}),
    ...(opts.workerSemiSpaceMb !== undefined ? { workerSemiSpaceMb: opts.workerSemiSpaceMb } : {}),
    tenant: { currency: 'EUR', shipping: { carriers: ['dhl-express', 'fedex'], rule: 'cheapest', shipFrom: SHIP_FROM, defaultIncoterm: 'DAP', trackingPoll: { first: '1h', max: '12h' } } },
    connections: {
      'dhl-express': {
        vendor: 'dhl',
        settings: { environment: 'test', endpoint: `${dhl.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber, rateLimit: UNLIMITED },
        secrets: { username: { env: 'CARAVAN_BENCH_DHL_USER' }, password: { env: 'CARAVAN_BENCH_DHL_PASS' } },
      },
      fedex: {
        vendor: 'fedex',
        settings: { environment: 'sandbox', endpoint: fedex.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber, rateLimit: UNLIMITED },
        secrets: { clientId: { env: 'CARAVAN_BENCH_FEDEX_ID' }, clientSecret: { env: 'CARAVAN_BENCH_FEDEX_SECRET' } },
      },
    },
  });
  try {
    say(`  ${seeded} sandbox orders seeded; importing them to find ${opts.orders} unshipped ones…`);
    const picked = await seedHub(infra, stack, opts.orders, since, say);
    const mix = {
      dap: picked.filter((p) => p.mix.incoterm === 'DAP').length,
      ddp: picked.filter((p) => p.mix.incoterm === 'DDP').length,
      auto: picked.filter((p) => p.mix.carrier === 'auto').length,
      dhl: picked.filter((p) => p.mix.carrier === 'dhl').length,
      fedex: picked.filter((p) => p.mix.carrier === 'fedex').length,
      toUs: picked.filter((p) => p.mix.to === 'US').length,
      toGb: picked.filter((p) => p.mix.to === 'GB').length,
    };
    const setupMs = performance.now() - t0;

    // First the carrier calls alone (they leave the hub's orders as they are), then the workflows.
    say(`  carrier calls alone: rate + ship requests of ${picked.length} orders through the connectors, ${opts.concurrency} at a time…`);
    const carrierCalls = await carrierCallsAlone(infra, stack, picked, opts.concurrency);
    say(`  ${Math.round(carrierCalls.ordersPerSecond)} orders/s; now ${picked.length} fulfilOrder runs, ${opts.concurrency} at a time…`);

    const meter = startMeter({ serverPid: infra.devServer.process.pid, workerPid: stack.workerPid });
    const failures: string[] = [];
    const labels: Record<string, number> = {};
    let done = 0;
    const w0 = performance.now();
    const ticker = setInterval(() => say(`  (f) ${((performance.now() - w0) / 1000).toFixed(0)} s: ${done} of ${picked.length} orders fulfilled`), 5_000);
    let each: number[];
    try {
      each = await boundedAll(picked, opts.concurrency, async ({ order, mix: m }) => {
        const t = performance.now();
        try {
          const summary = (await infra.client.workflow.execute('fulfilOrder', {
            taskQueue: stack.taskQueue,
            workflowId: fulfilOrderWorkflowId(stack.tenant, BENCH_CHANNEL, order.externalId),
            args: [{ tenant: stack.tenant, channel: BENCH_CHANNEL, orderId: order.externalId, carrier: m.carrier, incoterm: m.incoterm }],
          })) as FulfilOrderSummary;
          if (summary.label) labels[summary.label.carrier] = (labels[summary.label.carrier] ?? 0) + 1;
        } catch (e) {
          failures.push(`${order.externalId}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
        }
        done++;
        return performance.now() - t;
      });
    } finally {
      clearInterval(ticker);
    }
    const wallMs = performance.now() - w0;
    const reading = meter.stop();

    say('  reading the histories…');
    const ids = picked.map((p) => p.order.externalId);
    const fulfilEvents = await historyEvents(infra, ids.map((id) => fulfilOrderWorkflowId(stack.tenant, BENCH_CHANNEL, id)));
    const confirmEvents = await historyEvents(infra, ids.map((id) => shipmentConfirmWorkflowId(stack.tenant, BENCH_CHANNEL, id)));
    const workflows: FulfilOrdersResult['workflows'] = {
      wallMs,
      ordersPerSecond: picked.length / (wallMs / 1000),
      latency: latencies(each),
      shipped: picked.length - failures.length,
      failed: failures.length,
      labels,
      events: {
        fulfilOrder: fulfilEvents,
        shipmentConfirm: confirmEvents,
        runsRead: ids.length * 2,
        perOrder: (fulfilEvents + confirmEvents) / ids.length,
        fulfilOrderPerOrder: fulfilEvents / ids.length,
      },
      meter: reading,
      failures: failures.slice(0, 5),
    };
    return {
      orders: picked.length,
      concurrency: opts.concurrency,
      seeded,
      setupMs,
      mix,
      workflows,
      carrierCalls,
      ratio: workflows.ordersPerSecond / carrierCalls.ordersPerSecond,
    };
  } finally {
    await stack.stop();
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
/** Orders per second: one decimal below 100, where a whole number hides the difference. */
const perSecond = (n: number) => (n < 100 ? n.toFixed(1) : int(n));
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The (f) lines of the report; report.ts adds the meter line (CPU, peak RSS) under them. */
export function formatFulfilOrders(r: FulfilOrdersResult): string {
  const w = r.workflows;
  const c = r.carrierCalls;
  const lat = (l: LatencyStats) => `p50 ${int(l.p50Ms)} ms, p95 ${int(l.p95Ms)} ms, max ${int(l.maxMs)} ms`;
  return [
    `(f) fulfilOrder, rate limits off: ${int(r.orders)} unshipped orders (found among ${int(r.seeded)} sandbox orders; setup ${sec(r.setupMs)}), ${r.concurrency} in flight`,
    `    mix: DAP ${r.mix.dap} / DDP ${r.mix.ddp}; carrier auto ${r.mix.auto} / dhl ${r.mix.dhl} / fedex ${r.mix.fedex}; to US ${r.mix.toUs} / GB ${r.mix.toGb}`,
    `    fulfilOrder        ${perSecond(w.ordersPerSecond).padStart(6)} orders/s   ${int(w.shipped)} shipped, ${w.failed} failed in ${sec(w.wallMs)}; per order ${lat(w.latency)}`,
    `    carrier calls alone${perSecond(c.ordersPerSecond).padStart(6)} orders/s   ${int(c.rateRequests)} rate + ${int(c.shipRequests)} ship requests in ${sec(c.wallMs)}${c.failed ? ` (${c.failed} orders failed: ${c.failures.join(' | ')})` : ''}; per order ${lat(c.latency)}`,
    `    ratio              ${r.ratio.toFixed(3).padStart(6)}              fulfilOrder is ${(1 / r.ratio).toFixed(1)}× slower than its carrier calls alone`,
    `    Temporal events ${w.events.perOrder.toFixed(1)} per order: fulfilOrder ${w.events.fulfilOrderPerOrder.toFixed(1)} + shipmentConfirm child ${((w.events.shipmentConfirm) / r.orders).toFixed(1)} ` +
      `(${int(w.events.fulfilOrder + w.events.shipmentConfirm)} events in ${int(w.events.runsRead)} histories; the trackShipment each run starts is not counted)`,
    `    labels by carrier: ${Object.entries(w.labels).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none'}${w.failures.length ? `; first failures: ${w.failures.join(' | ')}` : ''}`,
  ].join('\n');
}
