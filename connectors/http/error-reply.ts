/**
 * What every vendor's error-reply recogniser (connectors/<vendor>/errors.ts) shares: the
 * context a reply came in, and how a body that is not the vendor's JSON is described
 * (an HTML page from a gateway, plain text, XML, nothing). Pure: no I/O, no clock.
 */
import { headerValue, kindForStatus, parseRetryAfter } from './classify.js';
import { UnparsedBody } from './client.js';
import { ConnectorError, type ConnectorErrorKind } from './errors.js';
import { redactText } from './redact.js';

/** Where a reply came from. The mapping debugger knows only the operation (and the status when the file records it). */
export interface ErrorReplyContext {
  readonly operation: string;
  /** The HTTP status, when known. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  /** Now, for a Retry-After given as an HTTP-date; without it only delay-seconds are read. */
  readonly nowMs?: number;
}

/** A status outside 2xx (an error whatever the body says). */
export function isFailureStatus(status: number | undefined): status is number {
  return status !== undefined && (status < 200 || status >= 300);
}

/** The kind for a failure status, or undefined for 2xx / no status. */
export function failureKindForStatus(status: number | undefined): ConnectorErrorKind | undefined {
  return status === undefined ? undefined : kindForStatus(status);
}

/** Retry-After in milliseconds, when the reply carries one (an HTTP-date only with `nowMs`). */
export function retryAfterOf(ctx: Pick<ErrorReplyContext, 'headers' | 'nowMs'>): number | undefined {
  const raw = headerValue(ctx.headers, 'retry-after');
  if (raw === undefined) return undefined;
  if (ctx.nowMs === undefined && !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return undefined;
  return parseRetryAfter(raw, ctx.nowMs ?? 0);
}

/** The raw text of a body that is not parsed JSON (an UnparsedBody or a string); undefined otherwise. */
export function replyText(body: unknown): string | undefined {
  if (body instanceof UnparsedBody) return body.text;
  if (typeof body === 'string') return body;
  return undefined;
}

export type ReplyLook = 'empty' | 'html' | 'xml' | 'json' | 'text';

/** What a text body looks like, judged by its first characters. */
export function lookOf(text: string): ReplyLook {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (head === '') return 'empty';
  if (head.startsWith('<!doctype html') || /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<html[\s>]/.test(head)) return 'html';
  if (head.startsWith('<')) return 'xml';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  return 'text';
}

/** The `<title>` (else the first `<h1>`) of an HTML page, tags and entities stripped. */
export function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text);
  const title = m?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return title === undefined || title === '' ? undefined : title;
}

/** The first characters of a text, whitespace collapsed. */
export function textPreview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** "an HTML page (502 Bad Gateway)", "a plain-text body: Invalid Credentials", "an empty body" … for messages. */
export function describeReplyText(text: string): string {
  switch (lookOf(text)) {
    case 'empty':
      return 'an empty body';
    case 'html': {
      const title = htmlTitle(text);
      return title === undefined ? `an HTML page: ${textPreview(text)}` : `an HTML page (${title})`;
    }
    case 'xml':
      return `an XML body: ${textPreview(text)}`;
    case 'json':
      try {
        JSON.parse(text);
        return `a JSON body: ${textPreview(text)}`;
      } catch {
        return `a body that is not valid JSON: ${textPreview(text)}`;
      }
    default:
      return `a plain-text body: ${textPreview(text)}`;
  }
}

/** What a recogniser found in a reply, for `replyError`. */
export interface ReplyErrorFacts {
  readonly vendor: string;
  readonly kind: ConnectorErrorKind;
  /** What the reply says: the vendor's code and message, or what the body looks like. */
  readonly what: string;
  readonly vendorCode?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /** Masks request values the vendor repeats (VIES: the VAT number); token patterns are always redacted. */
  readonly scrub?: (text: string) => string;
  /** The operation to name, when it is not the context's (LWA's token call). */
  readonly operation?: string;
}

/**
 * The one shape of a vendor's error: `<where>: [HTTP <status> ]<what>`, with the reply's
 * status, the vendor's code, request id and Retry-After kept on the error. Every
 * recogniser (connectors/<vendor>/errors.ts) ends here.
 */
export function replyError(where: string, ctx: { readonly operation?: string; readonly status?: number }, facts: ReplyErrorFacts): ConnectorError {
  const { status } = ctx;
  const text = `${where}: ${status === undefined ? '' : `HTTP ${status} `}${facts.what}`;
  return new ConnectorError(facts.kind, redactText(facts.scrub === undefined ? text : facts.scrub(text)), {
    vendor: facts.vendor,
    operation: facts.operation ?? ctx.operation ?? 'unknown',
    ...(status === undefined ? {} : { status }),
    ...(facts.vendorCode === undefined ? {} : { vendorCode: facts.vendorCode }),
    ...(facts.requestId === undefined ? {} : { requestId: facts.requestId }),
    ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: facts.retryAfterMs }),
  });
}

/** A body that is not the vendor's error JSON, for messages: `a non-JSON body: <first characters>`, `an empty body`, `an unexpected body`. */
export function bodyDescription(body: unknown): string {
  if (body instanceof UnparsedBody) return `a non-JSON body: ${body.preview()}`;
  // A recorded body read from a file arrives as text.
  if (typeof body === 'string') return body.trim() === '' ? 'an empty body' : `a non-JSON body: ${textPreview(body)}`;
  return body === undefined ? 'an empty body' : 'an unexpected body';
}
