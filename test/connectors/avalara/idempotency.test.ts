/**
 * A retried call never posts twice: document codes come from business keys, the create is
 * CreateOrAdjust by that code, and a repeated commit, void or refund is a success
 * (`already_applied`) when AvaTax answers with the code meaning "done before".
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AVALARA_TRANSACTION_CODE_MAX_LENGTH, transactionCodeFor, type AvalaraCreateTransactionModel } from '../../../connectors/avalara/index.js';
import { answer, fixtureText, isolateNetworkPerTest, makeKit, recorded, rejection, SANDBOX, type SeenRequest } from './avalara-test-kit.js';

isolateNetworkPerTest();

describe('transactionCodeFor', () => {
  it('readable and stable for ordinary keys', () => {
    const ref = { tenant: 'acme', order: '902-3159896-1390916' };
    expect([
      transactionCodeFor(ref),
      transactionCodeFor(ref, 'sale'),
      transactionCodeFor(ref, { refund: 'rf1' }),
      transactionCodeFor(ref, { adjustment: '2' }),
      transactionCodeFor({ ...ref }),
    ]).toEqual([
      'caravan-acme-902-3159896-1390916',
      'caravan-acme-902-3159896-1390916',
      'caravan-acme-902-3159896-1390916~rrf1',
      'caravan-acme-902-3159896-1390916~a2',
      'caravan-acme-902-3159896-1390916',
    ]);
  });

  it('a key that would read like another gets a hashed code; long keys fit in 50 characters (values pinned: changing them re-keys every document)', () => {
    const a = transactionCodeFor({ tenant: 'acme-eu', order: '1' });
    const b = transactionCodeFor({ tenant: 'acme', order: 'eu-1' });
    const long = transactionCodeFor({ tenant: 'acme', order: 'x'.repeat(80) }, { refund: 'r-2026-03-02' });
    const odd = transactionCodeFor({ tenant: 'acme', order: '#1001/2 + gift?' });
    expect([a, b, long, odd]).toEqual([
      // tenant "acme-eu" contains the separator: hashed, so it cannot collide with tenant "acme", order "eu-1".
      'caravan-acme-eu-1~h83f0ab73f4e16eb0',
      'caravan-acme-eu-1',
      'caravan-acme-xxxxxxxxxxxxxxxxxxx~h50302fbef52a99e8',
      'caravan-acme-10012gift~hcdba3d723ca0b9ba',
    ]);
    for (const code of [a, b, long, odd]) expect(code.length).toBeLessThanOrEqual(AVALARA_TRANSACTION_CODE_MAX_LENGTH);
    expect(transactionCodeFor({ tenant: 'acme', order: 'x'.repeat(80) }, { refund: 'r-2026-03-02' })).toBe(long);
  });

  it('AvaTax escape sequences never appear in a code', () => {
    expect(transactionCodeFor({ tenant: 'acme', order: 'a_-ava2f-_b' })).not.toContain('_-ava');
  });

  it('empty parts are a programming error', () => {
    expect(() => transactionCodeFor({ tenant: '', order: '1' })).toThrow('transactionCodeFor: tenant must be a non-empty string');
    expect(() => transactionCodeFor({ tenant: 'a', order: '1' }, { refund: ' ' })).toThrow('transactionCodeFor: refund id must be a non-empty string');
  });
});

const model = (code: string): AvalaraCreateTransactionModel => ({
  type: 'SalesInvoice',
  code,
  date: '2026-03-02',
  customerCode: 'buyer-1',
  lines: [{ number: 'l1', quantity: 1, amount: 19.99, taxCode: 'P0000000' }],
  commit: true,
  currencyCode: 'USD',
});

describe('create', () => {
  it('a 503 then a success: CreateOrAdjust is resent with the same code and body', async () => {
    const seen: SeenRequest[] = [];
    const code = transactionCodeFor({ tenant: 'acme', order: '1001' });
    nock(SANDBOX)
      .post('/api/v2/transactions/createoradjust')
      .reply(answer(seen, 503, fixtureText('errors/error-503-gateway.synthetic.html')))
      .post('/api/v2/transactions/createoradjust')
      .reply(answer(seen, 201, recorded('create_tax_adjustments__simple_completed_order').response.body));
    const { client } = makeKit();
    const result = await client.createOrAdjustTransaction(model(code));
    expect(seen).toHaveLength(2);
    expect(seen[1]?.rawBody).toBe(seen[0]?.rawBody);
    expect((JSON.parse(seen[0]!.rawBody) as { createTransactionModel: { code: string } }).createTransactionModel.code).toBe('caravan-acme-1001');
    expect([result.status, client.stats().retries]).toEqual([201, 1]);
  });

  it('a Temporal retry (a fresh client, the code derived again) addresses the same document', async () => {
    const seen: SeenRequest[] = [];
    nock(SANDBOX).post('/api/v2/transactions/createoradjust').times(2).reply(answer(seen, 200, recorded('create_tax_adjustments__simple_completed_order').response.body));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await makeKit().client.createOrAdjustTransaction(model(transactionCodeFor({ tenant: 'acme', order: '1001' })));
    }
    expect(seen.map((r) => r.rawBody)).toEqual([seen[0]?.rawBody, seen[0]?.rawBody]);
  });
});

describe('commit, void and refund are safe to repeat', () => {
  const committed = recorded('create_tax_adjustments__simple_completed_order').response.body;

  it('commit twice: applied, then already_applied (TransactionIsCommitted)', async () => {
    const path = '/api/v2/companies/test1/transactions/caravan-acme-1001/commit';
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post(path)
      .reply(answer(seen, 200, committed))
      .post(path)
      .reply(answer(seen, 400, fixtureText('errors/error-400-transaction-is-committed.synthetic.json'), { 'x-correlation-id': 'corr-2' }));
    const { client } = makeKit();
    const first = await client.commitTransaction({ transactionCode: 'caravan-acme-1001' });
    const second = await client.commitTransaction({ transactionCode: 'caravan-acme-1001' });
    expect(first.outcome).toBe('applied');
    expect(second).toEqual({
      outcome: 'already_applied',
      vendorCode: 'TransactionIsCommitted',
      message:
        'AvaTax CommitTransaction: HTTP 400 TransactionIsCommitted: Committed transactions cannot be modified by this API. (Committed transactions may be modified by calling AdjustTransaction or VoidTransaction.)',
      requestId: 'corr-2',
    });
    expect(seen.map((r) => r.rawBody)).toEqual(['{"commit":true}', '{"commit":true}']);
  });

  it('void twice: applied, then already_applied (TransactionAlreadyCancelled)', async () => {
    const path = '/api/v2/companies/test1/transactions/R251928987/void';
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post(path)
      .reply(answer(seen, 200, recorded('transactions__void__success', 1).response.body))
      .post(path)
      .reply(answer(seen, 400, fixtureText('errors/error-400-transaction-already-cancelled.synthetic.json')));
    const { client } = makeKit();
    const outcomes = [await client.voidTransaction({ transactionCode: 'R251928987' }), await client.voidTransaction({ transactionCode: 'R251928987' })];
    expect(outcomes.map((o) => [o.outcome, o.outcome === 'already_applied' ? o.vendorCode : o.transaction.status])).toEqual([
      ['applied', 'Cancelled'],
      ['already_applied', 'TransactionAlreadyCancelled'],
    ]);
  });

  it('refund twice with the derived refund code: the second finds its document (TransactionAlreadyExists)', async () => {
    const sale = transactionCodeFor({ tenant: 'acme', order: '1001' });
    const refundCode = transactionCodeFor({ tenant: 'acme', order: '1001' }, { refund: 'rma7' });
    const path = `/api/v2/companies/test1/transactions/${sale}/refund`;
    const seen: SeenRequest[] = [];
    nock(SANDBOX)
      .post(path)
      .reply(answer(seen, 201, recorded('transactions__refund__partial_refund_with_refund_success').response.body))
      .post(path)
      .reply(answer(seen, 400, fixtureText('errors/error-400-transaction-already-exists.synthetic.json')));
    const { client } = makeKit();
    const params = { transactionCode: sale, refundTransactionCode: refundCode, refundDate: '2026-03-05', refundType: 'Full' as const };
    const outcomes = [await client.refundTransaction(params), await client.refundTransaction(params)];
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'already_applied']);
    expect(seen.map((r) => JSON.parse(r.rawBody) as unknown)).toEqual([
      { refundTransactionCode: 'caravan-acme-1001~rrma7', refundDate: '2026-03-05', refundType: 'Full' },
      { refundTransactionCode: 'caravan-acme-1001~rrma7', refundDate: '2026-03-05', refundType: 'Full' },
    ]);
  });

  it('only the matching code counts: TransactionAlreadyExists on a commit, EntityNotFoundError on a void stay errors', async () => {
    nock(SANDBOX)
      .post('/api/v2/companies/test1/transactions/c1/commit')
      .reply(answer([], 400, fixtureText('errors/error-400-transaction-already-exists.synthetic.json')))
      .post('/api/v2/companies/test1/transactions/c1/void')
      .reply(answer([], 404, fixtureText('errors/error-404-entity-not-found.synthetic.json')));
    const { client } = makeKit();
    const commit = await rejection(client.commitTransaction({ transactionCode: 'c1' }));
    const voided = await rejection(client.voidTransaction({ transactionCode: 'c1' }));
    expect([commit.kind, commit.vendorCode, voided.kind, voided.vendorCode]).toEqual(['conflict', 'TransactionAlreadyExists', 'not_found', 'EntityNotFoundError']);
  });
});
