/**
 * VIES failures → ConnectorError. VIES names its failures with codes (the SOAP service's
 * faults, carried in the REST CommonResponse `errorWrappers[].error`); the code decides the
 * kind, whatever the HTTP status: VIES answers 400, 500 and even 200 with such a body. A body
 * without a known code falls back to the shared status table.
 *
 * No message built here contains the VAT number asked about (buyer data): vendor text passes
 * through `scrub`, and zod issues name fields, never values.
 */
import { z } from 'zod';
import { MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';

export const VIES_VENDOR = 'vies';

export interface ViesErrorRule {
  readonly kind: ConnectorErrorKind;
  /** For rate_limited: how long to hold back when VIES sends no Retry-After. */
  readonly retryAfterMs?: number;
  /** Which limit was hit: `global` holds every check back; `member-state` concerns one country only. */
  readonly limit?: 'global' | 'member-state';
}

/** VIES documents no wait for its concurrency limits; they count requests in flight, which clear in seconds. */
const CONCURRENCY_RETRY_AFTER_MS = 5_000;

/** The error codes of the EC's VIES documentation and what they mean for us. */
export const VIES_ERROR_CODES: Readonly<Record<string, ViesErrorRule>> = {
  // Country code unknown or VAT number empty/malformed: the same request will never pass.
  INVALID_INPUT: { kind: 'validation' },
  // The requester's member state or number is wrong: our configuration, not the buyer's.
  INVALID_REQUESTER_INFO: { kind: 'validation' },
  // VIES itself, the member state's register, or the register's answer in time: try later.
  SERVICE_UNAVAILABLE: { kind: 'transient' },
  MS_UNAVAILABLE: { kind: 'transient' },
  TIMEOUT: { kind: 'transient' },
  // Access refused by the EC: retrying does not help, ops must act.
  VAT_BLOCKED: { kind: 'auth' },
  IP_BLOCKED: { kind: 'auth' },
  GLOBAL_MAX_CONCURRENT_REQ: { kind: 'rate_limited', retryAfterMs: CONCURRENCY_RETRY_AFTER_MS, limit: 'global' },
  GLOBAL_MAX_CONCURRENT_REQ_TIME: { kind: 'rate_limited', retryAfterMs: CONCURRENCY_RETRY_AFTER_MS, limit: 'global' },
  MS_MAX_CONCURRENT_REQ: { kind: 'rate_limited', retryAfterMs: CONCURRENCY_RETRY_AFTER_MS, limit: 'member-state' },
  MS_MAX_CONCURRENT_REQ_TIME: { kind: 'rate_limited', retryAfterMs: CONCURRENCY_RETRY_AFTER_MS, limit: 'member-state' },
};

export interface ViesErrorBody {
  /** Every `errorWrappers[].error`, in order. */
  readonly codes: readonly string[];
  /** The first known code (else the first code), with its message. */
  readonly code?: string;
  readonly message?: string;
}

/**
 * CommonResponse, the REST service's error body: `{ actionSucceed: false, errorWrappers: [{ error,
 * message }] }`, sent with 400, 500 and 200 alike; `message` is often absent or null.
 */
export const ViesErrorReplySchema = z.looseObject({
  actionSucceed: z.literal(false),
  errorWrappers: z.array(z.looseObject({ error: z.string(), message: z.string().nullish() })).nullish(),
});
export type ViesErrorReply = z.infer<typeof ViesErrorReplySchema>;

/** The SOAP service's fault (checkVatService.wsdl): `<faultstring>MS_UNAVAILABLE</faultstring>`. */
function soapFaultCode(text: string): string | undefined {
  if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(text)) return undefined;
  return /<faultstring[^>]*>\s*([^<]*?)\s*<\/faultstring>/.exec(text)?.[1] || undefined;
}

/** Reads a CommonResponse with `actionSucceed: false` (or a SOAP fault); undefined for anything else (a CheckVatResponse, HTML …). */
export function readViesErrorBody(data: unknown): ViesErrorBody | undefined {
  const text = replyText(data);
  if (text !== undefined) {
    const fault = soapFaultCode(text);
    return fault === undefined ? undefined : { codes: [fault], code: fault };
  }
  const parsed = ViesErrorReplySchema.safeParse(data);
  if (!parsed.success) return undefined;
  const wrappers = parsed.data.errorWrappers ?? [];
  const chosen = wrappers.find((w) => Object.hasOwn(VIES_ERROR_CODES, w.error)) ?? wrappers[0];
  return {
    codes: wrappers.map((w) => w.error),
    ...(chosen === undefined ? {} : { code: chosen.error }),
    ...(typeof chosen?.message === 'string' && chosen.message !== '' ? { message: chosen.message } : {}),
  };
}

export function viesErrorRule(code: string | undefined): ViesErrorRule | undefined {
  return code !== undefined && Object.hasOwn(VIES_ERROR_CODES, code) ? VIES_ERROR_CODES[code] : undefined;
}

/** Replaces the VAT numbers of a request wherever vendor text repeats them. */
export type Scrub = (text: string) => string;

export function scrubberFor(values: readonly (string | undefined)[]): Scrub {
  const secrets = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return (text) => redactText(secrets.reduce((out, v) => out.split(v).join('[vat number]'), text));
}

const noScrub: Scrub = (text) => redactText(text);

/** The first characters of a body, whitespace collapsed, for messages. */
export function bodyPreview(data: unknown, scrub: Scrub, max = 120): string {
  const text = data instanceof UnparsedBody ? data.text : data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data);
  const flat = scrub(text.replace(/\s+/g, ' ').trim());
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function label(operation: string, countryCode: string | undefined): string {
  return `VIES ${operation}${countryCode === undefined ? '' : ` (${countryCode})`}`;
}

export interface ViesResponseFailure {
  readonly operation: string;
  /** The member state asked about, for the message (never the number). */
  readonly countryCode?: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  /** The parsed body (JSON value, UnparsedBody or undefined). */
  readonly data: unknown;
  readonly nowMs: number;
  readonly scrub?: Scrub;
}

export interface ViesErrorReplyContext extends ErrorReplyContext {
  /** The member state asked about, for the message (never the number). */
  readonly countryCode?: string;
  readonly scrub?: Scrub;
}

/**
 * VIES's error replies: a CommonResponse with `actionSucceed: false` at any status (200
 * included), a SOAP fault, or any body with a failure status. Undefined for a 2xx (or no
 * status) whose body is not one of these. Pure.
 */
export function recogniseViesErrorReply(body: unknown, ctx: ViesErrorReplyContext): ConnectorError | undefined {
  const { operation, countryCode, status } = ctx;
  const scrub = ctx.scrub ?? noScrub;
  const error = readViesErrorBody(body);
  if (error === undefined && !isFailureStatus(status)) return undefined;
  const rule = viesErrorRule(error?.code);
  const retryAfterHeader = retryAfterOf(ctx);
  let kind: ConnectorErrorKind;
  let retryAfterMs: number | undefined;
  if (rule !== undefined) {
    kind = rule.kind;
    retryAfterMs = kind === 'rate_limited' ? (retryAfterHeader ?? rule.retryAfterMs) : undefined;
  } else if (!isFailureStatus(status)) {
    // A 2xx error body whose code the published list does not know: the contract changed.
    kind = MALFORMED_SUCCESS_KIND;
  } else {
    kind = failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND;
    retryAfterMs = retryAfterHeader;
  }
  const what =
    error === undefined
      ? `with ${bodyPreview(body, scrub)}`
      : error.code === undefined
        ? 'with an error body naming no error'
        : `${error.code}${error.message === undefined ? '' : `: ${scrub(error.message)}`}`;
  return replyError(label(operation, countryCode), ctx, {
    vendor: VIES_VENDOR,
    kind,
    what,
    ...(error?.code === undefined ? {} : { vendorCode: error.code }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** A non-2xx answer, or a 2xx whose body is a CommonResponse with `actionSucceed: false`. */
export function viesErrorFromResponse(failure: ViesResponseFailure): ConnectorError {
  const { operation, countryCode, status, headers, data, nowMs, scrub } = failure;
  const ctx: ViesErrorReplyContext = {
    operation,
    status,
    nowMs,
    ...(headers === undefined ? {} : { headers }),
    ...(countryCode === undefined ? {} : { countryCode }),
    ...(scrub === undefined ? {} : { scrub }),
  };
  return recogniseViesErrorReply(data, ctx) ?? viesContractError(operation, countryCode, `HTTP ${status} answer is not a CheckVatResponse`, { status });
}

/** A 2xx whose body breaks the published format (HTML, wrong shape …). */
export function viesContractError(
  operation: string,
  countryCode: string | undefined,
  problem: string,
  details: { status?: number; cause?: unknown } = {},
): ConnectorError {
  return new ConnectorError(MALFORMED_SUCCESS_KIND, `${label(operation, countryCode)}: ${problem}`, {
    vendor: VIES_VENDOR,
    operation,
    ...(details.status === undefined ? {} : { status: details.status }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  });
}

