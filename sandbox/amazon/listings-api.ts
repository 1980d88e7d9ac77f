/**
 * Listings Items 2021-08-01 (getListingsItem, putListingsItem, patchListingsItem,
 * deleteListingsItem) and Product Type Definitions 2020-09-01 over the sandbox's
 * ListingsStore. Submissions are applied at once (Amazon applies them within minutes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { csvParam, errorBody, invalidInput, isRecord, jsonBody, notFound, type ApiReply, type ApiRequest } from './api-types.js';
import { applyPatches, hasErrors, INCLUDED_DATA, REQUIREMENTS, renderItem, validateListing, type Attributes, type ListingIssue, type ListingsStore, type Requirements } from './listings.js';
import { META_SCHEMA_PATH, metaSchema, PRODUCT_TYPE_BY_NAME, PRODUCT_TYPES, productTypeSchema, propertyGroups, schemaPath } from './product-types.js';
import { KNOWN_MARKETPLACE_IDS } from './seed-data.js';

export interface ListingsContext {
  readonly sellerId: string;
  readonly listings: ListingsStore;
  readonly baseUrl: () => string;
}

const LOCALE = /^[a-z]{2}_[A-Z]{2}$/;

/** The sellerId must be the token's own seller (Amazon: 403 for another seller's id). */
function checkSeller(ctx: ListingsContext, sellerId: string): ApiReply | undefined {
  if (sellerId === ctx.sellerId) return undefined;
  return { status: 403, body: errorBody('Unauthorized', 'Access to requested resource is denied.', `The selling partner ${sellerId} is not authorized for this access token.`) };
}

/** The one marketplaceIds value listings operations accept here. */
function marketplace(req: ApiRequest): { ok: true; id: string } | { ok: false; reply: ApiReply } {
  const ids = csvParam(req.url.searchParams, 'marketplaceIds');
  if (!ids || ids.length === 0) return { ok: false, reply: invalidInput("Missing required parameter 'marketplaceIds'.") };
  if (ids.length > 1) return { ok: false, reply: invalidInput('Only one marketplaceIds value is supported.') };
  const id = ids[0] as string;
  if (!KNOWN_MARKETPLACE_IDS.has(id)) return { ok: false, reply: invalidInput(`Invalid marketplaceIds value: ${id}.`) };
  const locale = req.url.searchParams.get('issueLocale');
  if (locale !== null && !LOCALE.test(locale)) return { ok: false, reply: invalidInput(`Invalid issueLocale value: ${locale}.`) };
  return { ok: true, id };
}

function included(req: ApiRequest, allowed: readonly string[], fallback: string[]): { ok: true; value: string[] } | { ok: false; reply: ApiReply } {
  const value = csvParam(req.url.searchParams, 'includedData') ?? fallback;
  const bad = value.find((v) => !allowed.includes(v));
  return bad === undefined ? { ok: true, value } : { ok: false, reply: invalidInput(`Invalid includedData value: ${bad}.`) };
}

function preview(req: ApiRequest): { ok: true; value: boolean } | { ok: false; reply: ApiReply } {
  const mode = req.url.searchParams.get('mode');
  if (mode === null) return { ok: true, value: false };
  return mode === 'VALIDATION_PREVIEW' ? { ok: true, value: true } : { ok: false, reply: invalidInput(`Invalid mode value: ${mode}.`) };
}

function submission(sku: string, issues: ListingIssue[], isPreview: boolean, identifiers?: { marketplaceId: string; asin: string }): ApiReply {
  const status = hasErrors(issues) ? 'INVALID' : isPreview ? 'VALID' : 'ACCEPTED';
  return {
    status: 200,
    body: { sku, status, submissionId: randomUUID().replace(/-/g, ''), issues, ...(identifiers && status !== 'INVALID' ? { identifiers: [identifiers] } : {}) },
  };
}

function pathParams(req: ApiRequest): { sellerId: string; sku: string } {
  return { sellerId: req.params[0] as string, sku: req.params[1] as string };
}

export function getListingsItem(ctx: ListingsContext, req: ApiRequest): ApiReply {
  const { sellerId, sku } = pathParams(req);
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const mp = marketplace(req);
  if (!mp.ok) return mp.reply;
  const inc = included(req, INCLUDED_DATA, ['summaries']);
  if (!inc.ok) return inc.reply;
  const listing = ctx.listings.get(sellerId, sku, mp.id);
  if (!listing) return notFound(`SKU '${sku}' not found in marketplace ${mp.id}`);
  return { status: 200, body: renderItem(listing, inc.value) };
}

export function putListingsItem(ctx: ListingsContext, req: ApiRequest): ApiReply {
  const { sellerId, sku } = pathParams(req);
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const mp = marketplace(req);
  if (!mp.ok) return mp.reply;
  const pv = preview(req);
  if (!pv.ok) return pv.reply;
  const inc = included(req, ['identifiers', 'issues'], ['issues']);
  if (!inc.ok) return inc.reply;
  const body = jsonBody(req.body);
  if (!body.ok) return body.reply;
  const { productType, requirements = 'LISTING', attributes } = body.value;
  if (typeof productType !== 'string') return invalidInput("Missing required field 'productType'.");
  if (!isRecord(attributes)) return invalidInput("Missing required field 'attributes'.");
  if (!REQUIREMENTS.includes(requirements as Requirements)) return invalidInput(`Invalid requirements value: ${String(requirements)}.`);
  const issues = validateListing(productType, requirements as Requirements, attributes, mp.id, sku, req.url.searchParams.get('issueLocale') ?? undefined);
  let asin = ctx.listings.get(sellerId, sku, mp.id)?.asin;
  if (!pv.value && !hasErrors(issues)) asin = ctx.listings.put(sellerId, sku, mp.id, productType, attributes as Attributes, issues, req.nowMs).asin;
  const identifiers = inc.value.includes('identifiers') && asin !== undefined ? { marketplaceId: mp.id, asin } : undefined;
  return submission(sku, issues, pv.value, identifiers);
}

export function patchListingsItem(ctx: ListingsContext, req: ApiRequest): ApiReply {
  const { sellerId, sku } = pathParams(req);
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const mp = marketplace(req);
  if (!mp.ok) return mp.reply;
  const pv = preview(req);
  if (!pv.ok) return pv.reply;
  const body = jsonBody(req.body);
  if (!body.ok) return body.reply;
  const { productType, patches } = body.value;
  if (typeof productType !== 'string') return invalidInput("Missing required field 'productType'.");
  if (!Array.isArray(patches)) return invalidInput("Missing required field 'patches'.");
  const current = ctx.listings.get(sellerId, sku, mp.id);
  if (!current) {
    return submission(sku, [{ code: '4000004', message: `The SKU '${sku}' has no listing in the Amazon store ${mp.id} to patch.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }], pv.value);
  }
  if (productType !== current.productType) {
    return submission(sku, [{ code: '4000003', message: `The product type '${productType}' does not match the listing's product type '${current.productType}'.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }], pv.value);
  }
  const patched = applyPatches(current.attributes, patches);
  const issues = hasErrors(patched.issues) ? patched.issues : validateListing(productType, 'LISTING', patched.attributes, mp.id, sku, req.url.searchParams.get('issueLocale') ?? undefined);
  if (!pv.value && !hasErrors(issues)) ctx.listings.put(sellerId, sku, mp.id, productType, patched.attributes, issues, req.nowMs);
  return submission(sku, issues, pv.value);
}

export function deleteListingsItem(ctx: ListingsContext, req: ApiRequest): ApiReply {
  const { sellerId, sku } = pathParams(req);
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const mp = marketplace(req);
  if (!mp.ok) return mp.reply;
  // Deleting a SKU that has no listing is accepted: Amazon processes deletions asynchronously.
  ctx.listings.delete(sellerId, sku, mp.id);
  return submission(sku, [], false);
}

const md5Base64 = (document: unknown): string => createHash('md5').update(JSON.stringify(document)).digest('base64');

export function getDefinitionsProductType(ctx: ListingsContext, req: ApiRequest): ApiReply {
  const name = req.params[0] as string;
  const mp = csvParam(req.url.searchParams, 'marketplaceIds');
  if (!mp || mp.length === 0) return invalidInput("Missing required parameter 'marketplaceIds'.");
  const spec = PRODUCT_TYPE_BY_NAME.get(name);
  if (!spec) return notFound(`Product type ${name} not found.`);
  const requirements = req.url.searchParams.get('requirements') ?? 'LISTING';
  if (!REQUIREMENTS.includes(requirements as Requirements)) return invalidInput(`Invalid requirements value: ${requirements}.`);
  const enforced = req.url.searchParams.get('requirementsEnforced') ?? 'ENFORCED';
  const locale = req.url.searchParams.get('locale') ?? 'DEFAULT';
  const base = ctx.baseUrl();
  return {
    status: 200,
    body: {
      // Amazon's checksum is the Base64 MD5 of the document as served (the server sends JSON.stringify of it).
      metaSchema: { link: { resource: `${base}${META_SCHEMA_PATH}`, verb: 'GET' }, checksum: md5Base64(metaSchema()) },
      schema: { link: { resource: `${base}${schemaPath(spec)}`, verb: 'GET' }, checksum: md5Base64(productTypeSchema(spec, base)) },
      requirements,
      requirementsEnforced: enforced,
      propertyGroups: propertyGroups(spec),
      locale,
      marketplaceIds: mp,
      productType: spec.name,
      displayName: spec.displayName,
      productTypeVersion: { version: spec.version, latest: true, releaseCandidate: false },
    },
  };
}

export function searchDefinitionsProductTypes(_ctx: ListingsContext, req: ApiRequest): ApiReply {
  const mp = csvParam(req.url.searchParams, 'marketplaceIds');
  if (!mp || mp.length === 0) return invalidInput("Missing required parameter 'marketplaceIds'.");
  const keywords = (csvParam(req.url.searchParams, 'keywords') ?? []).map((k) => k.toLowerCase());
  const itemName = req.url.searchParams.get('itemName')?.toLowerCase();
  const words = [...keywords, ...(itemName ? itemName.split(/\s+/) : [])];
  const hits = PRODUCT_TYPES.filter((p) => words.length === 0 || words.some((w) => p.name.toLowerCase().includes(w) || p.displayName.toLowerCase().includes(w)));
  return { status: 200, body: { productTypes: hits.map((p) => ({ name: p.name, displayName: p.displayName, marketplaceIds: mp })), productTypeVersion: 'LATEST' } };
}

