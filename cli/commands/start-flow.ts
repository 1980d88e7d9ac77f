/**
 * Starts one of a tenant's channel flows, or attaches to the run of it already going (the
 * workflow ID is the business key, so a second start of the same flow is the same run). The
 * run carries the tenant, channel and flow search attributes and a readable summary.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type Workflow, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { searchAttributeKeys, TASK_QUEUES, type FlowName } from '../../temporal.config.js';

export interface ChannelFlowStart<W extends Workflow> {
  readonly workflowType: string;
  readonly workflowId: string;
  readonly args: Parameters<W>;
  readonly tenant: string;
  readonly channel: string;
  readonly flow: FlowName;
  /** The run's one-line summary in the Web UI. */
  readonly summary: string;
  readonly details?: string;
  readonly memo?: Record<string, unknown>;
  readonly taskQueue?: string | undefined;
  /** Search attributes of the flow beside tenant, channel and flow (e.g. a parcel's tracking number). */
  readonly searchAttributes?: readonly SearchAttributePair[];
}

export interface StartedChannelFlow<W extends Workflow> {
  tenant: string;
  channel: string;
  workflowId: string;
  runId: string;
  /** False when that flow was already running and we attached to it. */
  started: boolean;
  handle: WorkflowHandle<W>;
}

export async function startOrAttach<W extends Workflow>(client: Client, o: ChannelFlowStart<W>): Promise<StartedChannelFlow<W>> {
  const { tenant, channel, workflowId } = o;
  try {
    const options = {
      taskQueue: o.taskQueue ?? TASK_QUEUES.sync,
      workflowId,
      args: o.args,
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: tenant },
        { key: searchAttributeKeys.channel, value: channel },
        { key: searchAttributeKeys.flow, value: o.flow },
        ...(o.searchAttributes ?? []),
      ],
      staticSummary: o.summary,
      ...(o.details === undefined ? {} : { staticDetails: o.details }),
      ...(o.memo === undefined ? {} : { memo: o.memo }),
    } as unknown as WorkflowStartOptions<W>;
    const handle = await client.workflow.start<W>(o.workflowType, options);
    return { tenant, channel, workflowId, runId: handle.firstExecutionRunId, started: true, handle };
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    const handle = client.workflow.getHandle<W>(workflowId);
    return { tenant, channel, workflowId, runId: (await handle.describe()).runId, started: false, handle };
  }
}
