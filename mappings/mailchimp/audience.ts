/**
 * Mailchimp list (GET /lists, `lists[]`) → canonical Audience. Pure and total: a list that
 * cannot be read is a MappingError naming the list and the field.
 */
import type { Audience } from '../canonical/audience.js';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from '../canonical/result.js';
import { normaliseUtcTimestamp } from '../canonical/utc-timestamp.js';
import type { MailchimpList } from '../../connectors/mailchimp/schemas.js';

export const MAILCHIMP_LIST_RECORD_TYPE = 'mailchimp.list';

const VISIBILITY: Readonly<Record<string, Audience['visibility']>> = { pub: 'public', prv: 'private' };

export function mailchimpListToAudience(list: MailchimpList, channel: string): MappingResult<Audience> {
  const issues: MappingIssue[] = [];
  const instant = (field: string, raw: string): string | undefined => {
    const t = normaliseUtcTimestamp(raw);
    if (!t.ok) issues.push({ field, message: t.message });
    return t.ok ? t.value : undefined;
  };
  const createdAt = instant('date_created', list.date_created);
  const lastSub = list.stats?.last_sub_date;
  const lastSubscribedAt = lastSub === undefined ? undefined : instant('stats.last_sub_date', lastSub);
  const visibility = list.visibility === undefined ? undefined : VISIBILITY[list.visibility];
  if (list.visibility !== undefined && visibility === undefined) {
    issues.push({ field: 'visibility', message: 'must be "pub" or "prv"', value: list.visibility });
  }
  // Counts are the list's `stats`: a request that filters them out (`exclude_fields=lists.stats`) cannot make an audience.
  if (list.stats === undefined) issues.push({ field: 'stats', message: 'missing: the member counts are needed (do not exclude lists.stats)' });
  if (issues.length > 0 || list.stats === undefined || createdAt === undefined) return fail(new MappingError(MAILCHIMP_LIST_RECORD_TYPE, list.id, issues));
  return ok({
    channel,
    vendor: 'mailchimp',
    externalId: list.id,
    name: list.name,
    memberCount: list.stats.member_count,
    unsubscribedCount: list.stats.unsubscribe_count,
    cleanedCount: list.stats.cleaned_count,
    createdAt,
    ...(lastSubscribedAt === undefined ? {} : { lastSubscribedAt }),
    ...(visibility === undefined ? {} : { visibility }),
    ...(list.double_optin === undefined ? {} : { doubleOptIn: list.double_optin }),
    refs: { webId: String(list.web_id) },
  });
}
