/**
 * Webhook signatures the stand-in issues and checks. Real PayPal signs
 * `<transmission_id>|<transmission_time>|<webhook_id>|<crc32 of the raw body, decimal>` with RSA
 * (../shared/vendor/paypal/SOURCE.md); the stand-in signs the same string with an HMAC key of its
 * own, so only verify-webhook-signature on this stand-in can tell a delivery it signed — which is
 * what a caller of that endpoint relies on. The event is checked as the bytes received: a caller
 * that re-serialises it gets FAILURE, as from PayPal. Whitespace around the JSON document (a
 * trailing newline of a file posted by hand) is no part of the event: it is left out on both sides.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface SignedDelivery {
  readonly transmissionId: string;
  readonly transmissionTime: string;
  readonly webhookId: string;
  readonly rawEvent: string;
}

export function expectedSignature(key: string, d: SignedDelivery): string {
  const crc = crc32(Buffer.from(d.rawEvent.trim(), 'utf8')) >>> 0;
  return createHmac('sha256', key).update(`${d.transmissionId}|${d.transmissionTime}|${d.webhookId}|${crc}`, 'utf8').digest('base64');
}

export function signatureMatches(key: string, d: SignedDelivery, signature: string): boolean {
  const want = Buffer.from(expectedSignature(key, d));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * The exact text of a top-level member's value in a JSON object text (`"webhook_event": {…}`),
 * or undefined. Strings and escapes are skipped so braces inside them do not count.
 */
export function memberText(json: string, name: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = json.length;
  const skipString = (from: number): number => {
    let j = from + 1;
    while (j < n && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  while (i < n) {
    const c = json[i];
    if (c === '"') {
      const end = skipString(i);
      if (depth === 1) {
        const key = json.slice(i + 1, end - 1);
        let k = end;
        while (k < n && /\s/.test(json[k] as string)) k += 1;
        if (json[k] === ':') {
          k += 1;
          while (k < n && /\s/.test(json[k] as string)) k += 1;
          const valueEnd = valueEndAt(json, k, skipString);
          if (key === name) return json.slice(k, valueEnd);
          i = valueEnd;
          continue;
        }
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    i += 1;
  }
  return undefined;
}

function valueEndAt(json: string, start: number, skipString: (from: number) => number): number {
  if (json[start] === '"') return skipString(start);
  if (json[start] !== '{' && json[start] !== '[') {
    let j = start;
    while (j < json.length && !/[,}\]\s]/.test(json[j] as string)) j += 1;
    return j;
  }
  let depth = 0;
  let j = start;
  while (j < json.length) {
    const c = json[j];
    if (c === '"') {
      j = skipString(j);
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
    j += 1;
  }
  return j;
}
