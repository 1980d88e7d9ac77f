/**
 * Mailchimp Marketing API in the connector registry. It is to be the audienceTarget (buyers
 * added to an audience); this read-only slice (getLists) offers no capability yet, and the
 * descriptor lets the tenants file name a Mailchimp connection and check its settings and key.
 */
import { defineConnector } from '../capabilities.js';
import { createMailchimpClient } from './client.js';
import { MailchimpConnectionSettingsSchema, MailchimpCredentialsSchema, mailchimpBaseUrl } from './config.js';

export const MAILCHIMP_CONNECTOR = defineConnector({
  vendor: 'mailchimp',
  title: 'Mailchimp Marketing API',
  settings: MailchimpConnectionSettingsSchema,
  secrets: [['apiKey']],
  credentials: MailchimpCredentialsSchema,
  createClient: (o) => createMailchimpClient(o),
  // The registry knows only the settings: the key's data center shows as <dc> unless settings name one.
  baseUrl: (settings) => mailchimpBaseUrl(settings),
  capabilities: {},
});
