/**
 * Mailchimp Marketing API wire formats this connector reads (OpenAPI
 * shared/vendor/mailchimp/openapi, "Lists/CollectionResponse"). Loose objects: Mailchimp adds
 * fields (`_links`, `constraints`) that pass through.
 */
import { z } from 'zod';
import { dateTimeLike, emptyAsAbsent } from '../http/wire-leniency.js';

export const MailchimpListStatsSchema = z.looseObject({
  member_count: z.number().int(),
  unsubscribe_count: z.number().int(),
  cleaned_count: z.number().int(),
  // Mailchimp writes "" for a date that has not happened yet (the real GET /lists recording:
  // `"last_sub_date": ""`, `"campaign_last_sent": ""`; the same bit Ecwid/ecwid-mailchimp#3).
  last_sub_date: emptyAsAbsent(dateTimeLike),
  last_unsub_date: emptyAsAbsent(dateTimeLike),
  campaign_last_sent: emptyAsAbsent(dateTimeLike),
});

/** One audience ("list"). */
export const MailchimpListSchema = z.looseObject({
  id: z.string().min(1),
  web_id: z.number().int(),
  name: z.string(),
  /** With an offset, as Mailchimp writes it: `2020-08-12T16:21:04+00:00`. */
  date_created: dateTimeLike,
  /** `pub` or `prv`; legacy, still returned (mailchimp/mailchimp-client-lib-codegen#173). */
  visibility: z.string().optional(),
  double_optin: z.boolean().optional(),
  stats: MailchimpListStatsSchema.optional(),
});
export type MailchimpList = z.infer<typeof MailchimpListSchema>;

/** GET /lists. */
export const MailchimpListsResponseSchema = z.looseObject({
  lists: z.array(MailchimpListSchema),
  total_items: z.number().int().min(0),
});
export type MailchimpListsResponse = z.infer<typeof MailchimpListsResponseSchema>;
