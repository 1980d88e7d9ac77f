/**
 * The Orders v0 wire format the sandbox serves. The format is described once, by the
 * connector's zod schemas; the sandbox takes their types only (never the connector's code, as
 * it stands in for Amazon). What stays here is the sandbox's own vocabulary: the values it emits.
 */
import type { AmazonOrderItem as ParsedOrderItem } from '../../connectors/amazon/schemas.js';

// What the sandbox sends is what the connector reads: the schemas' parsed types (no nulls,
// counts as numbers, flags as booleans), except the flags the model itself defines as text.
export type { AmazonAddress, AmazonBuyerInfo, AmazonError, AmazonMoney, AmazonOrder } from '../../connectors/amazon/schemas.js';
type TextFlag = 'true' | 'false';
/** T with the members of R replaced (a key-remapping Omit keeps the loose index signature's known keys). */
type Replace<T, R> = { [K in keyof T as K extends keyof R ? never : K]: T[K] } & R;
export type AmazonOrderItem = Replace<
  ParsedOrderItem,
  { IsGift?: TextFlag; BuyerRequestedCancel?: { IsBuyerRequestedCancel?: TextFlag; BuyerCancelReason?: string } }
>;

/** The OrderStatus values the sandbox emits (the model's enum). */
export const AMAZON_ORDER_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
export type AmazonOrderStatus = (typeof AMAZON_ORDER_STATUSES)[number];

export type AmazonFulfillmentChannel = 'MFN' | 'AFN';
export type AmazonPaymentMethod = 'COD' | 'CVS' | 'Other';
