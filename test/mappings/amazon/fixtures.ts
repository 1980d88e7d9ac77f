import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const FIXTURES = new URL('../../fixtures/amazon/mapping/', import.meta.url);

/** A fixture file from test/fixtures/amazon/mapping (origins in its SOURCE.md), parsed as JSON. */
export function loadJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

interface VcrCassette {
  http_interactions: { request: { method: string; uri: string }; response: { status: { code: number }; body: { string: string } } }[];
}

/** The JSON body of the recorded `GET /orders/v0/orders` response in a peddler VCR cassette. */
export function recordedGetOrdersBody(name: string): unknown {
  const cassette = parseYaml(readFileSync(new URL(name, FIXTURES), 'utf8')) as VcrCassette;
  const call = cassette.http_interactions.find((i) => i.request.method === 'get' && new URL(i.request.uri).pathname === '/orders/v0/orders');
  if (!call) throw new Error(`${name} has no getOrders interaction`);
  if (call.response.status.code !== 200) throw new Error(`${name}: getOrders answered ${call.response.status.code}`);
  return JSON.parse(call.response.body.string);
}

export interface OrdersPage {
  payload: { Orders: unknown[]; NextToken?: string };
}
export interface OrderPayload {
  payload: unknown;
}
export interface OrderItemsPage {
  payload: { AmazonOrderId: string; OrderItems: unknown[]; NextToken?: string };
}
