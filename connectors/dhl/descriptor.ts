/** DHL Express (MyDHL API) in the connector registry: landed-cost estimates. */
import { defineConnector } from '../capabilities.js';
import { createDhlClient, type CreateDhlClientOptions } from './client.js';
import { DhlConnectionSettingsSchema, DhlCredentialsSchema , dhlBaseUrl } from './config.js';
import type { DhlLandedCostRequestInput } from './schemas.js';

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
        const { response } = await client.getLandedCost(request as DhlLandedCostRequestInput, options?.signal ? { signal: options.signal } : {});
        return response;
      },
    }),
  },
});
