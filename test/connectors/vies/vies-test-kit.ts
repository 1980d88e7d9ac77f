/** Shared set-up for the VIES connector tests: a client on a fake clock, request capture, no network. */
import nock from 'nock';
import { expect } from 'vitest';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { createViesClient, type ViesClient, type ViesSettings } from '../../../connectors/vies/index.js';
import { FakeClock } from '../fake-clock.js';
import { captureLogs, type CapturedLogs } from '../log-capture.js';

export { isolateNetworkPerTest, rejection } from '../nock-kit.js';

export const VIES_HOST = 'https://ec.europa.eu';
export const BASE_PATH = '/taxation_customs/vies/rest-api';
export const CHECK_PATH = `${BASE_PATH}/check-vat-number`;
export const TEST_SERVICE_PATH = `${BASE_PATH}/check-vat-test-service`;
export const STATUS_PATH = `${BASE_PATH}/check-status`;

/** A distinctive buyer VAT number (DE: 9 digits), so a leak into logs or messages is detectable. */
export const BUYER_VAT = '813495027';
/** The seller's own number, sent as requester. */
export const REQUESTER = { memberStateCode: 'FR', number: '40303265045' } as const;

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body exactly as sent ('' without one). */
  readonly rawBody: string;
}

export interface Kit {
  readonly client: ViesClient;
  readonly clock: FakeClock;
  readonly logs: CapturedLogs;
  readonly limiter: RateLimiterRegistry;
}

const TINY_RETRY = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 };

export function makeVies(settings: ViesSettings = {}): Kit {
  const clock = new FakeClock();
  const logs = captureLogs();
  const limiter = new RateLimiterRegistry({ clock });
  const client = createViesClient({ settings, logger: logs.logger, tenant: 'acme', limiter, clock, retryPolicy: TINY_RETRY });
  return { client, clock, logs, limiter };
}

/** Records each request into `seen` and answers with the status, body (JSON unless a string) and headers given. */
export function answer(
  seen: SeenRequest[],
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, requestBody: nock.Body) => nock.ReplyFnResult {
  return function (path, requestBody) {
    // nock hands a JSON body over parsed; re-serialised it is the sent text (key order is kept).
    const rawBody = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, rawBody });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
    return [status, text, { 'content-type': contentType, ...headers }];
  };
}

/** A CheckVatResponse as the description lays it out (no requester, no trader data asked). */
export function checkVatResponse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    countryCode: 'DE',
    vatNumber: BUYER_VAT,
    requestDate: '2026-03-02T09:15:27.512Z',
    valid: true,
    requestIdentifier: '',
    name: 'Muster Handels GmbH',
    address: 'Hauptstrasse 1\n10115 Berlin',
    traderName: '',
    traderStreet: '',
    traderPostalCode: '',
    traderCity: '',
    traderCompanyType: '',
    traderNameMatch: 'NOT_PROCESSED',
    traderStreetMatch: 'NOT_PROCESSED',
    traderPostalCodeMatch: 'NOT_PROCESSED',
    traderCityMatch: 'NOT_PROCESSED',
    traderCompanyTypeMatch: 'NOT_PROCESSED',
    ...overrides,
  };
}

/** A CommonResponse error body. */
export function commonError(error: string, message?: string): Record<string, unknown> {
  return { actionSucceed: false, errorWrappers: [{ error, ...(message === undefined ? {} : { message }) }] };
}

/** No log line and no message may carry the buyer's VAT number. */
export function expectNoVatNumber(text: string): void {
  expect(text).not.toContain(BUYER_VAT);
}
