/**
 * Restricted data tokens (Tokens API) as an auth hook: one RDT per set of restricted resources,
 * fetched with the LWA token, cached until shortly before `expiresIn` runs out, fetched once for
 * concurrent callers and dropped when SP-API refuses it (the shared TokenAuth does all that).
 * A request sent with the hook carries the RDT as `x-amz-access-token` instead of the LWA token.
 */
import { TokenAuth } from '../http/auth.js';
import type { Clock } from '../http/clock.js';
import type { AuthHook, Send } from '../http/pipeline.js';
import { createRestrictedDataToken, type AmazonRestrictedDataElement, type AmazonRestrictedResource } from './operations/create-restricted-data-token.js';

/** The cache key of a resource set: the same resources in any order share one RDT. */
export function restrictedResourcesKey(resources: readonly AmazonRestrictedResource[]): string {
  return resources
    .map((r) => `${r.method} ${r.path} ${[...(r.dataElements ?? [])].sort().join(',')}`)
    .sort()
    .join('\n');
}

export class RestrictedDataTokens {
  private readonly hooks = new Map<string, TokenAuth>();

  constructor(
    private readonly send: Send,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** The auth hook for a resource set (cached per set). */
  hookFor(resources: readonly AmazonRestrictedResource[]): AuthHook {
    const key = restrictedResourcesKey(resources);
    let hook = this.hooks.get(key);
    if (hook === undefined) {
      const snapshot = resources.map((r) => ({ ...r }));
      hook = new TokenAuth({
        fetchToken: async () => {
          const { restrictedDataToken, expiresInS } = await createRestrictedDataToken(this.send, snapshot);
          return { accessToken: restrictedDataToken, expiresInS };
        },
        headers: (token) => ({ 'x-amz-access-token': token }),
        clock: this.clock,
      });
      this.hooks.set(key, hook);
    }
    return hook;
  }

  /** RDT requests made so far. */
  requests(): number {
    let n = 0;
    for (const hook of this.hooks.values()) n += hook.refreshes();
    return n;
  }
}

/**
 * The generic Orders API v0 resources one RDT covers for getOrders, getOrder and getOrderItems
 * (`{orderId}` stands for any order). getOrderItems takes only `buyerInfo` (gift wrap,
 * customizations); without it the items need no RDT and their resource is left out.
 */
export function ordersRestrictedResources(dataElements: readonly AmazonRestrictedDataElement[]): AmazonRestrictedResource[] {
  const elements = [...new Set(dataElements)];
  return [
    { method: 'GET', path: '/orders/v0/orders', dataElements: elements },
    { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: elements },
    ...(elements.includes('buyerInfo') ? [{ method: 'GET' as const, path: ORDER_ITEMS_RESOURCE, dataElements: ['buyerInfo' as const] }] : []),
  ];
}

export const ORDER_ITEMS_RESOURCE = '/orders/v0/orders/{orderId}/orderItems';
