/**
 * How each channel's shipment confirmations are built and checked: one line per vendor. In
 * activities/ (not mappings/) because reading the channel's raw lines starts with the
 * connector's wire-schema check, which mappings/ may not import (DESIGN.md).
 */
import { ConfigError } from '../config/errors.js';
import { AliexpressOrderLineSchema } from '../connectors/aliexpress/schemas/order.js';
import { parseAmazonOrderItem } from '../connectors/amazon/index.js';
import { aliexpressShippedQuantities, shipmentConfirmationToAliexpress } from '../mappings/aliexpress/shipment-confirmation.js';
import { shipmentConfirmationToAmazon } from '../mappings/amazon/shipment-confirmation.js';
import type { MappingResult, Order, ShipmentConfirmation } from '../mappings/canonical/index.js';
import { ALIBABA_SHIPMENT_CONFIRM } from './alibaba-adapters.js';

export interface ShipmentConfirmMapping {
  /** The channel's request for one package of `order` (the capability checks it against the vendor's schema). */
  request(confirmation: ShipmentConfirmation, order: Order): MappingResult<unknown>;
  /** Units shipped per line id, as the channel's raw order lines say (lines it cannot read are left out). */
  shippedQuantities(rawLines: readonly unknown[]): Map<string, number>;
}

export const SHIPMENT_CONFIRM_MAPPINGS: Readonly<Record<string, ShipmentConfirmMapping>> = {
  amazon: {
    request: shipmentConfirmationToAmazon,
    shippedQuantities(rawLines) {
      const shipped = new Map<string, number>();
      for (const raw of rawLines) {
        const parsed = parseAmazonOrderItem(raw);
        if (parsed.ok) shipped.set(parsed.item.OrderItemId, parsed.item.QuantityShipped ?? 0);
      }
      return shipped;
    },
  },
  aliexpress: {
    request: shipmentConfirmationToAliexpress,
    // Child orders the wire schema cannot read are left out.
    shippedQuantities: (rawLines) =>
      aliexpressShippedQuantities(
        rawLines.flatMap((raw) => {
          const parsed = AliexpressOrderLineSchema.safeParse(raw);
          return parsed.success ? [parsed.data] : [];
        }),
      ),
  },
  alibaba: ALIBABA_SHIPMENT_CONFIRM,
};

export function shipmentConfirmMappingFor(vendor: string): ShipmentConfirmMapping {
  const m = SHIPMENT_CONFIRM_MAPPINGS[vendor];
  if (!m) throw new ConfigError(`no shipment confirmation for vendor "${vendor}" (activities/shipment-confirm-mappings.ts has: ${Object.keys(SHIPMENT_CONFIRM_MAPPINGS).join(', ')})`);
  return m;
}
