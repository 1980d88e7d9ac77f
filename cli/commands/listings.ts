/**
 * `caravan listings status [--tenant T] [--channel C] [--status S] [--sku S]`: what was sent to
 * each channel and its verdict; and the resend of listing dead letters `caravan dead-letters replay` starts.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { LISTING_PUBLISH_ADAPTERS } from '../../activities/listings-publish.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { countOpenDeadLetters, pageOpenDeadLetters } from '../../store/index.js';
import { listListingPublications, PUBLICATION_STATUSES, type ListingPublication, type PublicationStatus } from '../../store/publications-repository.js';
import { CliError, table } from '../output.js';
import { pickTenant } from './quotes.js';
import { formatListingsSummaries, listingConnections, startListingsPublish } from './sync.js';

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

// ---- listing dead letters: resent, not re-mapped --------------------------------------------

/** Record types of listing dead letters (one per vendor adapter). */
export const LISTING_DEAD_LETTER_RECORD_TYPES: readonly string[] = Object.values(LISTING_PUBLISH_ADAPTERS).map((a) => a.recordType);

export interface ResendListingLettersOptions {
  tenant: string;
  id?: number[];
  channel?: string;
  all?: boolean;
  wait?: boolean;
  taskQueue?: string | undefined;
}

/**
 * `caravan dead-letters replay` for listing letters: a rejected listing is fixed in the catalogue,
 * the mapping or at the channel, so its replay is a forced listingsPublish of the letters' SKUs
 * per channel; each letter closes when the channel accepts that SKU on that marketplace.
 * Returns how many letters were resent (0: none selected).
 */
export async function resendListingDeadLetters(
  deps: { db: Knex; config: TenantsConfig; temporal: () => Promise<{ client: Client; close(): Promise<void> }> },
  opts: ResendListingLettersOptions,
  out: (line: string) => void,
): Promise<number> {
  const query = {
    tenant: opts.tenant,
    recordTypes: LISTING_DEAD_LETTER_RECORD_TYPES,
    ...(opts.id !== undefined && opts.id.length > 0 ? { ids: opts.id } : {}),
    ...(opts.channel !== undefined ? { channels: listingConnections(deps.config, opts.tenant, opts.channel) } : {}),
  };
  const skus = new Map<string, Set<string>>();
  let letters = 0;
  for (let afterId: number | undefined; ; ) {
    const page = await pageOpenDeadLetters(deps.db, { ...query, ...(afterId === undefined ? {} : { afterId }), limit: 500 });
    for (const l of page) {
      if (l.externalId === undefined) continue;
      letters += 1;
      let set = skus.get(l.channel);
      if (set === undefined) skus.set(l.channel, (set = new Set()));
      set.add(l.externalId);
    }
    if (page.length < 500) break;
    afterId = page.at(-1)!.id;
  }
  if (letters === 0) return 0;
  const t = await deps.temporal();
  try {
    const started = [];
    for (const [channel, set] of skus) {
      const s = await startListingsPublish(t.client, opts.tenant, channel, { skus: [...set].sort(), force: true, taskQueue: opts.taskQueue });
      out(`${s.started ? 'started' : 'already running, attached to'} ${s.workflowId} (run ${s.runId}): resending ${set.size} SKU(s) of ${letters} listing dead letter(s)`);
      started.push(s);
    }
    if (opts.wait === false) return letters;
    const summaries = await Promise.all(started.map((s) => s.handle.result()));
    out(formatListingsSummaries(summaries));
    const still = await countOpenDeadLetters(deps.db, query);
    out(`${letters - still} listing dead letter(s) closed, ${still} still open (see caravan listings status --status rejected)`);
    return letters;
  } finally {
    await t.close();
  }
}
