/**
 * FedEx tracking codes → canonical TrackingStatus. FedEx's Track API description
 * (/work/shared/vendor/fedex/openapi/track.json) names the fields — `scanEvents[].eventType` "the
 * code identifying the type of scan event", `derivedStatusCode`, `latestStatusDetail.code` /
 * `derivedCode` "Example: PU,DE,DP,HL,OC" — but does not list the codes or their meaning. Every row
 * below was checked against public integrations that do list them; `source` names which:
 *
 *   karrio  karrioapi/karrio modules/connectors/fedex/karrio/providers/fedex/units.py `TrackingStatus`
 *           at deea10f8568b2d48c71bbcc11ec11c62cdaf2a6a (codes and descriptions per status, citing
 *           developer.fedex.com "trackingstatuscodes"; LGPL-3.0, cited, not copied)
 *   shipit  sailrish/shipit src/fedex.ts `STATUS_MAP` at 50e38c0a8c76c70425c9b65bc862155de6ca1bf8
 *           (codes → SHIPPING / EN_ROUTE / OUT_FOR_DELIVERY / DELIVERED / DELAYED; no descriptions)
 *   track.json  FedEx's own example codes (PU, DE, DP, HL, OC) and sample scans (PU "Picked up")
 *
 * Where the sources disagree the row says so and why we chose. A code no source lists was removed
 * (2026-12 audit: AO, DR, IN, LP, PD, RC, RG, RM, RP, SP): it maps to `unknown` with the raw code
 * kept, which is safe. Descriptions are the sources' wording; the `status` column is ours.
 * test/mappings/fedex/tracking-status-codes.test.ts pins every row.
 */
import type { TrackingStatus } from '../canonical/index.js';

export interface FedexTrackingCodeRow {
  readonly description: string;
  readonly status: TrackingStatus;
  /** Which public source(s) list the code and the status they give it (see the header). */
  readonly source: string;
}

export const FEDEX_TRACKING_CODES: Readonly<Record<string, FedexTrackingCodeRow>> = {
  // ── pre_transit: shipment data or pickup arranged, FedEx does not have the package yet
  AP: { description: 'At pickup', status: 'pre_transit', source: 'shipit SHIPPING; karrio picked_up — the courier is at the pickup, the package is not yet tendered' },
  EP: { description: 'Enroute to pickup', status: 'pre_transit', source: 'karrio pending; shipit SHIPPING' },
  MD: { description: 'Manifest data', status: 'pre_transit', source: 'karrio pending' },
  OC: { description: 'Order created (shipment information sent to FedEx)', status: 'pre_transit', source: 'karrio pending; shipit SHIPPING; track.json example' },

  // ── in_transit
  AA: { description: 'At airport', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  AC: { description: 'At Canada Post facility', status: 'in_transit', source: 'karrio in_transit' },
  AF: { description: 'At local FedEx facility', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  AR: { description: 'Arrived at FedEx location', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  AX: { description: 'At USPS facility', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  CC: { description: 'Cleared customs', status: 'in_transit', source: 'shipit EN_ROUTE' },
  CP: { description: 'Clearance in progress', status: 'in_transit', source: 'shipit EN_ROUTE' },
  DP: { description: 'Departed', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE; track.json example' },
  DS: { description: 'Vehicle dispatched', status: 'in_transit', source: 'shipit EN_ROUTE' },
  EA: { description: 'Enroute to airport', status: 'in_transit', source: 'karrio in_transit' },
  EO: { description: 'Enroute to origin airport', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  FD: { description: 'At FedEx destination', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  IT: { description: 'In transit', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  IX: { description: 'In transit (see details)', status: 'in_transit', source: 'karrio in_transit' },
  LO: { description: 'Left origin', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  OF: { description: 'At FedEx origin facility', status: 'in_transit', source: 'karrio picked_up; shipit EN_ROUTE' },
  OW: { description: 'On the way', status: 'in_transit', source: 'karrio in_transit (spelt "Ow"; lookup is case-insensitive)' },
  OX: { description: 'Shipment information sent to USPS', status: 'in_transit', source: 'shipit EN_ROUTE; karrio pending — kept in_transit: FedEx hands a package it already carries to USPS' },
  PF: { description: 'Plane in flight', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  PL: { description: 'Plane landed', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  PM: { description: 'In progress', status: 'in_transit', source: 'karrio in_transit' },
  PU: { description: 'Picked up', status: 'in_transit', source: 'karrio picked_up; shipit EN_ROUTE; track.json example and samples ("Picked up")' },
  PX: { description: 'Picked up (see details)', status: 'in_transit', source: 'karrio picked_up' },
  RR: { description: 'Recipient / CDO requested', status: 'in_transit', source: 'shipit EN_ROUTE' },
  SF: { description: 'At sort facility', status: 'in_transit', source: 'karrio in_transit; shipit EN_ROUTE' },
  TR: { description: 'Transfer', status: 'in_transit', source: 'karrio in_transit' },

  // ── out_for_delivery (Caravan has no ready-for-pickup status; "available for pickup" is the last
  //    step before the consignee has it, as AfterShip's OutForDelivery "or it is ready to pickup")
  AD: { description: 'At delivery', status: 'out_for_delivery', source: 'karrio out_for_delivery; shipit EN_ROUTE — the courier is at the consignee' },
  ED: { description: 'Enroute to delivery', status: 'out_for_delivery', source: 'karrio out_for_delivery; shipit OUT_FOR_DELIVERY' },
  HL: { description: 'Hold at location', status: 'out_for_delivery', source: 'karrio ready_for_pickup; shipit DELIVERED (not collected yet, so not delivered); track.json example' },
  HP: { description: 'Ready for recipient pickup', status: 'out_for_delivery', source: 'karrio ready_for_pickup' },
  OD: { description: 'On FedEx vehicle for delivery', status: 'out_for_delivery', source: 'karrio out_for_delivery; shipit OUT_FOR_DELIVERY' },

  // ── delivered
  DL: { description: 'Delivered', status: 'delivered', source: 'karrio delivered; shipit DELIVERED' },

  // ── exception: delays, holds, failed deliveries
  CD: { description: 'Clearance delay', status: 'exception', source: 'karrio on_hold ("Customs Delay"); shipit EN_ROUTE' },
  CH: { description: 'Location changed', status: 'exception', source: 'shipit DELAYED (its only source)' },
  DD: { description: 'Delivery delay', status: 'exception', source: 'karrio delivery_delayed' },
  DE: { description: 'Delivery exception', status: 'exception', source: 'karrio delivery_failed; shipit DELAYED; track.json example' },
  DY: { description: 'Delay', status: 'exception', source: 'karrio delivery_delayed; shipit DELAYED' },
  PY: { description: 'Pickup delay', status: 'exception', source: 'karrio delivery_delayed' },
  SE: { description: 'Shipment exception', status: 'exception', source: 'karrio on_hold; shipit DELAYED' },

  // ── returned
  RS: { description: 'Return to shipper', status: 'returned', source: 'karrio return_to_sender' },
  RT: { description: 'Return to shipper requested', status: 'returned', source: 'karrio return_to_sender' },

  // ── cancelled
  CA: { description: 'Shipment cancelled', status: 'cancelled', source: 'karrio cancelled; shipit DELAYED' },
  RD: { description: 'Return label link expired', status: 'cancelled', source: 'karrio cancelled' },
};

/** The canonical status of a FedEx code; undefined for a code the table lacks. */
export function fedexCodeStatus(code: string | undefined): TrackingStatus | undefined {
  const c = code?.trim().toUpperCase();
  return c === undefined || c === '' || !Object.hasOwn(FEDEX_TRACKING_CODES, c) ? undefined : FEDEX_TRACKING_CODES[c]!.status;
}
