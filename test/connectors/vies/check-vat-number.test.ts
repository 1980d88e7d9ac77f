import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createViesClient, type ViesCheckResult } from '../../../connectors/vies/index.js';
import { captureLogs } from '../log-capture.js';
import {
  answer,
  BUYER_VAT,
  CHECK_PATH,
  checkVatResponse,
  expectNoVatNumber,
  isolateNetworkPerTest,
  makeVies,
  rejection,
  REQUESTER,
  TEST_SERVICE_PATH,
  VIES_HOST,
  type SeenRequest,
} from './vies-test-kit.js';

isolateNetworkPerTest();

describe('VIES checkVatNumber: the request', () => {
  it('POSTs {countryCode, vatNumber} as JSON to /check-vat-number, accepting JSON', async () => {
    const seen: SeenRequest[] = [];
    nock(VIES_HOST).post(CHECK_PATH).reply(answer(seen, 200, checkVatResponse()));
    const { client } = makeVies();

    await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });

    expect(seen.map((s) => [s.method, s.path])).toEqual([['POST', CHECK_PATH]]);
    expect(seen[0]?.rawBody).toBe(`{"countryCode":"DE","vatNumber":"${BUYER_VAT}"}`);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers['user-agent']).toBe('Caravan/0.1 (VIES VAT number check)');
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('adds the configured requester, so VIES issues a consultation number', async () => {
    const seen: SeenRequest[] = [];
    nock(VIES_HOST).post(CHECK_PATH).reply(answer(seen, 200, checkVatResponse({ requestIdentifier: 'WAPIAAAAZ5x1h6Ab' })));
    const { client } = makeVies({ requester: { ...REQUESTER } });

    const result = await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });

    expect(seen[0]?.rawBody).toBe(`{"countryCode":"DE","vatNumber":"${BUYER_VAT}","requesterMemberStateCode":"FR","requesterNumber":"40303265045"}`);
    expect(result.requestIdentifier).toBe('WAPIAAAAZ5x1h6Ab');
  });

  it('sends to /check-vat-test-service when useTestService is set', async () => {
    const seen: SeenRequest[] = [];
    nock(VIES_HOST).post(TEST_SERVICE_PATH).reply(answer(seen, 200, checkVatResponse({ vatNumber: '100' })));
    const { client } = makeVies({ useTestService: true });

    const result = await client.checkVatNumber({ countryCode: 'DE', vatNumber: '100' });

    expect(seen.map((s) => [s.method, s.path, s.rawBody])).toEqual([['POST', TEST_SERVICE_PATH, '{"countryCode":"DE","vatNumber":"100"}']]);
    expect([result.valid, result.vatNumber]).toEqual([true, '100']);
  });

  it('uses a base URL override (trailing slash dropped)', async () => {
    const seen: SeenRequest[] = [];
    nock('http://127.0.0.1:4010').post('/vies/check-vat-number').reply(answer(seen, 200, checkVatResponse()));
    const { client } = makeVies({ baseUrl: 'http://127.0.0.1:4010/vies/' });
    await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });
    expect(seen.map((s) => s.path)).toEqual(['/vies/check-vat-number']);
  });

  it('writes Greece as EL and drops spaces, dots and hyphens from the number', async () => {
    const seen: SeenRequest[] = [];
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .times(3)
      .reply(answer(seen, 200, checkVatResponse({ countryCode: 'EL', vatNumber: '094259216' })));
    const { client } = makeVies();

    await client.checkVatNumber({ countryCode: 'GR', vatNumber: '094 259 216' });
    await client.checkVatNumber({ countryCode: 'el', vatNumber: '094.259-216' });
    await client.checkVatNumber({ countryCode: 'XI', vatNumber: '123456789' });

    expect(seen.map((s) => s.rawBody)).toEqual([
      '{"countryCode":"EL","vatNumber":"094259216"}',
      '{"countryCode":"EL","vatNumber":"094259216"}',
      '{"countryCode":"XI","vatNumber":"123456789"}',
    ]);
  });

  it('refuses a country VIES does not cover, or an impossible number, before any request', async () => {
    const { client } = makeVies();
    const cases: Array<[string, string, string]> = [
      ['GB', BUYER_VAT, 'VIES checkVatNumber: countryCode must be a VIES member-state code (AT … SK, EL, XI), got "GB"'],
      ['DEU', BUYER_VAT, 'VIES checkVatNumber: countryCode must be a VIES member-state code (AT … SK, EL, XI), got not a two-letter code'],
      ['DE', '', 'VIES checkVatNumber (DE): vatNumber must be the number without country prefix, 2–12 letters or digits (got 0 characters)'],
      ['DE', `${BUYER_VAT}0000`, 'VIES checkVatNumber (DE): vatNumber must be the number without country prefix, 2–12 letters or digits (got 13 characters)'],
      ['DE', `${BUYER_VAT}/1`, 'VIES checkVatNumber (DE): vatNumber must be the number without country prefix, 2–12 letters or digits (got 11 characters)'],
    ];
    for (const [countryCode, vatNumber, message] of cases) {
      const error = await rejection(client.checkVatNumber({ countryCode, vatNumber }));
      expect([error.kind, error.vendorCode, error.message]).toEqual(['validation', 'INVALID_INPUT', message]);
    }
    expect(client.stats().requests).toBe(0);
  });
});

describe('VIES checkVatNumber: the answer', () => {
  it('reads a valid number with its name and address', async () => {
    nock(VIES_HOST).post(CHECK_PATH).reply(200, checkVatResponse(), { 'content-type': 'application/json' });
    const { client } = makeVies();

    const result = await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });

    expect(result).toStrictEqual<ViesCheckResult>({
      valid: true,
      countryCode: 'DE',
      vatNumber: BUYER_VAT,
      requestDate: '2026-03-02T09:15:27.512Z',
      name: 'Muster Handels GmbH',
      address: 'Hauptstrasse 1\n10115 Berlin',
    });
  });

  it('reads an invalid number as valid: false', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(200, checkVatResponse({ countryCode: 'NL', vatNumber: '123456789B01', valid: false, name: '---', address: '---' }), { 'content-type': 'application/json' });
    const { client } = makeVies();

    const result = await client.checkVatNumber({ countryCode: 'NL', vatNumber: '123456789B01' });

    expect(result).toStrictEqual<ViesCheckResult>({ valid: false, countryCode: 'NL', vatNumber: '123456789B01', requestDate: '2026-03-02T09:15:27.512Z' });
  });

  it("maps '---' (not disclosed), '' and null name/address to undefined", async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(200, checkVatResponse({ name: '---', address: '---' }), { 'content-type': 'application/json' })
      .post(CHECK_PATH)
      .reply(200, checkVatResponse({ name: '', address: null, requestIdentifier: null }), { 'content-type': 'application/json' })
      .post(CHECK_PATH)
      .reply(200, { countryCode: 'DE', vatNumber: BUYER_VAT, requestDate: '2026-03-02T09:15:27.512Z', valid: true }, { 'content-type': 'application/json' });
    const { client } = makeVies();

    const expected: ViesCheckResult = { valid: true, countryCode: 'DE', vatNumber: BUYER_VAT, requestDate: '2026-03-02T09:15:27.512Z' };
    for (let i = 0; i < 3; i += 1) {
      const result = await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });
      expect(result).toStrictEqual(expected);
      expect(Object.keys(result)).toEqual(['valid', 'countryCode', 'vatNumber', 'requestDate']);
    }
  });

  it('an HTML page with status 200 is a contract error, not retried', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(200, '<!DOCTYPE html><html><head><title>VIES</title></head><body>Maintenance in progress</body></html>', { 'content-type': 'text/html' });
    const { client } = makeVies();

    const error = await rejection(client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT }));

    expect([error.kind, error.status, error.retryable]).toEqual(['contract', 200, false]);
    expect(error.message).toBe(
      'VIES checkVatNumber (DE): HTTP 200 with a body that is not JSON (content-type text/html): <!DOCTYPE html><html><head><title>VIES</title></head><body>Maintenance in progre…',
    );
    expect(client.stats()).toMatchObject({ requests: 1, throttled: 0, retries: 0, tokenRefreshes: 0 });
  });

  it('a JSON answer of another shape is a contract error naming the fields, never the values', async () => {
    nock(VIES_HOST)
      .post(CHECK_PATH)
      .reply(200, checkVatResponse({ valid: 'yes', requestDate: `not a date ${BUYER_VAT}` }), { 'content-type': 'application/json' })
      .post(CHECK_PATH)
      .reply(200, '', { 'content-type': 'application/json' });
    const { client } = makeVies();

    const shape = await rejection(client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT }));
    expect([shape.kind, shape.message]).toEqual([
      'contract',
      'VIES checkVatNumber (DE): HTTP 200 answer is not a CheckVatResponse: requestDate: expected an ISO 8601 date-time; valid: Invalid input: expected boolean, received string',
    ]);
    const empty = await rejection(client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT }));
    expect([empty.kind, empty.message]).toEqual(['contract', 'VIES checkVatNumber (DE): HTTP 200 with a body that is not JSON (content-type application/json): (empty body)']);
  });

  it('logs the country code and status of each request, never the VAT number', async () => {
    nock(VIES_HOST).post(CHECK_PATH).reply(200, checkVatResponse(), { 'content-type': 'application/json' });
    const logs = captureLogs();
    const client = createViesClient({ logger: logs.logger, tenant: 'acme', settings: { requester: { ...REQUESTER } } });

    await client.checkVatNumber({ countryCode: 'DE', vatNumber: BUYER_VAT });

    const entries = logs.entries().filter((e) => e.msg === 'vies request');
    expect(entries.map((e) => [e.vendor, e.tenant, e.operation, e.countryCode, e.status, e.attempt])).toEqual([['vies', 'acme', 'checkVatNumber', 'DE', 200, 1]]);
    expectNoVatNumber(logs.text());
    expect(logs.text()).not.toContain(REQUESTER.number);
    expect(logs.text()).not.toContain('Muster');
  });
});
