/**
 * deadLettersReplay: maps a tenant's open dead letters again with today's code, one page of
 * letters per activity, and writes what now maps. Orchestration only: the history holds ids,
 * a keyset cursor and counts; payloads and messages stay in the store. Long replays
 * continue-as-new, carrying their cursor.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DeadLettersActivities, ReplayCounts, ReplaySelection } from '../activities/dead-letters-types.js';
import { closeRunAndRethrow, historyIsLong } from './run-lifecycle.js';
import { ACTIVITY_OPTIONS, DEAD_LETTERS_REPLAY, FLOWS, searchAttributeKeys } from '../temporal.config.js';

export interface DeadLettersReplayInput {
  tenant: string;
  /** The channel selector or `all`: the CaravanChannel value and the run summary's channel. */
  scope: string;
  selection: ReplaySelection;
  /** Who asked (an operator's name), kept on the letters this replay resolves. */
  requestedBy?: string;
  /** Letters per activity (DEAD_LETTERS_REPLAY.pageSize when absent). */
  pageSize?: number;
  /** Override of DEAD_LETTERS_REPLAY.continueAsNewAfterEvents (tests exercise continue-as-new with it). */
  continueAsNewAfterEvents?: number;
  /** State carried across continue-as-new; never set by callers. */
  carry?: DeadLettersReplayCarry;
}

export interface DeadLettersReplayCarry {
  /** Keyset cursor (channels and all): the last letter id read. */
  afterId?: number;
  /** For an ids selection: how many of the ids earlier pages took. */
  idsDone: number;
  pages: number;
  totals: ReplayCounts;
  open: number;
  startedAt: string;
  firstRunId: string;
  continuedAsNew: number;
}

export type DeadLettersReplayPhase = 'starting' | 'replaying' | 'finishing' | 'done';

export interface DeadLettersReplayProgress {
  tenant: string;
  scope: string;
  phase: DeadLettersReplayPhase;
  /** Open letters the selection matched at the start. */
  open: number;
  pages: number;
  totals: ReplayCounts;
  continuedAsNew: number;
}

export interface DeadLettersReplaySummary {
  tenant: string;
  scope: string;
  pages: number;
  /** Counted from the letters the run touched. */
  totals: ReplayCounts;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  continuedAsNew: number;
}

export const deadLettersReplayProgressQuery = defineQuery<DeadLettersReplayProgress>('progress');

const { startDeadLettersReplay, replayDeadLettersPage, finishDeadLettersReplay, recordDeadLettersReplayFailure } =
  proxyActivities<DeadLettersActivities>({ ...ACTIVITY_OPTIONS.store, summary: 'dead letters' });

const ZERO: ReplayCounts = { replayed: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, stillFailing: 0 };

function add(a: ReplayCounts, b: ReplayCounts): ReplayCounts {
  return {
    replayed: a.replayed + b.replayed,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    superseded: a.superseded + b.superseded,
    stillFailing: a.stillFailing + b.stillFailing,
  };
}

function describe(p: DeadLettersReplayProgress): string {
  const t = p.totals;
  const mapped = t.inserted + t.updated + t.unchanged + t.superseded;
  return [
    `**${p.phase}** dead letters of ${p.tenant}/${p.scope}: ${p.open} open at the start`,
    `pages ${p.pages}: ${t.replayed} replayed, ${mapped} now map (${t.inserted} new, ${t.updated} updated, ` +
      `${t.unchanged} unchanged, ${t.superseded} superseded), ${t.stillFailing} still failing`,
  ].join('\n\n');
}

export async function deadLettersReplay(input: DeadLettersReplayInput): Promise<DeadLettersReplaySummary> {
  const { tenant, scope, selection } = input;
  if (!tenant || !scope) {
    throw ApplicationFailure.nonRetryable('deadLettersReplay needs a tenant and a scope', 'validation');
  }
  const info = workflowInfo();
  const pageSize = input.pageSize ?? DEAD_LETTERS_REPLAY.pageSize;
  const keys = searchAttributeKeys;
  if (!input.carry) {
    upsertSearchAttributes([
      { key: keys.tenant, value: tenant },
      { key: keys.channel, value: scope },
      { key: keys.flow, value: FLOWS.deadLettersReplay },
    ]);
  }

  const progress: DeadLettersReplayProgress = {
    tenant,
    scope,
    phase: 'starting',
    open: input.carry?.open ?? 0,
    pages: input.carry?.pages ?? 0,
    totals: input.carry?.totals ?? ZERO,
    continuedAsNew: input.carry?.continuedAsNew ?? 0,
  };
  setHandler(deadLettersReplayProgressQuery, () => progress);

  let carry: DeadLettersReplayCarry;
  if (input.carry) {
    carry = input.carry;
  } else {
    const started = await startDeadLettersReplay({ tenant, scope, selection, workflowId: info.workflowId, runId: info.runId });
    carry = { idsDone: 0, pages: 0, totals: ZERO, open: started.open, startedAt: started.startedAt, firstRunId: info.runId, continuedAsNew: 0 };
  }
  progress.open = carry.open;
  progress.phase = 'replaying';
  setCurrentDetails(describe(progress));

  const eventLimit = input.continueAsNewAfterEvents ?? DEAD_LETTERS_REPLAY.continueAsNewAfterEvents;
  let finished: Awaited<ReturnType<typeof finishDeadLettersReplay>>;
  try {
    for (;;) {
      let pageSelection = selection;
      if (selection.kind === 'ids') {
        if (carry.idsDone >= selection.ids.length) break;
        pageSelection = { kind: 'ids', ids: selection.ids.slice(carry.idsDone, carry.idsDone + pageSize) };
      }
      const page = await replayDeadLettersPage.executeWithOptions(
        { ...ACTIVITY_OPTIONS.store, summary: `dead letters page ${carry.pages + 1}` },
        [
          {
            tenant,
            selection: pageSelection,
            ...(carry.afterId !== undefined ? { afterId: carry.afterId } : {}),
            pageSize,
            page: carry.pages + 1,
            workflowId: info.workflowId,
            runId: carry.firstRunId,
            ...(input.requestedBy !== undefined ? { requestedBy: input.requestedBy } : {}),
          },
        ],
      );
      carry = {
        ...carry,
        pages: carry.pages + 1,
        totals: add(carry.totals, page.counts),
        idsDone: selection.kind === 'ids' ? carry.idsDone + pageSize : carry.idsDone,
        ...(page.lastId !== undefined ? { afterId: page.lastId } : {}),
      };
      progress.pages = carry.pages;
      progress.totals = carry.totals;
      upsertSearchAttributes([
        { key: keys.recordsImported, value: carry.totals.inserted },
        { key: keys.recordsUpdated, value: carry.totals.updated },
        { key: keys.deadLetters, value: carry.totals.stillFailing },
      ]);
      setCurrentDetails(describe(progress));

      const more = selection.kind === 'ids' ? carry.idsDone < selection.ids.length : page.more;
      if (!more) break;
      if (historyIsLong(eventLimit)) {
        await continueAsNew<typeof deadLettersReplay>({ ...input, carry: { ...carry, continuedAsNew: carry.continuedAsNew + 1 } });
      }
    }

    progress.phase = 'finishing';
    finished = await finishDeadLettersReplay({
      tenant,
      scope,
      pages: carry.pages,
      startedAt: carry.startedAt,
      workflowId: info.workflowId,
      runId: carry.firstRunId,
    });
  } catch (e) {
    // Close the run summary, then fail or cancel as before.
    return closeRunAndRethrow(e, (end) =>
      recordDeadLettersReplayFailure({
        tenant,
        scope,
        pages: carry.pages,
        startedAt: carry.startedAt,
        workflowId: info.workflowId,
        runId: carry.firstRunId,
        ...end,
      }),
    );
  }
  // The store's count is exact (a page retried after its commit is counted once).
  progress.totals = finished.totals;
  progress.phase = 'done';
  upsertSearchAttributes([
    { key: keys.recordsImported, value: finished.totals.inserted },
    { key: keys.recordsUpdated, value: finished.totals.updated },
    { key: keys.deadLetters, value: finished.totals.stillFailing },
  ]);
  setCurrentDetails(describe(progress));
  return {
    tenant,
    scope,
    pages: carry.pages,
    totals: finished.totals,
    startedAt: carry.startedAt,
    finishedAt: finished.finishedAt,
    durationMs: finished.durationMs,
    continuedAsNew: carry.continuedAsNew,
  };
}
