/**
 * DHL Express tracking status codes → canonical TrackingStatus. The code, description and remark
 * columns are the `express` rows of DHL's status list, copied as data (generated once) from
 * mappings/dhl/tracking-status-codes.csv (Windows-1252, `;`-separated), itself a copy of
 * karrioapi/karrio modules/connectors/mydhl/vendors/status_1.csv at
 * deea10f8568b2d48c71bbcc11ec11c62cdaf2a6a (LGPL-3.0; DHL's published list). The `status` column is
 * ours: the canonical status each code means. test/mappings/dhl/tracking-status-codes.test.ts checks
 * the table against the CSV.
 */
import type { TrackingStatus } from '../canonical/index.js';

export interface DhlStatusCodeRow {
  readonly code: string;
  readonly description: string;
  readonly remark: string;
  readonly status: TrackingStatus;
}

export const DHL_EXPRESS_STATUS_CODES: readonly DhlStatusCodeRow[] = [
  { code: '101', description: 'delivered', remark: 'on shipment level', status: 'delivered' },
  { code: '102', description: 'transit', remark: 'on shipment level', status: 'in_transit' },
  { code: '103', description: 'failure', remark: 'on shipment level', status: 'exception' },
  { code: '104', description: 'pre-transit', remark: 'on shipment level', status: 'pre_transit' },
  { code: 'AD', description: 'Agreed delivery', remark: '', status: 'in_transit' },
  { code: 'AF', description: 'Arrived facility', remark: '', status: 'in_transit' },
  { code: 'AR', description: 'Arrival in delivery facility', remark: '', status: 'in_transit' },
  { code: 'BA', description: 'Bad address', remark: '', status: 'exception' },
  { code: 'BN', description: 'Customer broker notified', remark: '', status: 'in_transit' },
  { code: 'BR', description: 'Broker release', remark: 'no EDD', status: 'in_transit' },
  { code: 'CA', description: 'Closed on arrival', remark: 'no EDD', status: 'exception' },
  { code: 'CC', description: 'Awaiting cnee collection', remark: 'no EDD', status: 'in_transit' },
  { code: 'CD', description: 'Controllable clearance delay', remark: '', status: 'exception' },
  { code: 'CM', description: 'Customer moved', remark: '', status: 'exception' },
  { code: 'CR', description: 'Clearance release', remark: '', status: 'in_transit' },
  { code: 'CS', description: 'Closed shipment', remark: 'no EDD', status: 'exception' },
  { code: 'DD', description: 'Delivered damaged', remark: 'no EDD', status: 'delivered' },
  { code: 'DF', description: 'Depart facility', remark: '', status: 'in_transit' },
  { code: 'DS', description: 'Destroyed / disposal', remark: 'no EDD', status: 'exception' },
  { code: 'FD', description: 'Forward destination (DD\'s expected)', remark: '', status: 'in_transit' },
  { code: 'HP', description: 'Held for payment', remark: '', status: 'exception' },
  { code: 'IC', description: 'In clearance processing', remark: '', status: 'in_transit' },
  { code: 'MC', description: 'Miscode', remark: '', status: 'exception' },
  { code: 'MD', description: 'Missed delivery cycle', remark: '', status: 'exception' },
  { code: 'MS', description: 'Mis-sort', remark: '', status: 'exception' },
  { code: 'ND', description: 'Not delivered', remark: '', status: 'exception' },
  { code: 'NH', description: 'Not home', remark: 'no EDD', status: 'exception' },
  { code: 'OH', description: 'On hold', remark: '', status: 'exception' },
  { code: 'OK', description: 'Delivery', remark: 'no EDD', status: 'delivered' },
  { code: 'PD', description: 'Partial delivery', remark: 'no EDD', status: 'in_transit' },
  { code: 'PL', description: 'Processed at location', remark: '', status: 'in_transit' },
  { code: 'PU', description: 'Shipment pick up', remark: '', status: 'in_transit' },
  { code: 'RD', description: 'Refused delivery', remark: 'no EDD', status: 'exception' },
  { code: 'RR', description: 'Response received', remark: '', status: 'in_transit' },
  { code: 'RT', description: 'Returned to consignor', remark: 'no EDD', status: 'returned' },
  { code: 'SA', description: 'Shipment acceptance', remark: '', status: 'in_transit' },
  { code: 'SC', description: 'Service changed', remark: '', status: 'in_transit' },
  { code: 'SS', description: 'Shipment stopped', remark: 'no EDD', status: 'exception' },
  { code: 'TP', description: 'Forwarded to 3rd party - no DD\'s', remark: 'no EDD', status: 'in_transit' },
  { code: 'TR', description: 'Record of transfer', remark: '', status: 'in_transit' },
  { code: 'UD', description: 'Uncontrollable clearance delay', remark: '', status: 'exception' },
  { code: 'WC', description: 'With delivering courier', remark: '', status: 'out_for_delivery' },
  { code: 'PY', description: 'Payment', remark: 'new since 4th June 2024', status: 'in_transit' },
  { code: 'SM', description: 'Scheduled for movement', remark: 'new since 4th June 2024', status: 'in_transit' },
];

const BY_CODE = new Map(DHL_EXPRESS_STATUS_CODES.map((r) => [r.code, r]));

/** The canonical status of a DHL Express event or shipment code; `unknown` for a code the list lacks. */
export function dhlExpressStatus(code: string | undefined): TrackingStatus {
  return (code === undefined ? undefined : BY_CODE.get(code.trim().toUpperCase())?.status) ?? 'unknown';
}
