/** Mailchimp Marketing API connector: public surface. */
export {
  MAILCHIMP_USER_AGENT,
  createMailchimpClient,
  mailchimpErrors,
  type CreateMailchimpClientOptions,
  type MailchimpClient,
  type MailchimpRequest,
} from './client.js';
export {
  MAILCHIMP,
  MAILCHIMP_KEY_DATA_CENTER_URL,
  MailchimpConnectionSettingsSchema,
  MailchimpCredentialsSchema,
  mailchimpBaseUrl,
  type MailchimpConnectionSettings,
  type MailchimpCredentials,
} from './config.js';
export {
  MAILCHIMP_ERROR_KINDS,
  MAILCHIMP_VENDOR,
  MailchimpProblemSchema,
  recogniseMailchimpErrorReply,
  type MailchimpProblem,
} from './errors.js';
export { MAILCHIMP_RATE_LIMITS, type MailchimpOperation } from './rate-limits.js';
export { MailchimpListSchema, MailchimpListsResponseSchema, type MailchimpList, type MailchimpListsResponse } from './schemas.js';
export { MAX_LISTS_PER_PAGE, type GetListsParams, type GetListsResult } from './operations/get-lists.js';
export { MAILCHIMP_CONNECTOR } from './descriptor.js';
