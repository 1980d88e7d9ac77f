import { afterEach, describe, expect, it } from 'vitest';
import { startFedexSandbox, type FedexSandbox } from '../../../sandbox/fedex/index.js';
import { testClock } from '../dhl/dhl-client.js';
import { fedex, shipRequest, token, type FedexErrorBody } from './fedex-client.js';

let sandbox: FedexSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<{ sb: FedexSandbox; t: string }> {
  sandbox = await startFedexSandbox({ clock: testClock().now, rateLimits: false });
  return { sb: sandbox, t: await token(sandbox.url) };
}

describe('injected faults', () => {
  it('a shipment made but its reply lost (503 after commit): the retry with the same reference gets it, one label', async () => {
    const { sb, t } = await start();
    sb.injectFaults({ operation: 'ship', status: 503, count: 1, afterCommit: true });
    const lost = await fedex<FedexErrorBody>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-LOST'));
    expect(lost.status).toBe(503);
    expect(lost.body.errors[0]?.code).toBe('SERVICE.UNAVAILABLE.ERROR');
    expect(lost.body.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    const retry = await fedex(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('ORDER-LOST'));
    expect(retry.status).toBe(200);
    expect(sb.stats()).toMatchObject({ shipments: 1, requestsByReference: { 'ORDER-LOST': 2 }, labelsByReference: { 'ORDER-LOST': 1 }, injectedFaults: 1, pendingFaults: [] });
  });

  it('a 500 before any work through the admin API; a bad spec is refused', async () => {
    const { sb, t } = await start();
    const admin = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ operation: 'track', status: 500, count: 1 }) });
    expect(admin.status).toBe(200);
    const body = { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: '123456789012' } }] };
    const failed = await fedex<FedexErrorBody>(sb.url, 'POST', '/track/v1/trackingnumbers', t, body);
    expect(failed.status).toBe(500);
    expect(failed.body.errors[0]?.code).toBe('INTERNAL.SERVER.ERROR');
    expect((await fedex(sb.url, 'POST', '/track/v1/trackingnumbers', t, body)).status).toBe(200);
    const bad = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ operation: 'token', status: 500, count: 1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^operation must be one of rates, ship, cancel, track, etdUpload/);
  });
});
