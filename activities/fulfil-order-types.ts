/**
 * Named input and result types of the fulfilOrder activities. Workflows import these types
 * only. Nothing here holds an address, a buyer or a label: the planned shipment and the labels
 * are files in the document store, named by content hash.
 */
import type { ShippingRule } from '../engines/shipping/index.js';
import type { Incoterm, Money } from '../mappings/canonical/index.js';
import type { DocumentRef } from '../store/document-store.js';
import type { ShipmentState, StoredShipmentDocument } from '../store/shipments-repository.js';

export interface FulfilOrderRequest {
  tenant: string;
  channel: string;
  /** The channel's order id, as stored by ordersSync. */
  orderId: string;
  /** `auto` (default): shop every carrier of the tenant; else one carrier connection id or vendor (dhl, fedex). */
  carrier?: string;
  /** The tenant's default incoterm when absent. */
  incoterm?: Incoterm;
  /** Plan, quote and choose; buy nothing. */
  dryRun?: boolean;
}

export interface RunRef {
  workflowId: string;
  runId: string;
}

export interface CarrierConnectionRef {
  connection: string;
  vendor: string;
}

export interface PlanFulfilmentInput extends FulfilOrderRequest, RunRef {
  startedAt: string;
}

export interface PlannedParcel {
  id: string;
  weightKg: string;
}

export interface PlanFulfilmentResult {
  /** The order has a live shipment already (a rerun after success): nothing more to buy. */
  alreadyShipped?: { idempotencyKey: string; carrier: string; trackingNumber?: string; state: ShipmentState };
  /** The carrier reference of this purchase: the same on every retry, new after a void. */
  idempotencyKey: string;
  /** The canonical Shipment (addresses included) as a JSON file of the document store. */
  shipmentRef: DocumentRef;
  incoterm: Incoterm;
  currency: string;
  declaredValue: Money;
  lines: number;
  hsCodes: string[];
  parcels: PlannedParcel[];
  carriers: CarrierConnectionRef[];
  rule: ShippingRule;
  /** When the parcel is handed over (UTC ISO 8601): the run's start. */
  shipAt: string;
  invoice: { number: string; date: string };
  /** Paperless trade: the commercial invoice Caravan made (a PDF in the document store); buyLabel sends the same file. */
  commercialInvoice?: DocumentRef;
}

export interface QuoteFulfilmentDutiesInput {
  tenant: string;
  shipmentRef: DocumentRef;
  date: string;
}

export interface FulfilmentDuties {
  provider: string;
  reference: string;
  duty: Money;
  importTax: Money;
  total: Money;
  /** The total in the seller's currency. */
  sellerTotal: Money;
}

export interface RateFulfilmentInput {
  tenant: string;
  shipmentRef: DocumentRef;
  carriers: CarrierConnectionRef[];
  rule: ShippingRule;
  shipAt: string;
}

export interface RateChoice extends CarrierConnectionRef {
  service: { code?: string; name?: string };
  rateType?: string;
  total: Money;
  /** The total in the declaration currency, as the rule compared it. */
  compared: Money;
  transitDays?: number;
}

export interface RateFulfilmentResult {
  chosen: RateChoice;
  /** Every qualifying service, best first. */
  ranked: RateChoice[];
  /** Carriers that could not quote, and why. */
  failures: { connection: string; message: string }[];
}

export interface BuyLabelInput extends CarrierConnectionRef {
  tenant: string;
  channel: string;
  orderId: string;
  shipmentRef: DocumentRef;
  idempotencyKey: string;
  service: string;
  shipAt: string;
  invoice: { number: string; date: string };
  incoterm: Incoterm;
}

export interface BuyLabelResult {
  trackingNumber: string;
  /** The carrier vendor and service of the label (an earlier attempt's, when it bought it). */
  carrier: string;
  service?: string;
  documents: StoredShipmentDocument[];
  charge?: Money;
  /**
   * `bought`: this call bought the label. `stored`: an earlier attempt had bought and recorded it.
   * `found`: an earlier attempt bought it but its reply was lost; the carrier's reference lookup
   * found it (its label is then reprinted at the carrier, never bought again).
   */
  outcome: 'bought' | 'stored' | 'found';
}

export interface SetFulfilmentStateInput {
  idempotencyKey: string;
  state: 'recorded' | 'confirmed';
}

export interface CancelLabelInput {
  tenant: string;
  idempotencyKey: string;
  /** Why the label is given up (the failure of the step after the purchase). */
  reason: string;
}

export interface CancelLabelResult {
  /** `cancelled`: the carrier voided it. `void-unused`: the carrier's API cannot cancel it; it is recorded as an unused label. */
  outcome: 'cancelled' | 'void-unused';
  note: string;
}

export interface FinishFulfilmentInput extends RunRef {
  startedAt: string;
  status: 'completed' | 'failed' | 'cancelled';
  error?: string;
}

export interface FinishFulfilmentResult {
  finishedAt: string;
  durationMs: number;
}

export interface FulfilOrderActivities {
  /** Records the run; builds the shipment (parcels, declaration) from the stored order and catalogue; derives the idempotency key. */
  planFulfilment(input: PlanFulfilmentInput): Promise<PlanFulfilmentResult>;
  /** DDP: duties and import taxes of the planned shipment, from the tenant's landed-cost provider. */
  quoteFulfilmentDuties(input: QuoteFulfilmentDutiesInput): Promise<FulfilmentDuties>;
  /** Rates across the carriers, ranked by the tenant's rule. */
  rateFulfilment(input: RateFulfilmentInput): Promise<RateFulfilmentResult>;
  /** Buys the label once per idempotency key (a retry looks its predecessor up first); labels go to the document store. */
  buyLabel(input: BuyLabelInput): Promise<BuyLabelResult>;
  setFulfilmentState(input: SetFulfilmentStateInput): Promise<void>;
  /** The saga's compensation: voids a bought label (FedEx) or records it unused (DHL). */
  cancelLabel(input: CancelLabelInput): Promise<CancelLabelResult>;
  finishFulfilment(input: FinishFulfilmentInput): Promise<FinishFulfilmentResult>;
}
