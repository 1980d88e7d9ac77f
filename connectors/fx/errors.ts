/**
 * ECB and XE failures → ConnectorError. ECB answers files (no error body format): its
 * failures are classified by status alone. XE error bodies are JSON
 * `{ "code": 1, "message": "…", "documentation_url": "…" }`; their code is kept as vendorCode
 * and the status decides the kind (401 auth, 429 rate_limited, …) through the shared table.
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { describeReplyText, type ErrorReplyContext, failureKindForStatus, isFailureStatus, lookOf, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';

export const ECB_VENDOR = 'ecb';
export const XE_VENDOR = 'xe';
export type FxVendor = typeof ECB_VENDOR | typeof XE_VENDOR;

const VENDOR_LABEL: Readonly<Record<FxVendor, string>> = { ecb: 'ECB', xe: 'XE' };

/** The first characters of a body, whitespace collapsed, for messages. */
export function bodyPreview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function fxRequestId(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return headerValue(headers, 'x-request-id') ?? headerValue(headers, 'x-amzn-requestid');
}

export interface FxResponseFailure {
  readonly vendor: FxVendor;
  readonly operation: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  /** The raw body text. */
  readonly text: string;
  readonly nowMs: number;
}

/** XE's error body (all endpoints): `{ code, message, documentation_url }`; `code` is a number, sometimes a string. */
export const XeErrorReplySchema = z.looseObject({
  code: z.union([z.number(), z.string().min(1)]),
  message: z.string(),
  documentation_url: z.string().nullish(),
});
export type XeErrorReply = z.infer<typeof XeErrorReplySchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function bodyAsJson(body: unknown): unknown {
  const text = replyText(body);
  return text === undefined ? body : safeJson(text);
}

function fxReplyError(vendor: FxVendor, ctx: ErrorReplyContext, kind: ConnectorErrorKind, what: string, vendorCode?: string): ConnectorError {
  const { operation, headers } = ctx;
  const requestId = fxRequestId(headers);
  const retryAfterMs = retryAfterOf(ctx);
  return replyError(`${VENDOR_LABEL[vendor]} ${operation}`, ctx, {
    vendor,
    kind,
    what,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/**
 * XE's error replies: its `{ code, message }` body at any status (also inside a 200), or any
 * body with a failure status. Undefined for a 2xx (or no status) whose body is not one. Pure.
 */
export function recogniseXeErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { status } = ctx;
  const parsed = XeErrorReplySchema.safeParse(bodyAsJson(body));
  if (!parsed.success && !isFailureStatus(status)) return undefined;
  // XE answers 403 when the package does not include the endpoint: the account, not the request.
  const kind: ConnectorErrorKind = status === 401 || status === 403 ? 'auth' : (failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND);
  if (parsed.success) {
    const vendorCode = String(parsed.data.code);
    return fxReplyError(XE_VENDOR, ctx, kind, `code ${vendorCode}: ${parsed.data.message}`, vendorCode);
  }
  return fxReplyError(XE_VENDOR, ctx, kind, `with ${bodyPreview(replyText(body) ?? (body === undefined ? '' : JSON.stringify(body)))}`);
}

/**
 * ECB's error replies. ECB has no error body: a failure status, or where the reference-rate XML
 * is expected an empty body, an HTML page (a maintenance or error page served with 200), a JSON
 * body, or an XML file cut short (no closing root element). Undefined for anything that may
 * be the reference-rate file (its content is checked by the parser and the mapping). Pure.
 */
export function recogniseEcbErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const text = replyText(body) ?? (body === undefined || body === null ? '' : JSON.stringify(body));
  if (isFailureStatus(ctx.status)) return fxReplyError(ECB_VENDOR, ctx, failureKindForStatus(ctx.status)!, `with ${bodyPreview(text)}`);
  const look = lookOf(text);
  if (look === 'empty') return fxReplyError(ECB_VENDOR, ctx, MALFORMED_SUCCESS_KIND, 'with an empty body');
  if (look === 'html' || look === 'json' || look === 'text') {
    const contentType = headerValue(ctx.headers, 'content-type');
    return fxReplyError(
      ECB_VENDOR,
      ctx,
      MALFORMED_SUCCESS_KIND,
      `with ${describeReplyText(text)}${contentType === undefined ? '' : ` (content-type ${contentType})`} where the reference-rate XML was expected`,
    );
  }
  const body0 = text.replace(/<!--[\s\S]*?-->/g, '').trimEnd();
  const root = /<((?:[\w.-]+:)?Envelope)[\s>]/.exec(body0)?.[1];
  if (root !== undefined && !body0.endsWith(`</${root}>`)) {
    return fxReplyError(ECB_VENDOR, ctx, MALFORMED_SUCCESS_KIND, `with a truncated reference-rate file (no closing </${root}>): ends …${bodyPreview(body0.slice(-60))}`);
  }
  return undefined;
}

/** The recogniser of either rate source. */
export function recogniseFxErrorReply(vendor: FxVendor, body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  return vendor === XE_VENDOR ? recogniseXeErrorReply(body, ctx) : recogniseEcbErrorReply(body, ctx);
}

/** A non-2xx answer. */
export function fxErrorFromResponse(failure: FxResponseFailure): ConnectorError {
  const { vendor, operation, status, headers, text, nowMs } = failure;
  return (
    recogniseFxErrorReply(vendor, text, { operation, status, nowMs, ...(headers === undefined ? {} : { headers }) }) ??
    fxContractError(vendor, operation, `HTTP ${status} not recognised as an error`, { status })
  );
}

/** A 2xx whose body breaks the published format (HTML, truncated XML, wrong root, bad rate …). */
export function fxContractError(
  vendor: FxVendor,
  operation: string,
  problem: string,
  details: { status?: number; headers?: Readonly<Record<string, unknown>>; cause?: unknown } = {},
): ConnectorError {
  const requestId = fxRequestId(details.headers);
  return new ConnectorError(MALFORMED_SUCCESS_KIND, redactText(`${VENDOR_LABEL[vendor]} ${operation}: ${problem}`), {
    vendor,
    operation,
    ...(details.status === undefined ? {} : { status: details.status }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  });
}

