/**
 * The AliExpress client against nock: a client with a held token and a fake clock, a `/sync`
 * endpoint that records each form it receives, the fixtures folder, and the signature check
 * every operation test makes (recomputed with signing.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { expect } from 'vitest';
import { createAliexpressClient } from '../../../connectors/aliexpress/client.js';
import { signIopSync } from '../../../connectors/aliexpress/signing.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs } from '../log-capture.js';

export const HOST = 'https://api-sg.aliexpress.com';
export const APP_SECRET = 'app-secret-do-not-log-7f3a';
export const ACCESS = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';
export const REFRESH = '500016000300bwa2WteaQyfwBMnPxurcA0mXGhQdTt18356663CfcDTYpWoi';
const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'aliexpress');
export const fixture = (rel: string): string => readFileSync(join(FIX, rel), 'utf8');

export function makeClient() {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createAliexpressClient({
    tenant: 'acme',
    settings: { appKey: '123456' },
    credentials: { appSecret: APP_SECRET, accessToken: ACCESS, refreshToken: REFRESH },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
  });
  return { client, clock, logs };
}

export type Form = Record<string, string>;

/** Answers one `/sync` POST with `body`, recording the form sent. */
export function syncEndpoint(seen: Form[], body: string, status = 200): void {
  nock(HOST)
    .post('/sync')
    .reply(status, (_uri, sent) => {
      seen.push(Object.fromEntries(new URLSearchParams(String(sent))) as Form);
      return body;
    }, { 'content-type': 'application/json;charset=UTF-8' });
}

/** The form's system parameters and signature are right for `method`; returns the business parameters. */
export function businessParams(form: Form, method: string, timestamp: number): Form {
  const { sign, ...signed } = form;
  expect(sign).toMatch(/^[0-9A-F]{64}$/);
  expect(sign).toBe(signIopSync(APP_SECRET, signed));
  const { method: m, app_key, access_token, sign_method, timestamp: ts, ...business } = signed;
  expect({ m, app_key, access_token, sign_method, ts }).toEqual({ m: method, app_key: '123456', access_token: ACCESS, sign_method: 'sha256', ts: String(timestamp) });
  return business;
}

/** Answers every `/sync` POST by its `method` (a body, or a function of the form); records each form. */
export function syncRouter(seen: Form[], replies: Record<string, string | ((form: Form) => string)>): void {
  nock(HOST)
    .persist()
    .post('/sync')
    .reply((_uri, sent) => {
      const form = Object.fromEntries(new URLSearchParams(String(sent))) as Form;
      seen.push(form);
      const reply = replies[form.method!];
      if (reply === undefined) return [500, `no reply for ${form.method}`];
      return [200, typeof reply === 'string' ? reply : reply(form), { 'content-type': 'application/json;charset=UTF-8' }];
    });
}

/** A simplify product.list.get page holding `products`. */
export function productPage(products: readonly object[]): string {
  return JSON.stringify({ result: { aeop_a_e_product_display_d_t_o_list: products, current_page: 1, total_page: 1, success: true }, request_id: 'list-1' });
}
