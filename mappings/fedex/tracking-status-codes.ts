/**
 * FedEx tracking codes → canonical TrackingStatus. FedEx's Track API description (track.json)
 * names the fields — `scanEvents[].eventType` "the code identifying the type of scan event",
 * `derivedStatusCode`, `latestStatusDetail.code` / `derivedCode`, example 'PU' — but does not list
 * the codes; the list is FedEx's Track service status/event code table (FedEx Web Services Track
 * Service guide, "Tracking status codes"), which the REST API kept. Descriptions are FedEx's;
 * the `status` column is ours. A code not listed maps to `unknown` with the raw code kept.
 */
import type { TrackingStatus } from '../canonical/index.js';

export const FEDEX_TRACKING_CODES: Readonly<Record<string, { readonly description: string; readonly status: TrackingStatus }>> = {
  AA: { description: 'At airport', status: 'in_transit' },
  AC: { description: 'At Canada Post facility', status: 'in_transit' },
  AD: { description: 'At delivery', status: 'in_transit' },
  AF: { description: 'At local FedEx facility', status: 'in_transit' },
  AO: { description: 'Shipment arriving on-time', status: 'in_transit' },
  AP: { description: 'At pickup', status: 'pre_transit' },
  AR: { description: 'Arrived at FedEx location', status: 'in_transit' },
  AX: { description: 'At USPS facility', status: 'in_transit' },
  CA: { description: 'Shipment cancelled', status: 'cancelled' },
  CC: { description: 'Cleared customs', status: 'in_transit' },
  CD: { description: 'Clearance delay', status: 'exception' },
  CH: { description: 'Location changed', status: 'in_transit' },
  CP: { description: 'Clearance in progress', status: 'in_transit' },
  DD: { description: 'Delivery delay', status: 'exception' },
  DE: { description: 'Delivery exception', status: 'exception' },
  DL: { description: 'Delivered', status: 'delivered' },
  DP: { description: 'Departed', status: 'in_transit' },
  DR: { description: 'Vehicle furnished but not used', status: 'in_transit' },
  DS: { description: 'Vehicle dispatched', status: 'in_transit' },
  DY: { description: 'Delay', status: 'exception' },
  EA: { description: 'Enroute to airport', status: 'in_transit' },
  ED: { description: 'Enroute to delivery', status: 'out_for_delivery' },
  EO: { description: 'Enroute to origin airport', status: 'in_transit' },
  EP: { description: 'Enroute to pickup', status: 'pre_transit' },
  FD: { description: 'At FedEx destination', status: 'in_transit' },
  HL: { description: 'Hold at location', status: 'in_transit' },
  HP: { description: 'Ready for recipient pickup', status: 'in_transit' },
  IN: { description: 'Initiated (shipment information sent to FedEx)', status: 'pre_transit' },
  IT: { description: 'In transit', status: 'in_transit' },
  IX: { description: 'In transit (see details)', status: 'in_transit' },
  LO: { description: 'Left origin', status: 'in_transit' },
  LP: { description: 'Return label link cancelled by shipment originator', status: 'cancelled' },
  OC: { description: 'Order created (shipment information sent to FedEx)', status: 'pre_transit' },
  OD: { description: 'On FedEx vehicle for delivery', status: 'out_for_delivery' },
  OF: { description: 'At FedEx origin facility', status: 'in_transit' },
  OX: { description: 'Shipment information sent to USPS', status: 'in_transit' },
  PD: { description: 'Pickup delay', status: 'exception' },
  PF: { description: 'Plane in flight', status: 'in_transit' },
  PL: { description: 'Plane landed', status: 'in_transit' },
  PM: { description: 'In progress', status: 'in_transit' },
  PU: { description: 'Picked up', status: 'in_transit' },
  PX: { description: 'Picked up (see details)', status: 'in_transit' },
  RC: { description: 'Recipient / CDO cancelled', status: 'in_transit' },
  RD: { description: 'Return label link expired', status: 'cancelled' },
  RG: { description: 'Return label link expiring soon', status: 'pre_transit' },
  RM: { description: 'Recipient / CDO modified', status: 'in_transit' },
  RP: { description: 'Return label link emailed to return sender', status: 'pre_transit' },
  RR: { description: 'Recipient / CDO requested', status: 'in_transit' },
  RS: { description: 'Return to shipper', status: 'returned' },
  SE: { description: 'Shipment exception', status: 'exception' },
  SF: { description: 'At sort facility', status: 'in_transit' },
  SP: { description: 'Split status (multiple statuses)', status: 'in_transit' },
  TR: { description: 'Transfer', status: 'in_transit' },
};

/** The canonical status of a FedEx code; undefined for a code the table lacks. */
export function fedexCodeStatus(code: string | undefined): TrackingStatus | undefined {
  const c = code?.trim().toUpperCase();
  return c === undefined || c === '' || !Object.hasOwn(FEDEX_TRACKING_CODES, c) ? undefined : FEDEX_TRACKING_CODES[c]!.status;
}
