import { afterEach, describe, expect, it } from 'vitest';
import { FEDEX_CUSTOMS_HOLD_HOURS, fedexTrackingNumber, startFedexSandbox, type FedexSandbox, type FedexSandboxOptions } from '../../../sandbox/fedex/index.js';
import { testClock, type TestClock } from '../dhl/dhl-client.js';
import { fedex, RATE_REQUEST, shipRequest, token, type FedexErrorBody } from './fedex-client.js';

let sandbox: FedexSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: FedexSandboxOptions = {}, startMs?: number): Promise<{ sb: FedexSandbox; clock: TestClock; t: string }> {
  const clock = testClock(startMs);
  sandbox = await startFedexSandbox({ clock: clock.now, ...options });
  return { sb: sandbox, clock, t: await token(sandbox.url) };
}

interface TrackResult {
  trackingNumberInfo: { trackingNumber: string };
  latestStatusDetail?: { code: string; derivedCode: string; description: string };
  scanEvents?: { date: string; eventType: string; eventDescription: string; derivedStatusCode: string; exceptionDescription?: string; scanLocation: { city: string } }[];
  deliveryDetails?: { receivedByName: string; signedByName: string };
  dateAndTimes?: { type: string; dateTime: string }[];
  error?: { code: string; message: string };
}
interface TrackReply {
  output: { completeTrackResults: { trackingNumber: string; trackResults: TrackResult[] }[] };
}

async function ship(sb: FedexSandbox, t: string, reference: string): Promise<string> {
  const r = await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest(reference));
  if (r.status !== 200) throw new Error(`ship failed with ${r.status}`);
  return r.body.output.transactionShipments[0]!.masterTrackingNumber;
}

async function track(sb: FedexSandbox, t: string, ...numbers: string[]): Promise<TrackResult[]> {
  const r = await fedex<TrackReply>(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: true, trackingInfo: numbers.map((trackingNumber) => ({ trackingNumberInfo: { trackingNumber } })) });
  expect(r.status).toBe(200);
  return r.body.output.completeTrackResults.map((c) => c.trackResults[0]!);
}

const advance = async (sb: FedexSandbox, seconds: number): Promise<void> => {
  const res = await fetch(`${sb.url}/_sandbox/advance`, { method: 'POST', body: JSON.stringify({ seconds }) });
  expect(res.status).toBe(200);
};
const types = (r: TrackResult): string[] => (r.scanEvents ?? []).map((e) => e.eventType).reverse();

describe('tracking', () => {
  it('moves from label created through customs to delivered, with the signatory', async () => {
    const { sb, t } = await start();
    const number = await ship(sb, t, 'TRACK-F1');
    expect(number.endsWith('7')).toBe(false);
    const [created] = await track(sb, t, number);
    expect(types(created!)).toEqual(['OC']);
    expect(created!.latestStatusDetail).toMatchObject({ code: 'OC', derivedCode: 'IN' });

    await advance(sb, 7 * 3600);
    const [departed] = await track(sb, t, number);
    expect(types(departed!)).toEqual(['OC', 'PU', 'AR', 'DP']);
    expect(departed!.scanEvents![0]).toMatchObject({ eventType: 'DP', eventDescription: 'Departed FedEx location', derivedStatusCode: 'IT', date: '2026-03-16T16:00:00+00:00', scanLocation: { city: 'NEW YORK' } });

    await advance(sb, 30 * 3600);
    const [delivered] = await track(sb, t, number);
    expect(types(delivered!)).toEqual(['OC', 'PU', 'AR', 'DP', 'IT', 'AR', 'CC', 'OD', 'DL']);
    expect(delivered!.latestStatusDetail).toMatchObject({ code: 'DL', derivedCode: 'DL', description: 'Delivered' });
    expect(delivered!.deliveryDetails).toMatchObject({ receivedByName: 'Anna Empfänger', signedByName: 'Anna Empfänger' });
    expect(delivered!.dateAndTimes?.map((d) => d.type)).toEqual(['SHIP', 'ACTUAL_PICKUP', 'ACTUAL_DELIVERY']);
  });

  it('stalls a dutiable parcel whose number ends in 7 with a clearance-delay exception for ten days', async () => {
    const { sb, t } = await start();
    const at = Array.from({ length: 10 }, (_, n) => fedexTrackingNumber(42, n)).findIndex((n) => n.endsWith('7'));
    let number = '';
    for (let n = 0; n <= at; n++) number = await ship(sb, t, `STALL-F${n}`);
    expect(number.endsWith('7')).toBe(true);
    await advance(sb, 4 * 24 * 3600);
    const [held] = await track(sb, t, number);
    expect(types(held!).slice(-2)).toEqual(['AR', 'DE']);
    expect(held!.scanEvents![0]).toMatchObject({ eventType: 'DE', exceptionDescription: 'Clearance delay - Import' });
    expect(held!.latestStatusDetail?.code).toBe('DE');
    await advance(sb, FEDEX_CUSTOMS_HOLD_HOURS * 3600);
    const [released] = await track(sb, t, number);
    expect(types(released!).slice(-4)).toEqual(['DE', 'CC', 'OD', 'DL']);
  });

  it('answers an unknown number inside a 200 with TRACKING.TRACKINGNUMBER.NOTFOUND, and an empty request with 400', async () => {
    const { sb, t } = await start();
    const number = await ship(sb, t, 'TRACK-F2');
    const [known, unknown] = await track(sb, t, number, '123456789012');
    expect(known!.trackingNumberInfo.trackingNumber).toBe(number);
    expect(unknown).toMatchObject({ trackingNumberInfo: { trackingNumber: '123456789012' }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
    const empty = await fedex<FedexErrorBody>(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: true, trackingInfo: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ code: 'TRACKING.TRACKINGNUMBER.EMPTY', message: 'Please provide tracking number.' });
  });

  it('stops a cancelled shipment and says so', async () => {
    const { sb, t } = await start();
    const number = await ship(sb, t, 'TRACK-F3');
    await advance(sb, 3 * 3600);
    await fedex(sb.url, 'PUT', '/ship/v1/shipments/cancel', t, { accountNumber: { value: '740561073' }, trackingNumber: number });
    await advance(sb, 40 * 3600);
    const [cancelled] = await track(sb, t, number);
    expect(types(cancelled!)).toEqual(['OC', 'PU']);
    expect(cancelled!.latestStatusDetail).toMatchObject({ code: 'CA', description: 'Shipment cancelled by sender' });
  });
});

describe('quotas', () => {
  it('throttles a project past its transactions per 10 seconds with 429 RATE.LIMIT.EXCEEDED and Retry-After', async () => {
    const { sb, clock, t } = await start({ transactionsPerWindow: 3 });
    clock.advanceSeconds(4); // 4 s into a 10 s window
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('6');
    expect(throttled.body.errors).toEqual([{ code: 'RATE.LIMIT.EXCEEDED', message: 'Too many requests - We have received too many requests in a short duration. Please wait a while to try again.' }]);
    clock.advanceSeconds(6);
    expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(200);
    expect(sb.stats().throttled).toBe(2);
  });

  it('refuses every call after the daily quota until 00:00 GMT, then serves again', async () => {
    const { sb, t } = await start({ dailyQuota: 2 }, Date.parse('2026-03-16T22:30:00Z'));
    expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(200);
    expect((await fedex(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: false, trackingInfo: [{ trackingNumberInfo: { trackingNumber: '123456789012' } }] })).status).toBe(200);
    const over = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST);
    expect(over.status).toBe(429);
    expect(over.body.errors[0]).toEqual({ code: 'RATE.LIMIT.EXCEEDED', message: 'Too many requests - Daily transaction quota exceeded. Retry after 12:00AM GMT.' });
    expect(over.headers.get('retry-after')).toBe(String(90 * 60));
    await advance(sb, 89 * 60);
    expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(429);
    await advance(sb, 60);
    expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(200);
    expect(sb.stats().dailyQuotaRefusals).toBe(2);
  });

  it('never answers 429 with rateLimits: false', async () => {
    const { sb, t } = await start({ rateLimits: false, transactionsPerWindow: 1, dailyQuota: 1 });
    for (let i = 0; i < 3; i++) expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(200);
  });
});
