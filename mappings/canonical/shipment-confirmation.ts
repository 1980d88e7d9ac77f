/**
 * A shipment confirmation: what the seller tells a sales channel once a package of an order
 * left (carrier, service, tracking number, ship date, which lines and how many). One package
 * per confirmation; the channel's mapping turns it into the channel's request.
 *
 * Carriers are canonical codes from a data table (the carriers sellers commonly confirm with)
 * plus `other`, which must carry the carrier's own name: a channel that does not know a code
 * is given the name instead of a guess.
 */
import { z } from 'zod';
import { fail, MappingError, ok, type MappingIssue, type MappingResult } from './result.js';
import { UtcTimestampSchema, type Order } from './order.js';

/** Canonical carrier codes and the name each goes by. */
export const SHIPPING_CARRIERS = {
  'australia-post': 'Australia Post',
  'canada-post': 'Canada Post',
  chronopost: 'Chronopost',
  colissimo: 'Colissimo',
  correos: 'Correos',
  'deutsche-post': 'Deutsche Post',
  dhl: 'DHL',
  'dhl-ecommerce': 'DHL eCommerce',
  dpd: 'DPD',
  evri: 'Evri',
  fedex: 'FedEx',
  gls: 'GLS',
  hermes: 'Hermes',
  'japan-post': 'Japan Post',
  'la-poste': 'La Poste',
  ontrac: 'OnTrac',
  'poste-italiane': 'Poste Italiane',
  'royal-mail': 'Royal Mail',
  sagawa: 'Sagawa Express',
  seur: 'SEUR',
  ups: 'UPS',
  usps: 'USPS',
  yamato: 'Yamato Transport',
  other: 'Other',
} as const satisfies Record<string, string>;
export type ShippingCarrierCode = keyof typeof SHIPPING_CARRIERS;
export const ShippingCarrierCodeSchema = z.enum(Object.keys(SHIPPING_CARRIERS) as [ShippingCarrierCode, ...ShippingCarrierCode[]]);

export const ShippingCarrierSchema = z.object({
  code: ShippingCarrierCodeSchema,
  /** The carrier's name as the seller knows it; required for `other`. */
  name: z.string().trim().min(1),
});
export type ShippingCarrier = z.infer<typeof ShippingCarrierSchema>;

export const ShipmentConfirmationLineSchema = z.object({
  /** The channel's line id (Amazon OrderItemId), from the stored order. */
  lineId: z.string().min(1),
  sku: z.string().optional(),
  quantity: z.number().int().positive(),
});
export type ShipmentConfirmationLine = z.infer<typeof ShipmentConfirmationLineSchema>;

export const ShipmentConfirmationSchema = z.object({
  channel: z.string().min(1),
  externalOrderId: z.string().min(1),
  carrier: ShippingCarrierSchema,
  /** The shipping method or service (e.g. "Paket", "FedEx Ground"). */
  service: z.string().trim().min(1).optional(),
  trackingNumber: z.string().trim().min(1).max(100),
  shipDate: UtcTimestampSchema,
  /** Identifies the package within the order: a positive whole number as text ("1" for a one-package order). */
  packageReference: z.string().regex(/^[1-9]\d{0,17}$/, 'must be a positive whole number'),
  lines: z.array(ShipmentConfirmationLineSchema).min(1),
});
export type ShipmentConfirmation = z.infer<typeof ShipmentConfirmationSchema>;

export const SHIPMENT_CONFIRMATION_RECORD_TYPE = 'shipment-confirmation';

/**
 * A carrier as an operator types it: a code (`royal-mail`), a known name in any case and
 * spacing (`Royal Mail`, `ROYAL_MAIL`), or any other name, which becomes `other` with that name.
 */
export function shippingCarrier(text: string): ShippingCarrier | undefined {
  const name = text.trim();
  if (name === '') return undefined;
  const key = name.toLowerCase().replace(/[\s_]+/g, '-');
  for (const [code, known] of Object.entries(SHIPPING_CARRIERS) as [ShippingCarrierCode, string][]) {
    if (code === 'other') continue;
    if (key === code || key === known.toLowerCase().replace(/\s+/g, '-')) return { code, name: known };
  }
  return { code: 'other', name };
}

/** What an operator asks to confirm; the lines default to every unshipped unit of the order. */
export interface ShipmentConfirmationRequest {
  readonly carrier: ShippingCarrier;
  readonly service?: string;
  readonly trackingNumber: string;
  readonly shipDate: string;
  readonly packageReference?: string;
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[];
}

/** Statuses whose order can still ship. */
const SHIPPABLE = new Set<Order['status']>(['unshipped', 'partially_shipped']);

const unshippedOf = (line: Order['lines'][number]): number => Math.max(0, line.quantity - (line.quantityShipped ?? 0));

/**
 * The confirmation of one package of a stored order, or a MappingError naming the order and
 * the field: an order the marketplace fulfils itself, one that cannot ship (status), a line the
 * order lacks, more units than are left to ship, or nothing left to ship at all.
 */
export function shipmentConfirmationFor(order: Order, request: ShipmentConfirmationRequest): MappingResult<ShipmentConfirmation> {
  const issues: MappingIssue[] = [];
  const refuse = (field: string, message: string, value?: unknown): MappingResult<ShipmentConfirmation> =>
    fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, order.externalId, [{ field, message, ...(value === undefined ? {} : { value }) }]));
  if (order.fulfilment === 'marketplace') return refuse('fulfilment', 'the marketplace fulfils this order itself: only merchant-fulfilled orders are confirmed by the seller', order.rawStatus);
  if (!SHIPPABLE.has(order.status)) return refuse('status', `the order is ${order.status} (${order.rawStatus}): only unshipped or partially shipped orders can be confirmed`, order.status);

  const byId = new Map(order.lines.map((l) => [l.lineId, l]));
  let lines: ShipmentConfirmationLine[];
  if (request.lines === undefined) {
    lines = order.lines.filter((l) => unshippedOf(l) > 0).map((l) => ({ lineId: l.lineId, ...(l.sku === undefined ? {} : { sku: l.sku }), quantity: unshippedOf(l) }));
    if (lines.length === 0) return refuse('lines', 'every line of the order is shipped already');
  } else {
    lines = [];
    for (const [i, wanted] of request.lines.entries()) {
      const line = byId.get(wanted.lineId);
      if (line === undefined) issues.push({ field: `lines[${i}].lineId`, message: `the order has no line ${wanted.lineId}`, value: wanted.lineId });
      else if (wanted.quantity > unshippedOf(line)) issues.push({ field: `lines[${i}].quantity`, message: `${wanted.quantity} is more than the ${unshippedOf(line)} unit(s) left to ship`, value: wanted.quantity });
      else lines.push({ lineId: line.lineId, ...(line.sku === undefined ? {} : { sku: line.sku }), quantity: wanted.quantity });
    }
  }
  if (issues.length > 0) return fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, order.externalId, issues));
  const candidate = {
    channel: order.channel,
    externalOrderId: order.externalId,
    carrier: request.carrier,
    ...(request.service === undefined ? {} : { service: request.service }),
    trackingNumber: request.trackingNumber.trim(),
    shipDate: request.shipDate,
    packageReference: request.packageReference ?? '1',
    lines,
  };
  const parsed = ShipmentConfirmationSchema.safeParse(candidate);
  if (!parsed.success) {
    const found = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'confirmation', message: i.message }));
    return fail(new MappingError(SHIPMENT_CONFIRMATION_RECORD_TYPE, order.externalId, found));
  }
  return ok(parsed.data);
}
