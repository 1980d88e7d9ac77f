/**
 * Canonical shipment → FedEx ship and rate requests: bodies asserted (duties per incoterm, ETD,
 * commodities), checked by the connector's request schemas and FedEx's official Full_Schema_Ship
 * and Full_Schema_Quote_Rate (ajv), and accepted by the FedEx sandbox.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFedexClient, type FedexClient } from '../../../connectors/fedex/index.js';
import { FedexRateRequestSchema, FedexShipRequestSchema } from '../../../connectors/fedex/schemas/requests.js';
import type { MappingResult } from '../../../mappings/canonical/index.js';
import { fedexRateResponseToQuotes, fedexShipResponseToCarrierShipments } from '../../../mappings/fedex/index.js';
import { shipmentToFedexRateRequest, shipmentToFedexShipRequest, type FedexShipRequestOptions } from '../../../mappings/fedex/ship-request.js';
import { SANDBOX_FEDEX_CREDENTIALS, startFedexSandbox, type FedexSandbox } from '../../../sandbox/fedex/index.js';
import { DAP_TO_US, DDP_TO_US } from '../shipping/shipments.js';

const OPTS: FedexShipRequestOptions = { accountNumber: '740561073', serviceType: 'INTERNATIONAL_PRIORITY', shipAt: '2026-03-16T10:00:00Z', invoice: { number: 'INV-302', date: '2026-03-16' } };

function value<T>(r: MappingResult<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
const spec = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/fedex/openapi/${name}`, import.meta.url), 'utf8')) as { components: unknown };
ajv.addSchema({ components: spec('ship-api.json').components }, 'ship');
ajv.addSchema({ components: spec('rate-api.json').components }, 'rate');
function violations(body: unknown, ref: string): string[] {
  const validate = ajv.getSchema(ref)!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

describe('shipmentToFedexShipRequest', () => {
  it('declares the commodities and bills duties to the shipper for DDP, to the recipient for DAP', () => {
    const body = value(shipmentToFedexShipRequest(DDP_TO_US, OPTS));
    const customs = body.requestedShipment.customsClearanceDetail!;
    expect(customs.dutiesPayment).toEqual({ paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: { value: '740561073' } } } });
    expect(customs.commercialInvoice).toEqual({ termsOfSale: 'DDP', shipmentPurpose: 'SOLD', customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER', value: 'INV-302' }] });
    expect(customs.totalCustomsValue).toEqual({ amount: 289.99, currency: 'EUR' });
    expect(customs.commodities).toEqual([
      { description: 'Leather handbag', harmonizedCode: '420221', countryOfManufacture: 'IT', quantity: 2, quantityUnits: 'PCS', unitPrice: { amount: 125, currency: 'EUR' }, customsValue: { amount: 250, currency: 'EUR' }, weight: { units: 'KG', value: 1.6 }, partNumber: 'BAG-01', purpose: 'BUSINESS' },
      { description: 'Silk scarf', harmonizedCode: '621410', countryOfManufacture: 'CN', quantity: 1, quantityUnits: 'PCS', unitPrice: { amount: 39.99, currency: 'EUR' }, customsValue: { amount: 39.99, currency: 'EUR' }, weight: { units: 'KG', value: 0.1 }, partNumber: 'SCF-02', purpose: 'BUSINESS' },
    ]);
    expect(body.requestedShipment.requestedPackageLineItems).toEqual([{ sequenceNumber: 1, weight: { units: 'KG', value: 2.05 }, dimensions: { length: 40, width: 30, height: 13, units: 'CM' } }]);
    expect(body.requestedShipment.totalWeight).toBe(2.05);
    expect(body.requestedShipment.recipients[0]!.address).toEqual({ streetLines: ['350 5th Ave', 'Apt 12'], city: 'New York', stateOrProvinceCode: 'NY', postalCode: '10118', countryCode: 'US', residential: true });
    expect(value(shipmentToFedexShipRequest(DAP_TO_US, OPTS)).requestedShipment.customsClearanceDetail!.dutiesPayment).toEqual({ paymentType: 'RECIPIENT' });
  });

  it('ETD: an uploaded invoice is attached by its document id; without one FedEx generates it', () => {
    const attached = value(shipmentToFedexShipRequest(DDP_TO_US, { ...OPTS, etd: { documentId: '090493e181586308' } })).requestedShipment;
    expect(attached.shipmentSpecialServices).toEqual({
      specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'],
      etdDetail: { attachedDocuments: [{ documentType: 'COMMERCIAL_INVOICE', documentReference: DDP_TO_US.id, documentId: '090493e181586308' }] },
    });
    const generated = value(shipmentToFedexShipRequest(DDP_TO_US, { ...OPTS, etd: {} })).requestedShipment as Record<string, unknown>;
    expect(generated['shipmentSpecialServices']).toEqual({ specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'], etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] } });
    expect(generated['shippingDocumentSpecification']).toMatchObject({ shippingDocumentTypes: ['COMMERCIAL_INVOICE'] });
  });

  it('is accepted by the connector\'s schemas and by the official descriptions', () => {
    const ship = value(shipmentToFedexShipRequest(DDP_TO_US, { ...OPTS, etd: {} }));
    expect(FedexShipRequestSchema.safeParse(ship).success).toBe(true);
    expect(violations(ship, 'ship#/components/schemas/Full_Schema_Ship')).toEqual([]);
    const rate = value(shipmentToFedexRateRequest(DDP_TO_US, { accountNumber: '740561073', shipAt: OPTS.shipAt }));
    expect(FedexRateRequestSchema.safeParse(rate).success).toBe(true);
    expect(violations(rate, 'rate#/components/schemas/Full_Schema_Quote_Rate')).toEqual([]);
  });

  it('refuses a US recipient without a state and a line without weight, naming the fields', () => {
    const r = shipmentToFedexShipRequest({ ...DDP_TO_US, shipTo: { ...DDP_TO_US.shipTo, region: undefined }, items: [{ ...DDP_TO_US.items[0]!, weightKg: undefined }] }, OPTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.field)).toEqual(['shipTo.region', 'items[0].weightKg']);
  });
});

describe('the FedEx sandbox accepts the built requests', () => {
  let sandbox: FedexSandbox;
  let client: FedexClient;
  beforeAll(async () => {
    sandbox = await startFedexSandbox({ clock: () => new Date('2026-03-16T09:00:00Z'), rateLimits: false });
    client = createFedexClient({
      tenant: 'test',
      settings: { environment: 'sandbox', endpoint: sandbox.url, accountNumber: SANDBOX_FEDEX_CREDENTIALS.accountNumber },
      credentials: { clientId: SANDBOX_FEDEX_CREDENTIALS.clientId, clientSecret: SANDBOX_FEDEX_CREDENTIALS.clientSecret },
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => sandbox?.close());

  it('rates, then ships with a service the rates offered; one label for the reference', async () => {
    const accountNumber = SANDBOX_FEDEX_CREDENTIALS.accountNumber;
    const { response: rated } = await client.rateQuotes(value(shipmentToFedexRateRequest(DDP_TO_US, { accountNumber, shipAt: OPTS.shipAt })));
    const quotes = fedexRateResponseToQuotes(rated).map(value);
    const serviceType = quotes[0]!.service.code!;
    const { response } = await client.createShipment(value(shipmentToFedexShipRequest(DDP_TO_US, { ...OPTS, accountNumber, serviceType, etd: {} })), { idempotencyKey: 'test/302-1111111-2222222' });
    const [shipment] = fedexShipResponseToCarrierShipments(response).map(value);
    expect(shipment!.trackingNumber).toMatch(/^\d{12,}$/);
    expect(shipment!.documents.length).toBeGreaterThan(0);
    expect(sandbox.stats().labelsByReference['test/302-1111111-2222222']).toBe(1);
  });
});
