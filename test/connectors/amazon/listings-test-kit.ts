/** What the listings, product type and feeds tests share: fixtures, and nock answers that record the request body. */
import { readFileSync } from 'node:fs';
import type nock from 'nock';
import { parse } from 'yaml';

const LISTINGS = new URL('../../fixtures/amazon/listings/', import.meta.url);
const FEEDS = new URL('../../fixtures/amazon/feeds/', import.meta.url);

export const listingsFixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(name, LISTINGS), 'utf8')) as Record<string, unknown>;
export const feedsFixtureText = (name: string): string => readFileSync(new URL(name, FEEDS), 'utf8');
export const feedsFixture = (name: string): Record<string, unknown> => JSON.parse(feedsFixtureText(name)) as Record<string, unknown>;

interface CassetteInteraction {
  request: { method: string; uri: string; body: { string: string } };
  response: { status: { code: number }; body: { string: string } };
}

/** The SP-API interactions (LWA left out) of a peddler cassette in test/fixtures/amazon/listings/. */
export function peddlerInteractions(name: string): CassetteInteraction[] {
  const cassette = parse(readFileSync(new URL(name, LISTINGS), 'utf8')) as { http_interactions: CassetteInteraction[] };
  return cassette.http_interactions.filter((i) => !i.request.uri.includes('/auth/o2/token'));
}

export interface SeenCall {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The raw body text as sent ('' when none). */
  readonly body: string;
}

/** Records the request (method, path as sent, headers, raw body) and answers with status, body and headers. */
export function recordAnswer(
  seen: SeenCall[],
  status: number,
  body: string | Buffer | Record<string, unknown> = '',
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, requestBody: nock.Body) => nock.ReplyFnResult {
  return function (path, requestBody) {
    const text = typeof requestBody === 'string' ? requestBody : Buffer.isBuffer(requestBody) ? requestBody.toString('utf8') : JSON.stringify(requestBody);
    seen.push({ method: this.req.method ?? '', path, headers: { ...this.req.headers }, body: text });
    const contentType: Record<string, string> = Buffer.isBuffer(body) || body === '' ? {} : { 'content-type': 'application/json' };
    return [status, body, { ...contentType, ...headers }];
  };
}
