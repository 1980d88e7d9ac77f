/**
 * The sandbox's MyDHL replies checked against the response schemas of DHL's own description
 * (test/fixtures/dhl/openapi/mydhl-express-api-3.1.1.yaml) with ajv: what the sandbox sends
 * is what a client written from the description must read. Prices are checked against the
 * model's `multipleOf: 0.001` with a precision, as the binary floats of JSON need.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { advance, dutiableShipment, myDhl, testClock } from './dhl-client.js';

const MODEL = parse(readFileSync(new URL('../../fixtures/dhl/openapi/mydhl-express-api-3.1.1.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true, multipleOfPrecision: 6 });
addFormats.default(ajv);
ajv.addSchema({ ...MODEL, $id: 'mydhl' });

function schema(name: string): ValidateFunction {
  return ajv.compile({ $ref: `mydhl#/components/schemas/${name}` });
}

function violations(validate: ValidateFunction, body: unknown): string[] {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

let sandbox: DhlSandbox;
beforeAll(async () => {
  sandbox = await startDhlSandbox({ clock: testClock().now, rateLimits: false });
});
afterAll(async () => {
  await sandbox.close();
});

describe('MyDHL replies against the official response schemas', () => {
  it('rates → supermodelIoLogisticsExpressRates', async () => {
    const body = dutiableShipment('X');
    const rates = await myDhl(sandbox.url, 'POST', '/rates', {
      body: {
        customerDetails: { shipperDetails: { postalCode: 'EC1A 1BB', cityName: 'London', countryCode: 'GB' }, receiverDetails: { postalCode: '10001', cityName: 'New York', countryCode: 'US' } },
        accounts: body.accounts,
        plannedShippingDateAndTime: '2026-03-16T14:00:00GMT+01:00',
        unitOfMeasurement: 'metric',
        isCustomsDeclarable: true,
        packages: [{ weight: 2.5, dimensions: { length: 30, width: 20, height: 15 } }],
      },
    });
    expect(rates.status).toBe(200);
    expect(violations(schema('supermodelIoLogisticsExpressRates'), rates.body)).toEqual([]);
  });

  it('products → supermodelIoLogisticsExpressProducts', async () => {
    const reply = await myDhl(sandbox.url, 'GET', '/products', {
      query: { accountNumber: '950000001', originCountryCode: 'DE', originCityName: 'Leipzig', destinationCountryCode: 'US', destinationCityName: 'New York', weight: '2', length: '10', width: '10', height: '10', plannedShippingDate: '2026-03-16', isCustomsDeclarable: 'true', unitOfMeasurement: 'metric' },
    });
    expect(reply.status).toBe(200);
    expect(violations(schema('supermodelIoLogisticsExpressProducts'), reply.body)).toEqual([]);
  });

  it('landed cost → supermodelIoLogisticsExpressRates', async () => {
    const example = JSON.parse(readFileSync(new URL('../../fixtures/dhl/landed-cost/request.spec-example.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const reply = await myDhl(sandbox.url, 'POST', '/landed-cost', { body: { ...example, accounts: dutiableShipment('X').accounts } });
    expect(reply.status).toBe(200);
    // The schema requires typeCode on item lines, but DHL's own landed-cost example (and the
    // mapping written from it) gives the CIF valuation line none: the sandbox follows the example.
    const cifWithoutTypeCode = /^\/products\/0\/items\/\d+\/breakdown\/0 must have required property 'typeCode'/;
    const found = violations(schema('supermodelIoLogisticsExpressRates'), reply.body);
    expect(found.filter((v) => !cifWithoutTypeCode.test(v))).toEqual([]);
    expect(found).toHaveLength(1);
  });

  it('create shipment → supermodelIoLogisticsExpressCreateShipmentResponse, tracking → supermodelIoLogisticsExpressTrackingResponse', async () => {
    const created = await myDhl<{ shipmentTrackingNumber: string }>(sandbox.url, 'POST', '/shipments', { body: dutiableShipment('CONFORM-1') });
    expect(created.status).toBe(201);
    expect(violations(schema('supermodelIoLogisticsExpressCreateShipmentResponse'), created.body)).toEqual([]);
    await advance(sandbox.url, 40 * 3600);
    const tracking = await myDhl(sandbox.url, 'GET', `/shipments/${created.body.shipmentTrackingNumber}/tracking`, { query: { levelOfDetail: 'all' } });
    expect(tracking.status).toBe(200);
    expect(violations(schema('supermodelIoLogisticsExpressTrackingResponse'), tracking.body)).toEqual([]);
  });

  it('pickup → supermodelIoLogisticsExpressPickupResponse, proof of delivery → supermodelIoLogisticsExpressEPODResponse', async () => {
    const shipper = dutiableShipment('P').customerDetails as { shipperDetails: unknown };
    const pickup = await myDhl(sandbox.url, 'POST', '/pickups', {
      body: { plannedPickupDateAndTime: '2026-03-16T14:00:00GMT+01:00', accounts: dutiableShipment('P').accounts, customerDetails: { shipperDetails: shipper.shipperDetails }, shipmentDetails: [{ productCode: 'P' }] },
    });
    expect(pickup.status).toBe(201);
    expect(violations(schema('supermodelIoLogisticsExpressPickupResponse'), pickup.body)).toEqual([]);
    const created = await myDhl<{ shipmentTrackingNumber: string }>(sandbox.url, 'POST', '/shipments', { body: dutiableShipment('CONFORM-POD') });
    await advance(sandbox.url, 40 * 3600);
    const pod = await myDhl(sandbox.url, 'GET', `/shipments/${created.body.shipmentTrackingNumber}/proof-of-delivery`);
    expect(pod.status).toBe(200);
    expect(violations(schema('supermodelIoLogisticsExpressEPODResponse'), pod.body)).toEqual([]);
  });

  it('errors → supermodelIoLogisticsExpressErrorResponse (additionalProperties false)', async () => {
    const validate = schema('supermodelIoLogisticsExpressErrorResponse');
    const replies = [
      await myDhl(sandbox.url, 'POST', '/rates', { body: {}, authorization: 'Basic eDp5' }),
      await myDhl(sandbox.url, 'POST', '/shipments', { body: { ...dutiableShipment('BAD-1'), productCode: undefined } }),
      await myDhl(sandbox.url, 'GET', '/shipments/1234567890/tracking'),
    ];
    expect(replies.map((r) => r.status)).toEqual([401, 422, 404]);
    for (const r of replies) expect(violations(validate, r.body)).toEqual([]);
  });

  it('the validator does catch a wrong reply', () => {
    expect(violations(schema('supermodelIoLogisticsExpressErrorResponse'), { status: 400, extra: true }).length).toBeGreaterThan(0);
  });
});
