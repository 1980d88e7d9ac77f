/**
 * `caravan dead-letters list | replay | resolve`: records a sync could not import, with the
 * field at fault; replayed through today's mapping (a Temporal workflow, or in-process with
 * --dry-run), or closed by hand with a reason.
 */
import { userInfo } from 'node:os';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { countReplays, nowMapped, openLettersQuery, REPLAYABLE_RECORD_TYPES, replayDeadLetterPage, type LetterReplay } from '../../activities/dead-letters.js';
import type { ReplayCounts, ReplaySelection } from '../../activities/dead-letters-types.js';
import { selectChannels, type TenantsConfig } from '../../config/tenants-config.js';
import {
  countOpenDeadLetters,
  getDeadLetter,
  listDeadLetters,
  listRuns,
  resolveDeadLetter,
  type DeadLetter,
} from '../../store/index.js';
import {
  DEAD_LETTERS_REPLAY,
  deadLettersReplayWorkflowId,
  FLOWS,
  searchAttributeKeys,
  TASK_QUEUES,
} from '../../temporal.config.js';
import type { deadLettersReplay, DeadLettersReplayInput, DeadLettersReplaySummary } from '../../workflows/dead-letters-replay.js';
import { CliError, formatDuration, table } from '../output.js';
import { LISTING_DEAD_LETTER_RECORD_TYPES, resendListingDeadLetters } from './listings.js';

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d{3}Z$/, '').replace(/Z$/, '');
const clip = (s: string, n = 100) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);

/** How a letter stands: open (and how its last replay went), or how it was resolved. */
export function describeResolution(d: DeadLetter): string {
  if (d.resolvedAt === undefined) {
    return d.lastReplay ? `open (replay ${when(d.lastReplay.at)} still failed)` : 'open';
  }
  if (d.resolution === 'replayed') {
    const r = d.lastReplay;
    return `replayed ${when(d.resolvedAt)}${r ? `: order ${r.outcome}, ${r.workflowId}` : ''}${d.resolvedBy ? ` (asked by ${d.resolvedBy})` : ''}`;
  }
  if (d.resolution === 'manual') {
    return `resolved ${when(d.resolvedAt)} by ${d.resolvedBy ?? '?'}: ${d.resolutionReason ?? ''}`;
  }
  return `resolved ${when(d.resolvedAt)} (how was not recorded)`;
}

export async function deadLettersListCommand(
  db: Knex,
  opts: { tenant?: string; channel?: string; flow?: string; all?: boolean; limit?: number; json?: boolean },
): Promise<string> {
  const rows = await listDeadLetters(db, {
    ...(opts.tenant ? { tenant: opts.tenant } : {}),
    ...(opts.channel ? { channel: opts.channel } : {}),
    ...(opts.flow ? { flow: opts.flow } : {}),
    includeResolved: !!opts.all,
    limit: opts.limit ?? 50,
  });
  if (opts.json) return JSON.stringify(rows, null, 2);
  if (rows.length === 0) return opts.all ? 'no dead letters' : 'no open dead letters (--all shows resolved ones too)';
  return table(
    ['ID', 'TENANT', 'CHANNEL', 'RECORD', 'EXTERNAL ID', 'FIELD', 'KIND', 'SEEN', 'LAST SEEN (UTC)', 'STATUS', 'MESSAGE'],
    rows.map((d) => [
      d.id,
      d.tenant,
      d.channel,
      d.recordType,
      d.externalId ?? '',
      d.field,
      d.errorKind,
      d.occurrences,
      when(d.lastSeenAt),
      describeResolution(d),
      clip(d.message),
    ]),
  );
}

export interface ReplayCommandOptions {
  tenant: string;
  id?: number[];
  channel?: string;
  all?: boolean;
  dryRun?: boolean;
  /** Default true: wait for the replay and print what it did. */
  wait?: boolean;
  /** Who asks (kept on the letters the replay resolves). Default: the OS user. */
  by?: string;
  taskQueue?: string | undefined;
}

export interface ReplayCommandDeps {
  db: Knex;
  config: TenantsConfig;
  /** Connected only when the replay really runs (not for --dry-run). */
  temporal: () => Promise<{ client: Client; close(): Promise<void> }>;
  now?: () => Date;
}

/** What the selection flags name: the letters to read and the scope the run is filed under. */
interface ReplayTarget {
  selection: ReplaySelection;
  scope: string;
}

async function replayTarget(deps: ReplayCommandDeps, opts: ReplayCommandOptions, out: (s: string) => void): Promise<ReplayTarget | undefined> {
  const ids = [...new Set(opts.id ?? [])];
  const chosen = [ids.length > 0, !!opts.channel, !!opts.all].filter(Boolean).length;
  if (chosen !== 1) {
    throw new CliError('say which dead letters to replay: --id N (repeatable), --channel C, or --all (exactly one of them)');
  }
  if (!deps.config.tenants[opts.tenant]) {
    throw new CliError(`unknown tenant "${opts.tenant}" (configured: ${Object.keys(deps.config.tenants).join(', ') || '(none)'})`);
  }
  if (opts.all) return { selection: { kind: 'all' }, scope: 'all' };
  if (opts.channel) {
    return { selection: { kind: 'channels', channels: selectChannels(deps.config, opts.tenant, opts.channel) }, scope: opts.channel };
  }
  const open: DeadLetter[] = [];
  for (const id of ids.sort((a, b) => a - b)) {
    const letter = await getDeadLetter(deps.db, id);
    if (!letter || letter.tenant !== opts.tenant) throw new CliError(`tenant "${opts.tenant}" has no dead letter ${id} (see caravan dead-letters list --tenant ${opts.tenant} --all)`);
    if (letter.resolvedAt !== undefined) {
      out(`dead letter ${id} is not open (${describeResolution(letter)}): skipped`);
    } else if (LISTING_DEAD_LETTER_RECORD_TYPES.includes(letter.recordType)) {
      // Resent by listingsPublish (resendListingDeadLetters), not mapped again.
    } else if (!REPLAYABLE_RECORD_TYPES.includes(letter.recordType)) {
      out(`dead letter ${id} holds a ${letter.recordType}, which no replay can map yet: skipped`);
    } else {
      open.push(letter);
    }
  }
  if (open.length === 0) return undefined;
  const channels = new Set(open.map((l) => l.channel));
  return { selection: { kind: 'ids', ids: open.map((l) => l.id) }, scope: channels.size === 1 ? [...channels][0]! : 'all' };
}

/**
 * `caravan dead-letters replay`: maps the selected open letters again with today's code.
 * A real replay is a deadLettersReplay workflow (counted as a run); --dry-run does the same
 * work in-process and rolls every write back.
 */
export async function deadLettersReplayCommand(
  deps: ReplayCommandDeps,
  opts: ReplayCommandOptions,
  out: (line: string) => void,
): Promise<DeadLettersReplaySummary | undefined> {
  const target = await replayTarget(deps, opts, out);
  // Listing letters: a forced listingsPublish of their SKUs (they close when the channel accepts them).
  const listings = opts.dryRun ? 0 : await resendListingDeadLetters(deps, opts, out);
  if (!target) {
    if (listings === 0) out('nothing to replay');
    return undefined;
  }
  const what = `${opts.tenant}/${target.scope}`;
  if (opts.dryRun) {
    const letters = await dryRun(deps, opts.tenant, target.selection);
    if (letters.length === 0) {
      out(`no open dead letters to replay for ${what}`);
      return undefined;
    }
    out(formatLetterReplays(letters, { dryRun: true }));
    out(`dry run: ${formatCounts(countReplays(letters), { dryRun: true })}; nothing was written`);
    return undefined;
  }

  const open = await countSelected(deps.db, opts.tenant, target.selection);
  if (open === 0) {
    if (listings === 0) out(`no open dead letters to replay for ${what}`);
    return undefined;
  }
  const t = await deps.temporal();
  try {
    const requestedBy = opts.by ?? currentUser();
    const input: DeadLettersReplayInput = { tenant: opts.tenant, scope: target.scope, selection: target.selection, ...(requestedBy ? { requestedBy } : {}) };
    const { workflowId, runId, handle } = await startReplay(t.client, deps.db, input, opts.taskQueue ?? TASK_QUEUES.sync);
    out(`started ${workflowId} (run ${runId}): ${open} open dead letter${open === 1 ? '' : 's'} to replay`);
    if (opts.wait === false) return undefined;
    const summary = await handle.result();
    const letters = await listDeadLetters(deps.db, { includeResolved: true, replay: { workflowId, runId }, limit: 1000 });
    if (letters.length) {
      out(
        formatLetterReplays(
          letters.sort((a, b) => a.id - b.id).map((l) => ({
            id: l.id,
            channel: l.channel,
            ...(l.externalId ? { externalId: l.externalId } : {}),
            outcome: l.lastReplay!.outcome,
            ...(l.lastReplay!.outcome === 'failed' ? { field: l.field, message: l.message } : {}),
          })),
          { dryRun: false },
        ),
      );
    }
    out(`${formatCounts(summary.totals, { dryRun: false })} in ${formatDuration(summary.durationMs)}`);
    return summary;
  } finally {
    await t.close();
  }
}

async function countSelected(db: Knex, tenant: string, selection: ReplaySelection): Promise<number> {
  if (selection.kind !== 'ids') return countOpenDeadLetters(db, openLettersQuery(tenant, selection));
  let n = 0;
  for (let i = 0; i < selection.ids.length; i += 500) {
    n += await countOpenDeadLetters(db, openLettersQuery(tenant, { kind: 'ids', ids: selection.ids.slice(i, i + 500) }));
  }
  return n;
}

async function dryRun(deps: ReplayCommandDeps, tenant: string, selection: ReplaySelection): Promise<LetterReplay[]> {
  const pageSize = DEAD_LETTERS_REPLAY.pageSize;
  const now = deps.now?.() ?? new Date();
  const letters: LetterReplay[] = [];
  if (selection.kind === 'ids') {
    for (let i = 0; i < selection.ids.length; i += pageSize) {
      const page = await replayDeadLetterPage(deps.db, { tenant, selection: { kind: 'ids', ids: selection.ids.slice(i, i + pageSize) }, limit: pageSize, now });
      letters.push(...page.letters);
    }
    return letters;
  }
  let afterId: number | undefined;
  for (;;) {
    const page = await replayDeadLetterPage(deps.db, { tenant, selection, ...(afterId !== undefined ? { afterId } : {}), limit: pageSize, now });
    letters.push(...page.letters);
    if (page.read < pageSize || page.lastId === undefined) return letters;
    afterId = page.lastId;
  }
}

/**
 * Starts the workflow as `dead-letters-replay/<tenant>/<scope>/<n>`: n follows the highest
 * recorded replay of that scope, and Temporal's REJECT_DUPLICATE settles two starting at once.
 */
async function startReplay(client: Client, db: Knex, input: DeadLettersReplayInput, taskQueue: string) {
  const prefix = deadLettersReplayWorkflowId(input.tenant, input.scope, 0).replace(/0$/, '');
  const earlier = await listRuns(db, { tenant: input.tenant, channel: input.scope, flow: FLOWS.deadLettersReplay, limit: 50 });
  let n = 1 + Math.max(0, ...earlier.map((r) => (r.workflowId.startsWith(prefix) ? Number(r.workflowId.slice(prefix.length)) : 0)).filter(Number.isSafeInteger));
  for (let attempt = 0; ; attempt++) {
    const workflowId = deadLettersReplayWorkflowId(input.tenant, input.scope, n);
    try {
      const handle = await client.workflow.start<typeof deadLettersReplay>('deadLettersReplay', {
        taskQueue,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [input],
        typedSearchAttributes: [
          { key: searchAttributeKeys.tenant, value: input.tenant },
          { key: searchAttributeKeys.channel, value: input.scope },
          { key: searchAttributeKeys.flow, value: FLOWS.deadLettersReplay },
        ],
        staticSummary: `Replay dead letters: ${input.tenant} / ${input.scope}`,
        staticDetails:
          input.selection.kind === 'ids'
            ? `Dead letters ${input.selection.ids.join(', ')}`
            : `Every open dead letter of ${input.selection.kind === 'all' ? 'the tenant' : input.selection.channels.join(', ')}`,
      });
      return { workflowId, runId: handle.firstExecutionRunId, handle };
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError) || attempt >= 20) throw e;
      n++;
    }
  }
}

const OUTCOME_WORDS: Record<LetterReplay['outcome'], [string, string]> = {
  inserted: ['now maps: new order', 'would map: new order'],
  updated: ['now maps: order updated', 'would map: order updated'],
  unchanged: ['now maps: order already stored', 'would map: order already stored'],
  superseded: ['now maps: store holds a newer version', 'would map: store holds a newer version'],
  failed: ['still fails', 'still fails'],
};

export function formatLetterReplays(letters: readonly LetterReplay[], opts: { dryRun: boolean }): string {
  return table(
    ['ID', 'CHANNEL', 'EXTERNAL ID', 'OUTCOME', 'FIELD', 'MESSAGE'],
    letters.map((l) => [l.id, l.channel, l.externalId ?? '', OUTCOME_WORDS[l.outcome][opts.dryRun ? 1 : 0], l.field ?? '', clip(l.message ?? '')]),
  );
}

export function formatCounts(c: ReplayCounts, opts: { dryRun: boolean }): string {
  const verb = opts.dryRun ? 'would map' : 'now map';
  return (
    `${c.replayed} dead letter${c.replayed === 1 ? '' : 's'} replayed: ${nowMapped(c)} ${verb} ` +
    `(${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.superseded} superseded), ${c.stillFailing} still failing`
  );
}

export async function deadLettersResolveCommand(
  db: Knex,
  opts: { id: number; reason: string; by?: string; now?: Date },
): Promise<string> {
  const letter = await getDeadLetter(db, opts.id);
  if (!letter) throw new CliError(`there is no dead letter ${opts.id} (see caravan dead-letters list --all)`);
  if (letter.resolvedAt !== undefined) throw new CliError(`dead letter ${opts.id} is already resolved: ${describeResolution(letter)}`, 1);
  const reason = opts.reason.trim();
  if (!reason) throw new CliError('--reason must say why the dead letter is closed');
  const by = opts.by ?? currentUser();
  if (!by) throw new CliError('cannot tell who you are: pass --by NAME');
  if (!(await resolveDeadLetter(db, opts.id, { by, reason }, opts.now ? { now: opts.now } : {}))) {
    throw new CliError(`dead letter ${opts.id} was resolved meanwhile`, 1);
  }
  const what = `${letter.recordType} ${letter.externalId ?? '(no id)'} of ${letter.tenant}/${letter.channel}`;
  return `dead letter ${opts.id} (${what}) resolved by ${by}: ${reason}`;
}

function currentUser(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return process.env.USER || undefined;
  }
}
