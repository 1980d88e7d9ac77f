/**
 * The FedEx sandbox as the rest of Caravan reads it: its replies parsed by the FedEx wire
 * schemas (connectors/fedex/schemas) and mapped by the canonical mappings, both written from
 * FedEx's real samples. A reply the sandbox invents wrongly fails here, not in the demo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FedexRateResponseSchema } from '../../../connectors/fedex/schemas/rate.js';
import { FedexShipResponseSchema } from '../../../connectors/fedex/schemas/ship.js';
import { FedexTrackResponseSchema } from '../../../connectors/fedex/schemas/track.js';
import { fedexRateResponseToQuotes, fedexShipResponseToCarrierShipments, fedexTrackResponseToTracking } from '../../../mappings/fedex/index.js';
import { fedexTrackingNumber, startFedexSandbox, type FedexSandbox } from '../../../sandbox/fedex/index.js';
import { testClock } from '../dhl/dhl-client.js';
import { fedex, RATE_REQUEST, shipRequest, token } from './fedex-client.js';

let sandbox: FedexSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(): Promise<{ sb: FedexSandbox; t: string }> {
  sandbox = await startFedexSandbox({ clock: testClock().now, rateLimits: false });
  return { sb: sandbox, t: await token(sandbox.url) };
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

describe('FedEx sandbox replies through the wire schemas and mappings', () => {
  it('rate quotes map to one quote per service', async () => {
    const { sb, t } = await start();
    const r = await fedex(sb.url, 'POST', '/rate/v1/rates/quotes', t, RATE_REQUEST);
    const quotes = fedexRateResponseToQuotes(FedexRateResponseSchema.parse(r.body)).map(unwrap);
    expect(quotes.map((q) => q.service?.code)).toEqual(['INTERNATIONAL_PRIORITY', 'INTERNATIONAL_ECONOMY', 'FEDEX_INTERNATIONAL_CONNECT_PLUS']);
  });

  it('a shipment maps to a CarrierShipment with its tracking number and labels', async () => {
    const { sb, t } = await start();
    const r = await fedex(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('MAP-F1', 2));
    const [shipment] = fedexShipResponseToCarrierShipments(FedexShipResponseSchema.parse(r.body)).map(unwrap);
    expect(shipment!.trackingNumber).toBe(fedexTrackingNumber(42, 0));
    expect(JSON.stringify(shipment)).toContain(fedexTrackingNumber(42, 1));
  });

  it('tracking maps through pre_transit and in_transit to delivered; a stalled parcel to exception; an unknown number to its carrier error', async () => {
    const { sb, t } = await start();
    const shipped = await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest('MAP-F2'));
    const number = shipped.body.output.transactionShipments[0]!.masterTrackingNumber;
    const track = async (n: string) => {
      const r = await fedex(sb.url, 'POST', '/track/v1/trackingnumbers', t, { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber: n } }] });
      return unwrap(fedexTrackResponseToTracking(FedexTrackResponseSchema.parse(r.body))[0]!);
    };
    expect((await track(number)).status).toBe('pre_transit');
    await sb.advance(10 * 3600);
    expect((await track(number)).status).toBe('in_transit');
    await sb.advance(30 * 3600);
    const delivered = await track(number);
    expect(delivered.status).toBe('delivered');
    expect(delivered.carrierStatusCode).toBe('DL');

    let stalled = '';
    for (let n = 0; !stalled.endsWith('7') && n < 20; n++) {
      const r = await fedex<{ output: { transactionShipments: { masterTrackingNumber: string }[] } }>(sb.url, 'POST', '/ship/v1/shipments', t, shipRequest(`MAP-STALL-${n}`));
      stalled = r.body.output.transactionShipments[0]!.masterTrackingNumber;
    }
    await sb.advance(3 * 24 * 3600);
    expect((await track(stalled)).status).toBe('exception');

    const unknown = await track('123456789012');
    expect(unknown).toMatchObject({ status: 'unknown', carrierError: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND' } });
  });
});
