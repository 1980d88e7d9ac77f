/**
 * MyDHL API failures → ConnectorError. The HTTP status decides the kind through the shared
 * table (connectors/http/classify.ts); the problem JSON ({instance, detail, title, message,
 * status}) supplies the message and DHL's own code (the "NNNN: " prefix of `detail`).
 */
import { classifyHttpFailure, headerValue } from '../http/classify.js';
import { UnparsedBody } from '../http/client.js';
import { ConnectorError, type ConnectorErrorKind } from '../http/errors.js';
import { redactText } from '../http/redact.js';
import { DhlProblemSchema } from './schemas.js';

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

export interface DhlResponseFailure {
  readonly operation: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly data: unknown;
  readonly nowMs: number;
}

function bodyDescription(data: unknown): string {
  if (data instanceof UnparsedBody) return `a non-JSON body: ${data.preview()}`;
  if (data === undefined) return 'an empty body';
  return 'an unexpected body';
}

/** "7008: The requested Special Service …" → "7008". */
function detailCode(detail: string | undefined): string | undefined {
  const m = detail === undefined ? null : /^\s*(\d{3,6})\s*:/.exec(detail);
  return m?.[1];
}

/** A MyDHL response with a non-2xx status. */
export function dhlErrorFromResponse(failure: DhlResponseFailure): ConnectorError {
  const { operation, status, headers, data } = failure;
  const byStatus = classifyHttpFailure({ status, ...(headers === undefined ? {} : { headers }) }, failure.nowMs);
  const parsed = DhlProblemSchema.safeParse(data);
  const problem = parsed.success && (parsed.data.detail !== undefined || parsed.data.title !== undefined) ? parsed.data : undefined;
  const code = detailCode(problem?.detail);
  const bodyStatus = problem?.status ?? problem?.code;
  const vendorCode = code ?? (bodyStatus === undefined ? undefined : String(bodyStatus));
  const kind: ConnectorErrorKind = (code !== undefined ? DHL_ERROR_CODE_KINDS[code] : undefined) ?? byStatus.kind;
  let what: string;
  if (problem !== undefined) {
    const title = problem.title ?? problem.message ?? '';
    const more = problem.additionalDetails === undefined || problem.additionalDetails.length === 0 ? '' : ` (${problem.additionalDetails.join('; ')})`;
    what = `${title}${title && problem.detail ? ': ' : ''}${problem.detail ?? ''}${more}`;
  } else {
    what = bodyDescription(data);
  }
  const requestId = dhlInvocationId(headers);
  return new ConnectorError(kind, redactText(`DHL Express ${operation} failed: HTTP ${status} ${what}`), {
    vendor: DHL_VENDOR,
    operation,
    status,
    ...(vendorCode === undefined ? {} : { vendorCode }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(byStatus.retryAfterMs === undefined ? {} : { retryAfterMs: byStatus.retryAfterMs }),
  });
}

