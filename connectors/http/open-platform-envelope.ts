/**
 * The reply envelopes of the Alibaba group's open platforms (TOP, the IOP gateway of AliExpress
 * and of the new Alibaba.com Open Platform), shared by connectors/aliexpress and
 * connectors/alibaba (see ../shared/vendor/aliexpress/NOTES.md, "Response envelopes"):
 *
 * - success: `{ "<method, dots → underscores>_response": { …, "request_id" } }` (TOP, IOP sync),
 *   or the fields at the top level with `code: "0"` (IOP REST, Alibaba.com `{ code, value }`);
 * - gateway errors: TOP `{ error_response: { code, msg, sub_code, sub_msg, request_id } }`,
 *   IOP `{ type, code, message, request_id }` at the top level;
 * - business errors inside HTTP 200: a `false` success flag (`is_success`, `success`,
 *   `result_success`, `ret`) or a failing code (`rsp_code`, `result_code`) in the envelope or
 *   its `result`, with the code and message under one of several names.
 *
 * Pure: reads parsed JSON only.
 */
import { isObject } from './json-object.js';

/** Text of a scalar field (numbers, big-integer strings and booleans as text); undefined when absent or blank. */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** What an error reply of the family says. */
export interface OpenPlatformError {
  /** Where it was found: `error_response` (TOP gateway), `iop` (IOP top-level error), or the business flag's path. */
  readonly form: string;
  readonly code?: string;
  readonly message?: string;
  readonly subCode?: string;
  readonly subMessage?: string;
  /** The gateway's error class when it says (`ISV`, `ISP`, `SYSTEM`). */
  readonly type?: string;
  readonly requestId?: string;
  /** The API the envelope names (`aliexpress_ds_order_create`), when it does. */
  readonly api?: string;
}

/** The single `<api>_response` member of a TOP/IOP-sync envelope, with its API name. */
export function envelopeOf(body: unknown): { api: string; inner: Record<string, unknown> } | undefined {
  if (!isObject(body)) return undefined;
  const keys = Object.keys(body).filter((k) => k.endsWith('_response') && k !== 'error_response' && isObject(body[k]));
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return { api: key.slice(0, -'_response'.length), inner: body[key] as Record<string, unknown> };
}

const first = (o: Record<string, unknown>, names: readonly string[]): string | undefined => {
  for (const n of names) {
    const t = scalarText(o[n]);
    if (t !== undefined) return t;
  }
  return undefined;
};

const CODE_FIELDS = ['error_code', 'err_code', 'rsp_code', 'result_code', 'code', 'sub_code', 'reason_code'] as const;
const MESSAGE_FIELDS = ['error_msg', 'error_message', 'err_msg', 'rsp_msg', 'result_msg', 'msg', 'message', 'sub_msg', 'reason_message'] as const;
const SUCCESS_FLAGS = ['is_success', 'success', 'result_success', 'ret'] as const;
/** Codes that mean success where a code is always sent. */
const SUCCESS_CODES = new Set(['0', '200', '00', 'success', 'SUCCESS']);

const isFalse = (v: unknown): boolean => v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false');

/** A business error in one object of the envelope (the envelope itself, its `result`, …). */
function businessErrorIn(o: Record<string, unknown>, path: string, envelopeLevel = false): Omit<OpenPlatformError, 'requestId'> | undefined {
  const flag = SUCCESS_FLAGS.find((f) => f in o && o[f] !== null && o[f] !== undefined);
  if (flag !== undefined) {
    if (!isFalse(o[flag])) return undefined;
    return { form: `${path}${flag}=false`, ...code(o), ...message(o) };
  }
  // No flag: a gateway-style `sub_code` inside the envelope (the family's form, e.g. fzlee/alipay#60:
  // `{ "<api>_response": { code: "40002", msg, sub_code: "isv.invalid-app-id", sub_msg } }`).
  const sub = scalarText(o.sub_code);
  if (sub !== undefined) {
    const subMessage = scalarText(o.sub_msg);
    return { form: `${path}sub_code`, code: scalarText(o.code) ?? sub, ...(scalarText(o.msg) === undefined ? {} : { message: scalarText(o.msg)! }), subCode: sub, ...(subMessage === undefined ? {} : { subMessage }) };
  }
  // No flag: an explicit error code with its message (`error_code` + `error_msg`/`error_message`).
  const errorCode = first(o, ['error_code', 'err_code']);
  const errorMessage = first(o, ['error_msg', 'error_message', 'err_msg']);
  if (errorCode !== undefined && errorMessage !== undefined && !SUCCESS_CODES.has(errorCode)) return { form: `${path}error_code`, code: errorCode, message: errorMessage };
  // No flag, directly in the envelope (not in a record): a `code` other than success with its `msg`.
  const envCode = scalarText(o.code);
  const envMessage = scalarText(o.msg) ?? scalarText(o.message);
  if (envelopeLevel && envCode !== undefined && envMessage !== undefined && !SUCCESS_CODES.has(envCode)) return { form: `${path}code`, code: envCode, message: envMessage };
  // No flag: a code that is always sent (rsp_code, result_code) and is not a success code.
  for (const f of ['rsp_code', 'result_code'] as const) {
    const c = scalarText(o[f]);
    if (c !== undefined && !SUCCESS_CODES.has(c)) return { form: `${path}${f}`, code: c, ...message(o) };
  }
  return undefined;
}

const code = (o: Record<string, unknown>) => {
  const c = first(o, CODE_FIELDS);
  return c === undefined ? {} : { code: c };
};
const message = (o: Record<string, unknown>) => {
  const m = first(o, MESSAGE_FIELDS);
  return m === undefined ? {} : { message: m };
};

/**
 * The error a family reply carries, at any status, or undefined for a success (or a body that
 * is not the family's). `error_response` and the IOP top-level form are claimed anywhere; a
 * business error only inside an `<api>_response` envelope or a top-level `{ result }` / `{ value }`
 * reply that also carries a `request_id` (so other vendors' bodies are never claimed).
 */
export function openPlatformErrorOf(body: unknown): OpenPlatformError | undefined {
  if (!isObject(body)) return undefined;
  const er = body.error_response;
  if (isObject(er)) {
    const subCode = scalarText(er.sub_code);
    const subMessage = scalarText(er.sub_msg);
    const type = scalarText(er.type);
    const requestId = scalarText(er.request_id) ?? scalarText(body.request_id);
    const c = scalarText(er.code) ?? subCode;
    const m = scalarText(er.msg) ?? scalarText(er.message) ?? subMessage;
    return {
      form: 'error_response',
      ...(c === undefined ? {} : { code: c }),
      ...(m === undefined ? {} : { message: m }),
      ...(subCode === undefined ? {} : { subCode }),
      ...(subMessage === undefined ? {} : { subMessage }),
      ...(type === undefined ? {} : { type }),
      ...(requestId === undefined ? {} : { requestId }),
    };
  }
  const env = envelopeOf(body);
  const requestId = scalarText(body.request_id) ?? (env ? scalarText(env.inner.request_id) : undefined);
  // IOP: `{ type, code, message, request_id }` at the top level; code "0" is a success.
  const topCode = scalarText(body.code);
  if (env === undefined && requestId !== undefined && topCode !== undefined && !SUCCESS_CODES.has(topCode)) {
    const type = scalarText(body.type);
    const m = scalarText(body.message) ?? scalarText(body.msg);
    return { form: 'iop', code: topCode, ...(m === undefined ? {} : { message: m }), ...(type === undefined ? {} : { type }), requestId };
  }
  const holders: [Record<string, unknown>, string, boolean?][] = [];
  if (env !== undefined) {
    holders.push([env.inner, `${env.api}_response.`, true]);
    if (isObject(env.inner.result)) holders.push([env.inner.result, `${env.api}_response.result.`]);
  } else if (requestId !== undefined || 'result' in body) {
    // Unwrapped replies (IOP REST, the DS doc pages' unwrapped form): the body and its result/value.
    holders.push([body, '']);
    if (isObject(body.result)) holders.push([body.result, 'result.']);
    if (isObject(body.value)) holders.push([body.value, 'value.']);
  }
  for (const [o, path, envelopeLevel] of holders) {
    const e = businessErrorIn(o, path, envelopeLevel);
    if (e !== undefined) return { ...e, ...(requestId === undefined ? {} : { requestId }), ...(env === undefined ? {} : { api: env.api }) };
  }
  return undefined;
}

/** `15 Remote service error (isv.insufficient-permission: …)`: the error for messages. */
export function describeOpenPlatformError(e: OpenPlatformError): string {
  const head = [e.code, e.message].filter((x) => x !== undefined).join(' ') || 'error without code or message';
  const sub = [e.subCode, e.subMessage].filter((x) => x !== undefined).join(': ');
  return `${head}${sub === '' ? '' : ` (${sub})`}${e.type === undefined ? '' : ` [${e.type}]`}`;
}

/**
 * How long a quota refusal lasts, when the platform says: TOP and IOP gateways write "This ban
 * will last for 3 more seconds" (sub_msg or msg) on a call-limit error. Milliseconds.
 */
export function quotaBanMsOf(e: OpenPlatformError): number | undefined {
  for (const text of [e.subMessage, e.message]) {
    const m = text === undefined ? null : /ban will last(?: for)? (\d+) more seconds?/i.exec(text);
    if (m) return Number(m[1]) * 1000;
  }
  return undefined;
}
