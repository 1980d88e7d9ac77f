/**
 * `caravan track NUMBER`: a parcel's canonical tracking, asked of the tenant's carrier connection
 * (DHL Express MyDHL, FedEx Track) on their stand-ins, read by the same record kinds as
 * `caravan map`. Shipments are bought on the stand-ins first; their tracking advances with the
 * stand-in's clock to delivered. An unknown number is the carrier's own error; without --channel
 * the tenant's one carrier is asked, with two it must be named.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackCommand } from '../../cli/commands/track.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import type { TrackingResult } from '../../mappings/canonical/carrier.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../sandbox/dhl/index.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../sandbox/fedex/index.js';
import { dutiableShipment, myDhl } from '../sandbox/dhl/dhl-client.js';
import { fedex, shipRequest, token } from '../sandbox/fedex/fedex-client.js';

const logger = pino({ level: 'silent' });
let dhl: DhlSandbox;
let fx: FedexSandbox;

beforeAll(async () => {
  [dhl, fx] = await Promise.all([startDhlSandbox({ port: 0, rateLimits: false }), startFedexSandbox({ port: 0, rateLimits: false })]);
});
afterAll(async () => {
  await Promise.all([dhl.close(), fx.close()]);
});

const env = { DHL_USER: SANDBOX_DHL_CREDENTIALS.username, DHL_PASS: SANDBOX_DHL_CREDENTIALS.password, FX_ID: SANDBOX_FEDEX_CREDENTIALS.clientId, FX_SECRET: SANDBOX_FEDEX_CREDENTIALS.clientSecret };
const connections = () => ({
  dhl: { vendor: 'dhl', settings: { environment: 'test', endpoint: `${dhl.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber }, secrets: { username: { env: 'DHL_USER' }, password: { env: 'DHL_PASS' } } },
  fedex: { vendor: 'fedex', settings: { environment: 'sandbox', endpoint: fx.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber }, secrets: { clientId: { env: 'FX_ID' }, clientSecret: { env: 'FX_SECRET' } } },
});
const config = (only?: 'dhl' | 'fedex') => {
  const all = connections();
  return parseTenantsConfig({ tenants: { acme: { connections: only === undefined ? all : { [only]: all[only] } } } }, {});
};
const results = (rs: Awaited<ReturnType<typeof trackCommand>>): TrackingResult[] => rs.map((r) => (r.ok ? (r.record as TrackingResult) : expect.fail(JSON.stringify(r.error))));

describe('caravan track', () => {
  it('DHL: a bought shipment is tracked with its events, and reaches delivered as the carrier\'s clock moves', async () => {
    const bought = await myDhl<{ shipmentTrackingNumber: string }>(dhl.url, 'POST', '/shipments', { body: dutiableShipment('ORDER-T-1') });
    expect(bought.status).toBe(201);
    const waybill = String(bought.body.shipmentTrackingNumber);
    const [first] = results(await trackCommand({ config: config('dhl'), logger, env }, [waybill], {}));
    expect(first).toMatchObject({ carrier: 'dhl', trackingNumber: waybill });
    expect(first!.status).not.toBe('delivered');
    dhl.advance(14 * 24 * 3600);
    const [later] = results(await trackCommand({ config: config(), logger, env }, [waybill], { channel: 'dhl' }));
    expect(['delivered', 'exception']).toContain(later!.status);
    expect(later!.events.length).toBeGreaterThan(first!.events.length);
    expect(later!.events.every((e) => e.carrierCode.length > 0)).toBe(true);
  });

  it('FedEx: a bought shipment is tracked by number through the Track API', async () => {
    const t = await token(fx.url);
    const bought = await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(fx.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-T-2'));
    const number = bought.body.output.transactionShipments[0]!.masterTrackingNumber;
    fx.advance(3 * 24 * 3600);
    const [r] = results(await trackCommand({ config: config(), logger, env }, [number], { channel: 'fedex' }));
    expect(r).toMatchObject({ carrier: 'fedex', trackingNumber: number });
    expect(r!.events.length).toBeGreaterThan(0);
  });

  it('an unknown number is the carrier\'s own refusal; two carriers need --channel; a non-carrier is refused', async () => {
    await expect(trackCommand({ config: config('dhl'), logger, env }, ['1234567890'], {})).rejects.toThrow(/^dhl: /);
    await expect(trackCommand({ config: config(), logger, env }, ['1'], {})).rejects.toThrow('say which carrier with --channel (dhl, fedex)');
    await expect(trackCommand({ config: config(), logger, env }, ['1'], { channel: 'ups' })).rejects.toThrow('ups is not a carrier connection of tenant "acme" (carriers: dhl, fedex)');
  });
});
