/**
 * Amazon settlement files streamed into SettlementLines (activities/settlement-lines.ts over
 * connectors/amazon/reports/settlement-stream.ts): the same lines, with the same identities, as
 * the whole-file mapping of `caravan map amazon.settlement-report`; a large generated file read
 * in bounded batches and bounded memory.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settlementLineBatches } from '../../activities/settlement-lines.js';
import { SettlementReportFormatError } from '../../connectors/amazon/reports/index.js';
import { parseAmazonSettlementReport } from '../../connectors/amazon/schemas/settlement-report.js';
import { amazonSettlementReportToRecords } from '../../mappings/amazon/settlement.js';
import type { SettlementLine } from '../../mappings/canonical/index.js';
import { writeV2Settlement } from './settlement-fixtures.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'amazon', 'settlement', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE.airbyte-fixture.tsv');
const dir = mkdtempSync(join(tmpdir(), 'caravan-settlement-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamed(path: string, batchRows?: number): Promise<{ lines: SettlementLine[]; settlementId?: string; batches: number; failures: number }> {
  const lines: SettlementLine[] = [];
  let settlementId: string | undefined;
  let batches = 0;
  let failures = 0;
  for await (const b of settlementLineBatches({ path }, batchRows)) {
    batches += 1;
    lines.push(...b.lines);
    failures += b.failures.length;
    if (b.settlement) settlementId = b.settlement.settlementId;
  }
  return { lines, batches, failures, ...(settlementId === undefined ? {} : { settlementId }) };
}

function whole(path: string): SettlementLine[] {
  const parsed = parseAmazonSettlementReport(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return amazonSettlementReportToRecords(parsed.report).lines.flatMap((r) => (r.ok ? [r.value] : []));
}

describe('settlement report streaming', () => {
  it('the older flat file (the airbyte fixture): the same lines as the whole-file mapping', async () => {
    const s = await streamed(FIXTURE);
    expect(s.settlementId).toBe('12345678901');
    expect(s.lines.length).toBeGreaterThan(0);
    expect(s.lines).toEqual(whole(FIXTURE));
  });

  it('a V2 file with CRLF and blank lines, in batches of 7: the same lines and identities as the whole-file mapping', async () => {
    const path = await writeV2Settlement(join(dir, 'crlf.tsv'), 60, { eol: '\r\n', blankEvery: 11 });
    const s = await streamed(path, 7);
    expect(s.batches).toBe(Math.ceil(61 / 7));
    expect(s.failures).toBe(0);
    expect(s.lines.map((l) => l.lineId)).toEqual(whole(path).map((l) => l.lineId));
    expect(s.lines).toEqual(whole(path));
    expect(new Set(s.lines.map((l) => l.kind))).toEqual(new Set(['sale', 'fee', 'refund']));
  });

  it('a Windows-1252 file (no charset named) is detected and read', async () => {
    const path = join(dir, 'cp1252.tsv');
    copyFileSync(FIXTURE, path);
    const text = readFileSync(path, 'utf8').replace('Amazon.com', 'Amazon.com Café');
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const s = await streamed(path);
    expect(s.lines.length).toBe(whole(FIXTURE).length);
  });

  it('a file that is no settlement report is refused by name', async () => {
    const path = join(dir, 'orders.tsv');
    writeFileSync(path, 'amazon-order-id\tpurchase-date\n1\t2\n');
    await expect(streamed(path)).rejects.toBeInstanceOf(SettlementReportFormatError);
  });

  it('a large generated file is read in bounded batches at bounded memory', async () => {
    const rows = 240_000;
    const path = await writeV2Settlement(join(dir, 'large.tsv'), rows);
    const size = statSync(path).size;
    // Retained memory, not garbage awaiting collection: a full collection before each sample.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const retained = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = retained();
    let peak = before;
    let count = 0;
    let largest = 0;
    let batches = 0;
    for await (const b of settlementLineBatches({ path }, 2000)) {
      batches += 1;
      count += b.lines.length;
      largest = Math.max(largest, b.lines.length);
      if (batches % 10 === 0) peak = Math.max(peak, retained());
    }
    expect(count).toBe(rows);
    expect(largest).toBeLessThanOrEqual(2000);
    // The lines mapped (240 000 objects of a few hundred bytes each) or the file's text would not fit: only a batch or two is ever held.
    expect(size).toBeGreaterThan(30_000_000);
    expect(peak - before).toBeLessThan(size / 2);
  }, 120_000);
});
