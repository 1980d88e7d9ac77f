import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox, type DhlSandboxOptions } from '../../../sandbox/dhl/index.js';
import { myDhl, testClock, unified, type TestClock } from './dhl-client.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: DhlSandboxOptions = {}): Promise<{ sb: DhlSandbox; clock: TestClock }> {
  const clock = testClock();
  sandbox = await startDhlSandbox({ clock: clock.now, ...options });
  return { sb: sandbox, clock };
}

const RATE_REQUEST = {
  customerDetails: {
    shipperDetails: { postalCode: '04109', cityName: 'Leipzig', countryCode: 'DE' },
    receiverDetails: { postalCode: '10001', cityName: 'New York', countryCode: 'US' },
  },
  accounts: [{ typeCode: 'shipper', number: SANDBOX_DHL_CREDENTIALS.accountNumber }],
  plannedShippingDateAndTime: '2026-03-16T14:00:00GMT+01:00',
  unitOfMeasurement: 'metric',
  isCustomsDeclarable: true,
  packages: [{ weight: 2.5, dimensions: { length: 30, width: 20, height: 15 } }],
};

interface Product {
  productCode: string;
  productName: string;
  weight: { volumetric: number; provided: number; unitOfMeasurement: string };
  totalPrice: { currencyType: string; priceCurrency: string; price: number }[];
  deliveryCapabilities: { estimatedDeliveryDateAndTime: string; totalTransitDays: number };
}

describe('MyDHL authentication and headers', () => {
  it('refuses wrong basic credentials with 401 in the error schema, and no credentials alike', async () => {
    const { sb } = await start();
    const wrong = await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, authorization: `Basic ${Buffer.from('caravansandbox:nope').toString('base64')}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(wrong.body).toEqual({ instance: '/expressapi/rates', detail: 'Invalid Credentials', title: 'Unauthorized', message: 'Unauthorized', status: '401' });
    expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, authorization: null })).status).toBe(401);
    expect(sb.stats().unauthorized).toBe(2);
  });

  it('accepts the configured credentials, and only them', async () => {
    const { sb } = await start({ username: 'someone', password: 's3cret' });
    expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST })).status).toBe(401);
    const own = await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, authorization: `Basic ${Buffer.from('someone:s3cret').toString('base64')}` });
    expect(own.status).toBe(200);
  });

  it('requires a Message-Reference of 28 to 36 characters and echoes it', async () => {
    const { sb } = await start();
    const none = await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, messageReference: null });
    expect(none.status).toBe(400);
    expect(none.body.detail).toMatch(/Message-Reference/);
    expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, messageReference: 'x'.repeat(27) })).status).toBe(400);
    expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, messageReference: 'x'.repeat(37) })).status).toBe(400);
    const ok = await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST, messageReference: 'r'.repeat(28) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('message-reference')).toBe('r'.repeat(28));
  });

  it('serves the production path too, and nothing outside the model', async () => {
    const { sb } = await start();
    const res = await fetch(`${sb.url}/mydhlapi/rates`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${SANDBOX_DHL_CREDENTIALS.username}:${SANDBOX_DHL_CREDENTIALS.password}`).toString('base64')}`, 'message-reference': 'm'.repeat(30), 'content-type': 'application/json' }, body: JSON.stringify(RATE_REQUEST) });
    expect(res.status).toBe(200);
    expect((await myDhl(sb.url, 'DELETE', '/rates')).status).toBe(404);
  });

  it('checks the Unified tracking key (401 problem detail with a numeric status)', async () => {
    const { sb } = await start();
    const r = await unified(sb.url, '1234567890', 'wrong-key');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    expect((await unified(sb.url, '1234567890', null)).status).toBe(401);
  });
});

describe('MyDHL rates', () => {
  it('quotes the dutiable DE → US products in BILLC, PULCL and BASEC with a delivery estimate', async () => {
    const { sb } = await start();
    const r = await myDhl<{ products: Product[]; exchangeRates?: unknown[] }>(sb.url, 'POST', '/rates', { body: RATE_REQUEST });
    expect(r.status).toBe(200);
    expect(r.body.products.map((p) => p.productCode)).toEqual(['P', 'H']);
    const express = r.body.products[0]!;
    expect(express.productName).toBe('EXPRESS WORLDWIDE NONDOC');
    // 30×20×15/5000 = 1.8 kg volumetric < 2.5 kg actual: 5 half kilos, zone 3 (Europe–North America).
    expect(express.weight).toEqual({ volumetric: 1.8, provided: 2.5, unitOfMeasurement: 'metric' });
    // EUR: (5190 + 4 × 475) = 7090 cents, fuel 20 % = 1418 → 85.08 EUR.
    expect(express.totalPrice).toEqual([
      { currencyType: 'BILLC', priceCurrency: 'EUR', price: 85.08 },
      { currencyType: 'PULCL', priceCurrency: 'EUR', price: 85.08 },
      { currencyType: 'BASEC', priceCurrency: 'EUR', price: 85.08 },
    ]);
    expect(express.deliveryCapabilities).toMatchObject({ estimatedDeliveryDateAndTime: '2026-03-19T23:59:00', totalTransitDays: 3 });
    const economy = r.body.products[1]!;
    expect(economy.deliveryCapabilities.totalTransitDays).toBe(6);
    expect(economy.totalPrice[0]!.price).toBeLessThan(express.totalPrice[0]!.price);
    expect(r.body.exchangeRates).toBeUndefined();
  });

  it('bills a UK shipper in GBP with EUR as BASEC, and a heavier or bulkier parcel costs more', async () => {
    const { sb } = await start();
    const gb = { ...RATE_REQUEST, customerDetails: { ...RATE_REQUEST.customerDetails, shipperDetails: { postalCode: 'EC1A 1BB', cityName: 'London', countryCode: 'GB' } } };
    const r = await myDhl<{ products: Product[]; exchangeRates: unknown[] }>(sb.url, 'POST', '/rates', { body: gb });
    const prices = r.body.products[0]!.totalPrice;
    expect(prices.map((p) => [p.currencyType, p.priceCurrency])).toEqual([['BILLC', 'GBP'], ['PULCL', 'GBP'], ['BASEC', 'EUR']]);
    expect(prices[0]!.price).toBe(74.02); // 85.08 EUR × 0.87, per part, rounded half up
    expect(r.body.exchangeRates).toEqual([{ currentExchangeRate: 0.87, currency: 'GBP', baseCurrency: 'EUR' }]);
    const bulky = { ...RATE_REQUEST, packages: [{ weight: 2.5, dimensions: { length: 60, width: 40, height: 40 } }] };
    const big = await myDhl<{ products: Product[] }>(sb.url, 'POST', '/rates', { body: bulky });
    expect(big.body.products[0]!.weight.volumetric).toBe(19.2);
    expect(big.body.products[0]!.totalPrice[0]!.price).toBeGreaterThan(85.08);
  });

  it('offers EXPRESS WORLDWIDE and ECONOMY SELECT inside the EU, and the documents product for non-dutiable shipments', async () => {
    const { sb } = await start();
    const eu = { ...RATE_REQUEST, customerDetails: { ...RATE_REQUEST.customerDetails, receiverDetails: { postalCode: '75001', cityName: 'Paris', countryCode: 'FR' } } };
    expect((await myDhl<{ products: Product[] }>(sb.url, 'POST', '/rates', { body: eu })).body.products.map((p) => p.productCode)).toEqual(['U', 'W']);
    const docs = { ...RATE_REQUEST, isCustomsDeclarable: false };
    expect((await myDhl<{ products: Product[] }>(sb.url, 'POST', '/rates', { body: docs })).body.products.map((p) => p.productCode)).toEqual(['D']);
  });

  it('answers GET /rates with the same figures as POST', async () => {
    const { sb } = await start();
    const get = await myDhl<{ products: Product[] }>(sb.url, 'GET', '/rates', {
      query: {
        accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber,
        originCountryCode: 'DE',
        originCityName: 'Leipzig',
        destinationCountryCode: 'US',
        destinationCityName: 'New York',
        weight: '2.5',
        length: '30',
        width: '20',
        height: '15',
        plannedShippingDate: '2026-03-16',
        isCustomsDeclarable: 'true',
        unitOfMeasurement: 'metric',
      },
    });
    expect(get.status).toBe(200);
    expect(get.body.products[0]!.totalPrice[0]).toEqual({ currencyType: 'BILLC', priceCurrency: 'EUR', price: 85.08 });
    const missing = await myDhl(sb.url, 'GET', '/rates', { query: { originCountryCode: 'DE' } });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/accountNumber/);
  });

  it('lists the lane’s products without prices on GET /products', async () => {
    const { sb } = await start();
    const r = await myDhl<{ products: Record<string, unknown>[] }>(sb.url, 'GET', '/products', {
      query: { accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber, originCountryCode: 'DE', originCityName: 'Leipzig', destinationCountryCode: 'FR', destinationCityName: 'Paris', weight: '1', length: '10', width: '10', height: '10', plannedShippingDate: '2026-03-16', isCustomsDeclarable: 'false', unitOfMeasurement: 'metric' },
    });
    expect(r.status).toBe(200);
    expect(r.body.products.map((p) => p.productCode)).toEqual(['U', 'W']);
    expect(r.body.products[0]).not.toHaveProperty('totalPrice');
    expect(r.body.products[0]).toMatchObject({ productName: 'EXPRESS WORLDWIDE', deliveryCapabilities: { totalTransitDays: 2 } });
  });

  it('names the missing field of a bad request (422) and refuses an unknown account (400)', async () => {
    const { sb } = await start();
    const { packages: _packages, ...noPackages } = RATE_REQUEST;
    const r = await myDhl(sb.url, 'POST', '/rates', { body: noPackages });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({ instance: '/expressapi/rates', detail: '#: required key [packages] not found', title: 'Validation error', message: 'Unprocessable Entity', status: '422' });
    const other = await myDhl(sb.url, 'POST', '/rates', { body: { ...RATE_REQUEST, accounts: [{ typeCode: 'shipper', number: '123456789' }] } });
    expect(other.status).toBe(400);
    expect(other.body.detail).toBe('The account number is not found or invalid. Please check the account number and retry.');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-second limit, and lets calls through in the next second', async () => {
    const { sb, clock } = await start({ requestsPerSecond: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.body).toMatchObject({ title: 'Too Many Requests', status: '429' });
    clock.advanceSeconds(1);
    expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST })).status).toBe(200);
    expect(sb.stats().throttled).toBe(3);
  });

  it('never throttles with rateLimits: false', async () => {
    const { sb } = await start({ requestsPerSecond: 1, rateLimits: false });
    for (let i = 0; i < 4; i++) expect((await myDhl(sb.url, 'POST', '/rates', { body: RATE_REQUEST })).status).toBe(200);
  });
});
