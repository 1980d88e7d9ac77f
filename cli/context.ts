/** What CLI commands share: environment, tenants file, Temporal client, hub database. */
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { openDatabase, migrateLatest } from '../store/index.js';
import { loadEnv, type Env } from '../worker/env.js';
import { connectClient, temporalTargetFromEnv } from '../worker/temporal-connection.js';
import { defaultConfigPath, loadTenantsConfig, type TenantsConfig } from '../config/tenants-config.js';
import { CliError } from './output.js';

export interface CliContext {
  env: Env;
  configPath: string;
  config(): TenantsConfig;
  /** `connectTimeoutMs` for a command that can do without Temporal (the SDK's 10 s otherwise). */
  temporal(opts?: { connectTimeoutMs?: number }): Promise<{ client: Client; namespace: string; address: string; close(): Promise<void> }>;
  db(): Promise<Knex>;
}

export function createCliContext(envSource: NodeJS.ProcessEnv = process.env): CliContext {
  const env = loadEnv(envSource);
  const configPath = defaultConfigPath(env.CARAVAN_CONFIG);
  let config: TenantsConfig | undefined;
  return {
    env,
    configPath,
    config() {
      config ??= loadTenantsConfig(configPath, envSource);
      return config;
    },
    async temporal(opts = {}) {
      const target = temporalTargetFromEnv(env, `localhost:${env.CARAVAN_TEMPORAL_PORT}`);
      let connection;
      try {
        connection = await connectClient(target, opts.connectTimeoutMs);
        await connection.workflowService.getSystemInfo({});
      } catch (e) {
        throw new CliError(
          `cannot reach Temporal at ${target.address} (${(e as Error).message.split('\n')[0]}). ` +
            'Is `npm start` running? Otherwise set TEMPORAL_ADDRESS to your cluster.',
          1,
        );
      }
      const client = new Client({ connection, namespace: target.namespace });
      return { client, namespace: target.namespace, address: target.address, close: () => connection.close() };
    },
    async db() {
      const where = env.CARAVAN_DATABASE_URL ? 'PostgreSQL at CARAVAN_DATABASE_URL' : join(env.CARAVAN_DATA_DIR, 'caravan.db');
      const db = openDatabase(
        env.CARAVAN_DATABASE_URL ? { url: env.CARAVAN_DATABASE_URL } : { sqliteFile: join(env.CARAVAN_DATA_DIR, 'caravan.db') },
      );
      try {
        await migrateLatest(db);
      } catch (e) {
        await db.destroy();
        throw new CliError(`cannot open the hub database (${where}): ${(e as Error).message.split('\n')[0]}`, 1);
      }
      return db;
    },
  };
}
