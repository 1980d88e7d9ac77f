/** The part convert_from and historic_rate share: the raw JSON body → FxRates, or a contract error. */
import type { MappingResult } from '../../../mappings/canonical/result.js';
import { readDecimalJson } from '../../../mappings/fx/decimal-json.js';
import type { FxRateBatch } from '../../../mappings/fx/rate-batch.js';
import type { FxResponse } from '../client.js';
import { bodyPreview, fxContractError, XE_VENDOR } from '../errors.js';
import { describeIssues, distinctDates, type FxRatesResult } from '../rates-result.js';

export function parseXeRatesResponse(
  operation: string,
  feed: string,
  response: FxResponse,
  map: (body: unknown) => MappingResult<FxRateBatch>,
): FxRatesResult {
  const details = { status: response.status, headers: response.headers };
  // Numbers stay decimal text: `mid` has up to 10 decimals that a float would not keep.
  const body = readDecimalJson(response.text);
  if (!body.ok) throw fxContractError(XE_VENDOR, operation, `${feed} answered a body that is not JSON (${body.message}): ${bodyPreview(response.text, 80)}`, details);
  const mapped = map(body.value);
  if (!mapped.ok) throw fxContractError(XE_VENDOR, operation, `${feed} answer does not match the API: ${describeIssues(mapped.error.issues)}`, { ...details, cause: mapped.error });
  const { rates, skipped } = mapped.value;
  return {
    source: 'xe',
    feed,
    rates,
    skipped,
    dates: distinctDates(rates),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
  };
}
