import { expect, it } from 'vitest';
import {
  listingPayloadHash,
  listingsToSend,
  listListingPublications,
  listQuantityPublications,
  quantitiesToSend,
  recordListingOutcomes,
  recordListingSends,
  recordQuantityOutcomes,
  recordQuantitySends,
  assignListingFeeds,
  stagedListingSends,
  StoreInputError,
  type ListingSend,
} from '../../store/index.js';
import { T0, T1, T2 } from './order-fixtures.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();
const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const payload = (title: string) => ({ productType: 'SHIRT', requirements: 'LISTING', attributes: { item_name: [{ value: title, language_tag: 'de_DE', marketplace_id: DE }] } });

function send(sku: string, marketplaceId: string, title: string, extra: Partial<ListingSend> = {}): ListingSend {
  return { sku, marketplaceId, productSeq: 1, payload: payload(title), status: 'pending', via: 'feed', feedId: 'F1', messageId: 1, ...extra };
}

describeOnEachDialect('publications repository', targets, (store) => {
  it('sends new and changed listings only, and hashes payloads whatever their key order', async () => {
    const db = store.db();
    expect(listingPayloadHash({ a: 1, b: [1, 2] })).toBe(listingPayloadHash({ b: [1, 2], a: 1 }));
    const first = await listingsToSend(db, 'acme', 'amazon-eu', [
      { sku: 'TS-1', marketplaceId: DE, payload: payload('Hemd') },
      { sku: 'TS-1', marketplaceId: FR, payload: payload('Chemise') },
    ]);
    expect(first.map((s) => [s.sku, s.marketplaceId, s.reason])).toEqual([
      ['TS-1', DE, 'new'],
      ['TS-1', FR, 'new'],
    ]);
    await recordListingSends(db, 'acme', 'amazon-eu', [send('TS-1', DE, 'Hemd', { price: { amountMinor: 1999, currency: 'EUR' }, priceBasis: { rule: 'fixed' } }), send('TS-1', FR, 'Chemise')], { now: T0 });
    const again = await listingsToSend(db, 'acme', 'amazon-eu', [
      { sku: 'TS-1', marketplaceId: DE, payload: payload('Hemd') },
      { sku: 'TS-1', marketplaceId: FR, payload: payload('Chemise rouge') },
    ]);
    expect(again.map((s) => [s.marketplaceId, s.reason])).toEqual([[FR, 'changed']]);
    // Another channel of the tenant has sent nothing.
    expect(await listingsToSend(db, 'acme', 'amazon-na', [{ sku: 'TS-1', marketplaceId: DE, payload: payload('Hemd') }])).toHaveLength(1);
    const de = (await listListingPublications(db, { tenant: 'acme', channel: 'amazon-eu', sku: 'TS-1' })).find((r) => r.marketplaceId === DE);
    expect(de).toMatchObject({ marketplaceId: DE, status: 'pending', price: { amountMinor: 1999, currency: 'EUR' }, priceBasis: { rule: 'fixed' }, feedId: 'F1', messageId: 1, submittedAt: T0.toISOString() });
    expect(de!.resolvedAt).toBeUndefined();
  });

  it('records a feed verdict on every marketplace the feed carried, and ignores a verdict on a replaced send', async () => {
    const db = store.db();
    await recordListingSends(db, 'acme', 'amazon-eu', [send('TS-1', DE, 'Hemd'), send('TS-1', FR, 'Chemise'), send('TS-2', DE, 'Tasche')], { now: T0 });
    // TS-2 is sent again through Listings Items before the feed's report is read.
    await recordListingSends(db, 'acme', 'amazon-eu', [send('TS-2', DE, 'Tasche neu', { via: 'listings-item', feedId: undefined, messageId: undefined, submissionId: 'S9', status: 'accepted' })], { now: T1 });
    const issue = { code: '90220', message: "'brand' is required but not supplied.", severity: 'error' as const, attributeNames: ['brand'] };
    const changed = await recordListingOutcomes(db, 'acme', 'amazon-eu', { feedId: 'F1' }, [
      { sku: 'TS-1', status: 'rejected', issues: [issue] },
      { sku: 'TS-2', status: 'rejected', issues: [issue] },
    ], { now: T2 });
    expect(changed).toBe(2);
    const rows = await listListingPublications(db, { tenant: 'acme' });
    expect(rows.map((r) => [r.sku, r.marketplaceId, r.status, r.issues.length])).toEqual([
      ['TS-1', FR, 'rejected', 1],
      ['TS-1', DE, 'rejected', 1],
      ['TS-2', DE, 'accepted', 0],
    ]);
    expect(rows[0]!.resolvedAt).toBe(T2.toISOString());
    // The same rejected payload is not sent again; a fixed one is; a forced replay is.
    const next = await listingsToSend(db, 'acme', 'amazon-eu', [
      { sku: 'TS-1', marketplaceId: DE, payload: payload('Hemd') },
      { sku: 'TS-1', marketplaceId: FR, payload: { ...payload('Chemise'), brand: 'x' } },
    ]);
    expect(next.map((s) => [s.marketplaceId, s.reason])).toEqual([[FR, 'changed']]);
    const forced = await listingsToSend(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, payload: payload('Hemd') }], { force: [{ sku: 'TS-1', marketplaceId: DE }] });
    expect(forced.map((s) => s.reason)).toEqual(['forced']);
  });

  it('takes Listings Items verdicts by submission id', async () => {
    const db = store.db();
    await recordListingSends(db, 'acme', 'amazon-eu', [send('TS-3', DE, 'x', { via: 'listings-item', feedId: undefined, messageId: undefined, submissionId: 'S1' })], { now: T0 });
    expect(await recordListingOutcomes(db, 'acme', 'amazon-eu', { submissionIds: { 'TS-3': 'S0' } }, [{ sku: 'TS-3', marketplaceId: DE, status: 'accepted', issues: [] }])).toBe(0);
    expect(await recordListingOutcomes(db, 'acme', 'amazon-eu', { submissionIds: { 'TS-3': 'S1' } }, [{ sku: 'TS-3', marketplaceId: DE, status: 'accepted-with-warnings', issues: [{ message: 'w', severity: 'warning' }] }])).toBe(1);
    await expect(recordListingOutcomes(db, 'acme', 'amazon-eu', { submissionIds: {} }, [{ sku: 'TS-3', status: 'accepted', issues: [] }])).rejects.toThrow(StoreInputError);
    expect((await listListingPublications(db, { tenant: 'acme', status: 'accepted-with-warnings' })).map((r) => r.sku)).toEqual(['TS-3']);
  });

  it('sends changed and previously rejected quantities', async () => {
    const db = store.db();
    expect((await quantitiesToSend(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, quantity: 5 }])).map((s) => s.reason)).toEqual(['new']);
    await recordQuantitySends(db, 'acme', 'amazon-eu', [
      { sku: 'TS-1', marketplaceId: DE, quantity: 5, allocation: { fromLocations: { 'DE-HAM': 6 }, heldBack: 1 }, status: 'pending', via: 'feed', feedId: 'F7' },
      { sku: 'TS-2', marketplaceId: DE, quantity: 0, allocation: {}, status: 'pending', via: 'feed', feedId: 'F7' },
    ], { now: T0 });
    await recordQuantityOutcomes(db, 'acme', 'amazon-eu', { feedId: 'F7' }, [{ sku: 'TS-2', status: 'rejected', issues: [{ message: 'SKU not found', severity: 'error' }] }]);
    const next = await quantitiesToSend(db, 'acme', 'amazon-eu', [
      { sku: 'TS-1', marketplaceId: DE, quantity: 5 },
      { sku: 'TS-2', marketplaceId: DE, quantity: 0 },
      { sku: 'TS-1', marketplaceId: FR, quantity: 0 },
    ]);
    expect(next.map((s) => [s.sku, s.marketplaceId, s.reason])).toEqual([
      ['TS-2', DE, 'rejected-before'],
      ['TS-1', FR, 'new'],
    ]);
    expect((await quantitiesToSend(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, quantity: 4 }]))[0]!.reason).toBe('changed');
    const [one] = await listQuantityPublications(db, { tenant: 'acme', sku: 'TS-1' });
    expect(one).toMatchObject({ quantity: 5, allocation: { fromLocations: { 'DE-HAM': 6 }, heldBack: 1 }, status: 'pending' });
  });

  it('refuses bad sends with a message naming the SKU', async () => {
    const db = store.db();
    await expect(recordQuantitySends(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, quantity: -1, allocation: {}, status: 'pending', via: 'feed' }])).rejects.toThrow('TS-1: quantity must be a non-negative integer, got -1');
    await expect(recordListingSends(db, 'acme', 'amazon-eu', [send('TS-1', DE, 'a'), send('TS-1', DE, 'b')])).rejects.toThrow(`TS-1 on ${DE} is sent twice in one batch`);
    await expect(recordListingSends(db, 'acme', 'amazon-eu', [send('', DE, 'a')])).rejects.toThrow('sku must not be empty');
  });

  it('stages a run\'s feed sends until they are assigned to feeds; a staged send not yet fed is still to send', async () => {
    const db = store.db();
    const staged = (sku: string, title: string): ListingSend => ({ ...send(sku, DE, title), feedId: undefined, messageId: undefined, workflowId: 'listings-publish/acme/amazon-eu' });
    await recordListingSends(db, 'acme', 'amazon-eu', [staged('TS-2', 'b'), staged('TS-1', 'a'), { ...staged('TS-3', 'c'), marketplaceId: FR }], { now: T0 });
    expect(await stagedListingSends(db, 'acme', 'amazon-eu', DE, 'listings-publish/acme/amazon-eu')).toEqual([
      { sku: 'TS-1', payload: payload('a') },
      { sku: 'TS-2', payload: payload('b') },
    ]);
    expect(await stagedListingSends(db, 'acme', 'amazon-eu', DE, 'listings-publish/other/amazon-eu')).toEqual([]);
    // A run that died before submitting left them staged: the next one sends them.
    expect((await listingsToSend(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, payload: payload('a') }])).map((t) => t.reason)).toEqual(['changed']);
    await assignListingFeeds(db, 'acme', 'amazon-eu', DE, [
      { sku: 'TS-1', feedId: 'F9', messageId: 1 },
      { sku: 'TS-2', feedId: 'F9', messageId: 2 },
    ], { now: T1 });
    expect(await stagedListingSends(db, 'acme', 'amazon-eu', DE, 'listings-publish/acme/amazon-eu')).toEqual([]);
    expect(await listingsToSend(db, 'acme', 'amazon-eu', [{ sku: 'TS-1', marketplaceId: DE, payload: payload('a') }])).toEqual([]);
    const rows = await listListingPublications(db, { tenant: 'acme', sku: 'TS-2' });
    expect(rows[0]).toMatchObject({ feedId: 'F9', messageId: 2, status: 'pending', submittedAt: T1.toISOString() });
  });
});
