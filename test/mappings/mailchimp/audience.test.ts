/**
 * Mailchimp lists → canonical audiences, on the real GET /lists recording (grouparoo, us3):
 * every field of every list, Mailchimp's `+00:00` dates as UTC instants, its `""` for a date
 * that has not happened as absent, and a list that cannot be read named with its field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MailchimpListsResponseSchema, MailchimpListSchema, type MailchimpList } from '../../../connectors/mailchimp/index.js';
import { AudienceSchema } from '../../../mappings/canonical/index.js';
import { mailchimpListToAudience } from '../../../mappings/mailchimp/index.js';

const recorded = JSON.parse(readFileSync(new URL('../../fixtures/mailchimp/GET_3.0_lists_200.json', import.meta.url), 'utf8')) as { responseBody: unknown };
const { lists } = MailchimpListsResponseSchema.parse(recorded.responseBody);
const raw = (recorded.responseBody as { lists: Record<string, unknown>[] }).lists;

const audience = (list: MailchimpList) => {
  const r = mailchimpListToAudience(list, 'newsletter');
  if (!r.ok) throw r.error;
  return r.value;
};

describe('mailchimpListToAudience on the real GET /lists reply', () => {
  it.each([
    // id, name, web id, members, unsubscribed, cleaned, created, last subscribed, visibility, double opt-in
    [0, '1b724bb934', 'UI Config', '382062', 1, 0, 0, '2020-08-12T16:21:04Z', '2022-01-18T23:17:07Z', 'private', false],
    // last_sub_date is "" in the recording: no contact has subscribed since.
    [1, 'a36b032126', 'Demo-Environment', '382274', 0, 0, 0, '2020-08-25T00:18:03Z', undefined, 'private', true],
    [2, '6f890f62ee', 'Demo (Andy)', '365697', 1, 0, 0, '2020-02-11T17:12:54Z', '2022-02-15T22:02:44Z', 'public', false],
    [3, '7cf8c94812', 'Grouparoo Newsletter', '390273', 197, 20, 32, '2021-03-13T01:35:42Z', '2022-02-23T11:45:36Z', 'private', false],
    [4, 'a36b032126', 'Test Source', '383113', 10, 0, 0, '2020-11-10T19:32:49Z', '2022-02-23T16:25:57Z', 'private', false],
  ])('list %i: %s %s', (i, externalId, name, webId, memberCount, unsubscribedCount, cleanedCount, createdAt, lastSubscribedAt, visibility, doubleOptIn) => {
    const a = audience(lists[i]!);
    expect(a).toEqual({
      channel: 'newsletter',
      vendor: 'mailchimp',
      externalId,
      name,
      memberCount,
      unsubscribedCount,
      cleanedCount,
      createdAt,
      ...(lastSubscribedAt === undefined ? {} : { lastSubscribedAt }),
      visibility,
      doubleOptIn,
      refs: { webId },
    });
    expect(AudienceSchema.parse(a)).toEqual(a);
  });

  it('reads the recording as Mailchimp sent it: "" dates are absent, not errors', () => {
    expect(raw[1]!.stats).toMatchObject({ last_sub_date: '', campaign_last_sent: '' });
    expect([lists[1]!.stats?.last_sub_date, lists[1]!.stats?.campaign_last_sent]).toEqual([undefined, undefined]);
    expect(lists[3]!.stats?.campaign_last_sent).toBe('2022-02-23T14:57:16+00:00');
  });

  it('moves an offset date to UTC', () => {
    const list = MailchimpListSchema.parse({ ...raw[0], date_created: '2020-08-12T23:21:04-07:00' });
    expect(audience(list).createdAt).toBe('2020-08-13T06:21:04Z');
  });

  it('refuses in the schema what is not a date, naming the field', () => {
    const r = MailchimpListSchema.safeParse({ ...raw[0], date_created: '12/08/2020' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['date_created', 'expected an ISO 8601 date-time']]);
  });

  it('names the list and each field it cannot read', () => {
    const list = MailchimpListSchema.parse({ ...raw[3], visibility: 'hidden', stats: undefined });
    const r = mailchimpListToAudience(list, 'newsletter');
    expect(r.ok ? undefined : r.error.message).toBe(
      'mailchimp.list 7cf8c94812: visibility: must be "pub" or "prv"; stats: missing: the member counts are needed (do not exclude lists.stats)',
    );
  });
});
