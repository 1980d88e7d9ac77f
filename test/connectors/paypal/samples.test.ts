/** Every PayPal sample of the shared vendor folder (copied to test/fixtures/paypal) parses with the connector's wire schemas. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PaypalTransactionDetailSchema, PaypalTransactionSearchReplySchema, PaypalWebhookEventSchema } from '../../../connectors/paypal/index.js';

const dir = (name: string) => new URL(`../../fixtures/paypal/${name}/`, import.meta.url);
const jsonFiles = (name: string) => readdirSync(dir(name)).filter((f) => f.endsWith('.json'));
const read = (name: string, file: string): unknown => JSON.parse(readFileSync(new URL(file, dir(name)), 'utf8'));

describe('PayPal samples', () => {
  it.each(jsonFiles('transaction-search'))('transaction-search/%s: a search reply whose every row parses', (file) => {
    const reply = PaypalTransactionSearchReplySchema.parse(read('transaction-search', file));
    expect(reply.transaction_details.length).toBeGreaterThan(0);
    for (const row of reply.transaction_details) expect(PaypalTransactionDetailSchema.safeParse(row).error).toBeUndefined();
  });

  it.each(jsonFiles('webhook-events'))('webhook-events/%s: a webhook event', (file) => {
    expect(PaypalWebhookEventSchema.safeParse(read('webhook-events', file)).error).toBeUndefined();
  });
});
