/**
 * Process environment, validated once at start-up (zod). A bad value stops start-up
 * with a message naming the variable.
 */
import { z } from 'zod';
import { ConfigError } from '../config/errors.js';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const EnvSchema = z.object({
  /** Tenants and connections file (YAML or JSON). Default: ./caravan.config.yaml, else config/caravan.demo.yaml. */
  CARAVAN_CONFIG: z.string().optional(),
  CARAVAN_DATA_DIR: z.string().default('data'),
  /** PostgreSQL URL; SQLite under the data folder when absent. */
  CARAVAN_DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** A running cluster or Temporal Cloud; when absent, the embedded dev server is started. */
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Task queue the worker polls and the CLI starts syncs on (default caravan-sync). */
  CARAVAN_TASK_QUEUE: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),

  /** Embedded dev server. */
  CARAVAN_TEMPORAL_CLI: z.string().optional(),
  CARAVAN_TEMPORAL_PORT: port.default(7233),
  CARAVAN_TEMPORAL_UI_PORT: port.default(8233),

  /** Demo sandbox of the vendor APIs. */
  CARAVAN_SANDBOX_PORT: port.default(8700),
  CARAVAN_SANDBOX_TIME_SCALE: z.coerce.number().positive().default(60),
  /** Demo stand-in of PayPal's REST APIs (cli/stack-payments.ts). */
  CARAVAN_SANDBOX_PAYPAL_PORT: port.default(8717),
  /** Demo stand-ins of the AliExpress and Alibaba.com open platforms. */
  CARAVAN_SANDBOX_ALIEXPRESS_PORT: port.default(8714),
  CARAVAN_SANDBOX_ALIBABA_PORT: port.default(8713),
  /** The demo's DHL Express and FedEx stand-ins (as `npm run sandbox -- --dhl-port 8715 --fedex-port 8716`). */
  CARAVAN_SANDBOX_DHL_PORT: port.default(8715),
  CARAVAN_SANDBOX_FEDEX_PORT: port.default(8716),
});
export type Env = z.infer<typeof EnvSchema>;

export { ConfigError };

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings count as unset, as shells tend to export them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.TEMPORAL_TLS_CLIENT_CERT_PATH && !env.TEMPORAL_TLS_CLIENT_KEY_PATH) {
    throw new ConfigError('TEMPORAL_TLS_CLIENT_KEY_PATH is required with TEMPORAL_TLS_CLIENT_CERT_PATH');
  }
  return env;
}
