/** Mailchimp Marketing API mappings: public surface. */
export { MAILCHIMP_LIST_RECORD_TYPE, mailchimpListToAudience } from './audience.js';
