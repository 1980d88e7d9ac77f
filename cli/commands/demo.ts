/**
 * `npm start` (`caravan demo`): the main job on the embedded default, fully offline.
 * Starts the stack, imports the demo tenant's Amazon orders from the sandbox, prints
 * a summary, and keeps everything running for ops until Ctrl-C.
 */
import { resolve } from 'node:path';
import { countOrders, listDeadLetters, listRuns } from '../../store/index.js';
import { FLOWS, INVENTORY_SYNC, LISTINGS_FEED_POLL, SEARCH_ATTRIBUTES, type ReportPollSchedule } from '../../temporal.config.js';
import type { Env } from '../../worker/env.js';
import type { OrdersSyncSummary } from '../../workflows/orders-sync.js';
import { formatDuration } from '../output.js';
import { demoAnchor, startStack, type Stack } from '../stack.js';
import { catalogImportCommand, formatImportSummary, inventoryImportCommand } from './catalog.js';
import { startFxSandbox, type FxSandbox } from '../../sandbox/fx/index.js';
import { fxRefreshCommand } from './fx.js';
import { runDemoReconciliation } from './demo-reconcile.js';
import { demoShipWhere, runDemoShipping } from './demo-ship.js';
import { demoLedgerPeriod, runDemoLedgerImports } from './demo-payments.js';
import { documentsDir } from '../../activities/fulfil-order.js';
import { isOrderChannel } from '../../config/tenants-config.js';
import { createDocumentStore } from '../../store/document-store.js';
import { applySchedules } from './schedules.js';
import { confirmableOrder, formatShipConfirmSummary, shipConfirmCommand } from './ship-confirm.js';
import { formatInventorySummaries, formatListingsSummaries, formatSyncSummaries, queryProgress, startInventorySync, startListingsPublish, startOrdersSync } from './sync.js';

export const DEMO_TENANT = 'demo';
/** The demo tenant's catalogue and stock files, imported at every start (unchanged rows are no-ops). */
export const DEMO_CATALOGUE_DIR = resolve(import.meta.dirname, '../../config/demo-catalogue');

/** A polling schedule as fast as the sandbox's time scale makes its feeds. */
function scaledPoll(poll: ReportPollSchedule, timeScale: number): ReportPollSchedule {
  const scale = Math.max(1, timeScale);
  return { ...poll, firstPollMs: Math.max(500, Math.round(poll.firstPollMs / scale)), maxPollMs: Math.max(1000, Math.round(poll.maxPollMs / scale)) };
}

const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');

export async function demoCommand(env: Env, configPath: string, opts: { exitWhenDone?: boolean } = {}): Promise<void> {
  const say = (l: string) => console.log(l);
  const dataDir = resolve(env.CARAVAN_DATA_DIR);
  say('Caravan demo: starting the embedded stack (Ctrl-C stops everything)\n');
  const t0 = Date.now();
  // Offline, ECB reference rates (the UK and JP listing prices convert from EUR) come from the
  // rate sandbox, unless CARAVAN_ECB_URL points elsewhere. Started first: the tenants file reads the URL.
  let fxSandbox: FxSandbox | undefined;
  if (!process.env.CARAVAN_ECB_URL) {
    fxSandbox = await startFxSandbox({ host: '127.0.0.1' });
    process.env.CARAVAN_ECB_URL = fxSandbox.url;
    say(`  sandbox ECB rates: ${fxSandbox.url}`);
  }
  let stack: Stack;
  try {
    stack = await startStack({
      env,
      configPath,
      say: (l) => say(`  ${l}`),
      dataDir,
      persistTemporal: true,
      temporalPort: env.CARAVAN_TEMPORAL_PORT,
      temporalUiPort: env.CARAVAN_TEMPORAL_UI_PORT,
      sandbox: {
        port: env.CARAVAN_SANDBOX_PORT,
        timeScale: env.CARAVAN_SANDBOX_TIME_SCALE,
        rateLimits: true,
        orderCount: 240,
        anchor: demoAnchor(dataDir),
        // The reconciliation below runs on one settlement with three planted anomalies (demo-reconcile.ts).
        plantSettlementDiscrepancies: true,
      },
      openPlatforms: { aliexpressPort: env.CARAVAN_SANDBOX_ALIEXPRESS_PORT, alibabaPort: env.CARAVAN_SANDBOX_ALIBABA_PORT, orderCount: 40 },
      carriers: { dhlPort: env.CARAVAN_SANDBOX_DHL_PORT, fedexPort: env.CARAVAN_SANDBOX_FEDEX_PORT },
      payments: { paypalPort: env.CARAVAN_SANDBOX_PAYPAL_PORT },
      // A prebuilt workflow bundle, as `caravan worker` takes it (tests; saves the bundling).
      ...(process.env.CARAVAN_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.CARAVAN_WORKFLOW_BUNDLE } } : {}),
    });
  } catch (e) {
    await fxSandbox?.close();
    throw e;
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping: worker, sandbox, database, Temporal…');
    await stack.stop();
    await fxSandbox?.close();
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const tenant = stack.config.tenants[DEMO_TENANT];
    if (!tenant) throw new Error(`the config ${configPath} has no "${DEMO_TENANT}" tenant`);
    say(`\nready in ${formatDuration(Date.now() - t0)}. Importing the demo catalogue and stock (config/demo-catalogue):`);
    const catalogueDeps = { db: stack.db, config: stack.config };
    const products = await catalogImportCommand(catalogueDeps, resolve(DEMO_CATALOGUE_DIR, 'products.csv'), { tenant: DEMO_TENANT });
    say(indent(formatImportSummary(products, 'product')));
    const stock = await inventoryImportCommand(catalogueDeps, resolve(DEMO_CATALOGUE_DIR, 'stock.csv'), { tenant: DEMO_TENANT });
    say(indent(formatImportSummary(stock, 'stock')));

    // Order channels only: carrier and payment connections import no orders.
    const channels = Object.entries(tenant.connections).filter(([, c]) => isOrderChannel(c)).map(([id]) => id);
    say(`\nImporting orders for tenant "${DEMO_TENANT}": ${channels.join(', ')}`);
    const taskQueue = env.CARAVAN_TASK_QUEUE;
    const started = await Promise.all(
      channels.map((c) => startOrdersSync(stack.client, DEMO_TENANT, c, taskQueue ? { taskQueue } : {})),
    );
    for (const s of started) say(`  ${s.started ? 'started' : 'attached to running'} ${s.workflowId}`);

    // Live progress: the workflow's phase and page (progress query) and the orders already in the hub.
    let lastLine = '';
    const ticker = setInterval(async () => {
      const parts = await Promise.all(
        started.map(async (s) => {
          const p = await queryProgress(s.handle);
          const stored = await countOrders(stack.db, { tenant: DEMO_TENANT, channel: s.channel });
          const page = p ? (p.phase === 'importing' && p.morePages ? `page ${p.pages + 1}` : `${p.pages} pages`) : '';
          return `${s.channel} ${p?.phase ?? 'starting'} ${page}, ${stored} in hub`;
        }),
      );
      const line = `  progress: ${parts.join(' | ')}`;
      if (line !== lastLine) say(line);
      lastLine = line;
    }, 1000);
    let summaries: OrdersSyncSummary[];
    try {
      summaries = await Promise.all(started.map((s) => s.handle.result()));
    } finally {
      clearInterval(ticker);
    }

    say('\nImport finished:\n');
    say(formatSyncSummaries(summaries));
    const stored = await countOrders(stack.db, { tenant: DEMO_TENANT });
    say(`\norders in the hub for "${DEMO_TENANT}": ${stored}`);
    const dead = await listDeadLetters(stack.db, { tenant: DEMO_TENANT, limit: 10 });
    if (dead.length) {
      say('dead letters (records the sync could not import; the rest went on):');
      for (const d of dead) say(`  ${d.channel} ${d.externalId ?? '?'}  field ${d.field}: ${d.message}`);
    }

    // One shipment confirmed back to each kind of channel, on the first start only (a later start would ship more orders).
    const confirmed = await listRuns(stack.db, { tenant: DEMO_TENANT, flow: FLOWS.shipmentConfirm, limit: 1 });
    const shipments = [
      { channel: 'amazon-eu', carrier: 'DHL', tracking: '00340434161234567890', service: 'DHL Paket' },
      { channel: 'aliexpress', carrier: 'DHL', tracking: '4470123455', service: 'DHL Express Worldwide' },
      { channel: 'alibaba', carrier: 'FedEx', tracking: '794612345678', service: 'FedEx International Priority' },
    ].filter((s) => tenant.connections[s.channel] !== undefined);
    for (const s of confirmed.length === 0 ? shipments : []) {
      const candidate = await confirmableOrder(stack.db, DEMO_TENANT, s.channel);
      if (!candidate) continue;
      say(`\nConfirming one shipment to ${s.channel} (shipmentConfirm): order ${candidate.orderId}`);
      const shipped = await shipConfirmCommand(
        { client: stack.client, db: stack.db, config: stack.config },
        candidate.orderId,
        { tenant: DEMO_TENANT, channel: candidate.channel, carrier: s.carrier, tracking: s.tracking, service: s.service, wait: true, ...(taskQueue ? { taskQueue } : {}) },
        () => {},
      );
      if (shipped.summary) say(`  ${formatShipConfirmSummary(shipped.summary)}`);
    }

    // The catalogue to the channels with listing rules, then their stock: a push patches listings that exist.
    const publishing = channels.filter((c) => tenant.connections[c]?.listings !== undefined);
    if (publishing.length > 0) {
      const rates = await fxRefreshCommand(stack.client, stack.config, taskQueue ? { taskQueue } : {});
      say(`\nCurrency rates (fxRefresh, ${rates.source}): ${rates.rates} rates of ${rates.dates} day(s) up to ${rates.lastDate ?? '?'} (${rates.inserted} new)`);
      say(`\nPublishing the catalogue (listingsPublish): ${publishing.join(', ')}`);
      // The sandbox processes feeds at its time scale: poll as much faster.
      const feedPoll = scaledPoll(LISTINGS_FEED_POLL, env.CARAVAN_SANDBOX_TIME_SCALE);
      const runs = await Promise.all(publishing.map((c) => startListingsPublish(stack.client, DEMO_TENANT, c, { feedPoll, ...(taskQueue ? { taskQueue } : {}) })));
      say(indent(formatListingsSummaries(await Promise.all(runs.map((r) => r.handle.result())))));
      say('  rejected listings are dead letters naming SKU, marketplace and attribute: npm run caravan -- listings status --tenant demo --status rejected');
    }
    const stocked = publishing.filter((c) => tenant.connections[c]?.inventory !== undefined);
    if (stocked.length > 0) {
      say(`\nPublishing stock (inventorySync, allocated across every channel): ${stocked.join(', ')}`);
      const feedPoll = scaledPoll(INVENTORY_SYNC.feedPoll, env.CARAVAN_SANDBOX_TIME_SCALE);
      const runs = await Promise.all(stocked.map((c) => startInventorySync(stack.client, DEMO_TENANT, c, { input: { feedPoll }, ...(taskQueue ? { taskQueue } : {}) })));
      say(indent(formatInventorySummaries(await Promise.all(runs.map((r) => r.handle.result())))));
    }

    // Orders leave with labels: a DAP and a DDP order through each carrier (fulfilOrder), confirmed to their marketplaces.
    if (tenant.shipping?.carriers !== undefined) {
      say(`\nShipping demo orders (fulfilOrder): DAP and DDP through ${tenant.shipping.carriers.join(' and ')}, labels into ${documentsDir(dataDir)}`);
      const shipped = await runDemoShipping({ client: stack.client, db: stack.db, config: stack.config, documents: createDocumentStore(documentsDir(dataDir)), taskQueue }, DEMO_TENANT);
      say(indent(shipped.lines.join('\n')));
      say(indent(demoShipWhere(DEMO_TENANT, stack.uiUrl === undefined ? undefined : { url: stack.uiUrl, namespace: stack.namespace }).join('\n')));
    }

    // PayPal's (and stripe-mock's) transactions into the ledger, for days the reconciliation below does not cover.
    const ledgerSources = ['paypal', ...(stack.payments?.stripeMock ? ['stripe'] : [])].filter((c) => tenant.connections[c] !== undefined);
    if (ledgerSources.length > 0) {
      const p = demoLedgerPeriod(demoAnchor(dataDir), stack.sandbox.plantedSettlement()?.startTime);
      say(`\nImporting payments into the ledger (paymentLedgerSync, ${p.from.slice(0, 10)} to ${p.to.slice(0, 10)}): ${ledgerSources.join(', ')}`);
      say(indent((await runDemoLedgerImports({ client: stack.client, config: stack.config, taskQueue }, DEMO_TENANT, ledgerSources, demoAnchor(dataDir), stack.sandbox.plantedSettlement()?.startTime)).join('\n')));
    }

    // The newest Amazon settlement (three anomalies planted by the stand-in), the period's PayPal withdrawals and the bank's camt.053 (one withdrawal never credited).
    const payments = stack.payments;
    if (tenant.reconcile !== undefined && payments !== undefined) {
      say('\nReconciling the newest settlement period (settlementsImport, paymentLedgerSync, bank import, reconcile): four discrepancies planted in the stand-ins');
      const lines = await runDemoReconciliation({ client: stack.client, db: stack.db, config: stack.config, logger: stack.logger, dataDir, taskQueue, amazon: stack.sandbox, paypal: payments.paypal }, DEMO_TENANT);
      say(indent(lines.join('\n')));
      say('  settle one by hand: npm run caravan -- reconcile resolve <id> --reason "…"');
    }

    const scheduled = await applySchedules(stack.client, stack.config, { taskQueue: env.CARAVAN_TASK_QUEUE });
    const ids = [...scheduled.created, ...scheduled.updated];
    if (ids.length) say(`\nschedules (incremental pulls from now on): ${ids.join(', ')}`);

    const ui = stack.uiUrl;
    const q = encodeURIComponent(`${SEARCH_ATTRIBUTES.tenant.name}="${DEMO_TENANT}"`);
    say('\nWhere to look:');
    if (ui) {
      say(`  Temporal Web UI:      ${ui}/namespaces/${stack.namespace}/workflows`);
      say(`  demo tenant's runs:   ${ui}/namespaces/${stack.namespace}/workflows?query=${q}`);
      say(`  schedules:            ${ui}/namespaces/${stack.namespace}/schedules`);
    } else {
      say(`  Temporal: ${stack.temporalAddress} (namespace ${stack.namespace}); filter on ${SEARCH_ATTRIBUTES.tenant.name}="${DEMO_TENANT}"`);
    }
    say('  In another terminal:');
    say('    npm run caravan -- runs --tenant demo');
    say('    npm run caravan -- dead-letters list --tenant demo');
    say('    npm run caravan -- schedules list');
    say('    npm run caravan -- sync orders --tenant demo --channel amazon --wait');
    say(`  logs: ${stack.logFile}`);
    if (opts.exitWhenDone) {
      await shutdown(0);
      return;
    }
    say('\nCaravan keeps running for ops. Press Ctrl-C to stop.');
    await stack.workerDone;
  } catch (e) {
    console.error(`caravan: demo failed: ${(e as Error).message}`);
    await shutdown(1);
  }
}
