/**
 * `caravan listings status`: the publications of a tenant with their verdicts, filtered by
 * channel and status, each rejection showing the attribute and the channel's message.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatListingsStatus, listingsStatusCommand } from '../../cli/commands/listings.js';
import { listingChannels } from '../../cli/commands/sync.js';
import { CliError } from '../../cli/output.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { closeDatabase, migrateLatest, openDatabase } from '../../store/index.js';
import { recordListingSends } from '../../store/publications-repository.js';

const config = parseTenantsConfig({ tenants: { acme: { connections: { vies: { vendor: 'vies' } } } } }, {});
const DE = 'A1PA6795UKMFR9';

describe('caravan listings status', () => {
  let db: Knex;
  beforeAll(async () => {
    db = openDatabase({ sqliteFile: join(mkdtempSync(join(tmpdir(), 'caravan-lstatus-')), 'caravan.db') });
    await migrateLatest(db);
    const payload = { productType: 'SHIRT', attributes: {} };
    await recordListingSends(db, 'acme', 'amazon-eu', [
      { marketplaceId: DE, sku: 'TS-1', productSeq: 1, payload, status: 'accepted', via: 'listings-item', submissionId: 's1' },
      { marketplaceId: DE, sku: 'TS-2', productSeq: 2, payload, status: 'rejected', via: 'feed', feedId: 'F1', messageId: 1, issues: [{ code: '90220', message: "'[size]' is required but not supplied.", severity: 'error', attributeNames: ['size'] }] },
    ]);
  });
  afterAll(async () => {
    await closeDatabase(db);
  });

  it('lists every publication with its verdict, and counts them', async () => {
    const rows = await listingsStatusCommand({ db, config }, {});
    expect(rows.map((r) => [r.sku, r.status])).toEqual([
      ['TS-1', 'accepted'],
      ['TS-2', 'rejected'],
    ]);
    const text = formatListingsStatus(rows);
    expect(text).toContain("size: '[size]' is required but not supplied.");
    expect(text).toContain('feed F1');
    expect(text).toMatch(/1 accepted, 1 rejected$/);
  });

  it('--status rejected shows the rejections only; an unknown status is a usage error', async () => {
    expect((await listingsStatusCommand({ db, config }, { status: 'rejected', channel: 'amazon-eu' })).map((r) => r.sku)).toEqual(['TS-2']);
    await expect(listingsStatusCommand({ db, config }, { status: 'broken' })).rejects.toThrow(CliError);
  });
});

describe('caravan sync listings: which channels', () => {
  it('a connection without a listings section is refused, naming it', () => {
    expect(() => listingChannels(config, 'acme', 'vies')).toThrow(/no connection "vies" of tenant "acme" has a listings section/);
    expect(() => listingChannels(config, 'acme', 'amazon')).toThrow(/no connection "amazon" of tenant "acme"/);
    expect(() => listingChannels(config, 'nobody', 'amazon-eu')).toThrow(/unknown tenant "nobody"/);
  });
});
