/** DHL Express (MyDHL API) in the connector registry: landed-cost estimates and the carrier capability. */
import { defineConnector, type Carrier, type CarrierCancellation } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { createDhlClient, type CreateDhlClientOptions, type DhlClient } from './client.js';
import { DHL, DhlConnectionSettingsSchema, DhlCredentialsSchema, dhlBaseUrl } from './config.js';
import type { DhlLandedCostRequestInput } from './schemas.js';
import type { MyDhlTrackingResponse } from './schemas/carrier-json.js';
import type { DhlCreateShipmentRequestInput, DhlImageUploadRequestInput, DhlRateRequestInput } from './schemas/shipping.js';

const signalOf = (options?: { readonly signal?: AbortSignal }) => (options?.signal ? { signal: options.signal } : {});

/**
 * MyDHL has no shipment void: an unused waybill is not tendered and not charged. What the API
 * cancels is the courier pickup (DELETE /pickups/{dispatchConfirmationNumber}).
 */
export function dhlCarrier(client: DhlClient): Carrier {
  return {
    cancels: ['pickup'],
    // Requests come from mappings/dhl; the client checks them against the description again.
    rateShipment: async (request, options) => (await client.rates(request as DhlRateRequestInput, signalOf(options))).response,
    createShipment: async (request, options) => (await client.createShipment(request as DhlCreateShipmentRequestInput, { idempotencyKey: options.idempotencyKey }, signalOf(options))).response,
    async cancelShipment(cancellation: CarrierCancellation, options) {
      if (cancellation.kind !== 'pickup') {
        throw refuse(siteOf(DHL, 'cancelShipment'), 'MyDHL cannot void a shipment; an unused waybill is not charged. Cancel its pickup instead');
      }
      const { kind: _kind, ...cancel } = cancellation;
      return (await client.cancelPickup(cancel, signalOf(options))).response;
    },
    async trackingEvents(trackingNumbers, options) {
      // One GET per waybill (GET /shipments/{n}/tracking), merged into one reply of the same shape.
      const shipments: MyDhlTrackingResponse['shipments'] = [];
      for (const number of trackingNumbers) shipments.push(...(await client.tracking(number, {}, signalOf(options))).response.shipments);
      return { shipments } satisfies MyDhlTrackingResponse;
    },
    findShipments: async (lookup, options) => (await client.trackingByReference(lookup, signalOf(options))).response,
    // Paperless trade after the fact (the usual path sends documentImages with createShipment).
    uploadDocument: async (document, options) => (await client.uploadImage(document as DhlImageUploadRequestInput, signalOf(options))).response,
  };
}

export const DHL_CONNECTOR = defineConnector({
  vendor: 'dhl',
  title: 'DHL Express MyDHL API',
  settings: DhlConnectionSettingsSchema,
  secrets: [['username', 'password']],
  credentials: DhlCredentialsSchema,
  // Passed whole (limiter included): the shared request pipeline takes the worker's limiter.
  createClient: (o) => createDhlClient(o satisfies CreateDhlClientOptions),
  baseUrl: dhlBaseUrl,
  capabilities: {
    landedCostProvider: (client) => ({
      async quoteLandedCost(request, options) {
        // The request comes from mappings/dhl (shipmentToLandedCostRequest); the client checks it again.
        const { response } = await client.getLandedCost(request as DhlLandedCostRequestInput, signalOf(options));
        return response;
      },
    }),
    carrier: dhlCarrier,
  },
});
