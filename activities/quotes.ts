/**
 * Tax and landed-cost quotes as services: the tenant's configured provider answers
 * (the built-in engines by default, AvaTax or DHL Express where configured), with the
 * FX rates of the quote's date read from the store (fetched first when missing). The CLI
 * calls the service directly; workflows call the activities.
 */
import type { Knex } from 'knex';
import { createAvalaraClient, transactionCodeFor } from '../connectors/avalara/index.js';
import { createDhlClient } from '../connectors/dhl/index.js';
import { createViesClient, toViesCountryCode, type ViesCheckResult, type ViesClient } from '../connectors/vies/index.js';
import { isConnectorError } from '../connectors/http/errors.js';
import { RateLimiterRegistry } from '../connectors/http/rate-limiter.js';
import { quoteLandedCost } from '../engines/duty/index.js';
import { checkVatNumberFormat, quoteTax, type VatNumberStatus } from '../engines/tax/index.js';
import { avalaraTransactionToLandedCost, avalaraTransactionToTaxQuote, taxQuoteRequestToCreateTransaction } from '../mappings/avalara/index.js';
import { createFxRateTable, type FxRateTable } from '../mappings/canonical/convert.js';
import { shipmentToTaxQuoteRequest, type LandedCostQuote, type MappingError, type Shipment, type TaxQuote, type TaxQuoteRequest } from '../mappings/canonical/index.js';
import { dhlLandedCostToQuote, shipmentToLandedCostRequest } from '../mappings/dhl/index.js';
import { ConfigError } from '../worker/env.js';
import type { Logger } from '../worker/logger.js';
import { resolveSecret } from '../worker/secrets.js';
import type { TenantConfig, TenantsConfig } from '../worker/tenants-config.js';
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

export function tenantConfig(config: TenantsConfig, tenant: string): TenantConfig {
  const t = config.tenants[tenant];
  if (!t) throw new ConfigError(`unknown tenant "${tenant}" (configured: ${Object.keys(config.tenants).join(', ') || '(none)'})`);
  return t;
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

  function connection(tenant: string, id: string) {
    const c = tenantConfig(deps.config, tenant).connections[id];
    if (!c) throw new ConfigError(`tenant "${tenant}" has no connection "${id}"`);
    return c;
  }

  const now = deps.now ?? Date.now;
  const viesClients = new Map<string, ViesClient>();
  const viesAnswers = new Map<string, { at: number; result: ViesCheckResult }>();

  function vies(tenant: string, id: string): ViesClient {
    const key = `${tenant}/${id}`;
    let client = viesClients.get(key);
    if (!client) {
      const c = connection(tenant, id);
      if (c.vendor !== 'vies') throw new ConfigError(`connection "${id}" of tenant "${tenant}" is ${c.vendor}, not vies`);
      client = createViesClient({ tenant, settings: c.settings, logger: deps.logger, limiter });
      viesClients.set(key, client);
    }
    return client;
  }

  /**
   * The live VIES answer for a business buyer's EU VAT number, asked before the (synchronous)
   * engine runs. 'unknown' when VIES cannot say now (member state down, throttled, timeout):
   * the engine then relies on the format check and says so. Answers are cached for an hour.
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
    if (!result) {
      try {
        result = await vies(tenant, connectionId).checkVatNumber({ countryCode: viesCountry, vatNumber: format.number });
        if (viesAnswers.size >= VIES_CACHE_MAX) viesAnswers.delete(viesAnswers.keys().next().value!);
        viesAnswers.set(key, { at: now(), result });
      } catch (e) {
        if (!isConnectorError(e)) throw e;
        if (e.kind === 'transient' || e.kind === 'rate_limited') {
          notes.push(`VIES could not check ${format.normalized} now (${e.message})`);
          return { country: format.country, number: format.number, status: 'unknown' as const };
        }
        if (e.vendorCode === 'INVALID_INPUT') {
          notes.push(`VIES refused ${format.normalized} as input: not a registered number`);
          return { country: format.country, number: format.number, status: 'invalid' as const };
        }
        throw e;
      }
    }
    const status: VatNumberStatus = result.valid ? 'valid' : 'invalid';
    const evidence = result.requestIdentifier === undefined ? '' : `, consultation number ${result.requestIdentifier}`;
    notes.push(`VIES on ${result.requestDate}: ${viesCountry}${result.vatNumber} ${result.valid ? 'valid' : 'not valid'}${result.name === undefined ? '' : ` (${result.name})`}${evidence}`);
    if (request.date < result.requestDate.slice(0, 10)) {
      notes.push(`VIES answers for today only: the status on ${request.date} is not confirmed`);
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
      const quote = quoteTax(request, {
        fx: await fxFor(request.date, notes),
        ...(checkWith === undefined
          ? {}
          : {
              // The engine asks for the number it read; anything else (a non-EU number) has no live answer.
              vatNumberCheck: (country: string, number: string) =>
                live !== undefined && live.country === country && live.number === number ? live.status : 'unknown',
            }),
      });
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
      const table = await fxFor(opts.date, notes);
      const quote = quoteLandedCost(shipment, { date: opts.date, fx: table, sellerCurrency: t.currency, tariff: t.duty?.tariff ?? [] });
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
      const quote = dhlLandedCostToQuote(response, shipment, { date: opts.date, fx: await fxFor(opts.date, notes), sellerCurrency: t.currency });
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
      const quote = avalaraTransactionToLandedCost(result.transaction, request);
      if (!quote.ok) throw new QuoteInputError(quote.error);
      return quote.value;
    }
    throw new ConfigError(`connection "${provider}" of tenant "${tenant}" (${c.vendor}) cannot quote landed cost`);
  }

  return { taxQuote, landedCost };
}

export interface QuoteActivities {
  quoteTax(input: { tenant: string; request: TaxQuoteRequest; provider?: string }): Promise<TaxQuote>;
  quoteLandedCost(input: { tenant: string; shipment: Shipment; date: string; provider?: string }): Promise<LandedCostQuote>;
}

export function createQuoteActivities(deps: QuoteServiceDeps): QuoteActivities {
  const service = createQuoteService(deps);
  return {
    quoteTax: (input) => asActivity(() => service.taxQuote(input.tenant, input.request, input.provider ? { provider: input.provider } : {})),
    quoteLandedCost: (input) =>
      asActivity(() => service.landedCost(input.tenant, input.shipment, { date: input.date, ...(input.provider ? { provider: input.provider } : {}) })),
  };
}
