/**
 * recogniseMailchimpErrorReply: the one function that names Mailchimp's error replies, for the
 * client's error table and for `caravan map`. Real problem documents first (grouparoo's
 * recordings), then what a file or a 2xx may carry.
 */
import { describe, expect, it } from 'vitest';
import { scrubberFor } from '../../../connectors/http/pipeline.js';
import { mailchimpErrors, recogniseMailchimpErrorReply } from '../../../connectors/mailchimp/index.js';
import { recording } from './mailchimp-test-kit.js';

const lists = recording('GET_3.0_lists_200.json');
const invalid = recording('POST_3.0_lists_list_id_members_400_2.json');
const notFound = recording('POST_3.0_lists_list_id_members_subscriber_hash_tags_404.json');

const summary = (e: ReturnType<typeof recogniseMailchimpErrorReply>) =>
  e === undefined ? undefined : { kind: e.kind, status: e.status, vendorCode: e.vendorCode, requestId: e.requestId, message: e.message, vendor: e.vendor };

describe('Mailchimp error replies', () => {
  it.each([
    [
      'the recorded 400 with its headers',
      invalid.responseBody,
      { operation: 'addListMember', status: 400, headers: invalid.responseHeaders },
      {
        kind: 'validation',
        status: 400,
        vendorCode: 'Invalid Resource',
        requestId: 'd0b0ba5c-91ef-ef20-da8a-a43a72ed2df5',
        message: 'Mailchimp addListMember: HTTP 400 Invalid Resource: foo@example.com looks fake or invalid, please enter a real email address.',
        vendor: 'mailchimp',
      },
    ],
    [
      'the recorded 404 body alone (a file): its own status and instance stand in',
      notFound.responseBody,
      { operation: 'getLists' },
      {
        kind: 'not_found',
        status: 404,
        vendorCode: 'Resource Not Found',
        requestId: '55d7a0cc-5cbf-9fb4-0053-76654b0d322f',
        message: 'Mailchimp getLists: HTTP 404 Resource Not Found: The requested resource could not be found.',
        vendor: 'mailchimp',
      },
    ],
    [
      'a glossary title whose status would say otherwise (Wrong Datacenter, 403)',
      { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Wrong Datacenter', status: 403, detail: 'The API key provided is linked to a different datacenter' },
      { operation: 'getLists', status: 403 },
      { kind: 'auth', status: 403, vendorCode: 'Wrong Datacenter', requestId: undefined, message: 'Mailchimp getLists: HTTP 403 Wrong Datacenter: The API key provided is linked to a different datacenter', vendor: 'mailchimp' },
    ],
    [
      'a problem document inside a 200',
      { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'Internal Server Error', status: 500, detail: 'An unexpected internal error has occurred.' },
      { operation: 'getLists', status: 200 },
      { kind: 'contract', status: 200, vendorCode: 'Internal Server Error', requestId: undefined, message: 'Mailchimp getLists: HTTP 200 Internal Server Error: An unexpected internal error has occurred.', vendor: 'mailchimp' },
    ],
    [
      'the pre-2020 glossary link, in a file (drewm/mailchimp-api#244)',
      {
        type: 'http://developer.mailchimp.com/documentation/mailchimp/guides/error-glossary/',
        title: 'Resource Not Found',
        status: 404,
        detail: 'The requested resource could not be found.',
        instance: '63bac9d5-5b63-4b12-b472-f7cc6c1ebc60',
      },
      { operation: 'getLists' },
      { kind: 'not_found', status: 404, vendorCode: 'Resource Not Found', requestId: '63bac9d5-5b63-4b12-b472-f7cc6c1ebc60', message: 'Mailchimp getLists: HTTP 404 Resource Not Found: The requested resource could not be found.', vendor: 'mailchimp' },
    ],
    [
      'a 502 HTML page from the gateway',
      '<html><head><title>502 Bad Gateway</title></head><body>openresty</body></html>',
      { operation: 'getLists', status: 502 },
      { kind: 'transient', status: 502, vendorCode: undefined, requestId: undefined, message: 'Mailchimp getLists: HTTP 502 with an HTML page (502 Bad Gateway)', vendor: 'mailchimp' },
    ],
  ])('%s', (_name, body, ctx, expected) => {
    expect(summary(recogniseMailchimpErrorReply(body, ctx))).toEqual(expected);
  });

  it('a 429 carries its Retry-After', () => {
    const e = recogniseMailchimpErrorReply({ title: 'Too Many Requests', status: 429, detail: 'You have exceeded the limit of 10 simultaneous connections.' }, { operation: 'getLists', status: 429, headers: { 'retry-after': '5' } });
    expect([e?.kind, e?.retryAfterMs]).toEqual(['rate_limited', 5000]);
  });

  it('is no error for the real lists reply, at 200 or in a file', () => {
    expect(recogniseMailchimpErrorReply(lists.responseBody, { operation: 'getLists', status: 200 })).toBeUndefined();
    expect(recogniseMailchimpErrorReply(lists.responseBody, { operation: 'getLists' })).toBeUndefined();
  });

  it("leaves another vendor's problem document in a file alone (DHL tracking's has no Mailchimp type)", () => {
    expect(recogniseMailchimpErrorReply({ status: 429, title: 'Too Many Requests', detail: 'Too many requests within defined time period, please try again later.' }, { operation: 'reply' })).toBeUndefined();
  });
});

describe("the client's error table (the recogniser on the pipeline)", () => {
  it("masks the request's sensitive values Mailchimp quotes back (the recorded 400 echoes the e-mail address)", () => {
    const e = mailchimpErrors(
      { status: 400, headers: invalid.responseHeaders, body: invalid.responseBody },
      { operation: 'addListMember', nowMs: 0, scrub: scrubberFor(['foo@example.com']) },
    );
    expect([e?.kind, e?.vendorCode, e?.requestId, e?.message]).toEqual([
      'validation',
      'Invalid Resource',
      'd0b0ba5c-91ef-ef20-da8a-a43a72ed2df5',
      'Mailchimp addListMember: HTTP 400 Invalid Resource: *** looks fake or invalid, please enter a real email address.',
    ]);
  });

  it('passes the real lists reply as a success', () => {
    expect(mailchimpErrors({ status: 200, headers: lists.responseHeaders, body: lists.responseBody }, { operation: 'getLists', nowMs: 0, scrub: (t) => t })).toBeUndefined();
  });
});
