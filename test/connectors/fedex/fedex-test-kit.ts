/** Shared set-up for the FedEx connector tests: requests as Caravan's mappings would build them, a client on a fake clock, token replies. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { createFedexClient, type CreateFedexClientOptions, type FedexClient, type FedexRateRequest, type FedexShipRequest } from '../../../connectors/fedex/index.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';
// Request capture is the same for every carrier.
export { answer, type SeenRequest } from '../dhl/dhl-test-kit.js';

export const SANDBOX = 'https://apis-sandbox.fedex.com';
/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const CREDENTIALS = { clientId: 'l7-caravan-client-id', clientSecret: 'caravan-fedex-secret-Q1' } as const;
export const TRACKING_CREDENTIALS = { trackingClientId: 'l7-caravan-track-id', trackingClientSecret: 'caravan-track-secret-W2' } as const;

const FIXTURES = new URL('../../fixtures/fedex/', import.meta.url);
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
export const fixtureJson = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixtureText(name)) as T;

const party = (city: string, postalCode: string, countryCode: string, name: string) => ({
  address: { streetLines: ['1 Example Street'], city, postalCode, countryCode },
  contact: { personName: name, companyName: `${name} Ltd`, phoneNumber: '+4930123456' },
});

/** A German seller's DDP parcel to the US with two commodities (HS codes, origins, values, weights). */
export const SHIP_REQUEST: FedexShipRequest = {
  accountNumber: { value: '740561073' },
  labelResponseOptions: 'LABEL',
  requestedShipment: {
    shipDatestamp: '2026-03-02',
    shipper: party('Berlin', '10115', 'DE', 'Seller'),
    recipients: [party('New York', '10001', 'US', 'Buyer')],
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
    serviceType: 'FEDEX_INTERNATIONAL_PRIORITY',
    packagingType: 'YOUR_PACKAGING',
    totalWeight: 2.7,
    shippingChargesPayment: { paymentType: 'SENDER' },
    customsClearanceDetail: {
      commercialInvoice: { termsOfSale: 'DDP', shipmentPurpose: 'SOLD', customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER', value: 'INV-1001' }] },
      dutiesPayment: { paymentType: 'SENDER' },
      isDocumentOnly: false,
      commodities: [
        { description: 'Leather shoes', harmonizedCode: '640391', countryOfManufacture: 'DE', quantity: 2, quantityUnits: 'PCS', unitPrice: { amount: 120, currency: 'EUR' }, customsValue: { amount: 240, currency: 'EUR' }, weight: { units: 'KG', value: 1.8 } },
        { description: 'Cotton knitwear', harmonizedCode: '611020', countryOfManufacture: 'PT', quantity: 3, quantityUnits: 'PCS', unitPrice: { amount: 33.33, currency: 'EUR' }, customsValue: { amount: 99.99, currency: 'EUR' }, weight: { units: 'KG', value: 0.9 } },
      ],
    },
    labelSpecification: { imageType: 'PDF', labelStockType: 'PAPER_85X11_TOP_HALF_LABEL' },
    requestedPackageLineItems: [{ weight: { units: 'KG', value: 2.7 } }],
  },
};

export const RATE_REQUEST: FedexRateRequest = {
  accountNumber: { value: '740561073' },
  requestedShipment: {
    shipper: { address: { postalCode: '10115', countryCode: 'DE' } },
    recipient: { address: { postalCode: '10001', countryCode: 'US' } },
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
    rateRequestType: ['ACCOUNT', 'LIST'],
    requestedPackageLineItems: [{ weight: { units: 'KG', value: 2.7 } }],
  },
};

export interface Kit {
  readonly client: FedexClient;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
}

export function makeKit(overrides: Partial<CreateFedexClientOptions> = {}): Kit {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createFedexClient({
    tenant: 'acme',
    settings: { environment: 'sandbox', accountNumber: '740561073' },
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
  });
  return { client, clock, logs };
}

/** Answers token requests with `tok-1`, `tok-2` … (lifetime `expiresIn` s) and records their bodies. */
export function tokenEndpoint(seen: string[], expiresIn = 3599, times = 10): nock.Scope {
  return nock(SANDBOX)
    .post('/oauth/token')
    .times(times)
    .reply(function (_path, body) {
      seen.push(typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString());
      return [200, { access_token: `tok-${seen.length}`, token_type: 'bearer', expires_in: expiresIn, scope: 'CXS-TP' }, { 'content-type': 'application/json' }];
    });
}

