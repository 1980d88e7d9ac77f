/**
 * Tokens 2021-03-01 createRestrictedDataToken. An RDT (Atz.sprdt|…) stands for the access
 * token it was made with, for the restricted resources it names only; with the sandbox
 * option requireRdtForPii, getOrders/getOrder/getOrderItems return buyer and address PII
 * only to a covering RDT (see redactOrder).
 */
import { randomBytes } from 'node:crypto';
import { invalidInput, isRecord, jsonBody, type ApiReply, type ApiRequest } from './api-types.js';
import type { IssuedToken } from './lwa.js';
import type { AmazonOrder, AmazonOrderItem } from './wire.js';

export const RDT_SECONDS = 3600;
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];
const DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'];

export interface RestrictedResource {
  method: string;
  /** A path, possibly with {orderId}-style placeholders. */
  path: string;
  dataElements?: string[];
}

export interface IssuedRdt {
  readonly token: IssuedToken;
  readonly resources: readonly RestrictedResource[];
  readonly expiresAtMs: number;
}

export class RdtService {
  private tokens = new Map<string, IssuedRdt>();
  issued = 0;

  lookup(rdt: string): IssuedRdt | undefined {
    return this.tokens.get(rdt);
  }

  create(req: ApiRequest): ApiReply {
    const body = jsonBody(req.body);
    if (!body.ok) return body.reply;
    const list = body.value.restrictedResources;
    if (!Array.isArray(list) || list.length === 0) return invalidInput("Missing required field 'restrictedResources'.");
    const resources: RestrictedResource[] = [];
    for (const [i, r] of list.entries()) {
      if (!isRecord(r) || typeof r.method !== 'string' || !METHODS.includes(r.method)) return invalidInput(`restrictedResources[${i}].method must be one of ${METHODS.join(', ')}.`);
      if (typeof r.path !== 'string' || !r.path.startsWith('/')) return invalidInput(`restrictedResources[${i}].path must be an SP-API path.`);
      const elements = r.dataElements;
      if (elements !== undefined && (!Array.isArray(elements) || !elements.every((e) => typeof e === 'string' && DATA_ELEMENTS.includes(e)))) {
        return invalidInput(`restrictedResources[${i}].dataElements may contain ${DATA_ELEMENTS.join(', ')} only.`);
      }
      resources.push({ method: r.method, path: r.path, ...(elements ? { dataElements: elements as string[] } : {}) });
    }
    const rdt = `Atz.sprdt|${randomBytes(48).toString('base64url')}`;
    this.tokens.set(rdt, { token: req.token, resources, expiresAtMs: req.nowMs + RDT_SECONDS * 1000 });
    this.issued++;
    return { status: 200, body: { restrictedDataToken: rdt, expiresIn: RDT_SECONDS } };
  }
}

function pathMatches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}/?$`);
  return re.test(path);
}

/** The restricted resource of `rdt` that covers `method path`, if any. */
export function coveringResource(rdt: IssuedRdt, method: string, path: string): RestrictedResource | undefined {
  return rdt.resources.find((r) => r.method === method && pathMatches(r.path, path));
}

const PUBLIC_ADDRESS_FIELDS = ['City', 'StateOrRegion', 'PostalCode', 'CountryCode', 'County', 'District', 'AddressType'];

/**
 * The order as seen without (some of) the PII data elements: without buyerInfo the buyer's
 * name, e-mail, tax info and PO number go; without shippingAddress only the address's
 * city, region, postcode and country remain.
 */
export function redactOrder(order: AmazonOrder, allowed: readonly string[]): AmazonOrder {
  const out = { ...order } as AmazonOrder & Record<string, unknown>;
  if (!allowed.includes('buyerInfo') && out.BuyerInfo) {
    const { BuyerEmail: _e, BuyerName: _n, BuyerTaxInfo: _t, PurchaseOrderNumber: _p, ...rest } = out.BuyerInfo as Record<string, unknown>;
    if (Object.keys(rest).length === 0) delete out.BuyerInfo;
    else out.BuyerInfo = rest as AmazonOrder['BuyerInfo'];
  }
  if (!allowed.includes('shippingAddress') && out.ShippingAddress) {
    const addr = out.ShippingAddress as Record<string, unknown>;
    out.ShippingAddress = Object.fromEntries(Object.entries(addr).filter(([k]) => PUBLIC_ADDRESS_FIELDS.includes(k))) as unknown as AmazonOrder['ShippingAddress'];
  }
  return out;
}

/** An order item without its buyer block (gift message and wrap, custom order data): buyerInfo PII. */
export function redactItem(item: AmazonOrderItem): AmazonOrderItem {
  const { BuyerInfo: _buyer, ...rest } = item as AmazonOrderItem & { BuyerInfo?: unknown };
  return rest as AmazonOrderItem;
}
