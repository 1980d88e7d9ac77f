/**
 * A mailing-list audience (Mailchimp: a "list") as the hub holds it: who it is, how many
 * contacts it has, and how it takes new ones. Vendor ids beside the main one go under `refs`.
 */
import { z } from 'zod';
import { RefsSchema, UtcTimestampSchema } from './order.js';

export const AudienceSchema = z.strictObject({
  /** The tenant's connection the audience was read through. */
  channel: z.string().min(1),
  /** Vendor behind the connection, e.g. `mailchimp`. */
  vendor: z.string().min(1),
  /** The vendor's id of the audience (Mailchimp list id, e.g. `a36b032126`). */
  externalId: z.string().min(1),
  name: z.string(),
  /** Subscribed contacts. */
  memberCount: z.number().int().nonnegative(),
  unsubscribedCount: z.number().int().nonnegative(),
  /** Contacts removed after bounces. */
  cleanedCount: z.number().int().nonnegative(),
  createdAt: UtcTimestampSchema,
  /** When a contact last subscribed; absent when none has. */
  lastSubscribedAt: UtcTimestampSchema.optional(),
  /** Whether the vendor lists the audience publicly (Mailchimp calls the field legacy). */
  visibility: z.enum(['public', 'private']).optional(),
  /** New contacts confirm by e-mail before they count as subscribed. */
  doubleOptIn: z.boolean().optional(),
  refs: RefsSchema,
});
export type Audience = z.infer<typeof AudienceSchema>;
