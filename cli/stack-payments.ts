/**
 * The demo stack's payment stand-ins: the PayPal stand-in (sandbox/paypal: OAuth, Transaction
 * Search, webhook verification) and, when a stripe-mock binary is already there (PATH, the
 * cache or CARAVAN_STRIPE_MOCK), stripe-mock. Never a `go install` here: `npm start` must not
 * wait minutes for a build or need the network; without the binary the demo leaves Stripe out.
 * Each publishes its URL and the demo app's sandbox credentials in the environment the tenants
 * file reads (CARAVAN_SANDBOX_PAYPAL_URL, CARAVAN_DEMO_PAYPAL_*, CARAVAN_SANDBOX_STRIPE_URL,
 * CARAVAN_DEMO_STRIPE_SECRET_KEY).
 */
import { SANDBOX_PAYPAL_CREDENTIALS, SANDBOX_PAYPAL_WEBHOOK_ID, startPaypalSandbox, type PaypalSandbox } from '../sandbox/paypal/index.js';
import { resolveStripeMock, startStripeMock, type RunningStripeMock } from '../worker/stripe-mock.js';

export interface PaymentStandInsOptions {
  paypalPort: number;
  /** The demo's anchor: the PayPal history is seeded around it, the same at every start. */
  anchor: Date;
  host: string;
}

export interface PaymentStandIns {
  paypal: PaypalSandbox;
  stripeMock?: RunningStripeMock;
}

/** stripe-mock accepts any test key; not a secret. */
export const DEMO_STRIPE_TEST_KEY = 'sk_test_CaravanDemoStripeMock';

/** The stand-in's clock: the demo's anchor at start, running on from there (the same history at every start). */
export function anchoredClock(anchor: Date, startedAt = Date.now()): () => Date {
  return () => new Date(anchor.getTime() + (Date.now() - startedAt));
}

export async function startPaymentStandIns(
  o: PaymentStandInsOptions,
  say: (line: string) => void,
  stops: (() => Promise<void>)[],
  portInUse: (port: number) => Error,
): Promise<PaymentStandIns> {
  const paypal = await startPaypalSandbox({ port: o.paypalPort, host: o.host, clock: anchoredClock(o.anchor) }).catch((e: unknown) => {
    throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUse(o.paypalPort) : e;
  });
  stops.push(() => paypal.close());
  process.env.CARAVAN_SANDBOX_PAYPAL_URL = paypal.url;
  process.env.CARAVAN_DEMO_PAYPAL_CLIENT_ID ??= SANDBOX_PAYPAL_CREDENTIALS.clientId;
  process.env.CARAVAN_DEMO_PAYPAL_CLIENT_SECRET ??= SANDBOX_PAYPAL_CREDENTIALS.clientSecret;
  say(`sandbox PayPal: ${paypal.url} (client id ${SANDBOX_PAYPAL_CREDENTIALS.clientId}, webhook id ${SANDBOX_PAYPAL_WEBHOOK_ID}; ${paypal.stats().transactions} transactions)`);

  const binary = await resolveStripeMock({ allowBuild: false }).catch((e: unknown) => e as Error);
  if (binary instanceof Error) {
    say('stripe-mock: not installed, the demo leaves Stripe out (npm run caravan -- stripe-mock builds it once with Go)');
    return { paypal };
  }
  const stripeMock = await startStripeMock(binary.path);
  stops.push(() => stripeMock.stop());
  process.env.CARAVAN_SANDBOX_STRIPE_URL = stripeMock.url;
  process.env.CARAVAN_DEMO_STRIPE_SECRET_KEY ??= DEMO_STRIPE_TEST_KEY;
  say(`stripe-mock: ${stripeMock.url} (${binary.path}, ${binary.version})`);
  return { paypal, stripeMock };
}
