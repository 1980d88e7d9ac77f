/** Test helpers: a controllable clock and a tiny signed client for the AliExpress sandbox (its own HMAC-SHA256, as the platform documents it). */
import { createHmac } from 'node:crypto';
import { parseJsonKeepingIds } from '../../../sandbox/aliexpress/json-text.js';
import { SANDBOX_ALIEXPRESS_CREDENTIALS, startAliexpressSandbox, type AliexpressSandbox, type AliexpressSandboxOptions } from '../../../sandbox/aliexpress/index.js';

/** 2026-03-15 12:00 UTC. */
export const T0 = Date.parse('2026-03-15T12:00:00Z');
export const { appKey: APP_KEY, appSecret: APP_SECRET, refreshToken: DEMO_REFRESH_TOKEN } = SANDBOX_ALIEXPRESS_CREDENTIALS;

export interface TestClock {
  now(): number;
  advanceSeconds(seconds: number): void;
}

export function testClock(start = T0): TestClock {
  let ms = start;
  return { now: () => ms, advanceSeconds: (s) => void (ms += s * 1000) };
}

/** Sorted name+value pairs, `sign` and empty values left out, the API path in front for `/rest`. */
export function sign(secret: string, params: Record<string, string>, apiPath = ''): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHmac('sha256', secret).update(apiPath + pairs, 'utf8').digest('hex').toUpperCase();
}

export interface Reply {
  status: number;
  /** The raw body: big ids are checked as digits in it. */
  text: string;
  /** Parsed with 16+-digit integers as text. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function post(url: string, params: Record<string, string>): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params) });
  const text = await res.text();
  return { status: res.status, text, body: parseJsonKeepingIds(text) };
}

export interface CallOptions {
  accessToken?: string;
  simplify?: boolean;
  secret?: string;
  timestampMs?: number;
  /** Replaces the computed signature. */
  sign?: string | null;
}

export class Gateway {
  constructor(
    readonly sandbox: AliexpressSandbox,
    readonly clock: TestClock,
  ) {}

  /** A signed `/sync` business call. */
  call(method: string, business: Record<string, string | object>, options: CallOptions = {}): Promise<Reply> {
    const params: Record<string, string> = { method, app_key: APP_KEY, timestamp: String(options.timestampMs ?? this.clock.now()), sign_method: 'sha256' };
    if (options.accessToken !== undefined) params.access_token = options.accessToken;
    if (options.simplify) params.simplify = 'true';
    for (const [k, v] of Object.entries(business)) params[k] = typeof v === 'string' ? v : JSON.stringify(v);
    const signature = options.sign === undefined ? sign(options.secret ?? APP_SECRET, params) : options.sign;
    if (signature !== null) params.sign = signature;
    return post(`${this.sandbox.url}/sync`, params);
  }

  /** A signed `/rest{apiPath}` system call. */
  rest(apiPath: string, business: Record<string, string>, options: CallOptions = {}): Promise<Reply> {
    const params: Record<string, string> = { app_key: APP_KEY, timestamp: String(options.timestampMs ?? this.clock.now()), sign_method: 'sha256', ...business };
    params.sign = options.sign ?? sign(options.secret ?? APP_SECRET, params, apiPath);
    return post(`${this.sandbox.url}/rest${apiPath}`, params);
  }

  async accessToken(): Promise<string> {
    const reply = await this.rest('/auth/token/refresh', { refresh_token: DEMO_REFRESH_TOKEN });
    if (typeof reply.body.access_token !== 'string') throw new Error(`token refresh failed: ${reply.text}`);
    return reply.body.access_token as string;
  }
}

export async function adminPost(sandbox: AliexpressSandbox, path: string, body: unknown): Promise<Reply> {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: parseJsonKeepingIds(text) };
}

/** Starts a sandbox on a test clock (seed 7, 45 orders unless told) and fetches an access token. */
export async function startGateway(options: AliexpressSandboxOptions = {}): Promise<{ gw: Gateway; token: string; clock: TestClock }> {
  const clock = testClock();
  const sandbox = await startAliexpressSandbox({ seed: { count: 45, seed: 7 }, clock, ...options });
  const gw = new Gateway(sandbox, clock);
  return { gw, clock, token: await gw.accessToken() };
}
