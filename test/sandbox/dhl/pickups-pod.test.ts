import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { advance, BASIC, dutiableShipment, myDhl, testClock } from './dhl-client.js';
import { pdfProblems, pdfStrings } from './pdf-check.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<DhlSandbox> {
  sandbox = await startDhlSandbox({ clock: testClock().now, rateLimits: false });
  return sandbox;
}

const PICKUP = {
  plannedPickupDateAndTime: '2026-03-16T14:00:00GMT+01:00',
  closeTime: '18:00',
  location: 'reception',
  accounts: [{ typeCode: 'shipper', number: SANDBOX_DHL_CREDENTIALS.accountNumber }],
  customerDetails: {
    shipperDetails: {
      postalAddress: { postalCode: '04109', cityName: 'Leipzig', countryCode: 'DE', addressLine1: '1 Test Street' },
      contactInformation: { phone: '+491234567', companyName: 'Sender GmbH', fullName: 'Anna Sender' },
    },
  },
  shipmentDetails: [{ productCode: 'P', isCustomsDeclarable: true, unitOfMeasurement: 'metric', packages: [{ weight: 2.5, dimensions: { length: 30, width: 20, height: 15 } }] }],
};

describe('pickups', () => {
  it('books a pickup and cancels it once; a second cancellation is the description’s 404', async () => {
    const sb = await start();
    const booked = await myDhl<{ dispatchConfirmationNumbers: string[]; nextPickupDate: string }>(sb.url, 'POST', '/pickups', { body: PICKUP });
    expect(booked.status).toBe(201);
    expect(booked.body.dispatchConfirmationNumbers).toEqual(['LEI260316000001']);
    expect(booked.body.nextPickupDate).toBe('2026-03-16');
    const number = booked.body.dispatchConfirmationNumbers[0]!;

    const noReason = await myDhl(sb.url, 'DELETE', `/pickups/${number}`, { query: { requestorName: 'Anna Sender' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ detail: 'Missing mandatory parameters: reason', title: 'Missing parameters', status: '400' });

    const res = await fetch(`${sb.url}/mydhlapi/test/pickups/${number}?requestorName=Anna%20Sender&reason=not%20needed`, { method: 'DELETE', headers: { authorization: BASIC, 'message-reference': 'm'.repeat(32) } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const again = await myDhl(sb.url, 'DELETE', `/pickups/${number}`, { query: { requestorName: 'Anna Sender', reason: 'not needed' } });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ detail: 'Cancellation of booking was not successful. Requested Pickup was not found', title: 'Pickup not found' });
    expect(sb.stats()).toMatchObject({ pickups: 1, pickupCancellations: 1 });
  });

  it('refuses another account and a missing shipper address', async () => {
    const sb = await start();
    const other = await myDhl(sb.url, 'POST', '/pickups', { body: { ...PICKUP, accounts: [{ typeCode: 'shipper', number: '123456789' }] } });
    expect(other.status).toBe(400);
    expect(other.body.detail).toMatch(/^8003: Account not allowed/);
    const noAddress = await myDhl(sb.url, 'POST', '/pickups', { body: { ...PICKUP, customerDetails: { shipperDetails: { contactInformation: PICKUP.customerDetails.shipperDetails.contactInformation } } } });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.detail).toBe('#/customerDetails/shipperDetails: required key [postalAddress] not found');
  });
});

describe('proof of delivery', () => {
  it('is 404 until delivery, then a PDF naming the signatory', async () => {
    const sb = await start();
    const waybill = (await myDhl<{ shipmentTrackingNumber: string }>(sb.url, 'POST', '/shipments', { body: dutiableShipment('POD-1') })).body.shipmentTrackingNumber;
    const early = await myDhl(sb.url, 'GET', `/shipments/${waybill}/proof-of-delivery`);
    expect(early.status).toBe(404);
    expect(early.body).toMatchObject({ title: 'Not Found', status: '404' });
    await advance(sb.url, 40 * 3600);
    const pod = await myDhl<{ documents: { encodingFormat: string; content: string; typeCode: string }[] }>(sb.url, 'GET', `/shipments/${waybill}/proof-of-delivery`);
    expect(pod.status).toBe(200);
    const doc = pod.body.documents[0]!;
    expect([doc.encodingFormat, doc.typeCode]).toEqual(['PDF', 'POD']);
    const pdf = Buffer.from(doc.content, 'base64');
    expect(pdfProblems(pdf)).toEqual([]);
    expect(pdfStrings(pdf)).toEqual(['PROOF OF DELIVERY', `Waybill ${waybill}`, 'Delivered 2026-03-17 17:00 UTC', 'Signed by: Sam Receiver', 'New York US']);
  });
});
