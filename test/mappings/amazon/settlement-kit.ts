/** Builds settlement reports in the V2 layout for tests (no real V2 report is public). */

/** The V2 header as Amazon documents it (../shared/vendor/amazon/SOURCE.md). */
export const V2_COLUMNS =
  'settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id merchant-adjustment-item-id sku quantity-purchased promotion-id'.split(
    ' ',
  );

/** Tab-separated, CRLF line ends, cells not quoted. */
export function v2Report(rows: Record<string, string>[]): string {
  return [V2_COLUMNS.join('\t'), ...rows.map((r) => V2_COLUMNS.map((c) => r[c] ?? '').join('\t'))].join('\r\n') + '\r\n';
}
