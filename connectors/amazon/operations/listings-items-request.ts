/**
 * What the four Listings Items 2021-08-01 operations on one SKU share: the path
 * `/listings/2021-08-01/items/{sellerId}/{sku}`, the csv `marketplaceIds`, `issueLocale`, and the
 * submission reply of put, patch and delete.
 *
 * The SKU is one path segment, percent-encoded as UTF-8 (the pipeline's encodeURIComponent):
 * a space is `%20` and `+` is `%2B` (a `+` left raw reads as a space: amzn/selling-partner-api-docs#2536),
 * `/` is `%2F`, `#` `%23`, `|` `%7C`, `＆` `%EF%BC%86` (jlevers/selling-partner-api#257, fixed
 * server-side by amzn/selling-partner-api-docs#2224). Amazon's gateway has more than once refused an
 * encoded slash with `403 Unauthorized` "Access to requested resource is denied" instead of finding
 * the SKU (amzn/selling-partner-api-models#1100, amzn/selling-partner-api-docs#467, again in
 * amzn/selling-partner-api-models#4727): for a SKU holding `/`, such a 403 is reported as a
 * validation error naming the SKU, not as bad credentials.
 */
import { parseReply } from '../../http/error-factories.js';
import { ConnectorError } from '../../http/errors.js';
import type { ErrorSite } from '../../http/error-factories.js';
import type { PipelineResponse } from '../../http/pipeline.js';
import { refuse, requireCsvChoices, requireCsvItems, requireNonEmpty, requireValid } from '../../http/request-checks.js';
import type { ZodType } from 'zod';
import type { AmazonRequest } from '../client.js';
import { AmazonListingsSubmissionSchema, type AmazonListingsSubmission } from '../schemas/listings-items-2021-08-01.js';

export const LISTINGS_ITEM_PATH = '/listings/2021-08-01/items/{sellerId}/{sku}';

/** `mode` of put and patch: validate without applying (the reply's status is then VALID or INVALID). */
export const VALIDATION_PREVIEW = 'VALIDATION_PREVIEW';

/** `includedData` of put and patch replies; `identifiers` only with VALIDATION_PREVIEW. */
export const AMAZON_LISTINGS_SUBMISSION_INCLUDED_DATA = ['identifiers', 'issues'] as const;
export type AmazonListingsSubmissionIncludedData = (typeof AMAZON_LISTINGS_SUBMISSION_INCLUDED_DATA)[number];

/** One listings item: the seller (merchant token), its SKU, and the marketplaces the call is for. */
export interface ListingsItemKey {
  /** The selling partner id (merchant token). The client fills in the connection's sellerId when omitted. */
  readonly sellerId?: string;
  readonly sku: string;
  /** The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** Locale of issue messages, e.g. `en_US`, `ja_JP` (Amazon's default: the marketplace's language). */
  readonly issueLocale?: string;
}

/** What put, patch and delete answer: the parsed ListingsItemSubmissionResponse. */
export interface ListingsSubmissionResult {
  readonly submission: AmazonListingsSubmission;
  readonly requestId?: string;
}

/** Path, path parameters and the leading query parameters, checked. `maxMarketplaces`: put and delete take one. */
export function listingsItemTarget(
  site: ErrorSite,
  key: ListingsItemKey,
  maxMarketplaces?: number,
): Pick<AmazonRequest, 'path' | 'pathParams' | 'subject'> & { readonly marketplaceIds: readonly string[] } {
  const sellerId = requireNonEmpty(site, 'sellerId', key.sellerId);
  // A SKU is taken as given: Amazon keeps leading and trailing spaces as part of it.
  if (typeof key.sku !== 'string' || key.sku === '') throw refuse(site, 'sku must be a non-empty string');
  const marketplaceIds = requireCsvItems(site, 'marketplaceIds', key.marketplaceIds ?? [], { min: 1, ...(maxMarketplaces === undefined ? {} : { max: maxMarketplaces }) })!;
  if (key.issueLocale !== undefined) requireNonEmpty(site, 'issueLocale', key.issueLocale);
  return { path: LISTINGS_ITEM_PATH, pathParams: { sellerId, sku: key.sku }, subject: `SKU ${key.sku}`, marketplaceIds };
}

/** put/patch `mode` and `includedData`, checked against each other. */
export function submissionQueryOptions(
  site: ErrorSite,
  mode: typeof VALIDATION_PREVIEW | undefined,
  includedData: readonly AmazonListingsSubmissionIncludedData[] | undefined,
): { readonly mode?: string; readonly includedData?: readonly string[] } {
  if (mode !== undefined && mode !== VALIDATION_PREVIEW) throw refuse(site, `mode must be ${VALIDATION_PREVIEW} when set, got "${String(mode)}"`);
  const data = requireCsvChoices(site, 'includedData', includedData, AMAZON_LISTINGS_SUBMISSION_INCLUDED_DATA);
  if (data?.includes('identifiers') && mode !== VALIDATION_PREVIEW) throw refuse(site, `includedData identifiers can only be requested with mode ${VALIDATION_PREVIEW}`);
  return { ...(mode === undefined ? {} : { mode }), ...(data === undefined ? {} : { includedData: data }) };
}

/** What put and patch take besides the key. */
export interface ListingsSubmissionParams extends ListingsItemKey {
  /** The request body in the model's shape, checked before sending. */
  readonly body: unknown;
  readonly mode?: typeof VALIDATION_PREVIEW;
  /** Amazon's default: issues. */
  readonly includedData?: readonly AmazonListingsSubmissionIncludedData[];
}

/** A put or patch request: query in the model's order, the body checked against its schema. */
export function buildListingsSubmissionRequest(
  site: ErrorSite & { readonly operation: 'putListingsItem' | 'patchListingsItem' },
  method: 'PUT' | 'PATCH',
  bodyName: string,
  bodySchema: ZodType,
  params: ListingsSubmissionParams,
  maxMarketplaces?: number,
): AmazonRequest {
  const { marketplaceIds, ...target } = listingsItemTarget(site, params, maxMarketplaces);
  const { mode, includedData } = submissionQueryOptions(site, params.mode, params.includedData);
  const body = requireValid(site, `${bodyName} of SKU ${params.sku}`, bodySchema, params.body);
  return {
    operation: site.operation,
    method,
    ...target,
    query: [
      ['marketplaceIds', marketplaceIds],
      ['includedData', includedData],
      ['mode', mode],
      ['issueLocale', params.issueLocale],
    ],
    body: { json: body },
  };
}

export function parseListingsSubmission(site: ErrorSite, response: PipelineResponse): ListingsSubmissionResult {
  const submission = parseReply(site, AmazonListingsSubmissionSchema, response, 'ListingsItemSubmissionResponse');
  return { submission, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

/** The same error with another kind and message (the SKU named, the slash 403 explained). */
function restated(error: ConnectorError, kind: ConnectorError['kind'], message: string): ConnectorError {
  return new ConnectorError(kind, message, {
    vendor: error.vendor,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}

/**
 * An Amazon reply error on one SKU, naming the SKU (Amazon's own message may not, or only
 * percent-encoded); Amazon's 403 for an encoded slash becomes a validation error (see above).
 */
function onSkuError(sku: string, error: unknown): unknown {
  if (!(error instanceof ConnectorError) || error.status === undefined) return error;
  const where = `Amazon ${error.operation}:`;
  const message = error.message.startsWith(where) ? `Amazon ${error.operation} (SKU ${sku}):${error.message.slice(where.length)}` : error.message;
  if (error.kind === 'auth' && error.status === 403 && sku.includes('/')) {
    return restated(error, 'validation', `${message} — the SKU holds "/", sent as %2F: Amazon has refused encoded slashes in the path with this 403 (amzn/selling-partner-api-models#4727)`);
  }
  return message === error.message ? error : restated(error, error.kind, message);
}

/** Sends a call on one SKU; its reply errors name the SKU. */
export async function onSku<T>(sku: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw onSkuError(sku, error);
  }
}
