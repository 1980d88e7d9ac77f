/** The recorded AvaTax sandbox exchanges (test/fixtures/avalara/samples, see SOURCE.md there). */
import type { AvalaraTransaction } from '../../../connectors/avalara/schemas.js';
import { readFileSync, readdirSync } from 'node:fs';
import type { Money } from '../../../mappings/canonical/money.js';
import { TaxQuoteRequestSchema, type TaxQuoteRequest } from '../../../mappings/canonical/tax.js';

const SAMPLES = new URL('../../fixtures/avalara/samples/', import.meta.url);

export interface RecordedExchange {
  readonly request: { readonly method: string; readonly uri: string; readonly headers: Record<string, string[]>; readonly body: unknown };
  readonly response: { readonly status: number; readonly headers: Record<string, string[]>; readonly body: unknown };
}

/** Raw file text: JSON numbers exactly as AvaTax wrote them. */
export function recordingText(name: string): string {
  return readFileSync(new URL(`${name}.json`, SAMPLES), 'utf8');
}

export function recording(name: string): RecordedExchange[] {
  return JSON.parse(recordingText(name)) as RecordedExchange[];
}

export function recordingNames(): string[] {
  return readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The TransactionModel AvaTax answered in exchange `index` (the last one by default). */
export function recordedTransaction(name: string, index?: number): AvalaraTransaction {
  const exchanges = recording(name);
  const exchange = exchanges[index ?? exchanges.length - 1];
  if (exchange === undefined) throw new Error(`${name}: no exchange ${String(index)}`);
  return exchange.response.body as AvalaraTransaction;
}

export function recordedRequestBody(name: string, index = 0): Record<string, unknown> {
  const exchange = recording(name)[index];
  if (exchange === undefined) throw new Error(`${name}: no exchange ${index}`);
  return exchange.request.body as Record<string, unknown>;
}

export const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

/** Spree's sample addresses, as the recorded requests send them (alpha-2 countries). */
export const PHILADELPHIA = { lines: ['822 Reed St'], city: 'Philadelphia', region: 'PA', postalCode: '19147', country: 'US' } as const;
export const LONDON = { lines: ['10 Paternoster Sq'], city: 'London', postalCode: 'EC4M 7LS', country: 'GB' } as const;
export const BEACONSFIELD = { lines: ['298 Pinetree'], city: 'BEACONSFIELD', region: 'QC', postalCode: 'H9W 5E1', country: 'CA' } as const;

export const RECORDED_LINE_ID = 'LI-a844605f-e114-4933-a0cf-7a434ac83cdf';

/** A canonical request with the recorded order's figures (defaults filled by the schema). */
export function taxRequest(input: Record<string, unknown>): TaxQuoteRequest {
  return TaxQuoteRequestSchema.parse({ date: '2019-09-20', currency: 'USD', ...input });
}
