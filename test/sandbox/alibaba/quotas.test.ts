import { afterEach, describe, expect, it } from 'vitest';
import { startAlibabaSandbox, type AlibabaSandbox, type AlibabaSandboxOptions } from '../../../sandbox/alibaba/index.js';
import { accessToken, admin, call, testClock, type TestClock } from './alibaba-client.js';

let sb: AlibabaSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(options: AlibabaSandboxOptions = {}, startMs?: number): Promise<{ sb: AlibabaSandbox; clock: TestClock; token: string }> {
  const clock = testClock(startMs);
  sb = await startAlibabaSandbox({ clock: clock.now, seed: { count: 5, seed: 1 }, ...options });
  return { sb, clock, token: await accessToken(sb, clock.now().getTime()) };
}

async function codes(s: AlibabaSandbox, clock: TestClock, token: string, path: string, times: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < times; i++) {
    const r = await call(s, path, path === '/alibaba/order/list' ? { role: 'seller' } : {}, { accessToken: token, timestampMs: clock.now().getTime() });
    out.push(String(r.json.code));
  }
  return out;
}

describe('flow limit per app and path (5 per second, bursts of 10)', () => {
  it('answers ApiCallLimit with the ban in seconds after a burst of 10, and recovers after the ban', async () => {
    const { sb: s, clock, token } = await start();
    expect(await codes(s, clock, token, '/alibaba/order/list', 10)).toEqual(Array(10).fill('0'));
    const limited = await call(s, '/alibaba/order/list', { role: 'seller' }, { accessToken: token, timestampMs: clock.now().getTime() });
    expect(limited.status).toBe(200);
    expect(limited.json).toEqual({
      code: 'ApiCallLimit',
      type: 'ISV',
      message: 'The request has exceeded the flow limit of /alibaba/order/list (5 calls per second). This ban will last for 1 more seconds',
      request_id: expect.any(String),
    });
    // Another path has its own bucket.
    expect(await codes(s, clock, token, '/alibaba/icbu/product/list', 1)).toEqual(['0']);
    clock.advanceSeconds(0.1);
    expect(await codes(s, clock, token, '/alibaba/order/list', 1)).toEqual(['ApiCallLimit']);
    clock.advanceSeconds(0.2); // 0.3 s: 1.5 calls refilled
    expect(await codes(s, clock, token, '/alibaba/order/list', 2)).toEqual(['0', 'ApiCallLimit']);
    clock.advanceSeconds(2); // back to the burst
    expect(await codes(s, clock, token, '/alibaba/order/list', 11)).toEqual([...Array(10).fill('0'), 'ApiCallLimit']);
    const stats = (await admin(s, 'GET', '/_sandbox/stats')).json as { paths: Record<string, { requests: number; codes: Record<string, number> }>; throttled: number };
    expect(stats.paths['/alibaba/order/list']).toEqual({ requests: 25, codes: { '0': 21, ApiCallLimit: 4 } });
    expect(stats.throttled).toBe(4);
  });

  it('never limits the flow with rateLimits: false', async () => {
    const { sb: s, clock, token } = await start({ rateLimits: false });
    expect(await codes(s, clock, token, '/alibaba/order/list', 15)).toEqual(Array(15).fill('0'));
  });
});

describe('daily quota per app', () => {
  it('answers AppCallLimit until the next platform day (UTC+8 midnight)', async () => {
    // 15:00 UTC is 23:00 in China: the platform day ends in one hour.
    const { sb: s, clock, token } = await start({ dailyQuota: 3, rateLimits: false }, Date.parse('2026-03-15T15:00:00Z'));
    expect(await codes(s, clock, token, '/alibaba/order/list', 2)).toEqual(['0', '0']);
    expect(await codes(s, clock, token, '/alibaba/icbu/product/list', 1)).toEqual(['0']);
    const over = await call(s, '/alibaba/order/list', { role: 'seller' }, { accessToken: token, timestampMs: clock.now().getTime() });
    expect(over.json).toMatchObject({ code: 'AppCallLimit', type: 'ISV', message: 'The app has used up its 3 calls of today. This ban will last for 3600 more seconds' });
    // Token calls do not count and are not refused.
    expect(await accessToken(s, clock.now().getTime())).toMatch(/^50000601/);
    clock.advanceSeconds(3599);
    expect(await codes(s, clock, token, '/alibaba/order/list', 1)).toEqual(['AppCallLimit']);
    clock.advanceSeconds(1);
    expect(await codes(s, clock, token, '/alibaba/order/list', 1)).toEqual(['0']);
    expect(((await admin(s, 'GET', '/_sandbox/stats')).json as { dailyUsed: Record<string, number> }).dailyUsed).toEqual({ '45678901': 1 });
  });
});
