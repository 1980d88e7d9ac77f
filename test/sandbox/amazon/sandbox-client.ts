/** Test helpers: a controllable clock and a tiny fetch client for the sandbox. */
import { SANDBOX_DEMO_CREDENTIALS, type LwaCredential } from '../../../sandbox/amazon/index.js';

/** The instant the tests' seed data and clock start from. */
export const T0 = Date.parse('2026-03-15T12:00:00Z');

export interface TestClock {
  now: () => Date;
  advanceSeconds(seconds: number): void;
}

export function testClock(startMs = T0): TestClock {
  let ms = startMs;
  return {
    now: () => new Date(ms),
    advanceSeconds: (s) => {
      ms += s * 1000;
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestToken(baseUrl: string, credential: LwaCredential = SANDBOX_DEMO_CREDENTIALS): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credential.refreshToken,
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`token request failed with ${res.status}`);
  return body.access_token;
}

export async function spGet<T = unknown>(
  baseUrl: string,
  path: string,
  accessToken: string | undefined,
  query: Record<string, string> = {},
): Promise<Reply<T>> {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
    headers: accessToken === undefined ? {} : { 'x-amz-access-token': accessToken },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export async function postJson<T = unknown>(baseUrl: string, path: string, body: unknown): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export interface OrdersPayload {
  payload?: {
    Orders: { AmazonOrderId: string; LastUpdateDate: string; PurchaseDate: string; OrderStatus: string; MarketplaceId: string; FulfillmentChannel?: string }[];
    NextToken?: string;
    LastUpdatedBefore?: string;
    CreatedBefore?: string;
  };
  errors?: { code: string; message: string; details?: string }[];
}

export interface ItemsPayload {
  payload?: { AmazonOrderId: string; OrderItems: { OrderItemId: string }[]; NextToken?: string };
  errors?: { code: string; message: string; details?: string }[];
}

/** Walks getOrders with NextToken until the end; returns every page. */
export async function walkOrders(
  baseUrl: string,
  accessToken: string,
  query: Record<string, string>,
): Promise<Reply<OrdersPayload>[]> {
  const pages: Reply<OrdersPayload>[] = [];
  let reply = await spGet<OrdersPayload>(baseUrl, '/orders/v0/orders', accessToken, query);
  pages.push(reply);
  while (reply.status === 200 && reply.body.payload?.NextToken) {
    reply = await spGet<OrdersPayload>(baseUrl, '/orders/v0/orders', accessToken, {
      MarketplaceIds: query.MarketplaceIds ?? '',
      NextToken: reply.body.payload.NextToken,
    });
    pages.push(reply);
  }
  return pages;
}

/** Any SP-API call: JSON body in, JSON (or empty) body out. */
export async function spRequest<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  accessToken: string | undefined,
  options: { query?: Record<string, string>; body?: unknown } = {},
): Promise<Reply<T>> {
  const qs = new URLSearchParams(options.query ?? {}).toString();
  const headers: Record<string, string> = accessToken === undefined ? {} : { 'x-amz-access-token': accessToken };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}
