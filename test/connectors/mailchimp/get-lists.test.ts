import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { answer, CREDENTIALS, EXPECTED_AUTHORIZATION, isolateNetworkPerTest, makeKit, recording, rejection, US3, type SeenRequest } from './mailchimp-test-kit.js';

isolateNetworkPerTest();

const LISTS = recording('GET_3.0_lists_200.json');

describe('getLists request', () => {
  it('GETs /3.0/lists on the key\'s data center with basic auth, and parses the real recording exactly', async () => {
    const seen: SeenRequest[] = [];
    nock(US3).get('/3.0/lists').query({ count: '1000' }).reply(answer(seen, LISTS));
    const { client, logs } = makeKit();

    const result = await client.getLists({ count: 1000 });

    expect(seen.map((s) => [s.method, s.path])).toEqual([['GET', '/3.0/lists?count=1000']]);
    expect(seen[0]?.headers['authorization']).toBe(EXPECTED_AUTHORIZATION);
    expect(seen[0]?.headers['accept']).toBe('application/json');
    expect(seen[0]?.headers['user-agent']).toBe('Caravan/0.1 (Mailchimp Marketing API)');
    expect([result.totalItems, result.lists.length, result.requestId]).toEqual([5, 5, 'd478af6f-ae43-66b2-6350-b836352272cb']);
    expect(result.lists.map((l) => [l.id, l.name])).toEqual(
      (LISTS.responseBody['lists'] as { id: string; name: string }[]).map((l) => [l.id, l.name]),
    );
    expect(result.lists[0]).toMatchObject({ id: '1b724bb934', web_id: 382062, name: 'UI Config', date_created: '2020-08-12T16:21:04+00:00' });
    expect(result.lists[0]?.stats).toMatchObject({ member_count: 1, unsubscribe_count: 0, cleaned_count: 0 });
    expect(logs.entries().filter((e) => e['msg'] === 'mailchimp request').map((e) => [e['operation'], e['status'], e['requestId'], e['tenant']])).toEqual([
      ['getLists', 200, 'd478af6f-ae43-66b2-6350-b836352272cb', 'acme'],
    ]);
    expect(logs.text()).not.toContain(CREDENTIALS.apiKey);
    expect(logs.text()).not.toContain(EXPECTED_AUTHORIZATION.slice('Basic '.length));
  });

  it('sends count and offset, leaves them out when not given, and uses an endpoint override', async () => {
    const seen: SeenRequest[] = [];
    nock('http://127.0.0.1:4010').get('/lists').query(true).times(2).reply(answer(seen, LISTS));
    const { client } = makeKit({ settings: { endpoint: 'http://127.0.0.1:4010/' } });
    await client.getLists({ count: 10, offset: 20 });
    await client.getLists();
    expect(seen.map((s) => s.path)).toEqual(['/lists?count=10&offset=20', '/lists']);
  });

  it('refuses a count outside 1–1000 without calling Mailchimp', async () => {
    const { client } = makeKit();
    const error = await rejection(client.getLists({ count: 1001 }));
    expect([error.kind, error.message]).toEqual(['validation', 'Mailchimp getLists: count must be an integer from 1 to 1000, got 1001']);
    expect(client.stats().requests).toBe(0);
  });
});

describe('getLists failures', () => {
  it.each([
    ['the recorded 400 problem document', 'POST_3.0_lists_list_id_members_400_2.json', 'validation', 400, 'Invalid Resource', 'Mailchimp getLists: HTTP 400 Invalid Resource: foo@example.com looks fake or invalid, please enter a real email address.', 1],
    ['the recorded 404 problem document', 'POST_3.0_lists_list_id_members_subscriber_hash_tags_404.json', 'not_found', 404, 'Resource Not Found', 'Mailchimp getLists: HTTP 404 Resource Not Found: The requested resource could not be found.', 1],
  ])('%s → %s', async (_name, file, kind, status, vendorCode, message, requests) => {
    const rec = recording(file);
    const seen: SeenRequest[] = [];
    nock(US3).get('/3.0/lists').times(requests).reply(answer(seen, rec));
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.status, error.vendorCode, error.message, error.requestId, error.vendor, error.operation]).toEqual([
      kind,
      status,
      vendorCode,
      message,
      rec.responseHeaders['X-Request-Id'],
      'mailchimp',
      'getLists',
    ]);
    expect(seen).toHaveLength(requests);
  });

  it('API Key Invalid (401) is auth, not retried', async () => {
    nock(US3)
      .get('/3.0/lists')
      .reply(401, { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: 'API Key Invalid', status: 401, detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter.", instance: 'i-1' }, { 'content-type': 'application/problem+json; charset=utf-8' });
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.vendorCode, error.requestId, client.stats().requests]).toEqual(['auth', 'API Key Invalid', 'i-1', 1]);
  });

  it('Too Many Requests (429) is rate_limited with its Retry-After', async () => {
    nock(US3).get('/3.0/lists').reply(429, { title: 'Too Many Requests', status: 429, detail: 'You have exceeded the limit of 10 simultaneous connections.' }, { 'retry-after': '3' });
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.vendorCode, error.retryAfterMs, client.stats().throttled]).toEqual(['rate_limited', 'Too Many Requests', 3000, 1]);
  });

  it('a 503 HTML page is resent twice, then transient', async () => {
    nock(US3).get('/3.0/lists').times(3).reply(503, '<html>Service Unavailable</html>', { 'content-type': 'text/html' });
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.status, error.message]).toEqual(['transient', 503, 'Mailchimp getLists: HTTP 503 with an HTML page: <html>Service Unavailable</html>']);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a network reset on every attempt is a transient network error', async () => {
    nock(US3).get('/3.0/lists').times(3).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.vendorCode, error.message]).toEqual(['transient', 'ECONNRESET', 'Mailchimp getLists: network error ECONNRESET: socket hang up']);
  });

  it('a 200 that is not a lists collection is a contract error naming the field', async () => {
    nock(US3).get('/3.0/lists').reply(200, { lists: [{ id: 'x', name: 'n' }], total_items: 1 });
    const { client } = makeKit();
    const error = await rejection(client.getLists());
    expect([error.kind, error.message]).toEqual([
      'contract',
      'Mailchimp getLists: response is not a Lists CollectionResponse (lists[0].web_id: Invalid input: expected number, received undefined)',
    ]);
  });

  it('refuses a key without its data center, without echoing the key', () => {
    expect(() => makeKit({ credentials: { apiKey: '0123456789abcdef' } })).toThrow(
      'Mailchimp credentials invalid: apiKey: must be a Mailchimp API key ending in its data center (…-us3)',
    );
  });
});
