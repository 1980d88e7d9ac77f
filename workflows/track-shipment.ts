/**
 * trackShipment: follows one parcel until it is delivered, returned or cancelled. The carrier
 * is polled on durable timers whose wait grows while nothing changes (TRACK_SHIPMENT.poll, or
 * the tenant's shipping.trackingPoll) and starts over when the parcel moves; every call goes
 * through the connection's pipeline and limiter, so parcels share the carrier's quota. A pushed
 * update (the `trackingUpdate` signal: a carrier reply or canonical events) is recorded at
 * once; events are recorded idempotently, so an update sent twice or also seen by a poll counts
 * once. A parcel without a new event for longer than its lane's threshold raises the stall
 * exception: recorded in the store, shown in the Web UI (details and CaravanTrackingStatus =
 * "stalled"), and, with `onStall: 'fail'`, the workflow fails with the typed failure
 * `tracking_stalled`. History holds tracking numbers, statuses and counts: no addresses.
 */
import {
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  startChild,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { TrackingParcelRef, TrackingState, TrackingUpdate, TrackShipmentActivities, TrackShipmentRequest } from '../activities/track-shipment-types.js';
import type { Carrier, TrackingStatus } from '../mappings/canonical/carrier.js';
import { ACTIVITY_OPTIONS, FLOWS, reportPollDelayMs, searchAttributeKeys, TRACK_SHIPMENT, trackShipmentWorkflowId, type TrackingPollSchedule } from '../temporal.config.js';

export interface TrackShipmentInput extends TrackShipmentRequest {
  /** Another polling schedule than the tenant's or TRACK_SHIPMENT.poll (tests, demos). */
  schedule?: TrackingPollSchedule;
  /** Overrides the lane's stall threshold (tests, demos). */
  stallThresholdMs?: number;
  /** `flag` (default): record and show the exception, keep tracking. `fail`: fail with `tracking_stalled`. */
  onStall?: 'flag' | 'fail';
  /** Another history length than TRACK_SHIPMENT.continueAsNewAfterEvents to continue-as-new at (tests). */
  continueAsNewAfterEvents?: number;
  /** Carried across continue-as-new. */
  carried?: { polls: number; quietPolls: number; pushed: number; pending: TrackingUpdate[] };
}

/** What the `trackingStatus` query answers. */
export interface TrackShipmentStatus {
  tenant: string;
  channel: string;
  carrier?: Carrier;
  trackingNumber: string;
  orderId?: string;
  status: TrackingStatus;
  carrierStatusCode?: string;
  eventsCount: number;
  lastEventAt?: string;
  stalled: boolean;
  lane?: string;
  stallThresholdMs?: number;
  polls: number;
  /** Pushed updates handled. */
  pushed: number;
  /** Pushed updates (or records in them) that could not be read, the latest 20 (the worker log has all). */
  rejected: string[];
  nextPollAt?: string;
}

export interface TrackShipmentSummary {
  carrier: Carrier;
  trackingNumber: string;
  status: TrackingStatus;
  carrierStatusCode?: string;
  eventsCount: number;
  polls: number;
  pushed: number;
  /** True when a stall exception was raised on the way. */
  stalledOnTheWay: boolean;
}

export const trackingUpdateSignal = defineSignal<[TrackingUpdate]>('trackingUpdate');
export const trackingStatusQuery = defineQuery<TrackShipmentStatus>('trackingStatus');

/** Tracking ends here. */
const FINAL: ReadonlySet<TrackingStatus> = new Set(['delivered', 'returned', 'cancelled']);

const { startTracking, recordPushedTracking, raiseTrackingException, finishTracking } = proxyActivities<TrackShipmentActivities>({
  ...ACTIVITY_OPTIONS.store,
  retry: { ...ACTIVITY_OPTIONS.store.retry, nonRetryableErrorTypes: ['config', 'StoreInputError', 'StoreDataError'] },
});
// A carrier call may wait on the limiter or on a quota's Retry-After (FedEx's daily quota: until 00:00 GMT).
const { pollTracking } = proxyActivities<TrackShipmentActivities>({ ...ACTIVITY_OPTIONS.vendorPage });

function describe(s: TrackShipmentStatus): string {
  const head = `**${s.stalled ? 'stalled' : s.status}** ${s.carrier ?? ''} ${s.trackingNumber}${s.orderId ? ` (order ${s.orderId})` : ''}`;
  const lines = [
    `${s.eventsCount} event(s)${s.carrierStatusCode ? `, carrier code ${s.carrierStatusCode}` : ''}${s.lastEventAt ? `, last ${s.lastEventAt}` : ''}`,
    `${s.polls} poll(s), ${s.pushed} pushed update(s)${s.nextPollAt ? `; next poll ${s.nextPollAt}` : ''}`,
  ];
  if (s.stalled) lines.push(`no carrier event for longer than the ${s.lane ?? 'default'} threshold (${Math.round((s.stallThresholdMs ?? 0) / 3_600_000)} h)`);
  if (s.rejected.length > 0) lines.push(`unreadable pushed data: ${s.rejected.slice(-3).join('; ')}`);
  return [head, ...lines].join('\n\n');
}

export async function trackShipment(input: TrackShipmentInput): Promise<TrackShipmentSummary> {
  const { tenant, channel, trackingNumber, orderId } = input;
  if (!tenant || !channel || !trackingNumber) throw ApplicationFailure.nonRetryable('trackShipment needs a tenant, a carrier connection (channel) and a tracking number', 'validation');
  const carried = input.carried ?? { polls: 0, quietPolls: 0, pushed: 0, pending: [] };
  const pending: TrackingUpdate[] = [...carried.pending];
  const view: TrackShipmentStatus = { tenant, channel, trackingNumber, ...(orderId ? { orderId } : {}), status: 'unknown', eventsCount: 0, stalled: false, polls: carried.polls, pushed: carried.pushed, rejected: [] };
  setHandler(trackingUpdateSignal, (u) => {
    pending.push(u);
  });
  setHandler(trackingStatusQuery, () => view);

  const { schedule: _sc, stallThresholdMs: _t, onStall: _o, continueAsNewAfterEvents: _n, carried: _c, ...request } = input;
  const started = await startTracking(request);
  const carrier = started.carrier;
  const ref: TrackingParcelRef = { tenant, channel, carrier, trackingNumber };
  const schedule = input.schedule ?? started.poll ?? TRACK_SHIPMENT.poll;
  let shownStatus = '';
  let stalledOnTheWay = false;
  const apply = (s: TrackingState): void => {
    Object.assign(view, {
      carrier,
      status: s.status,
      eventsCount: s.eventsCount,
      stalled: s.stalled,
      stallThresholdMs: input.stallThresholdMs ?? s.stallThreshold.ms,
      ...(s.carrierStatusCode === undefined ? {} : { carrierStatusCode: s.carrierStatusCode }),
      ...(s.lastEventAt === undefined ? {} : { lastEventAt: s.lastEventAt }),
      ...(s.lane === undefined ? {} : { lane: s.lane }),
    });
    const shown = s.stalled ? 'stalled' : s.status;
    if (shown !== shownStatus) {
      shownStatus = shown;
      upsertSearchAttributes([{ key: searchAttributeKeys.trackingStatus, value: shown }]);
    }
  };
  upsertSearchAttributes([
    { key: searchAttributeKeys.tenant, value: tenant },
    { key: searchAttributeKeys.channel, value: channel },
    { key: searchAttributeKeys.flow, value: FLOWS.trackShipment },
    { key: searchAttributeKeys.trackingNumber, value: trackingNumber },
    ...(orderId ? [{ key: searchAttributeKeys.orderId, value: orderId }] : []),
  ]);
  apply(started);
  let state: TrackingState = started;
  let quietPolls = carried.quietPolls;

  for (;;) {
    if (pending.length > 0) {
      const updates = pending.splice(0, TRACK_SHIPMENT.pushedPerCall);
      const r = await recordPushedTracking({ ...ref, updates, handledBefore: view.pushed });
      view.pushed += updates.length;
      // The latest few: the worker's log names every one.
      view.rejected = [...view.rejected, ...r.rejected].slice(-20);
      state = r;
    } else {
      state = await pollTracking(ref);
      view.polls += 1;
    }
    quietPolls = state.added > 0 ? 0 : quietPolls + 1;
    apply(state);
    setCurrentDetails(describe(view));

    if (FINAL.has(state.status)) {
      await finishTracking(ref);
      delete view.nextPollAt;
      setCurrentDetails(describe(view));
      return { carrier, trackingNumber, status: state.status, ...(state.carrierStatusCode === undefined ? {} : { carrierStatusCode: state.carrierStatusCode }), eventsCount: state.eventsCount, polls: view.polls, pushed: view.pushed, stalledOnTheWay };
    }

    const thresholdMs = input.stallThresholdMs ?? state.stallThreshold.ms;
    const quietForMs = Date.now() - Date.parse(state.progressAt);
    if (!state.stalled && quietForMs > thresholdMs) {
      const reason = `no carrier event for ${Math.round(quietForMs / 60_000)} min, over the ${state.lane ?? 'unknown'} lane threshold of ${Math.round(thresholdMs / 60_000)} min (rule ${input.stallThresholdMs === undefined ? state.stallThreshold.rule : 'workflow input'}); last status ${state.status}${state.carrierStatusCode ? ` (${state.carrierStatusCode})` : ''}`;
      await raiseTrackingException({ ...ref, reason });
      stalledOnTheWay = true;
      apply({ ...state, stalled: true });
      setCurrentDetails(describe(view));
      if (input.onStall === 'fail') {
        throw ApplicationFailure.create({ message: `${carrier} ${trackingNumber} stalled: ${reason}`, type: 'tracking_stalled', nonRetryable: true, details: [{ carrier, trackingNumber, orderId: orderId ?? null, lane: state.lane ?? null, status: state.status }] });
      }
    }

    // Wait for the next poll, a pushed update, or the moment the parcel would count as stalled.
    let delay = reportPollDelayMs(Math.max(0, quietPolls - 1), schedule);
    if (!view.stalled) delay = Math.max(1, Math.min(delay, thresholdMs - quietForMs + 1));
    view.nextPollAt = new Date(Date.now() + delay).toISOString();
    setCurrentDetails(describe(view));
    if (pending.length === 0) await condition(() => pending.length > 0, delay);

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (input.continueAsNewAfterEvents ?? TRACK_SHIPMENT.continueAsNewAfterEvents)) {
      await continueAsNew<typeof trackShipment>({ ...input, carried: { polls: view.polls, quietPolls, pushed: view.pushed, pending: [...pending] } });
    }
  }
}

/**
 * For a workflow that ships (fulfilOrder): starts the parcel's tracking as a child that outlives
 * it (parent close policy ABANDON: tracking goes on for days after the label is bought), or, when
 * that parcel is tracked already (a retried or replayed parent), leaves the running one alone.
 * `carrier` is the connection's vendor (dhl, fedex): with the tracking number, the workflow ID.
 */
export async function startTrackShipmentChild(carrier: Carrier, input: TrackShipmentInput): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = trackShipmentWorkflowId(carrier, input.trackingNumber);
  try {
    await startChild(trackShipment, {
      workflowId,
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: searchAttributeKeys.tenant, value: input.tenant },
        { key: searchAttributeKeys.channel, value: input.channel },
        { key: searchAttributeKeys.flow, value: FLOWS.trackShipment },
        { key: searchAttributeKeys.trackingNumber, value: input.trackingNumber },
        ...(input.orderId ? [{ key: searchAttributeKeys.orderId, value: input.orderId }] : []),
      ],
    });
    return { workflowId, started: true };
  } catch (e) {
    // By name: the class lives in @temporalio/common, which workflow code does not import (DESIGN.md).
    if (e instanceof Error && e.name === 'WorkflowExecutionAlreadyStartedError') return { workflowId, started: false };
    throw e;
  }
}
