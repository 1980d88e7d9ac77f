/** Avalara AvaTax in the connector registry: tax quotes and landed cost on a SalesOrder document. */
import { defineConnector } from '../capabilities.js';
import { createAvalaraClient, type AvalaraClient } from './client.js';
import { AvalaraConnectionSettingsSchema, AvalaraCredentialsSchema , avalaraBaseUrl } from './config.js';
import type { AvalaraCreateTransactionModel } from './schemas.js';

/** A SalesOrder computes tax without recording a document; the answer is the TransactionModel. */
async function quoteOnTransaction(client: AvalaraClient, model: unknown, signal?: AbortSignal) {
  // The model comes from mappings/avalara (taxQuoteRequestToCreateTransaction); the client checks it again.
  const result = await client.createTransaction(model as AvalaraCreateTransactionModel, signal ? { signal } : {});
  return result.transaction;
}

export const AVALARA_CONNECTOR = defineConnector({
  vendor: 'avalara',
  title: 'Avalara AvaTax',
  settings: AvalaraConnectionSettingsSchema,
  secrets: [['accountId', 'licenseKey'], ['bearerToken']],
  credentials: AvalaraCredentialsSchema,
  createClient: (o) => createAvalaraClient(o),
  baseUrl: avalaraBaseUrl,
  capabilities: {
    taxProvider: (client) => ({ quoteTax: (model, options) => quoteOnTransaction(client, model, options?.signal) }),
    landedCostProvider: (client) => ({ quoteLandedCost: (model, options) => quoteOnTransaction(client, model, options?.signal) }),
  },
});
