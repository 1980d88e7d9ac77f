/**
 * connectors/amazon/reports/settlement-stream.ts on settlement report files as marketplaces write
 * them: the rows read in batches are those parseAmazonSettlementReport gives for the same text,
 * whatever the charset (settlement documents come without a charset in their Content-Type).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettlementReportBatches } from '../../../../connectors/amazon/reports/settlement-stream.js';
import { v2Report } from '../../../mappings/amazon/settlement-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'caravan-settlement-stream-'));
const HELDOUT = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'amazon', 'heldout-pay');

async function rowsOf(path: string) {
  const out: Record<string, string>[] = [];
  for await (const batch of readSettlementReportBatches({ path }, 2)) out.push(...batch.rows.map((r) => ({ line: String(r.line), ...r.cells })));
  return out;
}

describe('settlement report stream (held-out sweep)', () => {
  it('a JP report in Shift_JIS whose only Japanese is kanji (no kana for detection) is read as Shift_JIS because it settles in JPY', async () => {
    const text = v2Report([
      { 'settlement-id': '12', 'total-amount': '12,345', currency: 'JPY' },
      { 'settlement-id': '12', 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': '月額登録料', amount: '-4,900', 'posted-date': '2018/03/07' },
    ]);
    // Node encodes no Shift_JIS: the description's bytes are written as `iconv -t shift_jis` gives them.
    const [before, after] = text.split('月額登録料') as [string, string];
    const path = join(dir, 'jp.tsv');
    writeFileSync(path, Buffer.concat([Buffer.from(before, 'latin1'), Buffer.from('8c8e8a7a936f985e97bf', 'hex'), Buffer.from(after, 'latin1')]));
    expect((await rowsOf(path)).map((r) => r['amount-description'])).toEqual(['', '月額登録料']);
  });

  it('a Windows-1252 report that settles in EUR stays Windows-1252', async () => {
    const path = join(dir, 'de.tsv');
    writeFileSync(path, Buffer.from(v2Report([{ 'settlement-id': '13', 'total-amount': '1.234,56', currency: 'EUR' }, { 'settlement-id': '13', 'transaction-type': 'Order', 'amount-type': 'Promotion', 'amount-description': 'Réduction', amount: '-2,50', 'posted-date': '04.03.2024' }]), 'latin1'));
    expect((await rowsOf(path)).map((r) => r['amount-description'])).toEqual(['', 'Réduction']);
  });

  it('the real 2015 flat file (fluxxu/mws-rs) streams the rows the whole-text parser gives, with their file lines', async () => {
    const rows = await rowsOf(join(HELDOUT, 'settlement-flat-file.mws-rs-2015.tsv'));
    expect(rows.map((r) => [r.line, r['price-amount'], r['item-related-fee-amount']])).toEqual([
      ['2', '', ''],
      ['3', '', ''],
      ['4', '27.99', ''],
      ['5', '', '-1.00'],
    ]);
    expect(readFileSync(join(HELDOUT, 'settlement-flat-file.mws-rs-2015.tsv'), 'utf8').split('\n')[3]).toContain('27.99');
  });
});
