/**
 * The VIES stand-in, driven by Caravan's real VIES client over HTTP: register answers, the
 * EC test service's numbered outcomes turned into the right error kinds, unavailable member
 * states, injected errors and check-status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../../../connectors/http/errors.js';
import { createViesClient, viesVatNumberCheck, type ViesClient } from '../../../connectors/vies/index.js';
import { VIES_MEMBER_STATES } from '../../../connectors/vies/member-states.js';
import { startViesSandbox, VIES_TEST_SERVICE_ANSWERS, type ViesSandbox } from '../../../sandbox/vies/index.js';
import { createLogger } from '../../../worker/logger.js';
import { rejection as failure } from '../../connectors/nock-kit.js';

const logger = createLogger({ level: 'silent' });
const FAST = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 };

describe('VIES sandbox through the VIES client', () => {
  let vies: ViesSandbox;
  let client: ViesClient;
  let testSettings: Parameters<typeof createViesClient>[0]['settings'];

  beforeAll(async () => {
    vies = await startViesSandbox({ now: () => new Date('2026-03-02T09:00:00Z') });
    const base = { baseUrl: vies.url, rateLimit: { rate: 1000, burst: 1000 } };
    client = createViesClient({ logger, settings: { ...base, requester: { memberStateCode: 'DE', number: '123456789' } }, retryPolicy: FAST });
    testSettings = { ...base, useTestService: true };
  });
  afterAll(async () => {
    await vies.close();
  });

  it('answers registered numbers with name, address and a consultation number; others as not valid', async () => {
    const fr = await client.checkVatNumber({ countryCode: 'FR', vatNumber: '40303265045' });
    expect(fr).toMatchObject({ valid: true, countryCode: 'FR', vatNumber: '40303265045', requestDate: '2026-03-02T09:00:00.000Z', name: 'SAS CARAVAN DEMO ACHATS' });
    expect(fr.requestIdentifier).toMatch(/^WAPI[A-Za-z0-9_-]{12}$/);
    const es = await client.checkVatNumber({ countryCode: 'ES', vatNumber: 'B12345674' });
    expect([es.valid, es.name, es.address]).toEqual([true, undefined, undefined]);
    const unknown = await client.checkVatNumber({ countryCode: 'FR', vatNumber: '12345678901' });
    expect([unknown.valid, unknown.name]).toEqual([false, undefined]);
  });

  it("maps every numbered answer of the EC's test service to the kind the connector gives it", async () => {
    const outcomes: Record<string, string> = {};
    for (const number of Object.keys(VIES_TEST_SERVICE_ANSWERS)) {
      // A client each: a throttling answer holds the client's bucket back for seconds.
      const testClient = createViesClient({ logger, settings: testSettings, retryPolicy: FAST });
      try {
        const r = await testClient.checkVatNumber({ countryCode: 'DE', vatNumber: number });
        outcomes[number] = r.valid ? 'valid' : 'invalid';
      } catch (e) {
        const error = e as ConnectorError;
        outcomes[number] = `${error.kind}:${error.vendorCode}:${error.status}`;
      }
    }
    expect(outcomes).toEqual({
      '100': 'valid',
      '200': 'invalid',
      '201': 'validation:INVALID_INPUT:400',
      '202': 'validation:INVALID_REQUESTER_INFO:400',
      '300': 'transient:SERVICE_UNAVAILABLE:500',
      '301': 'transient:MS_UNAVAILABLE:500',
      '302': 'transient:TIMEOUT:500',
      '400': 'auth:VAT_BLOCKED:500',
      '401': 'auth:IP_BLOCKED:500',
      '500': 'rate_limited:GLOBAL_MAX_CONCURRENT_REQ:500',
      '501': 'rate_limited:GLOBAL_MAX_CONCURRENT_REQ_TIME:500',
      '600': 'rate_limited:MS_MAX_CONCURRENT_REQ:500',
      '601': 'rate_limited:MS_MAX_CONCURRENT_REQ_TIME:500',
    });
  });

  it("check-status lists the registers the connector knows: the stand-in's own table agrees with the connector's", async () => {
    const status = await client.checkStatus();
    // Two tables written apart (the sandbox imports nothing of the connector): a code missing
    // or misspelt on one side shows here instead of passing both.
    expect(status.countries.map((c) => c.countryCode)).toEqual([...VIES_MEMBER_STATES]);
    expect(status.countries.map((c) => c.countryCode)).toHaveLength(28);
    expect(status.countries.every((c) => c.availability === 'Available')).toBe(true);
  });

  it('an unavailable member state is transient and shows in check-status; the engine check says unknown', async () => {
    vies.setUnavailable(['IT']);
    try {
      const error = await failure(client.checkVatNumber({ countryCode: 'IT', vatNumber: '00743110157' }));
      expect([error.kind, error.vendorCode]).toEqual(['transient', 'MS_UNAVAILABLE']);
      const status = await client.checkStatus();
      expect(status.available).toBe(true);
      expect(status.countries.find((c) => c.countryCode === 'IT')?.availability).toBe('Unavailable');
      expect(status.countries.find((c) => c.countryCode === 'EL')?.availability).toBe('Available');
      const check = viesVatNumberCheck(client);
      expect((await check('IT', '00743110157')).status).toBe('unknown');
      const el = await check('GR', '094259216');
      expect([el.status, el.result?.countryCode]).toEqual(['invalid', 'EL']);
      expect(await check('GB', '123456789')).toEqual({ status: 'unknown', reason: 'VIES does not cover GB' });
    } finally {
      vies.setUnavailable([]);
    }
  });

  it('a transient error injected once is retried by the client and the check succeeds', async () => {
    vies.injectError('SERVICE_UNAVAILABLE', 1);
    const before = client.stats().retries;
    const r = await client.checkVatNumber({ countryCode: 'DE', vatNumber: '813495027' });
    expect(r.valid).toBe(true);
    expect(client.stats().retries).toBe(before + 1);
    expect(vies.stats().pendingErrors).toBe(0);
  });
});
