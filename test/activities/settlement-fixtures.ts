/** Generated Amazon V2 settlement flat files (the layout ../shared/vendor/amazon/SOURCE.md lists), written line by line to disk. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const V2_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id',
] as const;

const AMOUNTS = [
  ['Order', 'ItemPrice', 'Principal', '19.99'],
  ['Order', 'ItemFees', 'Commission', '-3.00'],
  ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', '-2.70'],
  ['Refund', 'ItemPrice', 'Principal', '-19.99'],
  ['Refund', 'ItemFees', 'Commission', '2.40'],
  ['other-transaction', 'other-transaction', 'Storage Fee', '-0.55'],
] as const;

function row(cells: Partial<Record<(typeof V2_COLUMNS)[number], string>>): string {
  return V2_COLUMNS.map((c) => cells[c] ?? '').join('\t');
}

/** A V2 settlement of `rows` amount rows (plus header and totals), `eol` line ends; returns its path. */
export async function writeV2Settlement(path: string, rows: number, options: { settlementId?: string; eol?: string; blankEvery?: number } = {}): Promise<string> {
  const id = options.settlementId ?? '24681357913';
  const eol = options.eol ?? '\n';
  const out = createWriteStream(path, 'utf8');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(V2_COLUMNS.join('\t') + eol);
  await write(row({ 'settlement-id': id, 'settlement-start-date': '2026-02-01 00:00:00 UTC', 'settlement-end-date': '2026-02-15 00:00:00 UTC', 'deposit-date': '2026-02-17 00:00:00 UTC', 'total-amount': '12345.67', currency: 'EUR' }) + eol);
  for (let i = 0; i < rows; i += 1) {
    const [type, amountType, description, amount] = AMOUNTS[i % AMOUNTS.length]!;
    const day = String(1 + (i % 14)).padStart(2, '0');
    await write(
      row({
        'settlement-id': id,
        'transaction-type': type,
        'order-id': `302-${String(1_000_000 + Math.floor(i / 3)).padStart(7, '0')}-${String(i % 9_999_999).padStart(7, '0')}`,
        'marketplace-name': 'Amazon.de',
        'amount-type': amountType,
        'amount-description': description,
        amount,
        'fulfillment-id': 'AFN',
        'posted-date': `2026-02-${day}`,
        'posted-date-time': `2026-02-${day} 10:00:00 UTC`,
        sku: `SKU-${i % 50}`,
        'quantity-purchased': '1',
      }) + eol,
    );
    if (options.blankEvery !== undefined && i % options.blankEvery === 0) await write(eol);
  }
  out.end();
  await once(out, 'finish');
  return path;
}
