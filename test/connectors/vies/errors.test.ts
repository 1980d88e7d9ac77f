import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseViesErrorReply, VIES_ERROR_CODES } from '../../../connectors/vies/index.js';
import {
  answer,
  BUYER_VAT,
  CHECK_PATH,
  checkVatResponse,
  commonError,
  expectNoVatNumber,
  isolateNetworkPerTest,
  makeVies,
  rejection,
  VIES_HOST,
  type SeenRequest,
} from './vies-test-kit.js';

isolateNetworkPerTest();

const JSON_TYPE = { 'content-type': 'application/json' };
const DE = { countryCode: 'DE', vatNumber: BUYER_VAT } as const;

/** code, kind, retryAfterMs: the classification the brief and the EC's code list call for. */
const CODES: Array<[string, string, number | undefined]> = [
  ['INVALID_INPUT', 'validation', undefined],
  ['INVALID_REQUESTER_INFO', 'validation', undefined],
  ['SERVICE_UNAVAILABLE', 'transient', undefined],
  ['MS_UNAVAILABLE', 'transient', undefined],
  ['TIMEOUT', 'transient', undefined],
  ['VAT_BLOCKED', 'auth', undefined],
  ['IP_BLOCKED', 'auth', undefined],
  ['GLOBAL_MAX_CONCURRENT_REQ', 'rate_limited', 5_000],
  ['GLOBAL_MAX_CONCURRENT_REQ_TIME', 'rate_limited', 5_000],
  ['MS_MAX_CONCURRENT_REQ', 'rate_limited', 5_000],
  ['MS_MAX_CONCURRENT_REQ_TIME', 'rate_limited', 5_000],
];

describe('VIES error codes → ConnectorError kinds', () => {
  it('the table covers exactly the documented codes', () => {
    expect(Object.keys(VIES_ERROR_CODES).sort()).toEqual(CODES.map(([code]) => code).sort());
  });

  // VIES sends CommonResponse with 400 and 500 (the description), and with 200 too: the code decides.
  const cases = CODES.flatMap(([code, kind, retryAfterMs]) => [200, 400, 500].map((status) => [code, status, kind, retryAfterMs] as const));

  it.each(cases)('%s in an HTTP %i → %s', async (code, status, kind, retryAfterMs) => {
    const seen: SeenRequest[] = [];
    const message = `VIES says ${code.toLowerCase()}`;
    nock(VIES_HOST).post(CHECK_PATH).times(3).reply(answer(seen, status, commonError(code, message)));
    const { client, logs } = makeVies();

    const error = await rejection(client.checkVatNumber(DE));

    const transient = kind === 'transient';
    expect([error.kind, error.status, error.vendor, error.operation, error.vendorCode, error.retryAfterMs, error.retryable]).toEqual([
      kind,
      status,
      'vies',
      'checkVatNumber',
      code,
      retryAfterMs,
      transient || kind === 'rate_limited',
    ]);
    expect(error.message).toBe(`VIES checkVatNumber (DE): HTTP ${status} ${code}: ${message}`);
    // Only transient failures are resent (twice, with the tests' tiny backoff).
    expect(seen).toHaveLength(transient ? 3 : 1);
    expect(client.stats()).toMatchObject({ requests: transient ? 3 : 1, throttled: kind === 'rate_limited' ? 1 : 0, retries: transient ? 2 : 0, tokenRefreshes: 0 });
    expectNoVatNumber(`${error.message} ${JSON.stringify(error)} ${logs.text()}`);
  });
});

describe('VIES failures without a known code, and how they are handled', () => {
  it('a 500 CommonResponse without message is read; the first known code among several wins', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(500, { actionSucceed: false, errorWrappers: [{ error: 'SOMETHING_NEW' }, { error: 'INVALID_INPUT' }] }, JSON_TYPE);
    const { client } = makeVies();
    const error = await rejection(client.checkVatNumber(DE));
    expect([error.kind, error.vendorCode, error.message]).toEqual(['validation', 'INVALID_INPUT', 'VIES checkVatNumber (DE): HTTP 500 INVALID_INPUT']);
    expect(client.stats().requests).toBe(1);
  });

  it('an unknown code falls back to the status: 500 transient, 400 validation, 200 contract', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .times(3)
      .reply(500, commonError('SERVER_BUSY'), JSON_TYPE)
      .post(CHECK_PATH)
      .reply(400, commonError('SERVER_BUSY'), JSON_TYPE)
      .post(CHECK_PATH)
      .reply(200, commonError('SERVER_BUSY'), JSON_TYPE)
      .post(CHECK_PATH)
      .reply(200, { actionSucceed: false, errorWrappers: [] }, JSON_TYPE);
    const { client } = makeVies();
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) {
      const error = await rejection(client.checkVatNumber(DE));
      outcomes.push([error.kind, error.status, error.message]);
    }
    expect(outcomes).toEqual([
      ['transient', 500, 'VIES checkVatNumber (DE): HTTP 500 SERVER_BUSY'],
      ['validation', 400, 'VIES checkVatNumber (DE): HTTP 400 SERVER_BUSY'],
      ['contract', 200, 'VIES checkVatNumber (DE): HTTP 200 SERVER_BUSY'],
      ['contract', 200, 'VIES checkVatNumber (DE): HTTP 200 with an error body naming no error'],
    ]);
    expect(client.stats()).toMatchObject({ requests: 6, throttled: 0, retries: 2, tokenRefreshes: 0 });
  });

  it('a 503 HTML page is retried, then transient with a preview of the page', async () => {
    nock(VIES_HOST).post(CHECK_PATH).times(3).reply(503, '<html><body><h1>503 Service Unavailable</h1></body></html>', { 'content-type': 'text/html' });
    const { client } = makeVies();
    const error = await rejection(client.checkVatNumber(DE));
    expect([error.kind, error.status, error.vendorCode, error.message]).toEqual([
      'transient',
      503,
      undefined,
      'VIES checkVatNumber (DE): HTTP 503 with <html><body><h1>503 Service Unavailable</h1></body></html>',
    ]);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 0, retries: 2, tokenRefreshes: 0 });
  });

  it('a 403 page (the EC refusing us) is auth; a bare 429 is rate_limited with its Retry-After', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(403, '<html><body>Access denied</body></html>', { 'content-type': 'text/html' })
      .post(CHECK_PATH)
      .reply(429, '', { 'retry-after': '30' });
    const { client } = makeVies({ maxInProcessWaitMs: 1_000 });
    const forbidden = await rejection(client.checkVatNumber(DE));
    expect([forbidden.kind, forbidden.message]).toEqual(['auth', 'VIES checkVatNumber (DE): HTTP 403 with <html><body>Access denied</body></html>']);
    const throttled = await rejection(client.checkVatNumber(DE));
    expect([throttled.kind, throttled.retryAfterMs, throttled.message]).toEqual(['rate_limited', 30_000, 'VIES checkVatNumber (DE): HTTP 429 with (empty body)']);
    // Our bucket now holds every check for 30 s: the next call is refused here, without a request.
    const held = await rejection(client.checkVatNumber(DE));
    expect([held.kind, held.retryAfterMs, held.message]).toEqual(['rate_limited', 30_000, 'VIES checkVatNumber (DE): rate limit, next request slot in 30000 ms']);
    expect(client.stats()).toMatchObject({ requests: 2, throttled: 1, retries: 0, tokenRefreshes: 0 });
  });

  it('Retry-After, when VIES sends one with a concurrency code, wins over the default wait', async () => {
    nock(VIES_HOST).post(CHECK_PATH).reply(200, commonError('GLOBAL_MAX_CONCURRENT_REQ'), { ...JSON_TYPE, 'retry-after': '12' });
    const { client } = makeVies();
    const error = await rejection(client.checkVatNumber(DE));
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 12_000]);
  });

  it('a global concurrency limit holds every check back; a member state one holds back nothing else', async () => {
    const seen: SeenRequest[] = [];
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(answer(seen, 200, commonError('MS_MAX_CONCURRENT_REQ')))
      .post(CHECK_PATH)
      .reply(answer(seen, 200, checkVatResponse({ countryCode: 'FR', vatNumber: '40303265045' })))
      .post(CHECK_PATH)
      .reply(answer(seen, 200, commonError('GLOBAL_MAX_CONCURRENT_REQ')));
    const { client, limiter } = makeVies({ maxInProcessWaitMs: 1_000 });
    const key = { tenant: '*', vendor: 'vies', operation: 'checkVatNumber' };

    const ms = await rejection(client.checkVatNumber(DE));
    expect([ms.kind, ms.retryAfterMs, limiter.stats(key)?.blockedForMs]).toEqual(['rate_limited', 5_000, 0]);
    const fr = await client.checkVatNumber({ countryCode: 'FR', vatNumber: '40303265045' });
    expect(fr.valid).toBe(true);

    const global = await rejection(client.checkVatNumber(DE));
    expect([global.kind, global.retryAfterMs, limiter.stats(key)?.blockedForMs]).toEqual(['rate_limited', 5_000, 5_000]);
    const held = await rejection(client.checkVatNumber({ countryCode: 'FR', vatNumber: '40303265045' }));
    expect([held.kind, held.retryAfterMs]).toEqual(['rate_limited', 5_000]);
    expect(seen).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 2, retries: 0, tokenRefreshes: 0 });
  });

  it('a transient failure followed by an answer returns the answer', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(200, commonError('MS_UNAVAILABLE'), JSON_TYPE)
      .post(CHECK_PATH)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .post(CHECK_PATH)
      .reply(200, checkVatResponse(), JSON_TYPE);
    const { client } = makeVies();
    const result = await client.checkVatNumber(DE);
    expect(result.valid).toBe(true);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 0, retries: 2, tokenRefreshes: 0 });
  });

  it('network errors are retried, then transient with the error code', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .times(3)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client, logs } = makeVies();
    const error = await rejection(client.checkVatNumber(DE));
    expect([error.kind, error.vendorCode, error.message]).toEqual(['transient', 'ECONNRESET', 'VIES checkVatNumber (DE): network error ECONNRESET: socket hang up']);
    expect(client.stats()).toMatchObject({ requests: 3, throttled: 0, retries: 2, tokenRefreshes: 0 });
    expect(logs.entries().filter((e) => e.msg === 'vies request failed').map((e) => [e.countryCode, e.attempt, e.error])).toEqual([
      ['DE', 1, 'ECONNRESET'],
      ['DE', 2, 'ECONNRESET'],
      ['DE', 3, 'ECONNRESET'],
    ]);
    expectNoVatNumber(`${JSON.stringify(error)} ${JSON.stringify(error.cause)} ${logs.text()}`);
  });

  it('VIES text that repeats the VAT number is masked in the message', async () => {
    nock(VIES_HOST).post(CHECK_PATH).reply(400, commonError('INVALID_INPUT', `The VAT number ${BUYER_VAT} is not valid for DE`), JSON_TYPE);
    const { client } = makeVies();
    const error = await rejection(client.checkVatNumber(DE));
    expect(error.message).toBe('VIES checkVatNumber (DE): HTTP 400 INVALID_INPUT: The VAT number [vat number] is not valid for DE');
  });

  it('an aborted signal rejects with its reason and sends nothing', async () => {
    const { client } = makeVies();
    const controller = new AbortController();
    const reason = new Error('activity cancelled');
    controller.abort(reason);
    await expect(client.checkVatNumber(DE, { signal: controller.signal })).rejects.toBe(reason);
    expect(client.stats().requests).toBe(0);
  });
});

describe('recogniseViesErrorReply: VIES error replies for the connector and `caravan map`', () => {
  const ctx = { operation: 'checkVatNumber' };

  it('a CommonResponse is an error at any status, or with none (a file); a CheckVatResponse never is', () => {
    const inOk = recogniseViesErrorReply(commonError('MS_UNAVAILABLE'), { ...ctx, status: 200, countryCode: 'DE' });
    expect([inOk?.kind, inOk?.status, inOk?.vendorCode, inOk?.message]).toEqual(['transient', 200, 'MS_UNAVAILABLE', 'VIES checkVatNumber (DE): HTTP 200 MS_UNAVAILABLE']);
    const file = recogniseViesErrorReply({ actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT', message: null }] }, ctx);
    expect([file?.kind, file?.status, file?.vendorCode, file?.message]).toEqual(['validation', undefined, 'INVALID_INPUT', 'VIES checkVatNumber: INVALID_INPUT']);
    expect(recogniseViesErrorReply(checkVatResponse(), { ...ctx, status: 200 })).toBeUndefined();
    expect(recogniseViesErrorReply({ actionSucceed: true }, { ...ctx, status: 200 })).toBeUndefined();
  });

  it('a SOAP fault (checkVatService.wsdl) names its code; a page with a failure status is an error by status', () => {
    const soap =
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault><faultcode>env:Server</faultcode><faultstring>MS_MAX_CONCURRENT_REQ</faultstring></env:Fault></env:Body></env:Envelope>';
    const fault = recogniseViesErrorReply(soap, { ...ctx, status: 500 });
    expect([fault?.kind, fault?.vendorCode, fault?.retryAfterMs]).toEqual(['rate_limited', 'MS_MAX_CONCURRENT_REQ', 5000]);
    const page = recogniseViesErrorReply('<html><body>Forbidden</body></html>', { ...ctx, status: 403 });
    expect([page?.kind, page?.vendorCode]).toEqual(['auth', undefined]);
  });
});
