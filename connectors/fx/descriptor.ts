/** The currency-rate sources in the connector registry: ECB reference rates (keyless) and XE. */
import { defineConnector, type RateQuery } from '../capabilities.js';
import { createEcbClient, createXeClient, type XeClient } from './client.js';
import { EcbSettingsSchema, XeCredentialsSchema, XeSettingsSchema, ecbBaseUrl, xeBaseUrl } from './config.js';
import { z } from 'zod';

/** XE quotes per base currency: the fx source names both (tenants file, fx.sources). */
function xeQuery(query: RateQuery): { from: string; to: readonly string[] | '*' } {
  if (query.base === undefined) throw new TypeError('an XE rate query needs a base currency (fx.sources.<id>.base)');
  return { from: query.base, to: query.currencies ?? '*' };
}

async function xeBetween(client: XeClient, query: RateQuery & { from: string; to: string; onDate?: (date: string) => void }, signal?: AbortSignal) {
  const out = [];
  // historic_rate answers one date per call.
  for (let d = query.from; d <= query.to; d = nextDate(d)) {
    out.push(await client.historicRate({ ...xeQuery(query), date: d }, signal ? { signal } : {}));
    query.onDate?.(d);
  }
  return out;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const ECB_CONNECTOR = defineConnector({
  vendor: 'ecb',
  title: 'ECB euro foreign exchange reference rates',
  settings: EcbSettingsSchema.default({}),
  secrets: [],
  credentials: z.strictObject({}),
  createClient: (o) => createEcbClient(o),
  baseUrl: ecbBaseUrl,
  capabilities: {
    rateSource: (client) => ({
      latest: async (_query, options) => [await client.getRates('daily', options?.signal ? { signal: options.signal } : {})],
      between: async (query, options) => [
        await client.getRatesBetween(query.from, query.to, { today: query.today, ...(options?.signal ? { signal: options.signal } : {}) }),
      ],
    }),
  },
});

export const XE_CONNECTOR = defineConnector({
  vendor: 'xe',
  title: 'XE Currency Data API',
  settings: XeSettingsSchema.default({}),
  secrets: [['accountId', 'apiKey']],
  credentials: XeCredentialsSchema,
  createClient: (o) => createXeClient(o),
  baseUrl: xeBaseUrl,
  capabilities: {
    rateSource: (client) => ({
      latest: async (query, options) => [await client.convertFrom(xeQuery(query), options?.signal ? { signal: options.signal } : {})],
      between: (query, options) => xeBetween(client, query, options?.signal),
    }),
  },
});
