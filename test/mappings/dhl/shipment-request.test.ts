/**
 * Canonical shipment → MyDHL create-shipment and rates requests: the bodies asserted, checked by
 * the connector's request schemas and by DHL's official description (ajv), and accepted by the
 * DHL sandbox, whose replies then map to a CarrierShipment and RateQuotes.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDhlClient, type DhlClient } from '../../../connectors/dhl/index.js';
import { buildCreateShipmentRequest, buildRatesRequest } from '../../../connectors/dhl/operations/shipping.js';
import { myDhlProductToRateQuotes, myDhlShipmentToCarrierShipment } from '../../../mappings/dhl/index.js';
import { shipmentToDhlRateRequest, shipmentToDhlShipmentRequest, type DhlShipmentRequestOptions } from '../../../mappings/dhl/shipment-request.js';
import type { MappingResult } from '../../../mappings/canonical/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { schemaViolations } from '../../connectors/dhl/mydhl-prism-kit.js';
import { DAP_TO_US, DDP_TO_US } from '../shipping/shipments.js';

const OPTS: DhlShipmentRequestOptions = {
  accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber,
  productCode: 'P',
  shipAt: '2026-03-16T10:00:00Z',
  invoice: { number: 'INV-302-1111111', date: '2026-03-16' },
};

function value<T>(r: MappingResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

const sent = (body: unknown, key: string): unknown => {
  const built = buildCreateShipmentRequest(body as never, key).body;
  return built !== undefined && 'json' in built ? built.json : undefined;
};

describe('shipmentToDhlShipmentRequest', () => {
  it('declares every line (HS code, origin, quantity, unit price, weights), the incoterm, the invoice and DDP as Duty Tax Paid', () => {
    const body = value(shipmentToDhlShipmentRequest(DDP_TO_US, OPTS));
    expect(body.plannedShippingDateAndTime).toBe('2026-03-16T10:00:00 GMT+00:00');
    expect(body.valueAddedServices).toEqual([{ serviceCode: 'DD' }]);
    expect(body.content).toMatchObject({ isCustomsDeclarable: true, declaredValue: 289.99, declaredValueCurrency: 'EUR', incoterm: 'DDP', unitOfMeasurement: 'metric', description: 'Leather handbag' });
    expect(body.content.packages).toEqual([{ weight: 2.05, dimensions: { length: 40, width: 30, height: 12.5 }, referenceNumber: 1 }]);
    expect(body.content.exportDeclaration).toEqual({
      lineItems: [
        { number: 1, description: 'Leather handbag', price: 125, quantity: { value: 2, unitOfMeasurement: 'PCS' }, commodityCodes: [{ typeCode: 'outbound', value: '420221' }], exportReasonType: 'permanent', manufacturerCountry: 'IT', weight: { netValue: 1.6, grossValue: 1.6 } },
        { number: 2, description: 'Silk scarf', price: 39.99, quantity: { value: 1, unitOfMeasurement: 'PCS' }, commodityCodes: [{ typeCode: 'outbound', value: '621410' }], exportReasonType: 'permanent', manufacturerCountry: 'CN', weight: { netValue: 0.1, grossValue: 0.1 } },
      ],
      invoice: { number: 'INV-302-1111111', date: '2026-03-16' },
      exportReason: 'Sale of goods',
      exportReasonType: 'permanent',
      shipmentType: 'commercial',
    });
    expect(body.customerDetails.receiverDetails).toEqual({
      postalAddress: { postalCode: '10118', cityName: 'New York', countryCode: 'US', provinceCode: 'NY', addressLine1: '350 5th Ave', addressLine2: 'Apt 12' },
      contactInformation: { phone: '+12125550100', companyName: 'Sam Buyer', fullName: 'Sam Buyer' },
      typeCode: 'private',
    });
    expect(body.documentImages).toBeUndefined();
  });

  it('DAP asks for no duty service; paperless trade sends WY with the tenant\'s invoice PDF as image INV, or DHL\'s generated invoice', () => {
    expect(value(shipmentToDhlShipmentRequest(DAP_TO_US, OPTS)).valueAddedServices).toBeUndefined();
    const withPdf = value(shipmentToDhlShipmentRequest(DAP_TO_US, { ...OPTS, paperlessTrade: true, commercialInvoicePdfBase64: 'JVBERi0xLjQK' }));
    expect(withPdf.valueAddedServices).toEqual([{ serviceCode: 'WY' }]);
    expect(withPdf.documentImages).toEqual([{ typeCode: 'INV', imageFormat: 'PDF', content: 'JVBERi0xLjQK' }]);
    const generated = value(shipmentToDhlShipmentRequest(DDP_TO_US, { ...OPTS, paperlessTrade: true }));
    expect(generated.valueAddedServices).toEqual([{ serviceCode: 'DD' }, { serviceCode: 'WY' }]);
    expect(generated.outputImageProperties?.imageOptions).toContainEqual({ typeCode: 'invoice', isRequested: true, invoiceType: 'commercial' });
  });

  it('is accepted by the connector\'s request schema and by the official description', () => {
    for (const body of [value(shipmentToDhlShipmentRequest(DDP_TO_US, OPTS)), value(shipmentToDhlShipmentRequest(DAP_TO_US, { ...OPTS, paperlessTrade: true, commercialInvoicePdfBase64: 'JVBERi0xLjQK' }))]) {
      expect(schemaViolations(sent(body, 'amazon-eu/302-1111111-2222222'), 'supermodelIoLogisticsExpressCreateShipmentRequest')).toEqual([]);
    }
    const rates = value(shipmentToDhlRateRequest(DDP_TO_US, { accountNumber: '123456789', shipAt: OPTS.shipAt }));
    expect(() => buildRatesRequest(rates)).not.toThrow();
    expect(schemaViolations(rates, 'supermodelIoLogisticsExpressRateRequest')).toEqual([]);
  });

  it('refuses what DHL would refuse, naming the field: no phone, a line without weight, a line in another currency, a 46-character street', () => {
    const bad = {
      ...DDP_TO_US,
      shipTo: { ...DDP_TO_US.shipTo, phone: undefined, lines: ['x'.repeat(46)] },
      items: [{ ...DDP_TO_US.items[0]!, weightKg: undefined }, { ...DDP_TO_US.items[1]!, value: { amountMinor: 500, currency: 'USD' } }],
    };
    const r = shipmentToDhlShipmentRequest(bad, OPTS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.recordType).toBe('dhl.shipment-request');
    expect(r.error.recordId).toBe(DDP_TO_US.id);
    expect(r.error.issues.map((i) => i.field)).toEqual(['items[1].value.currency', 'items[0].weightKg', 'shipTo.lines[0]', 'shipTo.phone']);
  });
});

describe('the DHL sandbox accepts the built requests', () => {
  let sandbox: DhlSandbox;
  let client: DhlClient;
  beforeAll(async () => {
    sandbox = await startDhlSandbox({ clock: () => new Date('2026-03-16T09:00:00Z'), rateLimits: false });
    client = createDhlClient({
      tenant: 'test',
      settings: { environment: 'test', endpoint: `${sandbox.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber },
      credentials: { username: SANDBOX_DHL_CREDENTIALS.username, password: SANDBOX_DHL_CREDENTIALS.password },
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => sandbox?.close());

  it('rates the shipment and ships it with a product the rates offered; the reply maps with its label', async () => {
    const { response: rated } = await client.rates(value(shipmentToDhlRateRequest(DDP_TO_US, { accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber, shipAt: OPTS.shipAt })));
    const quotes = rated.products.flatMap((p, i) => myDhlProductToRateQuotes(p, i)).map(value);
    expect(quotes.length).toBeGreaterThan(0);
    const productCode = quotes[0]!.service.code!;
    const { response } = await client.createShipment(value(shipmentToDhlShipmentRequest(DDP_TO_US, { ...OPTS, productCode, paperlessTrade: true })), { idempotencyKey: 'test/302-1111111-2222222' });
    const shipment = value(myDhlShipmentToCarrierShipment(response));
    expect(shipment.trackingNumber).toMatch(/^\d{10}$/);
    expect(shipment.documents.map((d) => d.type)).toContain('label');
    expect(sandbox.stats().labelsByReference['test/302-1111111-2222222']).toBe(1);
  });
});
