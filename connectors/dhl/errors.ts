/**
 * DHL failures → ConnectorError. The HTTP status decides the kind through the shared table
 * (connectors/http/classify.ts); the problem JSON supplies the message and DHL's own code (the
 * "NNNN: " prefix of `detail`). recogniseDhlErrorReply knows every DHL error shape: MyDHL's
 * problem JSON ({instance, detail, title, message, status|code}), the Unified Tracking API's
 * problem detail ({type, title, status, detail, instance}), the XML services' Condition lists
 * (inside HTTP 200), and any other body with a failure status (HTML pages, "Invalid
 * Credentials" text).
 */
import { z } from 'zod';
import { headerValue, MALFORMED_SUCCESS_KIND } from '../http/classify.js';
import { bodyDescription, type ErrorReplyContext, failureKindForStatus, isFailureStatus, replyError, replyText, retryAfterOf } from '../http/error-reply.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';

export const DHL_VENDOR = 'dhl';

/**
 * DHL codes (the number before ":" in `detail`) whose meaning differs from their HTTP status.
 * 999 "Process failure occurred" is DHL's generic back-end failure: worth a retry.
 */
export const DHL_ERROR_CODE_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  '999': 'transient',
};

/** DHL's id of the transaction (response header `Invocation-Id`), quoted to DHL support. */
export function dhlInvocationId(headers: Readonly<Record<string, unknown>> | undefined): string | undefined {
  return headerValue(headers, 'invocation-id');
}

/**
 * Problem JSON of MyDHL (supermodelIoLogisticsExpressErrorResponse: `status` a string such as
 * '400' or '998', some answers `code` instead, recorded ones a number) and of the Unified
 * Tracking API (supermodelIoLogisticsApiProblemDetail: `status` a number, plus `type`; a real
 * 429 reads `{"status":429,"title":"Too Many Requests","detail":"Too many requests within
 * defined time period, please try again later."}`, itsvic-dev/deliveries#68).
 */
export const DhlProblemReplySchema = z.looseObject({
  type: z.string().nullish(),
  instance: z.string().nullish(),
  detail: z.string().nullish(),
  title: z.string().nullish(),
  message: z.string().nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  additionalDetails: z.array(z.string()).nullish(),
});
export type DhlProblemReply = z.infer<typeof DhlProblemReplySchema>;

/** XML services' condition codes that are not request errors (the rest are: missing or invalid fields). */
export const DHL_XML_CONDITION_KINDS: Readonly<Record<string, ConnectorErrorKind>> = {
  // TrackingResponse "No Shipments Found" for the AWB asked about (209 in the reply USGM/postal
  // records in postal/tests/fixtures/dhl.py `tracking_response_not_found`).
  '103': 'not_found',
  '209': 'not_found',
};

/** "7008: The requested Special Service …" → "7008". */
function detailCode(detail: string | null | undefined): string | undefined {
  const m = typeof detail === 'string' ? /^\s*(\d{3,6})\s*:/.exec(detail) : null;
  return m?.[1];
}

function problemOf(body: unknown): DhlProblemReply | undefined {
  const parsed = DhlProblemReplySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  return (typeof p.detail === 'string' && p.detail !== '') || (typeof p.title === 'string' && p.title !== '') ? p : undefined;
}

/** A status given in the problem body ('400', 404): used when the reply's own status is unknown. */
function bodyHttpStatus(problem: DhlProblemReply): number | undefined {
  const raw = problem.status ?? problem.code;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw.trim()) ? Number(raw) : undefined;
  return n !== undefined && n >= 400 && n <= 599 ? n : undefined;
}

interface XmlConditions {
  readonly codes: readonly { code: string; data: string }[];
}

function decodeXml(text: string): string {
  return text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The legacy XML services' errors: an `…ErrorResponse` root, or an ActionStatus other than
 * Success, with `<Condition><ConditionCode>…</ConditionCode><ConditionData>…</ConditionData>`.
 * A Condition beside a successful ActionNote (a pickup notice) is not an error.
 */
function xmlConditionsOf(text: string): XmlConditions | undefined {
  if (!/^\s*(<\?xml[^>]*\?>\s*)?</.test(text.replace(/^\uFEFF/, ''))) return undefined;
  const root = /<(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  // Element names are matched with or without a namespace prefix (`<res:ConditionCode>` is the same element).
  // A TrackingResponse has one ActionStatus per AWBInfo: it failed only when no AWB succeeded (one
  // unknown AWB beside found ones is that AWB's own error, mapped per record).
  const statuses = [...text.matchAll(/<(?:[\w.-]+:)?ActionStatus>([^<]*)<\/(?:[\w.-]+:)?ActionStatus>/g)].map((m) => m[1]!.trim().toLowerCase());
  // ConditionData may be empty (`<ConditionData/>`) or missing: the code alone still names the error.
  const condition = /<(?:[\w.-]+:)?ConditionCode>([^<]*)<\/(?:[\w.-]+:)?ConditionCode>\s*(?:<(?:[\w.-]+:)?ConditionData>([\s\S]*?)<\/(?:[\w.-]+:)?ConditionData>|<(?:[\w.-]+:)?ConditionData\s*\/>)?/g;
  const codes = [...text.matchAll(condition)].map((m) => ({
    code: decodeXml(m[1] ?? ''),
    data: decodeXml(m[2] ?? ''),
  }));
  // A Condition with neither ActionStatus nor a successful ActionNote is an error too: a DCTResponse
  // answers a missing declared value with only `<Note><Condition>5021…` (deseretbook/dhl-get_quote's recorded reply).
  const bare = statuses.length === 0 && codes.length > 0 && !/<(?:[\w.-]+:)?ActionNote>\s*success\s*</i.test(text);
  const failed = /ErrorResponse$/.test(root) || (statuses.length > 0 && statuses.every((s) => s !== 'success')) || bare;
  return !failed || codes.length === 0 ? undefined : { codes };
}

/**
 * DHL's error replies at any status: problem JSON (MyDHL, Unified Tracking), the XML services'
 * failed Condition lists (inside HTTP 200), and any body with a failure status. Undefined for a
 * 2xx (or no status) whose body is none of these. Pure.
 */
export function recogniseDhlErrorReply(body: unknown, ctx: ErrorReplyContext): ConnectorError | undefined {
  const { operation, headers } = ctx;
  const problem = problemOf(body);
  const text = replyText(body);
  const xml = problem === undefined && text !== undefined ? xmlConditionsOf(text) : undefined;
  if (problem === undefined && xml === undefined && !isFailureStatus(ctx.status)) return undefined;
  const status = ctx.status ?? (problem === undefined ? undefined : bodyHttpStatus(problem));
  const requestId = dhlInvocationId(headers);
  const retryAfterMs = retryAfterOf(ctx);
  let kind: ConnectorErrorKind;
  let vendorCode: string | undefined;
  let what: string;
  if (problem !== undefined) {
    // "Multiple problems found, see Additional Details": DHL's own codes are then those of additionalDetails (the first names the reply).
    const code = detailCode(problem.detail) ?? (problem.additionalDetails ?? []).map(detailCode).find((c) => c !== undefined);
    const bodyStatus = problem.status ?? problem.code;
    vendorCode = code ?? (bodyStatus === undefined || bodyStatus === null ? undefined : String(bodyStatus));
    // Inside a 2xx, the status the problem body gives decides.
    const kindStatus = isFailureStatus(status) ? status : bodyHttpStatus(problem);
    kind =
      (code !== undefined && Object.hasOwn(DHL_ERROR_CODE_KINDS, code) ? DHL_ERROR_CODE_KINDS[code] : undefined) ??
      failureKindForStatus(kindStatus) ??
      MALFORMED_SUCCESS_KIND;
    const title = problem.title ?? problem.message ?? '';
    const more = problem.additionalDetails === undefined || problem.additionalDetails === null || problem.additionalDetails.length === 0 ? '' : ` (${problem.additionalDetails.join('; ')})`;
    what = `${title}${title && problem.detail ? ': ' : ''}${problem.detail ?? ''}${more}`;
  } else if (xml !== undefined) {
    const [first, ...rest] = xml.codes;
    vendorCode = first!.code;
    kind = (Object.hasOwn(DHL_XML_CONDITION_KINDS, vendorCode) ? DHL_XML_CONDITION_KINDS[vendorCode] : undefined) ?? (isFailureStatus(status) ? failureKindForStatus(status) : undefined) ?? 'validation';
    what = [first!, ...rest].map((c) => (c.data === '' ? c.code : `${c.code}: ${c.data}`)).join('; ');
  } else {
    kind = failureKindForStatus(status) ?? MALFORMED_SUCCESS_KIND;
    what = bodyDescription(body);
  }
  return replyError(`DHL Express ${operation} failed`, { operation, status }, {
    vendor: DHL_VENDOR,
    kind,
    what,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

