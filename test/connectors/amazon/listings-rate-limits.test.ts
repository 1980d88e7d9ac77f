/**
 * The listings operations' usage plans are the ones Amazon publishes: each read from the "Usage
 * Plan" table in its operation's description in the official models.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AMAZON_LISTINGS_RATE_LIMITS } from '../../../connectors/amazon/index.js';

const MODELS = ['listingsItems_2021-08-01.json', 'definitionsProductTypes_2020-09-01.json', 'feeds_2021-06-30.json'];

function publishedPlans(): Record<string, { rate: number; burst: number }> {
  const plans: Record<string, { rate: number; burst: number }> = {};
  for (const file of MODELS) {
    const model = JSON.parse(readFileSync(new URL(`../../fixtures/amazon/models/${file}`, import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; description?: string }>>;
    };
    for (const ops of Object.values(model.paths)) {
      for (const op of Object.values(ops)) {
        // `| Rate | Burst |` or, in Product Type Definitions, `| Plan type | Rate | Burst |` with a `|Default| 5 | 10 |` row.
        const m = /Rate \(requests per second\)\s*\|\s*Burst\s*\|[-\s|]*\|\s*(?:Default\s*\|\s*)?([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(op.description ?? '');
        if (op.operationId !== undefined && m) plans[op.operationId] = { rate: Number(m[1]), burst: Number(m[2]) };
      }
    }
  }
  return plans;
}

describe('AMAZON_LISTINGS_RATE_LIMITS', () => {
  it('equals each operation’s published usage plan', () => {
    const published = publishedPlans();
    const ours = Object.keys(AMAZON_LISTINGS_RATE_LIMITS);
    expect(ours.length).toBe(12);
    expect(Object.fromEntries(ours.map((op) => [op, published[op]]))).toEqual(AMAZON_LISTINGS_RATE_LIMITS);
  });
});
