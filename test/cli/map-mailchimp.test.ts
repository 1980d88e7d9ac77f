/**
 * `caravan map mailchimp.list`: a real GET /lists reply (a nock recording, as the samples are
 * kept) maps to canonical audiences; Mailchimp's error replies are named with their code and
 * message; files of another kind say what they look like. Exit 1 on anything not mapped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { caravanMap, scratchFiles } from './map-harness.js';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const MAILCHIMP = join(FIX, 'mailchimp');
const LISTS = join(MAILCHIMP, 'GET_3.0_lists_200.json');
const write = scratchFiles('caravan-map-mailchimp-');

const caravan = caravanMap;

afterEach(() => {
  process.exitCode = undefined;
});

describe('caravan map mailchimp.list', () => {
  it('maps the real GET /lists recording to one audience per list (exit 0)', async () => {
    const { code, stdout, stderr } = await caravan('mailchimp.list', LISTS, '--channel', 'newsletter');
    expect([code, stderr]).toEqual([0, '']);
    const audiences = JSON.parse(stdout) as { externalId: string; name: string; memberCount: number }[];
    expect(audiences.map((a) => [a.externalId, a.name, a.memberCount])).toEqual([
      ['1b724bb934', 'UI Config', 1],
      ['a36b032126', 'Demo-Environment', 0],
      ['6f890f62ee', 'Demo (Andy)', 1],
      ['7cf8c94812', 'Grouparoo Newsletter', 197],
      ['a36b032126', 'Test Source', 10],
    ]);
    expect(audiences[3]).toEqual({
      channel: 'newsletter',
      vendor: 'mailchimp',
      externalId: '7cf8c94812',
      name: 'Grouparoo Newsletter',
      memberCount: 197,
      unsubscribedCount: 20,
      cleanedCount: 32,
      createdAt: '2021-03-13T01:35:42Z',
      lastSubscribedAt: '2022-02-23T11:45:36Z',
      visibility: 'private',
      doubleOptIn: false,
      refs: { webId: '390273' },
    });
  });

  it('maps the bare reply body and a single list (GET /lists/{list_id}) alike', async () => {
    const body = (JSON.parse(readFileSync(LISTS, 'utf8')) as { responseBody: { lists: unknown[] } }).responseBody;
    const bare = await caravan('mailchimp.list', write('lists.json', body));
    expect([bare.code, (JSON.parse(bare.stdout) as unknown[]).length]).toEqual([0, 5]);
    const one = await caravan('mailchimp.list', write('one-list.json', body.lists[2]));
    expect([one.code, (JSON.parse(one.stdout) as { externalId: string }[]).map((a) => a.externalId)]).toEqual([0, ['6f890f62ee']]);
  });

  it('a list the schema refuses is a rejection naming the list and the field (exit 1); the others still map', async () => {
    const body = (JSON.parse(readFileSync(LISTS, 'utf8')) as { responseBody: { lists: Record<string, unknown>[] } }).responseBody;
    const file = write('bad-list.json', { ...body, lists: [body.lists[0], { ...body.lists[1], web_id: 'x' }] });
    const { code, stdout } = await caravan('mailchimp.list', file);
    expect(code).toBe(1);
    const [good, bad] = JSON.parse(stdout) as [{ externalId: string }, { error: Record<string, unknown> }];
    expect(good.externalId).toBe('1b724bb934');
    expect(bad.error).toMatchObject({ recordType: 'mailchimp.list', externalId: 'a36b032126', field: 'lists[1].web_id', errorKind: 'schema' });
  });
});

describe('mailchimp.list given what is not a lists reply (exit 1, one line)', () => {
  it.each([
    [
      'the recorded 400 (Invalid Resource)',
      join(MAILCHIMP, 'POST_3.0_lists_list_id_members_400_2.json'),
      'is an error reply from Mailchimp, code Invalid Resource, not a Mailchimp lists reply: Mailchimp getLists: HTTP 400 Invalid Resource: foo@example.com looks fake or invalid, please enter a real email address.',
    ],
    [
      'the recorded 404 (Resource Not Found)',
      join(MAILCHIMP, 'POST_3.0_lists_list_id_members_subscriber_hash_tags_404.json'),
      'is an error reply from Mailchimp, code Resource Not Found, not a Mailchimp lists reply: Mailchimp getLists: HTTP 404 Resource Not Found: The requested resource could not be found.',
    ],
    [
      "the 404 problem document alone (a body saved by hand: its own status stands in)",
      write('problem-404.json', {
        type: 'https://mailchimp.com/developer/marketing/docs/errors/',
        title: 'Resource Not Found',
        status: 404,
        detail: 'The requested resource could not be found.',
        instance: '55d7a0cc-5cbf-9fb4-0053-76654b0d322f',
      }),
      'is an error reply from Mailchimp, code Resource Not Found, not a Mailchimp lists reply: Mailchimp getLists: HTTP 404 Resource Not Found: The requested resource could not be found.',
    ],
  ])('%s', async (_name, file, message) => {
    const { code, stderr, stdout } = await caravan('mailchimp.list', file);
    expect([code, stderr, stdout]).toEqual([1, `caravan: ${file} ${message}`, '']);
  });

  it.each([
    [
      'an AvaTax error recording: named as AvaTax\'s, not as a Mailchimp HTTP 400',
      join(FIX, 'avalara', 'samples', 'get_tax__error.json'),
      "this is an error reply from AvaTax (code MissingLine: AvaTax reply: MissingLine: Transactions must have at least one line. (The CreateTransactionModel object must have an element called 'lines', with at least one valid line record.)), not a Mailchimp lists reply",
    ],
    [
      'a DHL landed-cost reply',
      join(FIX, 'dhl', 'landed-cost', 'response-200.spec-example.json'),
      `this looks like a DHL Express landed-cost response, not a Mailchimp lists reply; try \`caravan map dhl.landed-cost ${join(FIX, 'dhl', 'landed-cost', 'response-200.spec-example.json')}\``,
    ],
    ['plain text', write('text.txt', 'Invalid Credentials'), 'this is a plain-text body: Invalid Credentials, not a Mailchimp lists reply'],
  ])('%s', async (_name, file, message) => {
    const { code, stderr, stdout } = await caravan('mailchimp.list', file);
    expect([code, stderr, stdout]).toEqual([1, `caravan: ${file}: ${message}`, '']);
  });

  it('a JSON file holding no list says what it expected', async () => {
    const file = write('nothing.json', { something: 'else' });
    const { code, stderr } = await caravan('mailchimp.list', file);
    expect([code, stderr]).toEqual([1, `caravan: ${file} holds no Mailchimp lists: expected a GET /lists reply (lists[]) or one list (GET /lists/{list_id})`]);
  });

  it("a Mailchimp problem document given to another kind is named as Mailchimp's, not DHL's (both send RFC 7807)", async () => {
    const file = write('mailchimp-404.json', {
      type: 'https://mailchimp.com/developer/marketing/docs/errors/',
      title: 'Resource Not Found',
      status: 404,
      detail: 'The requested resource could not be found.',
      instance: '55d7a0cc-5cbf-9fb4-0053-76654b0d322f',
    });
    const { code, stderr } = await caravan('amazon.order', file);
    expect(code).toBe(1);
    expect(stderr).toContain('this is an error reply from Mailchimp (code Resource Not Found');
  });

  it('another kind given the lists reply points at mailchimp.list', async () => {
    const { code, stderr } = await caravan('amazon.order', LISTS);
    expect([code, stderr]).toEqual([1, `caravan: ${LISTS}: this looks like a Mailchimp lists reply, not an Amazon SP-API order reply (Orders v0 or 2026-01-01); try \`caravan map mailchimp.list ${LISTS}\``]);
  });
});
