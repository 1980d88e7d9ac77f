/**
 * Opaque NextTokens: base64url JSON of the query and the position after the last
 * record served, plus a short HMAC so a garbled or hand-made token is rejected
 * (Amazon answers 400 InvalidInput). The key is fixed, so tokens survive a sandbox
 * restart the way Amazon's outlive a client restart.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const KEY = 'caravan-amazon-sandbox/next-token/v1';

function sign(body: string): string {
  return createHmac('sha256', KEY).update(body).digest('base64url').slice(0, 22);
}

export function encodeNextToken(payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${sign(body)}`;
}

/** The payload, or undefined when the token is malformed or was not issued here. */
export function decodeNextToken(token: string): unknown {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(body));
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
