/**
 * What must never reach a log: secrets (tokens, client secrets, cookies) and buyer PII
 * (names, e-mail, phone, addresses). Two layers: pino redaction paths for the worker's
 * logger, and `redactForLog` for anything vendor-derived a connector chooses to log.
 */

export const REDACTED = '[redacted]';

/** Secret-bearing keys (headers, token responses, form fields), as vendors spell them. */
export const SECRET_KEYS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-amz-access-token',
  'access_token',
  'accessToken',
  'restrictedDataToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'clientSecret',
  // AliExpress / Alibaba.com open platform: the app secret and a request's signature.
  'app_secret',
  'appSecret',
  'sign',
  'cookie',
  'set-cookie',
  'password',
  'api_key',
  'apiKey',
  'x-api-key',
];

/** Buyer PII keys (Amazon Orders wire names and the canonical/camel-case ones). */
export const PII_KEYS: readonly string[] = [
  'BuyerInfo',
  'BuyerEmail',
  'BuyerName',
  'BuyerPhone',
  'ShippingAddress',
  'BillingAddress',
  'AddressLine1',
  'AddressLine2',
  'AddressLine3',
  'Phone',
  'email',
  'phone',
  'buyer',
  'buyerEmail',
  'buyerName',
  'shipTo',
  'shippingAddress',
  'billingAddress',
];

/** Keys compared without case, dashes or underscores: `x-amz-access-token` = `xAmzAccessToken`. */
function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SENSITIVE = new Set([...SECRET_KEYS, ...PII_KEYS].map(normalizeKey));

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE.has(normalizeKey(key));
}

function pathSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
}

/**
 * pino `redact` option: every sensitive key at the top level and up to three levels deep
 * (pino paths have no recursive wildcard).
 */
export function pinoRedactPaths(maxDepth = 3): string[] {
  const paths: string[] = [];
  for (const key of [...SECRET_KEYS, ...PII_KEYS]) {
    const seg = pathSegment(key);
    for (let depth = 0; depth <= maxDepth; depth += 1) {
      const prefix = '*'.repeat(depth > 0 ? 1 : 0) + '.*'.repeat(Math.max(0, depth - 1));
      if (depth === 0) paths.push(seg);
      else paths.push(seg.startsWith('[') ? `${prefix}${seg}` : `${prefix}.${seg}`);
    }
  }
  return paths;
}

/** pino redaction paths: `pino({ redact: { paths: [...REDACT_PATHS], censor: REDACTED } })`. */
export const REDACT_PATHS: readonly string[] = pinoRedactPaths();

export const PINO_REDACT_OPTIONS: { readonly paths: string[]; readonly censor: string } = {
  paths: [...REDACT_PATHS],
  censor: REDACTED,
};

/** Token-shaped substrings inside free text (messages, form bodies, URLs). */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // LWA access and refresh tokens (`Atza|…`, `Atzr|…`) and SP-API restricted data tokens (`Atz.sprdt|…`).
  [/\bAtz(?:[ar]|\.sprdt)\|[^\s"'&,;]+/g, REDACTED],
  [/\b(access_token|refresh_token|client_secret|client_id|code|app_secret|sign|session)=([^&\s"']+)/gi, `$1=${REDACTED}`],
  // Presigned S3 URLs (SP-API report documents): their signature and credentials are a bearer grant.
  [/\b(X-Amz-(?:Signature|Security-Token|Credential))=([^&\s"']+)/gi, `$1=${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=|-]+/g, `$1 ${REDACTED}`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of `value` safe to log: sensitive keys replaced at any depth, token-shaped
 * substrings masked, errors reduced to name/message/code (their config may hold headers).
 */
export function redactForLog(value: unknown, maxDepth = 8): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return '[circular]';
    if (depth >= maxDepth) return '[truncated]';
    seen.add(v);
    if (v instanceof Error) {
      const code = (v as { code?: unknown }).code;
      return { name: v.name, message: redactText(v.message), ...(typeof code === 'string' ? { code } : {}) };
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      out[k] = isSensitiveKey(k) ? REDACTED : walk(item, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}
