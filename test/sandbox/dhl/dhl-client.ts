/** Test helpers for the DHL sandbox: a controllable clock, MyDHL and Unified calls written by hand from the models. */
import { randomUUID } from 'node:crypto';
import { SANDBOX_DHL_CREDENTIALS } from '../../../sandbox/dhl/index.js';

export const T0 = Date.parse('2026-03-16T09:00:00Z');

export interface TestClock {
  now: () => Date;
  advanceSeconds(seconds: number): void;
}

export function testClock(startMs = T0): TestClock {
  let ms = startMs;
  return {
    now: () => new Date(ms),
    advanceSeconds: (s) => {
      ms += s * 1000;
    },
  };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export const BASIC = `Basic ${Buffer.from(`${SANDBOX_DHL_CREDENTIALS.username}:${SANDBOX_DHL_CREDENTIALS.password}`).toString('base64')}`;

export interface MyDhlCall {
  body?: unknown;
  query?: Record<string, string>;
  authorization?: string | null;
  messageReference?: string | null;
}

/** A MyDHL call under the test server path, with basic auth, x-version and a 36-character Message-Reference. */
export async function myDhl<T = Record<string, unknown>>(baseUrl: string, method: string, path: string, call: MyDhlCall = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'x-version': '3.1.1', accept: 'application/json' };
  const authorization = call.authorization === undefined ? BASIC : call.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const reference = call.messageReference === undefined ? randomUUID() : call.messageReference;
  if (reference !== null) headers['message-reference'] = reference;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const qs = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  const res = await fetch(`${baseUrl}/mydhlapi/test${path}${qs}`, {
    method,
    headers,
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export async function unified<T = Record<string, unknown>>(baseUrl: string, trackingNumber: string, apiKey: string | null = SANDBOX_DHL_CREDENTIALS.apiKey): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}/track/shipments?${new URLSearchParams({ trackingNumber, service: 'express' }).toString()}`, {
    headers: apiKey === null ? {} : { 'DHL-API-Key': apiKey },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export async function advance(baseUrl: string, seconds: number): Promise<void> {
  const res = await fetch(`${baseUrl}/_sandbox/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds }) });
  if (res.status !== 200) throw new Error(`advance failed with ${res.status}`);
}

const party = (city: string, postalCode: string, countryCode: string, fullName: string) => ({
  postalAddress: { postalCode, cityName: city, countryCode, addressLine1: '1 Test Street' },
  contactInformation: { phone: '+491234567', companyName: `${fullName} Ltd`, fullName, email: 'ops@example.com' },
});

/** A dutiable DE → US shipment with a two-line customs declaration and an invoice to generate. */
export function dutiableShipment(reference: string): Record<string, unknown> {
  return {
    plannedShippingDateAndTime: '2026-03-16T14:00:00GMT+01:00',
    pickup: { isRequested: false },
    productCode: 'P',
    accounts: [{ typeCode: 'shipper', number: SANDBOX_DHL_CREDENTIALS.accountNumber }],
    customerReferences: [{ value: reference, typeCode: 'CU' }],
    outputImageProperties: {
      encodingFormat: 'pdf',
      imageOptions: [
        { typeCode: 'label', templateName: 'ECOM26_84_001', isRequested: true },
        { typeCode: 'invoice', templateName: 'COMMERCIAL_INVOICE_P_10', isRequested: true, invoiceType: 'commercial' },
      ],
    },
    customerDetails: {
      shipperDetails: party('Leipzig', '04109', 'DE', 'Anna Sender'),
      receiverDetails: party('New York', '10001', 'US', 'Sam Receiver'),
    },
    content: {
      packages: [{ weight: 2.5, dimensions: { length: 30, width: 20, height: 15 } }],
      isCustomsDeclarable: true,
      declaredValue: 120,
      declaredValueCurrency: 'EUR',
      description: 'Ceramic mugs and tea',
      incoterm: 'DAP',
      unitOfMeasurement: 'metric',
      exportDeclaration: {
        lineItems: [
          { number: 1, description: 'Ceramic mug', price: 15, quantity: { value: 6, unitOfMeasurement: 'PCS' }, commodityCodes: [{ typeCode: 'outbound', value: '691200' }], manufacturerCountry: 'DE', weight: { netValue: 1.8, grossValue: 2 } },
          { number: 2, description: 'Green tea', price: 30, quantity: { value: 1, unitOfMeasurement: 'BOX' }, commodityCodes: [{ typeCode: 'outbound', value: '090210' }], manufacturerCountry: 'JP', weight: { netValue: 0.4, grossValue: 0.5 } },
        ],
        invoice: { number: 'INV-2026-0001', date: '2026-03-16' },
        exportReason: 'sale',
        exportReasonType: 'permanent',
      },
    },
  };
}

/** Creates shipments (references `${prefix}-n`) until the waybill ends in 7, the stalled kind; returns it. */
export async function dhlWaybillEndingIn7(baseUrl: string, prefix: string): Promise<string> {
  for (let n = 0; n < 20; n++) {
    const r = await myDhl<{ shipmentTrackingNumber: string }>(baseUrl, 'POST', '/shipments', { body: dutiableShipment(`${prefix}-${n}`) });
    if (r.status !== 201) throw new Error(`create failed with ${r.status}`);
    if (r.body.shipmentTrackingNumber.endsWith('7')) return r.body.shipmentTrackingNumber;
  }
  throw new Error('no waybill ending in 7 in 20 shipments');
}
