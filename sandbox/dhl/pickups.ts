/**
 * MyDHL pickups: POST /pickups books a courier (201 with dispatchConfirmationNumbers, as the
 * description's nonDocRequestPickupResponse), DELETE /pickups/{dispatchConfirmationNumber}
 * with requestorName and reason cancels it (200, no body); an unknown or already cancelled
 * booking is the description's 404 "Pickup not found".
 */
import { DhlProblem, isRecord, requireArray, requireObject, requireString } from './problem.js';

export interface DhlPickupRecord {
  readonly dispatchConfirmationNumber: string;
  readonly plannedDate: string;
  cancelled: boolean;
}

/** "PRG" + yymmdd + six digits, like PRG221222000062: the service area, the day, a counter. */
function confirmationNumber(cityName: string, plannedDate: string, sequence: number): string {
  const area = (cityName.toUpperCase().replace(/[^A-Z]/g, '') + 'XXX').slice(0, 3);
  return `${area}${plannedDate.slice(2, 4)}${plannedDate.slice(5, 7)}${plannedDate.slice(8, 10)}${String(sequence + 1).padStart(6, '0')}`;
}

export function bookDhlPickup(body: unknown, accountNumber: string, sequence: number): { record: DhlPickupRecord; reply: Record<string, unknown> } {
  if (!isRecord(body)) throw new DhlProblem(422, '#: expected type: JSONObject');
  const planned = requireString(body, 'plannedPickupDateAndTime', '#');
  const plannedDate = planned.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(planned)) throw new DhlProblem(400, "998: PickupTimeStamp is not well formatted.(Expected Sample Format : '2010-02-11T17:10:09 GMT+01:00')");
  const accounts = requireArray(body, 'accounts', '#');
  const shipper = accounts.find((a) => isRecord(a) && a.typeCode === 'shipper');
  if (!isRecord(shipper) || shipper.number !== accountNumber) throw new DhlProblem(400, '8003: Account not allowed for this pickup. Please check the account number and retry.');
  const customer = requireObject(body, 'customerDetails', '#');
  const shipperDetails = requireObject(customer, 'shipperDetails', '#/customerDetails');
  const address = requireObject(shipperDetails, 'postalAddress', '#/customerDetails/shipperDetails');
  const cityName = requireString(address, 'cityName', '#/customerDetails/shipperDetails/postalAddress');
  requireString(address, 'countryCode', '#/customerDetails/shipperDetails/postalAddress');
  requireObject(shipperDetails, 'contactInformation', '#/customerDetails/shipperDetails');
  requireArray(body, 'shipmentDetails', '#');
  const dispatchConfirmationNumber = confirmationNumber(cityName, plannedDate, sequence);
  return {
    record: { dispatchConfirmationNumber, plannedDate, cancelled: false },
    reply: { dispatchConfirmationNumbers: [dispatchConfirmationNumber], readyByTime: '12:00', nextPickupDate: plannedDate },
  };
}

export function cancelDhlPickup(pickup: DhlPickupRecord | undefined, params: URLSearchParams): void {
  const absent = ['requestorName', 'reason'].filter((name) => !params.get(name));
  if (absent.length > 0) throw new DhlProblem(400, `Missing mandatory parameters: ${absent.join(', ')}`, 'Missing parameters');
  if (!pickup || pickup.cancelled) throw new DhlProblem(404, 'Cancellation of booking was not successful. Requested Pickup was not found', 'Pickup not found');
  pickup.cancelled = true;
}
