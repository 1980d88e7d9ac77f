/** FedEx (REST APIs) in the connector registry: the carrier capability. */
import { defineConnector, type Carrier } from '../capabilities.js';
import { refuse, siteOf } from '../http/request-checks.js';
import { createFedexClient, type CreateFedexClientOptions, type FedexClient } from './client.js';
import { FEDEX, fedexBaseUrl, FedexConnectionSettingsSchema, FedexCredentialsSchema } from './config.js';
import type { FedexEtdUpload } from './operations/shipping.js';
import type { FedexRateRequestInput, FedexShipRequestInput } from './schemas/requests.js';

const signalOf = (options?: { readonly signal?: AbortSignal }) => (options?.signal ? { signal: options.signal } : {});

export function fedexCarrier(client: FedexClient): Carrier {
  return {
    cancels: ['shipment'],
    // Requests come from mappings/fedex; the client checks them again before sending.
    rateShipment: async (request, options) => (await client.rateQuotes(request as FedexRateRequestInput, signalOf(options))).response,
    createShipment: async (request, options) => (await client.createShipment(request as FedexShipRequestInput, { idempotencyKey: options.idempotencyKey }, signalOf(options))).response,
    async cancelShipment(cancellation, options) {
      if (cancellation.kind !== 'shipment') throw refuse(siteOf(FEDEX, 'cancelShipment'), 'FedEx pickups are not booked by this connector: cancel the shipment');
      const { kind: _kind, ...cancel } = cancellation;
      return (await client.cancelShipment(cancel, signalOf(options))).response;
    },
    trackingEvents: async (trackingNumbers, options) => (await client.trackByNumber(trackingNumbers, signalOf(options))).response,
    findShipments: async (lookup, options) => (await client.trackByReference(lookup, signalOf(options))).response,
    uploadDocument: async (document, options) => (await client.uploadEtdDocument(document as FedexEtdUpload, signalOf(options))).response,
  };
}

export const FEDEX_CONNECTOR = defineConnector({
  vendor: 'fedex',
  title: 'FedEx REST APIs',
  settings: FedexConnectionSettingsSchema,
  // The Track API may run under a project of its own: its pair is the second alternative.
  secrets: [
    ['clientId', 'clientSecret'],
    ['clientId', 'clientSecret', 'trackingClientId', 'trackingClientSecret'],
  ],
  credentials: FedexCredentialsSchema,
  createClient: (o) => createFedexClient(o satisfies CreateFedexClientOptions),
  baseUrl: fedexBaseUrl,
  capabilities: { carrier: fedexCarrier },
});
