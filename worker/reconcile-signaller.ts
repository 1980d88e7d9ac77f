/**
 * Wakes a tenant's waiting reconcile runs when data they may wait for arrived (a payout event
 * from a webhook, a bank statement): the running runs are found through visibility
 * (CaravanTenant, CaravanFlow = reconcile, running) — which covers the nightly runs, whose ids
 * carry their schedule time — and each gets the `lateData` signal. A run that ended between the
 * listing and the signal is skipped: there is nothing left to wake.
 */
import { Client, WorkflowNotFoundError, type ConnectionLike } from '@temporalio/client';
import type { ReconcileSignaller } from '../activities/payment-events.js';
import { FLOWS, RECONCILE_LATE_DATA_SIGNAL, SEARCH_ATTRIBUTES, type PaymentEventSignal, type ReconcileLateData } from '../temporal.config.js';

/** Returns the workflow ids signalled. */
export async function signalReconcileLateData(client: Client, tenant: string, notice: ReconcileLateData = {}): Promise<string[]> {
  const query = `${SEARCH_ATTRIBUTES.tenant.name} = ${JSON.stringify(tenant)} AND ${SEARCH_ATTRIBUTES.flow.name} = ${JSON.stringify(FLOWS.reconcile)} AND ExecutionStatus = "Running"`;
  const signalled: string[] = [];
  for await (const w of client.workflow.list({ query })) {
    try {
      await client.workflow.getHandle(w.workflowId, w.runId).signal<[ReconcileLateData]>(RECONCILE_LATE_DATA_SIGNAL, notice);
      signalled.push(w.workflowId);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    }
  }
  return signalled;
}

/** The payment-event activities' way to wake reconcile runs: the event's provider and type as the source, its payouts as the reference. */
export function createReconcileSignaller(connection: ConnectionLike, namespace: string): ReconcileSignaller {
  const client = new Client({ connection, namespace });
  return {
    async signalRunning(signal: PaymentEventSignal): Promise<number> {
      const notice: ReconcileLateData = { source: `${signal.provider} ${signal.type}`, reference: signal.payoutIds.join(' ') };
      return (await signalReconcileLateData(client, signal.tenant, notice)).length;
    },
  };
}
