/**
 * Standalone sandbox for the demo:
 *   npx tsx sandbox/main.ts --port 8700 --time-scale 60 --orders 240 [--no-rate-limits] [--min-lag-seconds 0]
 *                           [--fx-port 8711] [--vies-port 8712]
 *                           [--seller-id A2CARAVANSANDBOX] [--job-queue-seconds 30] [--job-progress-seconds 60]
 *                           [--require-rdt-for-pii] [--aliexpress-port 8714] [--alibaba-port 8713]
 *                           [--dhl-port 8715] [--fedex-port 8716] [--paypal-port 8717]
 * Prints the base URL and the demo LWA client id (never the secret or refresh token).
 * With --fx-port it also serves the ECB and XE stand-ins (CARAVAN_ECB_URL=http://127.0.0.1:8711),
 * with --vies-port the VIES stand-in (a vies connection's settings.baseUrl).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_JOB_TIMING, SANDBOX_DEMO_CREDENTIALS, SANDBOX_SELLER_ID, startAmazonSandbox } from './amazon/index.js';
import { startFxSandbox, type FxSandbox } from './fx/index.js';
import { startViesSandbox, type ViesSandbox } from './vies/index.js';
import { SANDBOX_ALIEXPRESS_CREDENTIALS, startAliexpressSandbox, type AliexpressSandbox } from './aliexpress/index.js';
import { startDhlSandbox, type DhlSandbox } from './dhl/index.js';
import { startFedexSandbox, type FedexSandbox } from './fedex/index.js';
import { SANDBOX_ALIBABA_CREDENTIALS, startAlibabaSandbox, type AlibabaSandbox } from './alibaba/index.js';
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox, type PaypalSandbox } from './paypal/index.js';

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'time-scale': { type: 'string' },
    orders: { type: 'string' },
    seed: { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
    'min-lag-seconds': { type: 'string' },
    'latency-ms': { type: 'string' },
    'token-ttl-seconds': { type: 'string' },
    'order-items-page-size': { type: 'string' },
    'fx-port': { type: 'string' },
    'vies-port': { type: 'string' },
    'seller-id': { type: 'string' },
    'job-queue-seconds': { type: 'string' },
    'job-progress-seconds': { type: 'string' },
    'require-rdt-for-pii': { type: 'boolean' },
    'alibaba-port': { type: 'string' },
    'aliexpress-port': { type: 'string' },
    'dhl-port': { type: 'string' },
    'fedex-port': { type: 'string' },
    'paypal-port': { type: 'string' },
  },
  strict: true,
});

const sandbox = await startAmazonSandbox({
  port: number('port', values.port, 8700),
  host: values.host ?? '127.0.0.1',
  timeScale: number('time-scale', values['time-scale'], 1),
  seed: { count: number('orders', values.orders, 240), seed: number('seed', values.seed, 42) },
  rateLimits: !values['no-rate-limits'],
  minLagSeconds: number('min-lag-seconds', values['min-lag-seconds'], 120),
  latencyMs: number('latency-ms', values['latency-ms'], 0),
  tokenTtlSeconds: number('token-ttl-seconds', values['token-ttl-seconds'], 3600),
  orderItemsPageSize: number('order-items-page-size', values['order-items-page-size'], 20),
  sellerId: values['seller-id'] ?? SANDBOX_SELLER_ID,
  jobTiming: {
    queueSeconds: number('job-queue-seconds', values['job-queue-seconds'], DEFAULT_JOB_TIMING.queueSeconds),
    progressSeconds: number('job-progress-seconds', values['job-progress-seconds'], DEFAULT_JOB_TIMING.progressSeconds),
  },
  requireRdtForPii: values['require-rdt-for-pii'] ?? false,
});

const { orders } = sandbox.stats();
console.log(`Amazon SP-API sandbox listening on ${sandbox.url} (${orders} orders)`);
console.log(`  LWA token endpoint: ${sandbox.url}/auth/o2/token`);
console.log(`  LWA client id:      ${SANDBOX_DEMO_CREDENTIALS.clientId}`);
console.log(`  seller id:          ${values['seller-id'] ?? SANDBOX_SELLER_ID} (Listings paths, feed headers)`);
console.log(`  admin:              ${sandbox.url}/_sandbox/stats`);

let fx: FxSandbox | undefined;
if (values['fx-port'] !== undefined) {
  fx = await startFxSandbox({ port: number('fx-port', values['fx-port'], 8711), host: values.host ?? '127.0.0.1' });
  console.log(`ECB/XE rates sandbox listening on ${fx.url} (generated rates; use CARAVAN_ECB_URL=${fx.url})`);
}

let vies: ViesSandbox | undefined;
if (values['vies-port'] !== undefined) {
  vies = await startViesSandbox({ port: number('vies-port', values['vies-port'], 8712), host: values.host ?? '127.0.0.1' });
  console.log(`VIES sandbox listening on ${vies.url} (demo register; set a vies connection's settings.baseUrl to it)`);
}

let aliexpress: AliexpressSandbox | undefined;
if (values['aliexpress-port'] !== undefined) {
  aliexpress = await startAliexpressSandbox({ port: number('aliexpress-port', values['aliexpress-port'], 8714), host: values.host ?? '127.0.0.1', rateLimits: !values['no-rate-limits'] });
  console.log(`AliExpress Open Platform sandbox listening on ${aliexpress.url} (app key ${SANDBOX_ALIEXPRESS_CREDENTIALS.appKey}; ${aliexpress.stats().orders} orders)`);
}

let alibaba: AlibabaSandbox | undefined;
if (values['alibaba-port'] !== undefined) {
  alibaba = await startAlibabaSandbox({ port: number('alibaba-port', values['alibaba-port'], 8713), host: values.host ?? '127.0.0.1', rateLimits: !values['no-rate-limits'] });
  console.log(`Alibaba.com Open Platform sandbox listening on ${alibaba.url} (app key ${SANDBOX_ALIBABA_CREDENTIALS.appKey}; ${alibaba.stats().orders} orders)`);
}

let dhl: DhlSandbox | undefined;
if (values['dhl-port'] !== undefined) {
  dhl = await startDhlSandbox({ port: number('dhl-port', values['dhl-port'], 8715), host: values.host ?? '127.0.0.1', rateLimits: !values['no-rate-limits'] });
  console.log(`DHL Express sandbox listening on ${dhl.url} (MyDHL: settings.endpoint ${dhl.url}/mydhlapi/test; Unified tracking: ${dhl.url}/track/shipments)`);
}
let fedex: FedexSandbox | undefined;
if (values['fedex-port'] !== undefined) {
  fedex = await startFedexSandbox({ port: number('fedex-port', values['fedex-port'], 8716), host: values.host ?? '127.0.0.1', rateLimits: !values['no-rate-limits'] });
  console.log(`FedEx sandbox listening on ${fedex.url} (OAuth, Rate, Ship, Track, ETD: settings.endpoint ${fedex.url})`);
}
let paypal: PaypalSandbox | undefined;
if (values['paypal-port'] !== undefined) {
  paypal = await startPaypalSandbox({ port: number('paypal-port', values['paypal-port'], 8717), host: values.host ?? '127.0.0.1' });
  console.log(`PayPal sandbox listening on ${paypal.url} (OAuth, Transaction Search, balances, webhook verification: settings.endpoint ${paypal.url}, webhookId ${SANDBOX_PAYPAL_WEBHOOK_ID}, client id ${SANDBOX_PAYPAL_CREDENTIALS.clientId}; ${paypal.stats().transactions} transactions)`);
}

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  await sandbox.close();
  await fx?.close();
  await vies?.close();
  await alibaba?.close();
  await aliexpress?.close();
  await dhl?.close();
  await fedex?.close();
  await paypal?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
