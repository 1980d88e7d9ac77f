/**
 * Tells a tenant's running reconcile workflows about a payment event: found through visibility
 * (CaravanTenant, CaravanFlow = reconcile, running), each signalled PAYMENT_EVENT_SIGNAL. A
 * workflow that ended between the listing and the signal is skipped: there is nothing to tell.
 */
import { Client, WorkflowNotFoundError, type ConnectionLike } from '@temporalio/client';
import type { ReconcileSignaller } from '../activities/payment-events.js';
import { PAYMENT_EVENT_SIGNAL, RECONCILE_FLOW, SEARCH_ATTRIBUTES, type PaymentEventSignal } from '../temporal.config.js';

export function createReconcileSignaller(connection: ConnectionLike, namespace: string): ReconcileSignaller {
  const client = new Client({ connection, namespace });
  return {
    async signalRunning(signal: PaymentEventSignal): Promise<number> {
      const query = `${SEARCH_ATTRIBUTES.tenant.name} = ${JSON.stringify(signal.tenant)} AND ${SEARCH_ATTRIBUTES.flow.name} = ${JSON.stringify(RECONCILE_FLOW)} AND ExecutionStatus = "Running"`;
      let signalled = 0;
      for await (const run of client.workflow.list({ query })) {
        try {
          await client.workflow.getHandle(run.workflowId, run.runId).signal(PAYMENT_EVENT_SIGNAL, signal);
          signalled += 1;
        } catch (e) {
          if (!(e instanceof WorkflowNotFoundError)) throw e;
        }
      }
      return signalled;
    },
  };
}
