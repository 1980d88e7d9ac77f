/**
 * Tax and landed-cost quotes as services: the tenant's configured provider answers
 * (the built-in engines by default, AvaTax or DHL Express where configured), with the
 * FX rates of the quote's date read from the store (fetched first when missing). The CLI
 * calls the service directly; workflows call the activities, which name a stored order by
 * its key and load it themselves, so no address or buyer data enters workflow history.
 */
import type { Knex } from 'knex';
import { createAvalaraClient, transactionCodeFor } from '../connectors/avalara/index.js';
import { createDhlClient } from '../connectors/dhl/index.js';
import { createViesClient, toViesCountryCode, viesVatNumberCheck, type ViesCheckResult, type ViesVatNumberCheck } from '../connectors/vies/index.js';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { LandedCostError, quoteLandedCost } from '../engines/duty/index.js';
import { checkVatNumberFormat, quoteTax, type VatNumberStatus } from '../engines/tax/index.js';
import { avalaraTransactionToLandedCost, avalaraTransactionToTaxQuote, taxQuoteRequestToCreateTransaction } from '../mappings/avalara/index.js';
import { createFxRateTable, FxConversionError, type FxRateTable } from '../mappings/canonical/convert.js';
import {
  orderToShipment,
  orderToTaxQuoteRequest,
  shipmentToTaxQuoteRequest,
  type Incoterm,
  type LandedCostQuote,
  type MappingError,
  type Order,
  type SellerContext,
  type Shipment,
  type TaxQuote,
  type TaxQuoteRequest,
} from '../mappings/canonical/index.js';
import { dhlLandedCostToQuote, shipmentToLandedCostRequest } from '../mappings/dhl/index.js';
import { ConfigError } from '../config/errors.js';
import type { Logger } from 'pino';
import { resolveSecret } from '../config/secrets.js';
import { getOrder } from '../store/orders-repository.js';
import type { TenantConfig, TenantsConfig } from '../config/tenants-config.js';
import { asActivity } from './failures.js';
import { createFxService } from './fx.js';

export interface QuoteServiceDeps {
  db: Knex;
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  limiter?: RateLimiterRegistry;
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

export function tenantConfig(config: TenantsConfig, tenant: string): TenantConfig {
  const t = config.tenants[tenant];
  if (!t) throw new ConfigError(`unknown tenant "${tenant}" (configured: ${Object.keys(config.tenants).join(', ') || '(none)'})`);
  return t;
}

/** The tenant's seller profile and default ship-from address (orders carry no ship-from). */
export function sellerContextFor(config: TenantsConfig, tenant: string): SellerContext {
  const tax = tenantConfig(config, tenant).tax;
  if (!tax) throw new ConfigError(`tenant "${tenant}" has no tax section (seller profile and ship-from address) in the config`);
  return { seller: tax.seller, shipFrom: tax.shipFrom };
}

export function createQuoteService(deps: QuoteServiceDeps) {
  const limiter = deps.limiter ?? new RateLimiterRegistry();
  const env = deps.env ?? process.env;
  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger, limiter, env });

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

  function connection(tenant: string, id: string) {
    const c = tenantConfig(deps.config, tenant).connections[id];
    if (!c) throw new ConfigError(`tenant "${tenant}" has no connection "${id}"`);
    return c;
  }

  const now = deps.now ?? Date.now;
  const viesChecks = new Map<string, ViesVatNumberCheck>();
  const viesAnswers = new Map<string, { at: number; result: ViesCheckResult }>();

  function viesCheck(tenant: string, id: string): ViesVatNumberCheck {
    const key = `${tenant}/${id}`;
    let check = viesChecks.get(key);
    if (!check) {
      const c = connection(tenant, id);
      if (c.vendor !== 'vies') throw new ConfigError(`connection "${id}" of tenant "${tenant}" is ${c.vendor}, not vies`);
      check = viesVatNumberCheck(createViesClient({ tenant, settings: c.settings, logger: deps.logger, limiter }));
      viesChecks.set(key, check);
    }
    return check;
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
    const key = `${viesCountry}${format.number}`;
    const cached = viesAnswers.get(key);
    let result = cached && now() - cached.at < VIES_CACHE_TTL_MS ? cached.result : undefined;
    let status: VatNumberStatus;
    if (result) {
      status = result.valid ? 'valid' : 'invalid';
    } else {
      const answer = await viesCheck(tenant, connectionId)(format.country, format.number);
      status = answer.status;
      result = answer.result;
      if (result) {
        if (viesAnswers.size >= VIES_CACHE_MAX) viesAnswers.delete(viesAnswers.keys().next().value!);
        viesAnswers.set(key, { at: now(), result });
      } else {
        notes.push(`VIES gave no answer for ${format.normalized}: ${answer.reason ?? status}`);
      }
    }
    if (result) {
      const evidence = result.requestIdentifier === undefined ? '' : `, consultation number ${result.requestIdentifier}`;
      notes.push(`VIES on ${result.requestDate}: ${viesCountry}${result.vatNumber} ${result.valid ? 'valid' : 'not valid'}${evidence}`);
      if (request.date < result.requestDate.slice(0, 10)) {
        notes.push(`VIES answers for today only: the status on ${request.date} is not confirmed`);
      }
    }
    return { country: format.country, number: format.number, status };
  }

  function avalara(tenant: string, id: string) {
    const c = connection(tenant, id);
    if (c.vendor !== 'avalara') throw new ConfigError(`connection "${id}" of tenant "${tenant}" is ${c.vendor}, not avalara`);
    const credentials =
      'bearerToken' in c.secrets
        ? { bearerToken: resolveSecret(c.secrets.bearerToken, env) }
        : { accountId: resolveSecret(c.secrets.accountId, env), licenseKey: resolveSecret(c.secrets.licenseKey, env) };
    return { client: createAvalaraClient({ tenant, settings: c.settings, credentials, logger: deps.logger, limiter }), settings: c.settings };
  }

  async function taxQuote(tenant: string, request: TaxQuoteRequest, opts: { provider?: string } = {}): Promise<TaxQuote> {
    const provider = opts.provider ?? tenantConfig(deps.config, tenant).tax?.provider ?? 'builtin';
    if (provider === 'builtin') {
      const notes: string[] = [];
      const checkWith = tenantConfig(deps.config, tenant).tax?.vatNumberCheck;
      const live = checkWith === undefined ? undefined : await liveVatNumberCheck(tenant, checkWith, request, notes);
      const quote = await withFx(request.date, notes, (fx) =>
        quoteTax(request, {
          fx,
          ...(checkWith === undefined
            ? {}
            : {
                // The engine asks for the number it read; anything else (a non-EU number) has no live answer.
                vatNumberCheck: (country: string, number: string) =>
                  live !== undefined && live.country === country && live.number === number ? live.status : 'unknown',
              }),
        }),
      );
      return notes.length ? { ...quote, notes: [...quote.notes, ...notes] } : quote;
    }
    const { client, settings } = avalara(tenant, provider);
    // A quote is a SalesOrder: AvaTax computes it without recording a document.
    const model = taxQuoteRequestToCreateTransaction(request, {
      companyCode: settings.companyCode,
      code: transactionCodeFor({ tenant, order: request.reference }),
      type: 'SalesOrder',
    });
    if (!model.ok) throw new QuoteInputError(model.error);
    const result = await client.createTransaction(model.value);
    const quote = avalaraTransactionToTaxQuote(result.transaction, request);
    if (!quote.ok) throw new QuoteInputError(quote.error);
    return quote.value;
  }

  async function landedCost(
    tenant: string,
    shipment: Shipment,
    opts: { provider?: string; date: string },
  ): Promise<LandedCostQuote> {
    const t = tenantConfig(deps.config, tenant);
    const provider = opts.provider ?? t.duty?.provider ?? 'builtin';
    if (provider === 'builtin') {
      const notes: string[] = [];
      const quote = await withFx(opts.date, notes, (fx) =>
        quoteLandedCost(shipment, { date: opts.date, fx, sellerCurrency: t.currency, tariff: t.duty?.tariff ?? [] }),
      );
      return notes.length ? { ...quote, notes: [...quote.notes, ...notes] } : quote;
    }
    const c = connection(tenant, provider);
    if (c.vendor === 'dhl') {
      const client = createDhlClient({
        tenant,
        settings: c.settings,
        credentials: { username: resolveSecret(c.secrets.username, env), password: resolveSecret(c.secrets.password, env) },
        logger: deps.logger,
      });
      const request = shipmentToLandedCostRequest(shipment, { accountNumber: c.settings.accountNumber });
      if (!request.ok) throw new QuoteInputError(request.error);
      const { response } = await client.getLandedCost(request.value);
      const notes: string[] = [];
      const quote = await withFx(opts.date, notes, (fx) => dhlLandedCostToQuote(response, shipment, { date: opts.date, fx, sellerCurrency: t.currency }));
      if (!quote.ok) throw new QuoteInputError(quote.error);
      return notes.length ? { ...quote.value, notes: [...quote.value.notes, ...notes] } : quote.value;
    }
    if (c.vendor === 'avalara') {
      if (!t.tax) throw new ConfigError(`tenant "${tenant}" needs a tax section (seller profile) for AvaTax landed cost`);
      const request = shipmentToTaxQuoteRequest(shipment, { seller: t.tax.seller, shipFrom: shipment.shipFrom }, { date: opts.date });
      const { client, settings } = avalara(tenant, provider);
      const model = taxQuoteRequestToCreateTransaction(request, {
        companyCode: settings.companyCode,
        code: transactionCodeFor({ tenant, order: request.reference }),
        type: 'SalesOrder',
      });
      if (!model.ok) throw new QuoteInputError(model.error);
      const result = await client.createTransaction(model.value);
      const notes: string[] = [];
      const quote = await withFx(opts.date, notes, (fx) =>
        avalaraTransactionToLandedCost(result.transaction, request, { sellerCurrency: t.currency, date: opts.date, fx }),
      );
      if (!quote.ok) throw new QuoteInputError(quote.error);
      return notes.length ? { ...quote.value, notes: [...quote.value.notes, ...notes] } : quote.value;
    }
    throw new ConfigError(`connection "${provider}" of tenant "${tenant}" (${c.vendor}) cannot quote landed cost`);
  }

  /** Tax on a canonical order, with the tenant's seller profile; `buyerVat` quotes for a business buyer. */
  async function taxQuoteForOrder(tenant: string, order: Order, opts: { date?: string; provider?: string; buyerVat?: string } = {}): Promise<TaxQuote> {
    const r = orderToTaxQuoteRequest(order, sellerContextFor(deps.config, tenant), opts.date ? { date: opts.date } : {});
    if (!r.ok) throw new QuoteInputError(r.error);
    const request = opts.buyerVat === undefined ? r.value : { ...r.value, buyer: { isBusiness: true, vatNumber: opts.buyerVat } };
    return taxQuote(tenant, request, opts.provider ? { provider: opts.provider } : {});
  }

  /** Landed cost of a canonical order shipped from the tenant's ship-from address; the date defaults to the purchase date. */
  async function landedCostForOrder(
    tenant: string,
    order: Order,
    opts: { date?: string; provider?: string; incoterm?: Incoterm } = {},
  ): Promise<LandedCostQuote> {
    const r = orderToShipment(order, { shipFrom: sellerContextFor(deps.config, tenant).shipFrom, incoterm: opts.incoterm ?? 'DAP' });
    if (!r.ok) throw new QuoteInputError(r.error);
    return landedCost(tenant, r.value, { date: opts.date ?? order.purchasedAt.slice(0, 10), ...(opts.provider ? { provider: opts.provider } : {}) });
  }

  /** A stored order by its key. */
  async function storedOrder(tenant: string, channel: string, externalId: string): Promise<Order> {
    tenantConfig(deps.config, tenant);
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

export function createQuoteActivities(deps: QuoteServiceDeps): QuoteActivities {
  const service = createQuoteService(deps);
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActivity(fn, QUOTE_NON_RETRYABLE);
  return {
    quoteOrderTax: (input) =>
      run(async () =>
        service.taxQuoteForOrder(input.tenant, await service.storedOrder(input.tenant, input.channel, input.externalId), {
          ...(input.date ? { date: input.date } : {}),
          ...(input.provider ? { provider: input.provider } : {}),
        }),
      ),
    quoteOrderLandedCost: (input) =>
      run(async () =>
        service.landedCostForOrder(input.tenant, await service.storedOrder(input.tenant, input.channel, input.externalId), {
          ...(input.date ? { date: input.date } : {}),
          ...(input.provider ? { provider: input.provider } : {}),
          ...(input.incoterm ? { incoterm: input.incoterm } : {}),
        }),
      ),
  };
}
