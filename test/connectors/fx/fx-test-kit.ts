/** Shared set-up for the currency-rate connector tests: clients on a fake clock, request capture, no network. */
import nock from 'nock';
import {
  createEcbClient,
  createXeClient,
  type EcbClient,
  type EcbRatesFile,
  type EcbSettings,
  type XeClient,
  type XeRatesReply,
  type XeSettings,
} from '../../../connectors/fx/index.js';
import { ecbRatesFileToFxRates, xeRatesReplyToFxRates, type DateRange, type FxRatesResult } from '../../../mappings/fx/index.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const ECB_HOST = 'https://www.ecb.europa.eu';
export const XE_HOST = 'https://xecdapi.xe.com';

/** Distinctive fake secrets, so a leak into logs or messages is detectable. */
export const XE_CREDENTIALS = { accountId: 'caravan-test-account', apiKey: 'xe-secret-api-key-value-7c1d' } as const;
export const XE_BASIC = `Basic ${Buffer.from(`${XE_CREDENTIALS.accountId}:${XE_CREDENTIALS.apiKey}`).toString('base64')}`;

export interface SeenRequest {
  readonly method: string;
  /** Path with the raw query string. */
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface Kit<C> {
  readonly client: C;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
}

const TINY_RETRY = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 };

export function makeEcb(settings: EcbSettings = {}): Kit<EcbClient> {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createEcbClient({
    tenant: 'acme',
    settings,
    logger: logs.logger,
    limiter: new RateLimiterRegistry({ clock }),
    clock,
    retryPolicy: TINY_RETRY,
  });
  return { client, clock, logs };
}

export function makeXe(settings: XeSettings = {}): Kit<XeClient> {
  const clock = new FakeClock();
  const logs = captureLogs();
  const client = createXeClient({
    tenant: 'acme',
    settings,
    credentials: { ...XE_CREDENTIALS },
    logger: logs.logger,
    limiter: new RateLimiterRegistry({ clock }),
    clock,
    retryPolicy: TINY_RETRY,
  });
  return { client, clock, logs };
}

/** Records each request into `seen` and answers with the given status, body and headers. */
export function answer(
  seen: SeenRequest[],
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string) => nock.ReplyFnResult {
  return function (path) {
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers } });
    return [status, body, headers];
  };
}

export const XML = { 'content-type': 'text/xml' };
export const JSON_TYPE = { 'content-type': 'application/json' };

/** The canonical rates of a connector reply (mappings/fx), asserting it maps. */
export function ecbRates(file: EcbRatesFile, range?: DateRange): FxRatesResult {
  const mapped = ecbRatesFileToFxRates(file, range);
  if (!mapped.ok) throw mapped.error;
  return mapped.value;
}

export function xeRates(reply: XeRatesReply): FxRatesResult {
  const mapped = xeRatesReplyToFxRates(reply);
  if (!mapped.ok) throw mapped.error;
  return mapped.value;
}
