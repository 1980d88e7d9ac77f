/**
 * Builds a Caravan worker: activities with their dependencies injected, the workflow
 * bundle built once (or passed in), the sync task queue.
 */
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createDeadLettersActivities } from '../activities/dead-letters.js';
import { createFulfilOrderActivities, documentsDir } from '../activities/fulfil-order.js';
import { createFxActivities, createFxService } from '../activities/fx.js';
import { createOrdersBackfillActivities } from '../activities/orders-backfill.js';
import { createPaymentLedgerActivities } from '../activities/payment-ledger.js';
import { createInventorySyncActivities } from '../activities/inventory-sync.js';
import { createListingsPublishActivities } from '../activities/listings-publish.js';
import { createOrdersSyncActivities } from '../activities/orders-sync.js';
import { createPaymentEventActivities } from '../activities/payment-events.js';
import { createQuoteActivities } from '../activities/quotes.js';
import { createReconcileActivities } from '../activities/reconcile.js';
import { createReportActivities } from '../activities/reports.js';
import { createSettlementActivities } from '../activities/settlements.js';
import { createShipmentConfirmActivities } from '../activities/shipment-confirm.js';
import { createTrackShipmentActivities } from '../activities/track-shipment.js';
import { createVendorClients, type VendorClients } from '../activities/vendor-clients.js';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { createPostgresBucketStore, dialectOf } from '../store/index.js';
import { createDocumentStore } from '../store/document-store.js';
import { TASK_QUEUES } from '../temporal.config.js';
import { bundleWorkflows } from './bundle.js';
import { createReconcileSignaller } from './reconcile-signaller.js';
import type { Logger } from './logger.js';
import type { TenantsConfig } from '../config/tenants-config.js';

export interface CaravanWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  /** A prebuilt bundle (tests and the benchmark build it once); built here otherwise. */
  workflowBundle?: WorkflowBundleOption;
  vendors?: VendorClients;
  env?: NodeJS.ProcessEnv;
  taskQueue?: string;
  maxConcurrentActivityTaskExecutions?: number;
  /** The data folder (CARAVAN_DATA_DIR): downloaded report documents go under `reports/`. Default `data`. */
  dataDir?: string;
}

/**
 * One limiter per worker. On PostgreSQL its buckets live in the hub database, so every
 * worker of the hub spends one vendor budget together; on SQLite (one worker process) they
 * stay in memory.
 */
export function createWorkerRateLimiter(db: Knex): RateLimiterRegistry {
  return new RateLimiterRegistry(dialectOf(db) === 'postgres' ? { shared: createPostgresBucketStore(db) } : {});
}

export async function createCaravanWorker(opts: CaravanWorkerOptions): Promise<Worker> {
  const vendors =
    opts.vendors ??
    createVendorClients({
      config: opts.config,
      logger: opts.logger,
      limiter: createWorkerRateLimiter(opts.db),
      ...(opts.env ? { env: opts.env } : {}),
    });
  const ledgerFx = createFxService({ db: opts.db, config: opts.config, logger: opts.logger, vendors });
  const activities = {
    ...createOrdersSyncActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger }),
    // One connector cache (and so one limiter) for every activity of the worker.
    ...createFxActivities({ db: opts.db, config: opts.config, logger: opts.logger, vendors }),
    ...createQuoteActivities({ db: opts.db, config: opts.config, logger: opts.logger, vendors }),
    ...createDeadLettersActivities({ db: opts.db, logger: opts.logger }),
    ...createReportActivities({ vendors, logger: opts.logger, dataDir: opts.dataDir ?? 'data' }),
    ...createShipmentConfirmActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger }),
    ...createOrdersBackfillActivities({ db: opts.db, config: opts.config, logger: opts.logger }),
    ...createInventorySyncActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger }),
    // listingsPublish
    ...createListingsPublishActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger }),
    // trackShipment
    ...createTrackShipmentActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger }),
    // paymentEvent (webhooks in)
    ...createPaymentEventActivities({ db: opts.db, config: opts.config, logger: opts.logger, reconcile: createReconcileSignaller(opts.connection, opts.namespace) }),
    // reconcile: reports under <dataDir>/reconcile unless the tenant names a folder
    ...createReconcileActivities({ db: opts.db, config: opts.config, logger: opts.logger, dataDir: opts.dataDir ?? 'data' }),
    // fulfilOrder: labels and the planned shipment go to the document store under the data folder.
    ...createFulfilOrderActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger, documents: createDocumentStore(documentsDir(opts.dataDir ?? 'data')) }),
    // settlementsImport and paymentLedgerSync: settlement lines into the ledger at stored rates
    ...createSettlementActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger, dataDir: opts.dataDir ?? 'data', fx: ledgerFx }),
    ...createPaymentLedgerActivities({ db: opts.db, config: opts.config, vendors, logger: opts.logger, fx: ledgerFx }),
  };
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUES.sync,
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows({ quiet: true })),
    activities,
    maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions ?? 20,
  });
}
