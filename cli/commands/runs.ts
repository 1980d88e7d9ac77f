/** `caravan runs`: recent runs from Temporal visibility, with status and counts. */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, searchAttributeKeys } from '../../temporal.config.js';
import { formatDuration, table } from '../output.js';

export interface RunRow {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  tenant?: string | undefined;
  channel?: string | undefined;
  flow?: string | undefined;
  startTime: string;
  closeTime?: string | undefined;
  durationMs?: number | undefined;
  imported?: number | undefined;
  updated?: number | undefined;
  deadLetters?: number | undefined;
}

const quote = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

export function runsQuery(filter: { tenant?: string | undefined; channel?: string | undefined; flow?: string | undefined; status?: string | undefined }): string {
  const parts = [`${SEARCH_ATTRIBUTES.flow.name} IS NOT NULL`];
  if (filter.tenant) parts.push(`${SEARCH_ATTRIBUTES.tenant.name} = ${quote(filter.tenant)}`);
  if (filter.channel) parts.push(`${SEARCH_ATTRIBUTES.channel.name} = ${quote(filter.channel)}`);
  if (filter.flow) parts.push(`${SEARCH_ATTRIBUTES.flow.name} = ${quote(filter.flow)}`);
  if (filter.status) parts.push(`ExecutionStatus = ${quote(filter.status)}`);
  return parts.join(' AND ');
}

export function toRunRow(w: WorkflowExecutionInfo): RunRow {
  const sa = w.typedSearchAttributes;
  const closeTime = w.closeTime?.toISOString();
  return {
    workflowId: w.workflowId,
    runId: w.runId,
    type: w.type,
    status: w.status.name,
    tenant: sa.get(searchAttributeKeys.tenant),
    channel: sa.get(searchAttributeKeys.channel),
    flow: sa.get(searchAttributeKeys.flow),
    startTime: w.startTime.toISOString(),
    closeTime,
    durationMs: w.closeTime ? w.closeTime.getTime() - w.startTime.getTime() : undefined,
    imported: sa.get(searchAttributeKeys.recordsImported),
    updated: sa.get(searchAttributeKeys.recordsUpdated),
    deadLetters: sa.get(searchAttributeKeys.deadLetters),
  };
}

export async function listRuns(
  client: Client,
  filter: { tenant?: string; channel?: string; flow?: string; status?: string; limit?: number },
): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  const limit = filter.limit ?? 20;
  for await (const w of client.workflow.list({ query: runsQuery(filter), pageSize: Math.min(limit, 100) })) {
    rows.push(toRunRow(w));
    if (rows.length >= limit) break;
  }
  return rows;
}

export function formatRuns(rows: RunRow[]): string {
  if (rows.length === 0) return 'no runs found';
  return table(
    ['STARTED (UTC)', 'WORKFLOW ID', 'STATUS', 'NEW', 'UPDATED', 'DEAD', 'DURATION', 'RUN ID'],
    rows.map((r) => [
      r.startTime.replace('T', ' ').replace(/\.\d{3}Z$/, ''),
      r.workflowId,
      r.status,
      r.imported,
      r.updated,
      r.deadLetters,
      r.durationMs === undefined ? 'running' : formatDuration(r.durationMs),
      r.runId,
    ]),
  );
}
