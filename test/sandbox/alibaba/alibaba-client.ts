/**
 * Test helpers for the Alibaba.com sandbox: a controllable clock, a signer written here (not the
 * sandbox's, so that a mistake in one is not mirrored by the other) and a form-POST client.
 */
import { createHmac } from 'node:crypto';
import { parseJsonLosslessly } from '../../../connectors/http/lossless-json.js';
import { SANDBOX_ALIBABA_CREDENTIALS, type AlibabaSandbox } from '../../../sandbox/alibaba/index.js';

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

/** UPPER(HEX(HMAC-SHA256(secret, path + sorted name+value))). */
export function sign(secret: string, apiPath: string, params: Record<string, string>): string {
  const text = apiPath + Object.keys(params).sort().map((k) => `${k}${params[k]}`).join('');
  return createHmac('sha256', secret).update(text).digest('hex').toUpperCase();
}

export interface CallOptions {
  accessToken?: string;
  secret?: string;
  appKey?: string;
  timestampMs?: number;
  /** Replaces the computed signature (undefined: computed; null: left out). */
  sign?: string | null;
  /** Send the parameters in the query string instead of the form body. */
  inQuery?: boolean;
}

export interface Reply {
  status: number;
  text: string;
  /** Parsed with integers above 2^53 as exact digit strings. */
  json: Record<string, unknown>;
}

export async function call(sb: AlibabaSandbox, apiPath: string, business: Record<string, string>, o: CallOptions = {}): Promise<Reply> {
  const params: Record<string, string> = {
    app_key: o.appKey ?? SANDBOX_ALIBABA_CREDENTIALS.appKey,
    sign_method: 'sha256',
    timestamp: String(o.timestampMs ?? T0),
    ...(o.accessToken === undefined ? {} : { access_token: o.accessToken }),
    ...business,
  };
  const signature = o.sign === undefined ? sign(o.secret ?? SANDBOX_ALIBABA_CREDENTIALS.appSecret, apiPath, params) : o.sign;
  if (signature !== null) params.sign = signature;
  const form = new URLSearchParams(params).toString();
  const res = o.inQuery
    ? await fetch(`${sb.url}/rest${apiPath}?${form}`, { method: 'POST' })
    : await fetch(`${sb.url}/rest${apiPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: form });
  const text = await res.text();
  const parsed = parseJsonLosslessly(text);
  if (!parsed.ok) throw new Error(`not JSON: ${text}`);
  return { status: res.status, text, json: parsed.value as Record<string, unknown> };
}

export async function accessToken(sb: AlibabaSandbox, timestampMs = T0): Promise<string> {
  const r = await call(sb, '/auth/token/refresh', { refresh_token: SANDBOX_ALIBABA_CREDENTIALS.refreshToken }, { timestampMs });
  if (typeof r.json.access_token !== 'string') throw new Error(`refresh failed: ${r.text}`);
  return r.json.access_token;
}

export async function admin(sb: AlibabaSandbox, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
