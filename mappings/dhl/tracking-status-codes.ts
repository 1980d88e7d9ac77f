/**
 * DHL Express tracking status codes → canonical TrackingStatus. The code, description and remark
 * columns are the `express` rows of DHL's status list, copied as data (generated once) from
 * mappings/dhl/tracking-status-codes.csv (Windows-1252, `;`-separated), itself a copy of
 * karrioapi/karrio modules/connectors/mydhl/vendors/status_1.csv at
 * deea10f8568b2d48c71bbcc11ec11c62cdaf2a6a (LGPL-3.0; DHL's published list). The `status` column is
 * ours: the canonical status each code means. It was audited (2026-12) against DHL's description
 * and these integrations, which `source` names per row:
 *
 *   karrio mydhl        karrioapi/karrio modules/connectors/mydhl/karrio/providers/mydhl/units.py
 *                       `TrackingStatus` at deea10f8 (note: it puts some codes in two lists, e.g. CD)
 *   karrio dhl_express  …/dhl_express/karrio/providers/dhl_express/units.py `TrackingStatus` at deea10f8
 *   shipit              sailrish/shipit src/dhl.ts `STATUS_MAP` at 9b284ddd360f7bdfc4bb154bdbc6a5a957d421b5
 *
 * Rules where they disagree: DHL's own description decides (a "delay", "hold", refusal or bad
 * address is `exception` — so both customs clearance delays CD/UD are exceptions, as shipit and
 * karrio dhl_express have them, not karrio mydhl's in_transit); "Returned to consignor" is
 * `returned` though no integration has that status. The audit changed no status.
 * test/mappings/dhl/tracking-status-codes.test.ts pins every row.
 */
import type { TrackingStatus } from '../canonical/index.js';

export interface DhlStatusCodeRow {
  readonly code: string;
  readonly description: string;
  readonly remark: string;
  readonly status: TrackingStatus;
  /** Which public source(s) back the `status` (see the header). */
  readonly source: string;
}

export const DHL_EXPRESS_STATUS_CODES: readonly DhlStatusCodeRow[] = [
  { code: '101', description: 'delivered', remark: 'on shipment level', status: 'delivered' , source: 'DHL list \'delivered\'; Unified statusCode delivered' },
  { code: '102', description: 'transit', remark: 'on shipment level', status: 'in_transit' , source: 'DHL list \'transit\'' },
  { code: '103', description: 'failure', remark: 'on shipment level', status: 'exception' , source: 'DHL list \'failure\'' },
  { code: '104', description: 'pre-transit', remark: 'on shipment level', status: 'pre_transit' , source: 'DHL list \'pre-transit\'' },
  { code: 'AD', description: 'Agreed delivery', remark: '', status: 'in_transit' , source: 'shipit EN_ROUTE; karrio mydhl delivery_delayed — an agreed delivery date is not a failure' },
  { code: 'AF', description: 'Arrived facility', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; karrio dhl_express in_transit; shipit EN_ROUTE' },
  { code: 'AR', description: 'Arrival in delivery facility', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; karrio dhl_express in_transit; shipit EN_ROUTE' },
  { code: 'BA', description: 'Bad address', remark: '', status: 'exception' , source: 'karrio mydhl delivery_failed; karrio dhl_express on_hold; shipit DELAYED' },
  { code: 'BN', description: 'Customer broker notified', remark: '', status: 'in_transit' , source: 'shipit EN_ROUTE; karrio mydhl delivery_failed — a notification, not a failure' },
  { code: 'BR', description: 'Broker release', remark: 'no EDD', status: 'in_transit' , source: 'shipit EN_ROUTE' },
  { code: 'CA', description: 'Closed on arrival', remark: 'no EDD', status: 'exception' , source: 'karrio mydhl delivery_failed; shipit DELAYED' },
  { code: 'CC', description: 'Awaiting cnee collection', remark: 'no EDD', status: 'in_transit' , source: 'karrio mydhl in_transit; karrio dhl_express in_transit; shipit OUT_FOR_DELIVERY' },
  { code: 'CD', description: 'Controllable clearance delay', remark: '', status: 'exception' , source: 'shipit DELAYED; karrio mydhl delivery_failed (also in its in_transit list); karrio dhl_express customs_delay incident — DHL\'s own word is \'delay\'' },
  { code: 'CM', description: 'Customer moved', remark: '', status: 'exception' , source: 'karrio mydhl delivery_failed; karrio dhl_express delivery_failed; shipit DELAYED' },
  { code: 'CR', description: 'Clearance release', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit EN_ROUTE' },
  { code: 'CS', description: 'Closed shipment', remark: 'no EDD', status: 'exception' , source: 'shipit DELAYED; karrio mydhl in_transit' },
  { code: 'DD', description: 'Delivered damaged', remark: 'no EDD', status: 'delivered' , source: 'karrio mydhl delivered; shipit DELIVERED' },
  { code: 'DF', description: 'Depart facility', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; karrio dhl_express in_transit; shipit EN_ROUTE' },
  { code: 'DS', description: 'Destroyed / disposal', remark: 'no EDD', status: 'exception' , source: 'karrio dhl_express delivery_failed; shipit DELAYED; karrio mydhl in_transit — a destroyed shipment is not moving' },
  { code: 'FD', description: 'Forward destination (DD\'s expected)', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit EN_ROUTE' },
  { code: 'HP', description: 'Held for payment', remark: '', status: 'exception' , source: 'karrio mydhl on_hold; karrio dhl_express on_hold; shipit DELAYED' },
  { code: 'IC', description: 'In clearance processing', remark: '', status: 'in_transit' , source: 'shipit EN_ROUTE' },
  { code: 'MC', description: 'Miscode', remark: '', status: 'exception' , source: 'shipit DELAYED; karrio mydhl in_transit' },
  { code: 'MD', description: 'Missed delivery cycle', remark: '', status: 'exception' , source: 'karrio dhl_express delivery_delayed; shipit EN_ROUTE' },
  { code: 'MS', description: 'Mis-sort', remark: '', status: 'exception' , source: 'karrio mydhl delivery_failed; shipit DELAYED' },
  { code: 'ND', description: 'Not delivered', remark: '', status: 'exception' , source: 'shipit DELAYED' },
  { code: 'NH', description: 'Not home', remark: 'no EDD', status: 'exception' , source: 'karrio mydhl delivery_failed; karrio dhl_express delivery_failed; shipit DELAYED' },
  { code: 'OH', description: 'On hold', remark: '', status: 'exception' , source: 'karrio mydhl on_hold; karrio dhl_express on_hold; shipit DELAYED' },
  { code: 'OK', description: 'Delivery', remark: 'no EDD', status: 'delivered' , source: 'karrio mydhl delivered; karrio dhl_express delivered; shipit DELIVERED' },
  { code: 'PD', description: 'Partial delivery', remark: 'no EDD', status: 'in_transit' , source: 'shipit EN_ROUTE; karrio mydhl delivered — only part of the shipment is delivered' },
  { code: 'PL', description: 'Processed at location', remark: '', status: 'in_transit' , source: 'shipit EN_ROUTE; karrio dhl_express picked_up' },
  { code: 'PU', description: 'Shipment pick up', remark: '', status: 'in_transit' , source: 'shipit EN_ROUTE; karrio dhl_express picked_up' },
  { code: 'RD', description: 'Refused delivery', remark: 'no EDD', status: 'exception' , source: 'karrio dhl_express delivery_failed; shipit DELAYED' },
  { code: 'RR', description: 'Response received', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit DELAYED' },
  { code: 'RT', description: 'Returned to consignor', remark: 'no EDD', status: 'returned' , source: 'DHL list \'Returned to consignor\' (karrio and shipit have no returned status: delivery_failed / DELAYED)' },
  { code: 'SA', description: 'Shipment acceptance', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit SHIPPING — DHL has accepted the shipment' },
  { code: 'SC', description: 'Service changed', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit DELAYED' },
  { code: 'SS', description: 'Shipment stopped', remark: 'no EDD', status: 'exception' , source: 'karrio mydhl delivery_failed; karrio dhl_express delivery_failed; shipit DELAYED' },
  { code: 'TP', description: 'Forwarded to 3rd party - no DD\'s', remark: 'no EDD', status: 'in_transit' , source: 'karrio mydhl in_transit; shipit OUT_FOR_DELIVERY' },
  { code: 'TR', description: 'Record of transfer', remark: '', status: 'in_transit' , source: 'karrio mydhl in_transit; karrio dhl_express in_transit; shipit EN_ROUTE' },
  { code: 'UD', description: 'Uncontrollable clearance delay', remark: '', status: 'exception' , source: 'karrio dhl_express delivery_delayed; shipit DELAYED; karrio mydhl in_transit — DHL\'s own word is \'delay\'' },
  { code: 'WC', description: 'With delivering courier', remark: '', status: 'out_for_delivery' , source: 'karrio mydhl out_for_delivery; karrio dhl_express out_for_delivery; shipit OUT_FOR_DELIVERY' },
  { code: 'PY', description: 'Payment', remark: 'new since 4th June 2024', status: 'in_transit' , source: 'DHL list \'Payment\' only (new June 2024; no integration maps it) — a duties payment step' },
  { code: 'SM', description: 'Scheduled for movement', remark: 'new since 4th June 2024', status: 'in_transit' , source: 'DHL list \'Scheduled for movement\' only; karrio mydhl delivery_delayed — scheduling is normal progress' },
];

const BY_CODE = new Map(DHL_EXPRESS_STATUS_CODES.map((r) => [r.code, r]));

/** The canonical status of a DHL Express event or shipment code; `unknown` for a code the list lacks. */
export function dhlExpressStatus(code: string | undefined): TrackingStatus {
  return (code === undefined ? undefined : BY_CODE.get(code.trim().toUpperCase())?.status) ?? 'unknown';
}
