/** Shared set-up for the Mailchimp connector tests: recorded replies, a client on fake credentials. */
import { readFileSync } from 'node:fs';
import type nock from 'nock';
import { createMailchimpClient, type CreateMailchimpClientOptions, type MailchimpClient } from '../../../connectors/mailchimp/index.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

/** A fake key in Mailchimp's shape (hex, then the data center), distinctive enough to spot in a leak. */
export const CREDENTIALS = { apiKey: '0123456789abcdef0123456789abcdef-us3' } as const;
export const US3 = 'https://us3.api.mailchimp.com';
export const EXPECTED_AUTHORIZATION = `Basic ${Buffer.from(`caravan:${CREDENTIALS.apiKey}`).toString('base64')}`;

/** A real recording: request, status, response body and headers. */
export interface Recording {
  readonly status: number;
  readonly responseBody: Record<string, unknown>;
  readonly responseHeaders: Record<string, string>;
}

export function recording(name: string): Recording {
  return JSON.parse(readFileSync(new URL(`../../fixtures/mailchimp/${name}`, import.meta.url), 'utf8')) as Recording;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Framing headers of the recording: nock re-serialises the body, so its length differs. */
const FRAMING = new Set(['content-length', 'connection', 'transfer-encoding']);

/** Records the request into `seen` and answers with the recording (status, body, headers). */
export function answer(seen: SeenRequest[], rec: Recording): (this: nock.ReplyFnContext, path: string) => nock.ReplyFnResult {
  const headers = Object.fromEntries(Object.entries(rec.responseHeaders).filter(([name]) => !FRAMING.has(name.toLowerCase())));
  return function (path) {
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers } });
    return [rec.status, rec.responseBody, headers];
  };
}

export interface Kit {
  readonly client: MailchimpClient;
  readonly logs: CapturedLogs;
}

export function makeKit(overrides: Partial<CreateMailchimpClientOptions> = {}): Kit {
  const logs = captureLogs();
  const client = createMailchimpClient({
    tenant: 'acme',
    credentials: { ...CREDENTIALS },
    logger: logs.logger,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    ...overrides,
  });
  return { client, logs };
}
