/** Test helpers for the FedEx sandbox: OAuth and API calls written by hand from the models. */
import { SANDBOX_FEDEX_CREDENTIALS, type FedexCredentials } from '../../../sandbox/fedex/index.js';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface FedexErrorBody {
  transactionId?: string;
  customerTransactionId?: string;
  errors: { code: string; message: string; parameterList?: { key: string; value: string }[] }[];
}

export async function requestToken(baseUrl: string, credentials: FedexCredentials = SANDBOX_FEDEX_CREDENTIALS): Promise<Reply> {
  const res = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function token(baseUrl: string, credentials: FedexCredentials = SANDBOX_FEDEX_CREDENTIALS): Promise<string> {
  const r = await requestToken(baseUrl, credentials);
  if (r.status !== 200 || typeof r.body.access_token !== 'string') throw new Error(`token request failed with ${r.status}`);
  return r.body.access_token;
}

export async function fedex<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, accessToken: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-locale': 'en_US',
      ...(accessToken === null ? {} : { authorization: `Bearer ${accessToken}` }),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const party = (city: string, postalCode: string, countryCode: string, personName: string) => ({
  address: { streetLines: ['1 Test Street'], city, postalCode, countryCode, residential: false },
  contact: { personName, phoneNumber: '+14155550100', companyName: `${personName} Inc` },
});

export const RATE_REQUEST = {
  accountNumber: { value: SANDBOX_FEDEX_CREDENTIALS.accountNumber },
  requestedShipment: {
    shipper: { address: { postalCode: '10001', countryCode: 'US' } },
    recipient: { address: { postalCode: '04109', countryCode: 'DE' } },
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
    rateRequestType: ['ACCOUNT'],
    shipDateStamp: '2026-03-16',
    requestedPackageLineItems: [{ weight: { units: 'KG', value: 2.5 }, dimensions: { length: 30, width: 20, height: 15, units: 'CM' } }],
  },
};

/** An international US → DE shipment of two commodities, a commercial invoice asked for. */
export function shipRequest(reference: string, packages = 1): Record<string, unknown> {
  return {
    labelResponseOptions: 'LABEL',
    accountNumber: { value: SANDBOX_FEDEX_CREDENTIALS.accountNumber },
    requestedShipment: {
      shipper: party('New York', '10001', 'US', 'Sam Sender'),
      recipients: [party('Leipzig', '04109', 'DE', 'Anna Empfänger')],
      shipDatestamp: '2026-03-16',
      serviceType: 'INTERNATIONAL_PRIORITY',
      packagingType: 'YOUR_PACKAGING',
      pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
      shippingChargesPayment: { paymentType: 'SENDER' },
      labelSpecification: { imageType: 'PDF', labelStockType: 'STOCK_4X6' },
      shippingDocumentSpecification: { shippingDocumentTypes: ['COMMERCIAL_INVOICE'], commercialInvoiceDetail: { documentFormat: { docType: 'PDF', stockType: 'PAPER_LETTER' } } },
      customsClearanceDetail: {
        dutiesPayment: { paymentType: 'RECIPIENT' },
        isDocumentOnly: false,
        commercialInvoice: { termsOfSale: 'DAP', shipmentPurpose: 'SOLD' },
        commodities: [
          { description: 'Cotton T-shirt', countryOfManufacture: 'US', quantity: 3, quantityUnits: 'PCS', customsValue: { amount: 12.5, currency: 'USD' }, weight: { units: 'KG', value: 0.6 }, harmonizedCode: '610910' },
          { description: 'Leather belt', countryOfManufacture: 'IT', quantity: 1, quantityUnits: 'PCS', customsValue: { amount: 40, currency: 'USD' }, weight: { units: 'KG', value: 0.3 }, harmonizedCode: '420330' },
        ],
      },
      totalWeight: 1.2 * packages,
      requestedPackageLineItems: Array.from({ length: packages }, () => ({
        weight: { units: 'KG', value: 1.2 },
        dimensions: { length: 25, width: 20, height: 10, units: 'CM' },
        customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: reference }],
      })),
    },
  };
}
