/**
 * Tax and landed-cost quotes as services: the tenant's configured provider answers
 * (the built-in engines by default, or a connection offering the tax-provider or
 * landed-cost-provider capability), with the FX rates of the quote's date read from the
 * store (fetched first when missing, and only when the quote converts). The CLI calls the
 * service directly; workflows call the activities, which name a stored order by its key
 * and load it themselves, so no address or buyer data enters workflow history.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { ConfigError } from '../config/errors.js';
import { findTenant, type TenantConfig, type TenantsConfig } from '../config/tenants-config.js';
import type { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { toViesCountryCode, type ViesCheckResult } from '../connectors/vies/index.js';
import { LandedCostError, quoteLandedCost } from '../engines/duty/index.js';
import { checkVatNumberFormat, quoteTax, type VatNumberStatus } from '../engines/tax/index.js';
import { converterFor, createFxRateTable, FxConversionError, type FxRateTable } from '../engines/fx/index.js';
import {
  orderToShipment,
  orderToTaxQuoteRequest,
  type Incoterm,
  type LandedCostQuote,
  type MappingError,
  type MappingResult,
  type Order,
  type SellerContext,
  type Shipment,
  type TaxQuote,
  type TaxQuoteRequest,
} from '../mappings/canonical/index.js';
import { getOrder } from '../store/orders-repository.js';
import { asActivity } from './failures.js';
import { createFxService } from './fx.js';
import { LANDED_COST_MAPPINGS, quoteMappingFor, TAX_QUOTE_MAPPINGS, type QuoteMappingContext } from './quote-mappings.js';
import { createVendorClients, type VendorClients } from './vendor-clients.js';

export interface QuoteServiceDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  limiter?: RateLimiterRegistry;
  /** The worker's connector cache; one of its own (on `limiter`) when absent (the CLI). */
  vendors?: VendorClients;
  /** Clock for the VIES answer cache (tests). */
  now?: () => number;
}

/** A VIES answer is reused this long per (country, number): the register changes rarely, VIES is rate limited. */
export const VIES_CACHE_TTL_MS = 60 * 60 * 1000;
const VIES_CACHE_MAX = 10_000;

export class QuoteInputError extends Error {
  override readonly name = 'QuoteInputError';
  constructor(readonly mappingError: MappingError) {
    super(mappingError.message);
  }
}

/** A quote named an order the hub does not hold. */
export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
}

/** The tenant's seller profile and default ship-from address (orders carry no ship-from). */
export function sellerContextFor(config: TenantsConfig, tenant: string): SellerContext {
  const tax = findTenant(config, tenant).tax;
  if (!tax) throw new ConfigError(`tenant "${tenant}" has no tax section (seller profile and ship-from address) in the config`);
  return { seller: tax.seller, shipFrom: tax.shipFrom };
}

const BUILTIN = 'builtin';

function orThrow<T>(result: MappingResult<T>): T {
  if (!result.ok) throw new QuoteInputError(result.error);
  return result.value;
}

function withNotes<Q extends { notes: string[] }>(quote: Q, notes: readonly string[]): Q {
  return notes.length ? { ...quote, notes: [...quote.notes, ...notes] } : quote;
}

export function createQuoteService(deps: QuoteServiceDeps) {
  const vendors =
    deps.vendors ??
    createVendorClients({ config: deps.config, logger: deps.logger, ...(deps.env ? { env: deps.env } : {}), ...(deps.limiter ? { limiter: deps.limiter } : {}) });
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger, vendors });
  const now = deps.now ?? Date.now;
  const viesAnswers = new Map<string, { at: number; result: ViesCheckResult }>();

  /** Rates for `date`; when the source cannot be read (offline), the quote goes on and says what it could not convert. */
  async function fxFor(date: string, notes: string[]): Promise<FxRateTable> {
    try {
      return await fx.rateTableFor(date);
    } catch (e) {
      notes.push(`FX rates for ${date} could not be read from ${deps.config.fx.default}: ${(e as Error).message}`);
      return createFxRateTable([]);
    }
  }

  /**
   * Runs a pure quote with the rates it needs and reads none when it converts nothing (a quote
   * in one currency works offline without a word about the FX source): a first run on a table
   * that only notes being consulted tells whether any conversion was asked for.
   */
  async function withFx<Q>(date: string, notes: string[], quote: (fx: FxRateTable) => Q): Promise<Q> {
    let consulted = false;
    const probe = new Proxy(createFxRateTable([]), {
      get(target, property, receiver) {
        consulted = true;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    let first: { value: Q } | undefined;
    try {
      first = { value: quote(probe) };
    } catch (error) {
      if (!consulted) throw error;
    }
    if (!consulted && first !== undefined) return first.value;
    return quote(await fxFor(date, notes));
  }

  function mappingContext(tenant: string, settings: QuoteMappingContext['settings'], date: string): QuoteMappingContext {
    return { tenant, tenantConfig: findTenant(deps.config, tenant), settings, date };
  }

  /** VIES's answer for one number, from the hour-long cache or asked now; undefined when VIES gave none. */
  async function viesAnswer(tenant: string, connectionId: string, country: string, number: string, key: string) {
    const cached = viesAnswers.get(key);
    if (cached && now() - cached.at < VIES_CACHE_TTL_MS) return { status: (cached.result.valid ? 'valid' : 'invalid') as VatNumberStatus, result: cached.result };
    const { capability } = vendors.capability(tenant, connectionId, 'vatNumberChecker');
    const answer = await capability.check(country, number);
    const result = answer.result as ViesCheckResult | undefined;
    if (result) {
      if (viesAnswers.size >= VIES_CACHE_MAX) viesAnswers.delete(viesAnswers.keys().next().value!);
      viesAnswers.set(key, { at: now(), result });
    }
    return { status: answer.status, result, reason: answer.reason };
  }

  /**
   * The live VIES answer for a business buyer's EU VAT number, asked before the (synchronous)
   * engine runs. 'unknown' when VIES cannot say now (member state down, throttled, timeout):
   * the engine then relies on the format check and says so. Answers are cached for an hour.
   * The notes keep the number, VIES's date and consultation number, never the trader's name.
   */
  async function liveVatNumberCheck(tenant: string, connectionId: string, request: TaxQuoteRequest, notes: string[]) {
    const { vatNumber, isBusiness } = request.buyer;
    if (!isBusiness || !vatNumber) return undefined;
    const format = checkVatNumberFormat(vatNumber, request.shipTo.country);
    if (!format.formatValid || format.country === undefined || format.number === undefined) return undefined;
    const viesCountry = toViesCountryCode(format.country);
    if (viesCountry === undefined) return undefined; // VIES covers EU numbers and XI only.
    const { status, result, reason } = await viesAnswer(tenant, connectionId, format.country, format.number, `${viesCountry}${format.number}`);
    if (result) {
      const evidence = result.requestIdentifier === undefined ? '' : `, consultation number ${result.requestIdentifier}`;
      notes.push(`VIES on ${result.requestDate}: ${viesCountry}${result.vatNumber} ${result.valid ? 'valid' : 'not valid'}${evidence}`);
      if (request.date < result.requestDate.slice(0, 10)) notes.push(`VIES answers for today only: the status on ${request.date} is not confirmed`);
    } else {
      notes.push(`VIES gave no answer for ${format.normalized}: ${reason ?? status}`);
    }
    return { country: format.country, number: format.number, status };
  }

  /** The engine's live check, when the tenant names a VAT-number checker: it asks for the number it read, anything else has no live answer. */
  async function vatNumberCheckFor(tenant: string, request: TaxQuoteRequest, notes: string[]) {
    const checkWith = findTenant(deps.config, tenant).tax?.vatNumberCheck;
    if (checkWith === undefined) return {};
    const live = await liveVatNumberCheck(tenant, checkWith, request, notes);
    return {
      vatNumberCheck: (country: string, number: string): VatNumberStatus =>
        live !== undefined && live.country === country && live.number === number ? live.status : 'unknown',
    };
  }

  async function builtinTaxQuote(tenant: string, request: TaxQuoteRequest): Promise<TaxQuote> {
    const notes: string[] = [];
    const check = await vatNumberCheckFor(tenant, request, notes);
    const unconfirmedVatNumbers = findTenant(deps.config, tenant).tax?.unconfirmedVatNumbers ?? 'reverse-charge';
    const quote = await withFx(request.date, notes, (fx) => quoteTax(request, { fx, ...check, unconfirmedVatNumbers }));
    return withNotes(quote, notes);
  }

  async function vendorTaxQuote(tenant: string, provider: string, request: TaxQuoteRequest): Promise<TaxQuote> {
    const { capability, config } = vendors.capability(tenant, provider, 'taxProvider');
    const mapping = quoteMappingFor(TAX_QUOTE_MAPPINGS, config.vendor, 'tax quote');
    const vendorRequest = orThrow(mapping.request(request, mappingContext(tenant, config.settings, request.date)));
    const answer = await capability.quoteTax(vendorRequest);
    return orThrow(mapping.quote(answer, request));
  }

  async function builtinLandedCost(tenant: string, t: TenantConfig, shipment: Shipment, date: string): Promise<LandedCostQuote> {
    const notes: string[] = [];
    const quote = await withFx(date, notes, (fx) => quoteLandedCost(shipment, { date, fx, sellerCurrency: t.currency, tariff: t.duty?.tariff ?? [] }));
    return withNotes(quote, notes);
  }

  async function vendorLandedCost(tenant: string, t: TenantConfig, provider: string, shipment: Shipment, date: string): Promise<LandedCostQuote> {
    const { capability, config } = vendors.capability(tenant, provider, 'landedCostProvider');
    const mapping = quoteMappingFor(LANDED_COST_MAPPINGS, config.vendor, 'landed-cost');
    const prepared = orThrow(mapping.request(shipment, mappingContext(tenant, config.settings, date)));
    const answer = await capability.quoteLandedCost(prepared.request);
    const notes: string[] = [];
    const quote = orThrow(await withFx(date, notes, (fx) => prepared.quote(answer, { date, sellerCurrency: t.currency, convert: converterFor({ table: fx }) })));
    return withNotes(quote, notes);
  }

  async function taxQuote(tenant: string, request: TaxQuoteRequest, opts: { provider?: string } = {}): Promise<TaxQuote> {
    const provider = opts.provider ?? findTenant(deps.config, tenant).tax?.provider ?? BUILTIN;
    return provider === BUILTIN ? builtinTaxQuote(tenant, request) : vendorTaxQuote(tenant, provider, request);
  }

  async function landedCost(tenant: string, shipment: Shipment, opts: { provider?: string; date: string }): Promise<LandedCostQuote> {
    const t = findTenant(deps.config, tenant);
    const provider = opts.provider ?? t.duty?.provider ?? BUILTIN;
    return provider === BUILTIN ? builtinLandedCost(tenant, t, shipment, opts.date) : vendorLandedCost(tenant, t, provider, shipment, opts.date);
  }

  /** Tax on a canonical order, with the tenant's seller profile; `buyerVat` quotes for a business buyer. */
  async function taxQuoteForOrder(tenant: string, order: Order, opts: { date?: string; provider?: string; buyerVat?: string } = {}): Promise<TaxQuote> {
    const request = orThrow(orderToTaxQuoteRequest(order, sellerContextFor(deps.config, tenant), opts.date ? { date: opts.date } : {}));
    const asBuyer = opts.buyerVat === undefined ? request : { ...request, buyer: { isBusiness: true, vatNumber: opts.buyerVat } };
    return taxQuote(tenant, asBuyer, opts.provider ? { provider: opts.provider } : {});
  }

  /** Landed cost of a canonical order shipped from the tenant's ship-from address; the date defaults to the purchase date. */
  async function landedCostForOrder(
    tenant: string,
    order: Order,
    opts: { date?: string; provider?: string; incoterm?: Incoterm } = {},
  ): Promise<LandedCostQuote> {
    const shipment = orThrow(orderToShipment(order, { shipFrom: sellerContextFor(deps.config, tenant).shipFrom, incoterm: opts.incoterm ?? 'DAP' }));
    return landedCost(tenant, shipment, { date: opts.date ?? order.purchasedAt.slice(0, 10), ...(opts.provider ? { provider: opts.provider } : {}) });
  }

  /** A stored order by its key. */
  async function storedOrder(tenant: string, channel: string, externalId: string): Promise<Order> {
    findTenant(deps.config, tenant);
    const order = await getOrder(deps.db, tenant, channel, externalId);
    if (!order) throw new OrderNotFoundError(`no order ${externalId} of tenant "${tenant}" on channel "${channel}" in the hub`);
    return order;
  }

  return { taxQuote, landedCost, taxQuoteForOrder, landedCostForOrder, storedOrder };
}

/** A stored order, named by its key: only these keys (no address, no buyer data) travel in workflow history. */
export interface StoredOrderRef {
  tenant: string;
  channel: string;
  externalId: string;
}

export interface QuoteActivities {
  quoteOrderTax(input: StoredOrderRef & { date?: string; provider?: string }): Promise<TaxQuote>;
  quoteOrderLandedCost(input: StoredOrderRef & { date?: string; provider?: string; incoterm?: Incoterm }): Promise<LandedCostQuote>;
}

/** Failures no retry can cure: bad order data, an unknown order, no rules for the destination, no rate. */
const QUOTE_NON_RETRYABLE = [QuoteInputError, OrderNotFoundError, LandedCostError, FxConversionError];

/** The caller's options, without the keys it left out. */
function quoteOptions<T extends { date?: string; provider?: string; incoterm?: Incoterm }>(input: T) {
  return {
    ...(input.date ? { date: input.date } : {}),
    ...(input.provider ? { provider: input.provider } : {}),
    ...(input.incoterm ? { incoterm: input.incoterm } : {}),
  };
}

export function createQuoteActivities(deps: QuoteServiceDeps): QuoteActivities {
  const service = createQuoteService(deps);
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActivity(fn, QUOTE_NON_RETRYABLE);
  return {
    quoteOrderTax: (input) =>
      run(async () => {
        const order = await service.storedOrder(input.tenant, input.channel, input.externalId);
        return service.taxQuoteForOrder(input.tenant, order, quoteOptions(input));
      }),
    quoteOrderLandedCost: (input) =>
      run(async () => {
        const order = await service.storedOrder(input.tenant, input.channel, input.externalId);
        return service.landedCostForOrder(input.tenant, order, quoteOptions(input));
      }),
  };
}
