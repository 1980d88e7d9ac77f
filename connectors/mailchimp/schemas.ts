/**
 * Mailchimp Marketing API wire formats this connector reads (OpenAPI
 * shared/vendor/mailchimp/openapi, "Lists/CollectionResponse"). Loose objects: Mailchimp adds
 * fields (`_links`, `constraints`) that pass through.
 */
import { z } from 'zod';

export const MailchimpListStatsSchema = z.looseObject({
  member_count: z.number().int(),
  unsubscribe_count: z.number().int(),
  cleaned_count: z.number().int(),
});

/** One audience ("list"). */
export const MailchimpListSchema = z.looseObject({
  id: z.string().min(1),
  web_id: z.number().int(),
  name: z.string(),
  date_created: z.string(),
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
