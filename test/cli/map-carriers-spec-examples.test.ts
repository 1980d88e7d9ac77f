/**
 * `caravan map` on the MyDHL description's own reply examples (test/fixtures/dhl/openapi, the copy
 * of mydhl-express-api-3.1.1.yaml): tracking 200, create-shipment 201 (several, one of them an
 * error DHL documents under 201), rates 200, and the error examples — each a record or DHL's error.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mapCommand } from '../../cli/commands/map.js';

const SPEC = join(import.meta.dirname, '..', 'fixtures', 'dhl', 'openapi', 'mydhl-express-api-3.1.1.yaml');
const dir = mkdtempSync(join(tmpdir(), 'caravan-dhl-spec-'));

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> }> }> }>>; components: { examples: Record<string, { value: unknown }> } };
const doc = parse(readFileSync(SPEC, 'utf8')) as Doc;

function examples(method: string, path: string, status: string): unknown[] {
  const c = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json'];
  if (c?.example !== undefined) return [c.example];
  return Object.values(c?.examples ?? {}).map((e) => (e.$ref ? doc.components.examples[e.$ref.split('/').pop()!]!.value : e.value));
}

function file(name: string, body: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(body));
  return p;
}

describe('MyDHL description examples through caravan map', () => {
  it('tracking 200: events through DHL\'s status list, GDPR-blank party fields dropped', async () => {
    const [ex] = examples('get', '/shipments/{shipmentTrackingNumber}/tracking', '200');
    const { results } = await mapCommand('dhl.tracking', file('tracking-200.json', ex), {});
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record).toMatchObject({ trackingNumber: '1234567890', status: 'delivered', carrierStatusCode: 'OK', service: { code: 'P' }, origin: { countryCode: 'AU', code: 'SYD' }, destination: { countryCode: 'NZ', code: 'AKL' } });
      expect((r.record as { events: { carrierCode: string; status: string }[] }).events.at(-2)).toMatchObject({ carrierCode: 'WC', status: 'out_for_delivery' });
    }
  });

  it('create-shipment 201: every success example maps with labels by reference; the error documented under 201 is named', async () => {
    const all = examples('post', '/shipments', '201');
    expect(all.length).toBeGreaterThanOrEqual(5);
    let mapped = 0;
    for (const [i, ex] of all.entries()) {
      const f = file(`shipment-201-${i}.json`, ex);
      try {
        const { results, output } = await mapCommand('dhl.shipment', f, {});
        expect(results.every((r) => r.ok)).toBe(true);
        expect(output).not.toContain('JVBERi0');
        mapped += 1;
      } catch (e) {
        expect((e as Error).message).toMatch(/is an error reply from DHL, code \d+/);
      }
    }
    expect(mapped).toBe(all.length - 1);
  });

  it('rates 200: one quote per currency role (BILLC, PULCL, BASEC) kept apart', async () => {
    const [ex] = examples('post', '/rates', '200');
    const { results } = await mapCommand('dhl.rate', file('rates-200.json', ex), {});
    const quotes = results.map((r) => (r.ok ? (r.record as { rateType?: string; total?: { currency: string } }) : undefined));
    expect(quotes.map((q) => [q?.rateType, q?.total?.currency])).toEqual([
      ['BILLC', 'GBP'],
      ['PULCL', 'GBP'],
      ['BASEC', 'EUR'],
    ]);
  });

  it.each([
    ['dhl.tracking', 'get', '/shipments/{shipmentTrackingNumber}/tracking', '404', 'code 404'],
    ['dhl.tracking', 'get', '/tracking', '404', 'No Shipments Found'],
    ['dhl.shipment', 'post', '/shipments', '400', 'code 998'],
    ['dhl.shipment', 'post', '/shipments', '422', 'code 422'],
  ])('%s %s %s %s: DHL\'s error, exit 1', async (kind, method, path, status, text) => {
    const [ex] = examples(method, path, status);
    await expect(mapCommand(kind, file(`err-${status}.json`, ex), {})).rejects.toThrow(text);
  });
});
