/**
 * paymentLedgerSync against the run's Temporal dev server and the real workflow bundle, with a
 * scripted page activity (the activity is tested against the PayPal stand-in in
 * test/activities/payment-ledger.test.ts): every page read with the cursor the previous one
 * gave, totals summed, and the source's coveredTo returned for the next run.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PaymentLedgerActivities, PaymentLedgerPageInput } from '../../activities/payment-ledger-types.js';
import { paymentLedgerSyncWorkflowId } from '../../temporal.config.js';
import type { PaymentLedgerSyncResult } from '../../workflows/payment-ledger-sync.js';
import { quietTemporalRuntime } from './harness.js';

const calls: PaymentLedgerPageInput[] = [];
const activities: PaymentLedgerActivities = {
  async importPaymentLedgerPage(input) {
    calls.push(input);
    const n = input.cursor === undefined ? 0 : Number(input.cursor);
    const base = { records: 10, lines: 10, inserted: 8, updated: 0, unchanged: 2, failed: n === 1 ? 1 : 0, unconverted: 0, ...(n === 1 ? { firstFailure: 'paypal.transaction X: transaction_amount.value: bad' } : {}) };
    return n < 2 ? { ...base, cursor: String(n + 1) } : { ...base, coveredTo: '2026-03-01T09:00:00.000Z' };
  },
};

let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `it-payment-ledger-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  quietTemporalRuntime();
  const address = inject('temporalAddress');
  connection = await Connection.connect({ address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address });
  worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: { codePath: inject('workflowBundlePath') }, activities });
  running = worker.run();
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
});

describe('paymentLedgerSync', () => {
  it('reads every page with the previous cursor, sums the totals and returns where the source stopped', async () => {
    const args = { tenant: 'demo', connection: 'paypal', from: '2026-02-01T00:00:00Z', to: '2026-03-01T12:00:00Z' };
    const result = (await client.workflow.execute('paymentLedgerSync', { taskQueue, workflowId: `${paymentLedgerSyncWorkflowId('demo', 'paypal', args.from, args.to)}/${Math.random().toString(36).slice(2, 8)}`, args: [args] })) as PaymentLedgerSyncResult;
    expect(calls.map((c) => c.cursor)).toEqual([undefined, '1', '2']);
    expect(result).toMatchObject({ pages: 3, lines: 30, inserted: 24, unchanged: 6, failed: 1, coveredTo: '2026-03-01T09:00:00.000Z', firstFailure: 'paypal.transaction X: transaction_amount.value: bad' });
  });
});
