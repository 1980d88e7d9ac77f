import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_FEDEX_CREDENTIALS, SANDBOX_FEDEX_TRACKING_CREDENTIALS, startFedexSandbox, type FedexSandbox, type FedexSandboxOptions } from '../../../sandbox/fedex/index.js';
import { testClock, type TestClock } from '../dhl/dhl-client.js';
import { fedex, RATE_REQUEST, requestToken, token, type FedexErrorBody } from './fedex-client.js';

let sandbox: FedexSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: FedexSandboxOptions = {}): Promise<{ sb: FedexSandbox; clock: TestClock }> {
  const clock = testClock();
  sandbox = await startFedexSandbox({ clock: clock.now, ...options });
  return { sb: sandbox, clock };
}

interface RateDetail {
  rateType: string;
  totalBaseCharge: number;
  totalNetCharge: number;
  currency: string;
  shipmentRateDetail: { rateZone: string; totalSurcharges: number; totalBillingWeight: { units: string; value: number } };
}
interface RateReply {
  transactionId: string;
  customerTransactionId?: string;
  output: { rateReplyDetails: { serviceType: string; serviceName: string; ratedShipmentDetails: RateDetail[]; operationalDetail: { transitTime: string; deliveryDate: string } }[] };
}

describe('FedEx OAuth', () => {
  it('issues a bearer token for client credentials, in the shape of the sample', async () => {
    const { sb } = await start();
    const r = await requestToken(sb.url);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3599, scope: 'CXS-TP' });
    expect(sb.stats().tokensIssued).toBe(1);
  });

  it('refuses wrong client credentials with 401 NOT.AUTHORIZED.ERROR and a missing field with 400', async () => {
    const { sb } = await start();
    const wrong = await requestToken(sb.url, { ...SANDBOX_FEDEX_CREDENTIALS, clientSecret: 'nope' });
    expect(wrong.status).toBe(401);
    expect((wrong.body as unknown as FedexErrorBody).errors).toEqual([{ code: 'NOT.AUTHORIZED.ERROR', message: 'The given client credentials were not valid. Please modify your request and try again.' }]);
    const res = await fetch(`${sb.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as FedexErrorBody).errors[0]?.code).toBe('BAD.REQUEST.ERROR');
  });

  it('refuses API calls without, with an unknown, or with an expired token (401 errors[] with a transactionId)', async () => {
    const { sb, clock } = await start({ tokenTtlSeconds: 60 });
    const none = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', null, RATE_REQUEST);
    expect(none.status).toBe(401);
    expect(none.body.errors[0]?.code).toBe('NOT.AUTHORIZED.ERROR');
    expect(none.body.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', 'made-up', RATE_REQUEST)).status).toBe(401);
    const t = await token(sb.url);
    expect((await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST)).status).toBe(200);
    clock.advanceSeconds(61);
    const expired = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST);
    expect(expired.status).toBe(401);
    expect(expired.body.errors).toEqual([{ code: 'NOT.AUTHORIZED.ERROR', message: 'Access token expired. Please modify your request and try again.' }]);
    expect(sb.stats().unauthorized).toBe(3);
  });

  it('lets the Track-only project track but not rate (403 FORBIDDEN.ERROR)', async () => {
    const { sb } = await start();
    const t = await token(sb.url, SANDBOX_FEDEX_TRACKING_CREDENTIALS);
    const rate = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST);
    expect(rate.status).toBe(403);
    expect(rate.body.errors[0]?.code).toBe('FORBIDDEN.ERROR');
    const track = await fedex(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: '123456789012' } }] });
    expect(track.status).toBe(200);
  });
});

describe('FedEx rate quotes', () => {
  it('quotes the three international services with totalNetCharge, zone and commit date', async () => {
    const { sb } = await start();
    const t = await token(sb.url);
    const r = await fedex<RateReply>(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST, { 'x-customer-transaction-id': 'rate-test-1' });
    expect(r.status).toBe(200);
    expect(r.body.customerTransactionId).toBe('rate-test-1');
    const details = r.body.output.rateReplyDetails;
    expect(details.map((d) => d.serviceType)).toEqual(['INTERNATIONAL_PRIORITY', 'INTERNATIONAL_ECONOMY', 'FEDEX_INTERNATIONAL_CONNECT_PLUS']);
    // 2.5 kg actual > 1.8 kg dimensional: 5 half kilos on zone C: 6390 + 4 × 520 = 8470 US cents, fuel 18 % = 1525.
    const priority = details[0]!.ratedShipmentDetails[0]!;
    expect(priority).toMatchObject({ rateType: 'ACCOUNT', totalBaseCharge: 84.7, totalNetCharge: 99.95, currency: 'USD' });
    expect(priority.shipmentRateDetail).toMatchObject({ rateZone: 'C', totalSurcharges: 15.25, totalBillingWeight: { units: 'KG', value: 2.5 } });
    expect(details[0]!.operationalDetail).toMatchObject({ transitTime: 'TWO_DAYS', deliveryDate: '2026-03-18T10:30:00' });
    expect(details.map((d) => d.ratedShipmentDetails[0]!.totalNetCharge)).toEqual([99.95, 73.96, 81.95]);
  });

  it('adds a PREFERRED_CURRENCY rate when another currency is asked for, and filters by serviceType', async () => {
    const { sb } = await start();
    const t = await token(sb.url);
    const body = { ...RATE_REQUEST, requestedShipment: { ...RATE_REQUEST.requestedShipment, preferredCurrency: 'EUR', serviceType: 'INTERNATIONAL_PRIORITY' } };
    const r = await fedex<RateReply>(sb.url, 'POST', '/rate/v1/rates/quotes', t, body);
    expect(r.body.output.rateReplyDetails).toHaveLength(1);
    expect(r.body.output.rateReplyDetails[0]!.ratedShipmentDetails.map((d) => [d.rateType, d.currency, d.totalNetCharge])).toEqual([
      ['ACCOUNT', 'USD', 99.95],
      ['PREFERRED_CURRENCY', 'EUR', 86.16],
    ]);
  });

  it('names the field at fault and refuses another account', async () => {
    const { sb } = await start();
    const t = await token(sb.url);
    const noWeight = structuredClone(RATE_REQUEST) as { requestedShipment: { requestedPackageLineItems: Record<string, unknown>[] } };
    delete noWeight.requestedShipment.requestedPackageLineItems[0]!.weight;
    const bad = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, noWeight);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ code: 'INVALID.INPUT.EXCEPTION', parameterList: [{ key: 'FIELD', value: 'requestedShipment.requestedPackageLineItems[0].weight' }] });
    const other = await fedex<FedexErrorBody>(sb.url, 'POST', '/rate/v1/rates/quotes', t, { ...RATE_REQUEST, accountNumber: { value: '123456789' } });
    expect(other.status).toBe(400);
    expect(other.body.errors[0]?.code).toBe('ACCOUNT.NUMBER.MISMATCH');
  });
});
