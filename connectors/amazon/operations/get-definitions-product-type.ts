/**
 * getDefinitionsProductType — GET /definitions/2020-09-01/productTypes/{productType} (Product
 * Type Definitions 2020-09-01), and the download of the JSON Schema its `schema.link.resource`
 * points to (a presigned URL on S3, fetched without SP-API credentials), checked against
 * `schema.checksum` (Base64 MD5 of the document, per the model's SchemaLink).
 */
import { contractError, parseReply } from '../../http/error-factories.js';
import { refuse, requireCsvItems, requireNonEmpty, siteOf } from '../../http/request-checks.js';
import type { CallOptions, PipelineResponse, Send } from '../../http/pipeline.js';
import type { AmazonRequest } from '../client.js';
import { AMAZON } from '../config.js';
import { createHash } from 'node:crypto';
import { documentJson, downloadDocument } from '../documents.js';
import { AmazonProductTypeDefinitionSchema, type AmazonProductTypeDefinition } from '../schemas/definitions-product-types-2020-09-01.js';
import { AMAZON_LISTINGS_REQUIREMENTS } from '../schemas/listings-items-2021-08-01.js';

const OPERATION = 'getDefinitionsProductType';
const SITE = siteOf(AMAZON, OPERATION);

/** The model's `locale` values (display texts of the definition). */
export const AMAZON_PRODUCT_TYPE_LOCALES = [
  'DEFAULT', 'ar', 'ar_AE', 'de', 'de_DE', 'en', 'en_AE', 'en_AU', 'en_CA', 'en_GB', 'en_IN', 'en_SG', 'en_US', 'es', 'es_ES', 'es_MX', 'es_US',
  'fr', 'fr_CA', 'fr_FR', 'it', 'it_IT', 'ja', 'ja_JP', 'nl', 'nl_NL', 'pl', 'pl_PL', 'pt', 'pt_BR', 'pt_PT', 'sv', 'sv_SE', 'tr', 'tr_TR', 'zh', 'zh_CN', 'zh_TW',
] as const;

export interface GetDefinitionsProductTypeParams {
  /** Amazon product type name, e.g. `LUGGAGE`. */
  readonly productType: string;
  /** The client fills in the connection's marketplaceIds when omitted. */
  readonly marketplaceIds?: readonly string[];
  /** Seller-specific requirements (merchant token); the client fills in the connection's sellerId. */
  readonly sellerId?: string;
  /** Default LATEST. */
  readonly productTypeVersion?: string;
  /** Default LISTING. */
  readonly requirements?: (typeof AMAZON_LISTINGS_REQUIREMENTS)[number];
  readonly requirementsEnforced?: 'ENFORCED' | 'NOT_ENFORCED';
  /** Default DEFAULT (the marketplace's own language). */
  readonly locale?: (typeof AMAZON_PRODUCT_TYPE_LOCALES)[number];
  readonly parentageLevel?: 'NONE' | 'CHILD' | 'PARENT';
}

export interface GetDefinitionsProductTypeResult {
  readonly definition: AmazonProductTypeDefinition;
  readonly requestId?: string;
}

function requireOneOf(name: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw refuse(SITE, `${name}: "${value}" is not one of ${allowed.join(', ')}`);
  return value;
}

export function buildGetDefinitionsProductTypeRequest(params: GetDefinitionsProductTypeParams): AmazonRequest {
  const productType = requireNonEmpty(SITE, 'productType', params.productType);
  if (params.sellerId !== undefined) requireNonEmpty(SITE, 'sellerId', params.sellerId);
  if (params.productTypeVersion !== undefined) requireNonEmpty(SITE, 'productTypeVersion', params.productTypeVersion);
  return {
    operation: OPERATION,
    path: '/definitions/2020-09-01/productTypes/{productType}',
    pathParams: { productType },
    subject: productType,
    query: [
      ['sellerId', params.sellerId],
      ['marketplaceIds', requireCsvItems(SITE, 'marketplaceIds', params.marketplaceIds ?? [], { min: 1 })],
      ['productTypeVersion', params.productTypeVersion ?? 'LATEST'],
      ['requirements', requireOneOf('requirements', params.requirements ?? 'LISTING', AMAZON_LISTINGS_REQUIREMENTS)],
      ['requirementsEnforced', requireOneOf('requirementsEnforced', params.requirementsEnforced, ['ENFORCED', 'NOT_ENFORCED'])],
      ['locale', requireOneOf('locale', params.locale ?? 'DEFAULT', AMAZON_PRODUCT_TYPE_LOCALES)],
      ['parentageLevel', requireOneOf('parentageLevel', params.parentageLevel, ['NONE', 'CHILD', 'PARENT'])],
    ],
  };
}

export function parseGetDefinitionsProductTypeResponse(response: PipelineResponse): GetDefinitionsProductTypeResult {
  const definition = parseReply(SITE, AmazonProductTypeDefinitionSchema, response, 'ProductTypeDefinition');
  return { definition, ...(response.requestId === undefined ? {} : { requestId: response.requestId }) };
}

export async function getDefinitionsProductType(send: Send, params: GetDefinitionsProductTypeParams, options?: CallOptions): Promise<GetDefinitionsProductTypeResult> {
  return parseGetDefinitionsProductTypeResponse(await send(buildGetDefinitionsProductTypeRequest(params), options));
}

/**
 * The product type's JSON Schema document (`schema.link.resource`), parsed. `documentSend` is the
 * presigned-URL pipeline (no SP-API token). A document whose MD5 differs from `schema.checksum`
 * is a contract error: a truncated or substituted download must not validate listings.
 */
export async function downloadProductTypeSchema(documentSend: Send, definition: Pick<AmazonProductTypeDefinition, 'schema' | 'productType'>, options?: CallOptions): Promise<unknown> {
  const operation = 'downloadProductTypeSchema';
  const document = await downloadDocument(documentSend, operation, definition.schema.link.resource, options);
  const checksum = definition.schema.checksum?.trim();
  // The model says Base64 MD5 (real replies: `WvIsJwSkxhFEi3ZMEH0ukQ==`); its own sandbox example gives hex.
  const md5 = createHash('md5').update(document.bytes).digest();
  if (checksum !== undefined && checksum !== '' && checksum !== md5.toString('base64') && checksum.toLowerCase() !== md5.toString('hex')) {
    throw contractError(siteOf(AMAZON, operation, definition.productType), `the schema's MD5 ${md5.toString('base64')} is not the checksum ${checksum} getDefinitionsProductType gave`);
  }
  return documentJson(operation, document, `${definition.productType} product type schema`);
}
