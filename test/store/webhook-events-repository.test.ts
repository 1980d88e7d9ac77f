/** Webhook deliveries deduplicated by the provider's event id: the first one is recorded, every repeat only counted. */
import { beforeEach, expect, it } from 'vitest';
import { getWebhookEvent, listWebhookEvents, markWebhookEventProcessed, recordWebhookEvent, StoreInputError } from '../../store/index.js';
import { describeOnEachDialect, storeTargets } from './store-targets.js';

const targets = await storeTargets();
const T0 = new Date('2026-03-02T16:10:00.000Z');
const T1 = new Date('2026-03-02T16:15:00.000Z');
const EVENT = { tenant: 'acme', provider: 'stripe', eventId: 'evt_1', type: 'payout.paid', payload: '{"id":"evt_1"}', workflowId: 'payment-event/acme/stripe/evt_1' } as const;

describeOnEachDialect('webhook events repository', targets, (store) => {
  beforeEach(async () => {
    await store.db()('webhook_events').delete();
  });

  it('records the first delivery, counts the repeats, and keeps the first body and time', async () => {
    const db = store.db();
    const first = await recordWebhookEvent(db, EVENT, { now: T0 });
    expect([first.first, first.event.deliveries, first.event.receivedAt, first.event.workflowId, first.event.outcome]).toEqual([true, 1, '2026-03-02T16:10:00.000Z', EVENT.workflowId, undefined]);
    for (let i = 0; i < 3; i += 1) expect((await recordWebhookEvent(db, { ...EVENT, payload: '{"id":"evt_1","again":true}' }, { now: T1 })).first).toBe(false);
    const stored = await getWebhookEvent(db, EVENT);
    expect([stored?.deliveries, stored?.payload, stored?.receivedAt, stored?.lastReceivedAt]).toEqual([4, '{"id":"evt_1"}', '2026-03-02T16:10:00.000Z', '2026-03-02T16:15:00.000Z']);
  });

  it('keeps the same event id apart per tenant and provider', async () => {
    const db = store.db();
    expect((await recordWebhookEvent(db, EVENT)).first).toBe(true);
    expect((await recordWebhookEvent(db, { ...EVENT, tenant: 'globex' })).first).toBe(true);
    expect((await recordWebhookEvent(db, { ...EVENT, provider: 'paypal' })).first).toBe(true);
    expect((await listWebhookEvents(db, { tenant: 'acme' })).map((e) => e.provider).sort()).toEqual(['paypal', 'stripe']);
  });

  it('marks an event processed with its outcome; an unknown event is reported', async () => {
    const db = store.db();
    await recordWebhookEvent(db, EVENT, { now: T0 });
    expect(await markWebhookEventProcessed(db, EVENT, { outcome: 'recorded', detail: '1 line inserted' }, { now: T1 })).toBe(true);
    const stored = await getWebhookEvent(db, EVENT);
    expect([stored?.processedAt, stored?.outcome, stored?.detail]).toEqual(['2026-03-02T16:15:00.000Z', 'recorded', '1 line inserted']);
    expect(await markWebhookEventProcessed(db, { ...EVENT, eventId: 'evt_none' }, { outcome: 'recorded' })).toBe(false);
  });

  it('refuses an unknown provider and an empty event id', async () => {
    const db = store.db();
    await expect(recordWebhookEvent(db, { ...EVENT, provider: 'adyen' as 'stripe' })).rejects.toThrow(StoreInputError);
    await expect(recordWebhookEvent(db, { ...EVENT, eventId: '' })).rejects.toThrow('eventId must not be empty');
  });
});
