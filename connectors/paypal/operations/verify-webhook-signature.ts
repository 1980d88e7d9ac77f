/**
 * `POST /v1/notifications/verify-webhook-signature` (notifications_webhooks_v1.json): PayPal
 * checks a delivery's PAYPAL-* headers and body against the webhook id and answers
 * `{ verification_status: "SUCCESS" | "FAILURE" }`.
 *
 * PayPal checks the CRC32 of the event exactly as it sent it, so the event goes into the request
 * as the raw body received, byte for byte: parsing and re-serialising it (key order, `1.0`
 * becoming `1`) makes every verification FAILURE (paypal/PayPal-NET-SDK#353,
 * paypal/PayPal-node-SDK#412, paypal/PayPal-Python-SDK#175).
 */
import { headerValue } from '../../http/classify.js';
import { parseReply } from '../../http/error-factories.js';
import type { CallOptions, Send } from '../../http/pipeline.js';
import { refuse, siteOf } from '../../http/request-checks.js';
import { PAYPAL } from '../config.js';
import { paypalRequestId } from '../request-id.js';
import { PaypalVerifySignatureReplySchema, type PaypalVerifySignatureReply } from '../schemas/index.js';

export const VERIFY_WEBHOOK_SIGNATURE_OPERATION = 'verifyWebhookSignature';
export const VERIFY_WEBHOOK_SIGNATURE_PATH = '/v1/notifications/verify-webhook-signature';

/** What a delivery carries: its PAYPAL-* headers and the body as received. */
export interface PaypalWebhookDelivery {
  readonly authAlgo: string;
  readonly certUrl: string;
  readonly transmissionId: string;
  readonly transmissionSig: string;
  readonly transmissionTime: string;
  /** The request body exactly as PayPal sent it. */
  readonly rawBody: string;
}

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const DELIVERY_HEADERS = {
  authAlgo: 'paypal-auth-algo',
  certUrl: 'paypal-cert-url',
  transmissionId: 'paypal-transmission-id',
  transmissionSig: 'paypal-transmission-sig',
  transmissionTime: 'paypal-transmission-time',
} as const;

/** The delivery's headers (any case), or the names of those missing. */
export function paypalWebhookDelivery(headers: WebhookHeaders, rawBody: string): PaypalWebhookDelivery | { readonly missing: readonly string[] } {
  const values: Partial<Record<keyof typeof DELIVERY_HEADERS, string>> = {};
  const missing: string[] = [];
  for (const [key, name] of Object.entries(DELIVERY_HEADERS) as [keyof typeof DELIVERY_HEADERS, string][]) {
    const value = headerValue(headers, name)?.trim();
    if (value === undefined || value === '') missing.push(name.toUpperCase());
    else values[key] = value;
  }
  if (missing.length > 0) return { missing };
  return { ...(values as Record<keyof typeof DELIVERY_HEADERS, string>), rawBody };
}

export function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The request body text: the headers' values as JSON strings, the event spliced in unchanged. */
export function verifyWebhookSignatureBody(delivery: PaypalWebhookDelivery, webhookId: string): string {
  const fields = {
    auth_algo: delivery.authAlgo,
    cert_url: delivery.certUrl,
    transmission_id: delivery.transmissionId,
    transmission_sig: delivery.transmissionSig,
    transmission_time: delivery.transmissionTime,
    webhook_id: webhookId,
  };
  const head = JSON.stringify(fields);
  return `${head.slice(0, -1)},"webhook_event":${delivery.rawBody.trim()}}`;
}

export async function verifyWebhookSignature(send: Send, delivery: PaypalWebhookDelivery, webhookId: string, options?: CallOptions): Promise<PaypalVerifySignatureReply> {
  const site = siteOf(PAYPAL, VERIFY_WEBHOOK_SIGNATURE_OPERATION);
  if (!/^[a-zA-Z0-9]{1,50}$/.test(webhookId)) throw refuse(site, 'webhook_id must be the PayPal webhook id (letters and digits)');
  const raw = delivery.rawBody.trim();
  if (!isJsonObjectText(raw)) throw refuse(site, 'the webhook body is not a JSON object');
  const response = await send(
    {
      operation: VERIFY_WEBHOOK_SIGNATURE_OPERATION,
      method: 'POST',
      path: VERIFY_WEBHOOK_SIGNATURE_PATH,
      headers: { 'paypal-request-id': paypalRequestId(VERIFY_WEBHOOK_SIGNATURE_OPERATION, [webhookId, delivery.transmissionId]) },
      body: { raw: verifyWebhookSignatureBody(delivery, webhookId), contentType: 'application/json' },
      // A check changes nothing at PayPal: safe to resend.
      idempotent: true,
      subject: delivery.transmissionId,
      sensitive: [delivery.transmissionSig],
    },
    options,
  );
  return parseReply(site, PaypalVerifySignatureReplySchema, response, 'verify-webhook-signature reply');
}
