/** VIES in the connector registry: the EU's live register of VAT numbers (public, no secrets). */
import { z } from 'zod';
import { defineConnector } from '../capabilities.js';
import { createViesClient } from './client.js';
import { ViesSettingsSchema , viesBaseUrl } from './config.js';
import { viesVatNumberCheck } from './vat-number-check.js';

export const VIES_CONNECTOR = defineConnector({
  vendor: 'vies',
  title: 'VIES VAT number check (European Commission)',
  settings: ViesSettingsSchema.default({}),
  secrets: [],
  credentials: z.strictObject({}),
  createClient: (o) => createViesClient(o),
  baseUrl: viesBaseUrl,
  capabilities: { vatNumberChecker: (client) => ({ check: viesVatNumberCheck(client) }) },
});
