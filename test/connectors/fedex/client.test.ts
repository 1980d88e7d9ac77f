import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEDEX_RATE_LIMIT,
  FEDEX_PROJECT_TRANSACTIONS_PER_WINDOW,
  FEDEX_PROJECT_WINDOW_MS,
  msUntilNextUtcMidnight,
  worstCaseInWindow,
  type FedexShipRequest,
} from '../../../connectors/fedex/index.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import {
  answer,
  CREDENTIALS,
  fixtureJson,
  fixtureText,
  isolateNetworkPerTest,
  makeKit,
  RATE_REQUEST,
  rejection,
  SANDBOX,
  SHIP_REQUEST,
  tokenEndpoint,
  TRACKING_CREDENTIALS,
  type SeenRequest,
} from './fedex-test-kit.js';

isolateNetworkPerTest();

const json = { 'content-type': 'application/json' };

describe('OAuth client credentials', () => {
  it('asks /oauth/token with a form body once, and sends the bearer token on every call until 60 s before expiry', async () => {
    const tokens: string[] = [];
    tokenEndpoint(tokens);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/rate/v1/rates/quotes').times(3).reply(answer(seen, 200, fixtureText('samples/rate__RateResponse.json')));
    const { client, clock } = makeKit();

    await client.rateQuotes(RATE_REQUEST);
    clock.nowMs += (3599 - 61) * 1000;
    await client.rateQuotes(RATE_REQUEST);
    expect(tokens).toEqual([`grant_type=client_credentials&client_id=${CREDENTIALS.clientId}&client_secret=${CREDENTIALS.clientSecret}`]);
    clock.nowMs += 2000;
    await client.rateQuotes(RATE_REQUEST);

    expect(tokens).toHaveLength(2);
    expect(seen.map((s) => s.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(client.stats().tokenRefreshes).toBe(2);
  });

  it('fetches one token for concurrent callers', async () => {
    const tokens: string[] = [];
    tokenEndpoint(tokens);
    nock(SANDBOX).post('/rate/v1/rates/quotes').times(5).reply(200, fixtureText('samples/rate__RateResponse.json'), json);
    const { client } = makeKit();
    await Promise.all(Array.from({ length: 5 }, () => client.rateQuotes(RATE_REQUEST)));
    expect(tokens).toHaveLength(1);
  });

  it('a 401 drops the token, refreshes once and resends', async () => {
    const tokens: string[] = [];
    tokenEndpoint(tokens);
    const seen: SeenRequest[] = [];
    const expired = { transactionId: 't-401', errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'Access token expired. Please modify your request and try again.' }] };
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(answer(seen, 401, expired));
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(answer(seen, 200, fixtureText('samples/rate__RateResponse.json')));
    const { client } = makeKit();
    await client.rateQuotes(RATE_REQUEST);
    expect(seen.map((s) => s.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('refused credentials are an auth error that names no secret', async () => {
    nock(SANDBOX).post('/oauth/token').reply(401, { transactionId: 't', errors: [{ code: 'NOT.AUTHORIZED.ERROR', message: 'The given client credentials were not valid. Please modify your request and try again.' }] }, json);
    const { client, logs } = makeKit();
    const failure = await rejection(client.rateQuotes(RATE_REQUEST));
    expect(failure.kind).toBe('auth');
    expect(failure.operation).toBe('oauthToken');
    expect(`${failure.message}${logs.text()}`).not.toContain(CREDENTIALS.clientSecret);
  });

  it('tracking uses the tracking project credentials when given; the rest uses the main project', async () => {
    const bodies: string[] = [];
    nock(SANDBOX)
      .post('/oauth/token')
      .times(2)
      .reply((_p, body) => {
        const form = new URLSearchParams(body as string);
        bodies.push(form.get('client_id') ?? '');
        return [200, { access_token: `tok-${form.get('client_id')}`, expires_in: 3599 }, json];
      });
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/track/v1/trackingnumbers').reply(answer(seen, 200, fixtureText('samples/tracking__TrackingResponse.json')));
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(answer(seen, 200, fixtureText('samples/rate__RateResponse.json')));
    const { client } = makeKit({ credentials: { ...CREDENTIALS, ...TRACKING_CREDENTIALS } });
    await client.trackByNumber(['794843185271']);
    await client.rateQuotes(RATE_REQUEST);
    expect(seen.map((s) => s.headers['authorization'])).toEqual([`Bearer tok-${TRACKING_CREDENTIALS.trackingClientId}`, `Bearer tok-${CREDENTIALS.clientId}`]);
    expect(bodies.sort()).toEqual([CREDENTIALS.clientId, TRACKING_CREDENTIALS.trackingClientId].sort());
  });

  it('refuses half a tracking credential pair', () => {
    expect(() => makeKit({ credentials: { ...CREDENTIALS, trackingClientId: 'x' } })).toThrow(/FedEx credentials/);
  });
});

describe('rate quotes', () => {
  it('POSTs the request with its customer transaction id and reads the karrio-recorded reply', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(answer(seen, 200, fixtureText('samples/rate__RateResponse.json')));
    const { client } = makeKit();
    const result = await client.rateQuotes(RATE_REQUEST, { customerTransactionId: 'quote-1001' });
    expect(seen[0]!.body).toEqual(RATE_REQUEST);
    expect(seen[0]!.headers['x-customer-transaction-id']).toBe('quote-1001');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(result.response.output.rateReplyDetails.length).toBeGreaterThan(0);
    expect(result.customerTransactionId).toBe('quote-1001');
  });

  it('refuses a request without packages before sending, naming the field', async () => {
    const { client } = makeKit();
    const bad = { ...RATE_REQUEST, requestedShipment: { ...RATE_REQUEST.requestedShipment, requestedPackageLineItems: [] } };
    const failure = await rejection(client.rateQuotes(bad));
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('requestedShipment.requestedPackageLineItems');
  });
});

describe('create shipment', () => {
  it('sends commodities and customs clearance, the idempotency reference on each package and as transaction id, and keeps labels out of logs', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/ship/v1/shipments').reply(answer(seen, 200, fixtureText('samples/shipment__IntlShipmentResponse.json')));
    const { client, logs } = makeKit();

    const result = await client.createShipment(SHIP_REQUEST, { idempotencyKey: 'caravan-order-1001' });

    const sent = seen[0]!.body as FedexShipRequest;
    expect(seen[0]!.headers['x-customer-transaction-id']).toBe('caravan-order-1001');
    expect(sent.requestedShipment.requestedPackageLineItems[0]?.customerReferences).toEqual([{ customerReferenceType: 'CUSTOMER_REFERENCE', value: 'caravan-order-1001' }]);
    expect(sent.requestedShipment.customsClearanceDetail).toEqual(SHIP_REQUEST.requestedShipment.customsClearanceDetail);
    const shipment = result.response.output.transactionShipments[0]!;
    const label = shipment.pieceResponses?.[0]?.packageDocuments?.[0]?.encodedLabel;
    expect(label?.length).toBeGreaterThan(1000);
    expect(logs.text()).not.toContain(label!.slice(0, 40));
  });

  it('is never resent after a 503: a second POST could buy a second label', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/ship/v1/shipments').times(3).reply(answer(seen, 503, { transactionId: 't', errors: [{ code: 'SERVICE.UNAVAILABLE.ERROR', message: 'The service is currently unavailable.' }] }));
    const { client } = makeKit();
    const failure = await rejection(client.createShipment(SHIP_REQUEST, { idempotencyKey: 'order-1' }));
    expect(seen).toHaveLength(1);
    expect(failure.kind).toBe('transient');
  });

  it('refuses an international shipment without customs clearance detail, and a commodity without origin', async () => {
    const { client } = makeKit();
    const { customsClearanceDetail: _c, ...noCustoms } = SHIP_REQUEST.requestedShipment;
    expect((await rejection(client.createShipment({ ...SHIP_REQUEST, requestedShipment: noCustoms }, { idempotencyKey: 'o' }))).message).toContain('customsClearanceDetail is required');
    const customs = SHIP_REQUEST.requestedShipment.customsClearanceDetail!;
    const { countryOfManufacture: _o, ...commodity } = customs.commodities[0]!;
    const bad = { ...SHIP_REQUEST, requestedShipment: { ...SHIP_REQUEST.requestedShipment, customsClearanceDetail: { ...customs, commodities: [commodity] } } };
    const failure = await rejection(client.createShipment(bad as FedexShipRequest, { idempotencyKey: 'o' }));
    expect(failure.message).toContain('requestedShipment.customsClearanceDetail.commodities[0].countryOfManufacture');
  });

  it('a FedEx validation reply is typed with its code', async () => {
    tokenEndpoint([]);
    nock(SANDBOX)
      .post('/ship/v1/shipments')
      .reply(400, { transactionId: 't-400', errors: [{ code: 'SHIPMENT.COMMODITY.HARMONIZEDCODE.INVALID', message: 'Harmonized code is invalid.' }] }, json);
    const { client } = makeKit();
    const failure = await rejection(client.createShipment(SHIP_REQUEST, { idempotencyKey: 'o' }));
    expect([failure.kind, failure.vendorCode, failure.requestId]).toEqual(['validation', 'SHIPMENT.COMMODITY.HARMONIZEDCODE.INVALID', 't-400']);
  });
});

describe('cancel', () => {
  it('PUTs the tracking number for the connection account and reads the reply', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).put('/ship/v1/shipments/cancel').reply(answer(seen, 200, fixtureText('samples/shipment__ShipmentCancelResponse.json')));
    const { client } = makeKit();
    const result = await client.cancelShipment({ trackingNumber: '794953555571' });
    expect(seen[0]!.body).toEqual({ accountNumber: { value: '740561073' }, trackingNumber: '794953555571', deletionControl: 'DELETE_ALL_PACKAGES' });
    expect(result.response.output.cancelledShipment).toBe(true);
  });

  it('cancelledShipment false is a refusal', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).put('/ship/v1/shipments/cancel').reply(200, { transactionId: 't', output: { cancelledShipment: false, cancelledHistory: false } }, json);
    const { client } = makeKit();
    const failure = await rejection(client.cancelShipment({ trackingNumber: '794953555571' }));
    expect(failure.kind).toBe('validation');
    expect(failure.message).toContain('did not cancel shipment 794953555571');
  });
});

describe('tracking', () => {
  it('POSTs the numbers with detailed scans and reads the karrio-recorded reply', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/track/v1/trackingnumbers').reply(answer(seen, 200, fixtureText('samples/tracking__TrackingResponse.json')));
    const { client } = makeKit();
    const result = await client.trackByNumber(['794843185271']);
    expect(seen[0]!.body).toEqual({ includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: '794843185271' } }] });
    expect(result.response.output.completeTrackResults.length).toBeGreaterThan(0);
  });

  it('a 200 whose only result is a not-found error is kind not_found', async () => {
    tokenEndpoint([]);
    const body = { transactionId: 't1', output: { completeTrackResults: [{ trackingNumber: '39936862321', trackResults: [{ trackingNumberInfo: { trackingNumber: '39936862321' }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } }] }] } };
    nock(SANDBOX).post('/track/v1/trackingnumbers').reply(200, body, json);
    const { client } = makeKit();
    expect((await rejection(client.trackByNumber(['39936862321']))).kind).toBe('not_found');
  });

  it('looks shipments up by the reference createShipment sent', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/track/v1/referencenumbers').reply(answer(seen, 200, fixtureText('samples/tracking__TrackingResponse.json')));
    const { client } = makeKit();
    await client.trackByReference({ reference: 'caravan-order-1001', from: '2026-03-01', to: '2026-03-03' });
    expect(seen[0]!.body).toEqual({
      referencesInformation: { type: 'CUSTOMER_REFERENCE', value: 'caravan-order-1001', accountNumber: '740561073', shipDateBegin: '2026-03-01', shipDateEndDate: '2026-03-03' },
      includeDetailedScans: false,
    });
  });
});

describe('ETD document upload', () => {
  it('POSTs multipart: the document JSON part and the file, and returns the document id', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/documents/v1/etds/upload').reply(answer(seen, 201, fixtureText('samples/document__DocumentUploadResponse.json')));
    const { client } = makeKit();
    const pdf = Buffer.from('%PDF-1.4\n% commercial invoice\n%%EOF\n');
    const document = { workflowName: 'ETDPreshipment' as const, name: 'invoice-1001.pdf', contentType: 'application/pdf' as const, meta: { shipDocumentType: 'COMMERCIAL_INVOICE' as const, originCountryCode: 'DE', destinationCountryCode: 'US' } };

    const result = await client.uploadEtdDocument({ document, content: pdf });

    const contentType = String(seen[0]!.headers['content-type']);
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    expect(contentType.startsWith('multipart/form-data; boundary=')).toBe(true);
    const body = typeof seen[0]!.body === 'string' ? seen[0]!.body : Buffer.from(seen[0]!.body as never).toString('utf8');
    expect(body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="document"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(document)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="invoice-1001.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf.toString('utf8')}\r\n--${boundary}--\r\n`,
    );
    expect(result.response.output.meta.docId).toBe('090493e181586308');
  });

  it('refuses an unknown document type before sending', async () => {
    const { client } = makeKit();
    const failure = await rejection(client.uploadEtdDocument({ document: { workflowName: 'ETDPreshipment', name: 'x.pdf', contentType: 'application/pdf', meta: { shipDocumentType: 'INVOICE' as never } }, content: Buffer.from('x') }));
    expect(failure.message).toContain('meta.shipDocumentType');
  });
});

describe('rate limits and quotas', () => {
  it('the default bucket never lets more than FedEx\'s 1,400 transactions through in 10 s', () => {
    expect(FEDEX_PROJECT_TRANSACTIONS_PER_WINDOW).toBe(1400);
    expect(FEDEX_PROJECT_WINDOW_MS).toBe(10_000);
    expect(worstCaseInWindow(DEFAULT_FEDEX_RATE_LIMIT, FEDEX_PROJECT_WINDOW_MS)).toBe(1400);
  });

  it('a daily-quota 429 is rate_limited until 00:00 GMT, and is not waited out in-process', async () => {
    tokenEndpoint([]);
    const seen: SeenRequest[] = [];
    const quota = { transactionId: 't-q', errors: [{ code: 'TOO.MANY.REQUESTS.ERROR', message: 'Too many requests - Daily transaction quota exceeded. Retry after 12:00AM GMT' }] };
    nock(SANDBOX).post('/rate/v1/rates/quotes').times(2).reply(answer(seen, 429, quota));
    const { client, clock } = makeKit({ limiter: new RateLimiterRegistry() });
    clock.nowMs = Date.UTC(2026, 2, 1, 18, 30, 0);
    const failure = await rejection(client.rateQuotes(RATE_REQUEST));
    expect(failure.kind).toBe('rate_limited');
    expect(failure.retryAfterMs).toBe(5.5 * 3600 * 1000);
    expect(seen).toHaveLength(1);
  });

  it('another 429 waits what Retry-After says', async () => {
    tokenEndpoint([]);
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(429, { transactionId: 't', errors: [{ code: 'TOO.MANY.REQUESTS.ERROR', message: 'We have received too many requests in a short duration. Please wait a while to try again.' }] }, { ...json, 'retry-after': '7' });
    const { client } = makeKit();
    const failure = await rejection(client.rateQuotes(RATE_REQUEST));
    expect([failure.kind, failure.retryAfterMs]).toEqual(['rate_limited', 7000]);
  });

  it('time until the next 00:00 GMT', () => {
    expect(msUntilNextUtcMidnight(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe(1000);
    expect(msUntilNextUtcMidnight(Date.UTC(2026, 2, 1, 0, 0, 0))).toBe(24 * 3600 * 1000);
  });
});

describe('the karrio-recorded token reply', () => {
  it('is read as a token', async () => {
    nock(SANDBOX).post('/oauth/token').reply(200, fixtureJson('samples/authentication__LoginResponse.json'), json);
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/rate/v1/rates/quotes').reply(answer(seen, 200, fixtureText('samples/rate__RateResponse.json')));
    const { client } = makeKit();
    await client.rateQuotes(RATE_REQUEST);
    expect(seen[0]!.headers['authorization']).toBe('Bearer access_token');
  });
});
