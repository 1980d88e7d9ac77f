/**
 * Many SP-API calls on one activity's cancellation signal: the signal carries at most one
 * abort listener while they run and none once they are done (no MaxListenersExceededWarning
 * however many calls share it), and aborting it still cancels every call in flight.
 */
import { getEventListeners } from 'node:events';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { requestSignal } from '../../../connectors/http/request-signal.js';
import { EU_ENDPOINT, fixtureText, isolateNetworkPerTest, makeKit, mockLwa, SETTINGS } from './amazon-test-kit.js';

const ORDER_BODY = fixtureText('get-order.iba.model.json');
const orderId = (i: number) => `902-0000000-${String(i).padStart(7, '0')}`;
const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

isolateNetworkPerTest();

describe('abort listeners on a shared signal', () => {
  it('60 calls, 30 at a time, on one signal: at most one listener while in flight, back to the start after', async () => {
    mockLwa();
    const controller = new AbortController();
    const { signal } = controller;
    const start = listeners(signal);
    const seenInFlight: number[] = [];
    nock(EU_ENDPOINT)
      .get(/^\/orders\/v0\/orders\/902-/)
      .times(60)
      .delay(5)
      .reply(() => {
        seenInFlight.push(listeners(signal));
        return [200, ORDER_BODY, { 'content-type': 'application/json' }];
      });
    // A plan roomy enough that no call waits for a token.
    const { client } = makeKit({ settings: { ...SETTINGS, rateLimits: { getOrder: { rate: 100, burst: 100 } } } });

    for (let round = 0; round < 2; round += 1) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => client.getOrder(orderId(round * 30 + i), { signal })));
    }

    expect(seenInFlight).toHaveLength(60);
    expect(Math.max(...seenInFlight)).toBe(start + 1);
    expect(listeners(signal)).toBe(start);
    expect(client.stats().requests).toBe(60);
  });

  it('aborting the shared signal cancels every call in flight with its reason, and leaves no listener', async () => {
    mockLwa();
    const controller = new AbortController();
    const { signal } = controller;
    nock(EU_ENDPOINT).get(/^\/orders\/v0\/orders\/902-/).times(12).delay(10_000).reply(200, ORDER_BODY);
    const { client } = makeKit();
    const calls = Array.from({ length: 12 }, (_, i) => client.getOrder(orderId(i), { signal }).catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 50));

    controller.abort(new Error('activity cancelled'));

    const outcomes = await Promise.all(calls);
    expect(outcomes).toEqual(Array.from({ length: 12 }, () => new Error('activity cancelled')));
    expect(listeners(signal)).toBe(0);
  });
});

describe('requestSignal', () => {
  it('gives each request its own signal fed by one listener on the shared one', () => {
    const shared = new AbortController();
    const a = requestSignal(shared.signal);
    const b = requestSignal(shared.signal);
    expect(listeners(shared.signal)).toBe(1);

    a.release();
    a.release();
    expect(listeners(shared.signal)).toBe(1);
    b.release();
    expect(listeners(shared.signal)).toBe(0);
    expect(a.signal?.aborted).toBe(false);
  });

  it('aborts the live requests with the shared reason; a request started after the abort starts aborted', () => {
    const shared = new AbortController();
    const live = requestSignal(shared.signal);
    const done = requestSignal(shared.signal);
    done.release();

    shared.abort('stop');

    expect(live.signal?.aborted).toBe(true);
    expect(live.signal?.reason).toBe('stop');
    expect(done.signal?.aborted).toBe(false);
    expect(requestSignal(shared.signal).signal?.reason).toBe('stop');
    expect(listeners(shared.signal)).toBe(0);
  });

  it('without a shared signal there is none to pass on', () => {
    expect(requestSignal(undefined).signal).toBeUndefined();
  });
});
