/** Shared by the Alibaba.com connector tests: a client on a fake clock with captured logs, a signed-form endpoint, fixtures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { createAlibabaClient } from '../../../connectors/alibaba/client.js';
import { signIopRest } from '../../../connectors/aliexpress/signing.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs } from '../log-capture.js';

export const HOST = 'https://openapi-api.alibaba.com';
export const APP_KEY = '45678901';
export const APP_SECRET = 'alibaba-secret-do-not-log-91c2';
export const ACCESS = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';
export const REFRESH = '500016000300bwa2WteaQyfwBMnPxurcA0mXGhQdTt18356663CfcDTYpWoi';

const FIX = join(import.meta.dirname, '..', '..', 'fixtures', 'alibaba');
export const fixture = (rel: string): string => readFileSync(join(FIX, rel), 'utf8');
/** A guide sample's reply body (`{ _api_path, body }` → body), as the gateway would send it. */
export const sampleBody = (rel: string): string => JSON.stringify((JSON.parse(fixture(rel)) as { body: unknown }).body);

export function makeClient(credentials: { accessToken?: string; refreshToken?: string } = { accessToken: ACCESS, refreshToken: REFRESH }) {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createAlibabaClient({
    tenant: 'acme',
    settings: { appKey: APP_KEY },
    credentials: { appSecret: APP_SECRET, refreshToken: credentials.refreshToken ?? REFRESH, ...(credentials.accessToken === undefined ? {} : { accessToken: credentials.accessToken }) },
    logger: logs.logger,
    clock,
    retryPolicy: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
  });
  return { client, clock, logs };
}

export type Form = Record<string, string>;

/** Answers POST /rest{apiPath} once with `body` (text as sent: big numbers stay bare), recording the form. */
export function restEndpoint(apiPath: string, seen: Form[], body: string | object, status = 200): void {
  nock(HOST)
    .post(`/rest${apiPath}`)
    .reply(
      status,
      (_uri, sent) => {
        seen.push(Object.fromEntries(new URLSearchParams(String(sent))) as Form);
        return typeof body === 'string' ? body : JSON.stringify(body);
      },
      { 'content-type': 'application/json;charset=UTF-8' },
    );
}

/** The form's signature recomputed over the path and the other parameters. */
export function expectedSign(apiPath: string, form: Form): { sign: string | undefined; expected: string } {
  const { sign, ...signed } = form;
  return { sign, expected: signIopRest(APP_SECRET, apiPath, signed) };
}
