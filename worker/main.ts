/**
 * The worker process: `npm run worker` (or `tsx worker/main.ts`). Reads the
 * environment and the tenants file (failing fast on bad values), migrates the hub
 * database, connects to Temporal (TEMPORAL_ADDRESS, default localhost:7233) and polls
 * the sync task queue until SIGINT/SIGTERM, then drains and exits.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeDatabase, migrateLatest, openDatabase } from '../store/index.js';
import { ConfigError, loadEnv } from './env.js';
import { createLogger } from './logger.js';
import { installTemporalRuntime } from './temporal-runtime.js';
import { connectWorker, temporalTargetFromEnv } from './temporal-connection.js';
import { defaultConfigPath, loadTenantsConfig } from '../config/tenants-config.js';
import { createCaravanWorker } from './worker.js';

export async function runWorkerProcess(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'caravan-worker' });
  installTemporalRuntime(logger);
  const configPath = defaultConfigPath(env.CARAVAN_CONFIG);
  const config = loadTenantsConfig(configPath);
  const db = openDatabase(
    env.CARAVAN_DATABASE_URL ? { url: env.CARAVAN_DATABASE_URL } : { sqliteFile: join(env.CARAVAN_DATA_DIR, 'caravan.db') },
  );
  await migrateLatest(db);
  const target = temporalTargetFromEnv(env, 'localhost:7233');
  const connection = await connectWorker(target);
  const bundlePath = process.env.CARAVAN_WORKFLOW_BUNDLE;
  const worker = await createCaravanWorker({
    connection,
    namespace: target.namespace,
    db,
    config,
    logger,
    dataDir: env.CARAVAN_DATA_DIR,
    ...(env.CARAVAN_TASK_QUEUE ? { taskQueue: env.CARAVAN_TASK_QUEUE } : {}),
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : {}),
  });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ address: target.address, namespace: target.namespace, config: configPath }, 'worker started');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await closeDatabase(db);
    logger.info('worker stopped');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWorkerProcess().catch((e) => {
    console.error(e instanceof ConfigError ? `caravan worker: ${e.message}` : e);
    process.exit(1);
  });
}
