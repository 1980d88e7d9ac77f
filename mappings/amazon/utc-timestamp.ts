/** Moved to mappings/canonical (Mailchimp's dates need it too); kept so Amazon's imports stand. */
export * from '../canonical/utc-timestamp.js';
