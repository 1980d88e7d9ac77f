/**
 * `caravan tax quote FILE` and `caravan duty quote FILE`: an order, a shipment (or, for
 * tax, a ready TaxQuoteRequest) in canonical JSON in; the explained quote out.
 */
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { createQuoteService, QuoteInputError, sellerContextFor } from '../../activities/quotes.js';
import {
  formatMoney,
  IncotermSchema,
  OrderSchema,
  ShipmentSchema,
  shipmentToTaxQuoteRequest,
  TaxQuoteRequestSchema,
  type LandedCostQuote,
  type Money,
  type Shipment,
  type TaxQuote,
  type TaxQuoteRequest,
} from '../../mappings/canonical/index.js';
import type { Logger } from '../../worker/logger.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import { CliError } from '../output.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const m = (x: Money) => `${formatMoney(x)} ${x.currency}`;

/** A JSON file (a BOM tolerated), or a CliError naming the file. */
export function readCanonical(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${(e as Error).message}`);
  }
}

type Parsed = { kind: 'request'; request: TaxQuoteRequest } | { kind: 'shipment'; shipment: Shipment } | { kind: 'order'; order: ReturnType<typeof OrderSchema.parse> };

/** What the file holds: tried as a TaxQuoteRequest, a Shipment, then an Order; the closest schema's issues are reported. */
function classify(doc: unknown, file: string, allowRequest: boolean): Parsed {
  const attempts = [
    ...(allowRequest ? [['TaxQuoteRequest', TaxQuoteRequestSchema] as const] : []),
    ['Shipment', ShipmentSchema] as const,
    ['Order', OrderSchema] as const,
  ];
  const failures: { name: string; issues: string[] }[] = [];
  for (const [name, schema] of attempts) {
    const r = schema.safeParse(doc);
    if (r.success) {
      if (name === 'TaxQuoteRequest') return { kind: 'request', request: r.data as TaxQuoteRequest };
      if (name === 'Shipment') return { kind: 'shipment', shipment: r.data as Shipment };
      return { kind: 'order', order: r.data as ReturnType<typeof OrderSchema.parse> };
    }
    failures.push({ name, issues: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) });
  }
  const best = failures.sort((a, b) => a.issues.length - b.issues.length)[0]!;
  throw new CliError(
    `${file} is not a canonical ${attempts.map(([n]) => n).join(', ').replace(/, ([^,]*)$/, ' or $1')}; as a ${best.name}:\n  ${best.issues.slice(0, 8).join('\n  ')}`,
  );
}

/** The tenant a command is for: the one named, or the config's only tenant. */
export function pickTenant(config: TenantsConfig, tenant: string | undefined): string {
  if (tenant) {
    if (!config.tenants[tenant]) throw new CliError(`unknown tenant "${tenant}" (configured: ${Object.keys(config.tenants).join(', ')})`);
    return tenant;
  }
  const ids = Object.keys(config.tenants);
  if (ids.length === 1) return ids[0]!;
  throw new CliError(`--tenant is needed: the config has ${ids.length} tenants (${ids.join(', ')})`);
}

export function explainTaxQuote(q: TaxQuote): string {
  const out = [
    `${q.provider} tax quote for ${q.reference} on ${q.date}: ${q.jurisdiction}, scheme ${q.scheme}, collected by ${q.collectedBy}`,
  ];
  if (q.unavailable) out.push(`  no rate: ${q.unavailable}`);
  for (const l of q.lines) {
    out.push(`  ${l.lineId}: ${m(l.taxable)} × ${l.ratePercent}% = ${m(l.tax)}  [${l.jurisdiction}; rule ${l.rule.id} — ${l.rule.source}]`);
    out.push(`      ${l.explanation}`);
  }
  out.push(`  total tax: ${m(q.totalTax)}`);
  for (const n of q.notes) out.push(`  note: ${n}`);
  for (const c of q.conversions) {
    out.push(`  fx: ${m(c.from)} = ${m(c.amount)} at ${c.rate} (${c.source} ${c.rateDate}${c.fallback ? `, ${c.fallback.reason}` : ''})`);
  }
  return out.join('\n');
}

export function explainLandedCost(q: LandedCostQuote): string {
  const out = [`${q.provider} landed cost for ${q.reference} on ${q.date}: into ${q.destination}, ${q.incoterm}`];
  for (const i of q.items) {
    const duty = i.dutyStatus === 'unknown' ? 'duty UNKNOWN (no tariff entry)' : i.dutyStatus === 'relieved' ? `duty relieved = ${m(i.duty)}` : `duty ${i.dutyRatePercent}% = ${m(i.duty)}`;
    out.push(`  ${i.itemId} (HS ${i.hsCode}, origin ${i.originCountry}): value ${m(i.customsValue)}, ${duty}, import tax ${m(i.importTax)}`);
    out.push(`      ${i.explanation}`);
  }
  for (const f of q.fees) out.push(`  fee ${f.type}: ${m(f.amount)} — ${f.explanation}`);
  out.push(`  duty ${m(q.duty)} + import tax ${m(q.importTax)} + fees = total ${m(q.total)}`);
  out.push(`  in the seller's currency: duty ${m(q.seller.duty)}, import tax ${m(q.seller.importTax)}, fees ${m(q.seller.fees)}, total ${m(q.seller.total)}`);
  for (const r of q.rules) out.push(`  rule ${r.rule.id}: ${r.outcome} (${r.rule.source})`);
  for (const n of q.notes) out.push(`  note: ${n}`);
  for (const c of q.conversions) out.push(`  fx: ${m(c.from)} = ${m(c.amount)} at ${c.rate} (${c.source} ${c.rateDate}${c.fallback ? `, ${c.fallback.reason}` : ''})`);
  return out.join('\n');
}

export interface QuoteCommandDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
}

export async function taxQuoteCommand(
  deps: QuoteCommandDeps,
  file: string,
  opts: { tenant?: string; provider?: string; date?: string; buyerVat?: string; json?: boolean },
): Promise<string> {
  if (opts.date && !DATE.test(opts.date)) throw new CliError(`--date "${opts.date}" must be YYYY-MM-DD`);
  if (opts.buyerVat !== undefined && opts.buyerVat.trim() === '') throw new CliError('--buyer-vat must not be empty');
  const tenant = pickTenant(deps.config, opts.tenant);
  const parsed = classify(readCanonical(file), file, true);
  // A business buyer (B2B): reverse charge where its VAT number qualifies.
  const buyerVat = opts.buyerVat?.trim();
  const asBuyer = (r: TaxQuoteRequest): TaxQuoteRequest => (buyerVat === undefined ? r : { ...r, buyer: { isBusiness: true, vatNumber: buyerVat } });
  const service = createQuoteService(deps);
  const provider = opts.provider ? { provider: opts.provider } : {};
  let quote: TaxQuote;
  try {
    if (parsed.kind === 'order') {
      quote = await service.taxQuoteForOrder(tenant, parsed.order, { ...provider, ...(opts.date ? { date: opts.date } : {}), ...(buyerVat ? { buyerVat } : {}) });
    } else {
      const request =
        parsed.kind === 'request'
          ? opts.date
            ? { ...parsed.request, date: opts.date }
            : parsed.request
          : shipmentToTaxQuoteRequest(parsed.shipment, sellerContextFor(deps.config, tenant), { date: opts.date ?? new Date().toISOString().slice(0, 10) });
      quote = await service.taxQuote(tenant, asBuyer(request), provider);
    }
  } catch (e) {
    if (e instanceof QuoteInputError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
  return opts.json ? JSON.stringify(quote, null, 2) : explainTaxQuote(quote);
}

export async function dutyQuoteCommand(
  deps: QuoteCommandDeps,
  file: string,
  opts: { tenant?: string; provider?: string; date?: string; incoterm?: string; json?: boolean },
): Promise<string> {
  if (opts.date && !DATE.test(opts.date)) throw new CliError(`--date "${opts.date}" must be YYYY-MM-DD`);
  const incoterm = IncotermSchema.safeParse(opts.incoterm ?? 'DAP');
  if (!incoterm.success) throw new CliError('--incoterm must be DAP or DDP');
  const tenant = pickTenant(deps.config, opts.tenant);
  const parsed = classify(readCanonical(file), file, false);
  if (parsed.kind === 'request') throw new CliError(`${file}: a duty quote needs a shipment or an order`);
  const service = createQuoteService(deps);
  const provider = opts.provider ? { provider: opts.provider } : {};
  let quote: LandedCostQuote;
  try {
    if (parsed.kind === 'order') {
      quote = await service.landedCostForOrder(tenant, parsed.order, { ...provider, incoterm: incoterm.data, ...(opts.date ? { date: opts.date } : {}) });
    } else {
      const shipment = opts.incoterm ? { ...parsed.shipment, incoterm: incoterm.data } : parsed.shipment;
      quote = await service.landedCost(tenant, shipment, { ...provider, date: opts.date ?? new Date().toISOString().slice(0, 10) });
    }
  } catch (e) {
    if (e instanceof QuoteInputError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
  return opts.json ? JSON.stringify(quote, null, 2) : explainLandedCost(quote);
}
