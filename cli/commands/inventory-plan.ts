/**
 * `caravan inventory plan [--sku S]`: what each channel and marketplace would be promised now,
 * from the hub alone (no vendor calls): the free units per location after open orders, each
 * target's share, what its buffer holds back and its cap cuts, and the quantity last sent.
 */
import type { Knex } from 'knex';
import { planTenantStock } from '../../activities/inventory-sync.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { amazonMarketplace } from '../../mappings/amazon/marketplaces.js';
import { listQuantityPublications } from '../../store/index.js';
import { CliError, table } from '../output.js';
import { pickTenant } from './quotes.js';

const units = (r: Readonly<Record<string, number>>): string =>
  Object.entries(r)
    .map(([l, n]) => `${l}:${n}`)
    .join(' ');

export async function inventoryPlanCommand(deps: { db: Knex; config: TenantsConfig }, opts: { tenant?: string; sku?: string; json?: boolean; limit?: number }): Promise<string> {
  const tenant = pickTenant(deps.config, opts.tenant);
  const page = await planTenantStock(deps.db, deps.config, tenant, opts.sku !== undefined ? { sku: opts.sku } : { pageSize: opts.limit ?? 100 });
  if (opts.json) return JSON.stringify({ tenant, rule: page.rule, plans: page.plans, ...(page.nextAfterSku === undefined ? {} : { nextAfterSku: page.nextAfterSku }) }, null, 2);
  if (page.plans.length === 0) {
    if (opts.sku !== undefined) throw new CliError(`tenant ${tenant} has no warehouse stock for sku ${JSON.stringify(opts.sku)} (caravan inventory show ${opts.sku})`, 1);
    return `tenant ${tenant} has no warehouse stock to plan (caravan inventory import FILE)`;
  }
  const rows: (string | number)[][] = [];
  for (const plan of page.plans) {
    const sent = new Map((await listQuantityPublications(deps.db, { tenant, sku: plan.sku })).map((p) => [`${p.channel}/${p.marketplaceId}`, `${p.quantity} ${p.status}`]));
    for (const a of plan.allocations) {
      const country = amazonMarketplace(a.marketplaceId)?.country;
      rows.push([plan.sku, units(plan.free), units(plan.committed), a.channel, country ? `${country} ${a.marketplaceId}` : a.marketplaceId, units(a.fromLocations), a.heldBack, a.capped, a.quantity, sent.get(`${a.channel}/${a.marketplaceId}`) ?? '']);
    }
  }
  const more = page.nextAfterSku === undefined ? '' : `\n(more SKUs after ${page.nextAfterSku}: raise --limit, or --sku S)`;
  return `rule: ${page.rule}\n${table(['SKU', 'FREE', 'HELD BY ORDERS', 'CHANNEL', 'MARKETPLACE', 'SHARE', 'BUFFER', 'CAPPED', 'PROMISE', 'LAST SENT'], rows)}${more}`;
}
