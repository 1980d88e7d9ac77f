/**
 * `caravan rates FILE [--tenant T] [--carrier C] [--rule R]`: quotes for a canonical shipment
 * (JSON) from every carrier the tenant ships with, ranked by its rule (or the one given).
 */
import { readFileSync } from 'node:fs';
import { carriersFor, createFulfilmentService, shippingOf, type FulfilOrderDeps } from '../../activities/fulfil-order.js';
import { ShippingRuleSchema } from '../../config/shipping.js';
import { describeRule, type ShippingRule } from '../../engines/shipping/index.js';
import { ShipmentSchema } from '../../mappings/canonical/index.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';
import { describeChoice, formatRanked } from './ship.js';

export interface RatesOptions {
  tenant?: string | undefined;
  carrier?: string | undefined;
  rule?: string | undefined;
  json?: boolean | undefined;
}

/** `cheapest`, `fastest` or `within:N` (cheapest delivered within N days). */
export function parseRule(text: string): ShippingRule {
  const within = /^within:(\d+)$/.exec(text);
  const r = ShippingRuleSchema.safeParse(within ? { cheapestWithin: Number(within[1]) } : text);
  if (!r.success) throw new CliError(`--rule "${text}" must be cheapest, fastest or within:N (days)`, 2);
  return r.data;
}

export async function ratesCommand(deps: Omit<FulfilOrderDeps, 'context'> & { now?: () => Date }, file: string, o: RatesOptions): Promise<string> {
  const tenant = pickTenant(deps.config, o.tenant);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`, 2);
  }
  const parsed = ShipmentSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`${file} is not a canonical shipment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 2);
  const rule = o.rule === undefined ? shippingOf(deps.config, tenant).rule : parseRule(o.rule);
  const shipAt = (deps.now ?? (() => new Date()))().toISOString();
  const rates = await createFulfilmentService(deps).rate(tenant, parsed.data, carriersFor(deps.config, tenant, o.carrier), rule, shipAt);
  if (o.json === true) return JSON.stringify(rates, null, 2);
  return [`${parsed.data.id}: ${rates.ranked.length} service(s) by rule "${describeRule(rule)}"`, ...formatRanked(rates.ranked, rates.failures), `best: ${describeChoice(rates.chosen)}`].join('\n');
}
