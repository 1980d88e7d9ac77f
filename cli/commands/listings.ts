/** `caravan listings status [--tenant T] [--channel C] [--status S] [--sku S]`: what was sent to each channel and its verdict. */
import type { Knex } from 'knex';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { listListingPublications, PUBLICATION_STATUSES, type ListingPublication, type PublicationStatus } from '../../store/publications-repository.js';
import { CliError, table } from '../output.js';
import { pickTenant } from './quotes.js';

export interface ListingsStatusOptions {
  tenant?: string;
  channel?: string;
  status?: string;
  sku?: string;
  limit?: number;
}

export async function listingsStatusCommand(deps: { db: Knex; config: TenantsConfig }, opts: ListingsStatusOptions): Promise<ListingPublication[]> {
  const tenant = pickTenant(deps.config, opts.tenant);
  if (opts.status !== undefined && !(PUBLICATION_STATUSES as readonly string[]).includes(opts.status)) {
    throw new CliError(`--status "${opts.status}" is not one of ${PUBLICATION_STATUSES.join(', ')}`, 2);
  }
  return listListingPublications(deps.db, {
    tenant,
    ...(opts.channel === undefined ? {} : { channel: opts.channel }),
    ...(opts.status === undefined ? {} : { status: opts.status as PublicationStatus }),
    ...(opts.sku === undefined ? {} : { sku: opts.sku }),
    limit: opts.limit ?? 200,
  });
}

/** One line per SKU×marketplace: the verdict and, for a rejection or warning, the attribute and the channel's words. */
export function formatListingsStatus(rows: readonly ListingPublication[]): string {
  if (rows.length === 0) return 'no listings sent yet (caravan sync listings --tenant T --channel C)';
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const body = table(
    ['CHANNEL', 'MARKETPLACE', 'SKU', 'STATUS', 'VIA', 'SENT (UTC)', 'ISSUE'],
    rows.map((r) => {
      const issue = r.issues.find((i) => i.severity === 'error') ?? r.issues[0];
      const where = issue?.attributeNames?.[0];
      return [r.channel, r.marketplaceId, r.sku, r.status, r.feedId ? `feed ${r.feedId}` : r.via, r.submittedAt, issue === undefined ? '' : `${where ? `${where}: ` : ''}${issue.message}`.slice(0, 120)];
    }),
  );
  return `${body}\n${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}`;
}
