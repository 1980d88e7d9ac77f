/**
 * The DHL sandbox as the rest of Caravan reads it: POST /landed-cost through the real DHL
 * connector (its zod schema and error table) and the landed-cost mapping; rates, shipments and
 * tracking replies through the carrier wire schemas (connectors/dhl/schemas/carrier-json.ts) and
 * the canonical mappings, written from DHL's real samples. A reply the sandbox invents wrongly
 * fails here, not in the demo.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDhlClient } from '../../../connectors/dhl/index.js';
import { DhlUnifiedTrackingResponseSchema, MyDhlRatesResponseSchema, MyDhlShipmentResponseSchema, MyDhlTrackingResponseSchema } from '../../../connectors/dhl/schemas/carrier-json.js';
import type { DhlLandedCostRequest } from '../../../connectors/dhl/schemas.js';
import { dhlUnifiedShipmentToTracking, myDhlProductToRateQuotes, myDhlShipmentToCarrierShipment, myDhlShipmentToTracking } from '../../../mappings/dhl/index.js';
import { SANDBOX_DHL_CREDENTIALS, startDhlSandbox, type DhlSandbox } from '../../../sandbox/dhl/index.js';
import { advance, dhlWaybillEndingIn7, dutiableShipment, myDhl, testClock, unified } from './dhl-client.js';

let sandbox: DhlSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<DhlSandbox> {
  sandbox = await startDhlSandbox({ clock: testClock().now, rateLimits: false });
  return sandbox;
}

/** DHL's own landed-cost request example, with the sandbox's account. */
function officialLandedCostRequest(): DhlLandedCostRequest {
  const example = JSON.parse(readFileSync(new URL('../../fixtures/dhl/landed-cost/request.spec-example.json', import.meta.url), 'utf8')) as DhlLandedCostRequest;
  return { ...example, accounts: [{ typeCode: 'shipper', number: SANDBOX_DHL_CREDENTIALS.accountNumber }] };
}

interface Line {
  name: string;
  typeCode?: string;
  price: number;
  priceCurrency: string;
  tariffRateFormula?: string;
}
interface LandedCost {
  products: { productCode: string; totalPrice: { priceCurrency: string; price: number }[]; detailedPriceBreakdown: { breakdown: Line[] }[]; items: { number: number; breakdown: Line[] }[] }[];
  warnings?: string[];
}

describe('POST /landed-cost', () => {
  it('answers DHL’s own request example through the real connector: duty by HS chapter, GST on CIF + duty, fees', async () => {
    const sb = await start();
    const client = createDhlClient({
      tenant: 'sandbox-test',
      settings: { environment: 'test', endpoint: `${sb.url}/mydhlapi/test`, accountNumber: SANDBOX_DHL_CREDENTIALS.accountNumber },
      credentials: { username: SANDBOX_DHL_CREDENTIALS.username, password: SANDBOX_DHL_CREDENTIALS.password },
      logger: pino({ level: 'silent' }),
    });
    const result = await client.getLandedCost(officialLandedCostRequest());
    expect(result.messageReference).toHaveLength(36);
    const reply = result.response as unknown as LandedCost;
    const product = reply.products[0]!;
    expect(product.productCode).toBe('P');
    const totals = Object.fromEntries(product.detailedPriceBreakdown[0]!.breakdown.map((l) => [l.name, l.price]));
    // 2 × 2500 AUD of HS 640391 (footwear, 8 %) into Australia (GST 10 %), US → AU freight added to CIF.
    expect(totals.SCUSV).toBe(5000);
    const item = product.items[0]!;
    const [cif, duty, gst] = item.breakdown;
    expect(cif).toMatchObject({ name: 'CIF', priceCurrency: 'AUD' });
    expect(duty).toMatchObject({ name: 'DUTY', typeCode: 'DUTY', price: Math.round(cif!.price * 0.08 * 100) / 100, tariffRateFormula: '(CIF * 0.08)' });
    expect(gst).toMatchObject({ name: 'GST', typeCode: 'TAX', price: Math.round((cif!.price + duty!.price) * 0.1 * 100) / 100 });
    expect(totals['TOTAL DUTIES']).toBe(duty!.price);
    expect(totals['TOTAL TAXES']).toBe(gst!.price);
    expect(totals['TOTAL FEES']).toBeGreaterThan(0);
    const sum = totals.SCUSV! + totals.SINSV! + totals.SPRQN! + totals['TOTAL DUTIES']! + totals['TOTAL TAXES']! + totals['TOTAL FEES']!;
    expect(product.totalPrice[0]!.price).toBeCloseTo(sum, 2);
    expect(reply.warnings).toEqual(['200203: #/items/number:1/ The provided HS code is not a valid full Import HS code. Ballpark landed cost is estimated using the provided 6-digit HS Code.']);
  });

  it('is deterministic and charges nothing at import for a domestic shipment', async () => {
    const sb = await start();
    const request = officialLandedCostRequest();
    const first = await myDhl<LandedCost>(sb.url, 'POST', '/landed-cost', { body: request });
    const again = await myDhl<LandedCost>(sb.url, 'POST', '/landed-cost', { body: request });
    expect(again.body).toEqual(first.body);
    const domestic = { ...request, customerDetails: { ...request.customerDetails, receiverDetails: { ...request.customerDetails.receiverDetails, countryCode: 'US' } } };
    const d = await myDhl<LandedCost>(sb.url, 'POST', '/landed-cost', { body: domestic });
    const totals = Object.fromEntries(d.body.products[0]!.detailedPriceBreakdown[0]!.breakdown.map((l) => [l.name, l.price]));
    expect([totals['TOTAL DUTIES'], totals['TOTAL TAXES'], totals['TOTAL FEES']]).toEqual([0, 0, 0]);
  });
});

describe('sandbox replies through the carrier wire schemas and mappings', () => {
  it('rates map to one quote per product and currency type', async () => {
    const sb = await start();
    const body = dutiableShipment('R');
    const r = await myDhl(sb.url, 'POST', '/rates', {
      body: { customerDetails: { shipperDetails: { postalCode: '04109', cityName: 'Leipzig', countryCode: 'DE' }, receiverDetails: { postalCode: '10001', cityName: 'New York', countryCode: 'US' } }, accounts: body.accounts, plannedShippingDateAndTime: '2026-03-16T14:00:00GMT+01:00', unitOfMeasurement: 'metric', isCustomsDeclarable: true, packages: [{ weight: 2.5 }] },
    });
    const parsed = MyDhlRatesResponseSchema.parse(r.body);
    const quotes = parsed.products.flatMap((p, i) => myDhlProductToRateQuotes(p, i));
    expect(quotes.every((q) => q.ok)).toBe(true);
    expect(quotes.length).toBeGreaterThanOrEqual(2);
  });

  it('a created shipment maps to a CarrierShipment with its waybill and label', async () => {
    const sb = await start();
    const created = await myDhl(sb.url, 'POST', '/shipments', { body: dutiableShipment('MAP-1') });
    const mapped = myDhlShipmentToCarrierShipment(MyDhlShipmentResponseSchema.parse(created.body));
    if (!mapped.ok) throw mapped.error;
    expect(mapped.value.trackingNumber).toBe((created.body as { shipmentTrackingNumber: string }).shipmentTrackingNumber);
    expect(JSON.stringify(mapped.value)).toContain('label');
  });

  it('tracking maps to in_transit, then delivered with the signatory; a stalled parcel to exception', async () => {
    const sb = await start();
    const waybill = ((await myDhl(sb.url, 'POST', '/shipments', { body: dutiableShipment('MAP-2') })).body as { shipmentTrackingNumber: string }).shipmentTrackingNumber;
    const track = async (): Promise<{ status: string; signedBy?: string }> => {
      const r = await myDhl(sb.url, 'GET', `/shipments/${waybill}/tracking`);
      const mapped = myDhlShipmentToTracking(MyDhlTrackingResponseSchema.parse(r.body).shipments[0]!);
      if (!mapped.ok) throw mapped.error;
      return { status: mapped.value.status, ...(mapped.value.events.at(-1)?.signedBy ? { signedBy: mapped.value.events.at(-1)?.signedBy } : {}) };
    };
    await advance(sb.url, 8 * 3600);
    expect((await track()).status).toBe('in_transit');
    await advance(sb.url, 30 * 3600);
    expect(await track()).toEqual({ status: 'delivered', signedBy: 'Sam Receiver' });
    const u = dhlUnifiedShipmentToTracking(DhlUnifiedTrackingResponseSchema.parse((await unified(sb.url, waybill)).body).shipments[0]!);
    if (!u.ok) throw u.error;
    expect(u.value.status).toBe('delivered');

    const stalledWaybill = await dhlWaybillEndingIn7(sb.url, 'MAP-STALL');
    await advance(sb.url, 3 * 24 * 3600);
    const held = myDhlShipmentToTracking(MyDhlTrackingResponseSchema.parse((await myDhl(sb.url, 'GET', `/shipments/${stalledWaybill}/tracking`)).body).shipments[0]!);
    if (!held.ok) throw held.error;
    expect(held.value.status).toBe('exception');
  });
});
