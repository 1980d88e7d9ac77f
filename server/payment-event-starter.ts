/**
 * What the webhook intake needs from the rest of the hub, built from the tenants file and a
 * Temporal client: each tenant's Stripe endpoint secrets, and the start of the paymentEvent
 * workflow under the event's own id.
 */
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Logger } from 'pino';
import { resolveSecret } from '../config/secrets.js';
import type { TenantsConfig } from '../config/tenants-config.js';
import { PAYMENT_EVENT_FLOW, searchAttributeKeys, TASK_QUEUES } from '../temporal.config.js';
import type { paymentEvent } from '../workflows/payment-event.js';
import type { StartPaymentEvent } from './webhooks.js';

/**
 * The `webhookSecret` of each of the tenant's Stripe connections, resolved at each delivery (a
 * secret file rolled on disk is read anew). A reference that does not resolve is logged by name
 * (never a value) and skipped.
 */
export function stripeWebhookSecretsFromConfig(config: TenantsConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): (tenant: string) => string[] {
  return (tenant) => {
    const connections = Object.entries(config.tenants[tenant]?.connections ?? {}).filter(([, c]) => c.vendor === 'stripe' && c.secrets['webhookSecret'] !== undefined);
    return connections.flatMap(([id, c]) => {
      try {
        return [resolveSecret(c.secrets['webhookSecret']!, env)];
      } catch (e) {
        logger.error({ tenant, connection: id }, `Stripe webhook secret unavailable: ${(e as Error).message}`);
        return [];
      }
    });
  };
}

/**
 * Starts paymentEvent with the event's workflow id. A second start of an id whose run completed is
 * rejected (ALLOW_DUPLICATE_FAILED_ONLY), and one that is running fails likewise: both mean the
 * event is handled, so a duplicate delivery is a no-op. Only a run that failed may be started again
 * by a later delivery.
 */
export function temporalPaymentEventStarter(client: Client, taskQueue: string = TASK_QUEUES.sync): StartPaymentEvent {
  return async (ref, workflowId) => {
    try {
      await client.workflow.start<typeof paymentEvent>('paymentEvent', {
        taskQueue,
        workflowId,
        args: [ref],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        typedSearchAttributes: [
          { key: searchAttributeKeys.tenant, value: ref.tenant },
          { key: searchAttributeKeys.channel, value: ref.provider },
          { key: searchAttributeKeys.flow, value: PAYMENT_EVENT_FLOW },
        ],
        staticSummary: `${ref.provider} event ${ref.eventId}`,
      });
      return 'started';
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
      throw e;
    }
  };
}
